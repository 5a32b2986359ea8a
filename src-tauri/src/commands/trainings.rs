use clusterdesk_core::i18n::Lang;
use clusterdesk_core::registrations::{self, Offering, Person, PersonChoice};
use clusterdesk_core::reports::training_docs;
use clusterdesk_core::settings;
use clusterdesk_core::trainings::{
    self, CancelOutcome, CompletionSummary, Course, CourseInput, ParticipantInput, Partner, PartnerInput,
    RegisterOptions, Registration, SessionDetail, SessionInput, SessionRow, TrainingRecord,
};
use clusterdesk_core::{Store, files};
use tauri::{AppHandle, State};

use super::{CmdResult, user};
use crate::export;
use crate::state::AppState;

#[tauri::command(rename_all = "snake_case")]
pub async fn list_partners(state: State<'_, AppState>) -> CmdResult<Vec<Partner>> {
    user(trainings::list_partners(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_partner(state: State<'_, AppState>, id: Option<i64>, input: PartnerInput) -> CmdResult<i64> {
    let store = &state.store().await?;
    match id {
        None => user(trainings::create_partner(store, &input).await),
        Some(id) => user(trainings::update_partner(store, id, &input).await).map(|()| id),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_courses(state: State<'_, AppState>) -> CmdResult<Vec<Course>> {
    user(trainings::list_courses(&state.store().await?).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_course(state: State<'_, AppState>, id: Option<i64>, input: CourseInput) -> CmdResult<i64> {
    let store = &state.store().await?;
    match id {
        None => user(trainings::create_course(store, &input).await),
        Some(id) => user(trainings::update_course(store, id, &input).await).map(|()| id),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn sessions_in(state: State<'_, AppState>, from: String, to: String) -> CmdResult<Vec<SessionRow>> {
    user(trainings::sessions_in(&state.store().await?, &from, &to).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn course_sessions(state: State<'_, AppState>, course_id: i64) -> CmdResult<Vec<SessionRow>> {
    user(trainings::course_sessions(&state.store().await?, course_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn session_detail(state: State<'_, AppState>, id: i64) -> CmdResult<SessionDetail> {
    user(trainings::session_detail(&state.store().await?, id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_session(state: State<'_, AppState>, id: Option<i64>, input: SessionInput) -> CmdResult<i64> {
    let store = &state.store().await?;
    match id {
        None => user(trainings::create_session(store, &input).await),
        Some(id) => user(trainings::update_session(store, id, &input).await).map(|()| id),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_session(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<()> {
    let store = &state.store().await?;
    let by = user(settings::staff_name(store.pool()).await)?;
    user(trainings::cancel_session(store, id, &by, &reason).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search_people(state: State<'_, AppState>, text: String) -> CmdResult<Vec<PersonChoice>> {
    user(registrations::search_people(&state.store().await?, &text, 20).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn enrol_person(
    state: State<'_, AppState>,
    session_id: i64,
    person: PersonChoice,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    enrol(&state.store().await?, session_id, person_of(&person)?, override_reason).await
}

/// The person a choice of the people search stands for.
pub(super) fn person_of(choice: &PersonChoice) -> CmdResult<Person> {
    match (choice.participant_id, choice.contact_id) {
        (Some(id), _) => Ok(Person::Participant(id)),
        (None, Some(contact)) => Ok(Person::Contact(contact)),
        (None, None) => Err(clusterdesk_core::Error::invalid("participant", "required").to_user()),
    }
}

#[tauri::command(rename_all = "snake_case")]
pub async fn enrol_external(
    state: State<'_, AppState>,
    session_id: i64,
    input: ParticipantInput,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    enrol(&state.store().await?, session_id, Person::External(input), override_reason).await
}

async fn enrol(
    store: &Store,
    session_id: i64,
    person: Person,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    register(store, Offering::session(session_id), person, override_reason).await
}

/// Registers a person for any offering, in the name of the staff member of the settings.
pub(super) async fn register(
    store: &Store,
    offering: Offering,
    person: Person,
    override_reason: Option<String>,
) -> CmdResult<Registration> {
    let by = user(settings::staff_name(store.pool()).await)?;
    let options = RegisterOptions { override_reason, by };
    user(registrations::register_person(store, offering, &person, options).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_registration(state: State<'_, AppState>, registration_id: i64) -> CmdResult<CancelOutcome> {
    let store = &state.store().await?;
    let by = user(settings::staff_name(store.pool()).await)?;
    user(registrations::cancel(store, registration_id, &by).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn record_attendance(
    state: State<'_, AppState>,
    registration_id: i64,
    day: String,
    present: bool,
) -> CmdResult<Registration> {
    user(trainings::record_attendance(&state.store().await?, registration_id, &day, present).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn complete_session(state: State<'_, AppState>, session_id: i64) -> CmdResult<CompletionSummary> {
    user(trainings::complete_session(&state.store().await?, session_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn participant_history(state: State<'_, AppState>, participant_id: i64) -> CmdResult<Vec<TrainingRecord>> {
    user(trainings::participant_history(&state.store().await?, participant_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn cluster_trainings(state: State<'_, AppState>, cluster_id: i64) -> CmdResult<Vec<TrainingRecord>> {
    user(trainings::cluster_trainings(&state.store().await?, cluster_id).await)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_attendance_sheets(
    app: AppHandle,
    state: State<'_, AppState>,
    session_id: i64,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let sheets = user(trainings::attendance_sheets(store, session_id, lang).await)?;
    let bytes = user(training_docs::attendance_sheets_pdf(&sheets, store.today()))?;
    let name = file_name(store, session_id, lang, "export.file.attendance", "pdf").await?;
    export::save(&app, name, ("PDF", "pdf"), bytes).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_certificates(
    app: AppHandle,
    state: State<'_, AppState>,
    session_id: i64,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let certificates = user(trainings::certificates(store, session_id).await)?;
    if certificates.is_empty() {
        return Err(clusterdesk_core::Error::refused("error.no_certificates").to_user());
    }
    let bytes = user(training_docs::certificates_pdf(&certificates))?;
    let name = file_name(store, session_id, lang, "export.file.certificates", "pdf").await?;
    export::save(&app, name, ("PDF", "pdf"), bytes).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_participants(
    app: AppHandle,
    state: State<'_, AppState>,
    session_id: i64,
    format: String,
) -> CmdResult<Option<String>> {
    let store = &state.store().await?;
    let lang = user(settings::language(store.pool()).await)?;
    let table = user(trainings::participants_table(store, session_id, lang).await)?;
    let (bytes, extension, filter) = export::table_bytes(table, &format, lang)?;
    let name = file_name(store, session_id, lang, "export.file.participants", extension).await?;
    export::save(&app, name, filter, bytes).await
}

/// "Certificate_<course>_<first day>.pdf", in the UI language.
async fn file_name(store: &Store, session_id: i64, lang: Lang, what: &str, extension: &str) -> CmdResult<String> {
    let detail = user(trainings::session_detail(store, session_id).await)?;
    let title = match lang {
        Lang::Ro => &detail.course.input.title_ro,
        Lang::En => &detail.course.input.title_en,
    };
    let first_day = detail.session.input.days.first().map(|d| d.day.as_str()).unwrap_or_default();
    let label = clusterdesk_core::i18n::t(lang, what, &[]);
    Ok(files::safe_file_name(&[&label, title, first_day], extension))
}
