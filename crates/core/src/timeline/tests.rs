use super::*;
use crate::clock::Clock;
use crate::clusters::{self, ClusterInput, ContactInput, PaymentInput, Sector};
use crate::network::{IntroductionInput, IntroductionOutcome, save_introduction};
use crate::services::{self, ActivityInput, ActivityKind, RequestInput, RequestStatus, RequestTopic};

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    ours: i64,
    theirs: i64,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::frozen_local("2026-06-15 10:00").unwrap();
    let store = Store::open_with_clock(&dir.path().join("a.sqlite"), clock).await.unwrap();
    let cluster = |name: &str, cui: &str| ClusterInput {
        name: name.into(),
        cui: cui.into(),
        county: "BV".into(),
        sectors: vec![Sector::WoodFurniture],
        ..Default::default()
    };
    let ours = clusters::create(&store, &cluster("Clusterul Mobilei Transilvania", "18547290")).await.unwrap();
    let theirs = clusters::create(&store, &cluster("Cluster Lemn Nord", "14399840")).await.unwrap();
    Setup { _dir: dir, store, ours, theirs }
}

async fn page(s: &Setup, cluster_id: i64, kinds: Vec<TimelineKind>) -> TimelinePage {
    timeline(&s.store, &TimelineQuery { cluster_id, kinds, ..Default::default() }).await.unwrap()
}

#[tokio::test]
async fn the_timeline_holds_the_clusters_services_newest_first_and_filters_by_kind() {
    let s = setup().await;
    let request = RequestInput {
        cluster_id: Some(s.ours),
        topic: RequestTopic::Governance,
        title: "Statutul revizuit".into(),
        received_on: "2026-05-04".into(),
        owner: "Ioana Mărgineanu".into(),
        ..Default::default()
    };
    let id = services::create_request(&s.store, &request).await.unwrap();
    let activity = ActivityInput {
        kind: ActivityKind::Call,
        done_on: "2026-05-20".into(),
        minutes: 45,
        staff: "Ioana Mărgineanu".into(),
        summary: "Observații la statut".into(),
        files: Vec::new(),
    };
    services::save_activity(&s.store, id, None, &activity).await.unwrap();
    services::set_request_status(&s.store, id, RequestStatus::Done, "Adoptat").await.unwrap();
    clusters::set_fee(&s.store, s.ours, 2026, 120_000).await.unwrap();
    let payment = PaymentInput { year: 2026, paid_on: "2026-03-02".into(), amount_bani: 120_000, note: "OP 12".into() };
    clusters::add_payment(&s.store, s.ours, &payment).await.unwrap();
    clusters::save_contact(&s.store, s.ours, None, &ContactInput { name: "Ana Pop".into(), ..Default::default() })
        .await
        .unwrap();
    let introduction = IntroductionInput {
        a_cluster_id: s.theirs,
        b_cluster_id: Some(s.ours),
        introduced_on: "2026-04-01".into(),
        introduced_by: "Andrei Vlad".into(),
        outcome: IntroductionOutcome::Met,
        outcome_on: Some("2026-04-20".into()),
        ..Default::default()
    };
    save_introduction(&s.store, None, &introduction).await.unwrap();

    let all = page(&s, s.ours, Vec::new()).await;
    assert_eq!(all.cluster_name, "Clusterul Mobilei Transilvania");
    assert_eq!(all.total, all.items.len() as i64);
    let dates: Vec<&str> = all.items.iter().map(|i| i.date.as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    let kinds: Vec<TimelineKind> = all.items.iter().map(|i| i.kind).collect();
    for kind in [
        TimelineKind::Request,
        TimelineKind::Activity,
        TimelineKind::RequestClosed,
        TimelineKind::Fee,
        TimelineKind::Payment,
        TimelineKind::Introduction,
        TimelineKind::Change,
    ] {
        assert!(kinds.contains(&kind), "{kind:?} missing from {kinds:?}");
    }
    let closed = all.items.iter().find(|i| i.kind == TimelineKind::RequestClosed).unwrap();
    assert_eq!((closed.date.as_str(), closed.minutes), ("2026-06-15", Some(45)));
    // The contact added is a change of the cluster's record; the request is not shown twice as one.
    assert!(all.items.iter().any(|i| i.kind == TimelineKind::Change && i.entity.as_deref() == Some("contacts")));
    assert!(!all.items.iter().any(|i| i.kind == TimelineKind::Change && i.entity.as_deref() == Some("service_requests")));

    let only = page(&s, s.ours, vec![TimelineKind::Activity, TimelineKind::Payment]).await;
    assert_eq!(only.items.iter().map(|i| i.kind).collect::<Vec<_>>(), vec![TimelineKind::Activity, TimelineKind::Payment]);
    assert_eq!(only.total, 2);

    // The other side of the introduction sees it; nothing else of ours.
    let theirs = page(&s, s.theirs, Vec::new()).await;
    let intro = theirs.items.iter().find(|i| i.kind == TimelineKind::Introduction).unwrap();
    assert_eq!(intro.title, "Clusterul Mobilei Transilvania");
    assert!(!theirs.items.iter().any(|i| i.kind == TimelineKind::Request));

    // A range of days, and paging.
    let may = timeline(
        &s.store,
        &TimelineQuery { cluster_id: s.ours, from: Some("2026-05-01".into()), to: Some("2026-05-31".into()), ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!(may.items.iter().map(|i| i.kind).collect::<Vec<_>>(), vec![TimelineKind::Activity, TimelineKind::Request]);
    let second = timeline(&s.store, &TimelineQuery { cluster_id: s.ours, offset: 1, limit: 1, ..Default::default() })
        .await
        .unwrap();
    assert_eq!(second.items, all.items[1..2]);
    assert_eq!(second.total, all.total);
}

#[tokio::test]
async fn an_unknown_cluster_is_not_found() {
    let s = setup().await;
    let missing = timeline(&s.store, &TimelineQuery { cluster_id: 999, ..Default::default() }).await;
    assert!(matches!(missing, Err(Error::NotFound { entity: "cluster", .. })));
}
