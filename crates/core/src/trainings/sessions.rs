//! Sessions of a course: their days, the calendar, the session page.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use sqlx::{Row, SqliteConnection};

use super::attendance::{hundredths, progress_in};
use super::catalogue::{get_course_in, get_partner_in};
use super::model::*;
use crate::error::FieldError;
use crate::registrations::{
    self, AUTOMATIC, At, Offering, REASON_CAPACITY_INCREASED, RegistrationState, SEATED_SQL, fill_in, roster_in,
    set_state_in,
};
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// Reasons the core writes in the registration history for the changes it makes by itself (the
/// history's `changed_by` is then [`AUTOMATIC`]); message keys `enrolment.reason.<code>`.
pub const REASON_SESSION_CANCELLED: &str = "session_cancelled";

pub async fn create_session(store: &Store, input: &SessionInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = create_session_in(&mut tx, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn create_session_in(tx: &mut SqliteConnection, input: &SessionInput, at: &At) -> Result<i64> {
    let input = clean(tx, input).await?;
    write_in(tx, None, &input, at).await
}

/// Changes a session. Its capacity cannot drop below the places already taken
/// (`capacity_below_seated`); when it grows, the waitlist is served in the same transaction. A
/// day that has attendance marks cannot be removed (`day_has_attendance`). A held session is
/// judged again against its new days.
pub async fn update_session(store: &Store, id: i64, input: &SessionInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let status = status_in(&mut tx, id).await?;
    if status == SessionStatus::Cancelled {
        return Err(Error::refused("error.session_cancelled"));
    }
    let input = clean(&mut tx, input).await?;
    let mut problems = Problems::default();
    if let Some(problem) = registrations::capacity_problem_in(&mut tx, Offering::session(id), input.capacity).await? {
        problems.add(problem);
    }
    let kept: BTreeSet<&str> = input.days.iter().map(|d| d.day.as_str()).collect();
    let marked: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT a.day FROM attendance a JOIN registrations r ON r.id = a.registration_id \
         WHERE r.offering_kind = 'session' AND r.offering_id = ? ORDER BY a.day",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    if let Some(day) = marked.iter().find(|d| !kept.contains(d.as_str())) {
        problems.add(FieldError::new("days", "day_has_attendance").with("day", day));
    }
    problems.into_result()?;
    write_in(&mut tx, Some(id), &input, &at).await?;
    fill_in(&mut tx, Offering::session(id), &at, AUTOMATIC, REASON_CAPACITY_INCREASED).await?;
    if status == SessionStatus::Held {
        super::attendance::evaluate_session_in(&mut tx, id, &at).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes a checked session (a new one when `id` is None) and replaces its days.
async fn write_in(tx: &mut SqliteConnection, id: Option<i64>, input: &SessionInput, at: &At) -> Result<i64> {
    let now = at.stamp.clone();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (id, course_id, place, link, trainer, capacity, enrolment_deadline, status, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 'planned', ?, ?, ?) ON CONFLICT (id) DO UPDATE SET course_id = excluded.course_id, \
         place = excluded.place, link = excluded.link, trainer = excluded.trainer, capacity = excluded.capacity, \
         enrolment_deadline = excluded.enrolment_deadline, notes = excluded.notes, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(input.course_id)
    .bind(&input.place)
    .bind(&input.link)
    .bind(&input.trainer)
    .bind(input.capacity)
    .bind(&input.enrolment_deadline)
    .bind(&input.notes)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM session_days WHERE session_id = ?").bind(id).execute(&mut *tx).await?;
    for day in &input.days {
        sqlx::query("INSERT INTO session_days (session_id, day, hours) VALUES (?, ?, ?)")
            .bind(id)
            .bind(&day.day)
            .bind(day.hours)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

/// Cancels a planned session: every enrolled and waitlisted registration is cancelled with it
/// (history: by `by`, reason "session_cancelled", followed by the reason typed, if any).
pub async fn cancel_session(store: &Store, id: i64, by: &str, reason: &str) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    cancel_session_in(&mut tx, id, by, reason, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn cancel_session_in(
    tx: &mut SqliteConnection,
    id: i64,
    by: &str,
    reason: &str,
    at: &At,
) -> Result<()> {
    match status_in(tx, id).await? {
        SessionStatus::Planned => {}
        SessionStatus::Held => return Err(Error::refused("error.session_held")),
        SessionStatus::Cancelled => return Err(Error::refused("error.session_cancelled")),
    }
    let by = tidy(&comma_below(by));
    let mut problems = Problems::default();
    problems.check("by", check::required(&by));
    problems.into_result()?;
    let typed = tidy(&comma_below(reason));
    let reason = if typed.is_empty() {
        REASON_SESSION_CANCELLED.to_string()
    } else {
        format!("{REASON_SESSION_CANCELLED}: {typed}")
    };
    sqlx::query("UPDATE sessions SET status = 'cancelled', updated_at = ? WHERE id = ?")
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let live: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM registrations WHERE offering_kind = 'session' AND offering_id = ? AND state IN ('enrolled','waitlisted','confirmed') ORDER BY arrival",
    )
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    for registration in live {
        set_state_in(tx, registration, RegistrationState::Cancelled, at, &by, &reason).await?;
    }
    Ok(())
}

pub(crate) async fn status_in(conn: &mut SqliteConnection, id: i64) -> Result<SessionStatus> {
    sqlx::query_scalar("SELECT status FROM sessions WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "session", id })
}

/// Checks and normalises the session form; every problem at once. The days come back sorted.
async fn clean(tx: &mut SqliteConnection, input: &SessionInput) -> Result<SessionInput> {
    let mut problems = Problems::default();
    if input.course_id <= 0 {
        problems.add(FieldError::new("course_id", "required"));
    } else {
        let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM courses WHERE id = ?)")
            .bind(input.course_id)
            .fetch_one(&mut *tx)
            .await?;
        if !known {
            problems.add(FieldError::new("course_id", "course_unknown"));
        }
    }
    let place = tidy(&comma_below(&input.place));
    problems.check("place", check::max_len(&place, 300));
    let link = check::normalize_url(&input.link);
    problems.check("link", check::url(&link));
    if place.is_empty() && link.is_empty() {
        problems.add(FieldError::new("place", "place_or_link_required"));
    }
    let trainer = tidy(&comma_below(&input.trainer));
    problems.check("trainer", check::max_len(&trainer, 200));
    if input.capacity <= 0 {
        problems.add(FieldError::new("capacity", "positive"));
    }
    let deadline = check::date(input.enrolment_deadline.trim());
    let mut days = Vec::new();
    let mut seen = BTreeSet::new();
    for day in &input.days {
        match check::date(day.day.trim()) {
            Ok(date) => {
                if !seen.insert(date) {
                    problems.add(FieldError::new("days", "day_duplicate").with("day", date.format("%Y-%m-%d")));
                }
                days.push((date, day.hours));
            }
            Err(e) => problems.check("days", Err(e)),
        }
        if !(day.hours.is_finite() && day.hours > 0.0 && day.hours <= 24.0) {
            problems.add(FieldError::new("days", "hours_range").with("min", 0).with("max", 24));
        }
    }
    if input.days.is_empty() {
        problems.add(FieldError::new("days", "days_required"));
    }
    days.sort_by_key(|(date, _)| *date);
    match (&deadline, days.last()) {
        (Ok(deadline), Some((last, _))) if deadline > last => {
            problems.add(
                FieldError::new("enrolment_deadline", "deadline_after_end").with("other", last.format("%Y-%m-%d")),
            );
        }
        _ => {}
    }
    problems.check("enrolment_deadline", deadline.map(|_| ()));
    let notes = comma_below(input.notes.trim());
    problems.check("notes", check::max_len(&notes, 4000));
    problems.into_result()?;
    Ok(SessionInput {
        course_id: input.course_id,
        place,
        link,
        trainer,
        capacity: input.capacity,
        enrolment_deadline: input.enrolment_deadline.trim().to_string(),
        notes,
        days: days.into_iter().map(|(date, hours)| SessionDay { day: ymd(date), hours }).collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Reading

fn session_select(filter: &str) -> String {
    format!(
        "SELECT s.id, s.course_id, c.title_ro, c.title_en, c.topic, p.name AS partner_name, c.format, s.place, s.link, s.trainer, \
         s.status, s.capacity, s.enrolment_deadline, \
         (SELECT MIN(day) FROM session_days d WHERE d.session_id = s.id) AS first_day, \
         (SELECT MAX(day) FROM session_days d WHERE d.session_id = s.id) AS last_day, \
         (SELECT count(*) FROM session_days d WHERE d.session_id = s.id) AS day_count, \
         (SELECT COALESCE(SUM(hours), 0.0) FROM session_days d WHERE d.session_id = s.id) AS hours \
         FROM sessions s JOIN courses c ON c.id = s.course_id LEFT JOIN partners p ON p.id = c.partner_id \
         WHERE {filter} ORDER BY first_day, s.id"
    )
}

/// The training calendar: sessions with a day between `from` and `to` (YYYY-MM-DD, both
/// included), by first day, with their counts.
pub async fn sessions_in(store: &Store, from: &str, to: &str) -> Result<Vec<SessionRow>> {
    let mut problems = Problems::default();
    problems.check("from", check::date(from.trim()).map(|_| ()));
    problems.check("to", check::date(to.trim()).map(|_| ()));
    problems.into_result()?;
    let mut conn = store.pool().begin().await?;
    let sql =
        session_select("EXISTS (SELECT 1 FROM session_days d WHERE d.session_id = s.id AND d.day BETWEEN ? AND ?)");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(from.trim()).bind(to.trim()).fetch_all(&mut *conn).await?;
    session_rows(&mut conn, rows, store.today()).await
}

/// The sessions of one course, by first day.
pub async fn course_sessions(store: &Store, course_id: i64) -> Result<Vec<SessionRow>> {
    let mut conn = store.pool().begin().await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(session_select("s.course_id = ?")))
        .bind(course_id)
        .fetch_all(&mut *conn)
        .await?;
    session_rows(&mut conn, rows, store.today()).await
}

async fn session_rows(
    conn: &mut SqliteConnection,
    rows: Vec<sqlx::sqlite::SqliteRow>,
    today: NaiveDate,
) -> Result<Vec<SessionRow>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut counts = counts_of(conn, &ids).await?;
    rows.into_iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            let status: SessionStatus = row.try_get("status")?;
            let deadline: String = row.try_get("enrolment_deadline")?;
            let mut c = counts.remove(&id).unwrap_or_default();
            c.capacity = row.try_get("capacity")?;
            c.free = (c.capacity - c.enrolled).max(0);
            Ok(SessionRow {
                id,
                course_id: row.try_get("course_id")?,
                title_ro: row.try_get("title_ro")?,
                title_en: row.try_get("title_en")?,
                topic: row.try_get("topic")?,
                partner_name: row.try_get("partner_name")?,
                format: row.try_get("format")?,
                place: row.try_get("place")?,
                link: row.try_get("link")?,
                trainer: row.try_get("trainer")?,
                open_for_enrolment: open(status, &deadline, today),
                status,
                first_day: row.try_get::<Option<String>, _>("first_day")?.unwrap_or_default(),
                last_day: row.try_get::<Option<String>, _>("last_day")?.unwrap_or_default(),
                day_count: row.try_get("day_count")?,
                hours: row.try_get("hours")?,
                enrolment_deadline: deadline,
                counts: c,
            })
        })
        .collect()
}

fn open(status: SessionStatus, deadline: &str, today: NaiveDate) -> bool {
    status == SessionStatus::Planned && NaiveDate::parse_from_str(deadline, "%Y-%m-%d").is_ok_and(|d| today <= d)
}

/// The counts of several sessions in two queries.
async fn counts_of(conn: &mut SqliteConnection, ids: &[i64]) -> Result<HashMap<i64, SessionCounts>> {
    let mut counts: HashMap<i64, SessionCounts> = HashMap::new();
    if ids.is_empty() {
        return Ok(counts);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // `list` holds integers only.
    let states = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT offering_id, state, count(*) AS n FROM registrations WHERE offering_kind = 'session' AND offering_id IN ({list}) \
         GROUP BY offering_id, state"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for row in states {
        let entry = counts.entry(row.try_get("offering_id")?).or_default();
        let n: i64 = row.try_get("n")?;
        let state: RegistrationState = row.try_get("state")?;
        if state.holds_seat() {
            entry.enrolled += n;
        }
        match state {
            RegistrationState::Waitlisted => entry.waitlisted += n,
            RegistrationState::Cancelled => entry.cancelled += n,
            RegistrationState::Completed => entry.completed += n,
            RegistrationState::NoShow => entry.no_show += n,
            _ => {}
        }
    }
    let attended = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT r.offering_id, count(DISTINCT r.id) AS n FROM registrations r JOIN attendance a ON a.registration_id = r.id \
         WHERE r.offering_kind = 'session' AND r.offering_id IN ({list}) AND a.present = 1 AND r.state IN {SEATED_SQL} \
         GROUP BY r.offering_id"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for row in attended {
        counts.entry(row.try_get("offering_id")?).or_default().attended = row.try_get("n")?;
    }
    Ok(counts)
}

/// One session as stored, with its days.
pub async fn get_session(store: &Store, id: i64) -> Result<Session> {
    let mut conn = store.pool().begin().await?;
    get_session_in(&mut conn, id).await
}

pub(crate) async fn get_session_in(conn: &mut SqliteConnection, id: i64) -> Result<Session> {
    let row = sqlx::query("SELECT * FROM sessions WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "session", id })?;
    let days: Vec<(String, f64)> =
        sqlx::query_as("SELECT day, hours FROM session_days WHERE session_id = ? ORDER BY day")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let hours = hundredths(days.iter().map(|(_, h)| hundredths_of(*h)).sum());
    Ok(Session {
        id,
        status: row.try_get("status")?,
        first_day: days.first().map(|d| d.0.clone()).unwrap_or_default(),
        last_day: days.last().map(|d| d.0.clone()).unwrap_or_default(),
        hours,
        input: SessionInput {
            course_id: row.try_get("course_id")?,
            place: row.try_get("place")?,
            link: row.try_get("link")?,
            trainer: row.try_get("trainer")?,
            capacity: row.try_get("capacity")?,
            enrolment_deadline: row.try_get("enrolment_deadline")?,
            notes: row.try_get("notes")?,
            days: days.into_iter().map(|(day, hours)| SessionDay { day, hours }).collect(),
        },
    })
}

/// Hours as whole hundredths, so that sums and the completion share are exact.
pub(crate) fn hundredths_of(hours: f64) -> i64 {
    (hours * 100.0).round() as i64
}

/// The session page: the session, its course and partner, the roster, the counts and attendance.
pub async fn session_detail(store: &Store, id: i64) -> Result<SessionDetail> {
    let mut conn = store.pool().begin().await?;
    let session = get_session_in(&mut conn, id).await?;
    let course = get_course_in(&mut conn, session.input.course_id).await?;
    let partner = match course.input.partner_id {
        Some(partner_id) => Some(get_partner_in(&mut conn, partner_id).await?),
        None => None,
    };
    let roster = roster_in(&mut conn, Offering::session(id)).await?;
    let mut counts = counts_of(&mut conn, &[id]).await?.remove(&id).unwrap_or_default();
    counts.capacity = session.input.capacity;
    counts.free = (counts.capacity - counts.enrolled).max(0);
    let attendance = sqlx::query_as::<_, AttendanceMark>(
        "SELECT a.registration_id, a.day, a.present FROM attendance a JOIN registrations r ON r.id = a.registration_id \
         WHERE r.offering_kind = 'session' AND r.offering_id = ? ORDER BY r.arrival, a.day",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let progress = progress_in(&mut conn, id).await?;
    let total = hundredths_of(session.hours);
    let hours_to_complete = hundredths((total * course.input.completion_percent + 99) / 100);
    let open_for_enrolment = open(session.status, &session.input.enrolment_deadline, store.today());
    Ok(SessionDetail {
        session,
        course,
        partner,
        roster,
        counts,
        attendance,
        progress,
        hours_to_complete,
        open_for_enrolment,
    })
}

pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}
