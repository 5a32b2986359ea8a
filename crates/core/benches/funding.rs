//! `make bench`: matching funding calls at 5,000 clusters and 100,000 organisations. Prints p50/p95
//! of a call's matching clusters and organisations with their reasons (one narrow call, one broad,
//! one with no condition at all, where everyone is a candidate) and of a cluster page's open calls.
//! Target: under 100 ms. Figures, not assertions.
//!
//! `cargo bench -p clusterdesk-core --bench funding`

mod common;

use std::time::Instant;

use common::measure;

use clusterdesk_core::Store;
use clusterdesk_core::caen::CaenRevision;
use clusterdesk_core::clusters::{CaenCode, LabelLevel, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::funding::{self, Applicant, FundingCallInput, MATCH_LIMIT};
use clusterdesk_core::geo::Region;

fn main() {
    if !common::wanted("funding") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

fn code(revision: CaenRevision, code: &str) -> CaenCode {
    CaenCode { revision, code: code.into() }
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
    let started = Instant::now();
    let made = demo::generate(&store, &DemoOptions { clusters: 5_000, orgs_per_cluster: Some(20), seed: 7 })
        .await
        .expect("demo data");
    println!(
        "filled {} clusters, {} organisations in {:.1} s",
        made.clusters,
        made.organisations,
        started.elapsed().as_secs_f64()
    );
    let base = FundingCallInput {
        title_ro: "Apel de test".into(),
        programme: "PR Centru 2021–2027".into(),
        opens_on: Some(store.today().format("%Y-%m-%d").to_string()),
        ..Default::default()
    };
    let narrow = FundingCallInput {
        applicants: vec![Applicant::Micro, Applicant::Small, Applicant::Medium],
        regions: vec![Region::Centru, Region::NordVest],
        sectors: vec![Sector::WoodFurniture, Sector::ElectronicsSoftware],
        caen: vec![code(CaenRevision::Rev3, "3100"), code(CaenRevision::Rev3, "6210"), code(CaenRevision::Rev2, "1610")],
        ..base.clone()
    };
    let broad = FundingCallInput {
        applicants: vec![Applicant::Cluster, Applicant::Research, Applicant::Small],
        min_label: Some(LabelLevel::Bronze),
        requires_national: true,
        ..base.clone()
    };
    let mut rows = Vec::new();
    for (label, input) in [("narrow call (kinds, 2 regions, 2 sectors, 3 CAEN)", narrow), ("broad call (label, national criteria)", broad), ("no condition (everyone)", base)] {
        let id = funding::create_call(&store, &input).await.expect("a call");
        let found = funding::match_call(&store, id, MATCH_LIMIT).await.expect("matching");
        let name = format!(
            "{label} [{} + {} clusters, {} + {} orgs]",
            found.clusters_fit, found.clusters_near, found.organisations_fit, found.organisations_near
        );
        rows.push(
            measure(&name, 30, || async {
                funding::match_call(&store, id, MATCH_LIMIT).await.expect("matching");
            })
            .await,
        );
    }
    let cluster: i64 = sqlx::query_scalar("SELECT id FROM clusters ORDER BY id LIMIT 1 OFFSET 2500")
        .fetch_one(store.pool())
        .await
        .expect("a cluster");
    let open = funding::calls_for_cluster(&store, cluster).await.expect("calls").len();
    rows.push(
        measure(&format!("a cluster's open calls [{open} fit]"), 30, || async {
            funding::calls_for_cluster(&store, cluster).await.expect("calls");
        })
        .await,
    );
    common::print("funding calls (5,000 clusters, 100,000 organisations; target < 100 ms)", &rows);
}
