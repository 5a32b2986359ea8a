//! Backups and restores through the core's public API, on real SQLite files; and the SIGKILL
//! test: a process killed in the middle of a large write leaves a database that opens, passes the
//! integrity check and holds either all of that write or none of it.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use clusterdesk_core::backup::{self, BackupKind};
use clusterdesk_core::clusters::{self, ClusterInput, ClusterQuery, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::{Error, Store, cui};
use common::{announce_write, dump_pool, kill_mid_write};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

/// A valid CUI made from `n`.
fn cui_for(n: u32) -> String {
    let body = format!("{:08}", 20_000_000 + n);
    format!("{body}{}", cui::check_digit(&body).unwrap())
}

fn input(name: &str, n: u32) -> ClusterInput {
    ClusterInput {
        name: name.into(),
        cui: cui_for(n),
        county: "BV".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    }
}

fn refusal(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::Refused { code, .. }) => code.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn dump_file(path: &Path) -> Vec<String> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    let dump = dump_pool(&pool).await;
    pool.close().await;
    dump
}

/// The dump of a restored database without what the restore adds to it: its entry in the audit
/// log (counted), the audit triggers' note of the schema version, which a copy changes, and the
/// author and moment of the last write transaction (the restore's own).
async fn restored_dump(store: &Store) -> (Vec<String>, usize) {
    let (restores, data): (Vec<String>, Vec<String>) = without_audit_schema(dump_pool(store.pool()).await)
        .into_iter()
        .partition(|row| row.starts_with("audit_log:") && row.contains("|'restore'|'database'|"));
    (data, restores.len())
}

fn without_audit_schema(dump: Vec<String>) -> Vec<String> {
    dump.into_iter().filter(|row| !row.starts_with("audit_schema:") && !row.starts_with("audit_actor:")).collect()
}

async fn integrity(path: &Path) -> String {
    let mut conn = SqliteConnectOptions::new().filename(path).read_only(true).connect().await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    check
}

async fn names(store: &Store) -> Vec<String> {
    let query = ClusterQuery { limit: 1000, ..Default::default() };
    let mut names: Vec<String> =
        clusters::list(store, &query).await.unwrap().rows.into_iter().map(|r| r.name).collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_backup_is_consistent_while_another_task_keeps_writing() {
    let (_dir, store) = store().await;
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for n in 0..150 {
                clusters::create(&store, &input(&format!("Cluster Țară {n}"), n)).await.unwrap();
            }
        })
    };
    let mut made = Vec::new();
    for _ in 0..4 {
        made.push(backup::create(&store, BackupKind::Manual).await.unwrap());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    writer.await.unwrap();
    assert_eq!(names(&store).await.len(), 150, "every write went through");

    let listed = backup::list(&store).unwrap();
    assert_eq!(listed.len(), 4);
    for info in &made {
        assert!(
            info.file_name.ends_with("-manual.sqlite") || info.file_name.contains("-manual-"),
            "{}",
            info.file_name
        );
        let path = Path::new(&info.path);
        assert_eq!(integrity(path).await, "ok");
        let check = backup::check(path).await.unwrap();
        assert!(check.clusters <= 150);
        assert!(!check.needs_migration);
        // One self-contained file in rollback-journal mode, nothing beside it.
        let header = std::fs::read(path).unwrap();
        assert_eq!(&header[18..20], &[1, 1], "not in WAL mode");
        assert!(!PathBuf::from(format!("{}-wal", info.path)).exists());
        assert!(listed.iter().any(|l| l == info), "{} is listed", info.file_name);
    }
    // Newest first.
    assert!(listed.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    // No temporary file left in the folder.
    let files = std::fs::read_dir(backup::dir_for(store.path())).unwrap().count();
    assert_eq!(files, 4);
}

#[tokio::test]
async fn backup_to_writes_a_whole_copy_where_asked() {
    let (dir, store) = store().await;
    clusters::create(&store, &input("Cluster Ștefănești", 1)).await.unwrap();
    let out = dir.path().join("elsewhere").join("copy.sqlite");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    std::fs::write(&out, b"an older file the user chose to replace").unwrap();
    backup::backup_to(&store, &out).await.unwrap();
    let check = backup::check(&out).await.unwrap();
    assert_eq!(check.clusters, 1);
    assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
    assert_eq!(dump_file(&out).await, dump_pool(store.pool()).await);
}

#[tokio::test]
async fn daily_makes_one_copy_a_day_and_keeps_the_newest_n() {
    let (_dir, store) = store().await;
    assert_eq!(backup::keep(&store).await.unwrap(), backup::DEFAULT_KEEP);
    backup::set_keep(&store, 3).await.unwrap();
    assert_eq!(backup::keep(&store).await.unwrap(), 3);
    assert_eq!(refusal(backup::set_keep(&store, 0).await), "error.backup_keep_range");
    assert_eq!(backup::keep(&store).await.unwrap(), 3);

    // Copies of earlier days, and copies of other kinds that are never pruned.
    let sample = backup::create(&store, BackupKind::Manual).await.unwrap();
    let dir = backup::dir_for(store.path());
    for day in 1..=9 {
        std::fs::copy(&sample.path, dir.join(format!("test-2025010{day}-080000-daily.sqlite"))).unwrap();
    }
    for kind in ["manual", "before-migration", "before-restore"] {
        std::fs::copy(&sample.path, dir.join(format!("test-20240101-080000-{kind}.sqlite"))).unwrap();
    }
    // Another database's copies in the same folder are not this one's.
    std::fs::copy(&sample.path, dir.join("other-20240101-080000-daily.sqlite")).unwrap();

    let keep = backup::keep(&store).await.unwrap();
    let outcome = backup::daily(&store, keep).await.unwrap();
    let made = outcome.made.expect("no daily copy yet today: one is made");
    assert_eq!(made.kind, BackupKind::Daily);
    assert_eq!(outcome.removed.len(), 7);
    let dailies: Vec<String> = backup::list(&store)
        .unwrap()
        .into_iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .map(|b| b.file_name)
        .collect();
    assert_eq!(
        dailies,
        vec![
            made.file_name.clone(),
            "test-20250109-080000-daily.sqlite".into(),
            "test-20250108-080000-daily.sqlite".into()
        ]
    );
    for kind in ["manual", "before-migration", "before-restore"] {
        assert!(dir.join(format!("test-20240101-080000-{kind}.sqlite")).exists(), "{kind} copies are kept");
    }
    assert!(Path::new(&sample.path).exists());
    assert!(dir.join("other-20240101-080000-daily.sqlite").exists());

    // Once a day: a second start the same day makes nothing and removes nothing.
    let again = backup::daily(&store, keep).await.unwrap();
    assert_eq!(again, backup::DailyOutcome::default());
}

#[tokio::test]
async fn restore_brings_back_exactly_the_backup_and_keeps_the_replaced_data() {
    let (_dir, store) = store().await;
    let a = clusters::create(&store, &input("Cluster Ardeal", 1)).await.unwrap();
    let b = clusters::create(&store, &input("Cluster Bănat", 2)).await.unwrap();
    let backed_up = dump_pool(store.pool()).await;
    let copy = backup::create(&store, BackupKind::Manual).await.unwrap();

    // Changes after the copy: one renamed, one deleted, one added.
    clusters::update(&store, a, &input("Cluster Ardeal Nou", 1)).await.unwrap();
    clusters::archive(&store, b).await.unwrap();
    clusters::delete_permanently(&store, b, "Cluster Bănat").await.unwrap();
    clusters::create(&store, &input("Cluster Crișana", 3)).await.unwrap();
    let changed = dump_pool(store.pool()).await;
    assert_ne!(changed, backed_up);
    let path = store.path().to_path_buf();

    let restored = backup::restore(store, Path::new(&copy.path)).await.unwrap();
    let store = restored.store;
    assert_eq!(store.path(), path);
    let (data, restores) = restored_dump(&store).await;
    assert_eq!(data, without_audit_schema(backed_up), "exactly the data of the copy");
    assert_eq!(restores, 1, "the restore is in the restored log");
    assert_eq!(names(&store).await, vec!["Cluster Ardeal", "Cluster Bănat"]);
    assert_eq!(restored.report.check.clusters, 2);
    assert_eq!(restored.report.check.integrity, "ok");

    // The replaced data is kept, listed as "before restore".
    let before = restored.report.before_restore;
    assert_eq!(before.kind, BackupKind::BeforeRestore);
    assert!(backup::list(&store).unwrap().iter().any(|b| b.file_name == before.file_name));
    assert_eq!(dump_file(Path::new(&before.path)).await, changed);

    // Writes work on the reopened store, in WAL mode again; and the restore can be undone.
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
    assert_eq!(mode, "wal");
    clusters::create(&store, &input("Cluster Dobrogea", 4)).await.unwrap();
    let file_name = before.file_name.clone();
    let undo = backup::find(&store, &file_name).unwrap();
    let store = backup::restore(store, &undo).await.unwrap().store;
    let (data, restores) = restored_dump(&store).await;
    assert_eq!(data, without_audit_schema(changed));
    assert_eq!(restores, 1);
    assert_eq!(integrity(store.path()).await, "ok");
}

#[tokio::test]
async fn restore_includes_what_is_still_in_the_wal_of_a_file_open_elsewhere() {
    let (dir, store) = store().await;
    let other = Store::open(&dir.path().join("elsewhere").join("other.sqlite")).await.unwrap();
    clusters::create(&other, &input("Cluster din WAL", 9)).await.unwrap();
    // `other` stays open: its last write is in its -wal file, not yet in the main file.
    let restored = backup::restore(store, other.path()).await.unwrap().store;
    assert_eq!(names(&restored).await, vec!["Cluster din WAL"]);
    other.close().await;
}

#[tokio::test]
async fn only_listed_backups_are_found_by_name() {
    let (_dir, store) = store().await;
    let made = backup::create(&store, BackupKind::Manual).await.unwrap();
    assert_eq!(backup::find(&store, &made.file_name).unwrap(), PathBuf::from(&made.path));
    for name in ["../test.sqlite", "test.sqlite", "/etc/passwd", "", "x-20250101-000000-manual.sqlite"] {
        assert_eq!(refusal(backup::find(&store, name)), "error.backup_not_found", "{name}");
    }
}

#[tokio::test]
async fn damaged_or_foreign_files_are_refused_and_nothing_changes() {
    let (dir, store) = store().await;
    for n in 0..60 {
        clusters::create(&store, &input(&format!("Cluster {n} cu un nume destul de lung pentru mai multe pagini"), n))
            .await
            .unwrap();
    }
    let good = backup::create(&store, BackupKind::Manual).await.unwrap();
    let before = dump_pool(store.pool()).await;
    let listed = backup::list(&store).unwrap();

    let random = dir.path().join("random.sqlite");
    let mut bytes = vec![0u8; 64 * 1024];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i.wrapping_mul(2_654_435_761) >> 13) as u8;
    }
    std::fs::write(&random, &bytes).unwrap();

    let truncated = dir.path().join("truncated.sqlite");
    let full = std::fs::read(&good.path).unwrap();
    assert!(full.len() > 8 * 4096, "a copy of several pages");
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();

    // Random bytes after a valid SQLite header.
    let scrambled = dir.path().join("scrambled.sqlite");
    let mut damaged = full.clone();
    for (i, b) in damaged.iter_mut().enumerate().skip(4096) {
        *b = (i.wrapping_mul(2_654_435_761) >> 7) as u8;
    }
    std::fs::write(&scrambled, &damaged).unwrap();

    let foreign = dir.path().join("foreign.sqlite");
    {
        let mut conn = SqliteConnectOptions::new().filename(&foreign).create_if_missing(true).connect().await.unwrap();
        sqlx::query("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)").execute(&mut conn).await.unwrap();
        sqlx::query("INSERT INTO notes (text) VALUES ('nu e ClusterDesk')").execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
    }

    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    let missing = dir.path().join("missing.sqlite");

    for candidate in [&random, &truncated, &scrambled, &foreign, &empty, &missing, &dir.path().to_path_buf()] {
        assert_eq!(refusal(backup::check(candidate).await), "error.backup_invalid", "{}", candidate.display());
        let result = backup::restore(store.clone(), candidate).await;
        assert_eq!(refusal(result), "error.backup_invalid", "{}", candidate.display());
        assert_eq!(dump_pool(store.pool()).await, before, "{}: the database is unchanged", candidate.display());
    }
    assert_eq!(backup::list(&store).unwrap(), listed, "no pre-restore copy for a refused file");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".partial"))
    );
}

#[tokio::test]
async fn a_copy_from_a_newer_version_is_refused() {
    let (_dir, store) = store().await;
    clusters::create(&store, &input("Cluster Viitor", 1)).await.unwrap();
    let copy = backup::create(&store, BackupKind::Manual).await.unwrap();
    {
        let mut conn = SqliteConnectOptions::new().filename(&copy.path).connect().await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
             VALUES (99991231000001, 'from the future', 1, x'00', 0)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
    }
    clusters::create(&store, &input("Cluster Prezent", 2)).await.unwrap();
    let before = dump_pool(store.pool()).await;
    assert_eq!(refusal(backup::check(Path::new(&copy.path)).await), "error.backup_newer_schema");
    assert_eq!(refusal(backup::restore(store.clone(), Path::new(&copy.path)).await), "error.backup_newer_schema");
    assert_eq!(dump_pool(store.pool()).await, before);
    assert_eq!(backup::list(&store).unwrap().len(), 1);
}

#[tokio::test]
async fn a_copy_with_an_older_schema_is_migrated_on_restore() {
    let (dir, store) = store().await;
    // A file as the previous version made it: every migration but the latest, with a cluster in
    // it. (Built from the migrations themselves, so that a latest migration which alters older
    // tables is undone too.)
    let migrations = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations"));
    let migrator = sqlx::migrate::Migrator::new(migrations).await.unwrap();
    let mut versions: Vec<i64> = migrator.migrations.iter().map(|m| m.version).collect();
    versions.sort_unstable();
    versions.dedup();
    assert!(versions.len() >= 2, "the app has at least two migrations");
    let (previous, latest) = (versions[versions.len() - 2], versions[versions.len() - 1]);
    let older = dir.path().join("older.sqlite");
    let newer_tables = {
        let mut conn = SqliteConnectOptions::new()
            .filename(&older)
            .create_if_missing(true)
            .foreign_keys(true)
            .connect()
            .await
            .unwrap();
        migrator.run_to(previous, &mut conn).await.unwrap();
        sqlx::query(
            "INSERT INTO clusters (name, county, sort_name, created_at, updated_at) \
             VALUES ('Cluster Vechi', 'BV', 'cluster vechi', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        // What the latest migration adds: tables, or columns of older tables.
        let sql = &migrator.migrations.iter().find(|m| m.version == latest).unwrap().sql;
        let name = |rest: &str| rest.split_whitespace().next().unwrap().trim_matches('"').to_string();
        sql.as_str()
            .lines()
            .filter_map(|l| {
                let l = l.trim();
                if let Some(rest) = l.strip_prefix("CREATE TABLE ") {
                    return Some((name(rest), None));
                }
                let (table, rest) = l.strip_prefix("ALTER TABLE ")?.split_once(" ADD COLUMN ")?;
                Some((name(table), Some(name(rest))))
            })
            .collect::<Vec<(String, Option<String>)>>()
    };
    assert!(!newer_tables.is_empty(), "the latest migration adds a table or a column");
    let check = backup::check(&older).await.unwrap();
    assert!(check.needs_migration);

    let restored = backup::restore(store, &older).await.unwrap();
    let store = restored.store;
    assert_eq!(names(&store).await, vec!["Cluster Vechi"]);
    let kinds: Vec<BackupKind> = backup::list(&store).unwrap().into_iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BackupKind::BeforeMigration), "the reopened file was copied before its migration");
    for (table, column) in &newer_tables {
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.name = ?1 \
             AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)))",
        )
        .bind(table)
        .bind(column)
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert!(exists, "{table} {column:?} is back after the migration");
    }
}

// ---------------------------------------------------------------------------------------------
// SIGKILL in the middle of a large write.

const CHILD_ENV: &str = "CLUSTERDESK_BACKUP_KILL_CHILD_DB";
const KILL_CLUSTERS: usize = 2000;
const KILL_ORGS: usize = 10;

#[tokio::test]
async fn killing_the_process_in_the_middle_of_a_large_write_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.sqlite");
    let finished = kill_mid_write("child_writes_demo_data_until_killed", CHILD_ENV, &db);

    let store = Store::open(&db).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.pool()).await.unwrap();
    assert_eq!(check, "ok");
    let count = |table: &'static str| {
        let pool = store.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let (clusters, organisations) = (count("clusters").await, count("organisations").await);
    if finished {
        assert_eq!((clusters, organisations), (KILL_CLUSTERS as i64, (KILL_CLUSTERS * KILL_ORGS) as i64));
    } else {
        assert_eq!((clusters, organisations), (0, 0), "nothing of the interrupted write");
        assert_eq!(count("contacts").await, 0);
    }
    // And the file is usable: a later write goes through.
    clusters::create(&store, &input("Cluster după oprire", 7)).await.unwrap();
}

/// The child side; ignored unless the parent runs it.
#[tokio::test]
#[ignore]
async fn child_writes_demo_data_until_killed() {
    let Some(db) = std::env::var_os(CHILD_ENV) else { return };
    let store = Store::open(Path::new(&db)).await.unwrap();
    let options = DemoOptions { clusters: KILL_CLUSTERS, orgs_per_cluster: Some(KILL_ORGS), seed: 1 };
    announce_write(async { demo::generate(&store, &options).await.unwrap() }).await;
}
