use std::collections::BTreeMap;

use super::*;
use crate::Error;
use crate::clock::Clock;
use crate::clusters::{self, ClusterInput, ContactInput, Sector};
use crate::store::Store;

/// Every test runs on 15.06.2026 in Bucharest.
const TODAY: &str = "2026-06-15";

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    cluster: i64,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::frozen_local("2026-06-15 10:00").unwrap();
    let store = Store::open_with_clock(&dir.path().join("a.sqlite"), clock).await.unwrap();
    let input = ClusterInput {
        name: "Clusterul Mobilei Transilvania".into(),
        cui: "18547290".into(),
        county: "BV".into(),
        sectors: vec![Sector::WoodFurniture],
        ..Default::default()
    };
    let cluster = clusters::create(&store, &input).await.unwrap();
    Setup { _dir: dir, store, cluster }
}

fn request(cluster: i64) -> RequestInput {
    RequestInput {
        cluster_id: Some(cluster),
        topic: RequestTopic::Funding,
        title: "Cerere de finanțare PNRR".into(),
        requester_name: "Ana Ștefănescu".into(),
        received_on: "2026-06-01".into(),
        owner: "Ioana Mărgineanu".into(),
        due_on: Some("2026-06-30".into()),
        ..Default::default()
    }
}

fn activity(day: &str, minutes: i64, staff: &str) -> ActivityInput {
    ActivityInput {
        kind: ActivityKind::Meeting,
        done_on: day.into(),
        minutes,
        staff: staff.into(),
        summary: "Bugetul proiectului revizuit".into(),
        files: vec![FileRef { path: "C:\\Dosare\\buget.xlsx".into(), label: "Buget".into() }],
    }
}

fn fields<T: std::fmt::Debug>(result: crate::Result<T>) -> BTreeMap<String, String> {
    match result {
        Err(Error::Invalid(fields)) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn status_changes_allowed_and_refused() {
    use RequestStatus::*;
    for (from, to, allowed) in [
        (New, InProgress, true),
        (New, Waiting, true),
        (New, Done, true),
        (New, Dropped, true),
        (InProgress, Waiting, true),
        (Waiting, InProgress, true),
        (InProgress, Done, true),
        (Done, InProgress, true),
        (Dropped, InProgress, true),
        (New, New, false),
        (InProgress, New, false),
        (Waiting, New, false),
        (Done, Dropped, false),
        (Done, Waiting, false),
        (Dropped, Done, false),
        (Done, New, false),
    ] {
        assert_eq!(from.can_become(to), allowed, "{from:?} -> {to:?}");
    }
}

#[tokio::test]
async fn closing_records_the_day_and_reopening_clears_it() {
    let s = setup().await;
    let id = create_request(&s.store, &request(s.cluster)).await.unwrap();
    let detail = request_detail(&s.store, id).await.unwrap();
    assert_eq!(detail.status, RequestStatus::New);
    assert_eq!(detail.next_statuses, RequestStatus::New.next());

    set_request_status(&s.store, id, RequestStatus::Done, "Cererea a fost depusă").await.unwrap();
    let detail = request_detail(&s.store, id).await.unwrap();
    assert_eq!(detail.closed_on.as_deref(), Some(TODAY));
    assert_eq!(detail.outcome, "Cererea a fost depusă");

    let refused = set_request_status(&s.store, id, RequestStatus::Waiting, "").await;
    assert!(matches!(refused, Err(Error::Refused { code: "error.request_transition", .. })), "{refused:?}");

    set_request_status(&s.store, id, RequestStatus::InProgress, "").await.unwrap();
    let detail = request_detail(&s.store, id).await.unwrap();
    assert_eq!(detail.status, RequestStatus::InProgress);
    assert_eq!(detail.closed_on, None);
    assert_eq!(detail.outcome, "Cererea a fost depusă", "reopening keeps the outcome written");
}

#[tokio::test]
async fn dates_in_order_on_either_side() {
    let s = setup().await;
    // Due on the day it came in: allowed. The day before: refused.
    let same_day = RequestInput { due_on: Some("2026-06-01".into()), ..request(s.cluster) };
    create_request(&s.store, &same_day).await.unwrap();
    let before = RequestInput { due_on: Some("2026-05-31".into()), ..request(s.cluster) };
    assert_eq!(fields(create_request(&s.store, &before).await)["due_on"], "due_before_received");
    // Received today: allowed. Tomorrow: refused.
    create_request(&s.store, &RequestInput { received_on: TODAY.into(), due_on: None, ..request(s.cluster) })
        .await
        .unwrap();
    let tomorrow = RequestInput { received_on: "2026-06-16".into(), due_on: None, ..request(s.cluster) };
    assert_eq!(fields(create_request(&s.store, &tomorrow).await)["received_on"], "date_in_future");

    // An activity on the day the request came in: allowed; the day before: refused.
    let id = create_request(&s.store, &request(s.cluster)).await.unwrap();
    save_activity(&s.store, id, None, &activity("2026-06-01", 60, "Ioana Mărgineanu")).await.unwrap();
    let early = save_activity(&s.store, id, None, &activity("2026-05-31", 60, "Ioana Mărgineanu")).await;
    assert_eq!(fields(early)["done_on"], "activity_before_request");
    // Once time is logged, the request cannot be said to have come in after it.
    let later = RequestInput { received_on: "2026-06-02".into(), ..request(s.cluster) };
    assert_eq!(fields(update_request(&s.store, id, &later).await)["received_on"], "received_after_activity");
}

#[tokio::test]
async fn a_request_names_a_cluster_or_a_founding_group() {
    let s = setup().await;
    let nobody = RequestInput { cluster_id: None, ..request(s.cluster) };
    assert_eq!(fields(create_request(&s.store, &nobody).await)["group_name"], "cluster_or_group");
    let group = RequestInput {
        cluster_id: None,
        group_name: "Inițiativa Cluster Apuseni".into(),
        topic: RequestTopic::Founding,
        ..request(s.cluster)
    };
    let id = create_request(&s.store, &group).await.unwrap();
    assert_eq!(request_detail(&s.store, id).await.unwrap().asked_by, "Inițiativa Cluster Apuseni");

    // A contact of another cluster is not "who asked".
    let other = clusters::create(
        &s.store,
        &ClusterInput {
            name: "Cluster Textil Nord".into(),
            cui: "14399840".into(),
            county: "BH".into(),
            sectors: vec![Sector::Textiles],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let contact = clusters::save_contact(
        &s.store,
        other,
        None,
        &ContactInput { name: "Radu Pop".into(), email: "radu@example.ro".into(), ..Default::default() },
    )
    .await
    .unwrap();
    let wrong = RequestInput { contact_id: Some(contact), ..request(s.cluster) };
    assert_eq!(fields(create_request(&s.store, &wrong).await)["contact_id"], "contact_not_of_cluster");
    let right = RequestInput { cluster_id: Some(other), contact_id: Some(contact), ..request(s.cluster) };
    let id = create_request(&s.store, &right).await.unwrap();
    assert_eq!(request_detail(&s.store, id).await.unwrap().requester, "Radu Pop");
}

#[tokio::test]
async fn hours_from_zero_to_twenty_four_a_day_per_person() {
    let s = setup().await;
    let a = create_request(&s.store, &request(s.cluster)).await.unwrap();
    let b = create_request(&s.store, &request(s.cluster)).await.unwrap();
    let ioana = "Ioana Mărgineanu";

    assert_eq!(fields(save_activity(&s.store, a, None, &activity("2026-06-10", -1, ioana)).await)["minutes"], "activity_hours_range");
    assert_eq!(
        fields(save_activity(&s.store, a, None, &activity("2026-06-10", DAY_MINUTES + 1, ioana)).await)["minutes"],
        "activity_hours_range"
    );
    save_activity(&s.store, a, None, &activity("2026-06-09", 0, ioana)).await.unwrap();
    save_activity(&s.store, a, None, &activity("2026-06-08", DAY_MINUTES, ioana)).await.unwrap();

    // 20 h on one request and 4 h on another fill the day; one more minute does not fit.
    let first = save_activity(&s.store, a, None, &activity("2026-06-10", 20 * 60, ioana)).await.unwrap();
    save_activity(&s.store, b, None, &activity("2026-06-10", 4 * 60, ioana)).await.unwrap();
    let over = save_activity(&s.store, b, None, &activity("2026-06-10", 1, ioana)).await;
    assert_eq!(fields(over)["minutes"], "day_over_24_hours");
    // Another person, or another day, is another budget.
    save_activity(&s.store, b, None, &activity("2026-06-10", 60, "Mihai Popa")).await.unwrap();
    save_activity(&s.store, b, None, &activity("2026-06-11", 60, ioana)).await.unwrap();
    // Changing an activity counts it once: 20 h can become 19 h, not 21 h.
    save_activity(&s.store, a, Some(first), &activity("2026-06-10", 19 * 60, ioana)).await.unwrap();
    let grown = save_activity(&s.store, a, Some(first), &activity("2026-06-10", 21 * 60, ioana)).await;
    assert_eq!(fields(grown)["minutes"], "day_over_24_hours");

    let detail = request_detail(&s.store, a).await.unwrap();
    assert_eq!(detail.status, RequestStatus::InProgress, "the first activity starts the work");
    assert_eq!(detail.minutes, DAY_MINUTES + 19 * 60);
    assert_eq!(detail.activities[0].input.files.len(), 1);
}

#[tokio::test]
async fn a_closed_request_takes_no_activity_and_logged_time_blocks_deletion() {
    let s = setup().await;
    let id = create_request(&s.store, &request(s.cluster)).await.unwrap();
    let logged = save_activity(&s.store, id, None, &activity("2026-06-02", 90, "Ioana Mărgineanu")).await.unwrap();
    assert!(matches!(delete_request(&s.store, id).await, Err(Error::Refused { code: "error.request_has_activities", .. })));
    set_request_status(&s.store, id, RequestStatus::Dropped, "").await.unwrap();
    let late = save_activity(&s.store, id, None, &activity("2026-06-03", 30, "Ioana Mărgineanu")).await;
    assert!(matches!(late, Err(Error::Refused { code: "error.request_closed", .. })), "{late:?}");
    assert!(matches!(delete_activity(&s.store, logged).await, Err(Error::Refused { .. })));

    let empty = create_request(&s.store, &request(s.cluster)).await.unwrap();
    delete_request(&s.store, empty).await.unwrap();
}

#[tokio::test]
async fn my_work_lists_open_requests_and_overdue_ones_and_follow_ups() {
    let s = setup().await;
    s.store.set_staff("Ioana Mărgineanu");
    let late = RequestInput { due_on: Some("2026-06-10".into()), ..request(s.cluster) };
    let late = create_request(&s.store, &late).await.unwrap();
    let someone_else = RequestInput { owner: "Mihai Popa".into(), ..request(s.cluster) };
    let someone_else = create_request(&s.store, &someone_else).await.unwrap();
    let follow_up = FollowUpInput { action: "Trimite bugetul".into(), due_on: "2026-06-12".into(), owner: "Mihai Popa".into() };
    save_follow_up(&s.store, someone_else, None, &follow_up).await.unwrap();
    let early = FollowUpInput { due_on: "2026-05-01".into(), ..follow_up.clone() };
    assert_eq!(fields(save_follow_up(&s.store, someone_else, None, &early).await)["due_on"], "due_before_received");

    let work = my_work(&s.store).await.unwrap();
    assert_eq!(work.mine.iter().map(|r| r.id).collect::<Vec<_>>(), vec![late]);
    assert!(work.overdue.iter().any(|r| r.id == late && r.overdue));
    assert_eq!(work.overdue_follow_ups.len(), 1);

    let done = work.overdue_follow_ups[0].follow_up.id;
    set_follow_up_done(&s.store, done, true).await.unwrap();
    assert!(my_work(&s.store).await.unwrap().overdue_follow_ups.is_empty());
    let closed = list_requests(&s.store, &RequestFilter { scope: RequestScope::Closed, ..Default::default() }).await;
    assert!(closed.unwrap().is_empty());
}

#[tokio::test]
async fn the_person_who_asked_is_in_their_personal_data_and_goes_with_an_erasure() {
    let s = setup().await;
    let contact = clusters::save_contact(
        &s.store,
        s.cluster,
        None,
        &ContactInput { name: "Ana Ștefănescu".into(), email: "ana@mobila.example.ro".into(), ..Default::default() },
    )
    .await
    .unwrap();
    let input = RequestInput {
        contact_id: Some(contact),
        description: "Ana Ștefănescu cere modelul de statut.".into(),
        ..request(s.cluster)
    };
    let id = create_request(&s.store, &input).await.unwrap();
    let data = crate::personal_data::collect(&s.store, contact).await.unwrap();
    assert_eq!(data.records["service_requests"].len(), 1);

    crate::personal_data::erase(&s.store, contact).await.unwrap();
    let detail = request_detail(&s.store, id).await.unwrap();
    assert_eq!(detail.input.contact_id, None);
    assert!(!detail.requester.contains("Ștefănescu"), "{}", detail.requester);
    assert!(!detail.input.description.contains("Ștefănescu"), "{}", detail.input.description);
    assert_eq!(detail.input.title, "Cerere de finanțare PNRR", "the request itself stays");
}
