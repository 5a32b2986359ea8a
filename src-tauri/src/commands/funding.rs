//! Member information: funding calls and regulations on record, and the calls' matching.

use clusterdesk_core::funding::{
    self, CallMatches, ClusterCall, FundingCall, FundingCallFilter, FundingCallInput, FundingCallRow, MATCH_LIMIT,
    Regulation, RegulationFilter, RegulationInput,
};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_calls(state: State<'_, AppState>, filter: FundingCallFilter) -> CmdResult<Vec<FundingCallRow>> {
    user(funding::list_calls(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn closing_calls(state: State<'_, AppState>) -> CmdResult<Vec<FundingCallRow>> {
    user(funding::closing_calls(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn call_programmes(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    user(funding::programmes(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_call(state: State<'_, AppState>, id: i64) -> CmdResult<FundingCall> {
    user(funding::get_call(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_call(state: State<'_, AppState>, id: Option<i64>, input: FundingCallInput) -> CmdResult<i64> {
    let store = state.store().await?;
    match id {
        Some(id) => user(funding::update_call(&store, id, &input).await.map(|()| id)),
        None => user(funding::create_call(&store, &input).await),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_call(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(funding::delete_call(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn match_call(state: State<'_, AppState>, id: i64) -> CmdResult<CallMatches> {
    user(funding::match_call(&state.store().await?, id, MATCH_LIMIT).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_calls(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<Vec<ClusterCall>> {
    user(funding::calls_for_cluster(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_regulations(state: State<'_, AppState>, filter: RegulationFilter) -> CmdResult<Vec<Regulation>> {
    user(funding::list_regulations(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_regulation(state: State<'_, AppState>, id: i64) -> CmdResult<Regulation> {
    user(funding::get_regulation(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_regulation(state: State<'_, AppState>, id: Option<i64>, input: RegulationInput) -> CmdResult<i64> {
    let store = state.store().await?;
    match id {
        Some(id) => user(funding::update_regulation(&store, id, &input).await.map(|()| id)),
        None => user(funding::create_regulation(&store, &input).await),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_regulation(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(funding::delete_regulation(&state.store().await?, id).await)
}
