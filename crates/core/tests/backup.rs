//! Backups and restores through the core's public API, on real SQLite files; and the SIGKILL
//! test: a process killed in the middle of a large write leaves a database that opens, passes the
//! integrity check and holds either all of that write or none of it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use clusterdesk_core::backup::{self, BackupKind};
use clusterdesk_core::clusters::{self, ClusterInput, ClusterQuery, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::{Error, Store, cui};
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

/// Every row of every table (the migrations' bookkeeping included), as text, sorted: two
/// databases with the same dump hold the same data.
async fn dump_pool(pool: &sqlx::SqlitePool) -> Vec<String> {
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

async fn dump_file(path: &Path) -> Vec<String> {
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let pool = sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect_with(options).await.unwrap();
    let dump = dump_pool(&pool).await;
    pool.close().await;
    dump
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
    assert_eq!(dump_pool(store.pool()).await, backed_up, "exactly the data of the copy");
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
    assert_eq!(dump_pool(store.pool()).await, changed);
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
    let (_dir, store) = store().await;
    clusters::create(&store, &input("Cluster Vechi", 1)).await.unwrap();
    let copy = backup::create(&store, BackupKind::Manual).await.unwrap();
    // Make the copy look as if the latest migration had not run yet: its tables gone, its row too.
    let newer_tables = {
        let mut conn = SqliteConnectOptions::new().filename(&copy.path).connect().await.unwrap();
        let latest: i64 =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&mut conn).await.unwrap();
        let first: i64 =
            sqlx::query_scalar("SELECT MIN(version) FROM _sqlx_migrations").fetch_one(&mut conn).await.unwrap();
        assert!(latest > first, "the app has at least two migrations");
        let sql = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&latest.to_string()))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .unwrap();
        let created = |what: &str| -> Vec<String> {
            sql.lines()
                .filter_map(|l| l.trim().strip_prefix(&format!("CREATE {what} ")))
                .map(|rest| rest.split_whitespace().next().unwrap().trim_matches('"').to_string())
                .collect()
        };
        let tables = created("TABLE");
        sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut conn).await.unwrap();
        // Triggers first: some sit on the older tables.
        for trigger in created("TRIGGER") {
            sqlx::query(AssertSqlSafe(format!("DROP TRIGGER IF EXISTS {trigger}"))).execute(&mut conn).await.unwrap();
        }
        // Columns the migration added to older tables ("ALTER TABLE t ADD COLUMN c ...").
        for line in sql.lines().filter_map(|l| l.trim().strip_prefix("ALTER TABLE ")) {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let [table, "ADD", "COLUMN", column, ..] = words[..] {
                let drop = format!("ALTER TABLE {table} DROP COLUMN {column}");
                sqlx::query(AssertSqlSafe(drop)).execute(&mut conn).await.unwrap();
            }
        }
        for table in tables.iter().rev() {
            sqlx::query(AssertSqlSafe(format!("DROP TABLE IF EXISTS {table}"))).execute(&mut conn).await.unwrap();
        }
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?").bind(latest).execute(&mut conn).await.unwrap();
        conn.close().await.unwrap();
        tables
    };
    assert!(!newer_tables.is_empty());
    let check = backup::check(Path::new(&copy.path)).await.unwrap();
    assert!(check.needs_migration);

    let restored = backup::restore(store, Path::new(&copy.path)).await.unwrap();
    let store = restored.store;
    assert_eq!(names(&store).await, vec!["Cluster Vechi"]);
    let kinds: Vec<BackupKind> = backup::list(&store).unwrap().into_iter().map(|b| b.kind).collect();
    assert!(kinds.contains(&BackupKind::BeforeMigration), "the reopened file was copied before its migration");
    for table in &newer_tables {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ?)")
            .bind(table)
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert!(exists, "{table} is back after the migration");
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
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_writes_demo_data_until_killed", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = lines.by_ref().map_while(|l| l.ok()).any(|l| l.ends_with("writing"));
    assert!(started, "the child started its write");
    // One transaction of 2000 clusters with 20,000 organisations takes many seconds. The kill
    // comes once the write has spilled uncommitted pages into the WAL (its changes outgrew
    // SQLite's 2 MB page cache), or after 20 s at the latest.
    let wal_path = PathBuf::from(format!("{}-wal", db.display()));
    let wal_size = || std::fs::metadata(&wal_path).map(|m| m.len()).unwrap_or(0);
    let (start, at_start) = (std::time::Instant::now(), wal_size());
    while wal_size() < at_start + (1 << 20) && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let wal = wal_size();
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    child.wait().unwrap();
    let finished = lines.map_while(|l| l.ok()).any(|l| l.ends_with("done"));
    eprintln!("killed with a {wal}-byte WAL; the write had {}finished", if finished { "" } else { "not " });

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
    let mut out = std::io::stdout();
    writeln!(out, "writing").unwrap();
    out.flush().unwrap();
    let options = DemoOptions { clusters: KILL_CLUSTERS, orgs_per_cluster: Some(KILL_ORGS), seed: 1 };
    demo::generate(&store, &options).await.unwrap();
    writeln!(out, "done").unwrap();
    out.flush().unwrap();
}
