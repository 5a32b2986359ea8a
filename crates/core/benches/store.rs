//! `make bench`: the member-clusters store at the size the issue names (5,000 clusters, 100,000
//! organisations). Prints p50/p95 per operation; the target is p95 < 10 ms for each query.
//! Figures, not assertions: a slow machine should show a slow number, not a failed build.

use std::time::{Duration, Instant};

use clusterdesk_core::clusters::{self, ClusterQuery, LabelFilter, MembershipStatus, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::geo::Region;
use clusterdesk_core::Store;

const CLUSTERS: usize = 5_000;
const ORGS_PER_CLUSTER: usize = 20;

fn main() {
    // `cargo test --all-targets` runs a harness-less bench as a test; only `cargo bench` passes --bench.
    if !std::env::args().any(|a| a == "--bench") {
        println!("store bench: skipped (run it with `make bench`)");
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
    let summary = demo::generate(&store, &DemoOptions { clusters: CLUSTERS, orgs_per_cluster: Some(ORGS_PER_CLUSTER), seed: 7 })
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
    rows.push(measure("open + migrate (existing file)", 30, || async {
        Store::open(&path).await.expect("open").close().await;
    })
    .await);

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

    for (name, query) in [
        ("cluster list, first page", &first_page),
        ("filtered list (sector, region, status, label)", &filtered),
        ("search \"brasov\" (no diacritics)", &search),
        ("search \"Timișoara\" (with diacritics)", &search_diacritics),
        ("list sorted by member count", &by_members),
    ] {
        let total = clusters::list(&store, query).await.expect("list").total;
        let label = format!("{name} [{total} matches]");
        rows.push(measure(&label, 200, || async {
            clusters::list(&store, query).await.expect("list");
        })
        .await);
    }
    let some_id = clusters::list(&store, &first_page).await.expect("list").rows[0].id;
    rows.push(measure("cluster detail page", 200, || async {
        clusters::get(&store, some_id).await.expect("detail");
    })
    .await);

    println!("\n{:<58} {:>10} {:>10} {:>10}", "operation (5,000 clusters, 100,000 organisations)", "p50 ms", "p95 ms", "max ms");
    for (name, p50, p95, max) in rows {
        println!("{name:<58} {:>10.3} {:>10.3} {:>10.3}", ms(p50), ms(p95), ms(max));
    }
}

async fn measure<F, Fut>(name: &str, runs: usize, mut f: F) -> (String, Duration, Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    f().await; // warm-up: the first run pays for the page cache
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await;
        times.push(t.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
    (name.to_string(), at(0.50), at(0.95), times[times.len() - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
