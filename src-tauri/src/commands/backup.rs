//! Backups and restores. The window names a backup by its file name in the backups folder, never
//! by a path; a file elsewhere is chosen in the native open dialog, here.

use clusterdesk_core::UserError;
use clusterdesk_core::backup::{self, BackupInfo, BackupKind, RestoreReport};
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    user(backup::list(&state.store().await?))
}

/// A copy now, in the backups folder.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_backup(state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    user(backup::create(&state.store().await?, BackupKind::Manual).await)
}

/// A copy where the user chooses (the save dialog); the path written, or `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_backup_copy(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let bytes = user(backup::copy_bytes(store).await)?;
    export::save(&app, backup::copy_file_name(store), ("SQLite", "sqlite"), bytes).await
}

/// Restores one of the listed backups, by its file name.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(state: State<'_, AppState>, file_name: String) -> CmdResult<RestoreReport> {
    let path = user(backup::find(&state.store().await?, &file_name))?;
    user(state.restore(&path).await)
}

/// Restores a file chosen in the open dialog; `None` when the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup_from_file(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<RestoreReport>> {
    state.store().await?;
    let picked = export::open(&app, ("SQLite", &["sqlite", "sqlite3", "db"]), None).await?;
    let Some(path) = picked else { return Ok(None) };
    user(state.restore(&path).await).map(Some)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn backup_keep(state: State<'_, AppState>) -> CmdResult<usize> {
    user(backup::keep(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_backup_keep(state: State<'_, AppState>, keep: usize) -> Result<(), UserError> {
    user(backup::set_keep(&state.store().await?, keep).await)
}
