//! Requests: recording one, changing it, moving its status, deleting a mistaken one.

use sqlx::SqliteConnection;

use super::model::*;
use crate::clock::At;
use crate::error::FieldError;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems, optional_day, past_day, staff_name};
use crate::{Error, Result};

/// Records a request; returns its id.
pub async fn create_request(store: &Store, input: &RequestInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_request_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_request(store: &Store, id: i64, input: &RequestInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_request_in(&mut tx, Some(id), input, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_request_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &RequestInput,
    at: &At,
) -> Result<i64> {
    let current = match id {
        Some(id) => Some(state_in(tx, id).await?),
        None => None,
    };
    let input = clean(tx, input, at, current.as_ref()).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_requests (id, cluster_id, group_name, topic, title, description, contact_id, requester_name, \
         received_on, owner, due_on, sort_title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET cluster_id = excluded.cluster_id, group_name = excluded.group_name, \
         topic = excluded.topic, title = excluded.title, description = excluded.description, \
         contact_id = excluded.contact_id, requester_name = excluded.requester_name, received_on = excluded.received_on, \
         owner = excluded.owner, due_on = excluded.due_on, sort_title = excluded.sort_title, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(input.cluster_id)
    .bind(&input.group_name)
    .bind(input.topic.code())
    .bind(&input.title)
    .bind(&input.description)
    .bind(input.contact_id)
    .bind(&input.requester_name)
    .bind(&input.received_on)
    .bind(&input.owner)
    .bind(&input.due_on)
    .bind(fold(&format!("{} {}", input.title, input.group_name)))
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

/// What a change of a request is checked against.
pub(crate) struct RequestState {
    pub status: RequestStatus,
    pub received_on: String,
    pub closed_on: Option<String>,
    /// The day of the earliest activity logged on it.
    pub first_activity: Option<String>,
}

pub(crate) async fn state_in(conn: &mut SqliteConnection, id: i64) -> Result<RequestState> {
    let row: Option<(RequestStatus, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT status, received_on, closed_on, (SELECT MIN(done_on) FROM service_activities WHERE request_id = r.id) \
         FROM service_requests r WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let (status, received_on, closed_on, first_activity) = row.ok_or(Error::NotFound { entity: "request", id })?;
    Ok(RequestState { status, received_on, closed_on, first_activity })
}

/// Moves a request to `to`, if [`RequestStatus::can_become`] allows it. Closing (done, dropped)
/// records today as the closing day and `outcome` as what came of it; reopening clears the day and
/// keeps the outcome text for reference.
pub async fn set_request_status(store: &Store, id: i64, to: RequestStatus, outcome: &str) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    set_request_status_in(&mut tx, id, to, outcome, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_request_status_in(
    tx: &mut SqliteConnection,
    id: i64,
    to: RequestStatus,
    outcome: &str,
    at: &At,
) -> Result<()> {
    let state = state_in(tx, id).await?;
    if !state.status.can_become(to) {
        return Err(Error::Refused {
            code: "error.request_transition",
            params: [("from".to_string(), state.status.code().to_string()), ("to".to_string(), to.code().to_string())]
                .into(),
        });
    }
    let outcome = comma_below(outcome.trim());
    let mut problems = Problems::default();
    problems.check("outcome", check::max_len(&outcome, 5000));
    problems.into_result()?;
    let today = ymd(at.date);
    if !to.is_open() && today < state.received_on {
        return Err(Error::invalid("status", "closed_before_received"));
    }
    let closed_on = (!to.is_open()).then_some(today);
    // Reopening keeps the earlier outcome unless a new one is written.
    let keep_outcome = to.is_open() && outcome.is_empty();
    sqlx::query(
        "UPDATE service_requests SET status = ?, closed_on = ?, \
         outcome = CASE WHEN ? THEN outcome ELSE ? END, updated_at = ? WHERE id = ?",
    )
    .bind(to.code())
    .bind(closed_on)
    .bind(keep_outcome)
    .bind(&outcome)
    .bind(&at.stamp)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Deletes a request recorded by mistake. One with time logged on it is refused: it happened,
/// drop it instead.
pub async fn delete_request(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    state_in(&mut tx, id).await?;
    let logged: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM service_activities WHERE request_id = ?)")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if logged {
        return Err(Error::refused("error.request_has_activities"));
    }
    sqlx::query("DELETE FROM service_requests WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) fn ymd(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The input tidied and checked, every refused field at once. A contact must belong to the cluster
/// asking; a founding group names itself; the due date is not before the request came in.
async fn clean(
    conn: &mut SqliteConnection,
    input: &RequestInput,
    at: &At,
    current: Option<&RequestState>,
) -> Result<RequestInput> {
    let mut problems = Problems::default();
    let title = tidy(&comma_below(&input.title));
    problems.check("title", check::required(&title));
    problems.check("title", check::max_len(&title, 300));
    let description = comma_below(input.description.trim());
    problems.check("description", check::max_len(&description, 20_000));
    let group_name = tidy(&comma_below(&input.group_name));
    problems.check("group_name", check::max_len(&group_name, 300));
    match input.cluster_id {
        Some(cluster) => {
            let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)")
                .bind(cluster)
                .fetch_one(&mut *conn)
                .await?;
            if !exists {
                problems.add(FieldError::new("cluster_id", "cluster_missing"));
            }
        }
        None if group_name.is_empty() => problems.add(FieldError::new("group_name", "cluster_or_group")),
        None => {}
    }
    let contact_id = match input.contact_id {
        Some(contact) => {
            let of: Option<i64> = sqlx::query_scalar("SELECT cluster_id FROM contacts WHERE id = ?")
                .bind(contact)
                .fetch_optional(&mut *conn)
                .await?;
            if of.is_none() || of != input.cluster_id {
                problems.add(FieldError::new("contact_id", "contact_not_of_cluster"));
            }
            Some(contact)
        }
        None => None,
    };
    let mut requester_name = tidy(&comma_below(&input.requester_name));
    if let Some(contact) = contact_id {
        // The name is kept beside the link so that the request still says who asked if the
        // contact goes (an erasure removes it from here too).
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM contacts WHERE id = ?")
            .bind(contact)
            .fetch_optional(&mut *conn)
            .await?;
        requester_name = name.unwrap_or(requester_name);
    }
    problems.check("requester_name", check::max_len(&requester_name, 200));
    let received = past_day(&mut problems, "received_on", &input.received_on, at);
    let owner = staff_name(&mut problems, "owner", &input.owner);
    let due = optional_day(&mut problems, "due_on", input.due_on.as_deref());
    if let (Some(received), Some(due)) = (received, due)
        && due < received
    {
        problems.add(FieldError::new("due_on", "due_before_received"));
    }
    if let (Some(received), Some(state)) = (received, current) {
        // The request cannot have come in after it was closed, nor after time was logged on it.
        let received = ymd(received);
        if state.closed_on.as_deref().is_some_and(|closed| received.as_str() > closed) {
            problems.add(FieldError::new("received_on", "received_after_closed"));
        }
        if state.first_activity.as_deref().is_some_and(|first| received.as_str() > first) {
            problems.add(FieldError::new("received_on", "received_after_activity"));
        }
    }
    problems.into_result()?;
    Ok(RequestInput {
        cluster_id: input.cluster_id,
        group_name: if input.cluster_id.is_some() { String::new() } else { group_name },
        topic: input.topic,
        title,
        description,
        contact_id,
        requester_name,
        received_on: received.map(ymd).unwrap_or_default(),
        owner,
        due_on: due.map(ymd),
    })
}
