//! The assessment report: rendering one report to PDF with the core (printpdf), measured over many
//! runs, and the same report printed to PDF from HTML by headless Chromium (Debian's `chromium`) in
//! the same run, as the baseline a web-stack app would have. Prints p50/p95 of both and their
//! ratio. Targets: under 50 ms per report, and at least 50 times faster than Chromium. The whole
//! `clusterdesk` process against Chromium is `crates/cli/benches/report_process.rs`.
//!
//! `cargo bench -p clusterdesk-core --bench assessment` (`make bench` installs chromium first,
//! through scripts/setup-bench.sh). The HTML is in `chromium/`.

mod chromium;
mod common;

use std::time::Duration;

use common::measure;

use clusterdesk_core::Store;
use clusterdesk_core::assessments::report;
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::Lang;

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

const RUNS: usize = 60;
const CHROMIUM_RUNS: usize = 5;

fn main() {
    if !common::wanted("assessment") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
    demo::generate(&store, &DemoOptions::default()).await.expect("demo data");
    let (cluster, year): (i64, i64) = sqlx::query_as(
        "SELECT cluster_id, year FROM assessments WHERE level = 'gold' AND status = 'final' ORDER BY year DESC LIMIT 1",
    )
    .fetch_one(store.pool())
    .await
    .expect("the demo's gold assessment");
    let data = report::report_for(&store, cluster, year, Lang::Ro, today()).await.expect("report data");
    let pdf = report::pdf(&data).expect("pdf");
    println!("report: {} {}, {} KB PDF", data.cluster, year, pdf.len() / 1024);

    let mut rows = vec![
        measure("render the report (PDF, printpdf)", RUNS, || async {
            report::pdf(&data).expect("pdf");
        })
        .await,
        measure("read the data + render the report", RUNS, || async {
            let data = report::report_for(&store, cluster, year, Lang::Ro, today()).await.expect("data");
            report::pdf(&data).expect("pdf");
        })
        .await,
    ];
    let ours = rows[0].1;

    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, chromium::html(&data)).expect("write the HTML");
    match chromium::chromium_times(dir.path(), &html_path, CHROMIUM_RUNS) {
        Ok(times) => {
            let mut sorted = times.clone();
            sorted.sort();
            let p50 = sorted[sorted.len() / 2];
            let max = sorted[sorted.len() - 1];
            rows.push((format!("headless chromium: HTML → PDF ({CHROMIUM_RUNS} runs)"), p50, max, max));
            common::print("assessment report", &rows);
            let ratio = p50.as_secs_f64() / ours.as_secs_f64().max(1e-9);
            println!(
                "\nprintpdf {:.2} ms vs chromium {:.0} ms (p50): {ratio:.0}× faster (target: < 50 ms and ≥ 50×: {})",
                ours.as_secs_f64() * 1000.0,
                p50.as_secs_f64() * 1000.0,
                if ours < Duration::from_millis(50) && ratio >= 50.0 { "met" } else { "NOT met" }
            );
        }
        Err(why) => {
            common::print("assessment report", &rows);
            println!("\nchromium baseline not measured: {why} (make bench installs it: scripts/setup-bench.sh)");
        }
    }
    store.close().await;
}
