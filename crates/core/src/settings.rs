//! Preferences kept in the database, beside the data they apply to.

use sqlx::SqlitePool;

use crate::Result;
use crate::i18n::Lang;

const LANGUAGE: &str = "language";

pub async fn language(pool: &SqlitePool) -> Result<Lang> {
    let value: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(LANGUAGE)
        .fetch_optional(pool)
        .await?;
    Ok(value.as_deref().and_then(Lang::parse).unwrap_or_default())
}

pub async fn set_language(pool: &SqlitePool, lang: Lang) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
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
