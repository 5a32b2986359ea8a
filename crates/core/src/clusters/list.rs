use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite};

use super::model::*;
use crate::{Result, cui};
use crate::eligibility::{self, NationalThresholds};
use crate::geo::Region;
use crate::store::Store;
use crate::text::fold;

const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 1000;

const ORG_COUNT: &str = "(SELECT count(*) FROM organisations o WHERE o.cluster_id = c.id)";

/// The cluster list: one page of the records that match `query`, and how many match in all.
///
/// Two steps: the filters and the sort pick the ids of one page, then only those rows get their
/// label, member count and fees computed. At 5,000 clusters that keeps a page well under 10 ms.
pub async fn list(store: &Store, query: &ClusterQuery) -> Result<ClusterPage> {
    let today = store.today().format("%Y-%m-%d").to_string();
    let year = store.year();
    let mut conn = store.pool().acquire().await?;
    let thresholds = match query.eligibility.is_empty() {
        true => NationalThresholds::default(),
        false => eligibility::read_thresholds(&mut conn).await?,
    };

    // No join in the count and the page queries: with the region as a sub-select, SQLite answers
    // them from the clusters' indexes alone.
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM clusters c");
    push_filters(&mut count, query, &today, year, &thresholds);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;

    let limit = match query.limit {
        l if l <= 0 => DEFAULT_LIMIT,
        l => l.min(MAX_LIMIT),
    };
    let mut page = QueryBuilder::<Sqlite>::new(if query.sort == ClusterSort::Members {
        "SELECT c.id FROM clusters c \
         LEFT JOIN (SELECT cluster_id, count(*) AS n FROM organisations GROUP BY cluster_id) members ON members.cluster_id = c.id"
    } else {
        "SELECT c.id FROM clusters c"
    });
    push_filters(&mut page, query, &today, year, &thresholds);
    push_order(&mut page, query, &today, year);
    page.push(" LIMIT ").push_bind(limit).push(" OFFSET ").push_bind(query.offset.max(0));
    let ids: Vec<i64> = page.build_query_scalar().fetch_all(&mut *conn).await?;
    if ids.is_empty() {
        return Ok(ClusterPage { total, rows: Vec::new() });
    }

    let mut rows_query = QueryBuilder::<Sqlite>::new(
        "SELECT c.id, c.name, c.cui, c.city, c.county, k.name AS county_name, k.region, c.email, c.phone, c.status, \
         c.joined_year, c.archived_at IS NOT NULL AS archived, ",
    );
    push_current_label(&mut rows_query, &today);
    rows_query.push(" AS label, ").push(ORG_COUNT).push(" AS org_count, ");
    push_unpaid(&mut rows_query, year);
    rows_query.push(" AS unpaid_bani");
    rows_query.push(" FROM clusters c JOIN counties k ON k.code = c.county WHERE c.id IN (");
    push_ids(&mut rows_query, &ids);
    rows_query.push(")");
    let fetched = rows_query.build().fetch_all(&mut *conn).await?;

    let mut sectors_query =
        QueryBuilder::<Sqlite>::new("SELECT cluster_id, sector FROM cluster_sectors WHERE cluster_id IN (");
    push_ids(&mut sectors_query, &ids);
    sectors_query.push(") ORDER BY cluster_id, sector");
    let mut sectors: HashMap<i64, Vec<Sector>> = HashMap::new();
    for row in sectors_query.build().fetch_all(&mut *conn).await? {
        sectors.entry(row.try_get(0)?).or_default().push(row.try_get(1)?);
    }

    let mut by_id = HashMap::with_capacity(fetched.len());
    for row in fetched {
        let id: i64 = row.try_get("id")?;
        let label: Option<String> = row.try_get("label")?;
        by_id.insert(
            id,
            ClusterRow {
                id,
                name: row.try_get("name")?,
                cui: row.try_get("cui")?,
                city: row.try_get("city")?,
                county: row.try_get("county")?,
                county_name: row.try_get("county_name")?,
                region: row.try_get::<Region, _>("region")?,
                email: row.try_get("email")?,
                phone: row.try_get("phone")?,
                status: row.try_get("status")?,
                sectors: sectors.remove(&id).unwrap_or_default(),
                label: label.as_deref().and_then(LabelLevel::parse),
                org_count: row.try_get("org_count")?,
                unpaid_bani: row.try_get("unpaid_bani")?,
                joined_year: row.try_get("joined_year")?,
                archived: row.try_get("archived")?,
            },
        );
    }
    let rows = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    Ok(ClusterPage { total, rows })
}

/// Every row that matches `query` (its offset and limit are ignored), in the list's order: what
/// an export of the list or the CLI prints.
pub async fn list_all(store: &Store, query: &ClusterQuery) -> Result<Vec<ClusterRow>> {
    let mut query = ClusterQuery { offset: 0, limit: MAX_LIMIT, ..query.clone() };
    let mut rows = Vec::new();
    loop {
        let page = list(store, &query).await?;
        let done = page.rows.is_empty();
        rows.extend(page.rows);
        if done || rows.len() as i64 >= page.total {
            return Ok(rows);
        }
        query.offset = rows.len() as i64;
    }
}

// The level of the cluster's best label valid today (NULL when none), split around its bound dates.
const CURRENT_LABEL_PREFIX: &str = "(SELECT l.level FROM labels l WHERE l.cluster_id = c.id AND l.awarded_on <= ";
const CURRENT_LABEL_MIDDLE: &str = " AND l.valid_until >= ";
const CURRENT_LABEL_SUFFIX: &str =
    " ORDER BY CASE l.level WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 ELSE 1 END DESC LIMIT 1)";
/// What is owed for fee years before this one, split before its bound year.
const UNPAID_PREFIX: &str =
    "(SELECT COALESCE(SUM(b.owed_bani), 0) FROM fee_balances b WHERE b.cluster_id = c.id AND b.year < ";

fn push_current_label(q: &mut QueryBuilder<Sqlite>, today: &str) {
    q.push(CURRENT_LABEL_PREFIX)
        .push_bind(today.to_string())
        .push(CURRENT_LABEL_MIDDLE)
        .push_bind(today.to_string())
        .push(CURRENT_LABEL_SUFFIX);
}

fn push_unpaid(q: &mut QueryBuilder<Sqlite>, year: i64) {
    q.push(UNPAID_PREFIX).push_bind(year).push(")");
}

/// The words of a search, folded; LIKE's wildcards are dropped so that every word is a literal.
/// A CUI is looked for in the registry's form, however it is typed: "RO 0012345678" as a whole,
/// or a word "ro12345678" / "0012345678", finds 12345678.
fn search_words(search: &str) -> Vec<String> {
    let prefixed = search.trim_start().get(..2).is_some_and(|p| p.eq_ignore_ascii_case("ro"));
    if let Some(code) = cui::normalize(search).filter(|_| prefixed) {
        return vec![code];
    }
    fold(search)
        .split_whitespace()
        .map(|w| cui::normalize(w).unwrap_or_else(|| w.replace(['%', '_'], "")))
        .filter(|w| !w.is_empty())
        .collect()
}

fn push_ids(q: &mut QueryBuilder<Sqlite>, ids: &[i64]) {
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
}

fn push_in<T: for<'e> sqlx::Encode<'e, Sqlite> + sqlx::Type<Sqlite> + 'static>(
    q: &mut QueryBuilder<Sqlite>,
    column: &str,
    values: impl IntoIterator<Item = T>,
) {
    q.push(" AND ").push(column).push(" IN (");
    let mut list = q.separated(", ");
    for value in values {
        list.push_bind(value);
    }
    q.push(")");
}

fn push_filters(
    q: &mut QueryBuilder<Sqlite>,
    query: &ClusterQuery,
    today: &str,
    year: i64,
    thresholds: &NationalThresholds,
) {
    q.push(if query.archived { " WHERE c.archived_at IS NOT NULL" } else { " WHERE c.archived_at IS NULL" });
    for word in search_words(&query.search) {
        q.push(" AND c.id IN (SELECT rowid FROM cluster_search WHERE text LIKE ")
            .push_bind(format!("%{word}%"))
            .push(")");
    }
    if !query.sectors.is_empty() {
        push_in(
            q,
            "c.id IN (SELECT cluster_id FROM cluster_sectors WHERE sector",
            query.sectors.iter().map(|s| s.code()),
        );
        q.push(")");
    }
    if !query.regions.is_empty() {
        push_in(q, "c.county IN (SELECT code FROM counties WHERE region", query.regions.iter().map(|r| r.code()));
        q.push(")");
    }
    if !query.counties.is_empty() {
        push_in(q, "c.county", query.counties.iter().cloned());
    }
    if let Some(flag) = query.anaf {
        // The cluster's own CUI or a member's carries the flag; both read the flagged answers only.
        let condition = flag.condition();
        q.push(format_args!(
            " AND c.id IN (SELECT o.cluster_id FROM anaf_answers a JOIN organisations o ON o.cui = a.cui WHERE {condition} \
             UNION SELECT c2.id FROM anaf_answers a JOIN clusters c2 ON c2.cui = a.cui WHERE {condition})"
        ));
    }
    if !query.statuses.is_empty() {
        push_in(q, "c.status", query.statuses.iter().map(|s| s.code()));
    }
    if !query.labels.is_empty() {
        q.push(" AND (");
        push_current_label(q, today);
        q.push(" IN (");
        let mut list = q.separated(", ");
        for level in query.labels.iter().filter(|l| **l != LabelFilter::None) {
            list.push_bind(level.code());
        }
        // An empty IN () is valid SQLite and matches nothing.
        q.push(")");
        if query.labels.contains(&LabelFilter::None) {
            q.push(" OR ");
            push_current_label(q, today);
            q.push(" IS NULL");
        }
        q.push(")");
    }
    if query.unpaid_only {
        q.push(" AND ");
        push_unpaid(q, year);
        q.push(" > 0");
    }
    eligibility::push_filter(q, &query.eligibility, thresholds);
}

fn push_order(q: &mut QueryBuilder<Sqlite>, query: &ClusterQuery, today: &str, year: i64) {
    let direction = if query.descending { " DESC" } else { " ASC" };
    q.push(" ORDER BY ");
    match query.sort {
        ClusterSort::Name => {}
        ClusterSort::County => {
            q.push("(SELECT name FROM counties WHERE code = c.county)").push(direction).push(", ");
        }
        ClusterSort::Region => {
            q.push("(SELECT region FROM counties WHERE code = c.county)").push(direction).push(", ");
        }
        ClusterSort::Status => {
            q.push("CASE c.status WHEN 'active' THEN 1 WHEN 'suspended' THEN 2 ELSE 3 END").push(direction).push(", ");
        }
        ClusterSort::Label => {
            q.push("CASE ");
            push_current_label(q, today);
            q.push(" WHEN 'gold' THEN 3 WHEN 'silver' THEN 2 WHEN 'bronze' THEN 1 ELSE 0 END")
                .push(direction)
                .push(", ");
        }
        ClusterSort::Members => {
            q.push("COALESCE(members.n, 0)").push(direction).push(", ");
        }
        ClusterSort::Unpaid => {
            push_unpaid(q, year);
            q.push(direction).push(", ");
        }
        ClusterSort::Joined => {
            q.push("c.joined_year").push(direction).push(" NULLS LAST, ");
        }
    }
    let name_direction = if query.sort == ClusterSort::Name { direction } else { " ASC" };
    q.push("c.sort_name").push(name_direction).push(", c.id").push(name_direction);
}
