//! Composing a bulletin (drafts only), queueing it (frozen: editions rendered, one outbox row per
//! recipient, in one transaction), and recording unsubscriptions.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::audience::{self, AUDIENCE_SQL};
use super::model::*;
use super::render;
use crate::clock::At;
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

pub async fn save_bulletin(store: &Store, id: Option<i64>, input: &BulletinInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_in(&mut tx, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

async fn status_of(conn: &mut SqliteConnection, id: i64) -> Result<BulletinStatus> {
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM bulletins WHERE id = ?").bind(id).fetch_optional(&mut *conn).await?;
    status.and_then(|s| BulletinStatus::parse(&s)).ok_or(Error::NotFound { entity: "bulletin", id })
}

async fn must_be_draft(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    match status_of(conn, id).await? {
        BulletinStatus::Draft => Ok(()),
        BulletinStatus::Queued => Err(Error::refused("bulletin.already_queued")),
    }
}

pub(crate) async fn save_in(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    input: &BulletinInput,
    at: &At,
) -> Result<i64> {
    if let Some(id) = id {
        must_be_draft(conn, id).await?;
    }
    let c = clean(conn, input).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO bulletins (id, title, subject_ro, subject_en, intro_ro, intro_en, closing_ro, closing_en, events_days, \
         audience, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET \
         title = excluded.title, subject_ro = excluded.subject_ro, subject_en = excluded.subject_en, \
         intro_ro = excluded.intro_ro, intro_en = excluded.intro_en, closing_ro = excluded.closing_ro, \
         closing_en = excluded.closing_en, events_days = excluded.events_days, audience = excluded.audience, \
         updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&c.title)
    .bind(&c.subject_ro)
    .bind(&c.subject_en)
    .bind(&c.intro_ro)
    .bind(&c.intro_en)
    .bind(&c.closing_ro)
    .bind(&c.closing_en)
    .bind(c.events_days)
    .bind(serde_json::to_string(&c.audience).map_err(|e| Error::Io(e.into()))?)
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *conn)
    .await?;
    for (table, column, ids) in
        [("bulletin_calls", "call_id", &c.call_ids), ("bulletin_regulations", "regulation_id", &c.regulation_ids)]
    {
        // Constants of the code only: the two link tables.
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE bulletin_id = ?")))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} (bulletin_id, {column}, position) SELECT ?, value, key FROM json_each(?)"
        )))
        .bind(id)
        .bind(serde_json::Value::from(ids.clone()).to_string())
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

async fn clean(conn: &mut SqliteConnection, input: &BulletinInput) -> Result<BulletinInput> {
    let mut problems = Problems::default();
    let line = |problems: &mut Problems, field: &str, value: &str, max: usize| {
        let value = tidy(&comma_below(value));
        problems.check(field, check::max_len(&value, max));
        value
    };
    let block = |problems: &mut Problems, field: &str, value: &str| {
        let value = comma_below(value.trim()).replace("\r\n", "\n");
        problems.check(field, check::max_len(&value, 20_000));
        value
    };
    let title = line(&mut problems, "title", &input.title, 300);
    problems.check("title", check::required(&title));
    let subject_ro = line(&mut problems, "subject_ro", &input.subject_ro, 200);
    let subject_en = line(&mut problems, "subject_en", &input.subject_en, 200);
    let intro_ro = block(&mut problems, "intro_ro", &input.intro_ro);
    let intro_en = block(&mut problems, "intro_en", &input.intro_en);
    let closing_ro = block(&mut problems, "closing_ro", &input.closing_ro);
    let closing_en = block(&mut problems, "closing_en", &input.closing_en);
    if !(0..=365).contains(&input.events_days) {
        problems.add(FieldError::new("events_days", "out_of_range").with("min", 0).with("max", 365));
    }
    let mut call_ids = input.call_ids.clone();
    call_ids.dedup();
    let mut regulation_ids = input.regulation_ids.clone();
    regulation_ids.dedup();
    for (field, table, ids) in
        [("call_ids", "funding_calls", &call_ids), ("regulation_ids", "regulations", &regulation_ids)]
    {
        let found: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE id IN (SELECT value FROM json_each(?))"
        )))
        .bind(serde_json::Value::from(ids.clone()).to_string())
        .fetch_one(&mut *conn)
        .await?;
        if found != ids.len() as i64 {
            problems.add(FieldError::new(field, "missing_record"));
        }
    }
    let mut audience = input.audience.clone();
    audience.roles = audience.roles.iter().map(|r| tidy(r)).filter(|r| !r.is_empty()).collect();
    problems.into_result()?;
    Ok(BulletinInput {
        title,
        subject_ro,
        subject_en,
        intro_ro,
        intro_en,
        closing_ro,
        closing_en,
        events_days: input.events_days,
        call_ids,
        regulation_ids,
        audience,
    })
}

/// Deletes a draft; a queued bulletin stays, with its messages, on record.
pub async fn delete_bulletin(store: &Store, id: i64) -> Result<()> {
    let mut tx = store.write().await?;
    must_be_draft(&mut tx, id).await?;
    sqlx::query("DELETE FROM bulletins WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

const COUNTS: &str = "(SELECT COUNT(*) FROM bulletin_messages m WHERE m.bulletin_id = b.id) AS total, \
    (SELECT COUNT(*) FROM bulletin_messages m WHERE m.bulletin_id = b.id AND m.state = 'queued') AS queued, \
    (SELECT COUNT(*) FROM bulletin_messages m WHERE m.bulletin_id = b.id AND m.state = 'sent') AS sent, \
    (SELECT COUNT(*) FROM bulletin_messages m WHERE m.bulletin_id = b.id AND m.state = 'failed') AS failed, \
    (SELECT COUNT(*) FROM bulletin_messages m WHERE m.bulletin_id = b.id AND m.state = 'cancelled') AS cancelled";

fn counts(row: &SqliteRow) -> MessageCounts {
    MessageCounts {
        total: row.get("total"),
        queued: row.get("queued"),
        sent: row.get("sent"),
        failed: row.get("failed"),
        cancelled: row.get("cancelled"),
    }
}

fn status(row: &SqliteRow) -> BulletinStatus {
    BulletinStatus::parse(row.get("status")).unwrap_or(BulletinStatus::Draft)
}

pub async fn get_bulletin(store: &Store, id: i64) -> Result<Bulletin> {
    store.with_connection(async |conn| get_in(conn, id).await).await
}

pub(crate) async fn get_in(conn: &mut SqliteConnection, id: i64) -> Result<Bulletin> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT b.*, {COUNTS} FROM bulletins b WHERE b.id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "bulletin", id })?;
    let ids = |table: &str, column: &str| {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT {column} FROM {table} WHERE bulletin_id = ? ORDER BY position"
        )))
        .bind(id)
    };
    let call_ids = ids("bulletin_calls", "call_id").fetch_all(&mut *conn).await?;
    let regulation_ids = ids("bulletin_regulations", "regulation_id").fetch_all(&mut *conn).await?;
    let audience: String = row.get("audience");
    Ok(Bulletin {
        id,
        input: BulletinInput {
            title: row.get("title"),
            subject_ro: row.get("subject_ro"),
            subject_en: row.get("subject_en"),
            intro_ro: row.get("intro_ro"),
            intro_en: row.get("intro_en"),
            closing_ro: row.get("closing_ro"),
            closing_en: row.get("closing_en"),
            events_days: row.get("events_days"),
            call_ids,
            regulation_ids,
            // Written by this module only; an unreadable one reads as "everyone who consented".
            audience: serde_json::from_str(&audience).unwrap_or_default(),
        },
        status: status(&row),
        queued_at: row.get("queued_at"),
        send_error: row.get("send_error"),
        counts: counts(&row),
    })
}

/// Every bulletin, the newest first.
pub async fn list_bulletins(store: &Store) -> Result<Vec<BulletinRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT b.id, b.title, b.status, b.queued_at, {COUNTS} FROM bulletins b ORDER BY b.id DESC"
    )))
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|row| BulletinRow {
            id: row.get("id"),
            title: row.get("title"),
            status: status(row),
            queued_at: row.get("queued_at"),
            counts: counts(row),
        })
        .collect())
}

/// Freezes a draft: renders its editions as the register reads today and writes one outbox
/// message per recipient, all in one transaction (the bulk path: one `INSERT … SELECT` over the
/// audience query). Returns how many messages were queued.
pub async fn queue_bulletin(store: &Store, id: i64) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let n = queue_in(&mut tx, id, &at, &message_token(id)).await?;
    tx.commit().await?;
    Ok(n)
}

/// The part of each Message-ID that makes it unique beyond this database.
fn message_token(id: i64) -> String {
    use rand::Rng;
    format!("b{id}.{:016x}", rand::rng().random::<u64>())
}

pub(crate) async fn queue_in(conn: &mut SqliteConnection, id: i64, at: &At, token: &str) -> Result<i64> {
    must_be_draft(conn, id).await?;
    let bulletin = get_in(conn, id).await?;
    let input = &bulletin.input;
    let mut problems = Problems::default();
    problems.check("subject_ro", check::required(&input.subject_ro));
    problems.into_result()?;
    for lang in [Lang::Ro, Lang::En] {
        let edition = render::edition(conn, id, input, lang, at.date).await?;
        sqlx::query(
            "INSERT INTO bulletin_editions (bulletin_id, language, subject, body_text, body_html) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(lang.code())
        .bind(&edition.subject)
        .bind(&edition.text)
        .bind(&edition.html)
        .execute(&mut *conn)
        .await?;
    }
    let params = audience::params(&input.audience, &at.date.to_string());
    let mut insert = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO bulletin_messages (bulletin_id, contact_id, cluster_id, recipient_name, address, language, \
         message_id, created_at, updated_at) \
         SELECT ?7, contact_id, cluster_id, name, email, language, '<' || ?8 || '.' || contact_id || '@clusterdesk>', ?9, ?9 \
         FROM ({AUDIENCE_SQL}) ORDER BY contact_id"
    )));
    for p in &params {
        insert = insert.bind(p.as_str());
    }
    let queued = insert.bind(id).bind(token).bind(&at.stamp).execute(&mut *conn).await?.rows_affected() as i64;
    if queued == 0 {
        return Err(Error::refused("bulletin.no_recipients"));
    }
    sqlx::query("UPDATE bulletins SET status = 'queued', queued_at = ?, updated_at = ? WHERE id = ?")
        .bind(&at.stamp)
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(queued)
}

/// Records that a contact asked not to receive bulletins (`on`: the day it was asked, `source`:
/// how — a reply, a call, a letter). Their messages still waiting in the outbox are cancelled.
pub async fn unsubscribe(store: &Store, contact_id: i64, on: &str, source: &str) -> Result<()> {
    let mut problems = Problems::default();
    let at = store.at();
    let day = crate::validation::past_day(&mut problems, "unsubscribed_on", on, &at);
    let source = tidy(&comma_below(source));
    problems.check("unsubscribe_source", check::required(&source));
    problems.check("unsubscribe_source", check::max_len(&source, 300));
    problems.into_result()?;
    let day = day.map(crate::services::ymd).unwrap_or_default();
    let mut tx = store.write_at(&at).await?;
    let done =
        sqlx::query("UPDATE contacts SET unsubscribed_on = ?, unsubscribe_source = ?, updated_at = ? WHERE id = ?")
            .bind(&day)
            .bind(&source)
            .bind(&at.stamp)
            .bind(contact_id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "contact", id: contact_id });
    }
    sqlx::query(
        "UPDATE bulletin_messages SET state = 'cancelled', last_error = 'unsubscribed', claimed_at = NULL, updated_at = ? \
         WHERE contact_id = ? AND state = 'queued'",
    )
    .bind(&at.stamp)
    .bind(contact_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A contact who asked to receive bulletins again.
pub async fn resubscribe(store: &Store, contact_id: i64) -> Result<()> {
    update_contact(store, contact_id, "unsubscribed_on = NULL, unsubscribe_source = ''", None).await
}

/// A contact's preferred language: the edition they receive.
pub async fn set_contact_language(store: &Store, contact_id: i64, lang: Lang) -> Result<()> {
    update_contact(store, contact_id, "language = ?", Some(lang.code())).await
}

/// One change of a contact's row; `set` is a constant of this module.
async fn update_contact(store: &Store, contact_id: i64, set: &'static str, value: Option<&str>) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let sql = format!("UPDATE contacts SET {set}, updated_at = ? WHERE id = ?");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(value) = value {
        query = query.bind(value);
    }
    let done = query.bind(&at.stamp).bind(contact_id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "contact", id: contact_id });
    }
    tx.commit().await?;
    Ok(())
}

const MESSAGE_COLUMNS: &str = "m.id, m.bulletin_id, b.title AS bulletin_title, m.contact_id, m.recipient_name, m.address, \
    m.language, m.message_id, m.state, m.attempts, m.last_error, m.interrupted, m.sent_at";

pub(crate) fn outbox_message(row: &SqliteRow) -> OutboxMessage {
    OutboxMessage {
        id: row.get("id"),
        bulletin_id: row.get("bulletin_id"),
        bulletin_title: row.get("bulletin_title"),
        contact_id: row.get("contact_id"),
        recipient_name: row.get("recipient_name"),
        address: row.get("address"),
        language: Lang::parse(row.get("language")).unwrap_or_default(),
        message_id: row.get("message_id"),
        state: MessageState::parse(row.get("state")).unwrap_or(MessageState::Queued),
        attempts: row.get("attempts"),
        last_error: row.get("last_error"),
        interrupted: row.get::<i64, _>("interrupted") != 0,
        sent_at: row.get("sent_at"),
    }
}

/// A bulletin's messages, in the order they are sent.
pub async fn bulletin_messages(store: &Store, bulletin_id: i64) -> Result<Vec<OutboxMessage>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {MESSAGE_COLUMNS} FROM bulletin_messages m JOIN bulletins b ON b.id = m.bulletin_id \
         WHERE m.bulletin_id = ? ORDER BY m.id"
    )))
    .bind(bulletin_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows.iter().map(outbox_message).collect())
}

/// What was sent (or is waiting) to one contact, the newest first (a contact's page).
pub async fn contact_messages(store: &Store, contact_id: i64) -> Result<Vec<OutboxMessage>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {MESSAGE_COLUMNS} FROM bulletin_messages m JOIN bulletins b ON b.id = m.bulletin_id \
         WHERE m.contact_id = ? ORDER BY m.id DESC"
    )))
    .bind(contact_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows.iter().map(outbox_message).collect())
}
