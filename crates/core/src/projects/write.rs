//! Recording a project with its partners, member clusters and milestones, in one transaction.

use sqlx::SqliteConnection;

use super::model::*;
use crate::clock::At;
use crate::error::FieldError;
use crate::money::RATE_RANGE;
use crate::services::ymd;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems, optional_day, optional_past_day};
use crate::{Error, Result};

pub async fn create_project(store: &Store, input: &ProjectInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_project_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_project(store: &Store, id: i64, input: &ProjectInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_project_in(&mut tx, Some(id), input, &at).await?;
    tx.commit().await?;
    Ok(())
}

/// A project without joint history (no introduction led to it) can be deleted; otherwise the
/// introduction's outcome would point at nothing.
pub async fn delete_project(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    crate::trainings::must_exist(&mut tx, "projects", "project", Some(id)).await?;
    let linked: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM introductions WHERE project_id = ?)")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if linked {
        return Err(Error::refused("error.project_has_introductions"));
    }
    sqlx::query("DELETE FROM projects WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_project_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &ProjectInput,
    at: &At,
) -> Result<i64> {
    let current: Option<ProjectStatus> = match id {
        Some(id) => Some(
            sqlx::query_scalar("SELECT status FROM projects WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(Error::NotFound { entity: "project", id })?,
        ),
        None => None,
    };
    let p = clean(tx, id, current, input, at).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO projects (id, acronym, title, programme, call, role, status, submitted_on, starts_on, ends_on, \
         currency, budget_total, own_share, eur_rate, rate_on, description, sort_acronym, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET \
         acronym = excluded.acronym, title = excluded.title, programme = excluded.programme, call = excluded.call, \
         role = excluded.role, status = excluded.status, submitted_on = excluded.submitted_on, \
         starts_on = excluded.starts_on, ends_on = excluded.ends_on, currency = excluded.currency, \
         budget_total = excluded.budget_total, own_share = excluded.own_share, eur_rate = excluded.eur_rate, \
         rate_on = excluded.rate_on, description = excluded.description, sort_acronym = excluded.sort_acronym, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&p.acronym)
    .bind(&p.title)
    .bind(p.programme.code())
    .bind(&p.call)
    .bind(p.role.code())
    .bind(p.status.code())
    .bind(&p.submitted_on)
    .bind(&p.starts_on)
    .bind(&p.ends_on)
    .bind(p.currency.code())
    .bind(p.budget_total)
    .bind(p.own_share)
    .bind(p.eur_rate)
    .bind(&p.rate_on)
    .bind(&p.description)
    .bind(fold(&p.acronym))
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM project_partners WHERE project_id = ?").bind(id).execute(&mut *tx).await?;
    for partner in &p.partners {
        sqlx::query("INSERT INTO project_partners (project_id, partner_id, role, share) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(partner.partner_id)
            .bind(partner.role.code())
            .bind(partner.share)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM project_clusters WHERE project_id = ?").bind(id).execute(&mut *tx).await?;
    for cluster in &p.clusters {
        sqlx::query("INSERT INTO project_clusters (project_id, cluster_id, share) VALUES (?, ?, ?)")
            .bind(id)
            .bind(cluster.cluster_id)
            .bind(cluster.share)
            .execute(&mut *tx)
            .await?;
    }
    write_milestones(tx, id, &p.milestones).await?;
    Ok(id)
}

/// Kept milestones are updated in place (their ids stay), new ones added, the others removed.
async fn write_milestones(tx: &mut SqliteConnection, project_id: i64, milestones: &[MilestoneInput]) -> Result<()> {
    let existing: Vec<i64> = sqlx::query_scalar("SELECT id FROM project_milestones WHERE project_id = ?")
        .bind(project_id)
        .fetch_all(&mut *tx)
        .await?;
    if let Some(foreign) = milestones.iter().filter_map(|m| m.id).find(|id| !existing.contains(id)) {
        return Err(Error::NotFound { entity: "milestone", id: foreign });
    }
    for old in existing.iter().filter(|old| !milestones.iter().any(|m| m.id == Some(**old))) {
        sqlx::query("DELETE FROM project_milestones WHERE id = ?").bind(old).execute(&mut *tx).await?;
    }
    for (position, m) in milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO project_milestones (id, project_id, kind, title, due_on, done_on, position) \
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, \
             due_on = excluded.due_on, done_on = excluded.done_on, position = excluded.position",
        )
        .bind(m.id)
        .bind(project_id)
        .bind(m.kind.code())
        .bind(&m.title)
        .bind(&m.due_on)
        .bind(&m.done_on)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Every refused field at once:
/// - the status may move only as [`ProjectStatus::next`] says;
/// - a submitted project has its submission day; a funded one its start and end, the end not
///   before the start;
/// - amounts are not negative and the shares (own, partners', clusters') add up to at most the
///   budget; a budget has the BNR rate of a day to show it in the other currency;
/// - milestones are not due before the project starts, and are done on a day that has come.
async fn clean(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    current: Option<ProjectStatus>,
    input: &ProjectInput,
    at: &At,
) -> Result<ProjectInput> {
    let mut problems = Problems::default();
    let acronym = tidy(&comma_below(&input.acronym));
    problems.check("acronym", check::required(&acronym));
    problems.check("acronym", check::max_len(&acronym, 40));
    let title = tidy(&comma_below(&input.title));
    problems.check("title", check::required(&title));
    problems.check("title", check::max_len(&title, 500));
    let call = tidy(&input.call);
    problems.check("call", check::max_len(&call, 200));
    let description = comma_below(input.description.trim());
    problems.check("description", check::max_len(&description, 20_000));
    if let Some(from) = current
        && !from.can_become(input.status)
    {
        problems.add(
            FieldError::new("status", "project_transition").with("from", from.code()).with("to", input.status.code()),
        );
    }
    let duplicate: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM projects WHERE sort_acronym = ? AND call = ? AND id IS NOT ?)",
    )
    .bind(fold(&acronym))
    .bind(&call)
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    if duplicate {
        problems.add(FieldError::new("acronym", "project_exists"));
    }

    let submitted = optional_past_day(&mut problems, "submitted_on", input.submitted_on.as_deref(), at);
    if input.status.was_submitted() && submitted.is_none() && !problems.has("submitted_on") {
        problems.add(FieldError::new("submitted_on", "required"));
    }
    let starts = optional_day(&mut problems, "starts_on", input.starts_on.as_deref());
    let ends = optional_day(&mut problems, "ends_on", input.ends_on.as_deref());
    if input.status.was_funded() {
        for (field, day) in [("starts_on", starts), ("ends_on", ends)] {
            if day.is_none() && !problems.has(field) {
                problems.add(FieldError::new(field, "required"));
            }
        }
    }
    if let (Some(starts), Some(ends)) = (starts, ends)
        && ends < starts
    {
        problems.add(FieldError::new("ends_on", "ends_before_start"));
    }
    if let (Some(submitted), Some(starts)) = (submitted, starts)
        && starts < submitted
        && input.status.was_funded()
    {
        problems.add(FieldError::new("starts_on", "starts_before_submission"));
    }

    problems.check("budget_total", check::non_negative(Some(input.budget_total)));
    problems.check("own_share", check::non_negative(Some(input.own_share)));
    let rate_on = optional_past_day(&mut problems, "rate_on", input.rate_on.as_deref(), at);
    match input.eur_rate {
        Some(rate) if !RATE_RANGE.contains(&rate) => problems.add(
            FieldError::new("eur_rate", "rate_range")
                .with("min", RATE_RANGE.start() / crate::money::RATE_SCALE)
                .with("max", RATE_RANGE.end() / crate::money::RATE_SCALE),
        ),
        Some(_) if rate_on.is_none() && !problems.has("rate_on") => {
            problems.add(FieldError::new("rate_on", "required"));
        }
        None if input.budget_total > 0 => problems.add(FieldError::new("eur_rate", "rate_required")),
        None if rate_on.is_some() => problems.add(FieldError::new("eur_rate", "required")),
        _ => {}
    }

    let mut partners: Vec<ProjectPartnerInput> = Vec::new();
    for partner in &input.partners {
        if partners.iter().any(|p| p.partner_id == partner.partner_id) {
            problems.add(FieldError::new("partners", "duplicate_partner"));
            continue;
        }
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)")
            .bind(partner.partner_id)
            .fetch_one(&mut *conn)
            .await?;
        if !exists {
            problems.add(FieldError::new("partners", "partner_missing"));
        }
        problems.check("partners", check::non_negative(Some(partner.share)));
        partners.push(partner.clone());
    }
    let mut clusters: Vec<ProjectClusterInput> = Vec::new();
    for cluster in &input.clusters {
        if clusters.iter().any(|c| c.cluster_id == cluster.cluster_id) {
            problems.add(FieldError::new("clusters", "duplicate_cluster"));
            continue;
        }
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)")
            .bind(cluster.cluster_id)
            .fetch_one(&mut *conn)
            .await?;
        if !exists {
            problems.add(FieldError::new("clusters", "cluster_missing"));
        }
        problems.check("clusters", check::non_negative(Some(cluster.share)));
        clusters.push(cluster.clone());
    }
    let shares = input
        .own_share
        .max(0)
        .saturating_add(partners.iter().map(|p| p.share.max(0)).fold(0i64, i64::saturating_add))
        .saturating_add(clusters.iter().map(|c| c.share.max(0)).fold(0i64, i64::saturating_add));
    if shares > input.budget_total.max(0) {
        problems.add(
            FieldError::new("own_share", "shares_exceed_total")
                .with("shares", shares)
                .with("total", input.budget_total),
        );
    }

    let mut milestones = Vec::new();
    for m in &input.milestones {
        let title = tidy(&comma_below(&m.title));
        problems.check("milestones", check::required(&title));
        problems.check("milestones", check::max_len(&title, 300));
        let due = match check::date(m.due_on.trim()) {
            Ok(due) => Some(due),
            Err(_) => {
                problems.add(FieldError::new("milestones", "date_format"));
                None
            }
        };
        if let (Some(due), Some(starts)) = (due, starts)
            && due < starts
        {
            problems.add(FieldError::new("milestones", "due_before_start"));
        }
        let done = optional_past_day(&mut problems, "milestones", m.done_on.as_deref(), at);
        milestones.push(MilestoneInput {
            id: m.id,
            kind: m.kind,
            title,
            due_on: due.map(ymd).unwrap_or_default(),
            done_on: done.map(ymd),
        });
    }
    problems.into_result()?;
    Ok(ProjectInput {
        acronym,
        title,
        programme: input.programme,
        call,
        role: input.role,
        status: input.status,
        submitted_on: submitted.map(ymd),
        starts_on: starts.map(ymd),
        ends_on: ends.map(ymd),
        currency: input.currency,
        budget_total: input.budget_total,
        own_share: input.own_share,
        eur_rate: input.eur_rate,
        rate_on: rate_on.map(ymd),
        description,
        partners,
        clusters,
        milestones,
    })
}
