//! Preferences kept in the database, beside the data they apply to.

use sqlx::SqlitePool;

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

/// Who is working, as recorded in histories: the name chosen in Settings, else the laptop's
/// user name.
pub async fn staff_name(pool: &SqlitePool) -> Result<String> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?").bind(STAFF_NAME).fetch_optional(pool).await?;
    Ok(value
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "ClusterDesk".to_string()))
}
