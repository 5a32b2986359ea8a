use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::i18n::Lang;

use crate::code_enum::code_enum;

code_enum! {
    /// What people register for: a training session, later an event.
    OfferingKind { Session = "session", Event = "event" }
}

code_enum! {
    /// Where a registration stands. `confirmed` and `attended` are for events; trainings record
    /// attendance per day and end in `completed` or `no_show`.
    RegistrationState {
        Enrolled = "enrolled",
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        Completed = "completed",
        NoShow = "no_show",
        Confirmed = "confirmed",
        Attended = "attended",
    }
}

impl RegistrationState {
    /// The states that take one of the offering's places.
    pub const SEATED: &'static [RegistrationState] = &[
        RegistrationState::Enrolled,
        RegistrationState::Confirmed,
        RegistrationState::Attended,
        RegistrationState::Completed,
        RegistrationState::NoShow,
    ];

    pub fn holds_seat(self) -> bool {
        Self::SEATED.contains(&self)
    }

    /// Still in play: anything but cancelled. A person has at most one live registration per offering.
    pub fn is_live(self) -> bool {
        self != RegistrationState::Cancelled
    }

    /// The states a person can still cancel from (afterwards the offering has happened).
    pub fn can_cancel(self) -> bool {
        matches!(self, RegistrationState::Enrolled | RegistrationState::Waitlisted | RegistrationState::Confirmed)
    }
}

/// SQL list of the seated states, for `state IN (…)`; kept in step with [`RegistrationState::SEATED`]
/// by a test.
pub(crate) const SEATED_SQL: &str = "('enrolled','confirmed','attended','completed','no_show')";

/// The thing registered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Offering {
    pub kind: OfferingKind,
    pub id: i64,
}

impl Offering {
    pub fn session(id: i64) -> Offering {
        Offering { kind: OfferingKind::Session, id }
    }

    pub fn event(id: i64) -> Offering {
        Offering { kind: OfferingKind::Event, id }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RegisterOptions {
    /// Accepts a registration after the deadline; required then, and kept with the registration.
    pub override_reason: Option<String>,
    /// Who registers the person (the staff member), kept in the history.
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Registration {
    pub id: i64,
    pub offering: Offering,
    pub participant_id: i64,
    pub state: RegistrationState,
    /// The arrival order (over all registrations): the waitlist is served in this order.
    pub arrival: i64,
    pub registered_at: String,
    pub late_override_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CancelOutcome {
    pub cancelled: Registration,
    /// The first person of the waitlist, enrolled in the freed place.
    pub promoted: Option<Registration>,
}

/// One line of an offering's roster.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RegistrationView {
    pub id: i64,
    pub participant_id: i64,
    pub name: String,
    /// The cluster's name for a contact, the organisation typed for an external person.
    pub organisation: String,
    pub email: String,
    pub contact_id: Option<i64>,
    pub cluster_id: Option<i64>,
    pub cluster_name: Option<String>,
    pub organisation_id: Option<i64>,
    pub country: String,
    pub language: Lang,
    pub state: RegistrationState,
    pub arrival: i64,
    /// 1..n for the waitlisted, in the order they will be promoted.
    pub waitlist_position: Option<i64>,
    pub registered_at: String,
    pub late_override_reason: Option<String>,
    pub certificate_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct RegistrationChange {
    pub registration_id: i64,
    /// None for the registration itself.
    pub from_state: Option<RegistrationState>,
    pub to_state: RegistrationState,
    pub changed_at: String,
    pub changed_by: String,
    pub reason: String,
}

/// How many registrations of an offering are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StateCounts {
    /// Everyone who holds a place (enrolled, confirmed, attended, completed, no-show).
    pub seated: i64,
    pub enrolled: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    pub completed: i64,
    pub no_show: i64,
    pub confirmed: i64,
    pub attended: i64,
}

/// An external participant (someone who is not a contact of a member cluster).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ParticipantInput {
    pub name: String,
    /// The organisation typed for someone from outside the clusters; ignored when
    /// `organisation_id` names a member organisation.
    pub organisation: String,
    /// The member organisation (of a cluster) the person stands for, if any.
    pub organisation_id: Option<i64>,
    pub email: String,
    pub language: Lang,
    /// ISO 3166 alpha-2; empty means Romania.
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Participant {
    pub id: i64,
    pub contact_id: Option<i64>,
    /// The cluster of the contact, or of the member organisation the person stands for.
    pub cluster_id: Option<i64>,
    pub cluster_name: Option<String>,
    pub organisation_id: Option<i64>,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub language: Lang,
    pub country: String,
}

/// A person who can be registered: a cluster contact (who may not have a participant row yet)
/// or an external participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonChoice {
    pub participant_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub name: String,
    pub organisation: String,
    pub email: String,
}
