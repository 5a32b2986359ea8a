//! The projects list and a project's page.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite};

use super::model::*;
use crate::list_filter::{push_order_limit, push_words};
use crate::money::{Currency, in_eur, in_ron};
use crate::store::Store;
use crate::{Error, Result};

pub(crate) fn amount(value: i64, currency: Currency, rate: Option<i64>) -> Amount {
    Amount { eur: in_eur(value, currency, rate), ron: in_ron(value, currency, rate) }
}

/// The projects `filter` selects: running and funded first, then by start (newest first).
pub async fn list_projects(store: &Store, filter: &ProjectFilter) -> Result<Vec<ProjectRow>> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT p.id, p.acronym, p.title, p.programme, p.role, p.status, p.starts_on, p.ends_on, p.currency, \
         p.budget_total, p.own_share, p.eur_rate, \
         (SELECT group_concat(country, ',') FROM (SELECT DISTINCT t.country FROM project_partners x \
            JOIN partners t ON t.id = x.partner_id WHERE x.project_id = p.id AND t.country <> '' ORDER BY t.country)) AS countries, \
         (SELECT COUNT(*) FROM project_clusters c WHERE c.project_id = p.id) AS clusters, \
         (SELECT MIN(m.due_on) FROM project_milestones m WHERE m.project_id = p.id AND m.done_on IS NULL) AS next_due \
         FROM projects p WHERE 1 = 1",
    );
    if let Some(status) = filter.status {
        qb.push(" AND p.status = ").push_bind(status.code());
    }
    if let Some(programme) = filter.programme {
        qb.push(" AND p.programme = ").push_bind(programme.code());
    }
    if let Some(cluster) = filter.cluster_id {
        qb.push(" AND EXISTS (SELECT 1 FROM project_clusters c WHERE c.project_id = p.id AND c.cluster_id = ")
            .push_bind(cluster)
            .push(")");
    }
    if let Some(partner) = filter.partner_id {
        qb.push(" AND EXISTS (SELECT 1 FROM project_partners x WHERE x.project_id = p.id AND x.partner_id = ")
            .push_bind(partner)
            .push(")");
    }
    push_words(&mut qb, &["p.sort_acronym", "lower(p.title)"], &filter.search);
    push_order_limit(
        &mut qb,
        "CASE p.status WHEN 'running' THEN 0 WHEN 'funded' THEN 1 WHEN 'submitted' THEN 2 WHEN 'idea' THEN 3 ELSE 4 END, \
         p.starts_on DESC, p.sort_acronym",
    );
    let rows = qb.build().fetch_all(store.pool()).await?;
    rows.iter().map(row_of).collect()
}

fn row_of(row: &SqliteRow) -> Result<ProjectRow> {
    let currency: Currency = row.try_get("currency")?;
    let rate: Option<i64> = row.try_get("eur_rate")?;
    let countries: Option<String> = row.try_get("countries")?;
    Ok(ProjectRow {
        id: row.try_get("id")?,
        acronym: row.try_get("acronym")?,
        title: row.try_get("title")?,
        programme: row.try_get("programme")?,
        role: row.try_get("role")?,
        status: row.try_get("status")?,
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        budget: amount(row.try_get("budget_total")?, currency, rate),
        own_share: amount(row.try_get("own_share")?, currency, rate),
        countries: countries.map(|c| c.split(',').map(str::to_string).collect()).unwrap_or_default(),
        clusters: row.try_get("clusters")?,
        next_due: row.try_get("next_due")?,
    })
}

pub async fn get_project(store: &Store, id: i64) -> Result<Project> {
    let pool = store.pool();
    let row = sqlx::query("SELECT * FROM projects WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(Error::NotFound { entity: "project", id })?;
    let currency: Currency = row.try_get("currency")?;
    let rate: Option<i64> = row.try_get("eur_rate")?;
    let partner_rows: Vec<ProjectPartner> = sqlx::query(
        "SELECT x.partner_id, x.role, x.share, t.name, t.country, t.network FROM project_partners x \
         JOIN partners t ON t.id = x.partner_id WHERE x.project_id = ? ORDER BY x.role = 'lead' DESC, t.sort_name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        let share: i64 = r.try_get("share")?;
        Ok(ProjectPartner {
            input: ProjectPartnerInput { partner_id: r.try_get("partner_id")?, role: r.try_get("role")?, share },
            name: r.try_get("name")?,
            country: r.try_get("country")?,
            network: r.try_get("network")?,
            share_money: amount(share, currency, rate),
        })
    })
    .collect::<Result<_>>()?;
    let cluster_rows: Vec<ProjectCluster> = sqlx::query(
        "SELECT x.cluster_id, x.share, c.name FROM project_clusters x JOIN clusters c ON c.id = x.cluster_id \
         WHERE x.project_id = ? ORDER BY c.sort_name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        let share: i64 = r.try_get("share")?;
        Ok(ProjectCluster {
            input: ProjectClusterInput { cluster_id: r.try_get("cluster_id")?, share },
            name: r.try_get("name")?,
            share_money: amount(share, currency, rate),
        })
    })
    .collect::<Result<_>>()?;
    let milestones: Vec<MilestoneInput> = sqlx::query(
        "SELECT id, kind, title, due_on, done_on FROM project_milestones WHERE project_id = ? ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| {
        Ok(MilestoneInput {
            id: Some(r.try_get("id")?),
            kind: r.try_get("kind")?,
            title: r.try_get("title")?,
            due_on: r.try_get("due_on")?,
            done_on: r.try_get("done_on")?,
        })
    })
    .collect::<Result<_>>()?;
    let status: ProjectStatus = row.try_get("status")?;
    let budget_total: i64 = row.try_get("budget_total")?;
    let own_share: i64 = row.try_get("own_share")?;
    let allocated = own_share
        + partner_rows.iter().map(|p| p.input.share).sum::<i64>()
        + cluster_rows.iter().map(|c| c.input.share).sum::<i64>();
    Ok(Project {
        id,
        input: ProjectInput {
            acronym: row.try_get("acronym")?,
            title: row.try_get("title")?,
            programme: row.try_get("programme")?,
            call: row.try_get("call")?,
            role: row.try_get("role")?,
            status,
            submitted_on: row.try_get("submitted_on")?,
            starts_on: row.try_get("starts_on")?,
            ends_on: row.try_get("ends_on")?,
            currency,
            budget_total,
            own_share,
            eur_rate: rate,
            rate_on: row.try_get("rate_on")?,
            description: row.try_get("description")?,
            partners: partner_rows.iter().map(|p| p.input.clone()).collect(),
            clusters: cluster_rows.iter().map(|c| c.input.clone()).collect(),
            milestones,
        },
        budget: amount(budget_total, currency, rate),
        own_share_money: amount(own_share, currency, rate),
        unallocated: budget_total - allocated,
        partner_rows,
        cluster_rows,
        next_statuses: status.next().to_vec(),
    })
}
