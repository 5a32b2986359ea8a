//! Trainings and the shared registration model through the core's public API, on real SQLite files.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use clusterdesk_core::clusters::{self, ClusterInput, ContactInput, Sector};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::registrations::{
    self, Offering, ParticipantInput, RegisterOptions, RegistrationState, RegistrationView,
};
use clusterdesk_core::reports::tables::Cell;
use clusterdesk_core::trainings::{self, CourseFormat, CourseInput, SessionDay, SessionInput, SessionStatus};
use clusterdesk_core::{Error, Store};
use proptest::prelude::*;

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

fn days_from_today(n: i64) -> NaiveDate {
    if n >= 0 {
        today().checked_add_days(Days::new(n as u64)).unwrap()
    } else {
        today().checked_sub_days(Days::new(n.unsigned_abs())).unwrap()
    }
}

async fn partner(store: &Store, name: &str) -> i64 {
    trainings::list_partners(store).await.unwrap().into_iter().find(|p| p.input.name == name).unwrap().id
}

async fn course(store: &Store, percent: i64) -> i64 {
    let france = partner(store, "France Clusters").await;
    trainings::create_course(
        store,
        &CourseInput {
            title_ro: "Managementul clusterelor – nivel de bază".into(),
            title_en: "Cluster management – foundation level".into(),
            topic: "Managementul clusterelor".into(),
            partner_id: Some(france),
            format: CourseFormat::OnSite,
            hours: 16.0,
            fee_bani: 120_000,
            completion_percent: percent,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// A session of a new course with the given days (offset from today, hours), deadline offset.
async fn session_with(store: &Store, capacity: i64, days: &[(i64, f64)], deadline: i64, percent: i64) -> i64 {
    let course_id = course(store, percent).await;
    trainings::create_session(
        store,
        &SessionInput {
            course_id,
            place: "Brașov, Centrul de afaceri".into(),
            trainer: "Claire Moreau".into(),
            capacity,
            enrolment_deadline: ymd(days_from_today(deadline)),
            days: days.iter().map(|(d, h)| SessionDay { day: ymd(days_from_today(*d)), hours: *h }).collect(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

/// An upcoming two-day session, open for enrolment.
async fn open_session(store: &Store, capacity: i64) -> i64 {
    session_with(store, capacity, &[(31, 8.0), (32, 8.0)], 30, 80).await
}

async fn person(store: &Store, name: &str) -> i64 {
    registrations::create_external_participant(
        store,
        &ParticipantInput { name: name.into(), organisation: "Camera de Comerț Brașov".into(), ..Default::default() },
    )
    .await
    .unwrap()
}

async fn people(store: &Store, n: usize) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(person(store, &format!("Participant Țăranu {i:02}")).await);
    }
    ids
}

fn by() -> RegisterOptions {
    RegisterOptions { override_reason: None, by: STAFF.into() }
}

fn late(reason: &str) -> RegisterOptions {
    RegisterOptions { override_reason: Some(reason.into()), by: STAFF.into() }
}

fn field_codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn states(roster: &[RegistrationView]) -> Vec<(i64, RegistrationState)> {
    roster.iter().map(|r| (r.participant_id, r.state)).collect()
}

/// The invariants every roster keeps: seats never over capacity, nobody waits while a seat is
/// free, and the waitlist positions follow arrival.
fn assert_invariants(roster: &[RegistrationView], capacity: i64) {
    let seated = roster.iter().filter(|r| r.state.holds_seat()).count() as i64;
    let waiting: Vec<&RegistrationView> = roster.iter().filter(|r| r.state == RegistrationState::Waitlisted).collect();
    assert!(seated <= capacity, "{seated} seated over a capacity of {capacity}");
    if !waiting.is_empty() {
        assert_eq!(seated, capacity, "people wait while a place is free");
    }
    for (i, w) in waiting.iter().enumerate() {
        assert_eq!(w.waitlist_position, Some(i as i64 + 1));
        if i > 0 {
            assert!(waiting[i - 1].arrival < w.arrival, "the waitlist is out of arrival order");
        }
    }
}

/// Everyone promoted from the waitlist arrived before everyone still waiting.
async fn assert_promotions_in_arrival_order(store: &Store, session: i64) {
    let violations: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM registrations promoted JOIN registration_changes ch ON ch.registration_id = promoted.id \
         JOIN registrations waiting ON waiting.offering_kind = promoted.offering_kind AND waiting.offering_id = promoted.offering_id \
         WHERE promoted.offering_kind = 'session' AND promoted.offering_id = ? \
           AND ch.from_state = 'waitlisted' AND ch.to_state = 'enrolled' \
           AND waiting.state = 'waitlisted' AND waiting.arrival < promoted.arrival",
    )
    .bind(session)
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(violations, 0, "someone was promoted over an earlier arrival");
}

// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn partners_are_seeded() {
    let (_dir, store) = store().await;
    let partners = trainings::list_partners(&store).await.unwrap();
    let names: Vec<(&str, &str)> = partners.iter().map(|p| (p.input.name.as_str(), p.input.country.as_str())).collect();
    assert_eq!(names, [("Business Upper Austria", "AT"), ("France Clusters", "FR"), ("Lucia Seel Consulting", "DE")]);
    let twice = trainings::create_partner(
        &store,
        &trainings::PartnerInput { name: "FRANCE clusters".into(), country: "fra".into(), ..Default::default() },
    )
    .await
    .unwrap_err();
    let mut codes = field_codes(twice);
    codes.sort();
    assert_eq!(codes, [("country".into(), "country_format".into()), ("name".into(), "partner_duplicate".into())]);
    let missing =
        trainings::update_partner(&store, 999, &trainings::PartnerInput { name: "X".into(), ..Default::default() })
            .await;
    assert!(matches!(missing, Err(Error::NotFound { entity: "partner", id: 999 })), "{missing:?}");
    let updated = trainings::PartnerInput {
        name: "Lucia Seel Consulting".into(),
        country: "de".into(),
        website: "www.example.de".into(),
        ..Default::default()
    };
    let id = partner(&store, "Lucia Seel Consulting").await;
    trainings::update_partner(&store, id, &updated).await.unwrap();
    let saved = trainings::get_partner(&store, id).await.unwrap();
    assert_eq!((saved.input.country.as_str(), saved.input.website.as_str()), ("DE", "https://www.example.de"));
    assert_eq!(trainings::list_partners(&store).await.unwrap().len(), 3);
}

#[tokio::test]
async fn capacity_is_enforced_and_the_waitlist_keeps_arrival_order() {
    let (_dir, store) = store().await;
    let session = open_session(&store, 2).await;
    let ids = people(&store, 4).await;
    let mut got = Vec::new();
    for id in &ids {
        got.push(trainings::enrol(&store, session, *id, by()).await.unwrap());
    }
    let expected = [
        RegistrationState::Enrolled,
        RegistrationState::Enrolled,
        RegistrationState::Waitlisted,
        RegistrationState::Waitlisted,
    ];
    assert_eq!(got.iter().map(|r| r.state).collect::<Vec<_>>(), expected);
    assert!(got.windows(2).all(|w| w[0].arrival < w[1].arrival));
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_eq!(states(&roster), ids.iter().copied().zip(expected).collect::<Vec<_>>());
    assert_eq!(roster.iter().map(|r| r.waitlist_position).collect::<Vec<_>>(), [None, None, Some(1), Some(2)]);
    assert_invariants(&roster, 2);
    let detail = trainings::session_detail(&store, session).await.unwrap();
    assert_eq!((detail.counts.enrolled, detail.counts.waitlisted, detail.counts.free), (2, 2, 0));
    assert_eq!(detail.session.hours, 16.0);
    assert_eq!(detail.hours_to_complete, 12.8);
    assert!(detail.open_for_enrolment);
}

#[tokio::test]
async fn cancelling_promotes_the_first_waitlisted_and_records_both_changes() {
    let (_dir, store) = store().await;
    let session = open_session(&store, 2).await;
    let ids = people(&store, 5).await;
    let mut regs = Vec::new();
    for id in &ids {
        regs.push(trainings::enrol(&store, session, *id, by()).await.unwrap());
    }
    // Waiting: 3rd, 4th, 5th. The 2nd cancels: the 3rd is promoted.
    let outcome = registrations::cancel(&store, regs[1].id, "Radu Constantinescu").await.unwrap();
    assert_eq!(outcome.cancelled.state, RegistrationState::Cancelled);
    let promoted = outcome.promoted.expect("someone is promoted");
    assert_eq!(promoted.id, regs[2].id);
    assert_eq!(promoted.state, RegistrationState::Enrolled);

    let cancelled = registrations::history(&store, regs[1].id).await.unwrap();
    assert_eq!(
        cancelled.iter().map(|c| (c.from_state, c.to_state, c.changed_by.as_str())).collect::<Vec<_>>(),
        [
            (None, RegistrationState::Enrolled, STAFF),
            (Some(RegistrationState::Enrolled), RegistrationState::Cancelled, "Radu Constantinescu")
        ]
    );
    let moved = registrations::history(&store, regs[2].id).await.unwrap();
    assert_eq!(
        moved.iter().map(|c| (c.from_state, c.to_state, c.changed_by.as_str())).collect::<Vec<_>>(),
        [
            (None, RegistrationState::Waitlisted, STAFF),
            (Some(RegistrationState::Waitlisted), RegistrationState::Enrolled, "Radu Constantinescu")
        ]
    );
    assert_eq!(moved[1].changed_at, cancelled[1].changed_at, "one transaction, one moment");

    // A waitlisted person cancelling frees no place; the others move up.
    let outcome = registrations::cancel(&store, regs[3].id, STAFF).await.unwrap();
    assert!(outcome.promoted.is_none());
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    let waiting: Vec<_> = roster.iter().filter(|r| r.state == RegistrationState::Waitlisted).collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!((waiting[0].id, waiting[0].waitlist_position), (regs[4].id, Some(1)));
    assert_invariants(&roster, 2);

    // Cancelling twice is refused; the cancelled person can register again, at the end of the line.
    assert!(matches!(
        registrations::cancel(&store, regs[1].id, STAFF).await,
        Err(Error::Refused { code: "error.already_cancelled", .. })
    ));
    let again = trainings::enrol(&store, session, ids[1], by()).await.unwrap();
    assert_eq!(again.state, RegistrationState::Waitlisted);
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_eq!(roster.iter().find(|r| r.id == again.id).unwrap().waitlist_position, Some(2));
    // Who cancels must be said.
    assert_eq!(
        field_codes(registrations::cancel(&store, regs[0].id, " ").await.unwrap_err()),
        [("by".into(), "required".into())]
    );
}

#[tokio::test]
async fn the_same_person_cannot_register_twice() {
    let (_dir, store) = store().await;
    let session = open_session(&store, 1).await;
    let ids = people(&store, 2).await;
    trainings::enrol(&store, session, ids[0], by()).await.unwrap();
    trainings::enrol(&store, session, ids[1], by()).await.unwrap();
    for id in &ids {
        let codes = field_codes(trainings::enrol(&store, session, *id, by()).await.unwrap_err());
        assert_eq!(codes, [("participant".into(), "already_registered".into())]);
    }
    assert_eq!(registrations::roster(&store, Offering::session(session)).await.unwrap().len(), 2);
}

#[tokio::test]
async fn after_the_deadline_only_with_a_reason_which_is_kept() {
    let (_dir, store) = store().await;
    let session = session_with(&store, 10, &[(2, 8.0)], -1, 80).await;
    let id = person(&store, "Ștefan Țurcanu").await;
    for options in [by(), late("   ")] {
        let codes = field_codes(trainings::enrol(&store, session, id, options).await.unwrap_err());
        assert_eq!(codes, [("override_reason".into(), "deadline_passed".into())]);
    }
    assert!(registrations::roster(&store, Offering::session(session)).await.unwrap().is_empty());

    let reason = "Confirmare telefonică a managerului clusterului";
    let registration = trainings::enrol(&store, session, id, late(reason)).await.unwrap();
    assert_eq!(registration.state, RegistrationState::Enrolled);
    assert_eq!(registration.late_override_reason.as_deref(), Some(reason));
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_eq!(roster[0].late_override_reason.as_deref(), Some(reason));
    assert_eq!(registrations::history(&store, registration.id).await.unwrap()[0].reason, reason);

    // In time, a reason given anyway is not recorded as an override.
    let open = open_session(&store, 10).await;
    let in_time = trainings::enrol(&store, open, id, late("nu contează")).await.unwrap();
    assert_eq!(in_time.late_override_reason, None);
}

#[tokio::test]
async fn a_refused_external_registration_records_nobody() {
    let (_dir, store) = store().await;
    let session = session_with(&store, 10, &[(2, 8.0)], -1, 80).await;
    let newcomer = registrations::Person::External(ParticipantInput {
        name: "Ioana Mureșan".into(),
        organisation: "Camera de Comerț Brașov".into(),
        email: "ioana@ccib.ro".into(),
        language: Lang::Ro,
        ..Default::default()
    });
    let offering = Offering::session(session);
    let refused = registrations::register_person(&store, offering, &newcomer, by()).await.unwrap_err();
    assert_eq!(field_codes(refused), [("override_reason".into(), "deadline_passed".into())]);
    assert_eq!(count(&store, "SELECT count(*) FROM participants").await, 0, "the refusal leaves no participant behind");

    registrations::register_person(&store, offering, &newcomer, late("Invitată de partener")).await.unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM participants").await, 1);
}

#[tokio::test]
async fn completion_follows_attendance_at_the_threshold() {
    let (_dir, store) = store().await;
    // 8 + 2 hours, 80 %: 8 hours complete exactly at the threshold.
    let at80 = session_with(&store, 10, &[(-2, 8.0), (-1, 2.0)], -3, 80).await;
    // 7.9 + 2.1 hours: 7.9 is 79 %.
    let at79 = session_with(&store, 10, &[(-2, 7.9), (-1, 2.1)], -3, 80).await;
    let ids = people(&store, 4).await;
    let (d1, d2) = (ymd(days_from_today(-2)), ymd(days_from_today(-1)));

    let mut r80 = Vec::new();
    for id in &ids {
        r80.push(trainings::enrol(&store, at80, *id, late("înscriere retroactivă")).await.unwrap().id);
    }
    let r79 = trainings::enrol(&store, at79, ids[0], late("înscriere retroactivă")).await.unwrap().id;

    // Enrolled 0: day 1 only (8 h = 80 %). 1: day 2 only (2 h). 2: nothing recorded. 3: absent both days.
    trainings::record_attendance(&store, r80[0], &d1, true).await.unwrap();
    trainings::record_attendance(&store, r80[0], &d2, false).await.unwrap();
    trainings::record_attendance(&store, r80[1], &d2, true).await.unwrap();
    trainings::record_attendance(&store, r80[3], &d1, false).await.unwrap();
    trainings::record_attendance(&store, r80[3], &d2, false).await.unwrap();
    trainings::record_attendance(&store, r79, &d1, true).await.unwrap();

    // Before closing, marks change no state.
    let roster = registrations::roster(&store, Offering::session(at80)).await.unwrap();
    assert!(roster.iter().all(|r| r.state == RegistrationState::Enrolled));

    let summary = trainings::complete_session(&store, at80).await.unwrap();
    assert_eq!((summary.completed, summary.partial, summary.no_show), (1, 1, 2));
    assert_eq!(summary.new_certificates.len(), 1);
    let roster = registrations::roster(&store, Offering::session(at80)).await.unwrap();
    let by_id: HashMap<i64, RegistrationState> = roster.iter().map(|r| (r.id, r.state)).collect();
    assert_eq!(by_id[&r80[0]], RegistrationState::Completed);
    assert_eq!(by_id[&r80[1]], RegistrationState::Enrolled);
    assert_eq!(by_id[&r80[2]], RegistrationState::NoShow);
    assert_eq!(by_id[&r80[3]], RegistrationState::NoShow);
    let changes = registrations::history(&store, r80[0]).await.unwrap();
    let last = changes.last().unwrap();
    assert_eq!(
        (last.changed_by.as_str(), last.reason.as_str()),
        (registrations::AUTOMATIC, trainings::REASON_COMPLETION_RULE)
    );
    let detail = trainings::session_detail(&store, at80).await.unwrap();
    assert_eq!(detail.session.status, SessionStatus::Held);
    assert_eq!(
        (detail.counts.enrolled, detail.counts.completed, detail.counts.no_show, detail.counts.attended),
        (4, 1, 2, 2)
    );

    let summary = trainings::complete_session(&store, at79).await.unwrap();
    assert_eq!((summary.completed, summary.partial, summary.no_show), (0, 1, 0));
    let progress = trainings::session_detail(&store, at79).await.unwrap().progress;
    assert_eq!((progress[0].attended_hours, progress[0].meets_completion), (7.9, false));

    // Corrections after closing apply the rule at once: the partial one now completes, the
    // completed one was in fact absent (the certificate is revoked, its number not reused).
    let now = trainings::record_attendance(&store, r80[1], &d1, true).await.unwrap();
    assert_eq!(now.state, RegistrationState::Completed);
    let gone = trainings::record_attendance(&store, r80[0], &d1, false).await.unwrap();
    assert_eq!(gone.state, RegistrationState::NoShow);
    let certificates = trainings::certificates(&store, at80).await.unwrap();
    assert_eq!(certificates.len(), 1);
    assert_eq!(certificates[0].participant, "Participant Țăranu 01");
    assert_eq!(certificates[0].hours, 10.0);
    let back = trainings::record_attendance(&store, r80[0], &d1, true).await.unwrap();
    assert_eq!(back.state, RegistrationState::Completed);
    let numbers: Vec<String> =
        trainings::certificates(&store, at80).await.unwrap().into_iter().map(|c| c.number).collect();
    assert_eq!(numbers.len(), 2);
    assert!(numbers.contains(&summary_number(&store, r80[0]).await));

    // Attendance only on the session's days, not in the future, and only for people with a place.
    let codes =
        field_codes(trainings::record_attendance(&store, r80[0], &ymd(days_from_today(-5)), true).await.unwrap_err());
    assert_eq!(codes, [("day".into(), "day_not_in_session".into())]);
    let upcoming = open_session(&store, 1).await;
    let a = trainings::enrol(&store, upcoming, ids[0], by()).await.unwrap();
    let b = trainings::enrol(&store, upcoming, ids[1], by()).await.unwrap();
    let codes =
        field_codes(trainings::record_attendance(&store, a.id, &ymd(days_from_today(31)), true).await.unwrap_err());
    assert_eq!(codes, [("day".into(), "date_in_future".into())]);
    assert!(matches!(
        trainings::record_attendance(&store, b.id, &ymd(days_from_today(31)), true).await,
        Err(Error::Refused { code: "error.not_enrolled", .. })
    ));
    assert!(matches!(
        trainings::complete_session(&store, upcoming).await,
        Err(Error::Refused { code: "error.session_not_over", .. })
    ));
}

async fn summary_number(store: &Store, registration: i64) -> String {
    sqlx::query_scalar("SELECT number FROM certificates WHERE registration_id = ?")
        .bind(registration)
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_course_can_ask_for_a_different_share() {
    let (_dir, store) = store().await;
    // 75 %: 6 of 8 hours complete.
    let session = session_with(&store, 5, &[(-1, 6.0), (0, 2.0)], -2, 75).await;
    let id = person(&store, "Ioana Mureșan").await;
    let r = trainings::enrol(&store, session, id, late("retroactiv")).await.unwrap();
    trainings::record_attendance(&store, r.id, &ymd(days_from_today(-1)), true).await.unwrap();
    assert_eq!(trainings::complete_session(&store, session).await.unwrap().completed, 1);
}

#[tokio::test]
async fn certificate_numbers_are_unique_and_follow_the_year() {
    let (_dir, store) = store().await;
    let ids = people(&store, 6).await;
    let mut numbers = Vec::new();
    for _ in 0..3 {
        let session = session_with(&store, 10, &[(-1, 4.0)], -2, 80).await;
        for id in &ids {
            let r = trainings::enrol(&store, session, *id, late("retroactiv")).await.unwrap();
            trainings::record_attendance(&store, r.id, &ymd(days_from_today(-1)), true).await.unwrap();
        }
        let summary = trainings::complete_session(&store, session).await.unwrap();
        assert_eq!(summary.new_certificates.len(), 6);
        // Closing again gives no new numbers.
        assert!(trainings::complete_session(&store, session).await.unwrap().new_certificates.is_empty());
        numbers.extend(trainings::certificates(&store, session).await.unwrap().into_iter().map(|c| c.number));
    }
    let unique: HashSet<&String> = numbers.iter().collect();
    assert_eq!(unique.len(), 18);
    let year = ymd(days_from_today(0))[..4].to_string();
    let mut sequence: Vec<u32> = numbers
        .iter()
        .map(|n| {
            let parts: Vec<&str> = n.split('-').collect();
            assert_eq!((parts.len(), parts[0], parts[1], parts[2].len()), (3, "CLUSTERO", year.as_str(), 4), "{n}");
            parts[2].parse().unwrap()
        })
        .collect();
    sequence.sort();
    assert_eq!(sequence, (1..=18).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_concurrent_registrations_never_overbook() {
    let (_dir, store) = store().await;
    let session = open_session(&store, 5).await;
    let ids = people(&store, 20).await;
    let started = std::time::Instant::now();
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let (store, id) = (store.clone(), *id);
            tokio::spawn(async move { trainings::enrol(&store, session, id, by()).await })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap().unwrap());
    }
    results.sort_by_key(|r| r.arrival);
    let enrolled = results.iter().filter(|r| r.state == RegistrationState::Enrolled).count();
    assert_eq!(enrolled, 5);
    // The first five arrivals hold the places; everyone after waits, in arrival order.
    assert!(results[..5].iter().all(|r| r.state == RegistrationState::Enrolled));
    assert!(results[5..].iter().all(|r| r.state == RegistrationState::Waitlisted));
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_invariants(&roster, 5);
    let waiting: Vec<i64> = roster.iter().filter(|r| r.state == RegistrationState::Waitlisted).map(|r| r.id).collect();
    assert_eq!(waiting, results[5..].iter().map(|r| r.id).collect::<Vec<_>>());

    // Now the five enrolled cancel while five more people register, all at once: the places go
    // to the first five of the waitlist, the newcomers queue behind.
    let more = people(&store, 5).await;
    let mut tasks = Vec::new();
    for r in &results[..5] {
        let (store, id) = (store.clone(), r.id);
        tasks.push(tokio::spawn(async move {
            registrations::cancel(&store, id, STAFF).await.map(|o| o.promoted.map(|p| p.id))
        }));
    }
    for id in &more {
        let (store, id) = (store.clone(), *id);
        tasks.push(tokio::spawn(async move { trainings::enrol(&store, session, id, by()).await.map(|_| None) }));
    }
    let mut promoted: Vec<i64> = Vec::new();
    for task in tasks {
        promoted.extend(task.await.unwrap().unwrap());
    }
    promoted.sort();
    let mut expected: Vec<i64> = results[5..10].iter().map(|r| r.id).collect();
    expected.sort();
    assert_eq!(promoted, expected);
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_invariants(&roster, 5);
    assert_eq!(roster.iter().filter(|r| r.state == RegistrationState::Waitlisted).count(), 15);
    assert_promotions_in_arrival_order(&store, session).await;
    eprintln!("concurrency test: {:?}", started.elapsed());
}

#[tokio::test]
async fn capacity_changes_serve_the_waitlist_or_are_refused() {
    let (_dir, store) = store().await;
    let session = open_session(&store, 2).await;
    let ids = people(&store, 5).await;
    for id in &ids {
        trainings::enrol(&store, session, *id, by()).await.unwrap();
    }
    let mut input = trainings::get_session(&store, session).await.unwrap().input;
    input.capacity = 1;
    let codes = field_codes(trainings::update_session(&store, session, &input).await.unwrap_err());
    assert_eq!(codes, [("capacity".into(), "capacity_below_seated".into())]);
    input.capacity = 4;
    trainings::update_session(&store, session, &input).await.unwrap();
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_eq!(
        states(&roster).into_iter().map(|(_, s)| s).collect::<Vec<_>>(),
        [
            RegistrationState::Enrolled,
            RegistrationState::Enrolled,
            RegistrationState::Enrolled,
            RegistrationState::Enrolled,
            RegistrationState::Waitlisted
        ]
    );
    assert_eq!(roster[3].participant_id, ids[3]);
    let changes = registrations::history(&store, roster[2].id).await.unwrap();
    assert_eq!(changes.last().unwrap().reason, trainings::REASON_CAPACITY_INCREASED);

    // Cancelling the session cancels everyone with it.
    trainings::cancel_session(&store, session, STAFF, "Trainerul nu mai poate veni").await.unwrap();
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert!(roster.iter().all(|r| r.state == RegistrationState::Cancelled));
    let extra = person(&store, "Întârziatul").await;
    let codes = field_codes(trainings::enrol(&store, session, extra, by()).await.unwrap_err());
    assert_eq!(codes, [("offering".into(), "offering_closed".into())]);
}

#[tokio::test]
async fn session_forms_are_checked() {
    let (_dir, store) = store().await;
    let course_id = course(&store, 80).await;
    let bad = SessionInput {
        course_id,
        capacity: 0,
        enrolment_deadline: ymd(days_from_today(40)),
        days: vec![
            SessionDay { day: ymd(days_from_today(30)), hours: 8.0 },
            SessionDay { day: ymd(days_from_today(30)), hours: 30.0 },
        ],
        ..Default::default()
    };
    let mut codes = field_codes(trainings::create_session(&store, &bad).await.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        [
            ("capacity", "positive"),
            ("days", "day_duplicate"),
            ("days", "hours_range"),
            ("enrolment_deadline", "deadline_after_end"),
            ("place", "place_or_link_required"),
        ]
        .map(|(f, c)| (f.to_string(), c.to_string()))
    );
    let codes = field_codes(
        trainings::create_course(&store, &CourseInput { completion_percent: 0, ..Default::default() })
            .await
            .unwrap_err(),
    );
    assert!(codes.contains(&("completion_percent".into(), "percent_range".into())), "{codes:?}");
}

#[tokio::test]
async fn contacts_take_part_and_their_trainings_show_on_the_cluster() {
    let (_dir, store) = store().await;
    let cluster = clusters::create(
        &store,
        &ClusterInput {
            name: "Clusterul Textil Bucovina".into(),
            cui: "18547290".into(),
            county: "SV".into(),
            sectors: vec![Sector::Textiles],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let contact = clusters::save_contact(
        &store,
        cluster,
        None,
        &ContactInput {
            name: "Gheorghița Șerbănescu".into(), role: "Manager de cluster".into(), ..Default::default()
        },
    )
    .await
    .unwrap();
    let participant = registrations::participant_for_contact(&store, contact).await.unwrap();
    assert_eq!(registrations::participant_for_contact(&store, contact).await.unwrap(), participant);
    registrations::set_participant_language(&store, participant, Lang::En).await.unwrap();
    // For a contact only the language can change here; the name stays the contact's.
    registrations::update_participant(
        &store,
        participant,
        &ParticipantInput { name: "Alt nume".into(), language: Lang::En, ..Default::default() },
    )
    .await
    .unwrap();
    let saved = registrations::get_participant(&store, participant).await.unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.language, saved.cluster_id),
        ("Gheorghița Șerbănescu", Lang::En, Some(cluster))
    );
    let external = person(&store, "Ivana Kovačević").await;
    registrations::update_participant(
        &store,
        external,
        &ParticipantInput {
            name: "Ivana  Kovačević".into(),
            organisation: "Croatian cluster association".into(),
            email: "IVANA@example.hr".into(),
            language: Lang::En,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let saved = registrations::get_participant(&store, external).await.unwrap();
    assert_eq!(
        (saved.name.as_str(), saved.email.as_str(), saved.contact_id),
        ("Ivana Kovačević", "ivana@example.hr", None)
    );

    let session = session_with(&store, 5, &[(-1, 8.0)], -2, 80).await;
    let r = trainings::enrol(&store, session, participant, late("retroactiv")).await.unwrap();
    let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
    assert_eq!(
        (roster[0].name.as_str(), roster[0].organisation.as_str(), roster[0].cluster_id),
        ("Gheorghița Șerbănescu", "Clusterul Textil Bucovina", Some(cluster))
    );
    trainings::record_attendance(&store, r.id, &ymd(days_from_today(-1)), true).await.unwrap();
    trainings::complete_session(&store, session).await.unwrap();

    let certificates = trainings::certificates(&store, session).await.unwrap();
    assert_eq!(certificates[0].lang, Lang::En);
    assert_eq!(certificates[0].course_title, "Cluster management – foundation level");
    assert_eq!(certificates[0].partner, "France Clusters");

    let history = trainings::participant_history(&store, participant).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].state, history[0].attended_hours, history[0].hours),
        (RegistrationState::Completed, 8.0, 8.0)
    );
    assert!(history[0].certificate_number.is_some());
    let of_cluster = trainings::cluster_trainings(&store, cluster).await.unwrap();
    assert_eq!(of_cluster.len(), 1);
    assert_eq!(of_cluster[0].participant_name, "Gheorghița Șerbănescu");

    // Deleting the contact keeps the name in the training history.
    clusters::delete_contact(&store, contact).await.unwrap();
    let history = trainings::participant_history(&store, participant).await.unwrap();
    assert_eq!(history[0].participant_name, "Gheorghița Șerbănescu");
    let people = registrations::search_people(&store, "serbanescu", 0).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].participant_id, Some(participant));
}

#[tokio::test]
async fn documents_and_calendar_of_a_session() {
    let (_dir, store) = store().await;
    let session = session_with(&store, 2, &[(-2, 8.0), (-1, 8.0)], -3, 80).await;
    let ids = people(&store, 3).await;
    let mut regs = Vec::new();
    for id in &ids {
        regs.push(trainings::enrol(&store, session, *id, late("retroactiv")).await.unwrap());
    }
    for day in [-2, -1] {
        trainings::record_attendance(&store, regs[0].id, &ymd(days_from_today(day)), true).await.unwrap();
    }
    trainings::complete_session(&store, session).await.unwrap();

    let sheets = trainings::attendance_sheets(&store, session, Lang::Ro).await.unwrap();
    assert_eq!(sheets.len(), 2);
    assert_eq!((sheets[1].day_number, sheets[1].day_count, sheets[1].day), (2, 2, days_from_today(-1)));
    assert_eq!(sheets[0].participants.len(), 2, "the waitlisted person does not sign");
    assert!(sheets[0].session_label.starts_with("Sesiunea "));
    assert_eq!(sheets[0].course_title, "Managementul clusterelor – nivel de bază");

    let table = trainings::participants_table(&store, session, Lang::Ro).await.unwrap();
    assert_eq!(table.headers.len(), 10);
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.rows[0][4], Cell::Text("Absolvit".into()));
    assert_eq!(table.rows[2][5], Cell::Integer(1));
    assert_eq!(table.rows[0][7], Cell::Decimal(1600));

    let calendar = trainings::sessions_in(&store, &ymd(days_from_today(-1)), &ymd(days_from_today(0))).await.unwrap();
    assert_eq!(calendar.len(), 1);
    let row = &calendar[0];
    assert_eq!((row.counts.enrolled, row.counts.waitlisted, row.counts.attended, row.counts.completed), (2, 1, 1, 1));
    assert_eq!((row.day_count, row.hours, row.status), (2, 16.0, SessionStatus::Held));
    assert!(
        trainings::sessions_in(&store, &ymd(days_from_today(1)), &ymd(days_from_today(40))).await.unwrap().is_empty()
    );
}

#[tokio::test]
async fn the_demo_has_a_training_programme() {
    let (_dir, store) = store().await;
    clusterdesk_core::demo::generate(&store, &clusterdesk_core::demo::DemoOptions::default()).await.unwrap();
    let courses = trainings::list_courses(&store).await.unwrap();
    assert_eq!(courses.len(), 10);
    let from = ymd(days_from_today(-3 * 366));
    let to = ymd(days_from_today(120));
    let calendar = trainings::sessions_in(&store, &from, &to).await.unwrap();
    assert!(calendar.len() >= 19, "{} sessions", calendar.len());
    assert_eq!(calendar.iter().filter(|s| s.open_for_enrolment).count(), 3);
    assert_eq!(calendar.iter().filter(|s| s.status == SessionStatus::Cancelled).count(), 1);
    assert!(calendar.iter().filter(|s| s.status == SessionStatus::Held).all(|s| s.counts.completed > 0));
    assert!(calendar.iter().any(|s| s.status == SessionStatus::Held && s.counts.waitlisted > 0));
    assert!(calendar.iter().any(|s| s.open_for_enrolment && s.counts.waitlisted > 0));
    assert!(
        count(
            &store,
            "SELECT count(*) FROM registration_changes WHERE from_state = 'waitlisted' AND to_state = 'enrolled'"
        )
        .await
            > 0
    );
    assert!(count(&store, "SELECT count(*) FROM registrations WHERE late_override_reason IS NOT NULL").await > 0);
    assert_eq!(
        count(&store, "SELECT count(*) FROM certificates").await,
        count(&store, "SELECT count(DISTINCT number) FROM certificates").await
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM registrations WHERE state = 'completed'").await,
        count(&store, "SELECT count(*) FROM certificates WHERE revoked_at IS NULL").await
    );
    for session in &calendar {
        let roster = registrations::roster(&store, Offering::session(session.id)).await.unwrap();
        assert_invariants(&roster, session.counts.capacity);
        assert_promotions_in_arrival_order(&store, session.id).await;
    }
}

async fn count(store: &Store, sql: &'static str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(store.pool()).await.unwrap()
}

// ---------------------------------------------------------------------------------------------
// Random sequences of registrations and cancellations against a model of the rules.

#[derive(Debug, Clone)]
enum Op {
    Register(usize),
    Cancel(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![3 => (0..7usize).prop_map(Op::Register), 2 => (0..64usize).prop_map(Op::Cancel)]
}

async fn run_sequence(capacity: i64, ops: Vec<Op>) {
    let (_dir, store) = store().await;
    let session = open_session(&store, capacity).await;
    let ids = people(&store, 7).await;
    // The model: registrations in arrival order, (participant, registration id, state).
    let mut model: Vec<(usize, i64, RegistrationState)> = Vec::new();
    for op in ops {
        match op {
            Op::Register(p) => {
                let live = model.iter().any(|(q, _, s)| *q == p && s.is_live());
                let result = trainings::enrol(&store, session, ids[p], by()).await;
                if live {
                    assert_eq!(field_codes(result.unwrap_err()), [("participant".into(), "already_registered".into())]);
                } else {
                    let seated = model.iter().filter(|(_, _, s)| s.holds_seat()).count() as i64;
                    let waiting = model.iter().any(|(_, _, s)| *s == RegistrationState::Waitlisted);
                    let expected = if seated < capacity && !waiting {
                        RegistrationState::Enrolled
                    } else {
                        RegistrationState::Waitlisted
                    };
                    let r = result.unwrap();
                    assert_eq!(r.state, expected);
                    model.push((p, r.id, expected));
                }
            }
            Op::Cancel(k) => {
                if model.is_empty() {
                    continue;
                }
                let k = k % model.len();
                let result = registrations::cancel(&store, model[k].1, STAFF).await;
                if model[k].2 == RegistrationState::Cancelled {
                    assert!(matches!(result, Err(Error::Refused { code: "error.already_cancelled", .. })));
                    continue;
                }
                let outcome = result.unwrap();
                let freed = model[k].2.holds_seat();
                model[k].2 = RegistrationState::Cancelled;
                let first_waiting = model.iter().position(|(_, _, s)| *s == RegistrationState::Waitlisted);
                match (freed, first_waiting) {
                    (true, Some(w)) => {
                        model[w].2 = RegistrationState::Enrolled;
                        assert_eq!(outcome.promoted.map(|r| r.id), Some(model[w].1));
                    }
                    _ => assert!(outcome.promoted.is_none()),
                }
            }
        }
        let roster = registrations::roster(&store, Offering::session(session)).await.unwrap();
        assert_invariants(&roster, capacity);
        let actual: HashMap<i64, RegistrationState> = roster.iter().map(|r| (r.id, r.state)).collect();
        let expected: HashMap<i64, RegistrationState> = model.iter().map(|(_, id, s)| (*id, *s)).collect();
        assert_eq!(actual, expected);
    }
    assert_promotions_in_arrival_order(&store, session).await;
}

proptest! {
    // Each case is a fresh database file; 100 cases of up to 30 steps take about 10 s in debug.
    // Failing cases are printed (minimised), not persisted: an integration test has no source
    // folder proptest can find.
    #![proptest_config(ProptestConfig { cases: 100, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_registrations_and_cancellations_keep_the_rules(capacity in 1i64..=3, ops in proptest::collection::vec(op(), 1..30)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(run_sequence(capacity, ops));
    }
}
