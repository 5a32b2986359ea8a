//! Registrations: the one way to register people for anything the association offers — a
//! training session or an event.
//!
//! A registration joins a [`Participant`] (a cluster contact, or an external person) to an
//! [`Offering`] (kind + id). The rules live here once:
//!
//! - one live (not cancelled) registration per person and offering (`already_registered`);
//! - after the offering's deadline only with an override reason, which is kept (`deadline_passed`);
//! - past the capacity — or while anybody waits — a new registration is `waitlisted`; the waitlist
//!   is served strictly by arrival (a sequence number given at insert);
//! - when someone holding a place cancels, the first waitlisted person is enrolled in the same
//!   transaction (and when a capacity grows, as many as fit);
//! - every change of state goes to `registration_changes` (who, when, why).
//!
//! Every write runs in one `BEGIN IMMEDIATE` transaction ([`Store::write`](crate::Store::write)):
//! SQLite lets one writer in at a time and the count-then-insert happens inside it, so concurrent
//! calls can neither overbook an offering nor reorder its waitlist.
//!
//! An offering's capacity, deadline and whether it is open are read by `offering::terms_in`, a
//! match on the kind; which states staff may set by hand (events: confirmed, attended, no-show;
//! trainings: none, their outcome follows from attendance) by `offering::manual_states`. Events
//! plugged in by adding one arm to each.

mod model;
mod offering;
mod participants;
mod read;
mod write;

pub(crate) use model::SEATED_SQL;
pub use model::{
    CancelOutcome, Offering, OfferingKind, Participant, ParticipantInput, PersonChoice, RegisterOptions, Registration,
    RegistrationChange, RegistrationState, RegistrationView, StateCounts,
};
pub use participants::{
    create_external_participant, get_participant, participant_for_contact, search_people, set_participant_language,
    update_participant,
};
pub(crate) use participants::{create_external_participant_in, participant_for_contact_in};
pub(crate) use read::{PERSON_COLUMNS, PERSON_JOINS, lang, roster_in};
pub use read::{counts, get, history, roster};
pub use write::{AUTOMATIC, Person, REASON_CAPACITY_INCREASED, cancel, change_state, register, register_person};
pub(crate) use write::{
    At, cancel_in, capacity_problem_in, change_state_in, counts_in, fill_in, get_in, register_in, set_state_in,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seated_sql_lists_the_seated_states() {
        let mut listed: Vec<&str> =
            SEATED_SQL.trim_matches(['(', ')']).split(',').map(|s| s.trim_matches('\'')).collect();
        let mut seated: Vec<&str> = RegistrationState::SEATED.iter().map(|s| s.code()).collect();
        listed.sort();
        seated.sort();
        assert_eq!(listed, seated);
    }
}
