//! Helpers shared by the integration tests that compare whole databases or kill a writer.
#![allow(dead_code)] // each test binary uses its own part

pub mod anaf_server;
pub mod members;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::AssertSqlSafe;

/// Every row of every table (the migrations' bookkeeping included), as text, sorted: two
/// databases with the same dump hold the same data.
pub async fn dump_pool(pool: &sqlx::SqlitePool) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?)").bind(&table).fetch_all(pool).await.unwrap();
        let expr = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        let mut rows: Vec<String> =
            sqlx::query_scalar(AssertSqlSafe(format!("SELECT {expr} FROM \"{table}\""))).fetch_all(pool).await.unwrap();
        rows.sort();
        out.extend(rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    out
}

/// Runs the ignored test `child` of this same test binary with `env` = `db`, and kills it with
/// SIGKILL in the middle of its large write: the child prints "writing" before the write and
/// "done" after it. The kill comes once the write has spilled uncommitted pages into the WAL (its
/// changes outgrew SQLite's 2 MB page cache), or after 20 s at the latest. Returns whether the
/// write had finished.
pub fn kill_mid_write(child: &str, env: &str, db: &Path) -> bool {
    let mut process = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", child, "--ignored", "--nocapture", "--test-threads=1"])
        .env(env, db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(process.stdout.take().unwrap()).lines();
    let started = lines.by_ref().map_while(|l| l.ok()).any(|l| l.ends_with("writing"));
    assert!(started, "the child started its write");
    let wal_path = PathBuf::from(format!("{}-wal", db.display()));
    let wal_size = || std::fs::metadata(&wal_path).map(|m| m.len()).unwrap_or(0);
    let (start, at_start) = (Instant::now(), wal_size());
    while wal_size() < at_start + (1 << 20) && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let wal = wal_size();
    process.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    process.wait().unwrap();
    let finished = lines.map_while(|l| l.ok()).any(|l| l.ends_with("done"));
    eprintln!("killed with a {wal}-byte WAL; the write had {}finished", if finished { "" } else { "not " });
    finished
}

/// The child's side of [`kill_mid_write`]: says "writing", runs the write, says "done".
pub async fn announce_write<T, F: Future<Output = T>>(write: F) {
    use std::io::Write;
    let mut out = std::io::stdout();
    writeln!(out, "writing").unwrap();
    out.flush().unwrap();
    write.await;
    writeln!(out, "done").unwrap();
    out.flush().unwrap();
}
