//! Events and international cooperation: inward and outward missions, brokerage events with the
//! Enterprise Europe Network, the annual conference, workshops; the partner organisations and
//! networks behind them and the agreements signed with them.
//!
//! People take part through the one registration model: a participant of an event is a
//! [`registration`](crate::registrations) for `Offering::event(id)`, so capacity, the waitlist,
//! promotion on cancellation, the deadline override and the history are the trainings' rules,
//! not a copy of them. Events add the states staff set by hand (confirmed, attended, no-show),
//! allowed for the `event` kind in `registrations::offering`. A person may stand for a member
//! organisation of a cluster (`ParticipantInput::organisation_id`) or for an organisation typed
//! in, from any country.
//!
//! What only events have lives here: the event record (`write`), the list and the event page
//! with its figures (`read`; [`figures`] is the one place an event's results are counted, for the
//! page, the event report and the annual summary), brokerage meetings with the rule that a person
//! or an organisation is in one meeting per slot (`meetings`), partners' people and agreements
//! (`partners`), the documents' data (`documents`) and the demo events (`demo`).

pub mod demo;
mod documents;
mod meetings;
mod model;
mod partners;
mod read;
mod write;

pub use documents::{badges, event_report, meeting_schedule, participant_list, participants_table};
pub use meetings::{SLOT_FORMAT, delete_meeting, save_meeting};
pub use model::*;
pub use partners::{
    delete_agreement, delete_partner_contact, list_agreements, partner_page, save_agreement, save_partner_contact,
};
pub use read::{cluster_events, event_detail, figures, get_event, list_events, search_organisations};
pub(crate) use read::{held_between_in, takes_part};
pub use write::{create_event, delete_event, set_evaluation, update_event};
