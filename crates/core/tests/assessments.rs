//! Assessments through the public API, on a real SQLite file: drafts, refusals, finalisation,
//! corrections as revisions, framework versions, and the demo database's labels.

use clusterdesk_core::assessments::framework::{self, IndicatorEdit, IndicatorKind};
use clusterdesk_core::assessments::scoring::{IndicatorValue, Value};
use clusterdesk_core::assessments::{self, AssessmentInput, AssessmentQuery, AssessmentStatus};
use clusterdesk_core::clusters::{self, ClusterInput, LabelLevel, Sector};
use clusterdesk_core::{Error, Store, cui};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("db.sqlite")).await.unwrap();
    (dir, store)
}

async fn cluster(store: &Store, name: &str) -> i64 {
    // A distinct valid fiscal code per name.
    let body = format!("{:08}", 30_000_000 + name.len() as u32 * 7919);
    let cui = format!("{body}{}", cui::check_digit(&body).unwrap());
    let input = ClusterInput {
        name: name.into(),
        cui,
        county: "CJ".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    };
    clusters::create(store, &input).await.unwrap()
}

fn header(cluster_id: i64, year: i64, date: &str) -> AssessmentInput {
    AssessmentInput {
        cluster_id,
        year,
        assessor: "Ioana Mureșan".into(),
        assessed_on: date.into(),
        notes: String::new(),
    }
}

/// A value for every indicator of the current framework: every threshold reached, except the
/// quality indicators after the first `quality_met`, which miss theirs.
async fn all_values(store: &Store, quality_met: usize) -> Vec<IndicatorValue> {
    let def = framework::current(store).await.unwrap().def;
    let mut quality = 0;
    def.indicators
        .iter()
        .map(|i| {
            let is_quality = i.part == framework::Part::Quality;
            let meet = !is_quality || {
                quality += 1;
                quality <= quality_met
            };
            let best = *i.thresholds.last().unwrap();
            let value = match i.kind {
                IndicatorKind::YesNo => Value::YesNo(meet),
                IndicatorKind::Choice => {
                    let option = i.options.iter().find(|o| (o.points >= best) == meet).unwrap();
                    Value::Choice(option.code.clone())
                }
                IndicatorKind::Number => {
                    let step = if i.direction == framework::Direction::Higher { -0.5 } else { 0.5 };
                    Value::Number(if meet { best } else { best + step })
                }
            };
            IndicatorValue { indicator: i.code.clone(), value: Some(value), evidence: "raport anual".into() }
        })
        .collect()
}

fn refused(e: Error) -> (String, std::collections::BTreeMap<String, String>) {
    match e {
        Error::Refused { code, params } => (code.to_string(), params),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_draft_is_filled_checked_and_finalised_then_read_only() {
    let (_dir, store) = store().await;
    let id = cluster(&store, "Clusterul Textil Someș").await;
    let a = assessments::create(&store, &header(id, 2024, "2025-03-10")).await.unwrap();
    // One assessment per cluster and year.
    let again = assessments::create(&store, &header(id, 2024, "2025-03-11")).await.unwrap_err();
    assert!(matches!(&again, Error::Invalid(f) if f[0].field == "year" && f[0].code == "assessment_exists"));
    // The date cannot come before the reference year.
    let early = assessments::create(&store, &header(id, 2025, "2024-12-31")).await.unwrap_err();
    assert!(matches!(&early, Error::Invalid(f) if f[0].field == "assessed_on"));

    // Out of range: refused at the field, nothing saved.
    let bad = vec![
        IndicatorValue { indicator: "B1.1".into(), value: Some(Value::Number(25.0)), evidence: String::new() },
        IndicatorValue { indicator: "B1.2".into(), value: Some(Value::Number(140.0)), evidence: String::new() },
    ];
    let e = assessments::save_values(&store, a, &bad).await.unwrap_err();
    let Error::Invalid(fields) = e else { panic!() };
    assert_eq!(fields.len(), 1);
    assert_eq!((fields[0].field.as_str(), fields[0].code.as_str()), ("B1.2", "assessment_out_of_range"));
    assert_eq!(fields[0].params["max"], "100");
    assert!(assessments::get(&store, a).await.unwrap().values.is_empty());

    // Half filled: finalising is refused with what is missing.
    let values = all_values(&store, 31).await;
    let result = assessments::save_values(&store, a, &values[..30]).await.unwrap();
    assert!(!result.complete);
    assert_eq!(result.missing.len(), 67 - 30);
    let (code, params) = refused(assessments::finalise(&store, a).await.unwrap_err());
    assert_eq!(code, "error.assessment_incomplete");
    assert_eq!(params["count"], "37");
    assert!(params["indicators"].starts_with("B6.1, B6.2"), "{}", params["indicators"]);

    let result = assessments::save_values(&store, a, &values[30..]).await.unwrap();
    assert!(result.complete);
    let result = assessments::finalise(&store, a).await.unwrap();
    assert_eq!(result.overall, 100.0);
    assert_eq!(result.quality_share, 100.0);
    assert_eq!(result.level, Some(LabelLevel::Gold));

    // Final: read-only, in the core and in the database itself.
    let (code, _) = refused(assessments::save_values(&store, a, &values[..1]).await.unwrap_err());
    assert_eq!(code, "error.assessment_final");
    assert_eq!(refused(assessments::finalise(&store, a).await.unwrap_err()).0, "error.assessment_final");
    assert_eq!(refused(assessments::delete_draft(&store, a).await.unwrap_err()).0, "error.assessment_final");
    let sneaky = sqlx::query("UPDATE assessment_values SET number = 0 WHERE assessment_id = ?")
        .bind(a)
        .execute(store.pool())
        .await;
    assert!(sneaky.is_err(), "the trigger keeps a final assessment's values");
    let sneaky =
        sqlx::query("UPDATE assessments SET overall_score = 1 WHERE id = ?").bind(a).execute(store.pool()).await;
    assert!(sneaky.is_err());
}

#[tokio::test]
async fn a_correction_is_a_new_revision_with_its_reason_and_keeps_the_old_one() {
    let (_dir, store) = store().await;
    let id = cluster(&store, "Cluster Energie Verde").await;
    let a = assessments::create(&store, &header(id, 2024, "2025-02-01")).await.unwrap();
    assessments::save_values(&store, a, &all_values(&store, 10).await).await.unwrap();
    let first = assessments::finalise(&store, a).await.unwrap();
    assert_eq!(first.level, Some(LabelLevel::Bronze));

    let no_reason = assessments::revise(&store, a, "  ").await.unwrap_err();
    assert!(matches!(&no_reason, Error::Invalid(f) if f[0].field == "reason"));
    let b = assessments::revise(&store, a, "Bugetul a fost raportat greșit").await.unwrap();
    assert_eq!(
        refused(assessments::revise(&store, a, "încă una").await.unwrap_err()).0,
        "error.assessment_revision_open"
    );
    let draft = assessments::get(&store, b).await.unwrap();
    assert_eq!((draft.row.revision, draft.row.status), (2, AssessmentStatus::Draft));
    assert_eq!(draft.revision_reason, "Bugetul a fost raportat greșit");
    assert_eq!(draft.values.len(), 67, "the values are carried over");
    // Until the correction is final, the old revision is the valid one.
    assert_eq!(assessments::get(&store, a).await.unwrap().row.status, AssessmentStatus::Final);

    assessments::save_values(&store, b, &all_values(&store, 31).await).await.unwrap();
    let second = assessments::finalise(&store, b).await.unwrap();
    assert_eq!(second.level, Some(LabelLevel::Gold));
    let old = assessments::get(&store, a).await.unwrap();
    assert_eq!(old.row.status, AssessmentStatus::Superseded);
    assert_eq!(old.result, first, "the corrected revision is kept as it was");
    assert_eq!(old.revisions.len(), 2);
    let finals =
        assessments::list(&store, &AssessmentQuery { status: Some(AssessmentStatus::Final), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(finals.iter().map(|r| r.id).collect::<Vec<_>>(), [b]);
    // A superseded revision cannot be corrected again; the current one can.
    assert_eq!(refused(assessments::revise(&store, a, "x").await.unwrap_err()).0, "error.assessment_not_final");
    let c = assessments::revise(&store, b, "Verificare").await.unwrap();
    assessments::delete_draft(&store, c).await.unwrap();
    assert_eq!(assessments::get(&store, b).await.unwrap().row.status, AssessmentStatus::Final);
}

#[tokio::test]
async fn a_framework_edit_makes_a_new_version_and_changes_no_final_assessment() {
    let (_dir, store) = store().await;
    let id = cluster(&store, "Cluster Mobilă Bucovina").await;
    let a = assessments::create(&store, &header(id, 2024, "2025-02-01")).await.unwrap();
    assessments::save_values(&store, a, &all_values(&store, 25).await).await.unwrap();
    let before = assessments::finalise(&store, a).await.unwrap();
    assert_eq!(before.level, Some(LabelLevel::Gold), "25 of 31 is 80.6%");
    let draft_cluster = cluster(&store, "Cluster Agro Dobrogea").await;
    let draft = assessments::create(&store, &header(draft_cluster, 2024, "2025-02-01")).await.unwrap();

    let v1 = framework::current(&store).await.unwrap();
    assert_eq!(v1.version, 1);
    let q01 = v1.def.indicator("Q01").unwrap().clone();
    let edit = IndicatorEdit {
        code: "Q01".into(),
        weight: 3.0,
        min: q01.min,
        max: q01.max,
        thresholds: vec![5000.0],
        note: "Prag mai exigent".into(),
    };
    let refused_edit =
        framework::edit_indicator(&store, &IndicatorEdit { thresholds: vec![6000.0], ..edit.clone() }).await;
    assert!(matches!(refused_edit, Err(Error::Invalid(f)) if f[0].field == "thresholds"));
    let v2 = framework::edit_indicator(&store, &edit).await.unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.def.indicator("Q01").unwrap().thresholds, [5000.0]);
    assert_eq!(framework::versions(&store).await.unwrap().len(), 2);

    let after = assessments::get(&store, a).await.unwrap();
    assert_eq!(after.result, before);
    assert_eq!(after.row.framework_version, 1);
    assert_eq!(after.framework.def, v1.def);
    assert_eq!(after.current_framework_version, 2);
    // A draft keeps its version too; a new assessment takes the new one.
    assert_eq!(assessments::get(&store, draft).await.unwrap().row.framework_version, 1);
    let new = assessments::create(&store, &header(draft_cluster, 2025, "2026-01-15")).await.unwrap();
    assert_eq!(assessments::get(&store, new).await.unwrap().row.framework_version, 2);
}

#[tokio::test]
async fn silver_follows_a_first_benchmarking_18_to_24_months_earlier() {
    let (_dir, store) = store().await;
    let id = cluster(&store, "Cluster IT Transilvania").await;
    let first = assessments::create(&store, &header(id, 2023, "2024-01-20")).await.unwrap();
    assessments::save_values(&store, first, &all_values(&store, 10).await).await.unwrap();
    assert_eq!(assessments::finalise(&store, first).await.unwrap().level, Some(LabelLevel::Bronze));
    let second = assessments::create(&store, &header(id, 2025, "2025-10-20")).await.unwrap();
    // 20 of 31 quality indicators met: the first ones, which cover the weakest areas of 2023 (all
    // areas tie there, so the first three in the framework's order).
    let result = assessments::save_values(&store, second, &all_values(&store, 20).await).await.unwrap();
    assert_eq!(result.silver.previous_id, Some(first));
    assert!(result.silver.in_window);
    assert_eq!(result.level, Some(LabelLevel::Silver), "{:?}", result.silver);
    let comparison = assessments::compare(&store, id).await.unwrap();
    assert_eq!(comparison.history.len(), 1, "only final assessments");
    assessments::finalise(&store, second).await.unwrap();
    let comparison = assessments::compare(&store, id).await.unwrap();
    assert_eq!(comparison.history.iter().map(|h| h.year).collect::<Vec<_>>(), [2023, 2025]);
    assert_eq!(comparison.national.unwrap().clusters, 1);
}

#[tokio::test]
async fn every_label_of_the_demo_rests_on_a_final_assessment_that_supports_it() {
    let (_dir, store) = store().await;
    clusterdesk_core::demo::generate(&store, &Default::default()).await.unwrap();
    let today = clusterdesk_core::clock::Clock::default().today().format("%Y-%m-%d").to_string();
    let labels: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT cluster_id, level, awarded_on FROM labels WHERE valid_until >= ? ORDER BY cluster_id")
            .bind(&today)
            .fetch_all(store.pool())
            .await
            .unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for (_, level, _) in &labels {
        *counts.entry(level.clone()).or_insert(0) += 1;
    }
    assert_eq!(counts.get("gold"), Some(&1));
    assert_eq!(counts.get("silver"), Some(&3));
    assert_eq!(counts.get("bronze"), Some(&25));
    let finals =
        assessments::list(&store, &AssessmentQuery { status: Some(AssessmentStatus::Final), ..Default::default() })
            .await
            .unwrap();
    for (cluster_id, level, awarded_on) in &labels {
        let level = LabelLevel::parse(level).unwrap();
        let support = finals.iter().find(|a| {
            a.cluster_id == *cluster_id && a.level == Some(level) && a.assessed_on.as_str() <= awarded_on.as_str()
        });
        assert!(
            support.is_some(),
            "cluster {cluster_id}: no final assessment supports its {level:?} label of {awarded_on}"
        );
        let detail = assessments::get(&store, support.unwrap().id).await.unwrap();
        match level {
            LabelLevel::Gold => assert!(detail.result.quality_share >= 80.0),
            LabelLevel::Silver => assert!(detail.result.silver.passed && detail.result.quality_share < 80.0),
            LabelLevel::Bronze => assert!(detail.result.overall >= 35.0 && !detail.result.silver.passed),
        }
    }
    // Some clusters have several years to compare, and drafts are in progress.
    let several = finals.iter().filter(|a| finals.iter().filter(|b| b.cluster_id == a.cluster_id).count() >= 3).count();
    assert!(several >= 3, "{several}");
    let drafts =
        assessments::list(&store, &AssessmentQuery { status: Some(AssessmentStatus::Draft), ..Default::default() })
            .await
            .unwrap();
    assert!(!drafts.is_empty());
    let comparison = assessments::compare(&store, finals[0].cluster_id).await.unwrap();
    assert!(comparison.national.unwrap().clusters >= 29);
}
