//! A save that returned is on disk: killing the process with SIGKILL right after loses nothing.
//!
//! The test re-runs this same test binary as a child that saves clusters one after another and
//! reports each id once `create` has returned (what the UI shows as "saved"). The parent kills
//! the child mid-stream, then reopens the file.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use clusterdesk_core::clusters::{self, ClusterInput, ClusterQuery, Sector};
use clusterdesk_core::{Store, cui};

const CHILD_ENV: &str = "CLUSTERDESK_DURABILITY_CHILD_DB";

#[tokio::test]
async fn killing_the_process_after_a_save_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.sqlite");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_saves_until_killed", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut saved = Vec::new();
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(id) = line.strip_prefix("saved ") {
            saved.push(id.parse::<i64>().unwrap());
            if saved.len() == 25 {
                child.kill().unwrap(); // SIGKILL on Unix: no destructor, no flush, no checkpoint
                break;
            }
        }
    }
    child.wait().unwrap();
    assert_eq!(saved.len(), 25, "the child reported its saves");

    let store = Store::open(&db).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.pool()).await.unwrap();
    assert_eq!(check, "ok");
    let page = clusters::list(&store, &ClusterQuery { limit: 1000, ..Default::default() }).await.unwrap();
    let ids: Vec<i64> = page.rows.iter().map(|r| r.id).collect();
    for id in &saved {
        assert!(ids.contains(id), "cluster {id} was reported saved and must survive the kill");
    }
}

/// The child side; ignored unless the parent runs it.
#[tokio::test]
#[ignore]
async fn child_saves_until_killed() {
    let Some(db) = std::env::var_os(CHILD_ENV) else { return };
    let store = Store::open(std::path::Path::new(&db)).await.unwrap();
    let mut out = std::io::stdout();
    for n in 0..100_000u32 {
        let body = format!("{:08}", 10_000_000 + n);
        let code = format!("{body}{}", cui::check_digit(&body).unwrap());
        let input = ClusterInput {
            name: format!("Cluster Ștefănești {n}"),
            cui: code,
            county: "AG".into(),
            sectors: vec![Sector::Automotive],
            ..Default::default()
        };
        let id = clusters::create(&store, &input).await.unwrap();
        writeln!(out, "saved {id}").unwrap();
        out.flush().unwrap();
    }
}
