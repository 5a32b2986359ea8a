//! The whole `clusterdesk report assessment` process (start-up, opening the database, reading,
//! rendering, writing the file) against headless Chromium printing the same report from HTML, a
//! fresh process each run for both: medians side by side and their ratio (target: ≥ 50×). Then
//! `report assessment --all`, every assessed cluster of the demo in one process (target: < 1 s).
//! Figures only, nothing asserted.
//!
//! `cargo bench -p clusterdesk-cli --bench report_process` (`make bench`, which installs chromium
//! first): cargo builds the `clusterdesk` binary with the bench profile (opt 3, no LTO) for it.

#[path = "../../core/benches/chromium/mod.rs"]
mod chromium;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clusterdesk_core::Store;
use clusterdesk_core::assessments::{self, AssessmentQuery, AssessmentStatus, report};
use clusterdesk_core::clusters::LabelLevel;
use clusterdesk_core::i18n::Lang;

const RUNS: usize = 9;
const CHROMIUM_RUNS: usize = 5;

fn clusterdesk(db: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("clusterdesk runs");
    let elapsed = started.elapsed();
    assert!(status.success(), "clusterdesk {args:?}");
    elapsed
}

/// The median of `runs` runs after one that warms the page cache.
fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("report_process bench: skipped (run it with `make bench`)");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.sqlite");
    clusterdesk(&db, &["demo"]);

    // The gold cluster's final assessment, and the same report's data for the HTML.
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let (row, data) = runtime.block_on(async {
        let store = Store::open(&db).await.expect("open");
        let query = AssessmentQuery { status: Some(AssessmentStatus::Final), ..Default::default() };
        let rows = assessments::list(&store, &query).await.expect("the assessments");
        let row = rows.into_iter().find(|r| r.level == Some(LabelLevel::Gold)).expect("the demo's gold assessment");
        let data =
            report::report_for(&store, row.cluster_id, row.year, Lang::Ro, store.today()).await.expect("report data");
        store.close().await;
        (row, data)
    });
    let (cluster, year) = (row.cluster_id.to_string(), row.year.to_string());
    let pdf = dir.path().join("report.pdf");
    let args = ["report", "assessment", "--cluster", &cluster, "--year", &year, "--out", pdf.to_str().expect("a path")];
    let ours = median(RUNS, || clusterdesk(&db, &args));
    let html = dir.path().join("report.html");
    std::fs::write(&html, chromium::html(&data)).expect("write the HTML");

    println!("\nassessment report of {} {}, a whole process each run (median)", row.cluster, row.year);
    println!("{:<52} {:>10}", "", "median ms");
    println!("{:<52} {:>10.1}", format!("clusterdesk report assessment ({RUNS} runs)"), ms(ours));
    match chromium::chromium_times(dir.path(), &html, CHROMIUM_RUNS) {
        Ok(mut times) => {
            times.sort();
            let theirs = times[times.len() / 2];
            let ratio = theirs.as_secs_f64() / ours.as_secs_f64();
            println!("{:<52} {:>10.1}", format!("chromium --headless --print-to-pdf ({CHROMIUM_RUNS} runs)"), ms(theirs));
            println!("ratio: {ratio:.0}× (target ≥ 50×: {})", if ratio >= 50.0 { "met" } else { "NOT met" });
        }
        Err(why) => println!("chromium baseline not measured: {why} (make bench installs it: scripts/setup-bench.sh)"),
    }

    let out = dir.path().join("all");
    let all_args = ["report", "assessment", "--all", "--year", &year, "--out", out.to_str().expect("a path")];
    let all = median(RUNS, || clusterdesk(&db, &all_args));
    let count = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    println!(
        "\nreport assessment --all --year {year}: {count} reports in one process, {:.0} ms (median of {RUNS}; target < 1 s: {})",
        ms(all),
        if all < Duration::from_secs(1) { "met" } else { "NOT met" }
    );
}
