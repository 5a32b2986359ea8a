//! Attendance, the completion rule and certificate numbers.
//!
//! **The completion rule.** A session's hours are the sum of its days' hours. For everyone holding
//! a place (enrolled, completed or no-show), with `attended` the hours of the days they were marked
//! present (a day without a mark counts as absent):
//!
//! - `completed` when `attended ≥ completion_percent % × session hours` (the course's share, 80 by
//!   default), compared exactly in hundredths of an hour — 8 of 10 hours completes an 80 % course,
//!   7.9 does not;
//! - `no_show` when they were present on no day at all;
//! - otherwise they stay `enrolled`: partial attendance, no certificate (the session page shows
//!   their hours).
//!
//! The rule is applied when staff close a session with [`complete_session`] (allowed from its last
//! day on; the session becomes `held`), and from then on again whenever its attendance, its days or
//! its course's share change, so that a correction after closing keeps states and certificates
//! right. Before closing, marks are only recorded.
//!
//! **Certificates.** Whoever becomes `completed` gets a number `CLUSTERO-<year>-<NNNN>`, the
//! sequence counted per year of issue and never reused. If a correction takes the completion away
//! the certificate is revoked (not printed); if it comes back, so does the same number.

use chrono::{Datelike, NaiveDate};
use sqlx::SqliteConnection;

use super::model::*;
use super::sessions::{get_session_in, hundredths_of, status_in};
use crate::error::FieldError;
use crate::registrations::{
    self, AUTOMATIC, At, OfferingKind, Registration, RegistrationState, SEATED_SQL, set_state_in,
};
use crate::store::Store;
use crate::validation as check;
use crate::{Error, Result};

/// The history reason of changes made by the completion rule (message key `enrolment.reason.completion_rule`).
pub const REASON_COMPLETION_RULE: &str = "completion_rule";

/// The prefix of certificate numbers.
pub const CERTIFICATE_PREFIX: &str = "CLUSTERO";

/// Hundredths of an hour back to hours.
pub(crate) fn hundredths(value: i64) -> f64 {
    value as f64 / 100.0
}

/// Where a person holding a place ends up, by the rule above (hours in hundredths).
pub fn outcome(attended: i64, total: i64, completion_percent: i64, present_days: i64) -> RegistrationState {
    if total > 0 && attended * 100 >= completion_percent * total {
        RegistrationState::Completed
    } else if present_days == 0 {
        RegistrationState::NoShow
    } else {
        RegistrationState::Enrolled
    }
}

/// Marks a person present or absent on one day of their session. Refused for someone without a
/// place (`error.not_enrolled`), for a day the session does not have (`day_not_in_session`) or a
/// day still to come (`date_in_future`). On a held session the completion rule is applied to the
/// person at once. Returns the registration as it now stands.
pub async fn record_attendance(store: &Store, registration_id: i64, day: &str, present: bool) -> Result<Registration> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let registration = record_attendance_in(&mut tx, registration_id, day, present, &at).await?;
    tx.commit().await?;
    Ok(registration)
}

pub(crate) async fn record_attendance_in(
    tx: &mut SqliteConnection,
    registration_id: i64,
    day: &str,
    present: bool,
    at: &At,
) -> Result<Registration> {
    let registration = registrations::get_in(tx, registration_id).await?;
    if registration.offering.kind != OfferingKind::Session {
        return Err(Error::refused("error.not_a_training"));
    }
    let session_id = registration.offering.id;
    let status = status_in(tx, session_id).await?;
    if status == SessionStatus::Cancelled {
        return Err(Error::refused("error.session_cancelled"));
    }
    if !registration.state.holds_seat() {
        return Err(Error::refused("error.not_enrolled"));
    }
    let date = check::date(day.trim()).map_err(|mut e| {
        e.field = "day".into();
        Error::Invalid(vec![e])
    })?;
    let day = date.format("%Y-%m-%d").to_string();
    let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM session_days WHERE session_id = ? AND day = ?)")
        .bind(session_id)
        .bind(&day)
        .fetch_one(&mut *tx)
        .await?;
    if !known {
        return Err(Error::Invalid(vec![FieldError::new("day", "day_not_in_session")]));
    }
    if date > at.date {
        return Err(Error::Invalid(vec![FieldError::new("day", "date_in_future")]));
    }
    sqlx::query(
        "INSERT INTO attendance (registration_id, day, present, recorded_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (registration_id, day) DO UPDATE SET present = excluded.present, recorded_at = excluded.recorded_at",
    )
    .bind(registration_id)
    .bind(&day)
    .bind(present)
    .bind(&at.stamp)
    .execute(&mut *tx)
    .await?;
    if status == SessionStatus::Held {
        let rule = Rule::of(tx, session_id).await?;
        let (attended, days) = attended_in(tx, registration_id).await?;
        apply(tx, &rule, registration_id, attended, days, at).await?;
    }
    registrations::get_in(tx, registration_id).await
}

/// Closes a session that has reached its last day: applies the completion rule to everyone
/// holding a place, gives certificate numbers to those who completed, and marks the session
/// `held`. Running it again (after corrections) is harmless.
pub async fn complete_session(store: &Store, session_id: i64) -> Result<CompletionSummary> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let summary = complete_session_in(&mut tx, session_id, &at).await?;
    tx.commit().await?;
    Ok(summary)
}

pub(crate) async fn complete_session_in(
    tx: &mut SqliteConnection,
    session_id: i64,
    at: &At,
) -> Result<CompletionSummary> {
    let session = get_session_in(tx, session_id).await?;
    if session.status == SessionStatus::Cancelled {
        return Err(Error::refused("error.session_cancelled"));
    }
    let last = NaiveDate::parse_from_str(&session.last_day, "%Y-%m-%d").unwrap_or(NaiveDate::MAX);
    if last > at.date {
        return Err(Error::Refused {
            code: "error.session_not_over",
            params: [("day".to_string(), session.last_day.clone())].into(),
        });
    }
    sqlx::query("UPDATE sessions SET status = 'held', updated_at = ? WHERE id = ?")
        .bind(&at.stamp)
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
    evaluate_session_in(tx, session_id, at).await
}

/// Applies the completion rule to everyone holding a place in the session.
pub(crate) async fn evaluate_session_in(
    tx: &mut SqliteConnection,
    session_id: i64,
    at: &At,
) -> Result<CompletionSummary> {
    let rule = Rule::of(tx, session_id).await?;
    let seated = seated_in(tx, session_id).await?;
    let mut summary = CompletionSummary::default();
    for registration_id in seated {
        let (attended, days) = attended_in(tx, registration_id).await?;
        let (state, certificate) = apply(tx, &rule, registration_id, attended, days, at).await?;
        match state {
            RegistrationState::Completed => summary.completed += 1,
            RegistrationState::NoShow => summary.no_show += 1,
            _ => summary.partial += 1,
        }
        summary.new_certificates.extend(certificate);
    }
    Ok(summary)
}

/// What the rule needs of a session: its hours (hundredths) and its course's share.
struct Rule {
    total: i64,
    percent: i64,
}

impl Rule {
    async fn of(conn: &mut SqliteConnection, session_id: i64) -> Result<Rule> {
        let percent: i64 = sqlx::query_scalar(
            "SELECT c.completion_percent FROM sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = ?",
        )
        .bind(session_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "session", id: session_id })?;
        let hours: Vec<f64> = sqlx::query_scalar("SELECT hours FROM session_days WHERE session_id = ?")
            .bind(session_id)
            .fetch_all(&mut *conn)
            .await?;
        Ok(Rule { total: hours.into_iter().map(hundredths_of).sum(), percent })
    }
}

/// The registrations holding a place in the session, by arrival.
async fn seated_in(conn: &mut SqliteConnection, session_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM registrations WHERE offering_kind = 'session' AND offering_id = ? AND state IN {SEATED_SQL} ORDER BY arrival"
    )))
    .bind(session_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The hours (hundredths) and days a registration was present.
async fn attended_in(conn: &mut SqliteConnection, registration_id: i64) -> Result<(i64, i64)> {
    let hours: Vec<f64> = sqlx::query_scalar(
        "SELECT d.hours FROM attendance a JOIN registrations r ON r.id = a.registration_id \
         JOIN session_days d ON d.session_id = r.offering_id AND d.day = a.day \
         WHERE a.registration_id = ? AND a.present = 1 AND r.offering_kind = 'session'",
    )
    .bind(registration_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok((hours.iter().copied().map(hundredths_of).sum(), hours.len() as i64))
}

/// Moves one registration to the state the rule gives, and issues or revokes its certificate.
/// Returns the state and a newly given certificate number, if any.
async fn apply(
    tx: &mut SqliteConnection,
    rule: &Rule,
    registration_id: i64,
    attended: i64,
    days: i64,
    at: &At,
) -> Result<(RegistrationState, Option<String>)> {
    let state = outcome(attended, rule.total, rule.percent, days);
    set_state_in(tx, registration_id, state, at, AUTOMATIC, REASON_COMPLETION_RULE).await?;
    if state == RegistrationState::Completed {
        Ok((state, issue_certificate_in(tx, registration_id, at).await?))
    } else {
        sqlx::query("UPDATE certificates SET revoked_at = ? WHERE registration_id = ? AND revoked_at IS NULL")
            .bind(&at.stamp)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
        Ok((state, None))
    }
}

/// Gives the registration its certificate number (or restores a revoked one); returns the number
/// when it is new.
async fn issue_certificate_in(tx: &mut SqliteConnection, registration_id: i64, at: &At) -> Result<Option<String>> {
    let existing: Option<String> = sqlx::query_scalar("SELECT number FROM certificates WHERE registration_id = ?")
        .bind(registration_id)
        .fetch_optional(&mut *tx)
        .await?;
    if existing.is_some() {
        sqlx::query("UPDATE certificates SET revoked_at = NULL WHERE registration_id = ?")
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
        return Ok(None);
    }
    let year = at.date.year();
    let seq: i64 = sqlx::query_scalar(
        "INSERT INTO certificate_counters (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("{CERTIFICATE_PREFIX}-{year}-{seq:04}");
    sqlx::query("INSERT INTO certificates (registration_id, number, year, seq, issued_on) VALUES (?, ?, ?, ?, ?)")
        .bind(registration_id)
        .bind(&number)
        .bind(year)
        .bind(seq)
        .bind(at.date.format("%Y-%m-%d").to_string())
        .execute(&mut *tx)
        .await?;
    Ok(Some(number))
}

/// The attendance so far of everyone holding a place in the session.
pub(crate) async fn progress_in(conn: &mut SqliteConnection, session_id: i64) -> Result<Vec<Progress>> {
    let rule = Rule::of(conn, session_id).await?;
    let seated = seated_in(conn, session_id).await?;
    let mut progress = Vec::with_capacity(seated.len());
    for registration_id in seated {
        let (attended, days) = attended_in(conn, registration_id).await?;
        progress.push(Progress {
            registration_id,
            attended_hours: hundredths(attended),
            days_present: days,
            meets_completion: outcome(attended, rule.total, rule.percent, days) == RegistrationState::Completed,
        });
    }
    Ok(progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_at_its_edges() {
        // 10 hours, 80 %: 8 hours complete, 7.99 do not.
        assert_eq!(outcome(800, 1000, 80, 1), RegistrationState::Completed);
        assert_eq!(outcome(799, 1000, 80, 1), RegistrationState::Enrolled);
        assert_eq!(outcome(0, 1000, 80, 0), RegistrationState::NoShow);
        // Present on a day of zero hours is still not a no-show.
        assert_eq!(outcome(0, 1000, 80, 1), RegistrationState::Enrolled);
        assert_eq!(outcome(1000, 1000, 100, 2), RegistrationState::Completed);
        // 7.5 of 9.5 hours is 78.9 %.
        assert_eq!(outcome(750, 950, 79, 1), RegistrationState::Enrolled);
        assert_eq!(outcome(751, 950, 79, 1), RegistrationState::Completed);
    }
}
