//! Introductions made, and what came of them.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::model::*;
use crate::clock::At;
use crate::error::FieldError;
use crate::list_filter::{push_order_limit, push_year};
use crate::services::ymd;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// Records an introduction (`id` None) or changes one (its outcome, say); returns its id.
pub async fn save_introduction(store: &Store, id: Option<i64>, input: &IntroductionInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_introduction_in(&mut tx, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_introduction_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &IntroductionInput,
    at: &At,
) -> Result<i64> {
    crate::trainings::must_exist(tx, "introductions", "introduction", id).await?;
    let input = clean(tx, input, at).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO introductions (id, a_cluster_id, a_organisation_id, a_contact_id, b_cluster_id, b_organisation_id, \
         b_contact_id, b_partner_id, introduced_on, introduced_by, reason, outcome, outcome_on, project_id, notes, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET a_cluster_id = excluded.a_cluster_id, a_organisation_id = excluded.a_organisation_id, \
         a_contact_id = excluded.a_contact_id, b_cluster_id = excluded.b_cluster_id, \
         b_organisation_id = excluded.b_organisation_id, b_contact_id = excluded.b_contact_id, \
         b_partner_id = excluded.b_partner_id, introduced_on = excluded.introduced_on, \
         introduced_by = excluded.introduced_by, reason = excluded.reason, outcome = excluded.outcome, \
         outcome_on = excluded.outcome_on, project_id = excluded.project_id, notes = excluded.notes, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(input.a_cluster_id)
    .bind(input.a_organisation_id)
    .bind(input.a_contact_id)
    .bind(input.b_cluster_id)
    .bind(input.b_organisation_id)
    .bind(input.b_contact_id)
    .bind(input.b_partner_id)
    .bind(&input.introduced_on)
    .bind(&input.introduced_by)
    .bind(&input.reason)
    .bind(input.outcome.code())
    .bind(&input.outcome_on)
    .bind(input.project_id)
    .bind(&input.notes)
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

pub async fn delete_introduction(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("DELETE FROM introductions WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "introduction", id });
    }
    tx.commit().await?;
    Ok(())
}

async fn cluster_of(conn: &mut SqliteConnection, table: &'static str, id: i64) -> Result<Option<i64>> {
    // `table` is a constant of this module.
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT cluster_id FROM {table} WHERE id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

async fn exists(conn: &mut SqliteConnection, table: &'static str, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?)")))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

/// Every refused field at once: the sides exist and differ, an organisation or person belongs to
/// the cluster of its side, B is a member cluster or a partner (not both), the dates are in order
/// and not ahead of today, an outcome other than pending has its day, a project only for a joint
/// project.
async fn clean(conn: &mut SqliteConnection, input: &IntroductionInput, at: &At) -> Result<IntroductionInput> {
    let mut problems = Problems::default();
    if !exists(conn, "clusters", input.a_cluster_id).await? {
        problems.add(FieldError::new("a_cluster_id", "cluster_missing"));
    }
    match (input.b_cluster_id, input.b_partner_id) {
        (Some(_), Some(_)) | (None, None) => problems.add(FieldError::new("b_cluster_id", "cluster_or_partner")),
        (Some(b), None) => {
            if b == input.a_cluster_id {
                problems.add(FieldError::new("b_cluster_id", "same_cluster"));
            } else if !exists(conn, "clusters", b).await? {
                problems.add(FieldError::new("b_cluster_id", "cluster_missing"));
            }
        }
        (None, Some(p)) => {
            if !exists(conn, "partners", p).await? {
                problems.add(FieldError::new("b_partner_id", "partner_missing"));
            }
        }
    }
    for (field, table, id, cluster) in [
        ("a_organisation_id", "organisations", input.a_organisation_id, Some(input.a_cluster_id)),
        ("a_contact_id", "contacts", input.a_contact_id, Some(input.a_cluster_id)),
        ("b_organisation_id", "organisations", input.b_organisation_id, input.b_cluster_id),
        ("b_contact_id", "contacts", input.b_contact_id, input.b_cluster_id),
    ] {
        if let Some(id) = id
            && (cluster.is_none() || cluster_of(conn, table, id).await? != cluster)
        {
            problems.add(FieldError::new(field, "not_of_cluster"));
        }
    }
    let introduced = crate::validation::past_day(&mut problems, "introduced_on", &input.introduced_on, at);
    let introduced_by = tidy(&comma_below(&input.introduced_by));
    problems.check("introduced_by", check::required(&introduced_by));
    problems.check("introduced_by", check::max_len(&introduced_by, 200));
    let reason = comma_below(input.reason.trim());
    problems.check("reason", check::max_len(&reason, 5000));
    let notes = comma_below(input.notes.trim());
    problems.check("notes", check::max_len(&notes, 20_000));
    let outcome_on = match (input.outcome, input.outcome_on.as_deref().map(str::trim).filter(|d| !d.is_empty())) {
        (IntroductionOutcome::Pending, _) => None,
        (_, None) => {
            problems.add(FieldError::new("outcome_on", "required"));
            None
        }
        (_, Some(day)) => {
            let day = crate::validation::past_day(&mut problems, "outcome_on", day, at);
            if let (Some(day), Some(introduced)) = (day, introduced)
                && day < introduced
            {
                problems.add(FieldError::new("outcome_on", "outcome_before_introduction"));
            }
            day
        }
    };
    let project_id = match (input.outcome, input.project_id) {
        (IntroductionOutcome::JointProject, Some(p)) => {
            if !exists(conn, "projects", p).await? {
                problems.add(FieldError::new("project_id", "project_missing"));
            }
            Some(p)
        }
        (_, Some(_)) => {
            problems.add(FieldError::new("project_id", "project_only_for_joint_project"));
            None
        }
        (_, None) => None,
    };
    problems.into_result()?;
    Ok(IntroductionInput {
        a_cluster_id: input.a_cluster_id,
        a_organisation_id: input.a_organisation_id,
        a_contact_id: input.a_contact_id,
        b_cluster_id: input.b_cluster_id,
        b_organisation_id: input.b_organisation_id,
        b_contact_id: input.b_contact_id,
        b_partner_id: input.b_partner_id,
        introduced_on: introduced.map(ymd).unwrap_or_default(),
        introduced_by,
        reason,
        outcome: input.outcome,
        outcome_on: outcome_on.map(ymd),
        project_id,
        notes,
    })
}

const SELECT: &str = "SELECT i.*, ca.name AS a_name, oa.name AS a_org, pa.name AS a_person, \
     cb.name AS b_cluster_name, ob.name AS b_org, pb.name AS b_person, pt.name AS partner_name, \
     pt.country AS partner_country, pr.acronym AS project_acronym \
     FROM introductions i JOIN clusters ca ON ca.id = i.a_cluster_id \
     LEFT JOIN organisations oa ON oa.id = i.a_organisation_id LEFT JOIN contacts pa ON pa.id = i.a_contact_id \
     LEFT JOIN clusters cb ON cb.id = i.b_cluster_id LEFT JOIN organisations ob ON ob.id = i.b_organisation_id \
     LEFT JOIN contacts pb ON pb.id = i.b_contact_id LEFT JOIN partners pt ON pt.id = i.b_partner_id \
     LEFT JOIN projects pr ON pr.id = i.project_id";

fn introduction_of(row: &SqliteRow) -> Result<Introduction> {
    let input = IntroductionInput {
        a_cluster_id: row.try_get("a_cluster_id")?,
        a_organisation_id: row.try_get("a_organisation_id")?,
        a_contact_id: row.try_get("a_contact_id")?,
        b_cluster_id: row.try_get("b_cluster_id")?,
        b_organisation_id: row.try_get("b_organisation_id")?,
        b_contact_id: row.try_get("b_contact_id")?,
        b_partner_id: row.try_get("b_partner_id")?,
        introduced_on: row.try_get("introduced_on")?,
        introduced_by: row.try_get("introduced_by")?,
        reason: row.try_get("reason")?,
        outcome: row.try_get("outcome")?,
        outcome_on: row.try_get("outcome_on")?,
        project_id: row.try_get("project_id")?,
        notes: row.try_get("notes")?,
    };
    let a = Party {
        kind: if input.a_organisation_id.is_some() { PartyKind::Organisation } else { PartyKind::Cluster },
        cluster_id: Some(input.a_cluster_id),
        partner_id: None,
        name: row.try_get("a_name")?,
        organisation: row.try_get("a_org")?,
        person: row.try_get("a_person")?,
        country: "RO".into(),
    };
    let b = match input.b_partner_id {
        Some(partner) => Party {
            kind: PartyKind::Partner,
            cluster_id: None,
            partner_id: Some(partner),
            name: row.try_get::<Option<String>, _>("partner_name")?.unwrap_or_default(),
            organisation: None,
            person: None,
            country: row.try_get::<Option<String>, _>("partner_country")?.unwrap_or_default(),
        },
        None => Party {
            kind: if input.b_organisation_id.is_some() { PartyKind::Organisation } else { PartyKind::Cluster },
            cluster_id: input.b_cluster_id,
            partner_id: None,
            name: row.try_get::<Option<String>, _>("b_cluster_name")?.unwrap_or_default(),
            organisation: row.try_get("b_org")?,
            person: row.try_get("b_person")?,
            country: "RO".into(),
        },
    };
    Ok(Introduction { id: row.try_get("id")?, input, a, b, project: row.try_get("project_acronym")? })
}

/// The introductions `filter` selects, newest first.
pub async fn list_introductions(store: &Store, filter: &IntroductionFilter) -> Result<Vec<Introduction>> {
    let mut qb = QueryBuilder::<Sqlite>::new(SELECT);
    qb.push(" WHERE 1 = 1");
    if let Some(cluster) = filter.cluster_id {
        qb.push(" AND (i.a_cluster_id = ").push_bind(cluster).push(" OR i.b_cluster_id = ").push_bind(cluster).push(")");
    }
    if let Some(partner) = filter.partner_id {
        qb.push(" AND i.b_partner_id = ").push_bind(partner);
    }
    push_year(&mut qb, "i.introduced_on", filter.year);
    if let Some(outcome) = filter.outcome {
        qb.push(" AND i.outcome = ").push_bind(outcome.code());
    }
    push_order_limit(&mut qb, "i.introduced_on DESC, i.id DESC");
    qb.build().fetch_all(store.pool()).await?.iter().map(introduction_of).collect()
}

pub async fn get_introduction(store: &Store, id: i64) -> Result<Introduction> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE i.id = ?")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::NotFound { entity: "introduction", id })?;
    introduction_of(&row)
}
