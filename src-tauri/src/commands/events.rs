use clusterdesk_core::events::{
    self, AgreementInput, ClusterEvent, EventDetail, EventFilter, EventInput, EventRow, MeetingInput,
    OrganisationChoice, PartnerContactInput, PartnerPage,
};
use clusterdesk_core::i18n::{Lang, t};
use clusterdesk_core::registrations::{
    self, Offering, ParticipantInput, PersonChoice, Registration, RegistrationState,
};
use clusterdesk_core::{Store, files, settings};
use tauri::{AppHandle, State};

use super::trainings::{person_of, register};
use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_events(state: State<'_, AppState>, filter: EventFilter) -> CmdResult<Vec<EventRow>> {
    user(events::list_events(&state.store().await?, &filter).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn event_detail(state: State<'_, AppState>, id: i64) -> CmdResult<EventDetail> {
    user(events::event_detail(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_event(state: State<'_, AppState>, id: Option<i64>, input: EventInput) -> CmdResult<i64> {
    let store = &state.store().await?;
    match id {
        None => user(events::create_event(store, &input).await),
        Some(id) => user(events::update_event(store, id, &input).await).map(|()| id),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_event(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(events::delete_event(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_event_evaluation(state: State<'_, AppState>, id: i64, evaluation: String) -> CmdResult<()> {
    user(events::set_evaluation(&state.store().await?, id, &evaluation).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search_organisations(state: State<'_, AppState>, text: String) -> CmdResult<Vec<OrganisationChoice>> {
    user(events::search_organisations(&state.store().await?, &text).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn register_for_event(
    state: State<'_, AppState>,
    event_id: i64,
    person: PersonChoice,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    register(&state.store().await?, Offering::event(event_id), person_of(&person)?, override_reason).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn register_new_for_event(
    state: State<'_, AppState>,
    event_id: i64,
    input: ParticipantInput,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    let person = registrations::Person::External(input);
    register(&state.store().await?, Offering::event(event_id), person, override_reason).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_registration_state(
    state: State<'_, AppState>,
    registration_id: i64,
    to: RegistrationState,
) -> CmdResult<Registration> {
    let store = &state.store().await?;
    let by = user(settings::staff_name(store.pool()).await)?;
    user(registrations::change_state(store, registration_id, to, &by, "").await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_meeting(
    state: State<'_, AppState>,
    event_id: i64,
    id: Option<i64>,
    input: MeetingInput,
) -> CmdResult<i64> {
    user(events::save_meeting(&state.store().await?, event_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_meeting(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(events::delete_meeting(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_events(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<Vec<ClusterEvent>> {
    user(events::cluster_events(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn partner_page(state: State<'_, AppState>, id: i64) -> CmdResult<PartnerPage> {
    user(events::partner_page(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_partner_contact(
    state: State<'_, AppState>,
    partner_id: i64,
    id: Option<i64>,
    input: PartnerContactInput,
) -> CmdResult<i64> {
    user(events::save_partner_contact(&state.store().await?, partner_id, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_partner_contact(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(events::delete_partner_contact(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_agreement(state: State<'_, AppState>, id: Option<i64>, input: AgreementInput) -> CmdResult<i64> {
    user(events::save_agreement(&state.store().await?, id, &input).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_agreement(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    user(events::delete_agreement(&state.store().await?, id).await)
}

/// Saves one of the event's PDFs: `report`, `participants`, `schedule` or `badges`.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_event_document(
    app: AppHandle,
    state: State<'_, AppState>,
    event_id: i64,
    document: String,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let (bytes, what) = match document.as_str() {
        "participants" => (events::participant_list(store, event_id, lang).await, "export.file.event_participants"),
        "schedule" => (events::meeting_schedule(store, event_id, lang).await, "export.file.event_schedule"),
        "badges" => (events::badges(store, event_id, lang).await, "export.file.event_badges"),
        _ => (events::event_report(store, event_id, lang).await, "export.file.event_report"),
    };
    let name = file_name(store, event_id, lang, what, "pdf").await?;
    export::save(&app, name, ("PDF", "pdf"), user(bytes)?).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_event_participants(
    app: AppHandle,
    state: State<'_, AppState>,
    event_id: i64,
    format: String,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let table = user(events::participants_table(store, event_id, lang).await)?;
    let (bytes, extension, filter) = export::table_bytes(table, &format, lang)?;
    let name = file_name(store, event_id, lang, "export.file.event_participants", extension).await?;
    export::save(&app, name, filter, bytes).await
}

/// "Raport_eveniment_<title>_<first day>.pdf", in the UI language.
async fn file_name(store: &Store, event_id: i64, lang: Lang, what: &str, extension: &str) -> CmdResult<String> {
    let event = user(events::get_event(store, event_id).await)?;
    Ok(files::safe_file_name(&[&t(lang, what, &[]), &event.input.title, &event.input.starts_on], extension))
}
