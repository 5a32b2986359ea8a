use clusterdesk_core::audit::staff;
use clusterdesk_core::clock::Clock;
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::settings::{self, AppStatus};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let needs_setup = !state.db_exists();
    let (language, staff_name) = if needs_setup {
        (Lang::default(), None)
    } else {
        let store = state.store().await?;
        (user(settings::language(store.pool()).await)?, user(settings::chosen_staff_name(store.pool()).await)?)
    };
    Ok(AppStatus {
        db_path: state.db_path.display().to_string(),
        needs_setup,
        language,
        version: env!("CARGO_PKG_VERSION").to_string(),
        staff_name,
        staff_default: staff::os_user(),
        now: user(Clock::from_env())?.now_text(),
    })
}

/// The first-start choice: create the database, with the demo data or empty, and the staff
/// profile of the person starting it.
#[tauri::command(rename_all = "snake_case")]
pub async fn setup_database(
    state: State<'_, AppState>,
    demo: bool,
    language: Lang,
    staff_name: String,
) -> CmdResult<()> {
    let name = user(staff::clean_name(&staff_name))?;
    let store = &user(state.open().await)?;
    user(staff::choose(store, &name).await)?;
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
