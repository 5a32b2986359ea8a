//! The audit log, the staff profiles, and a contact's personal data (export, erasure).

use clusterdesk_core::audit::staff::{self, StaffProfiles};
use clusterdesk_core::audit::{self, AuditEntry, AuditPage, AuditQuery};
use clusterdesk_core::personal_data::{self, ErasureReport, ExportFormat};
use clusterdesk_core::settings;
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
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

/// A contact's personal data in the save dialog, as JSON or PDF; the path written, or `None` when
/// the user cancels (then nothing is recorded).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_contact_data(
    app: AppHandle,
    state: State<'_, AppState>,
    contact_id: i64,
    format: ExportFormat,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let bytes = user(personal_data::export(store, contact_id, format, lang).await)?;
    let filter = match format {
        ExportFormat::Json => ("JSON", "json"),
        ExportFormat::Pdf => ("PDF", "pdf"),
    };
    let saved = export::save(&app, personal_data::file_name(contact_id, format), filter, bytes).await?;
    if saved.is_some() {
        user(personal_data::record_export(store, contact_id, format).await)?;
    }
    Ok(saved)
}

/// Erases a contact's personal data everywhere (see `clusterdesk_core::personal_data::erase`).
#[tauri::command(rename_all = "snake_case")]
pub async fn erase_contact(state: State<'_, AppState>, contact_id: i64) -> CmdResult<ErasureReport> {
    user(personal_data::erase(&state.store().await?, contact_id).await)
}
