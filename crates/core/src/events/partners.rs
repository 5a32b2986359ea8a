//! What events add to the partners: their people, the cooperation agreements, the partner's page.

use sqlx::{Row, SqliteConnection};

use super::model::*;
use super::read::partner_events_in;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::trainings::{get_partner_in, must_exist};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// Adds a person of a partner (a new one when `id` is None) or changes one.
pub async fn save_partner_contact(
    store: &Store,
    partner_id: i64,
    id: Option<i64>,
    input: &PartnerContactInput,
) -> Result<i64> {
    let mut problems = Problems::default();
    let name = tidy(&comma_below(&input.name));
    problems.check("name", check::required(&name));
    problems.check("name", check::max_len(&name, 200));
    let role = tidy(&comma_below(&input.role));
    problems.check("role", check::max_len(&role, 200));
    let email = input.email.trim().to_lowercase();
    problems.check("email", check::email(&email));
    let phone = tidy(&input.phone);
    problems.check("phone", check::max_len(&phone, 50));
    problems.into_result()?;
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    must_exist(&mut tx, "partners", "partner", Some(partner_id)).await?;
    if let Some(id) = id {
        let of: Option<i64> = sqlx::query_scalar("SELECT partner_id FROM partner_contacts WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        if of != Some(partner_id) {
            return Err(Error::NotFound { entity: "partner_contact", id });
        }
    }
    let id = sqlx::query_scalar(
        "INSERT INTO partner_contacts (id, partner_id, name, role, email, phone) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, email = excluded.email, \
         phone = excluded.phone RETURNING id",
    )
    .bind(id)
    .bind(partner_id)
    .bind(&name)
    .bind(&role)
    .bind(&email)
    .bind(&phone)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_partner_contact(store: &Store, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM partner_contacts WHERE id = ?").bind(id).execute(store.pool()).await?;
    if done.rows_affected() == 0 { Err(Error::NotFound { entity: "partner_contact", id }) } else { Ok(()) }
}

/// Records an agreement (a new one when `id` is None) with its parties and documents. At least
/// one partner signs it besides the association (`party_ids`, `required`). Document paths are
/// kept as text; nothing here opens or checks the files.
pub async fn save_agreement(store: &Store, id: Option<i64>, input: &AgreementInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_agreement_in(&mut tx, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_agreement_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &AgreementInput,
    at: &At,
) -> Result<i64> {
    let mut problems = Problems::default();
    let title = tidy(&comma_below(&input.title));
    problems.check("title", check::required(&title));
    problems.check("title", check::max_len(&title, 300));
    problems.check("signed_on", check::date(input.signed_on.trim()).map(|_| ()));
    let scope = comma_below(input.scope.trim());
    problems.check("scope", check::max_len(&scope, 5000));
    let mut parties = input.party_ids.clone();
    parties.sort_unstable();
    parties.dedup();
    if parties.is_empty() {
        problems.check("party_ids", check::required(""));
    }
    for party in &parties {
        if must_exist(tx, "partners", "partner", Some(*party)).await.is_err() {
            problems.add(crate::error::FieldError::new("party_ids", "partner_missing"));
        }
    }
    let mut documents = Vec::new();
    for document in &input.documents {
        let path = document.path.trim().to_string();
        let label = tidy(&comma_below(&document.label));
        if path.is_empty() && label.is_empty() {
            continue;
        }
        problems.check("documents", check::required(&path));
        problems.check("documents", check::max_len(&path, 1000));
        problems.check("documents", check::max_len(&label, 200));
        documents.push((path, label));
    }
    problems.into_result()?;
    must_exist(tx, "agreements", "agreement", id).await?;
    let now = at.stamp.clone();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agreements (id, title, signed_on, scope, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, signed_on = excluded.signed_on, scope = excluded.scope, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&title)
    .bind(input.signed_on.trim())
    .bind(&scope)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM agreement_parties WHERE agreement_id = ?").bind(id).execute(&mut *tx).await?;
    for party in parties {
        sqlx::query("INSERT INTO agreement_parties (agreement_id, partner_id) VALUES (?, ?)")
            .bind(id)
            .bind(party)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM agreement_documents WHERE agreement_id = ?").bind(id).execute(&mut *tx).await?;
    for (path, label) in documents {
        sqlx::query("INSERT INTO agreement_documents (agreement_id, path, label) VALUES (?, ?, ?)")
            .bind(id)
            .bind(path)
            .bind(label)
            .execute(&mut *tx)
            .await?;
    }
    Ok(id)
}

pub async fn delete_agreement(store: &Store, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM agreements WHERE id = ?").bind(id).execute(store.pool()).await?;
    if done.rows_affected() == 0 { Err(Error::NotFound { entity: "agreement", id }) } else { Ok(()) }
}

async fn agreements_in(conn: &mut SqliteConnection, partner_id: Option<i64>) -> Result<Vec<Agreement>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT a.id FROM agreements a WHERE ?1 IS NULL \
         OR EXISTS (SELECT 1 FROM agreement_parties x WHERE x.agreement_id = a.id AND x.partner_id = ?1) \
         ORDER BY a.signed_on DESC, a.id",
    )
    .bind(partner_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query("SELECT title, signed_on, scope FROM agreements WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        let parties: Vec<(i64, String)> = sqlx::query_as(
            "SELECT p.id, p.name FROM agreement_parties x JOIN partners p ON p.id = x.partner_id \
             WHERE x.agreement_id = ? ORDER BY p.sort_name",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let documents: Vec<(String, String)> =
            sqlx::query_as("SELECT path, label FROM agreement_documents WHERE agreement_id = ? ORDER BY id")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        out.push(Agreement {
            id,
            input: AgreementInput {
                title: row.try_get("title")?,
                signed_on: row.try_get("signed_on")?,
                scope: row.try_get("scope")?,
                party_ids: parties.iter().map(|(id, _)| *id).collect(),
                documents: documents.into_iter().map(|(path, label)| AgreementDocument { path, label }).collect(),
            },
            parties: parties.into_iter().map(|(_, name)| name).collect(),
        });
    }
    Ok(out)
}

/// Every agreement, latest signed first.
pub async fn list_agreements(store: &Store) -> Result<Vec<Agreement>> {
    let mut conn = store.pool().acquire().await?;
    agreements_in(&mut conn, None).await
}

/// A partner with its people, its agreements and the events it organised or co-organised.
pub async fn partner_page(store: &Store, partner_id: i64) -> Result<PartnerPage> {
    let mut conn = store.pool().begin().await?;
    let partner = get_partner_in(&mut conn, partner_id).await?;
    let contacts =
        sqlx::query("SELECT id, name, role, email, phone FROM partner_contacts WHERE partner_id = ? ORDER BY name")
            .bind(partner_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|row| {
                Ok(PartnerContact {
                    id: row.try_get("id")?,
                    partner_id,
                    input: PartnerContactInput {
                        name: row.try_get("name")?,
                        role: row.try_get("role")?,
                        email: row.try_get("email")?,
                        phone: row.try_get("phone")?,
                    },
                })
            })
            .collect::<Result<_>>()?;
    let agreements = agreements_in(&mut conn, Some(partner_id)).await?;
    let events = partner_events_in(&mut conn, partner_id).await?;
    Ok(PartnerPage { partner, contacts, agreements, events })
}
