//! The audit log and the staff profiles.

use clusterdesk_core::audit::staff::{self, StaffProfiles};
use clusterdesk_core::audit::{self, AuditEntry, AuditPage, AuditQuery};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn staff_profiles(state: State<'_, AppState>) -> CmdResult<StaffProfiles> {
    user(staff::profiles(&state.store().await?).await)
}

/// Switches the window to a profile (created if new); later changes are recorded under it.
#[tauri::command(rename_all = "snake_case")]
pub async fn choose_staff(state: State<'_, AppState>, name: String) -> CmdResult<StaffProfiles> {
    user(staff::choose(&state.store().await?, &name).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn forget_staff(state: State<'_, AppState>, name: String) -> CmdResult<StaffProfiles> {
    user(staff::forget(&state.store().await?, &name).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn audit_entries(state: State<'_, AppState>, query: AuditQuery) -> CmdResult<AuditPage> {
    user(audit::entries(&state.store().await?, &query).await)
}

/// One record's history (its own changes and those of the records that belong to it).
#[tauri::command(rename_all = "snake_case")]
pub async fn audit_history(state: State<'_, AppState>, entity: String, id: i64) -> CmdResult<Vec<AuditEntry>> {
    user(audit::history(&state.store().await?, &entity, id).await)
}
