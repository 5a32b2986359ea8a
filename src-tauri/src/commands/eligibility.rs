use clusterdesk_core::eligibility::{self, Eligibility, NationalThresholds};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_eligibility(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<Eligibility> {
    user(eligibility::check(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn eligibility_thresholds(state: State<'_, AppState>) -> CmdResult<NationalThresholds> {
    user(eligibility::thresholds(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_eligibility_thresholds(state: State<'_, AppState>, thresholds: NationalThresholds) -> CmdResult<()> {
    user(eligibility::set_thresholds(&state.store().await?, &thresholds).await)
}
