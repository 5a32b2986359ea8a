use clusterdesk_core::sme_audits::{self as audits, ActionStatus, AuditInput, ClusterAudits};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_audits(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<ClusterAudits> {
    user(audits::cluster_audits(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_audit(
    state: State<'_, AppState>,
    cluster_id: i64,
    id: Option<i64>,
    input: AuditInput,
) -> CmdResult<i64> {
    user(audits::save_audit(&state.store().await?, cluster_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_audit(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(audits::delete_audit(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_action_status(state: State<'_, AppState>, id: i64, status: ActionStatus) -> CmdResult<()> {
    user(audits::set_action_status(&state.store().await?, id, status).await)
}
