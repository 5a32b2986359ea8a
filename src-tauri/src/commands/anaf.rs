use clusterdesk_core::anaf::check::{self, CheckStatus};
use clusterdesk_core::anaf::propose::{self, Proposal};
use clusterdesk_core::anaf::{self, AnafSettings, StoredAnswer};
use clusterdesk_core::clusters::{ClusterInput, OrganisationInput};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_propose_cluster(state: State<'_, AppState>, input: ClusterInput) -> CmdResult<Proposal> {
    user(propose::propose_cluster(&state.store().await?, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_accept_cluster(
    state: State<'_, AppState>,
    input: ClusterInput,
    accepted: Vec<String>,
) -> CmdResult<ClusterInput> {
    user(propose::accept_cluster(&state.store().await?, &input, &accepted).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_propose_organisation(state: State<'_, AppState>, input: OrganisationInput) -> CmdResult<Proposal> {
    user(propose::propose_organisation(&state.store().await?, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_accept_organisation(
    state: State<'_, AppState>,
    input: OrganisationInput,
    accepted: Vec<String>,
) -> CmdResult<OrganisationInput> {
    user(propose::accept_organisation(&state.store().await?, &input, &accepted).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_answer(state: State<'_, AppState>, cui: String) -> CmdResult<Option<StoredAnswer>> {
    user(anaf::answer(&state.store().await?, &cui).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_settings(state: State<'_, AppState>) -> CmdResult<AnafSettings> {
    user(anaf::settings(state.store().await?.pool()).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_anaf_settings(state: State<'_, AppState>, enabled: bool, url: String) -> CmdResult<()> {
    user(anaf::set_settings(&state.store().await?, enabled, &url).await)
}

/// Starts (or resumes) the membership check in the background; the window polls its status.
#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_check_start(state: State<'_, AppState>, since_days: Option<u32>) -> CmdResult<CheckStatus> {
    let store = state.store().await?;
    if let Some(claimed) = user(check::begin(&store, since_days).await)? {
        let background = store.clone();
        tauri::async_runtime::spawn(async move { claimed.finish(&background).await });
    }
    user(check::status(&store).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn anaf_check_status(state: State<'_, AppState>) -> CmdResult<CheckStatus> {
    user(check::status(&state.store().await?).await)
}
