use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::Error;
use crate::clusters::{self, ClusterInput, OrgKind, OrganisationInput, Sector};
use crate::store::Store;

fn today() -> chrono::NaiveDate {
    crate::clock::Clock::default().today()
}

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    cluster: i64,
    sme: i64,
    university: i64,
}

async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.sqlite")).await.unwrap();
    let input = ClusterInput {
        name: "Clusterul Mobilei Transilvania".into(),
        cui: "18547290".into(),
        county: "BV".into(),
        sectors: vec![Sector::WoodFurniture],
        ..Default::default()
    };
    let cluster = clusters::create(&store, &input).await.unwrap();
    let org = |name: &str, kind| OrganisationInput { name: name.into(), kind: Some(kind), ..Default::default() };
    let sme =
        clusters::save_organisation(&store, cluster, None, &org("Lemn Ardelean SRL", OrgKind::Small)).await.unwrap();
    let university =
        clusters::save_organisation(&store, cluster, None, &org("Universitatea Transilvania", OrgKind::Research))
            .await
            .unwrap();
    Setup { _dir: dir, store, cluster, sme, university }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn valid(organisation: i64) -> AuditInput {
    AuditInput {
        organisation_id: Some(organisation),
        kind: Some(AuditKind::InnovationAudit),
        audited_on: ymd(today()),
        auditor: "Ioana Mărgineanu".into(),
        scores: AuditScores {
            strategy: Some(1),
            organisation: Some(5),
            processes: Some(3),
            resources: Some(3),
            products: Some(4),
            international: Some(2),
        },
        findings: "Exporturile depind de un singur client.".into(),
        actions: vec![ActionInput {
            action: "Un plan de internaționalizare".into(),
            owner: "Directorul general".into(),
            due_on: Some(ymd(today())),
            ..Default::default()
        }],
    }
}

fn fields(result: crate::Result<i64>) -> BTreeMap<String, String> {
    match result {
        Err(Error::Invalid(fields)) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn scores_are_required_from_one_to_five() {
    let s = setup().await;
    let mut input = valid(s.sme);
    input.scores.strategy = Some(0);
    input.scores.products = Some(6);
    input.scores.processes = None;
    let refused = fields(save_audit(&s.store, s.cluster, None, &input).await);
    assert_eq!(refused.get("scores.strategy").map(String::as_str), Some("score_range"));
    assert_eq!(refused.get("scores.products").map(String::as_str), Some("score_range"));
    assert_eq!(refused.get("scores.processes").map(String::as_str), Some("required"));
    assert_eq!(refused.len(), 3, "{refused:?}");
    // The edges themselves are accepted.
    input.scores = AuditScores { strategy: Some(1), products: Some(5), processes: Some(5), ..valid(s.sme).scores };
    save_audit(&s.store, s.cluster, None, &input).await.unwrap();
}

#[tokio::test]
async fn dates_organisation_and_actions_are_checked() {
    let s = setup().await;
    let tomorrow = today().succ_opt().unwrap();
    let yesterday = today().pred_opt().unwrap();
    let mut input = valid(s.university);
    input.audited_on = ymd(tomorrow);
    input.auditor = "  ".into();
    input.kind = None;
    input.actions = vec![
        ActionInput { action: "".into(), ..Default::default() },
        ActionInput { action: "Brevet".into(), due_on: Some("31.12.2026".into()), ..Default::default() },
    ];
    let refused = fields(save_audit(&s.store, s.cluster, None, &input).await);
    let expected: BTreeMap<String, String> = [
        ("audited_on", "date_future"),
        ("auditor", "required"),
        ("kind", "required"),
        ("actions.0.action", "required"),
        ("actions.1.due_on", "date_format"),
        ("organisation_id", "audit_not_sme"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(refused, expected);

    // An action cannot be due before the audit; on the audit's day it can.
    let mut input = valid(s.sme);
    input.actions[0].due_on = Some(ymd(yesterday));
    let refused = fields(save_audit(&s.store, s.cluster, None, &input).await);
    assert_eq!(refused.get("actions.0.due_on").map(String::as_str), Some("date_before"));

    // An organisation of another cluster is not a member here.
    let other = clusters::create(
        &s.store,
        &ClusterInput {
            name: "Alt cluster".into(),
            cui: "14837428".into(),
            county: "CJ".into(),
            sectors: vec![Sector::Textiles],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let refused = fields(save_audit(&s.store, other, None, &valid(s.sme)).await);
    assert_eq!(refused.get("organisation_id").map(String::as_str), Some("audit_not_a_member"));
    assert!(cluster_audits(&s.store, s.cluster).await.unwrap().audits.is_empty());
}

#[tokio::test]
async fn audits_and_open_actions_on_the_cluster_page() {
    let s = setup().await;
    let mut input = valid(s.sme);
    input.actions.push(ActionInput {
        action: "Certificare ISO 9001".into(),
        status: ActionStatus::Done,
        ..Default::default()
    });
    input.actions.push(ActionInput {
        action: "Instruire digitală".into(),
        status: ActionStatus::InProgress,
        ..Default::default()
    });
    let id = save_audit(&s.store, s.cluster, None, &input).await.unwrap();

    let page = cluster_audits(&s.store, s.cluster).await.unwrap();
    assert_eq!(page.audits.len(), 1);
    let audit = &page.audits[0];
    assert_eq!((audit.organisation.as_str(), audit.average_hundredths), ("Lemn Ardelean SRL", 300));
    assert_eq!(audit.actions.len(), 3);
    // Open and in progress, the dated one first; done is not open.
    let open: Vec<&str> = page.open_actions.iter().map(|a| a.action.action.as_str()).collect();
    assert_eq!(open, ["Un plan de internaționalizare", "Instruire digitală"]);

    // Editing keeps the actions listed (by id), drops the others, adds the new ones.
    let mut edit = input.clone();
    edit.actions = vec![
        ActionInput { id: Some(audit.actions[0].id), ..audit_action_input(&audit.actions[0]) },
        ActionInput { action: "Un brevet".into(), ..Default::default() },
    ];
    save_audit(&s.store, s.cluster, Some(id), &edit).await.unwrap();
    let audit = &cluster_audits(&s.store, s.cluster).await.unwrap().audits[0];
    let texts: Vec<&str> = audit.actions.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(texts, ["Un plan de internaționalizare", "Un brevet"]);

    set_action_status(&s.store, audit.actions[0].id, ActionStatus::Done).await.unwrap();
    let page = cluster_audits(&s.store, s.cluster).await.unwrap();
    assert_eq!(page.open_actions.len(), 1);
    assert!(matches!(set_action_status(&s.store, 9999, ActionStatus::Done).await, Err(Error::NotFound { .. })));

    delete_audit(&s.store, id).await.unwrap();
    let page = cluster_audits(&s.store, s.cluster).await.unwrap();
    assert!(page.audits.is_empty() && page.open_actions.is_empty());
}

fn audit_action_input(a: &RecommendedAction) -> ActionInput {
    ActionInput {
        id: Some(a.id),
        action: a.action.clone(),
        owner: a.owner.clone(),
        due_on: a.due_on.clone(),
        status: a.status,
    }
}

#[tokio::test]
async fn the_demo_has_audits_with_open_actions() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("d.sqlite")).await.unwrap();
    crate::demo::generate(&store, &crate::demo::DemoOptions::default()).await.unwrap();
    let with_audits: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT o.cluster_id FROM sme_audits a JOIN organisations o ON o.id = a.organisation_id",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert!(with_audits.len() >= 5, "{with_audits:?}");
    let mut open = 0;
    for cluster in with_audits {
        open += cluster_audits(&store, cluster).await.unwrap().open_actions.len();
    }
    assert!(open >= 3, "{open} open actions");

    // The annual summary counts the audits held in the year, up to today.
    let year = chrono::Datelike::year(&today());
    let held: i64 = sqlx::query_scalar("SELECT count(*) FROM sme_audits WHERE audited_on BETWEEN ? AND ?")
        .bind(format!("{year}-01-01"))
        .bind(ymd(today()))
        .fetch_one(store.pool())
        .await
        .unwrap();
    let summary = crate::summary::annual(&store, i64::from(year)).await.unwrap();
    assert_eq!(summary.assessments.audits, held);
}
