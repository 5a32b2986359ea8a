//! The bulk path keeps the rules: an import of 20,000 member organisations (2,000 under a plain
//! `cargo test`) ends with the same database as 20,000 imports of one row each — the same records with the same ids, the same
//! search texts, member counts and audit entries (the import's own entry aside: one against
//! 20,000).

mod common;

use std::path::Path;

use chrono::{TimeZone, Utc};
use clusterdesk_core::clock::Clock;
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::import::{self, ImportOptions};
use clusterdesk_core::Store;
use common::members;
use sqlx::AssertSqlSafe;

/// 20,000 with `IMPORT_BULK_ROWS=20000` (`make test-bulk`); `cargo test` runs 2,000, as the
/// one-row imports take about 50 ms each in a debug build.
fn rows_wanted() -> usize {
    std::env::var("IMPORT_BULK_ROWS").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000)
}

/// A demo database at a fixed moment. On a RAM disk when there is one: 20,000 commits that each
/// wait for the disk test nothing here.
async fn demo_store(dir: &Path, name: &str) -> Store {
    let clock = Clock::frozen(Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap());
    let store = Store::open_with_clock(&dir.join(name), clock).await.unwrap();
    demo::generate(&store, &DemoOptions::default()).await.unwrap();
    store
}

fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { tempfile::tempdir_in(shm).unwrap() } else { tempfile::tempdir().unwrap() }
}

/// The rows: new members, later rows that change members written by earlier ones, rows that
/// change members the demo already has, and rows refused for an unknown kind.
async fn rows(store: &Store, total: usize) -> Vec<String> {
    let clusters: Vec<String> =
        sqlx::query_scalar("SELECT cui FROM clusters ORDER BY id").fetch_all(store.pool()).await.unwrap();
    let existing: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.cui, o.name, o.cui FROM organisations o JOIN clusters c ON c.id = o.cluster_id \
         WHERE o.cui <> '' ORDER BY o.id LIMIT 40",
    )
    .fetch_all(store.pool())
    .await
    .unwrap();
    assert_eq!(existing.len(), 40, "the demo has members with a CUI");
    let fresh = total - 150 - existing.len() - 10;
    let mut rows: Vec<String> = (0..fresh).map(|n| members::row(&clusters, n, 0)).collect();
    rows.extend((0..150).map(|n| members::row(&clusters, n * 97 % fresh, 3)));
    rows.extend(existing.iter().map(|(cluster, name, cui)| format!("{cluster};{name};Mare;{cui};6201;77;\n")));
    rows.extend((0..10).map(|n| format!("{};Firma Greșită {n};gigantică;{};6201;1;1\n", clusters[n], members::org_cui(900_000 + n))));
    assert_eq!(rows.len(), total);
    rows
}

/// Every table's rows as text, sorted, for comparing two databases: the search index by its
/// texts (its internal pages depend on how often a text was rewritten), the audit log without its
/// ids and without the imports' own entries; not the migrations' bookkeeping (when each database
/// was made).
async fn dump(store: &Store) -> Vec<String> {
    let pool = store.pool();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE 'cluster_search%' AND name NOT IN ('audit_log', '_sqlx_migrations') ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    let mut add = async |label: &str, sql: String| {
        let mut rows: Vec<String> = sqlx::query_scalar(AssertSqlSafe(sql)).fetch_all(pool).await.unwrap();
        rows.sort();
        out.extend(rows.into_iter().map(|r| format!("{label}: {r}")));
    };
    for table in tables {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?)").bind(&table).fetch_all(pool).await.unwrap();
        let expr = columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || ");
        add(&table, format!("SELECT {expr} FROM \"{table}\"")).await;
    }
    add("cluster_search", "SELECT rowid || '|' || text FROM cluster_search".into()).await;
    add(
        "audit_log",
        "SELECT quote(at) || '|' || staff || '|' || action || '|' || entity || '|' || quote(entity_id) || '|' || \
         quote(parent_id) || '|' || label || '|' || quote(before) || '|' || quote(after) \
         FROM audit_log WHERE action <> 'import'"
            .into(),
    )
    .await;
    out.sort();
    out
}

#[tokio::test]
async fn a_bulk_import_writes_what_one_import_per_row_writes() {
    let dir = scratch();
    let options = ImportOptions { update: true, skip_invalid: true, ..Default::default() };

    let bulk = demo_store(dir.path(), "bulk.sqlite").await;
    let total = rows_wanted();
    let rows = rows(&bulk, total).await;
    let file = format!("{}{}", members::HEADER, rows.concat());
    let report = import::import(&bulk, "membri.csv", file.as_bytes(), &options).await.unwrap();
    assert!(report.written);
    assert_eq!(
        (report.counts.create, report.counts.update, report.counts.refused),
        (total - 200, 190, 10),
        "new members, members changed twice or already in the demo, refused rows"
    );

    let single = demo_store(dir.path(), "single.sqlite").await;
    let mut counts = (0, 0, 0);
    for row in &rows {
        let file = format!("{}{row}", members::HEADER);
        let report = import::import(&single, "membri.csv", file.as_bytes(), &options).await.unwrap();
        counts.0 += report.counts.create;
        counts.1 += report.counts.update;
        counts.2 += report.counts.refused;
    }
    assert_eq!(counts, (report.counts.create, report.counts.update, report.counts.refused));

    let (bulk, single) = (dump(&bulk).await, dump(&single).await);
    let only_bulk: Vec<_> = bulk.iter().filter(|r| single.binary_search(r).is_err()).take(5).collect();
    let only_single: Vec<_> = single.iter().filter(|r| bulk.binary_search(r).is_err()).take(5).collect();
    assert!(only_bulk.is_empty() && only_single.is_empty(), "only in bulk: {only_bulk:#?}\nonly in single: {only_single:#?}");
    assert_eq!(bulk.len(), single.len());
}
