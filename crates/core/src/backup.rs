//! Backups: whole copies of the database made with `VACUUM INTO`, listed, pruned, checked and
//! restored.
//!
//! # Where and how
//!
//! The copies live in `backups/` beside the database, named
//! `<db stem>-<YYYYmmdd-HHMMSS>-<kind>.sqlite` (local time; a `-2`, `-3`… suffix when two are made
//! in the same second). The name is the record: [`list`] reads the kind and the time from it, so a
//! copy moved in by hand is listed like the others, and nothing outside the folder says what is in it.
//!
//! Every copy is made by SQLite itself with `VACUUM INTO`: a read transaction on the live
//! database, so the copy is one consistent snapshot (committed data only, WAL included) while
//! other connections keep reading and writing, in this process or another. It is written to a
//! temporary name in the target folder, flushed to disk (SQLite does not fsync a `VACUUM INTO`
//! output) and only then renamed to its final name: a crash or a full disk leaves a stray
//! temporary file, never a half copy under a backup's name. The copies are in rollback-journal
//! mode, one self-contained file each.
//!
//! # Restore, and why a crash at any point is safe
//!
//! [`restore`] works in this order:
//!
//! 1. [`check`] the candidate, opened read-only: `PRAGMA integrity_check`, `PRAGMA
//!    foreign_key_check`, and its `_sqlx_migrations` rows against this app's migrations (a newer
//!    schema is refused). A refusal changes nothing.
//! 2. Copy the candidate (`VACUUM INTO` from the read-only connection, so that a WAL beside it is
//!    included) to a temporary file in the database's folder, fsync it, and check that copy again:
//!    what is swapped in is exactly what was checked, even if the candidate changes meanwhile.
//!    *Crash here:* the live database is untouched; a stray `.clusterdesk-restore-….partial` file
//!    remains (a later restore removes it once it is a day old; [`daily`] does the same in `backups/`).
//! 3. Back up the current database ([`BackupKind::BeforeRestore`]). *Crash:* as above, plus
//!    perhaps a stray partial backup.
//! 4. Close the pool (this waits for the transactions in flight), then on a fresh connection switch
//!    the database out of WAL mode (`journal_mode=DELETE`). SQLite does this only with exclusive
//!    access — it fails if any other connection, in any process, has the file open — and it
//!    checkpoints the WAL into the main file and deletes it. So from here on the main file alone
//!    holds every committed transaction, and no -wal/-shm/-journal is left to be replayed onto the
//!    new file (a stale WAL applied to a different database would corrupt it). *Crash:* the main
//!    file is complete in rollback mode; the next open puts it back in WAL mode.
//! 5. Rename the temporary copy over the database file (atomic on one file system), then fsync the
//!    folder. *Crash:* the folder holds either the old file or the restored one, whole.
//! 6. Reopen with [`Store::open`], which migrates an older copy to the current schema (after its
//!    own [`BackupKind::BeforeMigration`] copy). *Crash:* the next open does the same.
//!
//! After step 4 the store given to [`restore`] is closed, even when a later step fails: the caller
//! opens the file again, and finds either the old data or the restored data, never a mix.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::store::{MIGRATOR, Store};
use crate::{Error, Result};

/// The folder beside the database that holds the copies.
pub const BACKUP_DIR: &str = "backups";
/// How many daily copies are kept when the setting has never been changed.
pub const DEFAULT_KEEP: usize = 7;
/// The bounds of the `backup_keep` setting.
pub const KEEP_RANGE: std::ops::RangeInclusive<usize> = 1..=365;
const KEEP_SETTING: &str = "backup_keep";
const EXTENSION: &str = "sqlite";
const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S";
const PARTIAL_PREFIX: &str = ".clusterdesk-";
const PARTIAL_SUFFIX: &str = ".partial";

code_enum! {
    /// Why a copy was made.
    BackupKind {
        /// Asked for (the app's button, `clusterdesk backup`).
        Manual = "manual",
        /// The first start of the app on a day; only these are pruned.
        Daily = "daily",
        /// Made by [`Store::open`] before migrations change an existing schema.
        BeforeMigration = "before_migration",
        /// The data as it was just before a restore replaced it.
        BeforeRestore = "before_restore",
    }
}

impl BackupKind {
    /// The kind as written in a file name: `before-restore`.
    pub fn slug(self) -> &'static str {
        match self {
            BackupKind::Manual => "manual",
            BackupKind::Daily => "daily",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::BeforeRestore => "before-restore",
        }
    }
}

/// One copy in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    pub kind: BackupKind,
    /// When it was made, local time, `YYYY-MM-DDTHH:MM:SS` (read from the file name).
    pub created_at: String,
    pub size_bytes: u64,
}

impl BackupInfo {
    fn date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.created_at.get(..10)?, "%Y-%m-%d").ok()
    }
}

/// What [`check`] found in a file it accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BackupCheck {
    pub path: String,
    /// `PRAGMA integrity_check`'s answer; always "ok" in a check that passed.
    pub integrity: String,
    /// The newest migration applied in the file, and the newest this app knows.
    pub schema_version: i64,
    pub app_schema_version: i64,
    /// The file's schema is older than the app's: opening it migrates it (after a copy).
    pub needs_migration: bool,
    /// Member clusters in the file, archived ones included.
    pub clusters: i64,
    pub size_bytes: u64,
}

/// What a restore did, for the CLI's output and the window's message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub check: BackupCheck,
    /// The copy of the data as it was before the restore.
    pub before_restore: BackupInfo,
}

/// The outcome of [`restore`]: the reopened store and what was done.
#[derive(Debug)]
pub struct Restored {
    pub store: Store,
    pub report: RestoreReport,
}

/// What [`daily`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DailyOutcome {
    /// The copy made, if none had been made today.
    pub made: Option<BackupInfo>,
    /// The file names of the daily copies removed beyond the number kept.
    pub removed: Vec<String>,
}

/// The backups folder of the database at `db_path`.
pub fn dir_for(db_path: &Path) -> PathBuf {
    db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(BACKUP_DIR)
}

fn db_stem(db_path: &Path) -> String {
    db_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Makes a copy of the database in its backups folder.
pub async fn create(store: &Store, kind: BackupKind) -> Result<BackupInfo> {
    let dir = dir_for(store.path());
    std::fs::create_dir_all(&dir)?;
    let base = format!("{}-{}-{}", db_stem(store.path()), local_now(store).format(STAMP_FORMAT), kind.slug());
    let mut temp = vacuum_into_temp(store.pool(), &dir).await?;
    // Never over an existing copy: the next free `-N` name.
    for n in 1..1000 {
        let name = if n == 1 { format!("{base}.{EXTENSION}") } else { format!("{base}-{n}.{EXTENSION}") };
        let path = dir.join(&name);
        match temp.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(&dir);
                return info_of(store.path(), &path)
                    .ok_or_else(|| Error::Io(std::io::Error::other(format!("{name}: not a backup name"))));
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(e.error.into()),
        }
    }
    Err(Error::Io(std::io::Error::other("no free backup file name")))
}

/// Copies the database to `target` (chosen by the user: `--out`, the save dialog), replacing the
/// file there only once the copy is complete and on disk.
pub async fn backup_to(store: &Store, target: &Path) -> Result<()> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temp = vacuum_into_temp(store.pool(), dir).await?;
    temp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// A copy of the database as bytes, for a caller that writes it itself (the app's save dialog,
/// which writes whole files): made in a temporary file in the backups folder, read, removed.
pub async fn copy_bytes(store: &Store) -> Result<Vec<u8>> {
    let dir = dir_for(store.path());
    std::fs::create_dir_all(&dir)?;
    let temp = vacuum_into_temp(store.pool(), &dir).await?;
    Ok(std::fs::read(temp.path())?)
}

/// Now on the Bucharest wall clock: backup names say when they were made as staff read the time.
fn local_now(store: &Store) -> NaiveDateTime {
    crate::clock::local_time(store.clock().now())
}

/// A name for a copy saved outside the backups folder: `clusterdesk-20261127-140305.sqlite`.
pub fn copy_file_name(store: &Store) -> String {
    format!("{}-{}.{EXTENSION}", db_stem(store.path()), local_now(store).format(STAMP_FORMAT))
}

/// `VACUUM INTO` a new temporary file in `dir`, flushed to disk. Dropped unpersisted, it is removed.
async fn vacuum_into_temp(pool: &SqlitePool, dir: &Path) -> Result<tempfile::NamedTempFile> {
    let temp = partial_file(dir, "backup")?;
    // VACUUM INTO accepts an existing empty file; the temporary file is one.
    sqlx::query("VACUUM INTO ?").bind(temp.path().to_string_lossy().into_owned()).execute(pool).await?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

async fn vacuum_connection_into_temp(conn: &mut SqliteConnection, dir: &Path) -> Result<tempfile::NamedTempFile> {
    let temp = partial_file(dir, "restore")?;
    sqlx::query("VACUUM INTO ?").bind(temp.path().to_string_lossy().into_owned()).execute(&mut *conn).await?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn partial_file(dir: &Path, what: &str) -> Result<tempfile::NamedTempFile> {
    Ok(tempfile::Builder::new().prefix(&format!("{PARTIAL_PREFIX}{what}-")).suffix(PARTIAL_SUFFIX).tempfile_in(dir)?)
}

/// Makes a rename in `dir` durable (a no-op where folders cannot be opened, e.g. on Windows).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The copies of this database in its backups folder, newest first.
pub fn list(store: &Store) -> Result<Vec<BackupInfo>> {
    list_for(store.path())
}

/// [`list`] for the database at `db_path`, open or not.
pub fn list_for(db_path: &Path) -> Result<Vec<BackupInfo>> {
    let dir = dir_for(db_path);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file()
            && let Some(info) = info_of(db_path, &entry.path())
        {
            backups.push(info);
        }
    }
    backups.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(backups)
}

/// Reads a backup's kind and time from its name; `None` for any other file (another database's
/// copies, temporary files).
fn info_of(db_path: &Path, path: &Path) -> Option<BackupInfo> {
    let file_name = path.file_name()?.to_str()?.to_string();
    let (kind, created) = parse_name(&db_stem(db_path), &file_name)?;
    let size_bytes = std::fs::metadata(path).ok()?.len();
    Some(BackupInfo {
        path: path.display().to_string(),
        file_name,
        kind,
        created_at: created.format("%Y-%m-%dT%H:%M:%S").to_string(),
        size_bytes,
    })
}

fn parse_name(stem: &str, file_name: &str) -> Option<(BackupKind, NaiveDateTime)> {
    let rest = file_name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(&format!(".{EXTENSION}"))?;
    let stamp = rest.get(..15)?;
    let created = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    let tail = rest.get(15..)?.strip_prefix('-')?;
    let kind = BackupKind::ALL.iter().copied().find(|k| {
        // The kind, then nothing or a `-suffix` (`-2`, or an old pre-migration copy's version).
        tail.strip_prefix(k.slug()).is_some_and(|after| after.is_empty() || after.starts_with('-'))
    })?;
    Some((kind, created))
}

/// The path of the listed copy named `file_name`: only a name in the backups folder, as listed
/// (the window sends a name, never a path).
pub fn find(store: &Store, file_name: &str) -> Result<PathBuf> {
    list(store)?.into_iter().find(|b| b.file_name == file_name).map(|b| PathBuf::from(b.path)).ok_or_else(|| {
        Error::Refused {
            code: "error.backup_not_found",
            params: [("file_name".to_string(), file_name.to_string())].into(),
        }
    })
}

/// The app's start-up copy: a [`BackupKind::Daily`] copy unless one was made today already, then
/// only the newest `keep` daily copies are kept (at least one). Other kinds are never removed.
pub async fn daily(store: &Store, keep: usize) -> Result<DailyOutcome> {
    remove_stale_partials(&dir_for(store.path()));
    let today = store.today();
    let made_today = list(store)?.iter().any(|b| b.kind == BackupKind::Daily && b.date() == Some(today));
    let made = if made_today { None } else { Some(create(store, BackupKind::Daily).await?) };
    let mut removed = Vec::new();
    for old in list(store)?.into_iter().filter(|b| b.kind == BackupKind::Daily).skip(keep.max(1)) {
        std::fs::remove_file(&old.path)?;
        removed.push(old.file_name);
    }
    Ok(DailyOutcome { made, removed })
}

/// Removes the temporary files a crash left in `dir` (older than a day, so that a copy being
/// written by another process is not touched).
fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 24 * 3600);
        if name.starts_with(PARTIAL_PREFIX) && name.ends_with(PARTIAL_SUFFIX) && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// How many daily copies are kept (the `backup_keep` setting; [`DEFAULT_KEEP`] when unset).
pub async fn keep(store: &Store) -> Result<usize> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(KEEP_SETTING)
        .fetch_optional(store.pool())
        .await?;
    Ok(value.and_then(|v| v.parse::<usize>().ok()).filter(|n| KEEP_RANGE.contains(n)).unwrap_or(DEFAULT_KEEP))
}

pub async fn set_keep(store: &Store, keep: usize) -> Result<()> {
    if !KEEP_RANGE.contains(&keep) {
        return Err(Error::Refused {
            code: "error.backup_keep_range",
            params: [
                ("min".to_string(), KEEP_RANGE.start().to_string()),
                ("max".to_string(), KEEP_RANGE.end().to_string()),
            ]
            .into(),
        });
    }
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(KEEP_SETTING)
    .bind(keep.to_string())
    .execute(store.pool())
    .await?;
    Ok(())
}

fn invalid(detail: impl ToString) -> Error {
    Error::Refused { code: "error.backup_invalid", params: [("detail".to_string(), detail.to_string())].into() }
}

/// Opens `path` read-only (no migrations, nothing written) and says whether it can be restored: an
/// SQLite file that passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, with this
/// app's first migration applied and no migration this app does not know.
///
/// Refusals: `error.backup_newer_schema` (made by a newer ClusterDesk), `error.backup_invalid`
/// with a `detail` (not a database, not ClusterDesk's, damaged).
pub async fn check(path: &Path) -> Result<BackupCheck> {
    let mut conn = open_read_only(path).await?;
    let result = check_connection(&mut conn, path).await;
    let _ = conn.close().await;
    result
}

async fn open_read_only(path: &Path) -> Result<SqliteConnection> {
    let meta = std::fs::metadata(path).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(invalid(format!("{}: not a file", path.display())));
    }
    let mut header = [0u8; 16];
    let read = {
        use std::io::Read;
        std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut header))
    };
    if read.is_err() || &header != b"SQLite format 3\0" {
        return Err(invalid("not an SQLite database"));
    }
    SqliteConnectOptions::new().filename(path).read_only(true).create_if_missing(false).connect().await.map_err(invalid)
}

async fn check_connection(conn: &mut SqliteConnection, path: &Path) -> Result<BackupCheck> {
    let rows: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await.map_err(invalid)?;
    if rows.len() != 1 || rows[0] != "ok" {
        let shown: Vec<&str> = rows.iter().take(3).map(String::as_str).collect();
        return Err(invalid(format!("integrity_check: {}", shown.join("; "))));
    }
    let has_migrations: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(invalid)?;
    if !has_migrations {
        return Err(invalid("not a ClusterDesk database (no migrations table)"));
    }
    let applied: Vec<(i64, bool, Vec<u8>)> =
        sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(invalid)?;
    let known: HashMap<i64, &[u8]> = MIGRATOR.iter().map(|m| (m.version, m.checksum.as_ref())).collect();
    let app_schema_version = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    let first = MIGRATOR.iter().map(|m| m.version).min().unwrap_or(0);
    if !applied.iter().any(|(v, ok, _)| *v == first && *ok) {
        return Err(invalid("not a ClusterDesk database (its first migration is missing)"));
    }
    for (version, success, checksum) in &applied {
        match known.get(version) {
            None if *version > app_schema_version => {
                return Err(Error::Refused {
                    code: "error.backup_newer_schema",
                    params: [
                        ("version".to_string(), version.to_string()),
                        ("app_version".to_string(), app_schema_version.to_string()),
                    ]
                    .into(),
                });
            }
            None => return Err(invalid(format!("unknown migration {version}"))),
            Some(expected) if *expected != checksum.as_slice() => {
                return Err(invalid(format!("migration {version} differs from this app's")));
            }
            Some(_) if !success => return Err(invalid(format!("migration {version} did not complete"))),
            Some(_) => {}
        }
    }
    let violations: Vec<(String,)> = sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
        .fetch_all(&mut *conn)
        .await
        .map_err(invalid)?;
    if let Some((table,)) = violations.first() {
        return Err(invalid(format!("foreign_key_check: {} broken reference(s), first in {table}", violations.len())));
    }
    let clusters: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM clusters").fetch_one(&mut *conn).await.map_err(invalid)?;
    let schema_version = applied.iter().map(|(v, _, _)| *v).max().unwrap_or(0);
    Ok(BackupCheck {
        path: path.display().to_string(),
        integrity: rows[0].clone(),
        schema_version,
        app_schema_version,
        needs_migration: schema_version < app_schema_version,
        clusters,
        size_bytes: std::fs::metadata(path)?.len(),
    })
}

/// Replaces the database of `current` by the copy at `from` and returns the store reopened on it.
/// See the module's documentation for the steps and why a crash between any two is safe.
///
/// A refused check changes nothing and leaves `current` open. Once the swap has begun (the
/// pre-restore copy is made), `current` is closed whatever happens next: on an error, open the
/// file again.
pub async fn restore(current: Store, from: &Path) -> Result<Restored> {
    let db_path = current.path().to_path_buf();
    let clock = current.clock();
    let db_dir = db_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();

    // 1–2. Check, copy beside the database, check the copy.
    check(from).await?;
    remove_stale_partials(&db_dir);
    let temp = {
        let mut conn = open_read_only(from).await?;
        let temp = vacuum_connection_into_temp(&mut conn, &db_dir).await;
        let _ = conn.close().await;
        temp?
    };
    let mut check = check(temp.path()).await?;
    check.path = from.display().to_string();

    // 3. The current data, kept.
    let before_restore = create(&current, BackupKind::BeforeRestore).await?;
    // Who restores, and the window's profile, stay with the restored data.
    let staff = current.staff();
    let profile = crate::settings::chosen_staff_name(current.pool()).await?;

    // 4. Close; then the main file alone holds everything, with no journal beside it.
    let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(current.pool()).await;
    current.close().await;
    leave_wal_mode(&db_path).await?;

    // 5. Swap.
    temp.persist(&db_path).map_err(|e| e.error)?;
    sync_dir(&db_dir);

    // 6. Reopen (and migrate an older copy), and record the restore in the restored data.
    let store = Store::open_with_clock(&db_path, clock).await?;
    store.set_staff(&staff);
    let report = RestoreReport { check, before_restore };
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    if let Some(profile) = &profile {
        crate::audit::staff::keep_profile(&mut tx, profile, &at).await?;
    }
    let mut details = serde_json::Map::new();
    details.insert("file".into(), report.check.path.clone().into());
    details.insert("schema_version".into(), report.check.schema_version.into());
    details.insert("clusters".into(), report.check.clusters.into());
    details.insert("before_restore".into(), report.before_restore.file_name.clone().into());
    let summary = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::audit::record_with(&mut tx, crate::audit::AuditAction::Restore, "database", None, &summary, details).await?;
    tx.commit().await?;
    Ok(Restored { store, report })
}

/// Switches the closed database at `db_path` to rollback-journal mode, which SQLite allows only
/// when no other connection has it open, and which checkpoints and deletes its WAL; then removes
/// whatever -wal, -shm or -journal file is left.
async fn leave_wal_mode(db_path: &Path) -> Result<()> {
    // Leaving WAL mode does not wait on the busy timeout: a few tries, for connections of this
    // process that are still finishing their close.
    let mut switched = false;
    for attempt in 0..20 {
        if attempt > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let mut conn = SqliteConnectOptions::new()
            .filename(db_path)
            .create_if_missing(false)
            .busy_timeout(std::time::Duration::from_secs(5))
            .connect()
            .await?;
        let mode = sqlx::query_scalar::<_, String>("PRAGMA journal_mode = DELETE").fetch_one(&mut conn).await;
        let _ = conn.close().await;
        if mode.is_ok_and(|m| m.eq_ignore_ascii_case("delete")) {
            switched = true;
            break;
        }
    }
    if !switched {
        return Err(Error::refused("error.backup_database_busy"));
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = db_path.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(PathBuf::from(side)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, STAMP_FORMAT).unwrap();
        assert_eq!(
            parse_name("db", "db-20261127-140305-manual.sqlite"),
            Some((BackupKind::Manual, at("20261127-140305")))
        );
        assert_eq!(
            parse_name("db", "db-20261127-140305-before-restore-2.sqlite"),
            Some((BackupKind::BeforeRestore, at("20261127-140305")))
        );
        // The names `Store::open` used before this module.
        assert_eq!(
            parse_name("my-db", "my-db-20261127-140305-before-migration-20261127000002.sqlite"),
            Some((BackupKind::BeforeMigration, at("20261127-140305")))
        );
        assert_eq!(parse_name("db", "other-20261127-140305-manual.sqlite"), None);
        assert_eq!(parse_name("db", "db-20261127-140305-manually.sqlite"), None);
        assert_eq!(parse_name("db", "db-2026112-140305-manual.sqlite"), None);
        assert_eq!(parse_name("db", ".clusterdesk-backup-x.partial"), None);
    }
}
