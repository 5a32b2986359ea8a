//! The audit triggers, generated from the live schema.
//!
//! [`ensure`] runs at every open, after the migrations. Its fast path is two one-row reads:
//! `PRAGMA schema_version` (which SQLite changes on every schema change) against the version the
//! triggers were made for, and the generator's version. Only when one differs is the schema read
//! (one query over `pragma_table_list` / `pragma_table_info`, one over `pragma_foreign_key_list`),
//! the SQL generated, and — when its hash differs from the stored one — the triggers dropped and
//! created again, in one `BEGIN IMMEDIATE` transaction, so that two processes opening the file at
//! once do it once. Before pending migrations run, [`drop_all`] removes the triggers: a migration
//! that rebuilds a table must not trip on them, and its own data changes are not staff actions.
//!
//! Every identifier and literal in the generated SQL comes from the schema itself, never from
//! user input; identifiers are quoted.

use std::collections::BTreeMap;
use std::fmt::Write;

use sqlx::{Row, SqliteConnection, SqlitePool};

use crate::Result;

/// Bump when the generated SQL changes shape, so that existing databases get the new triggers.
const GENERATOR: &str = "g3";

/// Tables that are not records: the log's own tables, sqlx's, preferences, reference data loaded
/// by migrations, and counters.
const DENY: &[&str] =
    &["audit_log", "audit_actor", "audit_schema", "_sqlx_migrations", "settings", "staff_profiles", "counties"];
/// Table name endings that mark derived data (caches, counters, search indexes) rather than
/// records; a table named so is not audited.
const DENY_SUFFIXES: &[&str] = &["_cache", "_counters", "_search", "_fts"];
/// Columns that change with every save, or that triggers derive from other tables (a cluster's
/// member counts follow its organisations), without being a change of the record: an UPDATE
/// that changes only these is not logged.
pub(crate) fn is_bookkeeping_column(column: &str) -> bool {
    column == "updated_at" || column.starts_with("sort_") || column.starts_with("members_")
}
/// The columns that name a record, in order of preference: its label in the log.
const LABEL_COLUMNS: &[&str] = &["name", "title_ro", "title", "number"];
const TRIGGER_PREFIX: &str = "audit_";

#[derive(Debug, Default)]
struct Table {
    without_rowid: bool,
    columns: Vec<Column>,
    /// The record this one belongs to: (column here, parent table, parent column).
    parent: Option<(String, String, String)>,
}

impl Table {
    fn has(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c.name == column)
    }

    fn label_column(&self) -> Option<&'static str> {
        LABEL_COLUMNS.iter().copied().find(|c| self.has(c))
    }
}

/// Makes sure the triggers match the current schema (see the module's documentation).
pub(crate) async fn ensure(pool: &SqlitePool) -> Result<()> {
    let mut conn = pool.acquire().await?;
    if up_to_date(&mut conn).await? {
        return Ok(());
    }
    drop(conn);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if up_to_date(&mut tx).await? {
        return Ok(());
    }
    let tables = read_schema(&mut tx).await?;
    let sql = generate(&tables);
    let hash = format!("{GENERATOR}:{:016x}", fnv1a(sql.as_bytes()));
    let stored: Option<String> =
        sqlx::query_scalar("SELECT sql_hash FROM audit_schema WHERE id = 1").fetch_optional(&mut *tx).await?;
    if stored.as_deref() != Some(hash.as_str()) || trigger_names(&mut tx).await?.is_empty() {
        drop_in(&mut tx).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
    }
    let version: i64 = sqlx::query_scalar("PRAGMA schema_version").fetch_one(&mut *tx).await?;
    sqlx::query(
        "INSERT INTO audit_schema (id, schema_version, sql_hash) VALUES (1, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET schema_version = excluded.schema_version, sql_hash = excluded.sql_hash",
    )
    .bind(version)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the triggers were made for the current schema by this generator (two one-row reads).
pub(crate) async fn up_to_date(conn: &mut SqliteConnection) -> Result<bool> {
    let version: i64 = sqlx::query_scalar("PRAGMA schema_version").fetch_one(&mut *conn).await?;
    let stored: Option<(i64, String)> =
        sqlx::query_as("SELECT schema_version, sql_hash FROM audit_schema WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(stored.is_some_and(|(v, hash)| v == version && hash.starts_with(&format!("{GENERATOR}:"))))
}

/// Removes every audit trigger (before migrations run).
pub(crate) async fn drop_all(pool: &SqlitePool) -> Result<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    drop_in(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn trigger_names(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'trigger' AND substr(name, 1, length(?1)) = ?1")
        .bind(TRIGGER_PREFIX)
        .fetch_all(&mut *conn)
        .await?)
}

async fn drop_in(conn: &mut SqliteConnection) -> Result<()> {
    for name in trigger_names(conn).await? {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER IF EXISTS {}", ident(&name))))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Whether a table of the schema is audited.
pub(crate) fn is_audited(table: &str) -> bool {
    !DENY.contains(&table) && !table.starts_with("sqlite_") && !DENY_SUFFIXES.iter().any(|s| table.ends_with(s))
}

/// A column of a table, as `pragma_table_info` gives it.
#[derive(Debug, Default, Clone)]
pub(crate) struct Column {
    pub name: String,
    /// Upper case (`TEXT`, `INTEGER`, `BLOB`; empty for an untyped column).
    pub decl_type: String,
    pub pk: i64,
}

/// A single-column reference `table.column -> parent.parent_column`.
#[derive(Debug, Clone)]
pub(crate) struct ForeignKey {
    pub table: String,
    pub column: String,
    pub parent: String,
    pub parent_column: String,
}

/// Every ordinary table of the main schema (no views, virtual tables or their shadow tables) with
/// its columns in order, and whether it is WITHOUT ROWID.
pub(crate) async fn read_tables(conn: &mut SqliteConnection) -> Result<BTreeMap<String, (bool, Vec<Column>)>> {
    let rows = sqlx::query(
        "SELECT l.name AS tbl, l.wr, p.name AS col, p.type AS decl, p.pk \
         FROM pragma_table_list AS l JOIN pragma_table_info(l.name) AS p \
         WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY l.name, p.cid",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut tables: BTreeMap<String, (bool, Vec<Column>)> = BTreeMap::new();
    for row in rows {
        let entry = tables.entry(row.try_get("tbl")?).or_default();
        entry.0 = row.try_get::<i64, _>("wr")? != 0;
        entry.1.push(Column {
            name: row.try_get("col")?,
            decl_type: row.try_get::<String, _>("decl")?.to_ascii_uppercase(),
            pk: row.try_get("pk")?,
        });
    }
    Ok(tables)
}

/// The single-column references of every ordinary table, in the order they were declared
/// (SQLite numbers them backwards).
pub(crate) async fn read_foreign_keys(conn: &mut SqliteConnection) -> Result<Vec<ForeignKey>> {
    let rows = sqlx::query(
        "SELECT l.name AS tbl, f.\"table\" AS parent, f.\"from\" AS col, f.\"to\" AS parent_col, \
                (SELECT COUNT(*) FROM pragma_foreign_key_list(l.name) AS g WHERE g.id = f.id) AS width \
         FROM pragma_table_list AS l JOIN pragma_foreign_key_list(l.name) AS f \
         WHERE l.schema = 'main' AND l.type = 'table' ORDER BY l.name, f.id DESC",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut keys = Vec::new();
    for row in rows {
        if row.try_get::<i64, _>("width")? != 1 {
            continue;
        }
        let parent_column: Option<String> = row.try_get("parent_col")?;
        keys.push(ForeignKey {
            table: row.try_get("tbl")?,
            column: row.try_get("col")?,
            parent: row.try_get("parent")?,
            parent_column: parent_column.unwrap_or_else(|| "id".into()),
        });
    }
    Ok(keys)
}

async fn read_schema(conn: &mut SqliteConnection) -> Result<BTreeMap<String, Table>> {
    let mut tables: BTreeMap<String, Table> = read_tables(conn)
        .await?
        .into_iter()
        .filter(|(name, _)| is_audited(name))
        .map(|(name, (without_rowid, columns))| (name, Table { without_rowid, columns, parent: None }))
        .collect();
    for fk in read_foreign_keys(conn).await? {
        let Some(table) = tables.get_mut(&fk.table) else { continue };
        // A record belongs to another record (not to reference data such as a county), by an
        // integer key.
        let integer = table.columns.iter().any(|c| c.name == fk.column && c.decl_type.contains("INT"));
        if table.parent.is_some() || !integer || !is_audited(&fk.parent) {
            continue;
        }
        table.parent = Some((fk.column, fk.parent, fk.parent_column));
    }
    // A table that names its cluster without a single-column reference (fee payments, whose
    // reference is to the fee year) still belongs to it.
    for table in tables.values_mut() {
        if table.parent.is_none() && table.has("cluster_id") {
            table.parent = Some(("cluster_id".into(), "clusters".into(), "id".into()));
        }
    }
    Ok(tables)
}

/// `json_object('a', row.a, …)` over `columns`; `row` is `NEW`, `OLD` or a table alias. JSON
/// cannot hold a BLOB: its size stands in for it.
pub(crate) fn json_object_expr(row: &str, columns: &[Column]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| {
            let value = format!("{row}.{}", ident(&c.name));
            let value = if c.decl_type.is_empty() || c.decl_type.contains("BLOB") || c.decl_type == "ANY" {
                format!(
                    "CASE WHEN typeof({value}) = 'blob' THEN printf('<%d bytes>', length({value})) ELSE {value} END"
                )
            } else {
                value
            };
            format!("{}, {value}", literal(&c.name))
        })
        .collect();
    format!("json_object({})", pairs.join(", "))
}

fn generate(tables: &BTreeMap<String, Table>) -> String {
    let mut sql = String::new();
    for (name, table) in tables {
        let _ = write!(sql, "{}", table_triggers(name, table, tables));
    }
    sql
}

fn table_triggers(name: &str, table: &Table, tables: &BTreeMap<String, Table>) -> String {
    let t = ident(name);
    let entity = literal(name);
    let id = |row: &str| -> String {
        if !table.without_rowid {
            return format!("{row}.rowid");
        }
        let keys: Vec<&Column> = table.columns.iter().filter(|c| c.pk > 0).collect();
        match keys.as_slice() {
            [only] if only.decl_type.contains("INT") => format!("{row}.{}", ident(&only.name)),
            _ => "NULL".into(),
        }
    };
    let parent = |row: &str| -> (String, String) {
        match &table.parent {
            Some((col, parent, _)) => (literal(parent), format!("{row}.{}", ident(col))),
            None => ("NULL".into(), "NULL".into()),
        }
    };
    let label = |row: &str| -> String {
        if let Some(col) = table.label_column() {
            return format!("COALESCE({row}.{}, '')", ident(col));
        }
        if let Some((col, parent, parent_col)) = &table.parent
            && let Some(parent_label) = tables.get(parent).and_then(Table::label_column)
        {
            return format!(
                "COALESCE((SELECT {} FROM {} WHERE {} = {row}.{}), '')",
                ident(parent_label),
                ident(parent),
                ident(parent_col),
                ident(col)
            );
        }
        "''".into()
    };
    let json = |row: &str| json_object_expr(row, &table.columns);
    let insert = |action: &str, row: &str, before: &str, after: &str| -> String {
        let (parent_entity, parent_id) = parent(row);
        format!(
            "INSERT INTO audit_log (at, staff, action, entity, entity_id, parent_entity, parent_id, label, before, after) \
             VALUES (COALESCE((SELECT at FROM audit_actor WHERE id = 1), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), \
             COALESCE((SELECT staff FROM audit_actor WHERE id = 1), ''), \
             {action}, {entity}, {}, {parent_entity}, {parent_id}, {}, {before}, {after});",
            id(row),
            label(row)
        )
    };

    let mut sql = String::new();
    let _ = writeln!(
        sql,
        "CREATE TRIGGER {} AFTER INSERT ON {t} BEGIN {} END;",
        ident(&format!("{TRIGGER_PREFIX}{name}_insert")),
        insert("'create'", "NEW", "NULL", &json("NEW"))
    );
    let watched: Vec<String> = table
        .columns
        .iter()
        .filter(|c| !is_bookkeeping_column(&c.name))
        .map(|c| format!("OLD.{0} IS NOT NEW.{0}", ident(&c.name)))
        .collect();
    if !watched.is_empty() {
        let action = if table.has("archived_at") {
            "CASE WHEN OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL THEN 'archive' \
             WHEN OLD.archived_at IS NOT NULL AND NEW.archived_at IS NULL THEN 'unarchive' ELSE 'update' END"
        } else {
            "'update'"
        };
        let _ = writeln!(
            sql,
            "CREATE TRIGGER {} AFTER UPDATE ON {t} WHEN {} BEGIN {} END;",
            ident(&format!("{TRIGGER_PREFIX}{name}_update")),
            watched.join(" OR "),
            insert(action, "NEW", &json("OLD"), &json("NEW"))
        );
    }
    let _ = writeln!(
        sql,
        "CREATE TRIGGER {} AFTER DELETE ON {t} BEGIN {} END;",
        ident(&format!("{TRIGGER_PREFIX}{name}_delete")),
        insert("'delete'", "OLD", &json("OLD"), "NULL")
    );
    sql
}

pub(crate) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike the standard library's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::is_audited;
    use crate::Store;
    use crate::i18n::{Lang, t};

    /// The audit view names a record's kind by `audit.entity.<table>`: a table added by a later
    /// migration is audited at once, so its name must be in both catalogues too.
    #[tokio::test]
    async fn every_audited_table_has_a_name_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("names.sqlite")).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )
        .fetch_all(store.pool())
        .await
        .unwrap();
        let mut missing = Vec::new();
        for table in tables.iter().filter(|table| is_audited(table) && !table.starts_with("cluster_search")) {
            let key = format!("audit.entity.{table}");
            for lang in [Lang::Ro, Lang::En] {
                if t(lang, &key, &[]) == key {
                    missing.push(format!("{} {key}", lang.code()));
                }
            }
        }
        assert!(missing.is_empty(), "no name for these audited tables: {missing:?}");
    }
}
