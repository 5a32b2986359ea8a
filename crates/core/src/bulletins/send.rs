//! Sending the outbox through the association's SMTP server, and the messages as `.eml` files.
//!
//! Crash safety, at-least-once: a message is claimed (`claimed_at`, committed) before it is handed
//! to the server, and marked sent (committed) once the server accepted it. A run that finds a
//! claimed message — the previous run was killed between the two — sends it again with the same
//! Message-ID, marked `interrupted`. So a kill loses no message, and at most the one in flight may
//! arrive twice, recognisable by its Message-ID. The other way (never resend a claimed message)
//! would lose that message silently whenever the kill came before the server had it; a bulletin
//! read twice by one person is the smaller harm. Only one sender runs per bulletin: the claim of a
//! new run takes back every claimed message of that bulletin.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use sqlx::Row;
use ts_rs::TS;

use super::model::MessageCounts;
use super::render::{self, Edition, Sender};
use super::smtp::{SmtpSecurity, SmtpSettings, smtp_password, smtp_settings};
use crate::i18n::Lang;
use crate::store::Store;
use crate::{Error, Result};

/// How a sending run ended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SendReport {
    pub counts: MessageCounts,
    /// Why the run stopped before the outbox was empty (the server unreachable, the login
    /// refused), empty when it did not.
    pub stopped: String,
}

/// One message of the outbox with what it needs to be built.
struct Outgoing {
    id: i64,
    name: String,
    address: String,
    language: Lang,
    message_id: String,
    attempts: i64,
}

async fn editions(store: &Store, bulletin_id: i64) -> Result<Vec<(Lang, Edition)>> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT language, subject, body_text, body_html FROM bulletin_editions WHERE bulletin_id = ?")
            .bind(bulletin_id)
            .fetch_all(store.pool())
            .await?;
    if rows.is_empty() {
        return Err(Error::refused("bulletin.not_queued"));
    }
    Ok(rows
        .into_iter()
        .map(|(lang, subject, text, html)| (Lang::parse(&lang).unwrap_or_default(), Edition { subject, text, html }))
        .collect())
}

fn sender_of(settings: &SmtpSettings) -> Sender {
    Sender { name: settings.from_name.clone(), address: settings.from_address.clone() }
}

fn edition_for(editions: &[(Lang, Edition)], lang: Lang) -> Result<&Edition> {
    editions
        .iter()
        .find(|(l, _)| *l == lang)
        .or_else(|| editions.first())
        .map(|(_, e)| e)
        .ok_or(Error::refused("bulletin.not_queued"))
}

/// The message as it goes out (and as the `.eml` file holds it). The Date is the moment the
/// bulletin was queued, so that a message built again is the same message.
fn build(
    editions: &[(Lang, Edition)],
    settings: &SmtpSettings,
    queued_at: DateTime<Utc>,
    m: &Outgoing,
) -> std::result::Result<Message, String> {
    let edition = edition_for(editions, m.language).map_err(|e| e.to_string())?;
    let sender = sender_of(settings);
    let body = render::message(edition, m.language, &m.name, &sender);
    let from: Mailbox = format!("{} <{}>", settings.from_name, settings.from_address)
        .parse()
        .or_else(|_| settings.from_address.parse())
        .map_err(|e| format!("from: {e}"))?;
    let to = Mailbox::new(Some(m.name.clone()), m.address.parse().map_err(|e| format!("to: {e}"))?);
    Message::builder()
        .from(from)
        .to(to)
        .subject(body.subject)
        .message_id(Some(m.message_id.clone()))
        .date(queued_at.into())
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<mailto:{}?subject=unsubscribe>", settings.from_address),
        ))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(body.text))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(body.html)),
        )
        .map_err(|e| e.to_string())
}

async fn queued_at(store: &Store, bulletin_id: i64) -> Result<DateTime<Utc>> {
    let stamp: Option<Option<String>> = sqlx::query_scalar("SELECT queued_at FROM bulletins WHERE id = ?")
        .bind(bulletin_id)
        .fetch_optional(store.pool())
        .await?;
    let stamp = stamp.ok_or(Error::NotFound { entity: "bulletin", id: bulletin_id })?;
    stamp
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|d| d.with_timezone(&Utc))
        .ok_or(Error::refused("bulletin.not_queued"))
}

fn outgoing(row: &sqlx::sqlite::SqliteRow) -> Outgoing {
    Outgoing {
        id: row.get("id"),
        name: row.get("recipient_name"),
        address: row.get("address"),
        language: Lang::parse(row.get("language")).unwrap_or_default(),
        message_id: row.get("message_id"),
        attempts: row.get("attempts"),
    }
}

/// Every message of a queued bulletin as `.eml` files in `dir` (for staff who send from their own
/// mail client); returns how many were written.
pub async fn export_eml(store: &Store, bulletin_id: i64, dir: &std::path::Path) -> Result<usize> {
    let editions = editions(store, bulletin_id).await?;
    let settings = smtp_settings(store).await?;
    let queued_at = queued_at(store, bulletin_id).await?;
    let rows = sqlx::query(
        "SELECT id, recipient_name, address, language, message_id, attempts FROM bulletin_messages \
         WHERE bulletin_id = ? AND state <> 'cancelled' ORDER BY id",
    )
    .bind(bulletin_id)
    .fetch_all(store.pool())
    .await?;
    std::fs::create_dir_all(dir)?;
    for row in &rows {
        let m = outgoing(row);
        let message = build(&editions, &settings, queued_at, &m).map_err(|detail| Error::Refused {
            code: "bulletin.message_invalid",
            params: [("detail".into(), detail)].into(),
        })?;
        let name = crate::files::safe_file_name(&[&format!("{:05}", m.id), &m.name], "eml");
        crate::files::write_atomic(&dir.join(name), &message.formatted())?;
    }
    Ok(rows.len())
}

pub(crate) async fn counts(store: &Store, bulletin_id: i64) -> Result<MessageCounts> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS total, COALESCE(SUM(state = 'queued'), 0) AS queued, COALESCE(SUM(state = 'sent'), 0) AS sent, \
         COALESCE(SUM(state = 'failed'), 0) AS failed, COALESCE(SUM(state = 'cancelled'), 0) AS cancelled \
         FROM bulletin_messages WHERE bulletin_id = ?",
    )
    .bind(bulletin_id)
    .fetch_one(store.pool())
    .await?;
    Ok(MessageCounts {
        total: row.get("total"),
        queued: row.get("queued"),
        sent: row.get("sent"),
        failed: row.get("failed"),
        cancelled: row.get("cancelled"),
    })
}

fn transport(
    settings: &SmtpSettings,
    password: Option<String>,
) -> std::result::Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let tls = || -> std::result::Result<TlsParameters, String> {
        let mut params = TlsParameters::builder(settings.host.clone());
        if !settings.ca_file.is_empty() {
            let pem = std::fs::read(&settings.ca_file).map_err(|e| format!("{}: {e}", settings.ca_file))?;
            params = params.add_root_certificate(Certificate::from_pem(&pem).map_err(|e| e.to_string())?);
        }
        params.build_rustls().map_err(|e| e.to_string())
    };
    let port = u16::try_from(settings.port).map_err(|e| e.to_string())?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
        .port(port)
        .timeout(Some(Duration::from_secs(60)));
    builder = match settings.security {
        SmtpSecurity::StartTls => builder.tls(Tls::Required(tls()?)),
        SmtpSecurity::Tls => builder.tls(Tls::Wrapper(tls()?)),
        SmtpSecurity::None => builder.tls(Tls::None),
    };
    if !settings.user.is_empty() {
        builder = builder.credentials(Credentials::new(settings.user.clone(), password.unwrap_or_default()));
    }
    Ok(builder.build())
}

async fn stop(store: &Store, bulletin_id: i64, reason: String) -> Result<SendReport> {
    let mut tx = store.write().await?;
    sqlx::query("UPDATE bulletins SET send_error = ? WHERE id = ?")
        .bind(&reason)
        .bind(bulletin_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(SendReport { counts: counts(store, bulletin_id).await?, stopped: reason })
}

/// Sends what is due in a bulletin's outbox with the stored settings and password.
pub async fn send_bulletin(
    store: &Store,
    bulletin_id: i64,
    progress: &mut (dyn FnMut(&MessageCounts) + Send),
) -> Result<SendReport> {
    let settings = smtp_settings(store).await?;
    if settings.host.is_empty() || settings.from_address.is_empty() {
        return Err(Error::refused("bulletin.smtp_not_set"));
    }
    let password = smtp_password(store)?;
    send_with(store, bulletin_id, &settings, password, progress).await
}

/// [`send_bulletin`] with given settings. Runs until every message is sent, failed or cancelled
/// (waiting out the backoff of temporary refusals), or until the server cannot be used.
pub async fn send_with(
    store: &Store,
    bulletin_id: i64,
    settings: &SmtpSettings,
    password: Option<String>,
    progress: &mut (dyn FnMut(&MessageCounts) + Send),
) -> Result<SendReport> {
    let editions = editions(store, bulletin_id).await?;
    let queued_at = queued_at(store, bulletin_id).await?;
    {
        let at = store.at();
        let mut tx = store.write_at(&at).await?;
        // The previous run was killed with these in flight: they go again (see the module's doc).
        sqlx::query(
            "UPDATE bulletin_messages SET claimed_at = NULL, interrupted = 1, updated_at = ? \
             WHERE bulletin_id = ? AND state = 'queued' AND claimed_at IS NOT NULL",
        )
        .bind(&at.stamp)
        .bind(bulletin_id)
        .execute(&mut *tx)
        .await?;
        // Consent withdrawn, unsubscribed or erased since the bulletin was queued.
        sqlx::query(
            "UPDATE bulletin_messages SET state = 'cancelled', last_error = 'no_consent', updated_at = ? \
             WHERE bulletin_id = ? AND state = 'queued' AND (contact_id IS NULL OR contact_id IN \
             (SELECT id FROM contacts WHERE consent = 0 OR unsubscribed_on IS NOT NULL))",
        )
        .bind(&at.stamp)
        .bind(bulletin_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE bulletins SET send_error = '' WHERE id = ?").bind(bulletin_id).execute(&mut *tx).await?;
        tx.commit().await?;
    }
    let mailer = match transport(settings, password) {
        Ok(mailer) => mailer,
        Err(reason) => return stop(store, bulletin_id, reason).await,
    };
    match mailer.test_connection().await {
        Ok(true) => {}
        Ok(false) => return stop(store, bulletin_id, "the server did not answer".into()).await,
        Err(e) => return stop(store, bulletin_id, e.to_string()).await,
    }
    let pace = Duration::from_millis(settings.pace_ms.max(0).unsigned_abs());
    loop {
        let at = store.at();
        let mut tx = store.write_at(&at).await?;
        let claimed = sqlx::query(
            "UPDATE bulletin_messages SET claimed_at = ?1, attempts = attempts + 1, updated_at = ?1 WHERE id = \
             (SELECT id FROM bulletin_messages WHERE bulletin_id = ?2 AND state = 'queued' AND claimed_at IS NULL \
              AND (next_attempt_at IS NULL OR next_attempt_at <= ?1) ORDER BY id LIMIT 1) \
             RETURNING id, recipient_name, address, language, message_id, attempts",
        )
        .bind(&at.stamp)
        .bind(bulletin_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = claimed else {
            let next: Option<String> = sqlx::query_scalar(
                "SELECT MIN(next_attempt_at) FROM bulletin_messages WHERE bulletin_id = ? AND state = 'queued'",
            )
            .bind(bulletin_id)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            let Some(next) = next.and_then(|n| DateTime::parse_from_rfc3339(&n).ok()) else { break };
            let wait = (next.with_timezone(&Utc) - store.clock().now()).to_std().unwrap_or_default();
            tokio::time::sleep(wait.max(Duration::from_millis(1))).await;
            continue;
        };
        tx.commit().await?;
        let m = outgoing(&row);
        let outcome = match build(&editions, settings, queued_at, &m) {
            Ok(message) => mailer.send(message).await.map(|_| ()).map_err(Refusal::from),
            Err(reason) => Err(Refusal::Permanent(reason)),
        };
        let at = store.at();
        let mut tx = store.write_at(&at).await?;
        let stopped = match outcome {
            Ok(()) => {
                sqlx::query(
                    "UPDATE bulletin_messages SET state = 'sent', sent_at = ?1, claimed_at = NULL, last_error = '', \
                     next_attempt_at = NULL, updated_at = ?1 WHERE id = ?2",
                )
                .bind(&at.stamp)
                .bind(m.id)
                .execute(&mut *tx)
                .await?;
                None
            }
            Err(Refusal::Temporary(reason)) if m.attempts < settings.max_attempts => {
                let wait = settings.retry_base_s.max(0) * (1_i64 << (m.attempts - 1).clamp(0, 20));
                let next = store.clock().now() + chrono::Duration::seconds(wait);
                sqlx::query(
                    "UPDATE bulletin_messages SET claimed_at = NULL, last_error = ?1, next_attempt_at = ?2, updated_at = ?3 \
                     WHERE id = ?4",
                )
                .bind(&reason)
                .bind(crate::clock::stamp(next))
                .bind(&at.stamp)
                .bind(m.id)
                .execute(&mut *tx)
                .await?;
                None
            }
            Err(Refusal::Temporary(reason) | Refusal::Permanent(reason)) => {
                release(&mut tx, m.id, "state = 'failed'", &reason, &at.stamp).await?;
                None
            }
            Err(Refusal::Connection(reason)) => {
                // The server may or may not have it: it stays queued, unclaimed, and goes again.
                release(&mut tx, m.id, "attempts = attempts - 1", &reason, &at.stamp).await?;
                Some(reason)
            }
        };
        tx.commit().await?;
        progress(&counts(store, bulletin_id).await?);
        if let Some(reason) = stopped {
            return stop(store, bulletin_id, reason).await;
        }
        if !pace.is_zero() {
            tokio::time::sleep(pace).await;
        }
    }
    Ok(SendReport { counts: counts(store, bulletin_id).await?, stopped: String::new() })
}

/// Unclaims a message with the reason of its last attempt; `set` is a constant of this module.
async fn release(
    conn: &mut sqlx::SqliteConnection,
    id: i64,
    set: &'static str,
    reason: &str,
    stamp: &str,
) -> Result<()> {
    let sql = format!(
        "UPDATE bulletin_messages SET {set}, claimed_at = NULL, last_error = ?1, updated_at = ?2 WHERE id = ?3"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(reason).bind(stamp).bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// What the server's answer means for one message.
enum Refusal {
    /// 4xx: try again later.
    Temporary(String),
    /// 5xx, or a message that cannot be built: this one fails, the others go on.
    Permanent(String),
    /// No answer about this message (the connection, TLS, a timeout): the run stops.
    Connection(String),
}

impl From<lettre::transport::smtp::Error> for Refusal {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        let reason = e.to_string();
        if e.is_transient() {
            Refusal::Temporary(reason)
        } else if e.is_permanent() {
            Refusal::Permanent(reason)
        } else {
            Refusal::Connection(reason)
        }
    }
}
