//! The label register (award, validity, corrections, removal), the dashboard's labels that end
//! soon, and the cluster fields the eligibility checks read.

use chrono::{Days, Months, NaiveDate};
use clusterdesk_core::clusters::{self, ClusterInput, LabelInput, LabelLevel, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::{Error, Store, summary};

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

async fn store_with_cluster() -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("labels.sqlite")).await.unwrap();
    let input = ClusterInput {
        name: "Clusterul Energiei Regenerabile Banat".into(),
        cui: "18547290".into(),
        county: "TM".into(),
        sectors: vec![Sector::RenewableEnergy],
        ..Default::default()
    };
    let id = clusters::create(&store, &input).await.unwrap();
    (dir, store, id)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn label(level: LabelLevel, awarded: &str, until: Option<&str>) -> LabelInput {
    LabelInput {
        level: Some(level),
        awarded_on: awarded.into(),
        valid_until: until.map(String::from),
        certificate_ref: "ESCA-RO-2026-007".into(),
    }
}

fn refused_fields(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(f) => f.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn valid_two_years_by_default_and_after_the_award_always() {
    let (_dir, store, id) = store_with_cluster().await;
    let lid = clusters::add_label(&store, id, &label(LabelLevel::Bronze, "2024-02-29", None)).await.unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    let saved = detail.labels.iter().find(|l| l.id == lid).unwrap();
    // 29 February plus two years is the last day of February.
    assert_eq!(saved.valid_until, "2026-02-28");

    // The end of validity must come after the award: the same day is refused, the next accepted.
    let same_day = clusters::add_label(&store, id, &label(LabelLevel::Silver, "2026-05-10", Some("2026-05-10"))).await;
    assert_eq!(refused_fields(same_day.unwrap_err()), [("valid_until".into(), "date_not_after".into())]);
    clusters::add_label(&store, id, &label(LabelLevel::Silver, "2026-05-10", Some("2026-05-11"))).await.unwrap();

    let bad = clusters::add_label(
        &store,
        id,
        &LabelInput { level: None, awarded_on: "10.05.2026".into(), valid_until: None, certificate_ref: String::new() },
    )
    .await;
    assert_eq!(
        refused_fields(bad.unwrap_err()),
        [("level".into(), "required".into()), ("awarded_on".into(), "date_format".into())]
    );
}

#[tokio::test]
async fn a_label_is_corrected_and_removed() {
    let (_dir, store, id) = store_with_cluster().await;
    let awarded = today().checked_sub_months(Months::new(25)).unwrap();
    let lid = clusters::add_label(&store, id, &label(LabelLevel::Bronze, &ymd(awarded), None)).await.unwrap();
    assert_eq!(clusters::get(&store, id).await.unwrap().current_label, None);

    // Extended by a year: current again, with its new end.
    let until = ymd(awarded.checked_add_months(Months::new(36)).unwrap());
    clusters::update_label(&store, lid, &label(LabelLevel::Silver, &ymd(awarded), Some(&until))).await.unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    assert_eq!(detail.current_label, Some(LabelLevel::Silver));
    assert_eq!(detail.labels[0].valid_until, until);

    let earlier = ymd(awarded.pred_opt().unwrap());
    let refused = clusters::update_label(&store, lid, &label(LabelLevel::Silver, &ymd(awarded), Some(&earlier))).await;
    assert_eq!(refused_fields(refused.unwrap_err()), [("valid_until".into(), "date_not_after".into())]);
    assert_eq!(clusters::get(&store, id).await.unwrap().labels[0].valid_until, until, "a refused edit changes nothing");

    clusters::delete_label(&store, lid).await.unwrap();
    assert!(clusters::get(&store, id).await.unwrap().labels.is_empty());
    assert!(matches!(clusters::delete_label(&store, lid).await, Err(Error::NotFound { .. })));
    let missing = clusters::update_label(&store, lid, &label(LabelLevel::Gold, "2026-01-05", None)).await;
    assert!(matches!(missing, Err(Error::NotFound { .. })));
}

#[tokio::test]
async fn the_dashboard_lists_labels_ending_within_ninety_days() {
    let (_dir, store, id) = store_with_cluster().await;
    let t = today();
    let ends_in = |days: u64| ymd(t.checked_add_days(Days::new(days)).unwrap());
    let awarded = ymd(t.checked_sub_months(Months::new(12)).unwrap());
    clusters::add_label(&store, id, &label(LabelLevel::Gold, &awarded, Some(&ends_in(90)))).await.unwrap();
    let d = summary::headline(&store, t).await.unwrap();
    assert_eq!(d.expiring_labels.len(), 1);
    assert_eq!((d.expiring_labels[0].level, d.expiring_labels[0].cluster_id), (LabelLevel::Gold, id));

    let lid = clusters::get(&store, id).await.unwrap().labels[0].id;
    clusters::update_label(&store, lid, &label(LabelLevel::Gold, &awarded, Some(&ends_in(91)))).await.unwrap();
    assert!(summary::headline(&store, t).await.unwrap().expiring_labels.is_empty());
}

#[tokio::test]
async fn the_demo_has_labels_ending_soon_and_keeps_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("demo.sqlite")).await.unwrap();
    let s = demo::generate(&store, &DemoOptions::default()).await.unwrap();
    assert_eq!((s.gold, s.silver, s.bronze), (1, 3, 25));
    let d = summary::headline(&store, today()).await.unwrap();
    assert!(d.expiring_labels.len() >= 2, "{:?}", d.expiring_labels);
}

#[tokio::test]
async fn management_staff_and_english_site_are_checked() {
    let (_dir, store, id) = store_with_cluster().await;
    let mut input = clusters::get(&store, id).await.unwrap().record;
    input.management_fte = Some(-0.5);
    input.website_english = true;
    let refused = refused_fields(clusters::update(&store, id, &input).await.unwrap_err());
    assert_eq!(
        refused,
        [
            ("website_english".into(), "website_english_needs_website".into()),
            ("management_fte".into(), "fte_range".into())
        ]
    );
    input.management_fte = Some(1.254);
    input.website = "www.energie-banat.ro".into();
    clusters::update(&store, id, &input).await.unwrap();
    let saved = clusters::get(&store, id).await.unwrap().record;
    assert_eq!((saved.management_fte, saved.website_english), (Some(1.25), true));
}
