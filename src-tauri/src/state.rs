use std::ffi::OsString;
use std::path::PathBuf;

use clusterdesk_core::{Error, Store, UserError, store};
use tokio::sync::OnceCell;

/// The database the window works on. It is opened on first use rather than at start-up, so that
/// the window can open on a first run (and offer demo data) or show why a database cannot open.
pub struct AppState {
    pub db_path: PathBuf,
    store: OnceCell<Store>,
}

impl AppState {
    pub fn new(db_path: PathBuf) -> Self {
        AppState { db_path, store: OnceCell::new() }
    }

    /// Whether the database file is there yet (a first start offers demo data or an empty start).
    pub fn db_exists(&self) -> bool {
        self.store.initialized() || self.db_path.exists()
    }

    /// The open store, opening (and migrating) the file if needed.
    pub async fn open(&self) -> Result<&Store, Error> {
        self.store.get_or_try_init(|| Store::open(&self.db_path)).await
    }

    /// The open store for a command; refuses before the first-start choice has created the file.
    pub async fn store(&self) -> Result<&Store, UserError> {
        if !self.db_exists() {
            return Err(Error::refused("error.no_database").to_user());
        }
        self.open().await.map_err(|e| e.to_user())
    }
}

/// `--db PATH` on the command line wins, then `CLUSTERDESK_DB`, then the app's data folder.
pub fn db_path_from(args: impl Iterator<Item = String>, env: Option<OsString>) -> PathBuf {
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            if let Some(path) = args.next() {
                return PathBuf::from(path);
            }
        } else if let Some(path) = arg.strip_prefix("--db=") {
            return PathBuf::from(path);
        }
    }
    env.filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(store::default_db_path)
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
    }
}
