use super::*;
use crate::money::Currency;
use crate::store::Store;
use crate::test_support::{refused as fields, store_with_cluster};
use crate::trainings::{self, PartnerInput};

struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    cluster: i64,
    partner: i64,
}

async fn setup() -> Setup {
    let (dir, store, cluster) = store_with_cluster().await;
    let partner = PartnerInput { name: "Klaster Drvo Vukovar".into(), country: "HR".into(), ..Default::default() };
    let partner = trainings::create_partner(&store, &partner).await.unwrap();
    Setup { _dir: dir, store, cluster, partner }
}

/// A funded project of 100.000,00 EUR at 4,9750 lei, a partner and a cluster sharing it.
fn project(s: &Setup) -> ProjectInput {
    ProjectInput {
        acronym: "WOODLINK".into(),
        title: "Lanțuri valorice în industria lemnului".into(),
        programme: Programme::Interreg,
        status: ProjectStatus::Funded,
        submitted_on: Some("2026-01-10".into()),
        starts_on: Some("2026-03-01".into()),
        ends_on: Some("2028-02-29".into()),
        currency: Currency::Eur,
        budget_total: 10_000_000,
        own_share: 4_000_000,
        eur_rate: Some(49_750),
        rate_on: Some("2026-03-02".into()),
        partners: vec![ProjectPartnerInput { partner_id: s.partner, role: ProjectRole::Lead, share: 5_000_000 }],
        clusters: vec![ProjectClusterInput { cluster_id: s.cluster, share: 1_000_000 }],
        milestones: vec![MilestoneInput {
            title: "Raport intermediar".into(),
            due_on: "2027-03-01".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn status_moves_only_forward_and_a_rejection_back_to_an_idea() {
    use ProjectStatus::*;
    assert!(Idea.can_become(Submitted) && Submitted.can_become(Funded) && Funded.can_become(Running));
    assert!(Running.can_become(Closed) && Rejected.can_become(Idea) && Closed.can_become(Closed));
    assert!(!Idea.can_become(Funded) && !Closed.can_become(Running) && !Rejected.can_become(Funded));
}

#[tokio::test]
async fn shares_may_reach_the_budget_but_not_exceed_it() {
    let s = setup().await;
    let id = create_project(&s.store, &project(&s)).await.unwrap();
    let saved = get_project(&s.store, id).await.unwrap();
    assert_eq!(saved.unallocated, 0, "own 40.000 + partner 50.000 + cluster 10.000 = the budget");
    assert_eq!(saved.budget, Amount { eur: Some(10_000_000), ron: Some(49_750_000) });
    assert_eq!(saved.partner_rows[0].country, "HR");
    assert_eq!(saved.input.milestones.len(), 1);

    let mut over = project(&s);
    over.clusters[0].share += 1;
    assert_eq!(fields(update_project(&s.store, id, &over).await).get("own_share").map(String::as_str), Some("shares_exceed_total"));
}

#[tokio::test]
async fn dates_in_order_a_rate_for_a_budget_and_no_skipped_status() {
    let s = setup().await;
    let mut input = project(&s);
    input.ends_on = Some("2026-02-01".into());
    input.eur_rate = None;
    let refused = fields(create_project(&s.store, &input).await);
    assert_eq!(refused.get("ends_on").map(String::as_str), Some("ends_before_start"));
    assert_eq!(refused.get("eur_rate").map(String::as_str), Some("rate_required"));

    let mut idea = project(&s);
    idea.status = ProjectStatus::Idea;
    let id = create_project(&s.store, &idea).await.unwrap();
    let mut skipped = project(&s);
    skipped.status = ProjectStatus::Running;
    assert_eq!(fields(update_project(&s.store, id, &skipped).await).get("status").map(String::as_str), Some("project_transition"));
    let mut submitted = project(&s);
    submitted.status = ProjectStatus::Submitted;
    update_project(&s.store, id, &submitted).await.unwrap();
}

#[tokio::test]
async fn the_list_filters_by_status_programme_cluster_and_words() {
    let s = setup().await;
    create_project(&s.store, &project(&s)).await.unwrap();
    let mut other = project(&s);
    other.acronym = "DIGIT".into();
    other.title = "Digitalizare".into();
    other.programme = Programme::National;
    other.clusters.clear();
    create_project(&s.store, &other).await.unwrap();

    let store = &s.store;
    let list = move |filter: ProjectFilter| async move { list_projects(store, &filter).await.unwrap() };
    let acronyms = |rows: Vec<ProjectRow>| rows.into_iter().map(|r| r.acronym).collect::<Vec<_>>();
    assert_eq!(acronyms(list(ProjectFilter { programme: Some(Programme::National), ..Default::default() }).await), ["DIGIT"]);
    assert_eq!(acronyms(list(ProjectFilter { cluster_id: Some(s.cluster), ..Default::default() }).await), ["WOODLINK"]);
    assert_eq!(acronyms(list(ProjectFilter { search: "lemnului".into(), ..Default::default() }).await), ["WOODLINK"]);
    assert!(list(ProjectFilter { status: Some(ProjectStatus::Closed), ..Default::default() }).await.is_empty());
}
