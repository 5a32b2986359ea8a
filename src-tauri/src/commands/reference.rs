use clusterdesk_core::caen::{self, Attribution, CaenClass, CaenRevision};
use clusterdesk_core::reference::{self, ReferenceData};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn reference_data(state: State<'_, AppState>) -> CmdResult<ReferenceData> {
    user(reference::load(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub fn caen_search(revision: CaenRevision, query: String) -> Vec<CaenClass> {
    caen::search(revision, &query, 30)
}

#[tauri::command(rename_all = "snake_case")]
pub fn caen_attribution() -> &'static Attribution {
    caen::attribution()
}
