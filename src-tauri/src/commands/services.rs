//! Requests and consulting, and a cluster's timeline.

use clusterdesk_core::services::{
    self, ActivityInput, FollowUpInput, MyWork, RequestDetail, RequestFilter, RequestInput, RequestRow, RequestStatus,
};
use clusterdesk_core::timeline::{self, TimelinePage, TimelineQuery};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_requests(state: State<'_, AppState>, filter: RequestFilter) -> CmdResult<Vec<RequestRow>> {
    user(services::list_requests(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn request_detail(state: State<'_, AppState>, id: i64) -> CmdResult<RequestDetail> {
    user(services::request_detail(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_request(state: State<'_, AppState>, id: Option<i64>, input: RequestInput) -> CmdResult<i64> {
    let store = state.store().await?;
    match id {
        Some(id) => user(services::update_request(&store, id, &input).await.map(|()| id)),
        None => user(services::create_request(&store, &input).await),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_request_status(
    state: State<'_, AppState>,
    id: i64,
    status: RequestStatus,
    outcome: String,
) -> CmdResult<()> {
    user(services::set_request_status(&state.store().await?, id, status, &outcome).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_request(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(services::delete_request(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_activity(
    state: State<'_, AppState>,
    request_id: i64,
    id: Option<i64>,
    input: ActivityInput,
) -> CmdResult<i64> {
    user(services::save_activity(&state.store().await?, request_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_activity(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(services::delete_activity(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_follow_up(
    state: State<'_, AppState>,
    request_id: i64,
    id: Option<i64>,
    input: FollowUpInput,
) -> CmdResult<i64> {
    user(services::save_follow_up(&state.store().await?, request_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_follow_up_done(state: State<'_, AppState>, id: i64, done: bool) -> CmdResult<()> {
    user(services::set_follow_up_done(&state.store().await?, id, done).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn my_work(state: State<'_, AppState>) -> CmdResult<MyWork> {
    user(services::my_work(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_timeline(state: State<'_, AppState>, query: TimelineQuery) -> CmdResult<TimelinePage> {
    user(timeline::timeline(&state.store().await?, &query).await)
}
