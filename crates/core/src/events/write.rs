//! Creating and changing events. Registrations are not written here: they go through
//! [`registrations`](crate::registrations) with `Offering::event(id)`.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::*;
use crate::error::FieldError;
use crate::registrations::{self, AUTOMATIC, At, Offering, REASON_CAPACITY_INCREASED, fill_in};
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::trainings::must_exist;
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// The largest capacity an event can have: a big conference, not a typing slip.
const MAX_CAPACITY: i64 = 10_000;

pub async fn create_event(store: &Store, input: &EventInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = create_event_in(&mut tx, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn create_event_in(tx: &mut SqliteConnection, input: &EventInput, at: &At) -> Result<i64> {
    let input = clean(tx, input).await?;
    write_in(tx, None, &input, at).await
}

/// Changes an event. Its capacity cannot drop below the places already taken; when it grows, the
/// waitlist is served in the same transaction (the shared registration rules).
pub async fn update_event(store: &Store, id: i64, input: &EventInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    must_exist(&mut tx, "events", "event", Some(id)).await?;
    // Every refused field at once, the capacity among them.
    let capacity = registrations::capacity_problem_in(&mut tx, Offering::event(id), input.capacity).await?;
    let input = match (clean(&mut tx, input).await, capacity) {
        (Ok(input), None) => input,
        (Ok(_), Some(problem)) => return Err(Error::Invalid(vec![problem])),
        (Err(Error::Invalid(mut fields)), problem) => {
            fields.extend(problem);
            return Err(Error::Invalid(fields));
        }
        (Err(e), _) => return Err(e),
    };
    write_in(&mut tx, Some(id), &input, &at).await?;
    fill_in(&mut tx, Offering::event(id), &at, AUTOMATIC, REASON_CAPACITY_INCREASED).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an event with its registrations and meetings. Refused once anybody attended it: the
/// record of what happened stays.
pub async fn delete_event(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    must_exist(&mut tx, "events", "event", Some(id)).await?;
    let counts = registrations::counts_in(&mut tx, Offering::event(id)).await?;
    if counts.attended > 0 {
        return Err(Error::refused("error.event_has_attendance"));
    }
    sqlx::query("DELETE FROM events WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the staff's evaluation notes of an event.
pub async fn set_evaluation(store: &Store, id: i64, evaluation: &str) -> Result<()> {
    let evaluation = comma_below(evaluation.trim());
    let mut problems = Problems::default();
    problems.check("evaluation", check::max_len(&evaluation, 20_000));
    problems.into_result()?;
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("UPDATE events SET evaluation = ?, updated_at = ? WHERE id = ?")
        .bind(&evaluation)
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "event", id });
    }
    tx.commit().await?;
    Ok(())
}

async fn write_in(tx: &mut SqliteConnection, id: Option<i64>, input: &EventInput, at: &At) -> Result<i64> {
    let now = at.stamp.clone();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO events (id, kind, title, starts_on, ends_on, place, country, organiser_id, budget_bani, capacity, \
         registration_deadline, status, description, evaluation, sort_title, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, \
         title = excluded.title, starts_on = excluded.starts_on, ends_on = excluded.ends_on, place = excluded.place, \
         country = excluded.country, organiser_id = excluded.organiser_id, budget_bani = excluded.budget_bani, \
         capacity = excluded.capacity, registration_deadline = excluded.registration_deadline, status = excluded.status, \
         description = excluded.description, evaluation = excluded.evaluation, sort_title = excluded.sort_title, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(input.kind.code())
    .bind(&input.title)
    .bind(&input.starts_on)
    .bind(&input.ends_on)
    .bind(&input.place)
    .bind(&input.country)
    .bind(input.organiser_id)
    .bind(input.budget_bani)
    .bind(input.capacity)
    .bind(&input.registration_deadline)
    .bind(input.status.code())
    .bind(&input.description)
    .bind(&input.evaluation)
    .bind(fold(&input.title))
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM event_co_organisers WHERE event_id = ?").bind(id).execute(&mut *tx).await?;
    for partner_id in &input.co_organiser_ids {
        sqlx::query("INSERT INTO event_co_organisers (event_id, partner_id) VALUES (?, ?)")
            .bind(id)
            .bind(partner_id)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM event_sectors WHERE event_id = ?").bind(id).execute(&mut *tx).await?;
    for sector in &input.sectors {
        sqlx::query("INSERT INTO event_sectors (event_id, sector) VALUES (?, ?)")
            .bind(id)
            .bind(sector.code())
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

async fn partner_exists(conn: &mut SqliteConnection, id: i64) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)").bind(id).fetch_one(&mut *conn).await?)
}

/// The input tidied and checked; every refused field at once.
async fn clean(conn: &mut SqliteConnection, input: &EventInput) -> Result<EventInput> {
    let mut problems = Problems::default();
    let title = tidy(&comma_below(&input.title));
    problems.check("title", check::required(&title));
    problems.check("title", check::max_len(&title, 300));
    let starts = check::date(input.starts_on.trim());
    let ends = check::date(input.ends_on.trim());
    let deadline = check::date(input.registration_deadline.trim());
    if let (Ok(starts), Ok(ends)) = (&starts, &ends)
        && ends < starts
    {
        problems.add(FieldError::new("ends_on", "ends_before_start"));
    }
    if let (Ok(deadline), Ok(ends)) = (&deadline, &ends)
        && deadline > ends
    {
        problems.add(FieldError::new("registration_deadline", "deadline_after_end"));
    }
    problems.check("starts_on", starts.map(|_| ()));
    problems.check("ends_on", ends.map(|_| ()));
    problems.check("registration_deadline", deadline.map(|_| ()));
    let place = tidy(&comma_below(&input.place));
    problems.check("place", check::max_len(&place, 300));
    let country = check::country(&input.country).unwrap_or_default();
    problems.check("country", check::country(&input.country).map(|_| ()));
    if input.capacity <= 0 {
        problems.add(FieldError::new("capacity", "positive"));
    } else if input.capacity > MAX_CAPACITY {
        problems.add(FieldError::new("capacity", "too_large").with("max", MAX_CAPACITY));
    }
    problems.check("budget_bani", check::non_negative(Some(input.budget_bani)));
    if let Some(organiser) = input.organiser_id
        && !partner_exists(conn, organiser).await?
    {
        problems.add(FieldError::new("organiser_id", "partner_missing"));
    }
    let mut co_organisers: Vec<i64> = Vec::new();
    for &partner in &input.co_organiser_ids {
        if Some(partner) == input.organiser_id || co_organisers.contains(&partner) {
            continue;
        }
        if !partner_exists(conn, partner).await? {
            problems.add(FieldError::new("co_organiser_ids", "partner_missing"));
        }
        co_organisers.push(partner);
    }
    let mut sectors = input.sectors.clone();
    sectors.sort();
    sectors.dedup();
    let description = comma_below(input.description.trim());
    problems.check("description", check::max_len(&description, 5000));
    let evaluation = comma_below(input.evaluation.trim());
    problems.check("evaluation", check::max_len(&evaluation, 20_000));
    problems.into_result()?;
    Ok(EventInput {
        kind: input.kind,
        title,
        starts_on: input.starts_on.trim().to_string(),
        ends_on: input.ends_on.trim().to_string(),
        place,
        country: if country.is_empty() { "RO".into() } else { country },
        organiser_id: input.organiser_id,
        co_organiser_ids: co_organisers,
        budget_bani: input.budget_bani,
        capacity: input.capacity,
        registration_deadline: input.registration_deadline.trim().to_string(),
        status: input.status,
        sectors,
        description,
        evaluation,
    })
}

/// The days an event covers, for checking a meeting's slot.
pub(crate) fn event_days(starts_on: &str, ends_on: &str) -> Option<(NaiveDate, NaiveDate)> {
    Some((check::date(starts_on).ok()?, check::date(ends_on).ok()?))
}
