//! Bulletins: news of funding calls, regulations, the next events and trainings, sent to the
//! contacts who consented to be contacted, in their language, through an outbox in the database.
//!
//! `model` holds the types, `audience` the one query of who a bulletin reaches (consent,
//! unsubscription and erasure under every filter), `render` what a bulletin says (an edition per
//! language, each message with its greeting and unsubscribe line), `write` composing, queueing
//! (frozen, one outbox row per recipient, one transaction) and unsubscribing, `smtp` the server's
//! settings and its password (keychain or a private file, never the database), `send` the sender
//! (paced, retried with backoff on 4xx, at-least-once across a crash: see its doc) and the `.eml`
//! export.

mod audience;
pub(crate) mod demo;
mod model;
mod pdf;
mod render;
mod send;
mod smtp;
#[cfg(test)]
mod tests;
mod write;

pub use audience::{count as audience_count, recipients};
pub use model::*;
pub use pdf::bulletin_pdf;
pub use send::{SendReport, export_eml, send_bulletin, send_with};
pub use smtp::{
    PASSWORD_STORE_ENV, PasswordStore, SmtpSecurity, SmtpSettings, SmtpSettingsView, password_store,
    save_smtp_settings, set_smtp_password, smtp_settings, smtp_settings_view,
};
pub use write::{
    bulletin_messages, contact_messages, delete_bulletin, get_bulletin, list_bulletins, queue_bulletin, resubscribe,
    save_bulletin, set_contact_language, unsubscribe,
};

use crate::Result;
use crate::i18n::Lang;
use crate::store::Store;

/// A bulletin as `contact_id` (or, without one, its first recipient in `lang`) reads it: a draft
/// as the register reads today, a queued one as it was frozen.
pub async fn preview(store: &Store, bulletin_id: i64, lang: Lang, contact_id: Option<i64>) -> Result<Preview> {
    let settings = smtp_settings(store).await?;
    let sender = render::Sender { name: settings.from_name, address: settings.from_address };
    let today = store.today();
    store
        .with_connection(async |conn| {
            let bulletin = write::get_in(conn, bulletin_id).await?;
            let (name, lang) = match contact_id {
                Some(id) => {
                    let row: Option<(String, String)> =
                        sqlx::query_as("SELECT name, language FROM contacts WHERE id = ?")
                            .bind(id)
                            .fetch_optional(&mut *conn)
                            .await?;
                    let (name, language) = row.ok_or(crate::Error::NotFound { entity: "contact", id })?;
                    (name, Lang::parse(&language).unwrap_or(lang))
                }
                None => (crate::i18n::t(lang, "bulletin.preview_name", &[]), lang),
            };
            let stored: Option<(String, String, String)> = sqlx::query_as(
                "SELECT subject, body_text, body_html FROM bulletin_editions WHERE bulletin_id = ? AND language = ?",
            )
            .bind(bulletin_id)
            .bind(lang.code())
            .fetch_optional(&mut *conn)
            .await?;
            let edition = match stored {
                Some((subject, text, html)) => render::Edition { subject, text, html },
                None => render::edition(conn, bulletin_id, &bulletin.input, lang, today).await?,
            };
            Ok(render::message(&edition, lang, &name, &sender))
        })
        .await
}
