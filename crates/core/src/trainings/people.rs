//! Trainings seen from the people: a person's history, a cluster's people's trainings.

use sqlx::Row;

use super::model::*;
use super::sessions::hundredths_of;
use crate::registrations::{PERSON_COLUMNS, PERSON_JOINS};
use crate::store::Store;
use crate::{Error, Result};

fn record_select(filter: &str) -> String {
    format!(
        "SELECT r.id AS registration_id, r.participant_id, r.state, s.id AS session_id, s.status AS session_status, \
         co.id AS course_id, co.title_ro, co.title_en, pa.name AS partner_name, \
         (SELECT MIN(day) FROM session_days d WHERE d.session_id = s.id) AS first_day, \
         (SELECT MAX(day) FROM session_days d WHERE d.session_id = s.id) AS last_day, \
         (SELECT number FROM certificates x WHERE x.registration_id = r.id AND x.revoked_at IS NULL) AS certificate_number, \
         {PERSON_COLUMNS} \
         FROM registrations r JOIN sessions s ON r.offering_kind = 'session' AND s.id = r.offering_id \
         JOIN courses co ON co.id = s.course_id LEFT JOIN partners pa ON pa.id = co.partner_id \
         JOIN participants p ON p.id = r.participant_id {PERSON_JOINS} \
         WHERE {filter} ORDER BY first_day DESC, r.arrival DESC"
    )
}

async fn records(store: &Store, filter: &str, id: i64) -> Result<Vec<TrainingRecord>> {
    let mut conn = store.pool().begin().await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(record_select(filter))).bind(id).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let registration_id: i64 = row.try_get("registration_id")?;
        let session_id: i64 = row.try_get("session_id")?;
        let days: Vec<(f64, Option<i64>)> = sqlx::query_as(
            "SELECT d.hours, a.present FROM session_days d \
             LEFT JOIN attendance a ON a.registration_id = ? AND a.day = d.day WHERE d.session_id = ?",
        )
        .bind(registration_id)
        .bind(session_id)
        .fetch_all(&mut *conn)
        .await?;
        let hours: i64 = days.iter().map(|(h, _)| hundredths_of(*h)).sum();
        let attended: i64 = days.iter().filter(|(_, p)| *p == Some(1)).map(|(h, _)| hundredths_of(*h)).sum();
        out.push(TrainingRecord {
            registration_id,
            participant_id: row.try_get("participant_id")?,
            participant_name: row.try_get("person_name")?,
            session_id,
            course_id: row.try_get("course_id")?,
            title_ro: row.try_get("title_ro")?,
            title_en: row.try_get("title_en")?,
            partner_name: row.try_get("partner_name")?,
            session_status: row.try_get("session_status")?,
            first_day: row.try_get::<Option<String>, _>("first_day")?.unwrap_or_default(),
            last_day: row.try_get::<Option<String>, _>("last_day")?.unwrap_or_default(),
            hours: hours as f64 / 100.0,
            attended_hours: attended as f64 / 100.0,
            state: row.try_get("state")?,
            certificate_number: row.try_get("certificate_number")?,
        });
    }
    Ok(out)
}

/// Every training registration of one person, latest session first (cancelled ones included).
pub async fn participant_history(store: &Store, participant_id: i64) -> Result<Vec<TrainingRecord>> {
    let found: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM participants WHERE id = ?)")
        .bind(participant_id)
        .fetch_one(store.pool())
        .await?;
    if !found {
        return Err(Error::NotFound { entity: "participant", id: participant_id });
    }
    records(store, "r.participant_id = ?", participant_id).await
}

/// The trainings the people (contacts) of a cluster registered for, not counting cancelled
/// registrations; latest session first.
pub async fn cluster_trainings(store: &Store, cluster_id: i64) -> Result<Vec<TrainingRecord>> {
    records(store, "k.id = ? AND r.state <> 'cancelled'", cluster_id).await
}
