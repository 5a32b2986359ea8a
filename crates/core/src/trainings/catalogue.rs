//! Partners (the one list of partner organisations, training providers among them) and courses.

use sqlx::{Row, SqliteConnection};

use super::model::*;
use crate::error::FieldError;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

// ---------------------------------------------------------------------------------------------
// Partners

pub async fn create_partner(store: &Store, input: &PartnerInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_partner_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_partner(store: &Store, id: i64, input: &PartnerInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_partner_in(&mut tx, Some(id), input, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_partner_in(tx: &mut SqliteConnection, id: Option<i64>, input: &PartnerInput, at: &At) -> Result<i64> {
    let mut problems = Problems::default();
    let name = tidy(&comma_below(&input.name));
    problems.check("name", check::required(&name));
    problems.check("name", check::max_len(&name, 200));
    let country = check::country(&input.country).unwrap_or_default();
    problems.check("country", check::country(&input.country).map(|_| ()));
    let website = check::normalize_url(&input.website);
    problems.check("website", check::url(&website));
    let contact_person = tidy(&comma_below(&input.contact_person));
    problems.check("contact_person", check::max_len(&contact_person, 200));
    let email = input.email.trim().to_lowercase();
    problems.check("email", check::email(&email));
    let network = tidy(&comma_below(&input.network));
    problems.check("network", check::max_len(&network, 200));
    let notes = comma_below(input.notes.trim());
    problems.check("notes", check::max_len(&notes, 5000));
    let sort_name = fold(&name);
    if !name.is_empty() {
        let other: Option<String> = sqlx::query_scalar("SELECT name FROM partners WHERE sort_name = ? AND id IS NOT ?")
            .bind(&sort_name)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(other) = other {
            problems.add(FieldError::new("name", "partner_duplicate").with("name", other));
        }
    }
    problems.into_result()?;
    must_exist(tx, "partners", "partner", id).await?;
    let now = at.stamp.clone();
    Ok(sqlx::query_scalar(
        "INSERT INTO partners (id, name, kind, network, country, website, contact_person, email, notes, sort_name, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, \
         network = excluded.network, country = excluded.country, \
         website = excluded.website, contact_person = excluded.contact_person, email = excluded.email, \
         notes = excluded.notes, sort_name = excluded.sort_name, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&name)
    .bind(input.kind.code())
    .bind(&network)
    .bind(&country)
    .bind(&website)
    .bind(&contact_person)
    .bind(&email)
    .bind(&notes)
    .bind(&sort_name)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Refuses to save over a row that does not exist: the saves below are upserts, which would
/// otherwise create it under the id given. `table` is a constant of the code.
pub(crate) async fn must_exist(
    conn: &mut SqliteConnection,
    table: &'static str,
    entity: &'static str,
    id: Option<i64>,
) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    let found: bool =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?)")))
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if found { Ok(()) } else { Err(Error::NotFound { entity, id }) }
}

const PARTNER_SELECT: &str = "SELECT p.id, p.name, p.kind, p.network, p.country, p.website, p.contact_person, p.email, p.notes, \
     (SELECT count(*) FROM courses c WHERE c.partner_id = p.id) AS course_count, \
     (SELECT count(*) FROM events e WHERE e.organiser_id = p.id \
        OR EXISTS (SELECT 1 FROM event_co_organisers x WHERE x.event_id = e.id AND x.partner_id = p.id)) AS event_count \
     FROM partners p";

fn partner_from(row: &sqlx::sqlite::SqliteRow) -> Result<Partner> {
    Ok(Partner {
        id: row.try_get("id")?,
        input: PartnerInput {
            name: row.try_get("name")?,
            kind: row.try_get("kind")?,
            network: row.try_get("network")?,
            country: row.try_get("country")?,
            website: row.try_get("website")?,
            contact_person: row.try_get("contact_person")?,
            email: row.try_get("email")?,
            notes: row.try_get("notes")?,
        },
        course_count: row.try_get("course_count")?,
        event_count: row.try_get("event_count")?,
    })
}

/// Every partner, by name.
pub async fn list_partners(store: &Store) -> Result<Vec<Partner>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{PARTNER_SELECT} ORDER BY p.sort_name")))
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(partner_from).collect()
}

pub async fn get_partner(store: &Store, id: i64) -> Result<Partner> {
    let mut conn = store.pool().acquire().await?;
    get_partner_in(&mut conn, id).await
}

pub(crate) async fn get_partner_in(conn: &mut SqliteConnection, id: i64) -> Result<Partner> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{PARTNER_SELECT} WHERE p.id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "partner", id })?;
    partner_from(&row)
}

// ---------------------------------------------------------------------------------------------
// Courses

pub async fn create_course(store: &Store, input: &CourseInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_course_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_course(store: &Store, id: i64, input: &CourseInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_course_in(&mut tx, Some(id), input, &at).await?;
    // The completion share may have changed: sessions already held are judged again.
    let held: Vec<i64> = sqlx::query_scalar("SELECT id FROM sessions WHERE course_id = ? AND status = 'held'")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    for session_id in held {
        super::attendance::evaluate_session_in(&mut tx, session_id, &at).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_course_in(tx: &mut SqliteConnection, id: Option<i64>, input: &CourseInput, at: &At) -> Result<i64> {
    let mut problems = Problems::default();
    let title_ro = tidy(&comma_below(&input.title_ro));
    problems.check("title_ro", check::required(&title_ro));
    problems.check("title_ro", check::max_len(&title_ro, 300));
    let title_en = tidy(&input.title_en);
    problems.check("title_en", check::required(&title_en));
    problems.check("title_en", check::max_len(&title_en, 300));
    let topic = tidy(&comma_below(&input.topic));
    problems.check("topic", check::max_len(&topic, 200));
    if !(input.hours.is_finite() && input.hours > 0.0 && input.hours <= 1000.0) {
        problems.add(FieldError::new("hours", "hours_range").with("min", 0).with("max", 1000));
    }
    problems.check("fee_bani", check::non_negative(Some(input.fee_bani)));
    if !(1..=100).contains(&input.completion_percent) {
        problems.add(FieldError::new("completion_percent", "percent_range"));
    }
    let description = comma_below(input.description.trim());
    problems.check("description", check::max_len(&description, 4000));
    if let Some(partner_id) = input.partner_id {
        let known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM partners WHERE id = ?)")
            .bind(partner_id)
            .fetch_one(&mut *tx)
            .await?;
        if !known {
            problems.add(FieldError::new("partner_id", "partner_unknown"));
        }
    }
    problems.into_result()?;
    must_exist(tx, "courses", "course", id).await?;
    let now = at.stamp.clone();
    Ok(sqlx::query_scalar(
        "INSERT INTO courses (id, title_ro, title_en, topic, partner_id, format, hours, fee_bani, completion_percent, description, \
         sort_title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET title_ro = excluded.title_ro, title_en = excluded.title_en, topic = excluded.topic, \
         partner_id = excluded.partner_id, format = excluded.format, hours = excluded.hours, fee_bani = excluded.fee_bani, \
         completion_percent = excluded.completion_percent, description = excluded.description, sort_title = excluded.sort_title, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&title_ro)
    .bind(&title_en)
    .bind(&topic)
    .bind(input.partner_id)
    .bind(input.format.code())
    .bind(input.hours)
    .bind(input.fee_bani)
    .bind(input.completion_percent)
    .bind(&description)
    .bind(fold(&title_ro))
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?)
}

const COURSE_SELECT: &str = "SELECT c.*, p.name AS partner_name, \
     (SELECT count(*) FROM sessions s WHERE s.course_id = c.id) AS session_count \
     FROM courses c LEFT JOIN partners p ON p.id = c.partner_id";

fn course_from(row: &sqlx::sqlite::SqliteRow) -> Result<Course> {
    Ok(Course {
        id: row.try_get("id")?,
        input: CourseInput {
            title_ro: row.try_get("title_ro")?,
            title_en: row.try_get("title_en")?,
            topic: row.try_get("topic")?,
            partner_id: row.try_get("partner_id")?,
            format: row.try_get("format")?,
            hours: row.try_get("hours")?,
            fee_bani: row.try_get("fee_bani")?,
            completion_percent: row.try_get("completion_percent")?,
            description: row.try_get("description")?,
        },
        partner_name: row.try_get("partner_name")?,
        session_count: row.try_get("session_count")?,
    })
}

/// Every course, by Romanian title.
pub async fn list_courses(store: &Store) -> Result<Vec<Course>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{COURSE_SELECT} ORDER BY c.sort_title, c.id")))
        .fetch_all(store.pool())
        .await?;
    rows.iter().map(course_from).collect()
}

pub async fn get_course(store: &Store, id: i64) -> Result<Course> {
    let mut conn = store.pool().acquire().await?;
    get_course_in(&mut conn, id).await
}

pub(crate) async fn get_course_in(conn: &mut SqliteConnection, id: i64) -> Result<Course> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{COURSE_SELECT} WHERE c.id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "course", id })?;
    course_from(&row)
}
