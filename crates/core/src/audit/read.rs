//! Reading the audit log: the filtered, sorted, paged list of the audit view and the CLI, and one
//! record's history. Changes are returned field by field, already compared.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::{QueryBuilder, Row, Sqlite};
use ts_rs::TS;

use super::AuditAction;
use super::triggers::is_bookkeeping_column;
use crate::code_enum::code_enum;
use crate::store::Store;
use crate::{Error, Result, validation};

/// Rows per page when the query does not say.
pub const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 10_000;

code_enum! {
    AuditSort { At = "at", Staff = "staff", Entity = "entity", Action = "action" }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro
impl Default for AuditSort {
    fn default() -> Self {
        AuditSort::At
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AuditQuery {
    /// First and last day included, `YYYY-MM-DD` (UTC days, as stamped).
    pub since: Option<String>,
    pub until: Option<String>,
    pub staff: Option<String>,
    /// A table name (`clusters`, `contacts`…), or `database` for restores.
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    pub action: Option<AuditAction>,
    /// Matched in the label, the staff name and the values before and after.
    pub search: String,
    pub sort: AuditSort,
    /// Newest first unless false; for the other sorts, Z to A when true.
    pub descending: bool,
    pub offset: i64,
    /// 0 means [`DEFAULT_LIMIT`].
    pub limit: i64,
}

/// One field of a change. Values are shown as stored: text, numbers, `null` as `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditFieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339 UTC.
    pub at: String,
    pub staff: String,
    pub action: AuditAction,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub parent_entity: Option<String>,
    pub parent_id: Option<i64>,
    pub label: String,
    /// For an update, only the fields that changed; for a create or a delete, every field with a
    /// value; for a restore or an import, its details.
    pub changes: Vec<AuditFieldChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    /// Every entry the filters select, not only this page's.
    pub total: i64,
    pub rows: Vec<AuditEntry>,
    /// For the filters: every staff name and entity in the log.
    pub staff_names: Vec<String>,
    pub entities: Vec<String>,
}

/// The entries `query` selects, one page of them.
pub async fn entries(store: &Store, query: &AuditQuery) -> Result<AuditPage> {
    // The days are Bucharest days; the log's stamps are UTC: compare with the days' first instants.
    let since = clean_date("since", query.since.as_deref())?.map(day_start);
    let until = clean_date("until", query.until.as_deref())?.and_then(|d| d.succ_opt()).map(day_start);
    let filter = |qb: &mut QueryBuilder<Sqlite>| {
        qb.push(" WHERE 1 = 1");
        if let Some(since) = &since {
            qb.push(" AND at >= ").push_bind(since.clone());
        }
        if let Some(until) = &until {
            qb.push(" AND at < ").push_bind(until.clone());
        }
        if let Some(staff) = query.staff.as_deref().filter(|s| !s.is_empty()) {
            qb.push(" AND staff = ").push_bind(staff.to_string());
        }
        if let Some(entity) = query.entity.as_deref().filter(|s| !s.is_empty()) {
            qb.push(" AND (entity = ").push_bind(entity.to_string());
            if let Some(id) = query.entity_id {
                qb.push(" AND entity_id = ").push_bind(id);
                qb.push(" OR parent_entity = ").push_bind(entity.to_string());
                qb.push(" AND parent_id = ").push_bind(id);
            }
            qb.push(")");
        }
        if let Some(action) = query.action {
            qb.push(" AND action = ").push_bind(action.code());
        }
        let search = query.search.trim();
        if !search.is_empty() {
            let pattern = crate::list_filter::like_pattern(search);
            qb.push(" AND (label LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
            qb.push(" OR staff LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
            qb.push(" OR before LIKE ").push_bind(pattern.clone()).push(" ESCAPE '\\'");
            qb.push(" OR after LIKE ").push_bind(pattern).push(" ESCAPE '\\')");
        }
    };

    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM audit_log");
    filter(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(store.pool()).await?;

    let mut select = QueryBuilder::<Sqlite>::new(SELECT_ENTRY);
    filter(&mut select);
    // Constants of this code only.
    let column = match query.sort {
        AuditSort::At => "id",
        AuditSort::Staff => "staff",
        AuditSort::Entity => "entity",
        AuditSort::Action => "action",
    };
    let newest_first = match query.sort {
        AuditSort::At => !query.descending,
        _ => query.descending,
    };
    let direction = if newest_first { "DESC" } else { "ASC" };
    select.push(format_args!(" ORDER BY {column} {direction}, id DESC LIMIT "));
    let limit = if query.limit <= 0 { DEFAULT_LIMIT } else { query.limit.min(MAX_LIMIT) };
    select.push_bind(limit).push(" OFFSET ").push_bind(query.offset.max(0));
    let rows = select.build().fetch_all(store.pool()).await?;
    let rows = rows.iter().map(entry_of).collect::<Result<Vec<_>>>()?;

    let staff_names =
        sqlx::query_scalar("SELECT DISTINCT staff FROM audit_log ORDER BY staff").fetch_all(store.pool()).await?;
    let entities =
        sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity").fetch_all(store.pool()).await?;
    Ok(AuditPage { total, rows, staff_names, entities })
}

/// One record's history, newest first: its own changes and those of the records that belong to
/// it (a cluster's contacts, organisations, sectors, fees…).
pub async fn history(store: &Store, entity: &str, id: i64) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT_ENTRY} WHERE (entity = ?1 AND entity_id = ?2) OR (parent_entity = ?1 AND parent_id = ?2) ORDER BY id DESC LIMIT 1000"
    )))
    .bind(entity)
    .bind(id)
    .fetch_all(store.pool())
    .await?;
    rows.iter().map(entry_of).collect()
}

const SELECT_ENTRY: &str =
    "SELECT id, at, staff, action, entity, entity_id, parent_entity, parent_id, label, before, after FROM audit_log";

/// The stamp of the first instant of a Bucharest day.
fn day_start(day: NaiveDate) -> String {
    crate::clock::stamp(crate::clock::local_to_utc(day.and_time(NaiveTime::MIN)))
}

fn clean_date(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => match validation::date(v) {
            Ok(d) => Ok(Some(d)),
            Err(mut e) => {
                e.field = field.to_string();
                Err(Error::Invalid(vec![e]))
            }
        },
    }
}

fn entry_of(row: &sqlx::sqlite::SqliteRow) -> Result<AuditEntry> {
    let before: Option<String> = row.try_get("before")?;
    let after: Option<String> = row.try_get("after")?;
    Ok(AuditEntry {
        id: row.try_get("id")?,
        at: row.try_get("at")?,
        staff: row.try_get("staff")?,
        action: row.try_get("action")?,
        entity: row.try_get("entity")?,
        entity_id: row.try_get("entity_id")?,
        parent_entity: row.try_get("parent_entity")?,
        parent_id: row.try_get("parent_id")?,
        label: row.try_get("label")?,
        changes: changes(before.as_deref(), after.as_deref()),
    })
}

fn object(json: Option<&str>) -> Option<Map<String, Value>> {
    match serde_json::from_str(json?) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

fn shown(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// The fields that differ between two JSON rows, by name; bookkeeping columns
/// are left out of an update (they change with every save).
pub(crate) fn changes(before: Option<&str>, after: Option<&str>) -> Vec<AuditFieldChange> {
    let (before, after) = (object(before), object(after));
    let update = before.is_some() && after.is_some();
    let fields: Vec<&String> = after.iter().chain(before.iter()).flat_map(|m| m.keys()).collect();
    let mut seen = std::collections::HashSet::new();
    fields
        .into_iter()
        .filter(|f| seen.insert(f.as_str()))
        .filter(|f| !(update && is_bookkeeping_column(f)))
        .filter_map(|field| {
            let b = shown(before.as_ref().and_then(|m| m.get(field)));
            let a = shown(after.as_ref().and_then(|m| m.get(field)));
            (b != a).then(|| AuditFieldChange { field: field.clone(), before: b, after: a })
        })
        .collect()
}
