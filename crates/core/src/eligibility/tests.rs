use super::*;
use crate::clusters::{self, ClusterQuery};
use crate::demo::{self, DemoOptions};

/// A cluster that meets every criterion of both schemes by exactly the minimum.
fn on_the_edge() -> Facts {
    Facts {
        management_fte: Some(0.5),
        website: true,
        website_english: true,
        legal_name: true,
        members: BTreeMap::from([
            (OrgKind::Micro, 4),
            (OrgKind::Small, 3),
            (OrgKind::Medium, 2),
            (OrgKind::Large, 1),
            (OrgKind::Research, 1),
            (OrgKind::PublicAuthority, 1),
            (OrgKind::Other, 3),
        ]),
    }
}

fn run(facts: &Facts) -> Eligibility {
    evaluate(1, facts, &NationalThresholds::default())
}

fn criterion(e: &Eligibility, c: Criterion) -> CriterionCheck {
    e.eccp.criteria.iter().chain(&e.national.criteria).find(|x| x.criterion == c).cloned().unwrap()
}

fn with(kind: OrgKind, n: i64) -> Facts {
    let mut facts = on_the_edge();
    facts.members.insert(kind, n);
    facts
}

#[test]
fn the_minimum_meets_both_schemes() {
    let e = run(&on_the_edge());
    assert!(e.eccp.met && e.national.met, "{e:#?}");
    assert_eq!(criterion(&e, Criterion::Members).value, Some(15.0));
    assert_eq!(e.helix_types, HelixType::ALL.to_vec());
}

#[test]
fn management_fte_at_its_edge() {
    let mut facts = on_the_edge();
    facts.management_fte = Some(0.49);
    let e = run(&facts);
    let c = criterion(&e, Criterion::ManagementFte);
    assert!(!c.met && !e.eccp.met);
    assert_eq!(c.missing.as_deref(), Some("fte_short"));
    // Below the EU platform's half a post, a catalyst with staff still counts nationally.
    assert!(e.national.met);

    facts.management_fte = None;
    let e = run(&facts);
    assert_eq!(criterion(&e, Criterion::ManagementFte).missing.as_deref(), Some("fte_not_recorded"));
    assert_eq!(criterion(&e, Criterion::Catalyst).missing.as_deref(), Some("catalyst_no_staff"));

    facts.management_fte = Some(0.0);
    assert!(!run(&facts).national.met);
}

#[test]
fn fifteen_members_at_the_edge() {
    let e = run(&with(OrgKind::Other, 2));
    let c = criterion(&e, Criterion::Members);
    assert!(!c.met);
    assert_eq!((c.value, c.required), (Some(14.0), 15.0));
    assert_eq!(c.missing.as_deref(), Some("members_short"));
    assert_eq!(c.params.get("more").map(String::as_str), Some("1"));
}

#[test]
fn two_helix_types_at_the_edge() {
    // Companies and civil society only: two types, enough for the platform.
    let mut facts = on_the_edge();
    facts.members = BTreeMap::from([(OrgKind::Small, 14), (OrgKind::Other, 1)]);
    let e = run(&facts);
    assert!(criterion(&e, Criterion::HelixTypes).met);
    assert_eq!(e.helix_types, vec![HelixType::Companies, HelixType::CivilSociety]);
    // Companies only: one type.
    facts.members = BTreeMap::from([(OrgKind::Small, 15)]);
    let e = run(&facts);
    let c = criterion(&e, Criterion::HelixTypes);
    assert!(!c.met && criterion(&e, Criterion::Members).met);
    assert_eq!(c.missing.as_deref(), Some("helix_short"));
}

#[test]
fn website_in_english() {
    let mut facts = on_the_edge();
    facts.website_english = false;
    assert_eq!(criterion(&run(&facts), Criterion::EnglishWebsite).missing.as_deref(), Some("no_english_version"));
    facts.website = false;
    assert_eq!(criterion(&run(&facts), Criterion::EnglishWebsite).missing.as_deref(), Some("no_website"));
    assert!(run(&facts).national.met);
}

#[test]
fn national_counts_at_their_edges() {
    let fewer_companies = run(&with(OrgKind::Micro, 3));
    let c = criterion(&fewer_companies, Criterion::Companies);
    assert!(!c.met && !fewer_companies.national.met);
    assert_eq!((c.value, c.required), (Some(9.0), 10.0));
    assert!(!criterion(&run(&with(OrgKind::Research, 0)), Criterion::Research).met);
    assert!(!criterion(&run(&with(OrgKind::PublicAuthority, 0)), Criterion::PublicAuthorities).met);
    let mut facts = on_the_edge();
    facts.legal_name = false;
    assert_eq!(criterion(&run(&facts), Criterion::Catalyst).missing.as_deref(), Some("catalyst_no_entity"));

    // Thresholds from Settings: 9 companies suffice when the minimum is 9; 0 turns a criterion off.
    let lenient = NationalThresholds { min_companies: 9, min_research: 0, min_public_authorities: 1 };
    let mut facts = with(OrgKind::Micro, 3);
    facts.members.insert(OrgKind::Research, 0);
    assert!(evaluate(1, &facts, &lenient).national.met);
}

async fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("e.sqlite")).await.unwrap();
    demo::generate(&store, &DemoOptions::default()).await.unwrap();
    (dir, store)
}

async fn ids(store: &Store, filter: Vec<EligibilityFilter>) -> Vec<i64> {
    let query = ClusterQuery { eligibility: filter, limit: 1000, ..Default::default() };
    let mut ids: Vec<i64> = clusters::list(store, &query).await.unwrap().rows.iter().map(|r| r.id).collect();
    ids.sort();
    ids
}

/// The list's filter (SQL, on the member counts the triggers keep) and the checks (Rust, counting
/// the organisations) pick the same clusters.
async fn assert_agree(store: &Store) -> (usize, usize, usize) {
    let all = ids(store, vec![]).await;
    let (mut eccp, mut national, mut both) = (Vec::new(), Vec::new(), Vec::new());
    for &id in &all {
        let e = check(store, id).await.unwrap();
        if e.eccp.met {
            eccp.push(id);
        }
        if e.national.met {
            national.push(id);
        }
        if e.eccp.met && !e.national.met {
            both.push(id);
        }
    }
    assert_eq!(ids(store, vec![EligibilityFilter::EccpMet]).await, eccp);
    assert_eq!(ids(store, vec![EligibilityFilter::NationalMet]).await, national);
    let not_eccp: Vec<i64> = all.iter().copied().filter(|id| !eccp.contains(id)).collect();
    assert_eq!(ids(store, vec![EligibilityFilter::EccpNotMet]).await, not_eccp);
    assert_eq!(ids(store, vec![EligibilityFilter::EccpMet, EligibilityFilter::NationalNotMet]).await, both);
    assert_eq!(ids(store, vec![EligibilityFilter::EccpMet, EligibilityFilter::EccpNotMet]).await, all);
    (all.len(), eccp.len(), national.len())
}

/// With the default thresholds and others, and after members change kind, move or leave; the
/// demo has a mix of eligible and not.
#[tokio::test]
async fn the_list_filter_agrees_with_the_checks() {
    let (_dir, store) = demo_store().await;
    for thresholds in [NationalThresholds::default(), NationalThresholds { min_companies: 5, ..Default::default() }] {
        set_thresholds(&store, &thresholds).await.unwrap();
        let (all, eccp, national) = assert_agree(&store).await;
        assert!(eccp > 0 && eccp < all, "a mix: {eccp} of {all}");
        assert!(national > 0 && national < all, "a mix: {national} of {all}");
    }

    // Every research body becomes a firm, one member moves to another cluster, one leaves.
    let research: Vec<i64> = sqlx::query_scalar("SELECT id FROM organisations WHERE kind = 'research'")
        .fetch_all(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE organisations SET kind = 'small' WHERE kind = 'research'").execute(store.pool()).await.unwrap();
    sqlx::query("UPDATE organisations SET cluster_id = (SELECT max(id) FROM clusters) WHERE id = ?")
        .bind(research[1])
        .execute(store.pool())
        .await
        .unwrap();
    clusters::delete_organisation(&store, research[0]).await.unwrap();
    let (_, _, national) = assert_agree(&store).await;
    assert_eq!(national, 0, "no cluster has a research body left");
}

#[tokio::test]
async fn thresholds_are_checked_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.sqlite")).await.unwrap();
    assert_eq!(thresholds(&store).await.unwrap(), NationalThresholds::default());
    let bad = NationalThresholds { min_companies: -1, min_research: MAX_THRESHOLD + 1, min_public_authorities: 0 };
    match set_thresholds(&store, &bad).await {
        Err(Error::Invalid(fields)) => {
            let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
            assert_eq!(names, ["min_companies", "min_research"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(thresholds(&store).await.unwrap(), NationalThresholds::default());
    let edited = NationalThresholds { min_companies: 0, min_research: MAX_THRESHOLD, min_public_authorities: 2 };
    set_thresholds(&store, &edited).await.unwrap();
    assert_eq!(thresholds(&store).await.unwrap(), edited);
    assert!(matches!(check(&store, 99).await, Err(Error::NotFound { .. })));

    // With every national count set to 0, a staffed cluster without members is recognised, in
    // the checks and in the list's filter alike.
    let input = clusters::ClusterInput {
        name: "Clusterul Nou".into(),
        legal_name: "Asociația Clusterul Nou".into(),
        cui: "18547290".into(),
        county: "BV".into(),
        sectors: vec![crate::clusters::Sector::Textiles],
        management_fte: Some(1.0),
        ..Default::default()
    };
    let id = clusters::create(&store, &input).await.unwrap();
    let zero = NationalThresholds { min_companies: 0, min_research: 0, min_public_authorities: 0 };
    set_thresholds(&store, &zero).await.unwrap();
    assert!(check(&store, id).await.unwrap().national.met);
    assert_eq!(ids(&store, vec![EligibilityFilter::NationalMet]).await, [id]);
    set_thresholds(&store, &NationalThresholds::default()).await.unwrap();
    assert!(!check(&store, id).await.unwrap().national.met);
    assert!(ids(&store, vec![EligibilityFilter::NationalMet]).await.is_empty());
    assert_eq!(ids(&store, vec![EligibilityFilter::NationalNotMet]).await, [id]);
}
