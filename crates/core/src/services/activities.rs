//! Time spent on requests, and their follow-ups.
//!
//! The rule on hours: an activity lasts from 0 to 24 hours, and the activities of one person on one
//! day — on every request together — add up to 24 hours at most. It is checked inside the write
//! transaction (which holds the write lock), so that two saves cannot pass it together.

use sqlx::SqliteConnection;

use super::model::*;
use super::requests::{set_request_status_in, state_in, ymd};
use crate::validation::{optional_day, past_day, staff_name};
use crate::clock::At;
use crate::error::FieldError;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// The minutes in a day: the most one person can log on it.
pub const DAY_MINUTES: i64 = 24 * 60;

/// Logs an activity on a request (`id` None) or changes one; returns its id. The first activity on
/// a new request puts it in progress. A closed request takes no activity: reopen it first.
pub async fn save_activity(store: &Store, request_id: i64, id: Option<i64>, input: &ActivityInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_activity_in(&mut tx, request_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_activity_in(
    tx: &mut SqliteConnection,
    request_id: i64,
    id: Option<i64>,
    input: &ActivityInput,
    at: &At,
) -> Result<i64> {
    let state = state_in(tx, request_id).await?;
    if !state.status.is_open() {
        return Err(Error::refused("error.request_closed"));
    }
    if let Some(id) = id {
        let of: Option<i64> = sqlx::query_scalar("SELECT request_id FROM service_activities WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if of != Some(request_id) {
            return Err(Error::NotFound { entity: "activity", id });
        }
    }
    let mut problems = Problems::default();
    let day = past_day(&mut problems, "done_on", &input.done_on, at);
    if let Some(day) = day
        && ymd(day) < state.received_on
    {
        problems.add(FieldError::new("done_on", "activity_before_request"));
    }
    let staff = staff_name(&mut problems, "staff", &input.staff);
    if !(0..=DAY_MINUTES).contains(&input.minutes) {
        problems.add(FieldError::new("minutes", "activity_hours_range"));
    } else if let Some(day) = day
        && !staff.is_empty()
    {
        let logged: i64 = sqlx::query_scalar(
            "SELECT COALESCE(SUM(minutes), 0) FROM service_activities WHERE staff = ? AND done_on = ? AND id IS NOT ?",
        )
        .bind(&staff)
        .bind(ymd(day))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if logged + input.minutes > DAY_MINUTES {
            problems.add(
                FieldError::new("minutes", "day_over_24_hours")
                    .with("staff", &staff)
                    .with("date", ymd(day))
                    .with("logged_minutes", logged),
            );
        }
    }
    let summary = comma_below(input.summary.trim());
    problems.check("summary", check::max_len(&summary, 20_000));
    let files = clean_files(&mut problems, &input.files);
    problems.into_result()?;

    let id: i64 = sqlx::query_scalar(
        "INSERT INTO service_activities (id, request_id, kind, done_on, minutes, staff, summary, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, \
         done_on = excluded.done_on, minutes = excluded.minutes, staff = excluded.staff, summary = excluded.summary, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(request_id)
    .bind(input.kind.code())
    .bind(day.map(ymd))
    .bind(input.minutes)
    .bind(&staff)
    .bind(&summary)
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    replace_files(tx, id, &files).await?;
    if state.status == RequestStatus::New {
        set_request_status_in(tx, request_id, RequestStatus::InProgress, "", at).await?;
    }
    Ok(id)
}

pub async fn delete_activity(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let request: Option<i64> = sqlx::query_scalar("SELECT request_id FROM service_activities WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    let request = request.ok_or(Error::NotFound { entity: "activity", id })?;
    if !state_in(&mut tx, request).await?.status.is_open() {
        return Err(Error::refused("error.request_closed"));
    }
    sqlx::query("DELETE FROM service_activities WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Paths as typed (kept as text, never opened); a line with neither path nor label is ignored.
fn clean_files(problems: &mut Problems, files: &[FileRef]) -> Vec<FileRef> {
    let mut out = Vec::new();
    for file in files {
        let path = file.path.trim().to_string();
        let label = tidy(&comma_below(&file.label));
        if path.is_empty() && label.is_empty() {
            continue;
        }
        problems.check("files", check::required(&path));
        problems.check("files", check::max_len(&path, 1000));
        problems.check("files", check::max_len(&label, 200));
        out.push(FileRef { path, label });
    }
    out
}

async fn replace_files(tx: &mut SqliteConnection, activity_id: i64, files: &[FileRef]) -> Result<()> {
    let existing: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, path, label FROM service_activity_files WHERE activity_id = ? ORDER BY id")
            .bind(activity_id)
            .fetch_all(&mut *tx)
            .await?;
    let same = existing.len() == files.len()
        && existing.iter().zip(files).all(|((_, path, label), f)| *path == f.path && *label == f.label);
    if same {
        return Ok(());
    }
    sqlx::query("DELETE FROM service_activity_files WHERE activity_id = ?").bind(activity_id).execute(&mut *tx).await?;
    for file in files {
        sqlx::query("INSERT INTO service_activity_files (activity_id, path, label) VALUES (?, ?, ?)")
            .bind(activity_id)
            .bind(&file.path)
            .bind(&file.label)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Adds a follow-up to a request (`id` None) or changes one; returns its id.
pub async fn save_follow_up(store: &Store, request_id: i64, id: Option<i64>, input: &FollowUpInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_follow_up_in(&mut tx, request_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_follow_up_in(
    tx: &mut SqliteConnection,
    request_id: i64,
    id: Option<i64>,
    input: &FollowUpInput,
    at: &At,
) -> Result<i64> {
    let state = state_in(tx, request_id).await?;
    if let Some(id) = id {
        let of: Option<i64> = sqlx::query_scalar("SELECT request_id FROM service_follow_ups WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if of != Some(request_id) {
            return Err(Error::NotFound { entity: "follow_up", id });
        }
    }
    let mut problems = Problems::default();
    let action = tidy(&comma_below(&input.action));
    problems.check("action", check::required(&action));
    problems.check("action", check::max_len(&action, 500));
    let owner = staff_name(&mut problems, "owner", &input.owner);
    let due = match optional_day(&mut problems, "due_on", Some(&input.due_on)) {
        None if !problems.has("due_on") => {
            problems.check("due_on", check::required(""));
            None
        }
        due => due,
    };
    if let Some(due) = due
        && ymd(due) < state.received_on
    {
        problems.add(FieldError::new("due_on", "due_before_received"));
    }
    problems.into_result()?;
    let id = sqlx::query_scalar(
        "INSERT INTO service_follow_ups (id, request_id, action, due_on, owner, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET action = excluded.action, due_on = excluded.due_on, \
         owner = excluded.owner, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(request_id)
    .bind(&action)
    .bind(due.map(ymd))
    .bind(&owner)
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    Ok(id)
}

/// Marks a follow-up done today, or not done again.
pub async fn set_follow_up_done(store: &Store, id: i64, done: bool) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    set_follow_up_done_in(&mut tx, id, done, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_follow_up_done_in(tx: &mut SqliteConnection, id: i64, done: bool, at: &At) -> Result<()> {
    let changed = sqlx::query(
        "UPDATE service_follow_ups SET done_on = CASE WHEN ? THEN COALESCE(done_on, ?) END, updated_at = ? WHERE id = ?",
    )
    .bind(done)
    .bind(ymd(at.date))
    .bind(&at.stamp)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "follow_up", id });
    }
    Ok(())
}

pub async fn delete_follow_up(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("DELETE FROM service_follow_ups WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "follow_up", id });
    }
    tx.commit().await?;
    Ok(())
}
