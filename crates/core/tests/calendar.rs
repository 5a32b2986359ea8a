//! The calendar's edges, each at a frozen moment of the store's clock (never the real date): the
//! year end on both sides of midnight in Bucharest (which is still the old year in UTC), a label
//! awarded on a leap day, training sessions across the spring and autumn clock changes, a
//! registration deadline that is "today" until the day ends in Bucharest, and a fee year that
//! rolls over.

use clusterdesk_core::clock::Clock;
use clusterdesk_core::clusters::{self, ClusterInput, LabelInput, LabelLevel, Sector};
use clusterdesk_core::registrations::{self, Offering, ParticipantInput, RegisterOptions, RegistrationState};
use clusterdesk_core::trainings::{self, CourseFormat, CourseInput, SessionDay, SessionInput};
use clusterdesk_core::{Error, Store, summary};

/// 31.12.2026 23:30 in Bucharest (UTC+2).
const NEW_YEARS_EVE: &str = "2026-12-31 23:30";
/// 01.01.2027 00:30 in Bucharest: 31.12.2026 22:30 in UTC.
const NEW_YEARS_NIGHT: &str = "2027-01-01 00:30";

fn at(local: &str) -> Clock {
    Clock::frozen_local(local).unwrap()
}

async fn store_at(local: &str) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_with_clock(&dir.path().join("calendar.sqlite"), at(local)).await.unwrap();
    (dir, store)
}

async fn cluster(store: &Store) -> i64 {
    let input = ClusterInput {
        name: "Clusterul Mobilei din Ardeal".into(),
        cui: "18547290".into(),
        county: "CJ".into(),
        sectors: vec![Sector::WoodFurniture],
        joined_year: Some(2015),
        ..Default::default()
    };
    clusters::create(store, &input).await.unwrap()
}

fn field_codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn the_dashboard_and_the_annual_summary_turn_the_year_at_midnight_in_bucharest() {
    let (_dir, eve) = store_at(NEW_YEARS_EVE).await;
    let id = cluster(&eve).await;
    clusters::set_fee(&eve, id, 2026, 150_000).await.unwrap();

    // 23:30 on 31 December: still 2026, the year's fee is not yet owed from a past year.
    let board = summary::headline(&eve, eve.today()).await.unwrap();
    assert_eq!((board.today.as_str(), board.year), ("2026-12-31", 2026));
    assert_eq!(board.unpaid.clusters, 0, "the 2026 fee is this year's until midnight");
    let s = summary::annual(&eve, 2026).await.unwrap();
    assert_eq!(s.as_of, "2026-12-31");
    let refused = summary::annual(&eve, 2027).await.unwrap_err();
    assert_eq!(field_codes(refused), [("year".into(), "year_range".into())]);

    // 00:30 on 1 January in Bucharest (22:30 on 31 December in UTC): 2027 has begun.
    let night = eve.with_clock(at(NEW_YEARS_NIGHT));
    let board = summary::headline(&night, night.today()).await.unwrap();
    assert_eq!((board.today.as_str(), board.year), ("2027-01-01", 2027));
    assert_eq!(board.unpaid.clusters, 1, "the unpaid 2026 fee is owed from a past year");
    assert_eq!(board.unpaid.total_bani, 150_000);
    let last_year = summary::annual(&night, 2026).await.unwrap();
    assert_eq!(last_year.as_of, "2026-12-31", "a past year is described as of its last day");
    let new_year = summary::annual(&night, 2027).await.unwrap();
    assert_eq!((new_year.as_of.as_str(), new_year.made_on.as_str()), ("2027-01-01", "2027-01-01"));
}

#[tokio::test]
async fn a_fee_can_be_set_for_next_year_and_the_limit_rolls_over_at_midnight() {
    let (_dir, eve) = store_at(NEW_YEARS_EVE).await;
    let id = cluster(&eve).await;
    clusters::set_fee(&eve, id, 2027, 160_000).await.unwrap();
    let refused = clusters::set_fee(&eve, id, 2028, 170_000).await.unwrap_err();
    assert_eq!(field_codes(refused), [("year".into(), "year_range".into())]);

    let night = eve.with_clock(at(NEW_YEARS_NIGHT));
    clusters::set_fee(&night, id, 2028, 170_000).await.unwrap();
    let years: Vec<i64> = clusters::get(&night, id).await.unwrap().fees.iter().map(|f| f.year).collect();
    assert!(years.contains(&2027) && years.contains(&2028), "{years:?}");
}

#[tokio::test]
async fn a_label_awarded_on_a_leap_day_ends_on_the_last_day_of_february_two_years_later() {
    let (_dir, store) = store_at("2028-02-29 10:00").await;
    let id = cluster(&store).await;
    let input = LabelInput { level: Some(LabelLevel::Silver), awarded_on: "2028-02-29".into(), ..Default::default() };
    clusters::add_label(&store, id, &input).await.unwrap();
    let label = clusters::get(&store, id).await.unwrap().labels.remove(0);
    // 29.02.2030 does not exist: two years from a leap day end on 28.02.2030.
    assert_eq!(label.valid_until, "2030-02-28");
    assert!(label.current);

    let last_day = store.with_clock(at("2030-02-28 23:59"));
    assert_eq!(clusters::get(&last_day, id).await.unwrap().current_label, Some(LabelLevel::Silver));
    let after = store.with_clock(at("2030-03-01 00:01"));
    let detail = clusters::get(&after, id).await.unwrap();
    assert_eq!(detail.current_label, None, "expired at midnight in Bucharest");
    assert!(!detail.labels[0].current);
}

async fn course(store: &Store) -> i64 {
    trainings::create_course(
        store,
        &CourseInput {
            title_ro: "Internaționalizarea clusterelor".into(),
            title_en: "Internationalising clusters".into(),
            format: CourseFormat::OnSite,
            hours: 24.0,
            completion_percent: 60,
            ..Default::default()
        },
    )
    .await
    .unwrap()
}

async fn person(store: &Store, name: &str) -> i64 {
    registrations::create_external_participant(store, &ParticipantInput { name: name.into(), ..Default::default() })
        .await
        .unwrap()
}

fn by() -> RegisterOptions {
    RegisterOptions { override_reason: None, by: "Elena Marinescu".into() }
}

#[tokio::test]
async fn sessions_across_the_clock_changes_keep_their_hours_and_attendance_share() {
    // Spring (28.03.2027, 03:00 -> 04:00) and autumn (31.10.2027, 04:00 -> 03:00).
    for (days, deadline, before, after) in [
        (["2027-03-27", "2027-03-28", "2027-03-29"], "2027-03-20", "2027-03-15 10:00", "2027-03-30 09:00"),
        (["2027-10-30", "2027-10-31", "2027-11-01"], "2027-10-25", "2027-10-20 10:00", "2027-11-02 09:00"),
    ] {
        let (_dir, store) = store_at(before).await;
        let course_id = course(&store).await;
        let session_id = trainings::create_session(
            &store,
            &SessionInput {
                course_id,
                place: "Sibiu".into(),
                capacity: 5,
                enrolment_deadline: deadline.into(),
                days: days.iter().map(|d| SessionDay { day: d.to_string(), hours: 8.0 }).collect(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let (ana, bogdan) = (person(&store, "Ana Țurcanu").await, person(&store, "Bogdan Șerban").await);
        let a = registrations::register(&store, Offering::session(session_id), ana, by()).await.unwrap();
        let b = registrations::register(&store, Offering::session(session_id), bogdan, by()).await.unwrap();

        // Just after midnight of the change day in Bucharest (still the day before in UTC), that
        // day can be marked: it is today, not tomorrow.
        let change_night = store.with_clock(at(&format!("{} 00:30", days[1])));
        trainings::record_attendance(&change_night, a.id, days[1], true).await.unwrap();

        let later = store.with_clock(at(after));
        for day in days {
            trainings::record_attendance(&later, a.id, day, true).await.unwrap();
        }
        // 16 of 24 hours: two thirds, above the course's 60 %.
        trainings::record_attendance(&later, b.id, days[0], true).await.unwrap();
        trainings::record_attendance(&later, b.id, days[1], true).await.unwrap();
        trainings::record_attendance(&later, b.id, days[2], false).await.unwrap();

        let session = trainings::get_session(&later, session_id).await.unwrap();
        assert_eq!((session.first_day.as_str(), session.last_day.as_str()), (days[0], days[2]));
        assert_eq!(session.hours, 24.0, "the day of the clock change keeps its 8 hours");
        let done = trainings::complete_session(&later, session_id).await.unwrap();
        assert_eq!((done.completed, done.partial, done.no_show), (2, 0, 0), "{days:?}");
    }
}

#[tokio::test]
async fn a_registration_deadline_today_holds_until_the_day_ends_in_bucharest() {
    let (_dir, store) = store_at("2027-03-01 10:00").await;
    let course_id = course(&store).await;
    let session_id = trainings::create_session(
        &store,
        &SessionInput {
            course_id,
            place: "Brașov".into(),
            capacity: 10,
            enrolment_deadline: "2027-03-10".into(),
            days: vec![SessionDay { day: "2027-03-20".into(), hours: 8.0 }],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let session = Offering::session(session_id);

    let last_minute = store.with_clock(at("2027-03-10 23:59"));
    let on_time = registrations::register(&last_minute, session, person(&store, "Carmen Ștefănescu").await, by())
        .await
        .unwrap();
    assert_eq!(on_time.state, RegistrationState::Enrolled);

    // 00:00:30 on 11 March in Bucharest is 22:00:30 on 10 March in UTC: the deadline has passed.
    let too_late = store.with_clock(at("2027-03-11 00:00:30"));
    let refused = registrations::register(&too_late, session, person(&store, "Dan Țiriac").await, by()).await;
    assert_eq!(field_codes(refused.unwrap_err()), [("override_reason".into(), "deadline_passed".into())]);
}

#[tokio::test]
async fn the_audit_log_stamps_a_write_with_the_stores_clock_in_utc() {
    let (_dir, store) = store_at(NEW_YEARS_NIGHT).await;
    cluster(&store).await;
    let stamps: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT at FROM audit_log").fetch_all(store.pool()).await.unwrap();
    assert_eq!(stamps, ["2026-12-31T22:30:00Z"]);
    let created: String = sqlx::query_scalar("SELECT created_at FROM clusters").fetch_one(store.pool()).await.unwrap();
    assert_eq!(created, "2026-12-31T22:30:00Z");
    // Filtered by the Bucharest day it happened on.
    let query = clusterdesk_core::audit::AuditQuery {
        since: Some("2027-01-01".into()),
        until: Some("2027-01-01".into()),
        ..Default::default()
    };
    assert!(clusterdesk_core::audit::entries(&store, &query).await.unwrap().total > 0);
    let query = clusterdesk_core::audit::AuditQuery { until: Some("2026-12-31".into()), ..Default::default() };
    assert_eq!(clusterdesk_core::audit::entries(&store, &query).await.unwrap().total, 0);
}
