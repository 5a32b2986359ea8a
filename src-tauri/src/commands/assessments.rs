//! Assessments: the list, the form, finalisation and revisions, the comparison, the framework
//! editor and the report export. Each command calls one core function.

use clusterdesk_core::assessments::framework::{self, Framework, FrameworkVersion, IndicatorEdit};
use clusterdesk_core::assessments::scoring::{AssessmentResult, IndicatorValue};
use clusterdesk_core::assessments::{
    self, AssessmentDetail, AssessmentInput, AssessmentQuery, AssessmentRow, Comparison, report,
};
use clusterdesk_core::settings;
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_assessments(
    state: State<'_, AppState>,
    query: Option<AssessmentQuery>,
) -> CmdResult<Vec<AssessmentRow>> {
    user(assessments::list(&state.store().await?, &query.unwrap_or_default()).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_assessment(state: State<'_, AppState>, id: i64) -> CmdResult<AssessmentDetail> {
    user(assessments::get(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_assessment(state: State<'_, AppState>, input: AssessmentInput) -> CmdResult<i64> {
    user(assessments::create(&state.store().await?, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_assessment(state: State<'_, AppState>, id: i64, input: AssessmentInput) -> CmdResult<()> {
    user(assessments::update(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_assessment_values(
    state: State<'_, AppState>,
    id: i64,
    values: Vec<IndicatorValue>,
) -> CmdResult<AssessmentResult> {
    user(assessments::save_values(&state.store().await?, id, &values).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn finalise_assessment(state: State<'_, AppState>, id: i64) -> CmdResult<AssessmentResult> {
    user(assessments::finalise(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn revise_assessment(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<i64> {
    user(assessments::revise(&state.store().await?, id, &reason).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_assessment(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(assessments::delete_draft(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn compare_assessments(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<Comparison> {
    user(assessments::compare(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn assessment_framework(state: State<'_, AppState>) -> CmdResult<Framework> {
    user(framework::current(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn framework_versions(state: State<'_, AppState>) -> CmdResult<Vec<FrameworkVersion>> {
    user(framework::versions(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn edit_framework_indicator(state: State<'_, AppState>, edit: IndicatorEdit) -> CmdResult<Framework> {
    user(framework::edit_indicator(&state.store().await?, &edit).await)
}

/// The assessment report as PDF, in the UI language; `None` when the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_assessment_pdf(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let data = user(report::report_data(store, id, lang, store.today()).await)?;
    let bytes = user(report::pdf(&data))?;
    export::save(&app, report::file_name(&data), ("PDF", "pdf"), bytes).await
}
