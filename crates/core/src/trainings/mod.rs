//! Trainings: partners (training providers), courses, sessions with their days, enrolments,
//! attendance, completion and certificates.
//!
//! Enrolments are [`registrations`](crate::registrations) of participants for the offering
//! `Offering::session(id)`: capacity, the waitlist, cancellations with promotion, the deadline and
//! its override, the history — all of it lives there, once, for trainings and events alike. This
//! module adds what only trainings have: the catalogue (`catalogue`), sessions and their days
//! (`sessions`), attendance per day and the completion rule with certificate numbers
//! (`attendance`, where the rule is documented), the views from a person or a cluster (`people`),
//! and the data of the printed documents (`documents`).

mod attendance;
mod catalogue;
pub mod demo;
mod documents;
mod model;
mod people;
mod sessions;

pub use attendance::{CERTIFICATE_PREFIX, REASON_COMPLETION_RULE, complete_session, outcome, record_attendance};
pub use catalogue::{
    create_course, create_partner, get_course, get_partner, list_courses, list_partners, update_course, update_partner,
};
pub(crate) use catalogue::{get_partner_in, must_exist, save_partner_in};
pub use documents::{attendance_sheets, certificates, date_range, participants_table};
pub use model::*;
pub use people::{cluster_trainings, participant_history};
pub use sessions::{
    REASON_SESSION_CANCELLED, cancel_session, course_sessions, create_session, get_session, session_detail,
    sessions_in, update_session,
};

// The participants and the registration calls trainings use, so that a trainings screen needs
// one module.
pub use crate::registrations::{
    CancelOutcome, Offering, Participant, ParticipantInput, PersonChoice, REASON_CAPACITY_INCREASED, RegisterOptions,
    Registration, RegistrationState, RegistrationView, cancel, create_external_participant, participant_for_contact,
    register, roster, search_people,
};

/// Registers a participant for a training session (the registrations' `register` for
/// `Offering::session(session_id)`).
pub async fn enrol(
    store: &crate::Store,
    session_id: i64,
    participant_id: i64,
    options: RegisterOptions,
) -> crate::Result<Registration> {
    register(store, Offering::session(session_id), participant_id, options).await
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, t};

    /// Every message code the registrations and trainings code can return has a message.
    #[test]
    fn every_error_code_has_a_message() {
        let sources = [
            include_str!("../registrations/offering.rs"),
            include_str!("../registrations/participants.rs"),
            include_str!("../registrations/write.rs"),
            include_str!("attendance.rs"),
            include_str!("catalogue.rs"),
            include_str!("sessions.rs"),
        ];
        let mut keys = Vec::new();
        for source in sources {
            // Refusals name their full key; field errors name the code after `error.`.
            for (i, _) in source.match_indices("\"error.") {
                let rest = &source[i + 1..];
                keys.push(rest[..rest.find('"').unwrap()].to_string());
            }
            for marker in ["FieldError::new(\"", "Error::invalid(\""] {
                for (i, _) in source.match_indices(marker) {
                    let rest = &source[i + marker.len()..];
                    let rest = &rest[rest.find('"').unwrap() + 1..];
                    let rest = &rest[rest.find('"').unwrap() + 1..];
                    keys.push(format!("error.{}", &rest[..rest.find('"').unwrap()]));
                }
            }
        }
        assert!(keys.len() > 20, "{keys:?}");
        for key in keys {
            for lang in [Lang::Ro, Lang::En] {
                assert_ne!(t(lang, &key, &[]), key, "{key} has no message");
            }
        }
    }
}
