//! Where an export goes: the native save dialog, or — for the end-to-end tests, which cannot click
//! a GTK dialog — the folder named by `CLUSTERDESK_EXPORT_DIR`. The UI never sends a path, so the
//! window cannot make the app write anywhere the user did not choose. Files to read (a backup to
//! restore, a file to import) are chosen the same way, in the native open dialog.

use std::path::PathBuf;

use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::tables::{self, Table};
use clusterdesk_core::{Error, UserError, files};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks where to save `file_name` and writes `bytes` there whole; `None` when the user cancels.
pub async fn save(
    app: &AppHandle,
    file_name: String,
    filter: (&str, &str),
    bytes: Vec<u8>,
) -> Result<Option<String>, UserError> {
    let path = match std::env::var_os("CLUSTERDESK_EXPORT_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join(&file_name)),
        None => {
            let (name, extension) = (filter.0.to_string(), filter.1.to_string());
            let app = app.clone();
            // The dialog blocks until the user answers: off the async workers.
            tauri::async_runtime::spawn_blocking(move || {
                app.dialog()
                    .file()
                    .set_file_name(&file_name)
                    .add_filter(name, &[extension.as_str()])
                    .blocking_save_file()
                    .and_then(|p| p.into_path().ok())
            })
            .await
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())).to_user())?
        }
    };
    let Some(path) = path else { return Ok(None) };
    files::write_atomic(&path, &bytes).map_err(|e| e.to_user())?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a file to read (the native open dialog); `None` when the user cancels. Under the
/// end-to-end tests, `e2e_dir` names an environment variable whose folder stands in for the
/// dialog: the newest file in it is the one chosen.
pub async fn open(
    app: &AppHandle,
    filter: (&str, &[&str]),
    e2e_dir: Option<&str>,
) -> Result<Option<PathBuf>, UserError> {
    if let Some(dir) = e2e_dir.and_then(std::env::var_os).filter(|d| !d.is_empty()) {
        let newest = std::fs::read_dir(dir)
            .map_err(|e| Error::Io(e).to_user())?
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
            .max();
        return Ok(newest.map(|(_, path)| path));
    }
    let (name, extensions) = (filter.0.to_string(), filter.1.iter().map(|e| e.to_string()).collect::<Vec<_>>());
    let app = app.clone();
    // The dialog blocks until the user answers: off the async workers.
    tauri::async_runtime::spawn_blocking(move || {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        app.dialog().file().add_filter(name, &extensions).blocking_pick_file().and_then(|p| p.into_path().ok())
    })
    .await
    .map_err(|e| Error::Io(std::io::Error::other(e.to_string())).to_user())
}

/// A table as the bytes of the chosen format ("xlsx", else CSV with semicolons as a Romanian
/// Excel expects), with its extension and the save dialog's filter.
pub fn table_bytes(
    table: Table,
    format: &str,
    lang: Lang,
) -> Result<(Vec<u8>, &'static str, (&'static str, &'static str)), UserError> {
    Ok(match format {
        "xlsx" => (tables::to_xlsx(&[table], lang).map_err(|e| e.to_user())?, "xlsx", ("Excel", "xlsx")),
        _ => (
            tables::to_csv(&table, tables::CsvOptions { separator: tables::Separator::Semicolon, lang }),
            "csv",
            ("CSV", "csv"),
        ),
    })
}
