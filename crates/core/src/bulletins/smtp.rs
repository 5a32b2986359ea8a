//! The association's SMTP server: its settings (in the database) and its password (never in the
//! database: the OS keychain, or where none runs — a headless machine, CI — a file beside the
//! database that only the user can read).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::error::FieldError;
use crate::store::Store;
use crate::text::tidy;
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

code_enum! {
    /// How the connection is secured: STARTTLS on the submission port (587), TLS from the first
    /// byte (465), or none (a relay on the same machine).
    SmtpSecurity { StartTls = "starttls", Tls = "tls", None = "none" }
}

code_enum! {
    /// Where the SMTP password is kept.
    PasswordStore { Keychain = "keychain", File = "file", None = "none" }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SmtpSettings {
    pub host: String,
    pub port: i64,
    pub security: SmtpSecurity,
    pub user: String,
    pub from_name: String,
    pub from_address: String,
    /// A PEM file of a certificate authority to trust besides the system's (a server with a
    /// certificate of the association's own).
    pub ca_file: String,
    /// The pause between two messages, so that the server's rate limits are not hit.
    pub pace_ms: i64,
    /// The first wait after a temporary refusal (4xx); each further one doubles it.
    pub retry_base_s: i64,
    /// Attempts of one message before a temporary refusal counts as a failure.
    pub max_attempts: i64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings {
            host: String::new(),
            port: 587,
            security: SmtpSecurity::StartTls,
            user: String::new(),
            from_name: "CLUSTERO".into(),
            from_address: String::new(),
            ca_file: String::new(),
            pace_ms: 1000,
            retry_base_s: 60,
            max_attempts: 5,
        }
    }
}

/// The settings page: the settings, and where the password is (not the password).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SmtpSettingsView {
    pub settings: SmtpSettings,
    pub password_store: PasswordStore,
}

const KEY: &str = "smtp";
const SERVICE: &str = crate::store::IDENTIFIER;
/// A test aid, like `CLUSTERDESK_NOW`: `file` keeps the password in the file even where a keychain
/// runs, so that tests never touch a developer's keychain.
pub const PASSWORD_STORE_ENV: &str = "CLUSTERDESK_PASSWORD_STORE";

pub async fn smtp_settings(store: &Store) -> Result<SmtpSettings> {
    let value = store.with_connection(async |conn| crate::settings::get(conn, KEY).await).await?;
    Ok(value.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
}

pub async fn smtp_settings_view(store: &Store) -> Result<SmtpSettingsView> {
    Ok(SmtpSettingsView { settings: smtp_settings(store).await?, password_store: password_store(store) })
}

pub async fn save_smtp_settings(store: &Store, input: &SmtpSettings) -> Result<()> {
    let mut problems = Problems::default();
    let s = SmtpSettings {
        host: tidy(&input.host),
        user: input.user.trim().to_string(),
        from_name: tidy(&input.from_name),
        from_address: input.from_address.trim().to_string(),
        ca_file: input.ca_file.trim().to_string(),
        ..input.clone()
    };
    problems.check("host", check::required(&s.host));
    problems.check("host", check::max_len(&s.host, 255));
    problems.check("from_address", check::required(&s.from_address));
    problems.check("from_address", check::email(&s.from_address));
    problems.check("from_name", check::max_len(&s.from_name, 200));
    problems.check("user", check::max_len(&s.user, 255));
    for (field, value, min, max) in [
        ("port", s.port, 1, 65_535),
        ("pace_ms", s.pace_ms, 0, 600_000),
        ("retry_base_s", s.retry_base_s, 0, 86_400),
        ("max_attempts", s.max_attempts, 1, 20),
    ] {
        if !(min..=max).contains(&value) {
            problems.add(FieldError::new(field, "out_of_range").with("min", min).with("max", max));
        }
    }
    problems.into_result()?;
    let json = serde_json::to_string(&s).map_err(|e| Error::Io(e.into()))?;
    let mut tx = store.write().await?;
    crate::settings::set(&mut tx, KEY, &json).await?;
    tx.commit().await?;
    Ok(())
}

fn password_file(store: &Store) -> std::path::PathBuf {
    let mut name = store.path().file_name().unwrap_or_default().to_os_string();
    name.push(".smtp-password");
    store.path().with_file_name(name)
}

fn keychain_entry(store: &Store) -> Option<keyring::Entry> {
    if std::env::var(PASSWORD_STORE_ENV).is_ok_and(|v| v == "file") {
        return None;
    }
    keyring::Entry::new(SERVICE, &format!("smtp:{}", store.path().display())).ok()
}

/// Where the password is now.
pub fn password_store(store: &Store) -> PasswordStore {
    if password_file(store).exists() {
        PasswordStore::File
    } else if keychain_entry(store).is_some_and(|e| e.get_password().is_ok()) {
        PasswordStore::Keychain
    } else {
        PasswordStore::None
    }
}

/// Keeps the password in the keychain when one answers, else in the file; returns which.
pub fn set_smtp_password(store: &Store, password: &str) -> Result<PasswordStore> {
    let file = password_file(store);
    if let Some(entry) = keychain_entry(store)
        && entry.set_password(password).is_ok()
    {
        if file.exists() {
            std::fs::remove_file(&file)?;
        }
        return Ok(PasswordStore::Keychain);
    }
    write_private(&file, password.as_bytes())?;
    Ok(PasswordStore::File)
}

pub(crate) fn smtp_password(store: &Store) -> Result<Option<String>> {
    let file = password_file(store);
    if file.exists() {
        return Ok(Some(std::fs::read_to_string(file)?));
    }
    Ok(keychain_entry(store).and_then(|e| e.get_password().ok()))
}

/// A file only its owner may read, written whole.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}
