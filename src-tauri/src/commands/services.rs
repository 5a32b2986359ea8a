//! Services to members: requests and consulting, joint projects, representation, introductions
//! and suggestions, and a cluster's timeline.

use clusterdesk_core::network::{self, Introduction, IntroductionFilter, IntroductionInput, Suggestions};
use clusterdesk_core::projects::{self, Project, ProjectFilter, ProjectInput, ProjectRow};
use clusterdesk_core::representation::{self, Consultation, ConsultationFilter, ConsultationInput, ConsultationRow};
use clusterdesk_core::services::{
    self, ActivityInput, FollowUpInput, MyWork, RequestDetail, RequestFilter, RequestInput, RequestRow, RequestStatus,
};
use clusterdesk_core::timeline::{self, TimelinePage, TimelineQuery};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_requests(state: State<'_, AppState>, filter: RequestFilter) -> CmdResult<Vec<RequestRow>> {
    user(services::list_requests(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn request_detail(state: State<'_, AppState>, id: i64) -> CmdResult<RequestDetail> {
    user(services::request_detail(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_request(state: State<'_, AppState>, id: Option<i64>, input: RequestInput) -> CmdResult<i64> {
    let store = state.store().await?;
    match id {
        Some(id) => user(services::update_request(&store, id, &input).await.map(|()| id)),
        None => user(services::create_request(&store, &input).await),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_request_status(
    state: State<'_, AppState>,
    id: i64,
    status: RequestStatus,
    outcome: String,
) -> CmdResult<()> {
    user(services::set_request_status(&state.store().await?, id, status, &outcome).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_request(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(services::delete_request(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_activity(
    state: State<'_, AppState>,
    request_id: i64,
    id: Option<i64>,
    input: ActivityInput,
) -> CmdResult<i64> {
    user(services::save_activity(&state.store().await?, request_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_activity(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(services::delete_activity(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_follow_up(
    state: State<'_, AppState>,
    request_id: i64,
    id: Option<i64>,
    input: FollowUpInput,
) -> CmdResult<i64> {
    user(services::save_follow_up(&state.store().await?, request_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_follow_up_done(state: State<'_, AppState>, id: i64, done: bool) -> CmdResult<()> {
    user(services::set_follow_up_done(&state.store().await?, id, done).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn my_work(state: State<'_, AppState>) -> CmdResult<MyWork> {
    user(services::my_work(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_timeline(state: State<'_, AppState>, query: TimelineQuery) -> CmdResult<TimelinePage> {
    user(timeline::timeline(&state.store().await?, &query).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_projects(state: State<'_, AppState>, filter: ProjectFilter) -> CmdResult<Vec<ProjectRow>> {
    user(projects::list_projects(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_project(state: State<'_, AppState>, id: i64) -> CmdResult<Project> {
    user(projects::get_project(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_project(state: State<'_, AppState>, id: Option<i64>, input: ProjectInput) -> CmdResult<i64> {
    let store = state.store().await?;
    match id {
        Some(id) => user(projects::update_project(&store, id, &input).await.map(|()| id)),
        None => user(projects::create_project(&store, &input).await),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_project(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(projects::delete_project(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_consultations(
    state: State<'_, AppState>,
    filter: ConsultationFilter,
) -> CmdResult<Vec<ConsultationRow>> {
    user(representation::list_consultations(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_consultation(state: State<'_, AppState>, id: i64) -> CmdResult<Consultation> {
    user(representation::get_consultation(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_consultation(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: ConsultationInput,
) -> CmdResult<i64> {
    user(representation::save_consultation(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_consultation(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(representation::delete_consultation(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_introductions(
    state: State<'_, AppState>,
    filter: IntroductionFilter,
) -> CmdResult<Vec<Introduction>> {
    user(network::list_introductions(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_introduction(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: IntroductionInput,
) -> CmdResult<i64> {
    user(network::save_introduction(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_introduction(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(network::delete_introduction(&state.store().await?, id).await)
}

/// Who could work with the cluster (or one of its organisations), best first, each with why.
#[tauri::command(rename_all = "snake_case")]
pub async fn suggest_partners(
    state: State<'_, AppState>,
    cluster_id: i64,
    organisation_id: Option<i64>,
) -> CmdResult<Suggestions> {
    user(network::suggest(&state.store().await?, cluster_id, organisation_id, network::DEFAULT_LIMIT).await)
}
