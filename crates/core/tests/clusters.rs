//! The member-clusters feature through the core's public API, on real SQLite files.

use clusterdesk_core::caen::CaenRevision;
use clusterdesk_core::clusters::{
    self, CaenCode, ClusterInput, ClusterQuery, ClusterSort, ContactInput, LabelFilter, LabelInput, LabelLevel,
    MembershipStatus, OrgKind, OrganisationInput, PaymentInput, Sector,
};
use clusterdesk_core::geo::Region;
use clusterdesk_core::{Error, Store};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

fn input(name: &str, cui: &str, county: &str) -> ClusterInput {
    ClusterInput {
        name: name.into(),
        cui: cui.into(),
        county: county.into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    }
}

fn field_codes(e: Error) -> Vec<(String, String)> {
    match e {
        Error::Invalid(fields) => fields.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn creates_and_reads_back_a_cluster_with_diacritics() {
    let (_dir, store) = store().await;
    let id = clusters::create(
        &store,
        &ClusterInput {
            city: "Brașov".into(),
            website: "www.textil-brasov.ro".into(),
            founded_year: Some(2012),
            joined_year: Some(2013),
            caen: vec![CaenCode { revision: CaenRevision::Rev2, code: "62.01".into() }],
            ..input("Clusterul Inovativ Textil Ş.A. Braşov", "RO 1854 7290", "bv")
        },
    )
    .await
    .unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    // Cedilla letters typed or pasted are stored as the correct comma-below letters.
    assert_eq!(detail.record.name, "Clusterul Inovativ Textil Ș.A. Brașov");
    assert_eq!(detail.record.cui, "18547290");
    assert_eq!(detail.record.county, "BV");
    assert_eq!(detail.region, Region::Centru);
    assert_eq!(detail.record.website, "https://www.textil-brasov.ro");
    assert_eq!(detail.caen[0].class.code, "6201");
    assert!(detail.caen[0].rev3_successors.iter().any(|c| c.code == "6210"));
    assert_eq!(detail.status_history.len(), 1);
}

#[tokio::test]
async fn refuses_bad_input_field_by_field_and_changes_nothing() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Cluster Valid", "18547290", "CJ")).await.unwrap();
    let before = clusters::get(&store, id).await.unwrap();

    let bad = ClusterInput {
        name: "  ".into(),
        cui: "18547291".into(),
        county: "XX".into(),
        website: "not a site".into(),
        founded_year: Some(1850),
        joined_year: Some(2099),
        sectors: vec![],
        caen: vec![CaenCode { revision: CaenRevision::Rev3, code: "9999".into() }],
        ..Default::default()
    };
    let mut codes = field_codes(clusters::update(&store, id, &bad).await.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        [
            ("caen", "caen_unknown"),
            ("county", "county_unknown"),
            ("cui", "cui_check_digit"),
            ("founded_year", "year_range"),
            ("joined_year", "year_range"),
            ("name", "required"),
            ("sectors", "sector_required"),
            ("website", "url_format"),
        ]
        .map(|(f, c)| (f.to_string(), c.to_string()))
    );
    assert_eq!(clusters::get(&store, id).await.unwrap(), before, "a refused save changes nothing");
}

#[tokio::test]
async fn two_current_clusters_cannot_share_a_cui() {
    let (_dir, store) = store().await;
    let first = clusters::create(&store, &input("Primul", "18547290", "CJ")).await.unwrap();
    let codes = field_codes(clusters::create(&store, &input("Al doilea", "RO18547290", "IS")).await.unwrap_err());
    assert_eq!(codes, [("cui".to_string(), "cui_duplicate".to_string())]);

    // Once the first is archived its CUI is free; restoring it then is refused with the holder's name.
    clusters::archive(&store, first).await.unwrap();
    clusters::create(&store, &input("Al doilea", "RO18547290", "IS")).await.unwrap();
    match clusters::restore(&store, first).await.unwrap_err() {
        Error::Refused { code, params } => {
            assert_eq!(code, "error.restore_cui_taken");
            assert_eq!(params["name"], "Al doilea");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn archive_restore_and_delete_only_when_archived_with_the_name() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Clusterul de Mobilă", "14837428", "SV")).await.unwrap();
    assert!(matches!(
        clusters::delete_permanently(&store, id, "Clusterul de Mobilă").await,
        Err(Error::Refused { .. })
    ));

    clusters::archive(&store, id).await.unwrap();
    let current = clusters::list(&store, &ClusterQuery::default()).await.unwrap();
    assert_eq!(current.total, 0);
    let archive = clusters::list(&store, &ClusterQuery { archived: true, ..Default::default() }).await.unwrap();
    assert_eq!(archive.rows[0].id, id);

    clusters::restore(&store, id).await.unwrap();
    assert_eq!(clusters::list(&store, &ClusterQuery::default()).await.unwrap().total, 1);

    clusters::archive(&store, id).await.unwrap();
    let codes = field_codes(clusters::delete_permanently(&store, id, "Clusterul de Mobila").await.unwrap_err());
    assert_eq!(codes, [("confirm_name".to_string(), "confirm_name_mismatch".to_string())]);
    clusters::delete_permanently(&store, id, "Clusterul de Mobilă").await.unwrap();
    assert!(matches!(clusters::get(&store, id).await, Err(Error::NotFound { .. })));
}

#[tokio::test]
async fn search_ignores_case_and_diacritics_and_finds_member_organisations() {
    let (_dir, store) = store().await;
    let brasov =
        clusters::create(&store, &ClusterInput { city: "Brașov".into(), ..input("Textil Ardeal", "18547290", "BV") })
            .await
            .unwrap();
    let timis =
        clusters::create(&store, &ClusterInput { city: "Timișoara".into(), ..input("ICT Vest", "14837428", "TM") })
            .await
            .unwrap();
    clusters::save_organisation(
        &store,
        timis,
        None,
        &OrganisationInput { name: "Softronic Țepeș SRL".into(), kind: Some(OrgKind::Small), ..Default::default() },
    )
    .await
    .unwrap();

    let find = |text: &str| {
        let store = store.clone();
        let text = text.to_string();
        async move {
            clusters::list(&store, &ClusterQuery { search: text, ..Default::default() })
                .await
                .unwrap()
                .rows
                .iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(find("brasov").await, [brasov]);
    assert_eq!(find("BRAȘOV").await, [brasov]);
    assert_eq!(find("timisoara").await, [timis]);
    assert_eq!(find("tepes").await, [timis], "a member organisation's name finds its cluster");
    assert_eq!(find("ict timis").await, [timis], "every word must match");
    assert!(find("50%").await.is_empty(), "wildcards are matched literally");
}

#[tokio::test]
async fn filters_sorts_pages_and_counts() {
    let (_dir, store) = store().await;
    let a = clusters::create(
        &store,
        &ClusterInput { sectors: vec![Sector::Agrofood], ..input("Agro Sud", "18547290", "DJ") },
    )
    .await
    .unwrap();
    let b = clusters::create(
        &store,
        &ClusterInput { status: MembershipStatus::Suspended, ..input("Ștefan Tech", "14837428", "CJ") },
    )
    .await
    .unwrap();
    let c = clusters::create(&store, &input("Zeta Textile", "1590082", "CJ")).await.unwrap();
    clusters::save_organisation(
        &store,
        c,
        None,
        &OrganisationInput { name: "Org 1".into(), kind: Some(OrgKind::Micro), ..Default::default() },
    )
    .await
    .unwrap();
    clusters::add_label(
        &store,
        b,
        &LabelInput { level: Some(LabelLevel::Silver), awarded_on: today(), ..Default::default() },
    )
    .await
    .unwrap();

    let ids = |q: ClusterQuery| {
        let store = store.clone();
        async move { clusters::list(&store, &q).await.unwrap().rows.iter().map(|r| r.id).collect::<Vec<_>>() }
    };
    // Ș sorts with S, between A and Z.
    assert_eq!(ids(ClusterQuery::default()).await, [a, b, c]);
    assert_eq!(ids(ClusterQuery { descending: true, ..Default::default() }).await, [c, b, a]);
    assert_eq!(ids(ClusterQuery { sectors: vec![Sector::Textiles], ..Default::default() }).await, [b, c]);
    assert_eq!(ids(ClusterQuery { regions: vec![Region::NordVest], ..Default::default() }).await, [b, c]);
    assert_eq!(ids(ClusterQuery { counties: vec!["DJ".into()], ..Default::default() }).await, [a]);
    assert_eq!(ids(ClusterQuery { statuses: vec![MembershipStatus::Suspended], ..Default::default() }).await, [b]);
    assert_eq!(ids(ClusterQuery { labels: vec![LabelFilter::Silver], ..Default::default() }).await, [b]);
    assert_eq!(ids(ClusterQuery { labels: vec![LabelFilter::None], ..Default::default() }).await, [a, c]);
    assert_eq!(
        ids(ClusterQuery { sort: ClusterSort::Members, descending: true, ..Default::default() }).await,
        [c, a, b]
    );
    assert_eq!(ids(ClusterQuery { sort: ClusterSort::Label, descending: true, ..Default::default() }).await, [b, a, c]);

    let page = clusters::list(&store, &ClusterQuery { limit: 2, offset: 2, ..Default::default() }).await.unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [c]);
    let row = &clusters::list(&store, &ClusterQuery { labels: vec![LabelFilter::Silver], ..Default::default() })
        .await
        .unwrap()
        .rows[0];
    assert_eq!(row.label, Some(LabelLevel::Silver));
}

fn today() -> String {
    clusterdesk_core::clock::Clock::default().today().format("%Y-%m-%d").to_string()
}

#[tokio::test]
async fn unpaid_fees_of_past_years_show_in_the_list_and_the_detail() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Cluster Restant", "18547290", "IS")).await.unwrap();
    let year = clusterdesk_core::clock::Clock::default().year();
    clusters::set_fee(&store, id, year - 2, 300_000).await.unwrap();
    clusters::set_fee(&store, id, year - 1, 300_000).await.unwrap();
    clusters::set_fee(&store, id, year, 300_000).await.unwrap();
    let payment = |y: i64, amount: i64| PaymentInput {
        year: y,
        paid_on: format!("{y}-03-15"),
        amount_bani: amount,
        note: String::new(),
    };
    clusters::add_payment(&store, id, &payment(year - 2, 300_000)).await.unwrap();
    clusters::add_payment(&store, id, &payment(year - 1, 100_000)).await.unwrap();

    let detail = clusters::get(&store, id).await.unwrap();
    // This year's fee is not yet overdue; last year's 2,000 lei are.
    assert_eq!(detail.unpaid_bani, 200_000);
    assert_eq!(
        detail.fees.iter().map(|f| (f.year, f.owed_bani)).collect::<Vec<_>>(),
        [(year, 300_000), (year - 1, 200_000), (year - 2, 0)]
    );
    let page = clusters::list(&store, &ClusterQuery { unpaid_only: true, ..Default::default() }).await.unwrap();
    assert_eq!(page.rows[0].unpaid_bani, 200_000);

    let missing = field_codes(clusters::add_payment(&store, id, &payment(year - 5, 100)).await.unwrap_err());
    assert_eq!(missing, [("year".to_string(), "fee_year_missing".to_string())]);
}

#[tokio::test]
async fn contacts_are_validated_and_kept() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Cluster Contact", "18547290", "IS")).await.unwrap();
    let bad = ContactInput {
        name: "Ioana Mureșan".into(),
        email: "ioana@cluster".into(),
        phone: "12".into(),
        consent: true,
        ..Default::default()
    };
    let mut codes = field_codes(clusters::save_contact(&store, id, None, &bad).await.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        [("consent_date", "consent_date_required"), ("email", "email_format"), ("phone", "phone_format")]
            .map(|(f, c)| (f.to_string(), c.to_string()))
    );
    let good = ContactInput {
        email: "ioana@cluster.ro".into(),
        phone: "0722 123 456".into(),
        consent_date: Some(today()),
        ..bad
    };
    let contact = clusters::save_contact(&store, id, None, &good).await.unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    assert_eq!(detail.contacts[0].id, contact);
    assert_eq!(detail.contacts[0].input.name, "Ioana Mureșan");
}

#[tokio::test]
async fn a_rev2_code_is_replaced_by_its_rev3_successor_in_one_step() {
    let (_dir, store) = store().await;
    let old = CaenCode { revision: CaenRevision::Rev2, code: "6201".into() };
    let id = clusters::create(&store, &ClusterInput { caen: vec![old.clone()], ..input("Soft", "18547290", "IS") })
        .await
        .unwrap();
    let successors = clusters::get(&store, id).await.unwrap().caen[0].rev3_successors.clone();
    let new: Vec<CaenCode> =
        successors.iter().map(|c| CaenCode { revision: CaenRevision::Rev3, code: c.code.clone() }).collect();
    clusters::replace_caen(&store, id, &old, &new).await.unwrap();
    let detail = clusters::get(&store, id).await.unwrap();
    assert_eq!(detail.record.caen, new);
}

#[tokio::test]
async fn organisations_are_counted_by_kind() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &input("Cluster Org", "18547290", "IS")).await.unwrap();
    for (name, kind) in [("A SRL", OrgKind::Micro), ("B SRL", OrgKind::Micro), ("Universitatea X", OrgKind::Research)] {
        clusters::save_organisation(
            &store,
            id,
            None,
            &OrganisationInput { name: name.into(), kind: Some(kind), ..Default::default() },
        )
        .await
        .unwrap();
    }
    let bad = OrganisationInput {
        name: "C".into(),
        kind: Some(OrgKind::Large),
        cui: "123".into(),
        employees: Some(-1),
        ..Default::default()
    };
    let mut codes = field_codes(clusters::save_organisation(&store, id, None, &bad).await.unwrap_err());
    codes.sort();
    assert_eq!(
        codes,
        [("cui", "cui_check_digit"), ("employees", "non_negative")].map(|(f, c)| (f.to_string(), c.to_string()))
    );
    let counts = clusters::get(&store, id).await.unwrap().org_counts;
    assert_eq!(counts.iter().find(|c| c.kind == OrgKind::Micro).unwrap().count, 2);
    assert_eq!(counts.iter().find(|c| c.kind == OrgKind::Research).unwrap().count, 1);
    assert_eq!(counts.len(), 7);
}
