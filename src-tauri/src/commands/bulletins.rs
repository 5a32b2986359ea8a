//! Bulletins: composing, the audience, the preview, queueing and sending through the outbox, the
//! SMTP settings and a contact's messages.

use clusterdesk_core::bulletins::{
    self, Audience, Bulletin, BulletinInput, BulletinRow, MessageCounts, OutboxMessage, PasswordStore, Preview,
    Recipient, SendReport, SmtpSettings, SmtpSettingsView,
};
use clusterdesk_core::i18n::Lang;
use tauri::State;
use tauri::ipc::Channel;

use super::{CmdResult, user};
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_bulletins(state: State<'_, AppState>) -> CmdResult<Vec<BulletinRow>> {
    user(bulletins::list_bulletins(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_bulletin(state: State<'_, AppState>, id: i64) -> CmdResult<Bulletin> {
    user(bulletins::get_bulletin(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_bulletin(state: State<'_, AppState>, id: Option<i64>, input: BulletinInput) -> CmdResult<i64> {
    user(bulletins::save_bulletin(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_bulletin(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(bulletins::delete_bulletin(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn audience_count(state: State<'_, AppState>, audience: Audience) -> CmdResult<i64> {
    user(bulletins::audience_count(&state.store().await?, &audience).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn audience_recipients(state: State<'_, AppState>, audience: Audience) -> CmdResult<Vec<Recipient>> {
    user(bulletins::recipients(&state.store().await?, &audience).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn preview_bulletin(
    state: State<'_, AppState>,
    id: i64,
    lang: Lang,
    contact_id: Option<i64>,
) -> CmdResult<Preview> {
    user(bulletins::preview(&state.store().await?, id, lang, contact_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn queue_bulletin(state: State<'_, AppState>, id: i64) -> CmdResult<i64> {
    user(bulletins::queue_bulletin(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn send_bulletin(
    state: State<'_, AppState>,
    id: i64,
    on_progress: Channel<MessageCounts>,
) -> CmdResult<SendReport> {
    let store = state.store().await?;
    // A window closed mid-send drops the channel; the sending goes on and is on record.
    let mut progress = |counts: &MessageCounts| {
        let _ = on_progress.send(counts.clone());
    };
    user(bulletins::send_bulletin(&store, id, &mut progress).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn bulletin_messages(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<OutboxMessage>> {
    user(bulletins::bulletin_messages(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn contact_messages(state: State<'_, AppState>, contact_id: i64) -> CmdResult<Vec<OutboxMessage>> {
    user(bulletins::contact_messages(&state.store().await?, contact_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn smtp_settings(state: State<'_, AppState>) -> CmdResult<SmtpSettingsView> {
    user(bulletins::smtp_settings_view(&state.store().await?).await)
}

/// Saves the settings, and the password when one is given (empty: the kept one stays).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_smtp_settings(
    state: State<'_, AppState>,
    settings: SmtpSettings,
    password: String,
) -> CmdResult<PasswordStore> {
    let store = state.store().await?;
    user(bulletins::save_smtp_settings(&store, &settings).await)?;
    if password.is_empty() {
        return Ok(bulletins::password_store(&store));
    }
    user(bulletins::set_smtp_password(&store, &password))
}
