//! Staff profiles: who is working, as the audit log and the histories record it.
//!
//! A profile is a name chosen at the first start and switched in the window's header. The known
//! names are kept in `staff_profiles`; the window's current one in the `staff_name` setting, read
//! when the app opens the database ([`apply_saved`]). The CLI writes as `--staff NAME`, else the
//! laptop's user name: it does not borrow the window's profile, since another person may be at
//! the command line.

use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::error::FieldError;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::{Error, Result, settings};

/// The longest profile name accepted.
pub const MAX_NAME: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct StaffProfile {
    pub name: String,
    pub created_at: String,
    pub last_used_at: String,
}

/// What the window shows in its header and in Settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaffProfiles {
    /// The profile the window writes as; `None` until one was chosen (the laptop's user name is
    /// recorded meanwhile, shown as `fallback`).
    pub current: Option<String>,
    pub fallback: String,
    /// Known profiles, the most recently used first.
    pub known: Vec<StaffProfile>,
}

/// The laptop's user name: what is recorded when no profile was chosen.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| tidy(&v))
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "ClusterDesk".to_string())
}

/// Checks and normalises a profile name.
pub fn clean_name(name: &str) -> Result<String> {
    let name = tidy(&comma_below(name));
    if name.is_empty() {
        return Err(Error::Invalid(vec![FieldError::new("staff_name", "required")]));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::Invalid(vec![FieldError::new("staff_name", "too_long").with("max", MAX_NAME)]));
    }
    Ok(name)
}

/// The window's profile as saved in the database, applied to the store (the app does this when it
/// opens the file).
pub async fn apply_saved(store: &Store) -> Result<()> {
    if let Some(name) = settings::chosen_staff_name(store.pool()).await? {
        store.set_staff(&name);
    }
    Ok(())
}

/// Switches the window to the profile `name` (created if new) and makes it the saved one.
pub async fn choose(store: &Store, name: &str) -> Result<StaffProfiles> {
    let name = clean_name(name)?;
    let at = store.at();
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    keep_profile(&mut tx, &name, &at).await?;
    tx.commit().await?;
    store.set_staff(&name);
    profiles(store).await
}

/// Makes `name` a known profile, used now, and the window's saved one.
pub(crate) async fn keep_profile(conn: &mut SqliteConnection, name: &str, at: &At) -> Result<()> {
    let now = at.stamp.clone();
    sqlx::query(
        "INSERT INTO staff_profiles (name, created_at, last_used_at) VALUES (?, ?, ?) \
         ON CONFLICT (name) DO UPDATE SET last_used_at = excluded.last_used_at",
    )
    .bind(name)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    settings::set_staff_name(conn, name).await
}

/// Forgets a profile from the list (what it recorded stays in the log). The current one cannot be
/// removed.
pub async fn forget(store: &Store, name: &str) -> Result<StaffProfiles> {
    if settings::chosen_staff_name(store.pool()).await?.as_deref() == Some(name) {
        return Err(Error::refused("error.staff_forget_current"));
    }
    sqlx::query("DELETE FROM staff_profiles WHERE name = ?").bind(name).execute(store.pool()).await?;
    profiles(store).await
}

pub async fn profiles(store: &Store) -> Result<StaffProfiles> {
    let known = sqlx::query_as::<_, StaffProfile>(
        "SELECT name, created_at, last_used_at FROM staff_profiles ORDER BY last_used_at DESC, name",
    )
    .fetch_all(store.pool())
    .await?;
    Ok(StaffProfiles { current: settings::chosen_staff_name(store.pool()).await?, fallback: os_user(), known })
}
