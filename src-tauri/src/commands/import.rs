//! Imports. The file is chosen in the native open dialog (or, under the end-to-end tests, is the
//! newest file of `CLUSTERDESK_IMPORT_DIR`) and kept here; the window then asks for previews and
//! for the import by options only, never by path.

use std::sync::Mutex;

use clusterdesk_core::Error;
use clusterdesk_core::import::{self, Control, ImportOptions, ImportProgress, ImportReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

/// The chosen file: its name and bytes (read once, so that the preview and the import see the
/// same content even if the file changes on disk in between).
static CHOSEN: Mutex<Option<(String, Vec<u8>)>> = Mutex::new(None);

/// The preview or import under way, which `import_cancel` stops.
static RUNNING: Mutex<Option<Control>> = Mutex::new(None);

/// A control that sends the progress to the window's channel, registered as the one running.
fn control(on_progress: Channel<ImportProgress>) -> Control {
    let control = Control::reporting(move |p| {
        let _ = on_progress.send(p.clone());
    });
    *RUNNING.lock().unwrap_or_else(|e| e.into_inner()) = Some(control.clone());
    control
}

fn chosen() -> CmdResult<(String, Vec<u8>)> {
    let chosen = CHOSEN.lock().unwrap_or_else(|e| e.into_inner());
    chosen.clone().ok_or_else(|| Error::refused("error.import_no_file").to_user())
}

/// Opens the dialog and previews the file chosen; `None` when the user cancels.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_choose_file(
    app: AppHandle,
    state: State<'_, AppState>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<Option<ImportReport>> {
    let store = state.store().await?;
    let filter = ("CSV, Excel", &["csv", "tsv", "txt", "xlsx", "xls", "ods"][..]);
    let Some(path) = export::open(&app, filter, Some("CLUSTERDESK_IMPORT_DIR")).await? else { return Ok(None) };
    let bytes = user(std::fs::read(&path).map_err(Error::from))?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let report = user(import::preview_with(&store, &name, &bytes, &options, &control(on_progress)).await)?;
    *CHOSEN.lock().unwrap_or_else(|e| e.into_inner()) = Some((name, bytes));
    Ok(Some(report))
}

/// The chosen file previewed again with other options (encoding, update).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_preview(
    state: State<'_, AppState>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportReport> {
    let (name, bytes) = chosen()?;
    user(import::preview_with(&state.store().await?, &name, &bytes, &options, &control(on_progress)).await)
}

/// Writes the chosen file (all of it, or nothing; see the core).
#[tauri::command(rename_all = "snake_case")]
pub async fn import_run(
    state: State<'_, AppState>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportReport> {
    let (name, bytes) = chosen()?;
    user(import::import_with(&state.store().await?, &name, &bytes, &options, &control(on_progress)).await)
}

/// Stops the preview or import under way: it rolls back, writing nothing.
#[tauri::command]
pub fn import_cancel() {
    if let Some(control) = RUNNING.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        control.cancel();
    }
}
