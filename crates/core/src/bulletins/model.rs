//! The types of bulletins that cross to the window.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clusters::{LabelLevel, MembershipStatus, Sector};
use crate::code_enum::code_enum;
use crate::geo::Region;
use crate::i18n::Lang;

/// Who a bulletin goes to. Each list narrows the audience when it is not empty (any of its values
/// matches); consent, unsubscription and erasure are never filters but the rule under them all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Audience {
    pub sectors: Vec<Sector>,
    pub regions: Vec<Region>,
    /// A current ESCA label of one of these levels.
    pub labels: Vec<LabelLevel>,
    pub statuses: Vec<MembershipStatus>,
    /// Words of the contact's role ("director", "manager"), matched as parts of it, any case.
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BulletinInput {
    pub title: String,
    pub subject_ro: String,
    pub subject_en: String,
    pub intro_ro: String,
    pub intro_en: String,
    pub closing_ro: String,
    pub closing_en: String,
    /// The events and trainings of the next this many days are listed (0: none).
    pub events_days: i64,
    pub call_ids: Vec<i64>,
    pub regulation_ids: Vec<i64>,
    pub audience: Audience,
}

code_enum! {
    /// A draft is edited; a queued bulletin is frozen and its messages wait in the outbox.
    BulletinStatus { Draft = "draft", Queued = "queued" }
}

code_enum! {
    MessageState { Queued = "queued", Sent = "sent", Failed = "failed", Cancelled = "cancelled" }
}

/// How far the sending of a bulletin is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MessageCounts {
    pub total: i64,
    pub queued: i64,
    pub sent: i64,
    pub failed: i64,
    pub cancelled: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Bulletin {
    pub id: i64,
    pub input: BulletinInput,
    pub status: BulletinStatus,
    pub queued_at: Option<String>,
    /// Why the last sending run stopped, empty when it did not.
    pub send_error: String,
    pub counts: MessageCounts,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BulletinRow {
    pub id: i64,
    pub title: String,
    pub status: BulletinStatus,
    pub queued_at: Option<String>,
    pub counts: MessageCounts,
}

/// One person the audience reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Recipient {
    pub contact_id: i64,
    pub cluster_id: i64,
    pub cluster_name: String,
    pub name: String,
    pub email: String,
    pub language: Lang,
}

/// One message of the outbox, as the bulletin page and a contact's page show it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OutboxMessage {
    pub id: i64,
    pub bulletin_id: i64,
    pub bulletin_title: String,
    pub contact_id: Option<i64>,
    pub recipient_name: String,
    pub address: String,
    pub language: Lang,
    pub message_id: String,
    pub state: MessageState,
    pub attempts: i64,
    /// The server's answer that made the last attempt fail, or why the message was cancelled.
    pub last_error: String,
    /// Sent again after a crash or kill interrupted its sending (the same Message-ID).
    pub interrupted: bool,
    pub sent_at: Option<String>,
}

/// A message as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Preview {
    pub subject: String,
    pub text: String,
    pub html: String,
}
