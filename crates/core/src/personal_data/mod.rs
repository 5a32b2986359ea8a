//! A contact's personal data, as the GDPR asks: everything the database holds on them, exported
//! (JSON and PDF, [`pdf`]), and their erasure.
//!
//! # What "everything" is
//!
//! The contact's row, then, following the schema's references, every row that points at it and
//! every row that points at those (their participant record, its registrations, attendance,
//! certificates and history…): a table another feature adds with a reference to `contacts` or
//! `participants` is included with no code here. Then their trainings as people read them, and
//! the audit log's entries about them.
//!
//! # Erasure
//!
//! [`erase`] works in one write transaction: the participant record linked to the contact is
//! anonymised (its name replaced, e-mail emptied, the link cut) so that registrations, attendance
//! and certificates — the counts of every training — stay; the contact row is deleted; every
//! exact occurrence of their names, e-mail addresses and phone numbers (today's and any former
//! one the audit log remembers) is replaced in every text column of every table; the audit log's
//! entries about the contact and the participant lose their personal fields, and any other entry
//! mentioning them is scrubbed value by value. Finally the erasure itself is recorded, with no
//! personal data. Backup files made before the erasure still hold the data until they are
//! removed (they are pruned as the settings say).

pub mod pdf;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::triggers::{self, ForeignKey, ident, json_object_expr};
use crate::audit::{self, AuditAction, AuditEntry};
use crate::code_enum::code_enum;
use crate::i18n::Lang;
use crate::store::Store;
use crate::trainings::{self, TrainingRecord};
use crate::{Error, Result, settings};

/// How deep the references are followed from the contact (contact → participant → registration
/// → attendance).
const DEPTH: usize = 4;
/// Shorter values are not searched for across the database (a two-letter name would match inside
/// unrelated words).
const MIN_NEEDLE: usize = 4;
/// Fields of an erased record's audit entries that describe the person.
const PERSONAL_FIELDS: &[&str] = &["name", "email", "phone", "role", "consent_source", "organisation", "sort_name"];

/// Everything the database holds on one contact.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PersonalData {
    /// RFC 3339 UTC.
    pub generated_at: String,
    pub contact_id: i64,
    pub name: String,
    pub cluster_name: String,
    /// Rows by table: the contact's own, then every row that refers to it, directly or not.
    #[ts(type = "Record<string, Array<Record<string, unknown>>>")]
    pub records: BTreeMap<String, Vec<Map<String, Value>>>,
    pub trainings: Vec<TrainingRecord>,
    pub audit_log: Vec<AuditEntry>,
}

/// What [`erase`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErasureReport {
    pub contact_id: i64,
    /// Participant records anonymised (their registrations kept).
    pub participants_anonymised: i64,
    pub registrations_kept: i64,
    /// Rows of other tables in which a name, e-mail or phone was replaced.
    pub rows_scrubbed: i64,
    /// Audit log entries whose personal values were removed.
    pub audit_entries_scrubbed: i64,
}

/// Collects everything on contact `contact_id`.
pub async fn collect(store: &Store, contact_id: i64) -> Result<PersonalData> {
    let mut conn = store.pool().acquire().await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT c.name, k.name FROM contacts c JOIN clusters k ON k.id = c.cluster_id WHERE c.id = ?")
            .bind(contact_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (name, cluster_name) = row.ok_or(Error::NotFound { entity: "contact", id: contact_id })?;
    let records = related_rows(&mut conn, contact_id).await?;
    drop(conn);

    let participant_ids = ids_of(&records, "participants");
    let mut training_rows = Vec::new();
    for id in &participant_ids {
        training_rows.extend(trainings::participant_history(store, *id).await?);
    }
    let mut audit_log = audit::history(store, "contacts", contact_id).await?;
    for id in &participant_ids {
        audit_log.extend(audit::history(store, "participants", *id).await?);
    }
    audit_log.sort_by(|a, b| b.id.cmp(&a.id));
    audit_log.dedup_by_key(|e| e.id);
    Ok(PersonalData {
        generated_at: store.at().stamp,
        contact_id,
        name,
        cluster_name,
        records,
        trainings: training_rows,
        audit_log,
    })
}

code_enum! {
    /// The file a contact's personal data is exported to.
    ExportFormat { Json = "json", Pdf = "pdf" }
}

impl ExportFormat {
    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &std::path::Path) -> Option<ExportFormat> {
        ExportFormat::parse(&path.extension()?.to_str()?.to_ascii_lowercase())
    }
}

/// [`collect`] as a file for the person: pretty-printed UTF-8 JSON, or a PDF in `lang`. Nothing is
/// recorded until the file is written ([`record_export`]).
pub async fn export(store: &Store, contact_id: i64, format: ExportFormat, lang: Lang) -> Result<Vec<u8>> {
    let data = collect(store, contact_id).await?;
    match format {
        ExportFormat::Json => serde_json::to_vec_pretty(&data).map_err(|e| Error::Io(std::io::Error::other(e))),
        ExportFormat::Pdf => pdf::pdf(&data, lang),
    }
}

/// A file name for the export: `date-personale-contact-12.json` (no personal data in the name).
pub fn file_name(contact_id: i64, format: ExportFormat) -> String {
    format!("date-personale-contact-{contact_id}.{}", format.code())
}

/// Records in the audit log that the personal data of `contact_id` was handed out (once the file
/// is written: a cancelled save dialog is not an export).
pub async fn record_export(store: &Store, contact_id: i64, format: ExportFormat) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let mut details = Map::new();
    details.insert("format".into(), format.code().into());
    audit::record_with(&mut tx, AuditAction::Export, "contacts", Some(contact_id), "", details).await?;
    tx.commit().await?;
    Ok(())
}

fn ids_of(records: &BTreeMap<String, Vec<Map<String, Value>>>, table: &str) -> Vec<i64> {
    records.get(table).into_iter().flatten().filter_map(|r| r.get("id").and_then(Value::as_i64)).collect()
}

/// The contact's row and, following single-column references outwards, every row that refers to
/// it (the audit log's own tables excepted: its entries are listed apart).
async fn related_rows(
    conn: &mut SqliteConnection,
    contact_id: i64,
) -> Result<BTreeMap<String, Vec<Map<String, Value>>>> {
    let tables = triggers::read_tables(conn).await?;
    let keys: Vec<ForeignKey> = triggers::read_foreign_keys(conn)
        .await?
        .into_iter()
        .filter(|k| !k.table.starts_with("audit_") && k.table != "contacts")
        .collect();
    let mut out: BTreeMap<String, Vec<Map<String, Value>>> = BTreeMap::new();
    // (table, column) -> the values rows of the next level must refer to.
    let mut frontier: HashMap<String, Vec<Map<String, Value>>> = HashMap::new();
    let contact = rows_where(conn, &tables, "contacts", "id", &[Value::from(contact_id)]).await?;
    frontier.insert("contacts".into(), contact.clone());
    out.insert("contacts".into(), contact);
    for _ in 0..DEPTH {
        let mut next: HashMap<String, Vec<Map<String, Value>>> = HashMap::new();
        for key in &keys {
            let Some(parents) = frontier.get(&key.parent) else { continue };
            let values: Vec<Value> = parents.iter().filter_map(|r| r.get(&key.parent_column).cloned()).collect();
            if values.is_empty() {
                continue;
            }
            let found = rows_where(conn, &tables, &key.table, &key.column, &values).await?;
            let known = out.entry(key.table.clone()).or_default();
            for row in found {
                if !known.contains(&row) {
                    known.push(row.clone());
                    next.entry(key.table.clone()).or_default().push(row);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    out.retain(|_, rows| !rows.is_empty());
    Ok(out)
}

/// Rows of `table` whose `column` is one of `values`, as JSON objects.
async fn rows_where(
    conn: &mut SqliteConnection,
    tables: &BTreeMap<String, (bool, Vec<triggers::Column>)>,
    table: &str,
    column: &str,
    values: &[Value],
) -> Result<Vec<Map<String, Value>>> {
    let Some((_, columns)) = tables.get(table) else { return Ok(Vec::new()) };
    // Identifiers from the schema, values bound.
    let sql = format!(
        "SELECT {} FROM {} AS t WHERE t.{} IN (SELECT value FROM json_each(?))",
        json_object_expr("t", columns),
        ident(table),
        ident(column)
    );
    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(Value::Array(values.to_vec()).to_string())
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| match serde_json::from_str(r) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        })
        .collect())
}

/// Erases contact `contact_id` (see the module's documentation).
pub async fn erase(store: &Store, contact_id: i64) -> Result<ErasureReport> {
    let lang = settings::language(store.pool()).await?;
    let marker = crate::i18n::t(lang, "privacy.erased_name", &[]);
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let contact: Option<(String, String, String)> =
        sqlx::query_as("SELECT name, email, phone FROM contacts WHERE id = ?")
            .bind(contact_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (name, email, phone) = contact.ok_or(Error::NotFound { entity: "contact", id: contact_id })?;
    let participants: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, email FROM participants WHERE contact_id = ?")
            .bind(contact_id)
            .fetch_all(&mut *tx)
            .await?;
    let participant_ids: Vec<i64> = participants.iter().map(|p| p.0).collect();

    // What identifies them: today's values and any former one the log remembers.
    let mut needles: BTreeSet<String> = BTreeSet::new();
    needles.extend([name, email, phone]);
    for (_, n, e) in &participants {
        needles.insert(n.clone());
        needles.insert(e.clone());
    }
    let own = own_entries(&mut tx, contact_id, &participant_ids).await?;
    for (_, _, before, after) in &own {
        for json in [before, after].into_iter().flatten() {
            if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(json) {
                for field in ["name", "email", "phone"] {
                    if let Some(Value::String(v)) = map.get(field) {
                        needles.insert(v.clone());
                    }
                }
            }
        }
    }
    let needles: Vec<String> =
        needles.into_iter().map(|n| n.trim().to_string()).filter(|n| n.chars().count() >= MIN_NEEDLE).collect();

    let registrations_kept: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations WHERE participant_id IN (SELECT value FROM json_each(?))",
    )
    .bind(Value::from(participant_ids.clone()).to_string())
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("UPDATE participants SET contact_id = NULL, name = ?, email = '', sort_name = ? WHERE contact_id = ?")
        .bind(&marker)
        .bind(crate::text::fold(&marker))
        .bind(contact_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM contacts WHERE id = ?").bind(contact_id).execute(&mut *tx).await?;
    let rows_scrubbed = scrub_tables(&mut tx, &needles, &marker).await?;
    let audit_entries_scrubbed = scrub_log(&mut tx, contact_id, &participant_ids, &needles, &marker).await?;

    let mut details = Map::new();
    details.insert("participants_anonymised".into(), participant_ids.len().into());
    details.insert("registrations_kept".into(), registrations_kept.into());
    audit::record_with(&mut tx, AuditAction::Erase, "contacts", Some(contact_id), &marker, details).await?;
    tx.commit().await?;
    Ok(ErasureReport {
        contact_id,
        participants_anonymised: participant_ids.len() as i64,
        registrations_kept,
        rows_scrubbed,
        audit_entries_scrubbed,
    })
}

type OwnEntry = (i64, String, Option<String>, Option<String>);

/// The audit entries about the contact and their participant records.
async fn own_entries(conn: &mut SqliteConnection, contact_id: i64, participants: &[i64]) -> Result<Vec<OwnEntry>> {
    Ok(sqlx::query_as(
        "SELECT id, label, before, after FROM audit_log \
         WHERE (entity = 'contacts' AND entity_id = ?1) OR (parent_entity = 'contacts' AND parent_id = ?1) \
            OR (entity = 'participants' AND entity_id IN (SELECT value FROM json_each(?2)))",
    )
    .bind(contact_id)
    .bind(Value::from(participants.to_vec()).to_string())
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces every exact occurrence of the needles in every text column of every table (the audit
/// log apart, handled by [`scrub_log`]). Returns the rows changed.
async fn scrub_tables(conn: &mut SqliteConnection, needles: &[String], marker: &str) -> Result<i64> {
    let mut changed = 0;
    for (table, (_, columns)) in triggers::read_tables(conn).await? {
        if table.starts_with("audit_") || table.starts_with("_sqlx") {
            continue;
        }
        for column in columns.iter().filter(|c| c.decl_type.contains("TEXT") || c.decl_type.is_empty()) {
            for needle in needles {
                // Identifiers from the schema, values bound.
                let sql = format!(
                    "UPDATE {t} SET {c} = replace({c}, ?1, ?2) WHERE typeof({c}) = 'text' AND instr({c}, ?1) > 0",
                    t = ident(&table),
                    c = ident(&column.name)
                );
                let done = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(needle).bind(marker).execute(&mut *conn).await?;
                changed += done.rows_affected() as i64;
            }
        }
    }
    Ok(changed)
}

/// Removes the person from the audit log: the personal fields of the entries about them, and
/// every value or label elsewhere that contains one of the needles.
async fn scrub_log(
    conn: &mut SqliteConnection,
    contact_id: i64,
    participants: &[i64],
    needles: &[String],
    marker: &str,
) -> Result<i64> {
    let mut entries: BTreeMap<i64, (String, Option<String>, Option<String>, bool)> = BTreeMap::new();
    for (id, label, before, after) in own_entries(conn, contact_id, participants).await? {
        entries.insert(id, (label, before, after, true));
    }
    for needle in needles {
        // As typed, and as it reads inside a JSON string.
        let escaped = serde_json::to_string(needle).unwrap_or_default();
        let escaped = escaped.trim_matches('"').to_string();
        let rows: Vec<OwnEntry> = sqlx::query_as(
            "SELECT id, label, before, after FROM audit_log WHERE instr(label, ?1) > 0 OR instr(before, ?1) > 0 \
             OR instr(after, ?1) > 0 OR instr(before, ?2) > 0 OR instr(after, ?2) > 0",
        )
        .bind(needle)
        .bind(&escaped)
        .fetch_all(&mut *conn)
        .await?;
        for (id, label, before, after) in rows {
            entries.entry(id).or_insert((label, before, after, false));
        }
    }
    let scrub_text = |text: &str| needles.iter().fold(text.to_string(), |t, n| t.replace(n.as_str(), marker));
    let scrub_json = |json: &Option<String>, own: bool| -> Option<String> {
        let json = json.as_ref()?;
        let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(json) else { return Some(scrub_text(json)) };
        for (field, value) in map.iter_mut() {
            if let Value::String(s) = value {
                *s = if own && PERSONAL_FIELDS.contains(&field.as_str()) && !s.is_empty() {
                    marker.to_string()
                } else {
                    scrub_text(s)
                };
            }
        }
        Some(Value::Object(map).to_string())
    };
    for (id, (label, before, after, own)) in &entries {
        let label = if *own && !label.is_empty() { marker.to_string() } else { scrub_text(label) };
        sqlx::query("UPDATE audit_log SET label = ?, before = ?, after = ? WHERE id = ?")
            .bind(label)
            .bind(scrub_json(before, *own))
            .bind(scrub_json(after, *own))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(entries.len() as i64)
}

#[cfg(test)]
mod tests;
