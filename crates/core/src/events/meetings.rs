//! Brokerage: bilateral meetings between the participants of an event.
//!
//! The rule: in one slot, a person — and an organisation, whoever represents it — is in at most
//! one meeting of the event. Meetings marked `not_held` free their slot. The check runs inside
//! the write transaction, so two staff members cannot book the same person twice at once.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use sqlx::{Row, SqliteConnection};

use super::model::*;
use super::write::event_days;
use crate::error::FieldError;
use crate::registrations::{Offering, RegistrationState, RegistrationView, roster_in};
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// The stored form of a slot: local date and time of its start, to the minute.
pub const SLOT_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Records a meeting (a new one when `id` is None) after checking both sides, the slot and the
/// outcome; refused fields: `invitee_id` (`meeting_same_person`, `meeting_same_organisation`),
/// `requester_id` / `invitee_id` (`meeting_not_participant`), `slot` (`slot_format`,
/// `slot_outside_event`, `slot_required`, `slot_person_busy`, `slot_organisation_busy`),
/// `outcome` (`outcome_needs_held`).
pub async fn save_meeting(store: &Store, event_id: i64, id: Option<i64>, input: &MeetingInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_meeting_in(&mut tx, event_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_meeting_in(
    tx: &mut SqliteConnection,
    event_id: i64,
    id: Option<i64>,
    input: &MeetingInput,
    at: &At,
) -> Result<i64> {
    let days: Option<(String, String)> = sqlx::query_as("SELECT starts_on, ends_on FROM events WHERE id = ?")
        .bind(event_id)
        .fetch_optional(&mut *tx)
        .await?;
    let (starts_on, ends_on) = days.ok_or(Error::NotFound { entity: "event", id: event_id })?;
    if let Some(id) = id {
        let of: Option<i64> =
            sqlx::query_scalar("SELECT event_id FROM meetings WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
        if of != Some(event_id) {
            return Err(Error::NotFound { entity: "meeting", id });
        }
    }
    let roster = roster_by_id(tx, event_id).await?;
    let mut problems = Problems::default();

    let side = |field: &str, registration_id: i64, problems: &mut Problems| -> Option<&RegistrationView> {
        match roster.get(&registration_id) {
            Some(r) if r.state.holds_seat() && r.state != RegistrationState::NoShow => Some(r),
            _ => {
                problems.add(FieldError::new(field, "meeting_not_participant"));
                None
            }
        }
    };
    let requester = side("requester_id", input.requester_id, &mut problems);
    let invitee = side("invitee_id", input.invitee_id, &mut problems);
    if let (Some(a), Some(b)) = (requester, invitee) {
        if a.participant_id == b.participant_id {
            problems.add(FieldError::new("invitee_id", "meeting_same_person"));
        } else if organisation_key(a).is_some() && organisation_key(a) == organisation_key(b) {
            problems.add(FieldError::new("invitee_id", "meeting_same_organisation"));
        }
    }

    let slot = input.slot.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let slot = match slot.map(|s| NaiveDateTime::parse_from_str(s, SLOT_FORMAT)) {
        None => None,
        Some(Err(_)) => {
            problems.add(FieldError::new("slot", "slot_format"));
            None
        }
        Some(Ok(at)) => {
            if let Some((first, last)) = event_days(&starts_on, &ends_on)
                && (at.date() < first || at.date() > last)
            {
                problems
                    .add(FieldError::new("slot", "slot_outside_event").with("from", &starts_on).with("to", &ends_on));
            }
            Some(at.format(SLOT_FORMAT).to_string())
        }
    };
    if input.status == MeetingStatus::Held && input.slot.as_deref().is_none_or(|s| s.trim().is_empty()) {
        problems.add(FieldError::new("slot", "slot_required"));
    }
    if input.status != MeetingStatus::Held && input.outcome != MeetingOutcome::None {
        problems.add(FieldError::new("outcome", "outcome_needs_held"));
    }
    let table_label = tidy(&comma_below(&input.table_label));
    problems.check("table_label", check::max_len(&table_label, 50));
    let notes = comma_below(input.notes.trim());
    problems.check("notes", check::max_len(&notes, 5000));

    if let (Some(slot), Some(a), Some(b), true) = (&slot, requester, invitee, input.status != MeetingStatus::NotHeld) {
        busy_problems(tx, event_id, id, slot, [a, b], &roster, &mut problems).await?;
    }
    problems.into_result()?;

    let now = at.stamp.clone();
    Ok(sqlx::query_scalar(
        "INSERT INTO meetings (id, event_id, requester_id, invitee_id, slot, table_label, status, outcome, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET requester_id = excluded.requester_id, \
         invitee_id = excluded.invitee_id, slot = excluded.slot, table_label = excluded.table_label, status = excluded.status, \
         outcome = excluded.outcome, notes = excluded.notes, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(event_id)
    .bind(input.requester_id)
    .bind(input.invitee_id)
    .bind(&slot)
    .bind(&table_label)
    .bind(input.status.code())
    .bind(input.outcome.code())
    .bind(&notes)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Adds a `slot` problem for each side already in another live meeting of the slot, in person or
/// through their organisation.
async fn busy_problems(
    tx: &mut SqliteConnection,
    event_id: i64,
    id: Option<i64>,
    slot: &str,
    sides: [&RegistrationView; 2],
    roster: &HashMap<i64, RegistrationView>,
    problems: &mut Problems,
) -> Result<()> {
    let others: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT requester_id, invitee_id FROM meetings WHERE event_id = ? AND slot = ? AND status <> 'not_held' AND id IS NOT ?",
    )
    .bind(event_id)
    .bind(slot)
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let busy: Vec<&RegistrationView> = others.iter().flat_map(|(a, b)| [a, b]).filter_map(|r| roster.get(r)).collect();
    for side in sides {
        if busy.iter().any(|b| b.participant_id == side.participant_id) {
            problems.add(FieldError::new("slot", "slot_person_busy").with("name", &side.name).with("slot", slot));
        } else if let Some(key) = organisation_key(side)
            && busy.iter().any(|b| organisation_key(b).as_ref() == Some(&key))
        {
            problems.add(
                FieldError::new("slot", "slot_organisation_busy")
                    .with("organisation", &side.organisation)
                    .with("slot", slot),
            );
        }
    }
    Ok(())
}

/// Who a participant stands for: the member organisation, else the cluster of a contact, else
/// the organisation typed (folded, so that "Tehnoplast" and "TEHNOPLAST " are one).
pub(crate) fn organisation_key(r: &RegistrationView) -> Option<String> {
    match (r.organisation_id, r.contact_id, r.cluster_id) {
        (Some(id), _, _) => Some(format!("organisation:{id}")),
        (None, Some(_), Some(cluster)) => Some(format!("cluster:{cluster}")),
        _ => Some(fold(&tidy(&r.organisation))).filter(|k| !k.is_empty()).map(|k| format!("name:{k}")),
    }
}

pub async fn delete_meeting(store: &Store, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM meetings WHERE id = ?").bind(id).execute(store.pool()).await?;
    if done.rows_affected() == 0 { Err(Error::NotFound { entity: "meeting", id }) } else { Ok(()) }
}

pub(crate) async fn roster_by_id(conn: &mut SqliteConnection, event_id: i64) -> Result<HashMap<i64, RegistrationView>> {
    Ok(roster_in(conn, Offering::event(event_id)).await?.into_iter().map(|r| (r.id, r)).collect())
}

/// The meetings of an event, by slot (those without one last), then as recorded.
pub(crate) async fn meetings_in(
    conn: &mut SqliteConnection,
    event_id: i64,
    roster: &HashMap<i64, RegistrationView>,
) -> Result<Vec<Meeting>> {
    let rows = sqlx::query(
        "SELECT id, requester_id, invitee_id, slot, table_label, status, outcome, notes FROM meetings \
         WHERE event_id = ? ORDER BY slot IS NULL, slot, id",
    )
    .bind(event_id)
    .fetch_all(&mut *conn)
    .await?;
    let side = |id: i64| -> MeetingSide {
        match roster.get(&id) {
            Some(r) => MeetingSide {
                registration_id: id,
                name: r.name.clone(),
                organisation: r.organisation.clone(),
                country: r.country.clone(),
            },
            None => MeetingSide {
                registration_id: id,
                name: String::new(),
                organisation: String::new(),
                country: String::new(),
            },
        }
    };
    rows.iter()
        .map(|row| {
            Ok(Meeting {
                id: row.try_get("id")?,
                event_id,
                requester: side(row.try_get("requester_id")?),
                invitee: side(row.try_get("invitee_id")?),
                slot: row.try_get("slot")?,
                table_label: row.try_get("table_label")?,
                status: row.try_get("status")?,
                outcome: row.try_get("outcome")?,
                notes: row.try_get("notes")?,
            })
        })
        .collect()
}
