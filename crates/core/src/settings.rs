//! Preferences kept in the database, beside the data they apply to.

use sqlx::{SqliteConnection, SqlitePool};

use crate::Result;
use crate::i18n::Lang;

const LANGUAGE: &str = "language";

pub async fn language(pool: &SqlitePool) -> Result<Lang> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(LANGUAGE).fetch_optional(pool).await?;
    Ok(value.as_deref().and_then(Lang::parse).unwrap_or_default())
}

pub async fn set_language(pool: &SqlitePool, lang: Lang) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(LANGUAGE)
    .bind(lang.code())
    .execute(pool)
    .await?;
    Ok(())
}

/// What the window needs to know before anything else.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppStatus {
    pub db_path: String,
    /// No database file yet: the window offers demo data or an empty start.
    pub needs_setup: bool,
    pub language: Lang,
    pub version: String,
    /// The staff profile the window writes as; `None` until one is chosen.
    pub staff_name: Option<String>,
    /// What is recorded while no profile is chosen (the laptop's user name); the first-start
    /// screen offers it as the name.
    pub staff_default: String,
    /// The app's clock now (UTC, RFC 3339, milliseconds): the window's clock follows it, so that
    /// the window and the core agree on "today" (and a test can start both at a chosen moment).
    pub now: String,
}

/// One stored preference, `None` when never set.
pub(crate) async fn get(conn: &mut sqlx::SqliteConnection, key: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(key).fetch_optional(&mut *conn).await?)
}

pub(crate) async fn set(conn: &mut sqlx::SqliteConnection, key: &str, value: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const STAFF_NAME: &str = "staff_name";

/// Who is working, as recorded in histories: the window's staff profile, else the laptop's user
/// name (see [`crate::audit::staff`]).
pub async fn staff_name(pool: &SqlitePool) -> Result<String> {
    Ok(chosen_staff_name(pool).await?.unwrap_or_else(crate::audit::staff::os_user))
}

/// The staff profile chosen in the window, if any.
pub async fn chosen_staff_name(pool: &SqlitePool) -> Result<Option<String>> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(STAFF_NAME).fetch_optional(pool).await?;
    Ok(value.filter(|v| !v.trim().is_empty()))
}

pub(crate) async fn set_staff_name(conn: &mut SqliteConnection, name: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(STAFF_NAME)
    .bind(name)
    .execute(conn)
    .await?;
    Ok(())
}
