//! Timing shared by the benchmarks: percentiles of repeated runs, printed as a table.

use std::future::Future;
use std::time::{Duration, Instant};

/// One row of figures: the operation, p50, p95 and the slowest run.
pub type Row = (String, Duration, Duration, Duration);

/// Runs `f` once to warm up (page cache, parsed fonts), then `runs` times, and returns its figures.
pub async fn measure<F, Fut>(name: &str, runs: usize, mut f: F) -> Row
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    f().await;
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

/// Prints the rows under `title` with p50/p95/max in milliseconds.
pub fn print(title: &str, rows: &[Row]) {
    println!("\n{title:<58} {:>10} {:>10} {:>10}", "p50 ms", "p95 ms", "max ms");
    for (name, p50, p95, max) in rows {
        println!("{name:<58} {:>10.3} {:>10.3} {:>10.3}", ms(*p50), ms(*p95), ms(*max));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `cargo test --all-targets` runs a harness-less bench as a test; only `cargo bench` passes --bench.
pub fn wanted(name: &str) -> bool {
    let wanted = std::env::args().any(|a| a == "--bench");
    if !wanted {
        println!("{name} bench: skipped (run it with `make bench`)");
    }
    wanted
}

/// A database filled with the demo at 5,000 clusters and 100,000 organisations, with the time it
/// took printed. Not every bench fills one.
#[allow(dead_code)]
pub async fn large_demo() -> (tempfile::TempDir, clusterdesk_core::Store) {
    use clusterdesk_core::demo::{self, DemoOptions};
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = clusterdesk_core::Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
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
    (dir, store)
}
