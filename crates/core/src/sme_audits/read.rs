use std::collections::HashMap;

use sqlx::{Row, SqliteConnection};

use super::model::*;
use crate::store::Store;
use crate::{Error, Result};

/// The audits of the cluster's member organisations, newest first, and their open actions.
pub async fn cluster_audits(store: &Store, cluster_id: i64) -> Result<ClusterAudits> {
    let mut conn = store.pool().acquire().await?;
    let found: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)")
        .bind(cluster_id)
        .fetch_one(&mut *conn)
        .await?;
    if !found {
        return Err(Error::NotFound { entity: "cluster", id: cluster_id });
    }
    let today = store.today().format("%Y-%m-%d").to_string();
    let rows = sqlx::query(
        "SELECT a.*, o.name AS organisation FROM sme_audits a JOIN organisations o ON o.id = a.organisation_id \
         WHERE o.cluster_id = ? ORDER BY a.audited_on DESC, a.id DESC",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let action_rows = sqlx::query(
        "SELECT x.* FROM sme_audit_actions x JOIN sme_audits a ON a.id = x.audit_id \
         JOIN organisations o ON o.id = a.organisation_id WHERE o.cluster_id = ? ORDER BY x.audit_id, x.position, x.id",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut actions: HashMap<i64, Vec<RecommendedAction>> = HashMap::new();
    for r in action_rows {
        let status: ActionStatus = r.try_get("status")?;
        let due_on: Option<String> = r.try_get("due_on")?;
        let action = RecommendedAction {
            id: r.try_get("id")?,
            audit_id: r.try_get("audit_id")?,
            action: r.try_get("action")?,
            owner: r.try_get("owner")?,
            overdue: status.is_open() && due_on.as_deref().is_some_and(|d| d < today.as_str()),
            due_on,
            status,
        };
        actions.entry(action.audit_id).or_default().push(action);
    }

    let mut audits = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get("id")?;
        let values: [i64; 6] = [
            r.try_get("score_strategy")?,
            r.try_get("score_organisation")?,
            r.try_get("score_processes")?,
            r.try_get("score_resources")?,
            r.try_get("score_products")?,
            r.try_get("score_international")?,
        ];
        let [strategy, organisation, processes, resources, products, international] = values.map(Some);
        audits.push(Audit {
            id,
            organisation_id: r.try_get("organisation_id")?,
            organisation: r.try_get("organisation")?,
            kind: r.try_get("kind")?,
            audited_on: r.try_get("audited_on")?,
            auditor: r.try_get("auditor")?,
            scores: AuditScores { strategy, organisation, processes, resources, products, international },
            average_hundredths: (values.iter().sum::<i64>() * 100 + 3) / 6,
            findings: r.try_get("findings")?,
            actions: actions.remove(&id).unwrap_or_default(),
        });
    }

    let mut open_actions: Vec<OpenAction> = audits
        .iter()
        .flat_map(|a| {
            a.actions.iter().filter(|x| x.status.is_open()).map(|x| OpenAction {
                action: x.clone(),
                organisation: a.organisation.clone(),
                kind: a.kind,
                audited_on: a.audited_on.clone(),
            })
        })
        .collect();
    open_actions.sort_by(|a, b| {
        let due = |x: &OpenAction| (x.action.due_on.is_none(), x.action.due_on.clone());
        due(a).cmp(&due(b)).then_with(|| a.organisation.cmp(&b.organisation)).then(a.action.id.cmp(&b.action.id))
    });
    Ok(ClusterAudits { audits, open_actions })
}

/// How many audits and business reviews were held from `from` to `to` (ISO dates, both included):
/// the annual summary's count.
pub(crate) async fn held_between(conn: &mut SqliteConnection, from: &str, to: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM sme_audits WHERE audited_on BETWEEN ? AND ?")
        .bind(from)
        .bind(to)
        .fetch_one(&mut *conn)
        .await?)
}
