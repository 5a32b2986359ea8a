use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::settings::{self, AppStatus};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let needs_setup = !state.db_exists();
    let language =
        if needs_setup { Lang::default() } else { user(settings::language(state.store().await?.pool()).await)? };
    Ok(AppStatus {
        db_path: state.db_path.display().to_string(),
        needs_setup,
        language,
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}

/// The first-start choice: create the database, with the demo data or empty.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_database(state: State<'_, AppState>, demo: bool, language: Lang) -> CmdResult<()> {
    let store = &user(state.open().await)?;
    user(settings::set_language(store.pool(), language).await)?;
    if demo {
        user(demo::generate(store, &DemoOptions::default()).await)?;
    }
    Ok(())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_language(state: State<'_, AppState>, language: Lang) -> CmdResult<()> {
    user(settings::set_language(state.store().await?.pool(), language).await)
}
