use sqlx::{Row, SqliteConnection};

use super::model::*;
use super::offering::{manual_states, terms_in};
use crate::error::FieldError;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// Who records automatic changes (completion from attendance) in the history.
pub const AUTOMATIC: &str = "auto";

pub(crate) use crate::clock::At;

/// Registers a participant for an offering, in one write transaction.
///
/// Refused (field `participant`, code `already_registered`) when the person already has a live
/// registration for it; after the deadline (field `override_reason`, code `deadline_passed`) unless
/// an override reason is given, which is then kept. Past the capacity, or while others wait, the
/// registration is `waitlisted`; otherwise `enrolled`.
pub async fn register(
    store: &Store,
    offering: Offering,
    participant_id: i64,
    options: RegisterOptions,
) -> Result<Registration> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let registration = register_in(&mut tx, offering, participant_id, &options, &at).await?;
    tx.commit().await?;
    Ok(registration)
}

/// Who is being registered: a participant already on record, a cluster contact (who gets a
/// participant row on first registration), or a new external person.
#[derive(Debug, Clone)]
pub enum Person {
    Participant(i64),
    Contact(i64),
    External(ParticipantInput),
}

/// Records the person if needed and registers them, in one transaction: a refusal (a passed
/// deadline, say) leaves no half-made participant behind to be duplicated on the next try.
pub async fn register_person(
    store: &Store,
    offering: Offering,
    person: &Person,
    options: RegisterOptions,
) -> Result<Registration> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let participant_id = match person {
        Person::Participant(id) => *id,
        Person::Contact(contact_id) => super::participant_for_contact_in(&mut tx, *contact_id, &at).await?,
        Person::External(input) => super::create_external_participant_in(&mut tx, input, &at).await?,
    };
    let registration = register_in(&mut tx, offering, participant_id, &options, &at).await?;
    tx.commit().await?;
    Ok(registration)
}

pub(crate) async fn register_in(
    tx: &mut SqliteConnection,
    offering: Offering,
    participant_id: i64,
    options: &RegisterOptions,
    at: &At,
) -> Result<Registration> {
    let by = clean_by(&options.by)?;
    let found: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM participants WHERE id = ?)")
        .bind(participant_id)
        .fetch_one(&mut *tx)
        .await?;
    if !found {
        return Err(Error::NotFound { entity: "participant", id: participant_id });
    }
    let terms = terms_in(tx, offering).await?;
    if !terms.open {
        return Err(Error::invalid("offering", "offering_closed"));
    }
    let live: Option<RegistrationState> = sqlx::query_scalar(
        "SELECT state FROM registrations WHERE offering_kind = ? AND offering_id = ? AND participant_id = ? AND state <> 'cancelled'",
    )
    .bind(offering.kind.code())
    .bind(offering.id)
    .bind(participant_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(state) = live {
        return Err(Error::Invalid(vec![
            FieldError::new("participant", "already_registered").with("state", state.code()),
        ]));
    }
    let reason = options.override_reason.as_deref().map(|r| tidy(&comma_below(r))).filter(|r| !r.is_empty());
    let late_reason = if at.date > terms.deadline {
        match reason {
            Some(reason) => {
                let mut problems = Problems::default();
                problems.check("override_reason", check::max_len(&reason, 500));
                problems.into_result()?;
                Some(reason)
            }
            None => {
                return Err(Error::Invalid(vec![
                    FieldError::new("override_reason", "deadline_passed")
                        .with("deadline", terms.deadline.format("%Y-%m-%d")),
                ]));
            }
        }
    } else {
        None
    };

    let counts = counts_in(tx, offering).await?;
    let state = if counts.seated < terms.capacity && counts.waitlisted == 0 {
        RegistrationState::Enrolled
    } else {
        RegistrationState::Waitlisted
    };
    let arrival: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(arrival), 0) + 1 FROM registrations").fetch_one(&mut *tx).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (offering_kind, offering_id, participant_id, state, arrival, registered_at, late_override_reason, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(offering.kind.code())
    .bind(offering.id)
    .bind(participant_id)
    .bind(state.code())
    .bind(arrival)
    .bind(&at.stamp)
    .bind(&late_reason)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    record_change(tx, id, None, state, at, &by, late_reason.as_deref().unwrap_or("")).await?;
    Ok(Registration {
        id,
        offering,
        participant_id,
        state,
        arrival,
        registered_at: at.stamp.clone(),
        late_override_reason: late_reason,
    })
}

/// Cancels a registration. When it held a place, the first person of the waitlist (by arrival)
/// is enrolled in the same transaction; both changes go to the history.
pub async fn cancel(store: &Store, registration_id: i64, by: &str) -> Result<CancelOutcome> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let outcome = cancel_in(&mut tx, registration_id, by, "", &at).await?;
    tx.commit().await?;
    Ok(outcome)
}

pub(crate) async fn cancel_in(
    tx: &mut SqliteConnection,
    registration_id: i64,
    by: &str,
    reason: &str,
    at: &At,
) -> Result<CancelOutcome> {
    let by = clean_by(by)?;
    let current = get_in(tx, registration_id).await?;
    if current.state == RegistrationState::Cancelled {
        return Err(Error::refused("error.already_cancelled"));
    }
    if !current.state.can_cancel() {
        return Err(Error::refused("error.registration_closed"));
    }
    set_state_in(tx, registration_id, RegistrationState::Cancelled, at, &by, reason).await?;
    let promoted = fill_in(tx, current.offering, at, &by, "").await?;
    let cancelled = get_in(tx, registration_id).await?;
    Ok(CancelOutcome { cancelled, promoted: promoted.into_iter().next() })
}

/// Moves a registration to another state by hand: confirmed, attended or no-show for an event
/// (and back, to correct a mistake). Which states a kind of offering allows is decided by
/// `offering::manual_states`; a waitlisted person must first get a place, a cancelled one
/// register again. Every state allowed here holds a place, so the waitlist is not touched.
pub async fn change_state(
    store: &Store,
    registration_id: i64,
    to: RegistrationState,
    by: &str,
    reason: &str,
) -> Result<Registration> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let registration = change_state_in(&mut tx, registration_id, to, by, reason, &at).await?;
    tx.commit().await?;
    Ok(registration)
}

pub(crate) async fn change_state_in(
    tx: &mut SqliteConnection,
    registration_id: i64,
    to: RegistrationState,
    by: &str,
    reason: &str,
    at: &At,
) -> Result<Registration> {
    let by = clean_by(by)?;
    let current = get_in(tx, registration_id).await?;
    let allowed = manual_states(current.offering.kind);
    if !allowed.contains(&to) {
        return Err(Error::refused("error.registration_state_not_allowed"));
    }
    match current.state {
        RegistrationState::Waitlisted => return Err(Error::refused("error.registration_waitlisted")),
        RegistrationState::Cancelled => return Err(Error::refused("error.already_cancelled")),
        state if !allowed.contains(&state) => return Err(Error::refused("error.registration_state_not_allowed")),
        _ => {}
    }
    set_state_in(tx, registration_id, to, at, &by, tidy(reason).as_str()).await?;
    get_in(tx, registration_id).await
}

/// Why people were promoted when an offering's capacity grew (kept in their history).
pub const REASON_CAPACITY_INCREASED: &str = "capacity_increased";

/// The refusal of a new capacity below the places already taken (field `capacity`, code
/// `capacity_below_seated`), for the offering's own form to report with its other fields.
pub(crate) async fn capacity_problem_in(
    conn: &mut SqliteConnection,
    offering: Offering,
    capacity: i64,
) -> Result<Option<FieldError>> {
    let counts = counts_in(conn, offering).await?;
    Ok((capacity < counts.seated)
        .then(|| FieldError::new("capacity", "capacity_below_seated").with("count", counts.seated)))
}

/// Enrols waitlisted people, first come first served, while the offering has free places (after
/// a cancellation, or when its capacity grows). Returns those promoted.
pub(crate) async fn fill_in(
    tx: &mut SqliteConnection,
    offering: Offering,
    at: &At,
    by: &str,
    reason: &str,
) -> Result<Vec<Registration>> {
    let terms = terms_in(tx, offering).await?;
    let mut promoted = Vec::new();
    if !terms.open {
        return Ok(promoted);
    }
    let counts = counts_in(tx, offering).await?;
    let free = (terms.capacity - counts.seated).max(0);
    let next: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE offering_kind = ? AND offering_id = ? AND state = 'waitlisted' ORDER BY arrival LIMIT ?",
    )
    .bind(offering.kind.code())
    .bind(offering.id)
    .bind(free)
    .fetch_all(&mut *tx)
    .await?;
    for id in next {
        set_state_in(tx, id, RegistrationState::Enrolled, at, by, reason).await?;
        promoted.push(get_in(tx, id).await?);
    }
    Ok(promoted)
}

/// Moves a registration to `to` and records the change; nothing happens when it is already there.
/// The caller checks that the move is allowed.
pub(crate) async fn set_state_in(
    tx: &mut SqliteConnection,
    registration_id: i64,
    to: RegistrationState,
    at: &At,
    by: &str,
    reason: &str,
) -> Result<bool> {
    let from: RegistrationState = sqlx::query_scalar("SELECT state FROM registrations WHERE id = ?")
        .bind(registration_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound { entity: "registration", id: registration_id })?;
    if from == to {
        return Ok(false);
    }
    sqlx::query("UPDATE registrations SET state = ?, updated_at = ? WHERE id = ?")
        .bind(to.code())
        .bind(&at.stamp)
        .bind(registration_id)
        .execute(&mut *tx)
        .await?;
    record_change(tx, registration_id, Some(from), to, at, by, reason).await?;
    Ok(true)
}

async fn record_change(
    tx: &mut SqliteConnection,
    registration_id: i64,
    from: Option<RegistrationState>,
    to: RegistrationState,
    at: &At,
    by: &str,
    reason: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO registration_changes (registration_id, from_state, to_state, changed_at, changed_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(registration_id)
    .bind(from.map(RegistrationState::code))
    .bind(to.code())
    .bind(&at.stamp)
    .bind(by)
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn clean_by(by: &str) -> Result<String> {
    let by = tidy(&comma_below(by));
    let mut problems = Problems::default();
    problems.check("by", check::required(&by));
    problems.check("by", check::max_len(&by, 200));
    problems.into_result()?;
    Ok(by)
}

/// One registration as stored.
pub(crate) async fn get_in(conn: &mut SqliteConnection, id: i64) -> Result<Registration> {
    let row = sqlx::query(
        "SELECT id, offering_kind, offering_id, participant_id, state, arrival, registered_at, late_override_reason \
         FROM registrations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound { entity: "registration", id })?;
    Ok(Registration {
        id: row.try_get("id")?,
        offering: Offering { kind: row.try_get("offering_kind")?, id: row.try_get("offering_id")? },
        participant_id: row.try_get("participant_id")?,
        state: row.try_get("state")?,
        arrival: row.try_get("arrival")?,
        registered_at: row.try_get("registered_at")?,
        late_override_reason: row.try_get("late_override_reason")?,
    })
}

/// How many registrations of the offering are in each state.
pub(crate) async fn counts_in(conn: &mut SqliteConnection, offering: Offering) -> Result<StateCounts> {
    let rows: Vec<(RegistrationState, i64)> = sqlx::query_as(
        "SELECT state, count(*) FROM registrations WHERE offering_kind = ? AND offering_id = ? GROUP BY state",
    )
    .bind(offering.kind.code())
    .bind(offering.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = StateCounts::default();
    for (state, n) in rows {
        if state.holds_seat() {
            counts.seated += n;
        }
        match state {
            RegistrationState::Enrolled => counts.enrolled = n,
            RegistrationState::Waitlisted => counts.waitlisted = n,
            RegistrationState::Cancelled => counts.cancelled = n,
            RegistrationState::Completed => counts.completed = n,
            RegistrationState::NoShow => counts.no_show = n,
            RegistrationState::Confirmed => counts.confirmed = n,
            RegistrationState::Attended => counts.attended = n,
        }
    }
    Ok(counts)
}
