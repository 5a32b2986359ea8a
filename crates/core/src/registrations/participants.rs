use sqlx::{Row, SqliteConnection};

use super::model::*;
use super::read::{PERSON_COLUMNS, PERSON_JOINS, person_from};
use crate::i18n::Lang;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// The participant of a cluster contact; created on first use (in Romanian, until changed).
pub async fn participant_for_contact(store: &Store, contact_id: i64) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = participant_for_contact_in(&mut tx, contact_id, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn participant_for_contact_in(tx: &mut SqliteConnection, contact_id: i64, at: &At) -> Result<i64> {
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM participants WHERE contact_id = ?")
        .bind(contact_id)
        .fetch_optional(&mut *tx)
        .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let (name, email, cluster): (String, String, String) = sqlx::query_as(
        "SELECT c.name, c.email, k.name FROM contacts c JOIN clusters k ON k.id = c.cluster_id WHERE c.id = ?",
    )
    .bind(contact_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound { entity: "contact", id: contact_id })?;
    let now = at.stamp.clone();
    Ok(sqlx::query_scalar(
        "INSERT INTO participants (contact_id, name, organisation, email, language, sort_name, created_at, updated_at) \
         VALUES (?, ?, ?, ?, 'ro', ?, ?, ?) RETURNING id",
    )
    .bind(contact_id)
    .bind(&name)
    .bind(&cluster)
    .bind(&email)
    .bind(fold(&name))
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Records someone who is not a contact of a member cluster.
pub async fn create_external_participant(store: &Store, input: &ParticipantInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = create_external_participant_in(&mut tx, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn create_external_participant_in(tx: &mut SqliteConnection, input: &ParticipantInput, at: &At) -> Result<i64> {
    save_external_in(tx, None, input, at).await
}

/// Changes an external participant's record. A contact's name and e-mail live in the cluster's
/// record; for those only the language is taken from `input`.
pub async fn update_participant(store: &Store, id: i64, input: &ParticipantInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let contact: Option<Option<i64>> = sqlx::query_scalar("SELECT contact_id FROM participants WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    match contact.ok_or(Error::NotFound { entity: "participant", id })? {
        Some(_) => language_in(&mut tx, id, input.language, &at).await?,
        None => {
            save_external_in(&mut tx, Some(id), input, &at).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Writes an external participant (a new one when `id` is None; the caller checked that it exists).
async fn save_external_in(tx: &mut SqliteConnection, id: Option<i64>, input: &ParticipantInput, at: &At) -> Result<i64> {
    let mut input = clean(input)?;
    if let Some(organisation_id) = input.organisation_id {
        // A copy of the name, for the history once the organisation is gone (see the migration).
        input.organisation = sqlx::query_scalar("SELECT name FROM organisations WHERE id = ?")
            .bind(organisation_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| Error::invalid("organisation_id", "organisation_missing"))?;
    }
    let now = at.stamp.clone();
    Ok(sqlx::query_scalar(
        "INSERT INTO participants (id, contact_id, name, organisation, organisation_id, country, email, language, sort_name, created_at, updated_at) \
         VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, \
         organisation = excluded.organisation, organisation_id = excluded.organisation_id, country = excluded.country, \
         email = excluded.email, language = excluded.language, \
         sort_name = excluded.sort_name, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&input.name)
    .bind(&input.organisation)
    .bind(input.organisation_id)
    .bind(&input.country)
    .bind(&input.email)
    .bind(input.language.code())
    .bind(fold(&input.name))
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?)
}

/// Sets the language of a participant's certificates.
pub async fn set_participant_language(store: &Store, id: i64, language: Lang) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    language_in(&mut tx, id, language, &at).await?;
    tx.commit().await?;
    Ok(())
}

async fn language_in(conn: &mut SqliteConnection, id: i64, language: Lang, at: &At) -> Result<()> {
    let done = sqlx::query("UPDATE participants SET language = ?, updated_at = ? WHERE id = ?")
        .bind(language.code())
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 { Err(Error::NotFound { entity: "participant", id }) } else { Ok(()) }
}

pub async fn get_participant(store: &Store, id: i64) -> Result<Participant> {
    let mut conn = store.pool().acquire().await?;
    get_participant_in(&mut conn, id).await
}

pub(crate) async fn get_participant_in(conn: &mut SqliteConnection, id: i64) -> Result<Participant> {
    let sql =
        format!("SELECT p.id AS participant_id, {PERSON_COLUMNS} FROM participants p {PERSON_JOINS} WHERE p.id = ?");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "participant", id })?;
    person_from(&row)
}

/// People who can be registered whose name, organisation or e-mail contains `text` (without
/// regard to case or diacritics): the contacts of current clusters and the external
/// participants, by name; at most `limit` (0: 50).
pub async fn search_people(store: &Store, text: &str, limit: usize) -> Result<Vec<PersonChoice>> {
    let limit = if limit == 0 { 50 } else { limit };
    let needle = fold(&tidy(text));
    let rows = sqlx::query(
        "SELECT p.id AS participant_id, c.id AS contact_id, c.name, k.name AS organisation, c.email \
         FROM contacts c JOIN clusters k ON k.id = c.cluster_id LEFT JOIN participants p ON p.contact_id = c.id \
         WHERE k.archived_at IS NULL \
         UNION ALL \
         SELECT p.id, NULL, p.name, p.organisation, p.email FROM participants p WHERE p.contact_id IS NULL",
    )
    .fetch_all(store.pool())
    .await?;
    let mut found = Vec::new();
    for row in rows {
        let choice = PersonChoice {
            participant_id: row.try_get("participant_id")?,
            contact_id: row.try_get("contact_id")?,
            name: row.try_get("name")?,
            organisation: row.try_get("organisation")?,
            email: row.try_get("email")?,
        };
        let haystack = fold(&format!("{} {} {}", choice.name, choice.organisation, choice.email));
        if needle.is_empty() || haystack.contains(&needle) {
            found.push((fold(&choice.name), choice));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.organisation.cmp(&b.1.organisation)));
    Ok(found.into_iter().take(limit).map(|(_, c)| c).collect())
}

fn clean(input: &ParticipantInput) -> Result<ParticipantInput> {
    let mut problems = Problems::default();
    let name = tidy(&comma_below(&input.name));
    problems.check("name", check::required(&name));
    problems.check("name", check::max_len(&name, 200));
    let organisation = tidy(&comma_below(&input.organisation));
    problems.check("organisation", check::max_len(&organisation, 300));
    let email = input.email.trim().to_lowercase();
    problems.check("email", check::email(&email));
    let country = check::country(&input.country).unwrap_or_default();
    problems.check("country", check::country(&input.country).map(|_| ()));
    problems.into_result()?;
    let country = if country.is_empty() { "RO".to_string() } else { country };
    Ok(ParticipantInput {
        name,
        organisation,
        organisation_id: input.organisation_id,
        email,
        language: input.language,
        country,
    })
}
