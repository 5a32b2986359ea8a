//! The audit log: every create, update, archive, delete, import and restore, with when, which staff
//! profile, which record and what changed.
//!
//! # How rows get there
//!
//! Row changes are recorded by SQLite triggers (AFTER INSERT / UPDATE / DELETE) that [`triggers`]
//! generates at [`crate::Store::open`] from the live schema, for every table except a short
//! deny-list (the log itself, sqlx's table, search indexes, settings, counters). So a table that
//! a later migration adds is audited with no code of its own, and no write path can forget to
//! log: the database does it inside the same transaction, or not at all. Each trigger stores the
//! whole row before and after as JSON; an UPDATE that changes no column (bookkeeping columns
//! such as `updated_at` and `sort_*` aside) writes nothing. An update that sets `archived_at` is an
//! [`AuditAction::Archive`], one that clears it an [`AuditAction::Unarchive`].
//!
//! Who made the change is the one row of `audit_actor`, which [`crate::Store::write`] sets at the
//! start of every write transaction from the store's staff profile ([`staff`]). The write lock is
//! held from `BEGIN IMMEDIATE` to the commit, so the row belongs to this transaction even when the
//! app and the CLI write the same file, each under its own name (a settings row read by the
//! trigger would name the app's profile for the CLI's writes).
//!
//! What is not a row change — a restore, an import, an export or an erasure of personal data — is
//! written by [`record`].

pub mod read;
pub mod staff;
pub(crate) mod triggers;

use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use crate::Result;
use crate::code_enum::code_enum;

pub use read::{AuditEntry, AuditFieldChange, AuditPage, AuditQuery, entries, history};

code_enum! {
    /// What happened to a record.
    AuditAction {
        Create = "create",
        Update = "update",
        /// `archived_at` was set.
        Archive = "archive",
        /// `archived_at` was cleared: brought back from the archive.
        Unarchive = "unarchive",
        Delete = "delete",
        Import = "import",
        /// The database was replaced by a backup.
        Restore = "restore",
        /// Personal data was exported.
        Export = "export",
        /// Personal data was erased.
        Erase = "erase",
    }
}

/// Names the author and the moment (from the store's clock) of the current write transaction for
/// the triggers and [`record`].
pub(crate) async fn set_actor(conn: &mut SqliteConnection, staff: &str, at: &str) -> Result<()> {
    sqlx::query("UPDATE audit_actor SET staff = ?1, at = ?2 WHERE id = 1").bind(staff).bind(at).execute(conn).await?;
    Ok(())
}

/// Records an action that is not a row change (an import, a restore, an export or erasure of
/// personal data) in the caller's write transaction, under the transaction's author. `entity` is
/// the table concerned (`"database"` for the whole file), `summary` a short human text shown as
/// the entry's label.
pub async fn record(
    tx: &mut SqliteConnection,
    action: AuditAction,
    entity: &str,
    id: Option<i64>,
    summary: &str,
) -> Result<()> {
    record_with(tx, action, entity, id, summary, Map::new()).await
}

/// [`record`] with details, shown field by field like a change's "after" values.
pub async fn record_with(
    tx: &mut SqliteConnection,
    action: AuditAction,
    entity: &str,
    id: Option<i64>,
    summary: &str,
    details: Map<String, Value>,
) -> Result<()> {
    let after = if details.is_empty() { None } else { Some(Value::Object(details).to_string()) };
    sqlx::query(
        "INSERT INTO audit_log (at, staff, action, entity, entity_id, label, after) \
         SELECT at, COALESCE(staff, ''), ?, ?, ?, ?, ? FROM audit_actor WHERE id = 1",
    )
    .bind(action.code())
    .bind(entity)
    .bind(id)
    .bind(summary)
    .bind(after)
    .execute(tx)
    .await?;
    Ok(())
}
