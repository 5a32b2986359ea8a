use clusterdesk_core::clusters::{
    self, CaenCode, ClusterDetail, ClusterInput, ClusterPage, ClusterQuery, ContactInput, LabelInput,
    OrganisationInput, PaymentInput,
};
use tauri::State;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_clusters(state: State<'_, AppState>, query: ClusterQuery) -> CmdResult<ClusterPage> {
    user(clusters::list(&state.store().await?, &query).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_cluster(state: State<'_, AppState>, id: i64) -> CmdResult<ClusterDetail> {
    user(clusters::get(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn create_cluster(state: State<'_, AppState>, input: ClusterInput) -> CmdResult<i64> {
    user(clusters::create(&state.store().await?, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_cluster(state: State<'_, AppState>, id: i64, input: ClusterInput) -> CmdResult<()> {
    user(clusters::update(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn archive_cluster(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::archive(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_cluster(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::restore(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_cluster(state: State<'_, AppState>, id: i64, confirm_name: String) -> CmdResult<()> {
    user(clusters::delete_permanently(&state.store().await?, id, &confirm_name).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn replace_cluster_caen(
    state: State<'_, AppState>,
    cluster_id: i64,
    old: CaenCode,
    new: Vec<CaenCode>,
) -> CmdResult<()> {
    user(clusters::replace_caen(&state.store().await?, cluster_id, &old, &new).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_contact(
    state: State<'_, AppState>,
    cluster_id: i64,
    id: Option<i64>,
    input: ContactInput,
) -> CmdResult<i64> {
    user(clusters::save_contact(&state.store().await?, cluster_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_contact(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::delete_contact(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_organisation(
    state: State<'_, AppState>,
    cluster_id: i64,
    id: Option<i64>,
    input: OrganisationInput,
) -> CmdResult<i64> {
    user(clusters::save_organisation(&state.store().await?, cluster_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_organisation(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::delete_organisation(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_fee(state: State<'_, AppState>, cluster_id: i64, year: i64, due_bani: i64) -> CmdResult<()> {
    user(clusters::set_fee(&state.store().await?, cluster_id, year, due_bani).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_payment(state: State<'_, AppState>, cluster_id: i64, input: PaymentInput) -> CmdResult<i64> {
    user(clusters::add_payment(&state.store().await?, cluster_id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_payment(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::delete_payment(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn add_label(state: State<'_, AppState>, cluster_id: i64, input: LabelInput) -> CmdResult<i64> {
    user(clusters::add_label(&state.store().await?, cluster_id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn update_label(state: State<'_, AppState>, id: i64, input: LabelInput) -> CmdResult<()> {
    user(clusters::update_label(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_label(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(clusters::delete_label(&state.store().await?, id).await)
}
