//! Recording a consultation with the members asked, in one transaction; the list and its page.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::model::*;
use crate::clock::At;
use crate::error::FieldError;
use crate::list_filter::{push_order_limit, push_year};
use crate::services::ymd;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems, optional_day, optional_past_day, past_day, staff_name};
use crate::{Error, Result};

pub async fn save_consultation(store: &Store, id: Option<i64>, input: &ConsultationInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_consultation_in(&mut tx, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_consultation(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("DELETE FROM consultations WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "consultation", id });
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_consultation_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &ConsultationInput,
    at: &At,
) -> Result<i64> {
    crate::trainings::must_exist(tx, "consultations", "consultation", id).await?;
    let c = clean(tx, input, at).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO consultations (id, body, body_name, title, opened_on, deadline_on, position_sent_on, position_path, \
         outcome, outcome_notes, owner, sort_title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, body_name = excluded.body_name, title = excluded.title, \
         opened_on = excluded.opened_on, deadline_on = excluded.deadline_on, position_sent_on = excluded.position_sent_on, \
         position_path = excluded.position_path, outcome = excluded.outcome, outcome_notes = excluded.outcome_notes, \
         owner = excluded.owner, sort_title = excluded.sort_title, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(c.head.body.code())
    .bind(&c.head.body_name)
    .bind(&c.head.title)
    .bind(&c.head.opened_on)
    .bind(&c.head.deadline_on)
    .bind(&c.head.position_sent_on)
    .bind(&c.position_path)
    .bind(c.head.outcome.code())
    .bind(&c.outcome_notes)
    .bind(&c.head.owner)
    .bind(fold(&c.head.title))
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    // Members are keyed by cluster: a kept cluster's row is updated in place (its id stays).
    let keep: Vec<i64> = c.members.iter().map(|m| m.cluster_id).collect();
    sqlx::query(
        "DELETE FROM consultation_members WHERE consultation_id = ? AND cluster_id NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(id)
    .bind(serde_json::Value::from(keep).to_string())
    .execute(&mut *tx)
    .await?;
    for m in &c.members {
        sqlx::query(
            "INSERT INTO consultation_members (consultation_id, cluster_id, contact_id, person_name, asked_on, answered_on, \
             response) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (consultation_id, cluster_id) DO UPDATE SET \
             contact_id = excluded.contact_id, person_name = excluded.person_name, asked_on = excluded.asked_on, \
             answered_on = excluded.answered_on, response = excluded.response",
        )
        .bind(id)
        .bind(m.cluster_id)
        .bind(m.contact_id)
        .bind(&m.person_name)
        .bind(&m.asked_on)
        .bind(&m.answered_on)
        .bind(&m.response)
        .execute(&mut *tx)
        .await?;
    }
    Ok(id)
}

/// Every refused field at once: the dates in order (the deadline and the position not before the
/// consultation opened, an answer not before the question), the days that have happened not in the
/// future, an outcome only for a position sent, each member once with a person of its own.
async fn clean(conn: &mut SqliteConnection, input: &ConsultationInput, at: &At) -> Result<ConsultationInput> {
    let mut problems = Problems::default();
    let head = &input.head;
    let title = tidy(&comma_below(&head.title));
    problems.check("title", check::required(&title));
    problems.check("title", check::max_len(&title, 500));
    let body_name = tidy(&comma_below(&head.body_name));
    problems.check("body_name", check::max_len(&body_name, 300));
    let owner = staff_name(&mut problems, "owner", &head.owner);
    let opened = past_day(&mut problems, "opened_on", &head.opened_on, at);
    let deadline = optional_day(&mut problems, "deadline_on", head.deadline_on.as_deref());
    if let (Some(opened), Some(deadline)) = (opened, deadline)
        && deadline < opened
    {
        problems.add(FieldError::new("deadline_on", "deadline_before_opened"));
    }
    let sent = optional_past_day(&mut problems, "position_sent_on", head.position_sent_on.as_deref(), at);
    if let (Some(opened), Some(sent)) = (opened, sent)
        && sent < opened
    {
        problems.add(FieldError::new("position_sent_on", "sent_before_opened"));
    }
    if head.outcome != PositionOutcome::Pending && sent.is_none() && !problems.has("position_sent_on") {
        problems.add(FieldError::new("outcome", "outcome_without_position"));
    }
    let position_path = input.position_path.trim().to_string();
    problems.check("position_path", check::max_len(&position_path, 1000));
    let outcome_notes = comma_below(input.outcome_notes.trim());
    problems.check("outcome_notes", check::max_len(&outcome_notes, 20_000));

    let mut members: Vec<ConsultedMemberInput> = Vec::new();
    for m in &input.members {
        if members.iter().any(|k| k.cluster_id == m.cluster_id) {
            problems.add(FieldError::new("members", "duplicate_cluster"));
            continue;
        }
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)")
            .bind(m.cluster_id)
            .fetch_one(&mut *conn)
            .await?;
        if !exists {
            problems.add(FieldError::new("members", "cluster_missing"));
        }
        let mut person_name = tidy(&comma_below(&m.person_name));
        if let Some(contact) = m.contact_id {
            let row: Option<(i64, String)> = sqlx::query_as("SELECT cluster_id, name FROM contacts WHERE id = ?")
                .bind(contact)
                .fetch_optional(&mut *conn)
                .await?;
            match row {
                Some((cluster, name)) if cluster == m.cluster_id => person_name = name,
                _ => problems.add(FieldError::new("members", "contact_not_of_cluster")),
            }
        }
        problems.check("members", check::max_len(&person_name, 200));
        let asked = past_day(&mut problems, "members", &m.asked_on, at);
        if let (Some(asked), Some(opened)) = (asked, opened)
            && asked < opened
        {
            problems.add(FieldError::new("members", "asked_before_opened"));
        }
        let answered = optional_past_day(&mut problems, "members", m.answered_on.as_deref(), at);
        if let (Some(asked), Some(answered)) = (asked, answered)
            && answered < asked
        {
            problems.add(FieldError::new("members", "answered_before_asked"));
        }
        let response = comma_below(m.response.trim());
        problems.check("members", check::max_len(&response, 20_000));
        members.push(ConsultedMemberInput {
            cluster_id: m.cluster_id,
            contact_id: m.contact_id,
            person_name,
            asked_on: asked.map(ymd).unwrap_or_default(),
            answered_on: answered.map(ymd),
            response,
        });
    }
    problems.into_result()?;
    Ok(ConsultationInput {
        head: ConsultationHead {
            body: head.body,
            body_name,
            title,
            opened_on: opened.map(ymd).unwrap_or_default(),
            deadline_on: deadline.map(ymd),
            owner,
            position_sent_on: sent.map(ymd),
            outcome: head.outcome,
        },
        position_path,
        outcome_notes,
        members,
    })
}

/// The consultations `filter` selects, newest first.
pub async fn list_consultations(store: &Store, filter: &ConsultationFilter) -> Result<Vec<ConsultationRow>> {
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT c.id, c.body, c.body_name, c.title, c.opened_on, c.deadline_on, c.owner, c.position_sent_on, c.outcome, \
         (SELECT COUNT(*) FROM consultation_members m WHERE m.consultation_id = c.id) AS members, \
         (SELECT COUNT(*) FROM consultation_members m WHERE m.consultation_id = c.id AND m.answered_on IS NOT NULL) AS answers \
         FROM consultations c WHERE 1 = 1",
    );
    if let Some(body) = filter.body {
        qb.push(" AND c.body = ").push_bind(body.code());
    }
    push_year(&mut qb, "c.opened_on", filter.year);
    if let Some(cluster) = filter.cluster_id {
        qb.push(" AND EXISTS (SELECT 1 FROM consultation_members m WHERE m.consultation_id = c.id AND m.cluster_id = ")
            .push_bind(cluster)
            .push(")");
    }
    if filter.open {
        qb.push(" AND c.position_sent_on IS NULL");
    }
    push_order_limit(&mut qb, "c.opened_on DESC, c.id DESC");
    let rows = qb.build().fetch_all(store.pool()).await?;
    rows.iter()
        .map(|r| {
            Ok(ConsultationRow {
                id: r.try_get("id")?,
                head: head_of(r)?,
                members: r.try_get("members")?,
                answers: r.try_get("answers")?,
            })
        })
        .collect()
}

pub async fn get_consultation(store: &Store, id: i64) -> Result<Consultation> {
    let pool = store.pool();
    let r = sqlx::query("SELECT * FROM consultations WHERE id = ?")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .ok_or(Error::NotFound { entity: "consultation", id })?;
    let member_rows: Vec<ConsultedMember> = sqlx::query(
        "SELECT m.*, c.name AS cluster_name, COALESCE(k.name, m.person_name) AS person FROM consultation_members m \
         JOIN clusters c ON c.id = m.cluster_id LEFT JOIN contacts k ON k.id = m.contact_id \
         WHERE m.consultation_id = ? ORDER BY c.sort_name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|m| {
        Ok(ConsultedMember {
            input: ConsultedMemberInput {
                cluster_id: m.try_get("cluster_id")?,
                contact_id: m.try_get("contact_id")?,
                person_name: m.try_get("person_name")?,
                asked_on: m.try_get("asked_on")?,
                answered_on: m.try_get("answered_on")?,
                response: m.try_get("response")?,
            },
            cluster_name: m.try_get("cluster_name")?,
            person: m.try_get("person")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(Consultation {
        id,
        input: ConsultationInput {
            head: head_of(&r)?,
            position_path: r.try_get("position_path")?,
            outcome_notes: r.try_get("outcome_notes")?,
            members: member_rows.iter().map(|m| m.input.clone()).collect(),
        },
        member_rows,
    })
}

fn head_of(r: &SqliteRow) -> Result<ConsultationHead> {
    Ok(ConsultationHead {
        body: r.try_get("body")?,
        body_name: r.try_get("body_name")?,
        title: r.try_get("title")?,
        opened_on: r.try_get("opened_on")?,
        deadline_on: r.try_get("deadline_on")?,
        owner: r.try_get("owner")?,
        position_sent_on: r.try_get("position_sent_on")?,
        outcome: r.try_get("outcome")?,
    })
}
