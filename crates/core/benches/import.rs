//! `make bench`: the bulk import of member organisations into the demo database (issue 13).
//! Prints, for the same 100,000-row file: the import (new members), the sqlite3 shell's `.import`
//! of the file into a bare table and their ratio; the same file again with `--update` (every row
//! changes a member); the time per row from 1,000 to 100,000 rows; and the peak memory of the
//! process that imports. Each import runs in a child process (this binary, `--child`), so that its
//! peak memory is its own. Figures, not assertions.

#[allow(dead_code)] // the percentile helpers: an import is timed once per size here
mod common;
#[path = "../tests/common/members.rs"]
mod members;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clusterdesk_core::Store;
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::import::{self, ImportOptions};

const ROWS: usize = 100_000;
const CURVE: &[usize] = &[1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, db, file, update] = args.as_slice()
        && flag == "--child"
    {
        child(Path::new(db), Path::new(file), update == "update");
        return;
    }
    if !common::wanted("import") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

/// Imports `file` into `db` and prints the import's time and the process's peak memory.
fn child(db: &Path, file: &Path, update: bool) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let bytes = std::fs::read(file).expect("the file");
    let elapsed = runtime.block_on(async {
        let store = Store::open(db).await.expect("open");
        let options = ImportOptions { update, ..Default::default() };
        let started = Instant::now();
        let report = import::import(&store, "membri.csv", &bytes, &options).await.expect("import");
        let elapsed = started.elapsed();
        assert!(report.written && report.counts.refused == 0, "{:?}", report.counts);
        store.close().await;
        elapsed
    });
    println!("{} {}", elapsed.as_micros(), peak_kb());
}

/// VmHWM: the most resident memory the process has had.
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Runs the child on a copy of `template` (or on `db` itself when `template` is None).
fn import_in_child(template: Option<&Path>, db: &Path, file: &Path, update: bool) -> (Duration, u64) {
    if let Some(template) = template {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        std::fs::copy(template, db).expect("a copy of the demo database");
    }
    let exe = std::env::current_exe().expect("this benchmark");
    let out = Command::new(exe)
        .args(["--child", &db.display().to_string(), &file.display().to_string(), if update { "update" } else { "new" }])
        .output()
        .expect("the child");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let mut figures = text.split_whitespace().map(|f| f.parse::<u64>().unwrap_or(0));
    let micros = figures.next().unwrap_or(0);
    (Duration::from_micros(micros), figures.next().unwrap_or(0))
}

/// The sqlite3 shell loading the same file into a bare table; `None` without the shell.
fn sqlite_shell_import(dir: &Path, file: &Path) -> Option<Duration> {
    let db = dir.join("bare.sqlite");
    let _ = std::fs::remove_file(&db);
    let script = format!(".mode csv\n.separator ;\n.import {} members\n", file.display());
    let started = Instant::now();
    let mut child = Command::new("sqlite3").arg(&db).stdin(std::process::Stdio::piped()).spawn().ok()?;
    use std::io::Write;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    child.wait().ok()?.success().then(|| started.elapsed())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn write_file(dir: &Path, name: &str, clusters: &[String], rows: usize, revision: usize) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, members::csv(clusters, rows, revision)).expect("the file");
    path
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let template = dir.path().join("demo.sqlite");
    let store = Store::open(&template).await.expect("open");
    demo::generate(&store, &DemoOptions::default()).await.expect("demo data");
    let clusters: Vec<String> =
        sqlx::query_scalar("SELECT cui FROM clusters ORDER BY id").fetch_all(store.pool()).await.expect("clusters");
    store.close().await;
    let file = write_file(dir.path(), "membri.csv", &clusters, ROWS, 0);
    let changed = write_file(dir.path(), "membri-2027.csv", &clusters, ROWS, 1);
    let db = dir.path().join("import.sqlite");
    let (load1, load5, _) = load_average();
    println!("\nimport of member organisations into the demo database ({} clusters); load average {load1} {load5}", clusters.len());

    let mut ours = Vec::new();
    let mut peak = 0;
    for _ in 0..3 {
        let (time, kb) = import_in_child(Some(&template), &db, &file, false);
        ours.push(time);
        peak = peak.max(kb);
    }
    let ours = median(ours);
    let (update, update_kb) = import_in_child(None, &db, &changed, true);
    let shell = (0..3).filter_map(|_| sqlite_shell_import(dir.path(), &file)).collect::<Vec<_>>();
    println!("{:<58} {:>10}", "100,000 rows (median of 3)", "s");
    println!("{:<58} {:>10.3}", "  import, new members (target < 2 s)", ours.as_secs_f64());
    println!("{:<58} {:>10.3}", "  import --update, every member changed", update.as_secs_f64());
    if shell.is_empty() {
        println!("  sqlite3 shell not found: no comparison");
    } else {
        let shell = median(shell);
        println!("{:<58} {:>10.3}", "  sqlite3 shell .import into a bare table", shell.as_secs_f64());
        println!("{:<58} {:>9.1}×", "  import / .import (target ≤ 10×)", ours.as_secs_f64() / shell.as_secs_f64());
    }
    println!(
        "{:<58} {:>10.1}",
        "  peak memory of the importing process, MB (target < 200)",
        peak.max(update_kb) as f64 / 1024.0
    );

    println!("\n{:<20} {:>12} {:>14}", "rows", "import s", "µs per row");
    for &rows in CURVE {
        let part = write_file(dir.path(), "part.csv", &clusters, rows, 0);
        let (time, _) = import_in_child(Some(&template), &db, &part, false);
        println!("{rows:<20} {:>12.3} {:>14.1}", time.as_secs_f64(), time.as_secs_f64() * 1e6 / rows as f64);
    }
}

fn load_average() -> (String, String, String) {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut parts = text.split_whitespace().map(String::from);
    (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default())
}
