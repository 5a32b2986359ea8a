use clusterdesk_core::clusters::ClusterQuery;
use clusterdesk_core::reports::tables::{self, Separator};
use clusterdesk_core::settings;
use clusterdesk_core::summary::{self, AnnualSummary, Dashboard};
use clusterdesk_core::{files, i18n};
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

/// The home page's figures, from the same core function as the annual summary.
#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard(state: State<'_, AppState>) -> CmdResult<Dashboard> {
    let store = state.store().await?;
    user(summary::headline(&store, store.today()).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn annual_summary(state: State<'_, AppState>, year: i64) -> CmdResult<AnnualSummary> {
    user(summary::annual(&state.store().await?, year).await)
}

/// The annual summary as PDF, XLSX, or CSV files in a zip; `None` when the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_annual(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i64,
    format: String,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let figures = user(summary::annual(store, year).await)?;
    let (bytes, extension, filter) = match format.as_str() {
        "pdf" => (user(summary::pdf(&figures, lang))?, "pdf", ("PDF", "pdf")),
        "xlsx" => (user(summary::xlsx(&figures, lang))?, "xlsx", ("Excel", "xlsx")),
        _ => (user(summary::csv_zip(&figures, lang, Separator::Semicolon))?, "zip", ("ZIP", "zip")),
    };
    let label = i18n::t(lang, "export.file.annual", &[]);
    let name = files::safe_file_name(&[&label, &year.to_string()], extension);
    export::save(&app, name, filter, bytes).await
}

/// The clusters a list query selects (the whole member directory without one) as CSV or XLSX;
/// `None` when the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_clusters(
    app: AppHandle,
    state: State<'_, AppState>,
    format: String,
    query: Option<ClusterQuery>,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let table = user(summary::directory(store, &query.unwrap_or_default(), lang).await)?;
    let (bytes, extension, filter) = match format.as_str() {
        "xlsx" => (user(tables::to_xlsx(&[table], lang))?, "xlsx", ("Excel", "xlsx")),
        _ => (
            tables::to_csv(&table, tables::CsvOptions { separator: Separator::Semicolon, lang }),
            "csv",
            ("CSV", "csv"),
        ),
    };
    let label = i18n::t(lang, "export.file.clusters", &[]);
    export::save(
        &app,
        files::safe_file_name(&[&label, &store.today().format("%Y-%m-%d").to_string()], extension),
        filter,
        bytes,
    )
    .await
}
