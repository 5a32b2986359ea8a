//! The SQLite store: one file, WAL, foreign keys on, migrations at start-up.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::Result;
use crate::clock::{At, Clock};

/// The app's identifier: the data folder is `<data dir>/<IDENTIFIER>`, where Tauri puts it too.
pub const IDENTIFIER: &str = "ro.clustero.clusterdesk";
pub const DB_FILE_NAME: &str = "clusterdesk.sqlite";

pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");

/// Where the database lives when nothing says otherwise (on Linux under `$XDG_DATA_HOME`).
pub fn default_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(IDENTIFIER).join(DB_FILE_NAME)
}

#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// Who this process writes as, recorded by the audit log (shared by every clone).
    staff: Arc<RwLock<String>>,
    /// Where every "now" and "today" of this store comes from.
    clock: Clock,
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`. When migrations are about
    /// to change a database that already has a schema, a copy is made first in `backups/` beside it
    /// ([`crate::backup::BackupKind::BeforeMigration`]). The clock is the system's, or the moment
    /// `CLUSTERDESK_NOW` names ([`Clock::from_env`]).
    pub async fn open(path: &Path) -> Result<Store> {
        Store::open_with_clock(path, Clock::from_env()?).await
    }

    /// [`Store::open`] with a given clock (tests that happen at a chosen moment).
    pub async fn open_with_clock(path: &Path, clock: Clock) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a save the UI has shown survives a power cut, not only a crash of the app.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        let store = Store {
            pool,
            path: path.to_path_buf(),
            staff: Arc::new(RwLock::new(crate::audit::staff::os_user())),
            clock,
        };
        // The common case, every start of the app and the CLI: a database this build has opened
        // before. Three reads on one connection tell that nothing is to do: the migrator (several
        // statements and a check of every migration), the default framework and the audit
        // triggers' generator are not needed.
        let (schema, ready) = store
            .with_connection(async |conn| {
                let schema = Store::schema(conn).await?;
                let ready = matches!(schema, Schema::Current)
                    && crate::assessments::framework::has_default(conn).await?
                    && crate::audit::triggers::up_to_date(conn).await?;
                Ok((schema, ready))
            })
            .await?;
        if ready {
            return Ok(store);
        }
        match schema {
            Schema::Current => {}
            Schema::Other => MIGRATOR.run(&store.pool).await?,
            Schema::Pending => {
                crate::backup::create(&store, crate::backup::BackupKind::BeforeMigration).await?;
                // A migration must not find audit triggers on the tables it rebuilds, nor be audited.
                crate::audit::triggers::drop_all(&store.pool).await?;
                MIGRATOR.run(&store.pool).await?;
            }
        }
        crate::assessments::framework::ensure_default(&store).await?;
        crate::audit::triggers::ensure(&store.pool).await?;
        Ok(store)
    }

    /// Runs `f` on one connection of the pool, and gives the connection back before returning.
    /// Dropping it would give it back in a task of its own, which on a single-threaded runtime
    /// (the CLI's) runs only after the next query has found the pool empty and opened another
    /// connection, for which SQLite parses the whole schema (with its audit triggers) again.
    pub async fn with_connection<T>(&self, f: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>) -> Result<T> {
        let mut conn = self.pool.acquire().await?;
        let result = f(&mut conn).await;
        conn.return_to_pool().await;
        result
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A write transaction that takes the write lock at once, so that read-then-write checks (such
    /// as the duplicate CUI check) cannot be overtaken by another writer.
    ///
    /// The transaction first names its author and its moment for the audit triggers: the write
    /// lock is held from here to the commit, so no other writer (another process on the same file
    /// included) can change them in between.
    pub async fn write(&self) -> Result<Transaction<'static, Sqlite>> {
        self.write_at(&self.at()).await
    }

    /// [`Store::write`] for a change that happens at `at` (the caller's moment for its rows).
    pub async fn write_at(&self, at: &At) -> Result<Transaction<'static, Sqlite>> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        crate::audit::set_actor(&mut tx, &self.staff(), &at.stamp).await?;
        Ok(tx)
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Now, as a write records it ([`Clock::at`]).
    pub fn at(&self) -> At {
        self.clock.at()
    }

    /// Today in Bucharest ([`crate::clock`] says why).
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// This year, in Bucharest.
    pub fn year(&self) -> i64 {
        self.clock.year()
    }

    /// The same database seen at another moment (the clones share the pool and the staff name).
    pub fn with_clock(&self, clock: Clock) -> Store {
        Store { clock, ..self.clone() }
    }

    /// The staff profile this process writes as.
    pub fn staff(&self) -> String {
        self.staff.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Changes who this process (every clone of this store) writes as; an empty name falls back
    /// to the laptop's user name.
    pub fn set_staff(&self, name: &str) {
        let name = crate::text::tidy(name);
        let name = if name.is_empty() { crate::audit::staff::os_user() } else { name };
        *self.staff.write().unwrap_or_else(|e| e.into_inner()) = name;
    }

    /// Closes the pool, waiting for the connections in use to be given back. Every clone of this
    /// store shares the pool, and is closed too.
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// What the migrations would do to the file ([`Schema`]).
    async fn schema(conn: &mut SqliteConnection) -> Result<Schema> {
        let has_schema: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
        )
        .fetch_one(&mut *conn)
        .await?;
        if !has_schema {
            return Ok(Schema::Other);
        }
        let applied: Vec<(i64, bool, Vec<u8>)> =
            sqlx::query_as("SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version")
                .fetch_all(&mut *conn)
                .await?;
        let known: Vec<_> = MIGRATOR.iter().filter(|m| !m.migration_type.is_down_migration()).collect();
        let current = applied.len() == known.len()
            && applied.iter().zip(&known).all(|((version, success, checksum), m)| {
                *success && *version == m.version && checksum.as_slice() == &*m.checksum
            });
        let pending = known.iter().any(|m| !applied.iter().any(|(version, success, _)| *success && *version == m.version));
        Ok(if current {
            Schema::Current
        } else if pending {
            Schema::Pending
        } else {
            Schema::Other
        })
    }
}

/// A database's schema against this build's migrations.
enum Schema {
    /// Exactly this build's migrations, each applied with the same checksum: nothing to run.
    Current,
    /// Migrations to apply to a file that has a schema (and data).
    Pending,
    /// A new file, or what the migrator refuses (a failed or changed migration, a newer build's).
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn opens_with_wal_and_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a").join("db.sqlite")).await.unwrap();
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(store.pool()).await.unwrap();
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(store.pool()).await.unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(fk, 1);
    }

    #[tokio::test]
    async fn backs_up_before_a_pending_migration_on_an_existing_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).await.unwrap();
        // Pretend the latest migration has not run yet.
        let latest = MIGRATOR.iter().map(|m| m.version).max().unwrap();
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = ?").bind(latest).execute(store.pool()).await.unwrap();
        store.close().await;
        // Re-running the migration would fail on existing tables; the copy is made before that.
        let _ = Store::open(&path).await;
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().collect();
        assert_eq!(backups.len(), 1);
    }

    /// The quick check at open skips the migrator only when nothing differs: a migration changed
    /// since it was applied is still refused, as the migrator refuses it.
    #[tokio::test]
    async fn a_changed_migration_is_still_refused_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let store = Store::open(&path).await.unwrap();
        store.close().await;
        Store::open(&path).await.expect("an up-to-date database opens").close().await;
        let store = Store::open(&path).await.unwrap();
        sqlx::query("UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = (SELECT MIN(version) FROM _sqlx_migrations)")
            .execute(store.pool())
            .await
            .unwrap();
        store.close().await;
        assert!(Store::open(&path).await.is_err());
        assert!(!dir.path().join("backups").exists(), "nothing to migrate, so no copy");
    }

    #[tokio::test]
    async fn no_backup_for_a_new_database() {
        let dir = tempfile::tempdir().unwrap();
        Store::open(&dir.path().join("db.sqlite")).await.unwrap();
        assert!(!dir.path().join("backups").exists());
    }
}
