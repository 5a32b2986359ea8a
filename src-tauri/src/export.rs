//! Where an export goes: the native save dialog, or — for the end-to-end tests, which cannot click
//! a GTK dialog — the folder named by `CLUSTERDESK_EXPORT_DIR`. The UI never sends a path, so the
//! window cannot make the app write anywhere the user did not choose.

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
