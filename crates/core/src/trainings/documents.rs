//! The data of a session's documents: attendance sheets, certificates and the participants table.
//! The renderers are in [`crate::reports`].

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use sqlx::Row;

use super::attendance::progress_in;
use super::catalogue::get_course_in;
use super::sessions::{get_session_in, hundredths_of};
use crate::i18n::{self, Lang, t};
use crate::registrations::{Offering, PERSON_COLUMNS, PERSON_JOINS, SEATED_SQL, lang as parse_lang, roster_in};
use crate::reports::tables::{Cell, Table};
use crate::reports::training_docs::{AttendanceLine, AttendanceSheet, Certificate};
use crate::store::Store;
use crate::text::fold;
use crate::{Error, Result};

/// A span of days as people write it: "12.03.2026", "12–13.03.2026", "30.03–02.04.2026",
/// "30.12.2025–02.01.2026" (with "/" in English).
pub fn date_range(lang: Lang, first: NaiveDate, last: NaiveDate) -> String {
    let sep = match lang {
        Lang::Ro => ".",
        Lang::En => "/",
    };
    if first == last {
        i18n::format_date(lang, first)
    } else if first.year() == last.year() && first.month() == last.month() {
        format!("{:02}–{}", first.day(), i18n::format_date(lang, last))
    } else if first.year() == last.year() {
        format!("{:02}{sep}{:02}–{}", first.day(), first.month(), i18n::format_date(lang, last))
    } else {
        format!("{}–{}", i18n::format_date(lang, first), i18n::format_date(lang, last))
    }
}

fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
        .map_err(|_| Error::invalid("day", "date_format"))
}

/// What the documents say of a session: the course title in each language, partner, place, days.
struct Facts {
    title_ro: String,
    title_en: String,
    partner: String,
    place: String,
    trainer: String,
    days: Vec<NaiveDate>,
    hours: f64,
}

impl Facts {
    fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.title_en.is_empty() => &self.title_en,
            _ => &self.title_ro,
        }
    }

    fn first(&self) -> NaiveDate {
        self.days.first().copied().unwrap_or_default()
    }

    fn last(&self) -> NaiveDate {
        self.days.last().copied().unwrap_or_default()
    }
}

async fn facts(conn: &mut sqlx::SqliteConnection, session_id: i64) -> Result<Facts> {
    let session = get_session_in(conn, session_id).await?;
    let course = get_course_in(conn, session.input.course_id).await?;
    let days = session.input.days.iter().map(|d| date(&d.day)).collect::<Result<Vec<_>>>()?;
    let place = if session.input.place.is_empty() { session.input.link.clone() } else { session.input.place.clone() };
    Ok(Facts {
        title_ro: course.input.title_ro,
        title_en: course.input.title_en,
        partner: course.partner_name.unwrap_or_default(),
        place,
        trainer: session.input.trainer,
        hours: session.input.days.iter().map(|d| hundredths_of(d.hours)).sum::<i64>() as f64 / 100.0,
        days,
    })
}

/// One attendance sheet per day of the session, listing everyone holding a place (enrolled,
/// completed or no-show — those expected to sign), by name.
pub async fn attendance_sheets(store: &Store, session_id: i64, lang: Lang) -> Result<Vec<AttendanceSheet>> {
    let mut conn = store.pool().begin().await?;
    let facts = facts(&mut conn, session_id).await?;
    let sql = format!(
        "SELECT {PERSON_COLUMNS} FROM registrations r JOIN participants p ON p.id = r.participant_id {PERSON_JOINS} \
         WHERE r.offering_kind = 'session' AND r.offering_id = ? AND r.state IN {SEATED_SQL}"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(session_id).fetch_all(&mut *conn).await?;
    let mut people = rows
        .iter()
        .map(|row| {
            Ok(AttendanceLine { name: row.try_get("person_name")?, organisation: row.try_get("person_organisation")? })
        })
        .collect::<Result<Vec<_>>>()?;
    people.sort_by_cached_key(|p| (fold(&p.name), fold(&p.organisation)));
    let label = t(lang, "training.session_label", &[("dates", &date_range(lang, facts.first(), facts.last()))]);
    let count = facts.days.len() as u32;
    Ok(facts
        .days
        .iter()
        .enumerate()
        .map(|(i, day)| AttendanceSheet {
            lang,
            course_title: facts.title(lang).to_string(),
            partner: facts.partner.clone(),
            place: facts.place.clone(),
            trainer: facts.trainer.clone(),
            session_label: label.clone(),
            day: *day,
            day_number: i as u32 + 1,
            day_count: count,
            participants: people.clone(),
        })
        .collect())
}

/// One certificate per person who completed the session (with a certificate number not revoked),
/// in the person's language and with the course title in that language; by name.
pub async fn certificates(store: &Store, session_id: i64) -> Result<Vec<Certificate>> {
    let mut conn = store.pool().begin().await?;
    let facts = facts(&mut conn, session_id).await?;
    let sql = format!(
        "SELECT x.number, x.issued_on, {PERSON_COLUMNS} FROM registrations r JOIN certificates x ON x.registration_id = r.id \
         JOIN participants p ON p.id = r.participant_id {PERSON_JOINS} \
         WHERE r.offering_kind = 'session' AND r.offering_id = ? AND r.state = 'completed' AND x.revoked_at IS NULL"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(session_id).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let lang = parse_lang(&row.try_get::<String, _>("language")?);
        out.push(Certificate {
            lang,
            participant: row.try_get("person_name")?,
            course_title: facts.title(lang).to_string(),
            partner: facts.partner.clone(),
            first_day: facts.first(),
            last_day: facts.last(),
            hours: facts.hours,
            number: row.try_get("number")?,
            issued_on: date(&row.try_get::<String, _>("issued_on")?)?,
        });
    }
    out.sort_by_cached_key(|c| (fold(&c.participant), c.number.clone()));
    Ok(out)
}

/// The participants of a session as a table (for CSV and XLSX): everyone registered, in roster
/// order (places, then the waitlist, then the cancelled).
pub async fn participants_table(store: &Store, session_id: i64, lang: Lang) -> Result<Table> {
    let mut conn = store.pool().begin().await?;
    let facts = facts(&mut conn, session_id).await?;
    let roster = roster_in(&mut conn, Offering::session(session_id)).await?;
    let attended: HashMap<i64, f64> =
        progress_in(&mut conn, session_id).await?.into_iter().map(|p| (p.registration_id, p.attended_hours)).collect();
    let header = |key: &str| t(lang, &format!("training.participants.{key}"), &[]);
    let headers = [
        "number",
        "name",
        "organisation",
        "email",
        "state",
        "waitlist",
        "registered",
        "attended_hours",
        "certificate",
        "late_reason",
    ]
    .iter()
    .map(|k| header(k))
    .collect();
    let mut rows = Vec::with_capacity(roster.len());
    for (i, r) in roster.iter().enumerate() {
        let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
        rows.push(vec![
            Cell::Integer(i as i64 + 1),
            Cell::Text(r.name.clone()),
            text(&r.organisation),
            text(&r.email),
            Cell::Text(t(lang, &format!("enrolment.state.{}", r.state.code()), &[])),
            r.waitlist_position.map_or(Cell::Empty, Cell::Integer),
            date(&r.registered_at).map_or(Cell::Empty, Cell::Date),
            attended.get(&r.id).map_or(Cell::Empty, |h| Cell::Decimal(hundredths_of(*h))),
            r.certificate_number.as_deref().map_or(Cell::Empty, text),
            r.late_override_reason.as_deref().map_or(Cell::Empty, text),
        ]);
    }
    let name =
        format!("{} {}", t(lang, "training.participants.sheet", &[]), date_range(lang, facts.first(), facts.last()));
    Ok(Table { name, headers, rows, widths: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn date_ranges() {
        assert_eq!(date_range(Lang::Ro, d(2026, 3, 12), d(2026, 3, 12)), "12.03.2026");
        assert_eq!(date_range(Lang::Ro, d(2026, 3, 12), d(2026, 3, 13)), "12–13.03.2026");
        assert_eq!(date_range(Lang::En, d(2026, 3, 12), d(2026, 3, 13)), "12–13/03/2026");
        assert_eq!(date_range(Lang::Ro, d(2026, 3, 30), d(2026, 4, 2)), "30.03–02.04.2026");
        assert_eq!(date_range(Lang::Ro, d(2025, 12, 30), d(2026, 1, 2)), "30.12.2025–02.01.2026");
    }
}
