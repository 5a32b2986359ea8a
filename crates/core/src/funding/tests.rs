use super::*;
use crate::caen::CaenRevision;
use crate::clusters::{self, CaenCode, ClusterInput, LabelInput, LabelLevel, OrgKind, OrganisationInput, Sector};
use crate::eligibility::{self, NationalThresholds};
use crate::geo::Region;
use crate::store::Store;
use crate::test_support::{refused, store_with_cluster};

fn code(revision: CaenRevision, code: &str) -> CaenCode {
    CaenCode { revision, code: code.into() }
}

fn call(title: &str) -> FundingCallInput {
    FundingCallInput {
        title_ro: title.into(),
        programme: "PR Centru 2021–2027".into(),
        opens_on: Some("2026-05-01".into()),
        closes_on: Some("2026-09-30".into()),
        ..Default::default()
    }
}

async fn org(store: &Store, cluster: i64, name: &str, kind: OrgKind, caen: Option<CaenCode>) -> i64 {
    let input = OrganisationInput { name: name.into(), kind: Some(kind), caen, ..Default::default() };
    clusters::save_organisation(store, cluster, None, &input).await.unwrap()
}

#[tokio::test]
async fn a_call_is_refused_field_by_field() {
    let (_dir, store, _) = store_with_cluster().await;
    let bad = FundingCallInput {
        title_ro: "  ".into(),
        programme: String::new(),
        opens_on: Some("2026-09-01".into()),
        closes_on: Some("2026-08-31".into()),
        budget: Some(-1),
        cofinancing_bp: Some(10_001),
        caen: vec![code(CaenRevision::Rev3, "6201"), code(CaenRevision::Rev2, "6201")],
        link: "not a link".into(),
        ..Default::default()
    };
    let fields = refused(create_call(&store, &bad).await);
    assert_eq!(fields.get("title_ro").map(String::as_str), Some("required"));
    assert_eq!(fields.get("programme").map(String::as_str), Some("required"));
    assert_eq!(fields.get("closes_on").map(String::as_str), Some("closes_before_opens"));
    assert_eq!(fields.get("budget").map(String::as_str), Some("non_negative"));
    assert_eq!(fields.get("cofinancing_bp").map(String::as_str), Some("percent_range"));
    // 6201 is a Rev.2 class, not a Rev.3 one (software became 6210).
    assert_eq!(fields.get("caen").map(String::as_str), Some("caen_unknown"));
    assert_eq!(fields.get("link").map(String::as_str), Some("url_format"));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM funding_calls").fetch_one(store.pool()).await.unwrap();
    assert_eq!(count, 0);

    // The edges are accepted: the same day, 0 % and 100 %.
    let mut edge = call("Apel");
    edge.closes_on = edge.opens_on.clone();
    edge.cofinancing_bp = Some(0);
    create_call(&store, &edge).await.unwrap();
    edge.cofinancing_bp = Some(FULL_RATE);
    create_call(&store, &edge).await.unwrap();
}

#[tokio::test]
async fn a_call_round_trips_is_audited_and_deleted() {
    let (_dir, store, _) = store_with_cluster().await;
    let input = FundingCallInput {
        title_ro: "Sprijin pentru clustere  inovative".into(),
        title_en: "Support for innovative clusters".into(),
        funder: "ADR Centru".into(),
        budget: Some(1_500_000_000),
        cofinancing_bp: Some(1_500),
        applicants: vec![Applicant::Cluster, Applicant::Small, Applicant::Small],
        regions: vec![Region::Centru],
        sectors: vec![Sector::WoodFurniture],
        caen: vec![code(CaenRevision::Rev3, "62.10")],
        min_label: Some(LabelLevel::Bronze),
        requires_national: true,
        ..call("x")
    };
    let id = create_call(&store, &input).await.unwrap();
    let saved = get_call(&store, id).await.unwrap();
    assert_eq!(saved.input.title_ro, "Sprijin pentru clustere inovative");
    assert_eq!(saved.input.applicants, vec![Applicant::Cluster, Applicant::Small]);
    assert_eq!(saved.input.caen, vec![code(CaenRevision::Rev3, "6210")]);
    assert_eq!(saved.state, CallState::Open);
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE entity IN ('funding_calls', 'funding_call_sectors', 'funding_call_caen')",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(audited, 3);

    update_call(&store, id, &FundingCallInput { sectors: vec![], caen: vec![], ..saved.input.clone() }).await.unwrap();
    let updated = get_call(&store, id).await.unwrap();
    assert!(updated.input.sectors.is_empty() && updated.input.caen.is_empty());
    let cached: i64 = sqlx::query_scalar("SELECT count(*) FROM funding_call_caen_cache WHERE call_id = ?")
        .bind(id)
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(cached, 0);

    delete_call(&store, id).await.unwrap();
    assert!(matches!(get_call(&store, id).await, Err(crate::Error::NotFound { .. })));
    assert!(matches!(delete_call(&store, id).await, Err(crate::Error::NotFound { .. })));
}

#[tokio::test]
async fn the_list_filters_by_the_bucharest_day_programme_sector_and_words() {
    // Today is 15.06.2026.
    let (_dir, store, _) = store_with_cluster().await;
    let dated = |title: &str, opens: &str, closes: &str| FundingCallInput {
        opens_on: Some(opens.into()),
        closes_on: Some(closes.into()),
        ..call(title)
    };
    let closing = create_call(&store, &dated("Digitalizare IMM", "2026-05-01", "2026-07-15")).await.unwrap();
    let open = create_call(
        &store,
        &FundingCallInput { programme: "Horizon Europe".into(), sectors: vec![Sector::Textiles], ..dated("Textile circulare", "2026-06-15", "2026-07-16") },
    )
    .await
    .unwrap();
    let upcoming = create_call(&store, &dated("Eficiență energetică", "2026-06-16", "2026-12-01")).await.unwrap();
    let closed = create_call(&store, &dated("Inovare în clustere", "2026-01-10", "2026-06-14")).await.unwrap();
    let ids = async |filter: FundingCallFilter| -> Vec<i64> {
        list_calls(&store, &filter).await.unwrap().iter().map(|c| c.id).collect()
    };
    assert_eq!(ids(FundingCallFilter::default()).await, vec![closing, open, upcoming, closed]);
    assert_eq!(ids(FundingCallFilter { state: Some(CallState::Open), ..Default::default() }).await, vec![closing, open]);
    assert_eq!(ids(FundingCallFilter { state: Some(CallState::Closing), ..Default::default() }).await, vec![closing]);
    assert_eq!(ids(FundingCallFilter { state: Some(CallState::Upcoming), ..Default::default() }).await, vec![upcoming]);
    assert_eq!(ids(FundingCallFilter { state: Some(CallState::Closed), ..Default::default() }).await, vec![closed]);
    assert_eq!(
        ids(FundingCallFilter { programme: Some("Horizon Europe".into()), ..Default::default() }).await,
        vec![open]
    );
    assert_eq!(ids(FundingCallFilter { sector: Some(Sector::Textiles), ..Default::default() }).await, vec![open]);
    assert_eq!(ids(FundingCallFilter { search: "eficienta".into(), ..Default::default() }).await, vec![upcoming]);
    assert_eq!(closing_calls(&store).await.unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), vec![closing]);
    assert_eq!(programmes(&store).await.unwrap(), vec!["Horizon Europe".to_string(), "PR Centru 2021–2027".to_string()]);
}

#[tokio::test]
async fn regulations_are_checked_listed_and_filtered() {
    let (_dir, store, _) = store_with_cluster().await;
    let fields = refused(create_regulation(&store, &RegulationInput::default()).await);
    assert_eq!(fields.get("title_ro").map(String::as_str), Some("required"));
    assert_eq!(fields.get("issued_on").map(String::as_str), Some("required"));
    let old = RegulationInput {
        title_ro: "Ordinul privind recunoașterea clusterelor".into(),
        source: RegulationSource::MonitorulOficial,
        reference: "M. Of. nr. 512 din 12.06.2025".into(),
        issued_on: "2025-06-12".into(),
        ..Default::default()
    };
    let old = create_regulation(&store, &old).await.unwrap();
    let new = RegulationInput {
        title_ro: "Regulamentul privind ecoproiectarea textilelor".into(),
        source: RegulationSource::Eu,
        issued_on: "2026-03-02".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    };
    let new = create_regulation(&store, &new).await.unwrap();
    let ids = async |filter: RegulationFilter| -> Vec<i64> {
        list_regulations(&store, &filter).await.unwrap().iter().map(|r| r.id).collect()
    };
    assert_eq!(ids(RegulationFilter::default()).await, vec![new, old]);
    assert_eq!(ids(RegulationFilter { sector: Some(Sector::Textiles), ..Default::default() }).await, vec![new]);
    assert_eq!(ids(RegulationFilter { year: Some(2025), ..Default::default() }).await, vec![old]);
    assert_eq!(ids(RegulationFilter { search: "recunoasterea".into(), ..Default::default() }).await, vec![old]);
    assert_eq!(get_regulation(&store, new).await.unwrap().input.sectors, vec![Sector::Textiles]);
    delete_regulation(&store, new).await.unwrap();
    assert_eq!(ids(RegulationFilter::default()).await, vec![old]);
}

/// Two clusters: "Mobila" in Brașov (Centru, wood and furniture, a small firm with the Rev.2
/// software code 6201) and "Soft" in Cluj (Nord-Vest, electronics and software, a micro firm with
/// the Rev.3 code 6210 and a university without a code).
struct World {
    _dir: tempfile::TempDir,
    store: Store,
    mobila: i64,
    soft: i64,
    small_rev2: i64,
    micro_rev3: i64,
    university: i64,
}

async fn world() -> World {
    let (dir, store, mobila) = store_with_cluster().await;
    let soft = ClusterInput {
        name: "Soft Cluj".into(),
        cui: "30471182".into(),
        county: "CJ".into(),
        sectors: vec![Sector::ElectronicsSoftware],
        caen: vec![code(CaenRevision::Rev3, "6210")],
        ..Default::default()
    };
    let soft = clusters::create(&store, &soft).await.unwrap();
    let small_rev2 = org(&store, mobila, "Lemn Soft SRL", OrgKind::Small, Some(code(CaenRevision::Rev2, "6201"))).await;
    let micro_rev3 = org(&store, soft, "Cod Nou SRL", OrgKind::Micro, Some(code(CaenRevision::Rev3, "6210"))).await;
    let university = org(&store, soft, "Universitatea Tehnică", OrgKind::Research, None).await;
    World { _dir: dir, store, mobila, soft, small_rev2, micro_rev3, university }
}

/// The call's checks of one applicant (cluster or organisation) as (criterion, met, reason).
fn checks_of(m: &CallMatches, who: MatchKind, id: i64) -> Option<Vec<(CallCriterion, bool, String)>> {
    let list = if who == MatchKind::Cluster { &m.clusters } else { &m.organisations };
    list.iter().find(|x| x.id == id).map(|x| x.checks.iter().map(|c| (c.criterion, c.met, c.reason.clone())).collect())
}

async fn matches(w: &World, input: FundingCallInput) -> CallMatches {
    let id = create_call(&w.store, &input).await.unwrap();
    match_call(&w.store, id, MATCH_LIMIT).await.unwrap()
}

#[tokio::test]
async fn a_call_without_conditions_fits_everyone() {
    let w = world().await;
    let m = matches(&w, call("Oricine")).await;
    assert_eq!((m.clusters_fit, m.organisations_fit, m.clusters_near), (2, 3, 0));
    assert!(m.clusters.iter().chain(&m.organisations).all(|x| x.fits && x.checks.is_empty()));
}

#[tokio::test]
async fn the_region_is_met_inside_it_and_missed_outside() {
    let w = world().await;
    let m = matches(&w, FundingCallInput { regions: vec![Region::Centru], ..call("Centru") }).await;
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.mobila).unwrap(), vec![(CallCriterion::Region, true, "region_ok".into())]);
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.soft).unwrap(), vec![(CallCriterion::Region, false, "region_missed".into())]);
    // An organisation is where its cluster is.
    assert!(m.organisations.iter().find(|o| o.id == w.small_rev2).unwrap().fits);
    assert!(!m.organisations.iter().find(|o| o.id == w.micro_rev3).unwrap().fits);
    assert_eq!((m.clusters_fit, m.clusters_near, m.organisations_fit, m.organisations_near), (1, 1, 1, 2));
}

#[tokio::test]
async fn a_sector_is_met_by_one_of_the_clusters_sectors() {
    let w = world().await;
    let m = matches(&w, FundingCallInput { sectors: vec![Sector::ElectronicsSoftware, Sector::Health], ..call("IT") }).await;
    let soft = m.clusters.iter().find(|c| c.id == w.soft).unwrap();
    assert!(soft.fits);
    assert_eq!(soft.checks[0].params.get("sector").map(String::as_str), Some("electronics_software"));
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.mobila).unwrap(), vec![(CallCriterion::Sector, false, "sector_missed".into())]);
}

#[tokio::test]
async fn caen_codes_meet_across_revisions_through_the_ins_correspondence() {
    let w = world().await;
    // A call written in Rev.3: the Rev.2 code 6201 meets it through the correspondence.
    let m = matches(&w, FundingCallInput { caen: vec![code(CaenRevision::Rev3, "6210")], ..call("Rev.3") }).await;
    let small = m.organisations.iter().find(|o| o.id == w.small_rev2).unwrap();
    assert!(small.fits);
    assert_eq!(small.checks[0].reason, "caen_correspondence");
    assert_eq!(small.checks[0].params.get("code").map(String::as_str), Some("6201"));
    assert_eq!(small.checks[0].params.get("call_code").map(String::as_str), Some("6210"));
    assert_eq!(checks_of(&m, MatchKind::Organisation, w.micro_rev3).unwrap()[0].2, "caen_same");
    assert_eq!(checks_of(&m, MatchKind::Organisation, w.university).unwrap()[0], (CallCriterion::Caen, false, "caen_not_recorded".into()));
    // The cluster's own codes count for the cluster.
    assert!(m.clusters.iter().find(|c| c.id == w.soft).unwrap().fits);
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.mobila).unwrap()[0].2, "caen_not_recorded");

    // And back: a call written in Rev.2 meets the Rev.3 code.
    let m = matches(&w, FundingCallInput { caen: vec![code(CaenRevision::Rev2, "6201")], ..call("Rev.2") }).await;
    assert_eq!(checks_of(&m, MatchKind::Organisation, w.micro_rev3).unwrap()[0].2, "caen_correspondence");
    assert_eq!(checks_of(&m, MatchKind::Organisation, w.small_rev2).unwrap()[0].2, "caen_same");

    // The same number in the other revision is not the same activity: Rev.2 4791 (internet
    // retail) is not Rev.3 4791 (retail intermediation).
    let retail = org(&w.store, w.soft, "Intermedieri SRL", OrgKind::Micro, Some(code(CaenRevision::Rev3, "4791"))).await;
    let m = matches(&w, FundingCallInput { caen: vec![code(CaenRevision::Rev2, "4791")], ..call("Comerț online") }).await;
    let missed = checks_of(&m, MatchKind::Organisation, retail).unwrap();
    assert_eq!(missed[0], (CallCriterion::Caen, false, "caen_missed".into()));
}

#[tokio::test]
async fn only_the_applicant_kinds_named_are_candidates() {
    let w = world().await;
    let m = matches(&w, FundingCallInput { applicants: vec![Applicant::Small], ..call("IMM mici") }).await;
    assert!(m.clusters.is_empty());
    assert_eq!(m.organisations.iter().map(|o| o.id).collect::<Vec<_>>(), vec![w.small_rev2]);
    assert_eq!(m.organisations[0].checks[0], CallCheck {
        criterion: CallCriterion::Applicant,
        met: true,
        reason: "applicant_ok".into(),
        params: [("kind".to_string(), "small".to_string())].into(),
    });
    let m = matches(&w, FundingCallInput { applicants: vec![Applicant::Cluster], ..call("Clustere") }).await;
    assert_eq!(m.clusters.len(), 2);
    assert!(m.organisations.is_empty());
}

#[tokio::test]
async fn a_label_must_be_current_and_high_enough() {
    let w = world().await;
    let label = |level, awarded: &str| LabelInput { level: Some(level), awarded_on: awarded.into(), ..Default::default() };
    clusters::add_label(&w.store, w.mobila, &label(LabelLevel::Gold, "2025-03-01")).await.unwrap();
    clusters::add_label(&w.store, w.soft, &label(LabelLevel::Bronze, "2025-03-01")).await.unwrap();
    let m = matches(&w, FundingCallInput { min_label: Some(LabelLevel::Silver), ..call("Excelență") }).await;
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.mobila).unwrap()[0].2, "label_ok");
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.soft).unwrap()[0].2, "label_low");
    // A silver label that ended yesterday is no label.
    clusters::add_label(
        &w.store,
        w.soft,
        &LabelInput { valid_until: Some("2026-06-14".into()), ..label(LabelLevel::Silver, "2024-06-14") },
    )
    .await
    .unwrap();
    let other = clusters::create(
        &w.store,
        &ClusterInput { name: "Fără etichetă".into(), cui: "14399840".into(), county: "IS".into(), sectors: vec![Sector::Health], ..Default::default() },
    )
    .await
    .unwrap();
    let m = matches(&w, FundingCallInput { min_label: Some(LabelLevel::Silver), ..call("Excelență 2") }).await;
    assert_eq!(checks_of(&m, MatchKind::Cluster, w.soft).unwrap()[0].2, "label_low");
    assert_eq!(checks_of(&m, MatchKind::Cluster, other).unwrap()[0].2, "label_none");
}

#[tokio::test]
async fn the_national_and_eccp_criteria_are_those_of_the_eligibility_check() {
    let w = world().await;
    let asks = FundingCallInput { requires_national: true, requires_eccp: true, ..call("Recunoaștere") };
    let reasons = |m: &CallMatches, id| checks_of(m, MatchKind::Cluster, id).unwrap().into_iter().map(|c| c.2).collect::<Vec<_>>();
    let m = matches(&w, FundingCallInput { requires_national: true, ..call("Național") }).await;
    assert_eq!(reasons(&m, w.mobila), vec!["national_missed"]);
    let m = matches(&w, FundingCallInput { requires_eccp: true, ..call("ECCP") }).await;
    assert_eq!(reasons(&m, w.mobila), vec!["eccp_missed"]);
    // Two misses: not even near.
    let m = matches(&w, asks.clone()).await;
    assert_eq!((m.clusters_fit, m.clusters_near), (0, 0));

    // Lower the national thresholds to what Mobila has, give it a catalyst and an English website
    // and enough members of two helix types: both met, as the eligibility page says.
    eligibility::set_thresholds(&w.store, &NationalThresholds { min_companies: 1, min_research: 0, min_public_authorities: 0 })
        .await
        .unwrap();
    let mut input = clusters::get(&w.store, w.mobila).await.unwrap().record;
    input.legal_name = "Asociația Clusterul Mobilei Transilvania".into();
    input.management_fte = Some(1.0);
    input.website = "https://mobila.example.ro".into();
    input.website_english = true;
    clusters::update(&w.store, w.mobila, &input).await.unwrap();
    for i in 0..14 {
        org(&w.store, w.mobila, &format!("Firma {i}"), OrgKind::Micro, None).await;
    }
    org(&w.store, w.mobila, "Universitatea Transilvania", OrgKind::Research, None).await;
    let eligible = eligibility::check(&w.store, w.mobila).await.unwrap();
    assert!(eligible.national.met && eligible.eccp.met);
    let m = matches(&w, FundingCallInput { title_ro: "Recunoaștere 2".into(), ..asks }).await;
    assert_eq!(reasons(&m, w.mobila), vec!["national_ok", "eccp_ok"]);
    assert!(checks_of(&m, MatchKind::Cluster, w.soft).is_none());
}

#[tokio::test]
async fn a_cluster_page_lists_the_open_calls_it_or_its_members_fit() {
    let w = world().await;
    let centru = create_call(&w.store, &FundingCallInput { regions: vec![Region::Centru], ..call("Centru") }).await.unwrap();
    let soft_only = create_call(
        &w.store,
        &FundingCallInput { applicants: vec![Applicant::Micro], caen: vec![code(CaenRevision::Rev2, "6201")], ..call("Micro IT") },
    )
    .await
    .unwrap();
    let closed = FundingCallInput { opens_on: Some("2026-01-01".into()), closes_on: Some("2026-06-14".into()), ..call("Închis") };
    create_call(&w.store, &closed).await.unwrap();
    let for_mobila = calls_for_cluster(&w.store, w.mobila).await.unwrap();
    assert_eq!(for_mobila.iter().map(|c| c.call.id).collect::<Vec<_>>(), vec![centru]);
    assert!(for_mobila[0].cluster.as_ref().is_some_and(|c| c.fits));
    assert_eq!(for_mobila[0].organisations_fit, 1);
    let for_soft = calls_for_cluster(&w.store, w.soft).await.unwrap();
    assert_eq!(for_soft.iter().map(|c| c.call.id).collect::<Vec<_>>(), vec![soft_only]);
    assert!(for_soft[0].cluster.is_none());
    assert_eq!(for_soft[0].organisations_fit, 1);
}

#[tokio::test]
async fn the_annual_summary_counts_the_calls_published_in_the_year() {
    let (_dir, store, _) = store_with_cluster().await;
    for (title, opens) in [("Unu", "2025-12-31"), ("Doi", "2026-01-01"), ("Trei", "2026-06-15"), ("Patru", "2026-06-16")] {
        create_call(&store, &FundingCallInput { opens_on: Some(opens.into()), closes_on: None, ..call(title) }).await.unwrap();
    }
    // Up to today (15.06.2026): the one opening tomorrow is not published yet.
    let summary = crate::summary::annual(&store, 2026).await.unwrap();
    assert_eq!(summary.services.calls_published, 2);
}
