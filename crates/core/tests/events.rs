//! Events through the core's public API on real SQLite files: registrations shared with trainings
//! (waitlist, confirmation, attendance), brokerage meetings and their slot rule, the figures,
//! partners' agreements, and the documents.

use std::process::Command;

use chrono::{Datelike, Days, NaiveDate};
use clusterdesk_core::clusters::{self, ClusterInput, OrgKind, OrganisationInput, Sector};
use clusterdesk_core::events::{
    self, AgreementDocument, AgreementInput, EventFilter, EventInput, EventKind, EventSort, EventStatus, MeetingInput,
    MeetingOutcome, MeetingStatus,
};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::registrations::{self, Offering, ParticipantInput, RegisterOptions, RegistrationState};
use clusterdesk_core::trainings::{self, CourseInput, SessionDay, SessionInput};
use clusterdesk_core::{Error, Store};

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

const STAFF: &str = "Elena Marinescu";

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn in_days(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).unwrap()
}

fn by() -> RegisterOptions {
    RegisterOptions { override_reason: None, by: STAFF.into() }
}

fn field_codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn refusal(e: Error) -> &'static str {
    match e {
        Error::Refused { code, .. } => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A brokerage event in 30 days, two days long.
fn brokerage(capacity: i64) -> EventInput {
    EventInput {
        kind: EventKind::Brokerage,
        title: "Bursa de cooperare EEN „Industria 4.0”".into(),
        starts_on: ymd(in_days(30)),
        ends_on: ymd(in_days(31)),
        place: "Timișoara".into(),
        country: "ro".into(),
        capacity,
        budget_bani: 1_500_000,
        registration_deadline: ymd(in_days(25)),
        sectors: vec![Sector::MachineBuilding, Sector::MachineBuilding, Sector::Automotive],
        ..Default::default()
    }
}

async fn external(store: &Store, name: &str, organisation: &str, country: &str) -> i64 {
    registrations::create_external_participant(
        store,
        &ParticipantInput {
            name: name.into(),
            organisation: organisation.into(),
            country: country.into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A member cluster with one company; returns (cluster id, organisation id).
async fn member_company(store: &Store, cluster: &str, company: &str, cui_body: &str) -> (i64, i64) {
    let cui = format!("{cui_body}{}", clusterdesk_core::cui::check_digit(cui_body).unwrap());
    let cluster_id = clusters::create(
        store,
        &ClusterInput {
            name: cluster.into(),
            cui,
            county: "TM".into(),
            sectors: vec![Sector::MachineBuilding],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let organisation_id = clusters::save_organisation(
        store,
        cluster_id,
        None,
        &OrganisationInput { name: company.into(), kind: Some(OrgKind::Small), ..Default::default() },
    )
    .await
    .unwrap();
    (cluster_id, organisation_id)
}

async fn for_company(store: &Store, name: &str, organisation_id: i64) -> i64 {
    registrations::create_external_participant(
        store,
        &ParticipantInput { name: name.into(), organisation_id: Some(organisation_id), ..Default::default() },
    )
    .await
    .unwrap()
}

async fn register(store: &Store, event: i64, participant: i64) -> i64 {
    registrations::register(store, Offering::event(event), participant, by()).await.unwrap().id
}

fn meeting(a: i64, b: i64, slot: &str) -> MeetingInput {
    MeetingInput { requester_id: a, invitee_id: b, slot: Some(slot.into()), ..Default::default() }
}

#[tokio::test]
async fn events_use_the_registration_model_of_trainings() {
    let (_dir, store) = store().await;
    let event = events::create_event(&store, &brokerage(2)).await.unwrap();
    let stored = events::get_event(&store, event).await.unwrap();
    assert_eq!(stored.input.country, "RO");
    assert_eq!(stored.input.sectors, vec![Sector::MachineBuilding, Sector::Automotive]);
    assert!(stored.open_for_registration);

    let a = external(&store, "Ana Kovač", "Jadran Metal d.o.o.", "hr").await;
    let b = external(&store, "Ivan Petrov", "Plovdiv Machines OOD", "BG").await;
    let c = external(&store, "Jana Nováková", "Tatra Wood s.r.o.", "SK").await;
    let ra = register(&store, event, a).await;
    let rb = register(&store, event, b).await;
    let rc = registrations::register(&store, Offering::event(event), c, by()).await.unwrap();
    assert_eq!(rc.state, RegistrationState::Waitlisted, "past the capacity the waitlist takes over");
    let again = registrations::register(&store, Offering::event(event), a, by()).await.unwrap_err();
    assert_eq!(field_codes(again), vec![("participant".to_string(), "already_registered".to_string())]);

    // Confirmed and attended are the event's own steps, recorded in the shared history.
    let confirmed = registrations::change_state(&store, ra, RegistrationState::Confirmed, STAFF, "").await.unwrap();
    assert_eq!(confirmed.state, RegistrationState::Confirmed);
    let waiting =
        registrations::change_state(&store, rc.id, RegistrationState::Confirmed, STAFF, "").await.unwrap_err();
    assert_eq!(refusal(waiting), "error.registration_waitlisted");
    let completed = registrations::change_state(&store, ra, RegistrationState::Completed, STAFF, "").await.unwrap_err();
    assert_eq!(refusal(completed), "error.registration_state_not_allowed");

    // A confirmed person who cancels frees the place for the first one waiting.
    let outcome = registrations::cancel(&store, ra, STAFF).await.unwrap();
    assert_eq!(outcome.promoted.map(|r| r.participant_id), Some(c));
    let attended = registrations::change_state(&store, rb, RegistrationState::Attended, STAFF, "").await.unwrap();
    assert_eq!(attended.state, RegistrationState::Attended);
    let history = registrations::history(&store, rb).await.unwrap();
    assert_eq!(
        history.iter().map(|h| h.to_state).collect::<Vec<_>>(),
        vec![RegistrationState::Enrolled, RegistrationState::Attended]
    );
    let counts = registrations::counts(&store, Offering::event(event)).await.unwrap();
    assert_eq!((counts.seated, counts.attended, counts.enrolled, counts.cancelled), (2, 1, 1, 1));

    // Trainings keep their own outcome rule: a session's registration is not confirmed by hand.
    let course = trainings::create_course(
        &store,
        &CourseInput { title_ro: "Curs".into(), title_en: "Course".into(), hours: 8.0, ..Default::default() },
    )
    .await
    .unwrap();
    let session = trainings::create_session(
        &store,
        &SessionInput {
            course_id: course,
            place: "Brașov".into(),
            capacity: 5,
            enrolment_deadline: ymd(in_days(10)),
            days: vec![SessionDay { day: ymd(in_days(12)), hours: 8.0 }],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let enrolled = trainings::enrol(&store, session, a, by()).await.unwrap();
    let refused = registrations::change_state(&store, enrolled.id, RegistrationState::Confirmed, STAFF, "").await;
    assert_eq!(refusal(refused.unwrap_err()), "error.registration_state_not_allowed");

    // The capacity cannot drop below the places taken; growing it serves the waitlist.
    let d = external(&store, "Peter Kováč", "Bratislava Digital s.r.o.", "SK").await;
    let rd = registrations::register(&store, Offering::event(event), d, by()).await.unwrap();
    assert_eq!(rd.state, RegistrationState::Waitlisted);
    let shrink = events::update_event(&store, event, &brokerage(1)).await.unwrap_err();
    assert_eq!(field_codes(shrink), vec![("capacity".to_string(), "capacity_below_seated".to_string())]);
    events::update_event(&store, event, &brokerage(3)).await.unwrap();
    assert_eq!(registrations::get(&store, rd.id).await.unwrap().state, RegistrationState::Enrolled);
}

#[tokio::test]
async fn an_event_is_deleted_with_its_registrations_unless_someone_attended() {
    let (_dir, store) = store().await;
    let event = events::create_event(&store, &brokerage(5)).await.unwrap();
    let ana = external(&store, "Ana Popescu", "Textile Arad SRL", "RO").await;
    let ivan = external(&store, "Ivan Horvat", "Klaster Zagreb d.o.o.", "HR").await;
    register(&store, event, ana).await;
    let ivan_registration = register(&store, event, ivan).await;

    registrations::change_state(&store, ivan_registration, RegistrationState::Attended, STAFF, "").await.unwrap();
    assert_eq!(refusal(events::delete_event(&store, event).await.unwrap_err()), "error.event_has_attendance");
    assert!(events::get_event(&store, event).await.is_ok(), "a refused delete keeps the event");

    registrations::change_state(&store, ivan_registration, RegistrationState::Enrolled, STAFF, "").await.unwrap();
    events::delete_event(&store, event).await.unwrap();
    assert!(matches!(events::get_event(&store, event).await, Err(Error::NotFound { .. })));
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE offering_kind = 'event' AND offering_id = ?")
        .bind(event)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(left, 0, "the event's registrations go with it");
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participants WHERE id IN (?, ?)")
        .bind(ana)
        .bind(ivan)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(people, 2, "the people stay on record");
}

#[tokio::test]
async fn event_fields_are_checked_all_at_once() {
    let (_dir, store) = store().await;
    let mut input = brokerage(0);
    input.title = "  ".into();
    input.ends_on = ymd(in_days(29));
    input.registration_deadline = ymd(in_days(40));
    input.country = "Croatia".into();
    input.organiser_id = Some(999);
    input.budget_bani = -1;
    let mut codes = field_codes(events::create_event(&store, &input).await.unwrap_err());
    codes.sort();
    let expected = [
        ("budget_bani", "non_negative"),
        ("capacity", "positive"),
        ("country", "country_format"),
        ("ends_on", "ends_before_start"),
        ("organiser_id", "partner_missing"),
        ("registration_deadline", "deadline_after_end"),
        ("title", "required"),
    ];
    assert_eq!(codes, expected.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect::<Vec<_>>());
}

#[tokio::test]
async fn one_person_and_one_organisation_per_meeting_slot() {
    let (_dir, store) = store().await;
    let event = events::create_event(&store, &brokerage(20)).await.unwrap();
    let (_, tehno) = member_company(&store, "Clusterul Tehnologic Banat", "Tehnoplast Timișoara SRL", "1854729").await;
    let ana = register(&store, event, for_company(&store, "Ana Popescu", tehno).await).await;
    let radu = register(&store, event, for_company(&store, "Radu Ionescu", tehno).await).await;
    let ivan = register(&store, event, external(&store, "Ivan Petrov", "Plovdiv Machines OOD", "BG").await).await;
    let maria =
        register(&store, event, external(&store, "Maria Georgieva", "Sofia Green Energy EAD", "BG").await).await;
    let jana = register(&store, event, external(&store, "Jana Nováková", "Tatra Wood s.r.o.", "SK").await).await;
    let day = ymd(in_days(30));
    let ten = format!("{day}T10:00");

    let first = events::save_meeting(&store, event, None, &meeting(ana, ivan, &ten)).await.unwrap();
    // The same person in the same slot.
    let busy = events::save_meeting(&store, event, None, &meeting(maria, ivan, &ten)).await.unwrap_err();
    assert_eq!(field_codes(busy), vec![("slot".to_string(), "slot_person_busy".to_string())]);
    // Another person of the same company, in the same slot.
    let company = events::save_meeting(&store, event, None, &meeting(radu, jana, &ten)).await.unwrap_err();
    assert_eq!(field_codes(company), vec![("slot".to_string(), "slot_organisation_busy".to_string())]);
    // Folded names are one organisation too: a second person typed for Plovdiv Machines.
    let ivan2 = register(&store, event, external(&store, "Georgi Dimitrov", "PLOVDIV  machines ood", "BG").await).await;
    let typed = events::save_meeting(&store, event, None, &meeting(jana, ivan2, &ten)).await.unwrap_err();
    assert_eq!(field_codes(typed), vec![("slot".to_string(), "slot_organisation_busy".to_string())]);
    // Two people of one company do not meet each other.
    let same =
        events::save_meeting(&store, event, None, &meeting(ana, radu, &format!("{day}T11:00"))).await.unwrap_err();
    assert_eq!(field_codes(same), vec![("invitee_id".to_string(), "meeting_same_organisation".to_string())]);
    // Other slots are free; the next half hour is another slot.
    events::save_meeting(&store, event, None, &meeting(radu, jana, &format!("{day}T10:30"))).await.unwrap();
    // A slot outside the event's days, and an outcome for a meeting not held.
    let mut outside = meeting(maria, jana, &format!("{}T10:00", ymd(in_days(35))));
    outside.outcome = MeetingOutcome::Agreement;
    let mut codes = field_codes(events::save_meeting(&store, event, None, &outside).await.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("outcome".to_string(), "outcome_needs_held".to_string()),
            ("slot".to_string(), "slot_outside_event".to_string())
        ]
    );
    // A meeting that did not take place frees the slot.
    let mut dropped = meeting(ana, ivan, &ten);
    dropped.status = MeetingStatus::NotHeld;
    events::save_meeting(&store, event, Some(first), &dropped).await.unwrap();
    events::save_meeting(&store, event, None, &meeting(maria, ivan, &ten)).await.unwrap();
    // Saving a meeting again in its own slot is no conflict with itself.
    let mut held = meeting(maria, ivan, &ten);
    held.status = MeetingStatus::Held;
    let detail = events::event_detail(&store, event).await.unwrap();
    let id = detail.meetings.iter().find(|m| m.requester.registration_id == maria).unwrap().id;
    events::save_meeting(&store, event, Some(id), &held).await.unwrap();
    // A waitlisted or cancelled person has no meetings.
    registrations::cancel(&store, jana, STAFF).await.unwrap();
    let cancelled = events::save_meeting(&store, event, None, &meeting(jana, maria, &format!("{day}T12:00"))).await;
    assert_eq!(
        field_codes(cancelled.unwrap_err()),
        vec![("requester_id".to_string(), "meeting_not_participant".to_string())]
    );
}

#[tokio::test]
async fn event_figures_count_countries_clusters_meetings_and_agreements() {
    let (_dir, store) = store().await;
    let event = events::create_event(&store, &brokerage(20)).await.unwrap();
    let (banat, tehno) =
        member_company(&store, "Clusterul Tehnologic Banat", "Tehnoplast Timișoara SRL", "1854729").await;
    let (_, wood) = member_company(&store, "Clusterul Lemnului Transilvan", "Mobila Sibiu SRL", "3116475").await;
    let ana = register(&store, event, for_company(&store, "Ana Popescu", tehno).await).await;
    let radu = register(&store, event, for_company(&store, "Radu Ionescu", tehno).await).await;
    let ion = register(&store, event, for_company(&store, "Ion Moldovan", wood).await).await;
    let ivan = register(&store, event, external(&store, "Ivan Petrov", "Plovdiv Machines OOD", "BG").await).await;
    let marko = register(&store, event, external(&store, "Marko Horvat", "Jadran Metal d.o.o.", "HR").await).await;
    let absent = register(&store, event, external(&store, "Luka Marić", "Drvo Dizajn d.o.o.", "HR").await).await;
    for r in [ana, radu, ion, ivan] {
        registrations::change_state(&store, r, RegistrationState::Attended, STAFF, "").await.unwrap();
    }
    registrations::change_state(&store, marko, RegistrationState::Confirmed, STAFF, "").await.unwrap();
    registrations::change_state(&store, absent, RegistrationState::NoShow, STAFF, "").await.unwrap();
    let day = ymd(in_days(30));
    let outcomes = [
        (ana, ivan, "09:30", MeetingStatus::Held, MeetingOutcome::Agreement),
        (ion, ivan, "10:00", MeetingStatus::Held, MeetingOutcome::FollowUp),
        (radu, marko, "10:00", MeetingStatus::Held, MeetingOutcome::None),
        (ion, marko, "10:30", MeetingStatus::NotHeld, MeetingOutcome::None),
        (ana, marko, "11:00", MeetingStatus::Requested, MeetingOutcome::None),
    ];
    for (a, b, time, status, outcome) in outcomes {
        let input = MeetingInput { status, outcome, ..meeting(a, b, &format!("{day}T{time}")) };
        events::save_meeting(&store, event, None, &input).await.unwrap();
    }
    let f = events::event_detail(&store, event).await.unwrap().figures;
    assert_eq!((f.participants, f.attended, f.confirmed, f.no_show), (5, 4, 1, 1));
    assert_eq!(f.organisations, 4, "two people of Tehnoplast are one organisation");
    let countries: Vec<(&str, i64)> = f.by_country.iter().map(|c| (c.country.as_str(), c.count)).collect();
    assert_eq!(countries, vec![("RO", 3), ("BG", 1), ("HR", 1)]);
    let clusters: Vec<(Option<&str>, i64)> = f.by_cluster.iter().map(|c| (c.cluster.as_deref(), c.count)).collect();
    assert_eq!(
        clusters,
        vec![(Some("Clusterul Tehnologic Banat"), 2), (Some("Clusterul Lemnului Transilvan"), 1), (None, 2)]
    );
    assert_eq!((f.meetings_requested, f.meetings_held, f.follow_ups, f.agreements), (5, 3, 1, 1));

    // The cluster's page sees the event through its member company's people.
    let seen = events::cluster_events(&store, banat).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].people, seen[0].attended, seen[0].meetings_held), (2, 2, 2));

    // The list's filters.
    let all = |filter: EventFilter| {
        let store = store.clone();
        async move { events::list_events(&store, &filter).await.unwrap() }
    };
    let year = i64::from(in_days(30).year());
    assert_eq!(
        all(EventFilter { kind: Some(EventKind::Brokerage), year: Some(year), ..Default::default() }).await.len(),
        1
    );
    assert_eq!(all(EventFilter { kind: Some(EventKind::Conference), ..Default::default() }).await.len(), 0);
    assert_eq!(all(EventFilter { country: Some("ro".into()), ..Default::default() }).await[0].meetings_held, 3);
    assert_eq!(
        all(EventFilter { search: "industria".into(), sort: EventSort::Title, ..Default::default() }).await.len(),
        1
    );

    // The event report and the badges carry the people, with their diacritics.
    let report = events::event_report(&store, event, Lang::Ro).await.unwrap();
    // Cells wrap, so the text is compared without its white space.
    let squeeze = |text: &str| text.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let text = squeeze(&pdf_text("event-report", &report));
    for needle in
        ["RAPORTUL EVENIMENTULUI", "Tehnoplast Timișoara SRL", "Plovdiv Machines OOD", "Acord semnat", "Bulgaria"]
    {
        assert!(text.contains(&squeeze(needle)), "{needle} missing from the report:\n{text}");
    }
    let badges = events::badges(&store, event, Lang::En).await.unwrap();
    let text = pdf_text("badges", &badges);
    assert!(text.contains("Ana Popescu") && text.contains("CROATIA"), "{text}");
    assert!(!text.contains("Luka Marić"), "a no-show gets no badge");
    let table = events::participants_table(&store, event, Lang::Ro).await.unwrap();
    assert_eq!(table.rows.len(), 6);
}

#[tokio::test]
async fn badges_fit_eight_to_a_page() {
    let (_dir, store) = store().await;
    let event = events::create_event(&store, &brokerage(50)).await.unwrap();
    for i in 0..17 {
        register(&store, event, external(&store, &format!("Participant {i:02}"), "Firma SRL", "RO").await).await;
    }
    let pdf = events::badges(&store, event, Lang::Ro).await.unwrap();
    let text = pdf_text("badges-17", &pdf);
    assert_eq!(text.matches('\u{c}').count(), 3, "17 badges take three pages");
}

#[tokio::test]
async fn partners_hold_contacts_agreements_and_shared_events() {
    let (_dir, store) = store().await;
    let croatia = trainings::create_partner(
        &store,
        &trainings::PartnerInput {
            name: "Croatian Clusters Association".into(),
            kind: trainings::PartnerKind::ClusterAssociation,
            network: "Acordul de la Vukovar".into(),
            country: "hr".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    events::save_partner_contact(
        &store,
        croatia,
        None,
        &events::PartnerContactInput {
            name: "Marija Horvat".into(),
            role: "Secretary General".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let refused =
        events::save_agreement(&store, None, &AgreementInput { title: "Acord".into(), ..Default::default() }).await;
    let mut codes = field_codes(refused.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        vec![("party_ids".to_string(), "required".to_string()), ("signed_on".to_string(), "date_format".to_string())]
    );
    events::save_agreement(
        &store,
        None,
        &AgreementInput {
            title: "Acordul de la Vukovar".into(),
            signed_on: "2013-10-04".into(),
            scope: "Cooperare între asociațiile de clustere".into(),
            party_ids: vec![croatia, croatia],
            documents: vec![AgreementDocument { path: "/nu/exista/acord.pdf".into(), label: "Acordul semnat".into() }],
        },
    )
    .await
    .unwrap();
    let mut input = brokerage(10);
    input.co_organiser_ids = vec![croatia];
    let event = events::create_event(&store, &input).await.unwrap();
    let page = events::partner_page(&store, croatia).await.unwrap();
    assert_eq!(page.partner.input.country, "HR");
    assert_eq!(page.partner.event_count, 1);
    assert_eq!(page.contacts[0].input.name, "Marija Horvat");
    assert_eq!(page.agreements[0].input.party_ids, vec![croatia]);
    assert_eq!(page.agreements[0].input.documents[0].path, "/nu/exista/acord.pdf");
    assert_eq!(page.events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![event]);
    let filtered =
        events::list_events(&store, &EventFilter { partner_id: Some(croatia), ..Default::default() }).await.unwrap();
    assert_eq!(filtered.len(), 1);
}

#[tokio::test]
async fn the_demo_has_three_years_of_events() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("demo.sqlite")).await.unwrap();
    clusterdesk_core::demo::generate(&store, &Default::default()).await.unwrap();
    let list = events::list_events(&store, &EventFilter::default()).await.unwrap();
    let year = i64::from(today().year());
    let conferences: Vec<&str> =
        list.iter().filter(|e| e.kind == EventKind::Conference).map(|e| &e.starts_on[..4]).collect();
    assert_eq!(conferences, vec![(year - 2).to_string(), (year - 1).to_string(), year.to_string()]);
    assert_eq!(list.iter().filter(|e| e.kind == EventKind::Brokerage).count(), 2);
    assert!(list.iter().any(|e| e.kind == EventKind::InwardMission && e.country == "RO"));
    assert!(list.iter().any(|e| e.kind == EventKind::OutwardMission && e.country == "SK"));
    assert!(list.iter().filter(|e| e.meetings_held > 0).count() >= 4);
    // The annual summary adds up the figures the event pages show.
    for y in [year - 1, year] {
        let summary = clusterdesk_core::summary::annual(&store, y).await.unwrap();
        let mut expected = (0, 0, 0, 0);
        for e in list.iter().filter(|e| e.status == EventStatus::Held && e.ends_on.starts_with(&y.to_string())) {
            let f = events::event_detail(&store, e.id).await.unwrap().figures;
            expected =
                (expected.0 + 1, expected.1 + f.participants, expected.2 + f.meetings_held, expected.3 + f.agreements);
        }
        let t = summary.events.total;
        assert_eq!((t.events, t.participants, t.meetings_held, t.agreements), expected, "{y}");
        assert!(t.events >= 3, "{y}");
        assert_eq!(summary.events.by_country.iter().map(|c| c.count).sum::<i64>(), t.participants);
        let tables = clusterdesk_core::summary::tables(&summary, Lang::Ro);
        let table = tables.iter().find(|t| t.name == "Evenimente pe tipuri").unwrap();
        assert_eq!(table.rows.last().unwrap()[1], clusterdesk_core::reports::tables::Cell::Integer(t.events));
    }
    let agreements = events::list_agreements(&store).await.unwrap();
    let vukovar = agreements.iter().find(|a| a.input.signed_on.starts_with("2013")).unwrap();
    assert_eq!(vukovar.parties.len(), 4);
}

fn pdf_text(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    if let Ok(keep) = std::env::var("CLUSTERDESK_KEEP_PDFS") {
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::write(std::path::Path::new(&keep).join(format!("{name}.pdf")), bytes);
    }
    let output =
        Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils) must be installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}
