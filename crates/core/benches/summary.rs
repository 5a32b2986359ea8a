//! The annual summary at two sizes: the 42-cluster demo database and 5,000 clusters with 100,000
//! organisations. Prints p50/p95 of computing the summary and rendering it (PDF, XLSX, CSV zip),
//! and of the dashboard. Targets: under 200 ms (42 clusters) and under 2 s (5,000 clusters) for
//! computing + rendering. Figures, not assertions.
//!
//! `cargo bench -p clusterdesk-core --bench summary`
//!
//! Filling the 5,000-cluster database takes about a minute; `SUMMARY_BENCH_DB=/path/file.sqlite`
//! measures an existing database instead (made with `clusterdesk --db FILE demo --clusters 5000
//! --orgs-per-cluster 20 --seed 7`).

mod common;

use std::time::Instant;

use common::measure;

use chrono::Datelike;
use clusterdesk_core::Store;
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::tables::Separator;
use clusterdesk_core::summary;

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

fn main() {
    if !common::wanted("summary") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let mut rows = Vec::new();
    let existing = std::env::var_os("SUMMARY_BENCH_DB").map(std::path::PathBuf::from);
    for (label, options, runs) in [
        ("42 clusters (demo)", DemoOptions::default(), 40),
        ("5,000 clusters × 20 organisations", DemoOptions { clusters: 5_000, orgs_per_cluster: Some(20), seed: 7 }, 20),
    ] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let large = options.clusters > 42;
        let store = match &existing {
            Some(path) if large => Store::open(path).await.expect("open SUMMARY_BENCH_DB"),
            _ => {
                let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
                let started = Instant::now();
                let made = demo::generate(&store, &options).await.expect("demo data");
                println!(
                    "{label}: filled {} clusters, {} organisations in {:.1} s",
                    made.clusters,
                    made.organisations,
                    started.elapsed().as_secs_f64()
                );
                store
            }
        };
        let year = i64::from(today().year());
        let s = summary::annual(&store, year).await.expect("summary");
        let pdf = summary::pdf(&s, Lang::Ro).expect("pdf");
        let xlsx = summary::xlsx(&s, Lang::Ro).expect("xlsx");
        println!(
            "  {} members, {} organisations; PDF {} KB, XLSX {} KB",
            s.members.at_end.members,
            s.organisations.total.organisations,
            pdf.len() / 1024,
            xlsx.len() / 1024
        );

        rows.push(
            measure(&format!("{label}: compute the summary"), runs, || async {
                summary::annual(&store, year).await.expect("summary");
            })
            .await,
        );
        rows.push(
            measure(&format!("{label}: compute + PDF"), runs, || async {
                let s = summary::annual(&store, year).await.expect("summary");
                summary::pdf(&s, Lang::Ro).expect("pdf");
            })
            .await,
        );
        rows.push(
            measure(&format!("{label}: compute + XLSX"), runs, || async {
                let s = summary::annual(&store, year).await.expect("summary");
                summary::xlsx(&s, Lang::Ro).expect("xlsx");
            })
            .await,
        );
        rows.push(
            measure(&format!("{label}: compute + CSV zip"), runs, || async {
                let s = summary::annual(&store, year).await.expect("summary");
                summary::csv_zip(&s, Lang::Ro, Separator::Semicolon).expect("csv");
            })
            .await,
        );
        rows.push(
            measure(&format!("{label}: dashboard (headline)"), runs, || async {
                summary::headline(&store, today()).await.expect("headline");
            })
            .await,
        );
        store.close().await;
    }

    common::print("operation", &rows);
}
