use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::model::*;
use super::write::counts_in;
use crate::Result;
use crate::i18n::Lang;
use crate::store::Store;

/// The columns of a participant as the views show them: a contact's live name and cluster, the
/// live name and cluster of the member organisation they stand for, an external person's own
/// fields. Expects `participants p` joined with [`PERSON_JOINS`].
pub(crate) const PERSON_COLUMNS: &str = "COALESCE(c.name, p.name) AS person_name, \
     COALESCE(o.name, k.name, p.organisation) AS person_organisation, COALESCE(c.email, p.email) AS person_email, \
     p.contact_id, k.id AS cluster_id, k.name AS cluster_name, p.organisation_id, p.country, p.language";

pub(crate) const PERSON_JOINS: &str = "LEFT JOIN contacts c ON c.id = p.contact_id \
     LEFT JOIN organisations o ON o.id = p.organisation_id \
     LEFT JOIN clusters k ON k.id = COALESCE(o.cluster_id, c.cluster_id)";

/// Everyone registered for an offering: those with a place first, then the waitlist in the order
/// it will be served, then the cancelled; each group by arrival.
pub async fn roster(store: &Store, offering: Offering) -> Result<Vec<RegistrationView>> {
    let mut conn = store.pool().acquire().await?;
    roster_in(&mut conn, offering).await
}

pub(crate) async fn roster_in(conn: &mut SqliteConnection, offering: Offering) -> Result<Vec<RegistrationView>> {
    let sql = format!(
        "SELECT r.id, r.participant_id, r.state, r.arrival, r.registered_at, r.late_override_reason, \
         (SELECT number FROM certificates x WHERE x.registration_id = r.id AND x.revoked_at IS NULL) AS certificate_number, \
         {PERSON_COLUMNS} \
         FROM registrations r JOIN participants p ON p.id = r.participant_id {PERSON_JOINS} \
         WHERE r.offering_kind = ? AND r.offering_id = ? \
         ORDER BY CASE r.state WHEN 'waitlisted' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, r.arrival"
    );
    // The SQL is built from the constants above only.
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(offering.kind.code())
        .bind(offering.id)
        .fetch_all(&mut *conn)
        .await?;
    let mut position = 0;
    rows.into_iter()
        .map(|row| {
            let state: RegistrationState = row.try_get("state")?;
            let waitlist_position = (state == RegistrationState::Waitlisted).then(|| {
                position += 1;
                position
            });
            let person = person_from(&row)?;
            Ok(RegistrationView {
                id: row.try_get("id")?,
                participant_id: person.id,
                name: person.name,
                organisation: person.organisation,
                email: person.email,
                contact_id: person.contact_id,
                cluster_id: person.cluster_id,
                cluster_name: person.cluster_name,
                organisation_id: person.organisation_id,
                country: person.country,
                language: person.language,
                state,
                arrival: row.try_get("arrival")?,
                waitlist_position,
                registered_at: row.try_get("registered_at")?,
                late_override_reason: row.try_get("late_override_reason")?,
                certificate_number: row.try_get("certificate_number")?,
            })
        })
        .collect()
}

/// How many registrations of the offering are in each state.
pub async fn counts(store: &Store, offering: Offering) -> Result<StateCounts> {
    let mut conn = store.pool().acquire().await?;
    counts_in(&mut conn, offering).await
}

/// One registration.
pub async fn get(store: &Store, registration_id: i64) -> Result<Registration> {
    let mut conn = store.pool().acquire().await?;
    super::write::get_in(&mut conn, registration_id).await
}

/// The changes of one registration, oldest first.
pub async fn history(store: &Store, registration_id: i64) -> Result<Vec<RegistrationChange>> {
    Ok(sqlx::query_as::<_, RegistrationChange>(
        "SELECT registration_id, from_state, to_state, changed_at, changed_by, reason FROM registration_changes \
         WHERE registration_id = ? ORDER BY id",
    )
    .bind(registration_id)
    .fetch_all(store.pool())
    .await?)
}

/// The participant of a row selected with [`PERSON_COLUMNS`] and a `participant_id` column.
pub(crate) fn person_from(row: &SqliteRow) -> Result<Participant> {
    Ok(Participant {
        id: row.try_get("participant_id")?,
        contact_id: row.try_get("contact_id")?,
        cluster_id: row.try_get("cluster_id")?,
        cluster_name: row.try_get("cluster_name")?,
        organisation_id: row.try_get("organisation_id")?,
        name: row.try_get("person_name")?,
        organisation: row.try_get("person_organisation")?,
        email: row.try_get("person_email")?,
        language: lang(&row.try_get::<String, _>("language")?),
        country: row.try_get("country")?,
    })
}

pub(crate) fn lang(code: &str) -> Lang {
    Lang::parse(code).unwrap_or_default()
}
