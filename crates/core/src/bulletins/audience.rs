//! Who a bulletin reaches: ONE query, used for the count on the compose page, the recipients'
//! list and the outbox rows written when the bulletin is queued.
//!
//! The rule under every filter: the contact consented to be contacted, has not unsubscribed, has
//! an address, and belongs to a cluster still on record (an erased contact no longer exists). A
//! person listed under several clusters with one address gets one message.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::model::{Audience, Recipient};
use crate::Result;
use crate::i18n::Lang;
use crate::store::Store;

/// The audience's contacts as `(contact, cluster, cluster name, name, email, language)`, one per
/// address (the lowest contact id), ordered by contact id. Parameters: sectors, regions, statuses,
/// labels (JSON arrays of codes), roles (JSON array of folded words), today (`YYYY-MM-DD`).
pub(crate) const AUDIENCE_SQL: &str = "\
SELECT contact_id, cluster_id, cluster_name, name, email, language FROM (\
 SELECT p.id AS contact_id, k.id AS cluster_id, k.name AS cluster_name, p.name, p.email, p.language, \
  ROW_NUMBER() OVER (PARTITION BY lower(p.email) ORDER BY p.id) AS nth \
 FROM contacts p JOIN clusters k ON k.id = p.cluster_id JOIN counties co ON co.code = k.county \
 WHERE p.consent = 1 AND p.unsubscribed_on IS NULL AND p.email <> '' AND k.archived_at IS NULL \
  AND (json_array_length(?1) = 0 OR EXISTS (SELECT 1 FROM cluster_sectors s \
       WHERE s.cluster_id = k.id AND s.sector IN (SELECT value FROM json_each(?1)))) \
  AND (json_array_length(?2) = 0 OR co.region IN (SELECT value FROM json_each(?2))) \
  AND (json_array_length(?3) = 0 OR k.status IN (SELECT value FROM json_each(?3))) \
  AND (json_array_length(?4) = 0 OR EXISTS (SELECT 1 FROM labels l WHERE l.cluster_id = k.id \
       AND l.awarded_on <= ?6 AND l.valid_until >= ?6 AND l.level IN (SELECT value FROM json_each(?4)))) \
  AND (json_array_length(?5) = 0 OR EXISTS (SELECT 1 FROM json_each(?5) r \
       WHERE instr(lower(p.role), r.value) > 0))\
) WHERE nth = 1";

/// The audience's filters as the six parameters of [`AUDIENCE_SQL`].
pub(crate) fn params(audience: &Audience, today: &str) -> [String; 6] {
    let codes = |codes: Vec<&str>| serde_json::Value::from(codes).to_string();
    let roles: Vec<String> = audience.roles.iter().map(|r| r.trim().to_lowercase()).filter(|r| !r.is_empty()).collect();
    [
        codes(audience.sectors.iter().map(|s| s.code()).collect()),
        codes(audience.regions.iter().map(|r| r.code()).collect()),
        codes(audience.statuses.iter().map(|s| s.code()).collect()),
        codes(audience.labels.iter().map(|l| l.code()).collect()),
        serde_json::Value::from(roles).to_string(),
        today.to_string(),
    ]
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    params: &'q [String; 6],
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments> {
    for p in params {
        query = query.bind(p.as_str());
    }
    query
}

pub(crate) async fn recipients_in(
    conn: &mut SqliteConnection,
    audience: &Audience,
    today: &str,
) -> Result<Vec<Recipient>> {
    let params = params(audience, today);
    let sql = format!("{AUDIENCE_SQL} ORDER BY contact_id");
    let rows = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), &params).fetch_all(&mut *conn).await?;
    Ok(rows.iter().map(recipient).collect())
}

fn recipient(row: &SqliteRow) -> Recipient {
    Recipient {
        contact_id: row.get("contact_id"),
        cluster_id: row.get("cluster_id"),
        cluster_name: row.get("cluster_name"),
        name: row.get("name"),
        email: row.get("email"),
        language: Lang::parse(row.get("language")).unwrap_or_default(),
    }
}

/// Everyone `audience` reaches today.
pub async fn recipients(store: &Store, audience: &Audience) -> Result<Vec<Recipient>> {
    let today = store.today().to_string();
    store.with_connection(async |conn| recipients_in(conn, audience, &today).await).await
}

/// How many people `audience` reaches today (the compose page's count).
pub async fn count(store: &Store, audience: &Audience) -> Result<i64> {
    let params = params(audience, &store.today().to_string());
    let sql = format!("SELECT COUNT(*) FROM ({AUDIENCE_SQL})");
    Ok(bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), &params).fetch_one(store.pool()).await?.get(0))
}
