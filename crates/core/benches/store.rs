//! `make bench`: the member-clusters store at the size the issue names (5,000 clusters, 100,000
//! organisations). Prints p50/p95 per operation; the target is p95 < 10 ms for each query.
//! Figures, not assertions: a slow machine should show a slow number, not a failed build.

mod common;

use std::time::Instant;

use common::measure;

use clusterdesk_core::Store;
use clusterdesk_core::clusters::{self, ClusterQuery, LabelFilter, MembershipStatus, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::eligibility::EligibilityFilter;
use clusterdesk_core::geo::Region;

const CLUSTERS: usize = 5_000;
const ORGS_PER_CLUSTER: usize = 20;

fn main() {
    if !common::wanted("store") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.sqlite");
    let started = Instant::now();
    let store = Store::open(&path).await.expect("open");
    let summary =
        demo::generate(&store, &DemoOptions { clusters: CLUSTERS, orgs_per_cluster: Some(ORGS_PER_CLUSTER), seed: 7 })
            .await
            .expect("demo data");
    println!(
        "filled {} clusters, {} organisations, {} contacts in {:.1} s",
        summary.clusters,
        summary.organisations,
        summary.contacts,
        started.elapsed().as_secs_f64()
    );
    store.close().await;

    let mut rows = Vec::new();
    rows.push(
        measure("open + migrate (existing file)", 30, || async {
            Store::open(&path).await.expect("open").close().await;
        })
        .await,
    );

    let store = Store::open(&path).await.expect("open");
    let first_page = ClusterQuery::default();
    let filtered = ClusterQuery {
        sectors: vec![Sector::Textiles, Sector::ElectronicsSoftware],
        regions: vec![Region::Centru, Region::NordVest, Region::Vest],
        statuses: vec![MembershipStatus::Active],
        labels: vec![LabelFilter::Bronze, LabelFilter::None],
        ..Default::default()
    };
    let search = ClusterQuery { search: "brasov".into(), ..Default::default() };
    let search_diacritics = ClusterQuery { search: "Timișoara".into(), ..Default::default() };
    let by_members = ClusterQuery { sort: clusters::ClusterSort::Members, descending: true, ..Default::default() };
    let eligible = ClusterQuery { eligibility: vec![EligibilityFilter::EccpMet], ..Default::default() };
    let not_recognised = ClusterQuery { eligibility: vec![EligibilityFilter::NationalNotMet], ..Default::default() };

    for (name, query) in [
        ("cluster list, first page", &first_page),
        ("filtered list (sector, region, status, label)", &filtered),
        ("search \"brasov\" (no diacritics)", &search),
        ("search \"Timișoara\" (with diacritics)", &search_diacritics),
        ("list sorted by member count", &by_members),
        ("eligible under the EU platform's profile", &eligible),
        ("not meeting the national criteria", &not_recognised),
    ] {
        let total = clusters::list(&store, query).await.expect("list").total;
        let label = format!("{name} [{total} matches]");
        rows.push(
            measure(&label, 200, || async {
                clusters::list(&store, query).await.expect("list");
            })
            .await,
        );
    }
    let some_id = clusters::list(&store, &first_page).await.expect("list").rows[0].id;
    rows.push(
        measure("cluster detail page", 200, || async {
            clusters::get(&store, some_id).await.expect("detail");
        })
        .await,
    );

    common::print("operation (5,000 clusters, 100,000 organisations)", &rows);
}
