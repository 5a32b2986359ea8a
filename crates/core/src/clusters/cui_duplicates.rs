//! The duplicates found when stored CUIs were brought to the registry's form (the migration
//! `cui_registry_form` writes `cui_duplicates`; nothing was merged). A reported pair is shown while
//! it still stands: both records exist, both clusters are current, and the two codes are still one
//! number. Staff resolve it by archiving or correcting a cluster, or deleting the extra
//! organisation; the report then goes quiet by itself.

use serde::Serialize;
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;

use crate::Result;
use crate::store::Store;

/// One duplicate the registry's form revealed: two current clusters, or two organisations of one
/// cluster, with one CUI.
#[derive(Debug, Clone, PartialEq, Serialize, TS, FromRow)]
#[ts(export)]
pub struct CuiDuplicate {
    pub id: i64,
    /// The registry's form both share.
    pub cui: String,
    pub cluster_id: i64,
    pub cluster_name: String,
    /// Two clusters: the other one.
    pub other_cluster_id: Option<i64>,
    pub other_cluster_name: Option<String>,
    /// Two organisations of `cluster_id`.
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub other_organisation_id: Option<i64>,
    pub other_organisation_name: Option<String>,
    /// The codes as they were stored before.
    pub typed: String,
    pub other_typed: String,
}

const OPEN: &str = "SELECT d.id, d.cui, d.cluster_id, c.name AS cluster_name, d.other_cluster_id, \
     oc.name AS other_cluster_name, d.organisation_id, o.name AS organisation_name, d.other_organisation_id, \
     oo.name AS other_organisation_name, d.typed, d.other_typed \
     FROM cui_duplicates d \
     JOIN clusters c ON c.id = d.cluster_id \
     LEFT JOIN clusters oc ON oc.id = d.other_cluster_id \
     LEFT JOIN organisations o ON o.id = d.organisation_id \
     LEFT JOIN organisations oo ON oo.id = d.other_organisation_id \
     WHERE ((d.other_cluster_id IS NOT NULL AND c.archived_at IS NULL AND oc.archived_at IS NULL \
             AND ltrim(c.cui, '0') = ltrim(oc.cui, '0')) \
         OR (d.organisation_id IS NOT NULL AND o.cluster_id = oo.cluster_id \
             AND ltrim(o.cui, '0') = ltrim(oo.cui, '0')))";

/// Every reported duplicate that still stands, by cluster.
pub async fn open(store: &Store) -> Result<Vec<CuiDuplicate>> {
    let mut conn = store.pool().acquire().await?;
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{OPEN} ORDER BY c.sort_name, d.id"))).fetch_all(&mut *conn).await?)
}

/// The duplicates that still stand and involve this cluster (either side, or its organisations).
pub(crate) async fn of_cluster(conn: &mut SqliteConnection, id: i64) -> Result<Vec<CuiDuplicate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{OPEN} AND (d.cluster_id = ? OR d.other_cluster_id = ?) ORDER BY d.id"
    )))
    .bind(id)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}
