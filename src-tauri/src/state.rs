use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::RwLock;

use clusterdesk_core::{Error, Store, UserError, audit, backup, store};
use tokio::sync::Mutex;

/// The database the window works on. It is opened on first use rather than at start-up, so that
/// the window can open on a first run (and offer demo data) or show why a database cannot open.
///
/// A restore closes the store and opens a new one on the restored file, so commands take a clone
/// of the current `Store` (a handle to its pool) for their duration. A command still running on a
/// replaced store gets a "pool closed" error; a command that starts during a restore waits for it.
pub struct AppState {
    pub db_path: PathBuf,
    current: RwLock<Option<Store>>,
    /// Held while the store is opened or replaced.
    switching: Mutex<()>,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        AppState { db_path, current: RwLock::new(None), switching: Mutex::new(()) }
    }

    fn current(&self) -> Option<Store> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn set_current(&self, store: Option<Store>) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = store;
    }

    /// Whether the database file is there yet (a first start offers demo data or an empty start).
    pub fn db_exists(&self) -> bool {
        self.current().is_some() || self.db_path.exists()
    }

    /// The open store, opening (and migrating) the file if needed. Opening a database that was
    /// there already starts the day's backup in the background.
    pub async fn open(&self) -> Result<Store, Error> {
        if let Some(store) = self.current() {
            return Ok(store);
        }
        let _switching = self.switching.lock().await;
        if let Some(store) = self.current() {
            return Ok(store);
        }
        let existed = self.db_path.exists();
        let store = Store::open(&self.db_path).await?;
        audit::staff::apply_saved(&store).await?;
        self.set_current(Some(store.clone()));
        if existed {
            daily_backup(store.clone());
        }
        Ok(store)
    }

    /// The open store for a command; refuses before the first-start choice has created the file.
    pub async fn store(&self) -> Result<Store, UserError> {
        if !self.db_exists() {
            return Err(Error::refused("error.no_database").to_user());
        }
        self.open().await.map_err(|e| e.to_user())
    }

    /// Replaces the database by the checked copy at `from` (see `clusterdesk_core::backup::restore`).
    /// Commands wait meanwhile; afterwards they get the reopened store. When the restore fails
    /// once the old store is closed, the next command opens the file again, which then holds the
    /// old data or the restored data, whole.
    pub async fn restore(&self, from: &std::path::Path) -> Result<backup::RestoreReport, Error> {
        let _switching = self.switching.lock().await;
        let old = match self.current() {
            Some(store) => store,
            None => {
                let store = Store::open(&self.db_path).await?;
                audit::staff::apply_saved(&store).await?;
                store
            }
        };
        self.set_current(None);
        match backup::restore(old.clone(), from).await {
            Ok(restored) => {
                self.set_current(Some(restored.store));
                Ok(restored.report)
            }
            Err(e) => {
                if !old.pool().is_closed() {
                    self.set_current(Some(old));
                }
                Err(e)
            }
        }
    }
}

/// The day's backup, once per day at the first start, off the window's path; the oldest daily
/// copies beyond the `backup_keep` setting are removed.
fn daily_backup(store: Store) {
    tauri::async_runtime::spawn(async move {
        let keep = backup::keep(&store).await.unwrap_or(backup::DEFAULT_KEEP);
        if let Err(e) = backup::daily(&store, keep).await {
            eprintln!("ClusterDesk: the daily backup failed: {e}");
        }
    });
}

/// `--db PATH` on the command line wins, then `CLUSTERDESK_DB`, then the app's data folder.
pub fn db_path_from(args: impl Iterator<Item = String>, env: Option<OsString>) -> PathBuf {
    arg_value(args, "--db")
        .map(PathBuf::from)
        .or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(store::default_db_path)
}

/// The value of `name` on the command line: `name VALUE` or `name=VALUE`.
pub fn arg_value(args: impl Iterator<Item = String>, name: &str) -> Option<String> {
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next();
        } else if let Some(value) = arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_over_the_environment() {
        let args = ["--db", "/tmp/a.sqlite"].map(String::from).into_iter();
        assert_eq!(db_path_from(args, Some("/tmp/b.sqlite".into())), PathBuf::from("/tmp/a.sqlite"));
        assert_eq!(db_path_from(std::iter::empty(), Some("/tmp/b.sqlite".into())), PathBuf::from("/tmp/b.sqlite"));
        assert_eq!(db_path_from(std::iter::empty(), None), store::default_db_path());
        let args = ["--db=/tmp/c.sqlite", "--now", "2027-01-01T00:30"].map(String::from);
        assert_eq!(db_path_from(args.clone().into_iter(), None), PathBuf::from("/tmp/c.sqlite"));
        assert_eq!(arg_value(args.into_iter(), "--now").as_deref(), Some("2027-01-01T00:30"));
    }
}
