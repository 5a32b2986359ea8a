//! `make bench`: the membership check over 5,000 clusters / 100,000 organisations against the
//! local ANAF server (tests/python/anaf_server.py). ANAF allows one request a second, which would
//! make the bench last 17 minutes, so it runs at ANAF_BENCH_PACE_MS (20 ms by default), prints the
//! pace used and extrapolates to ANAF's pace; memory is the process's resident set sampled after
//! every batch. Figures, not assertions.

mod common;

#[path = "../tests/common/anaf_server.rs"]
mod anaf_server;

use std::time::{Duration, Instant};

use clusterdesk_core::Store;
use clusterdesk_core::anaf::check::AnafFlag;
use clusterdesk_core::anaf::{Client, ClientConfig, check};
use clusterdesk_core::clusters::{self, ClusterQuery};
use clusterdesk_core::demo::{self, DemoOptions};

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    if !common::wanted("anaf") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let pace_ms: u64 = std::env::var("ANAF_BENCH_PACE_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
    let started = Instant::now();
    let summary = demo::generate(&store, &DemoOptions { clusters: 5_000, orgs_per_cluster: Some(20), seed: 7 })
        .await
        .expect("demo data");
    println!(
        "anaf bench: {} clusters, {} organisations filled in {:.1} s",
        summary.clusters,
        summary.organisations,
        started.elapsed().as_secs_f64()
    );
    let server = anaf_server::AnafServer::start();
    let mut config = ClientConfig::new(&server.url("generated"));
    config.pace = Duration::from_millis(pace_ms);
    let mut client = Client::new(config).expect("a client");

    let rss_before = rss_kib("VmRSS:");
    let mut rss_peak = rss_before;
    let started = Instant::now();
    let run = check::start(&store, None).await.expect("start");
    let cuis = run.total;
    let finished =
        check::run(&store, &mut client, run, |_| rss_peak = rss_peak.max(rss_kib("VmRSS:"))).await.expect("the check");
    let wall = started.elapsed().as_secs_f64();
    let requests = finished.requests as f64;
    let paced = requests * pace_ms as f64 / 1000.0;
    let overhead = (wall - paced).max(0.0);
    let counts = check::flag_counts(&store).await.expect("counts");
    println!(
        "anaf bench: checked {cuis} CUIs in {requests} requests of at most 100, at a pace of {pace_ms} ms a request"
    );
    println!(
        "anaf bench: {wall:.1} s wall ({:.1} s of it waiting for the pace, {:.1} ms of work per request: HTTP, parsing, writing)",
        paced,
        overhead * 1000.0 / requests.max(1.0)
    );
    println!(
        "anaf bench: at ANAF's 1 request/s: about {:.0} s ({:.1} min); the work per request fits in the second",
        requests + overhead,
        (requests + overhead) / 60.0
    );
    println!(
        "anaf bench: resident memory {:.1} MiB before the check, {:.1} MiB peak during it (+{:.1} MiB); flagged unknown: {}",
        rss_before as f64 / 1024.0,
        rss_peak as f64 / 1024.0,
        (rss_peak.saturating_sub(rss_before)) as f64 / 1024.0,
        counts.unknown
    );

    // The lists' filter and the dashboard's counts with one CUI in ten flagged inactive.
    sqlx::query("UPDATE anaf_answers SET inactive = 1 WHERE cui LIKE '%3'").execute(store.pool()).await.expect("flags");
    let query = ClusterQuery { anaf: Some(AnafFlag::Inactive), ..Default::default() };
    let mut rows = Vec::new();
    rows.push(
        common::measure("cluster list filtered on ANAF's inactive flag", 30, || async {
            clusters::list(&store, &query).await.expect("list");
        })
        .await,
    );
    rows.push(
        common::measure("dashboard's ANAF flag counts", 30, || async {
            check::flag_counts(&store).await.expect("counts");
        })
        .await,
    );
    common::print("anaf bench: queries at 5,000 clusters / 100,000 organisations", &rows);
}
