//! What the registration rules need to know of an offering, read from the offering's own table
//! inside the caller's transaction. Adding a kind of offering means adding one arm here.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::{Offering, OfferingKind, RegistrationState};
use crate::{Error, Result};

/// The capacity and deadline of one offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Terms {
    pub capacity: i64,
    /// The last day people can register without an override.
    pub deadline: NaiveDate,
    /// False once the offering was cancelled or has taken place: nobody can register, nobody is
    /// promoted.
    pub open: bool,
}

pub(crate) async fn terms_in(conn: &mut SqliteConnection, offering: Offering) -> Result<Terms> {
    let row: Option<(i64, String, String)> = match offering.kind {
        OfferingKind::Session => {
            sqlx::query_as("SELECT capacity, enrolment_deadline, status FROM sessions WHERE id = ?")
                .bind(offering.id)
                .fetch_optional(&mut *conn)
                .await?
        }
        OfferingKind::Event => {
            sqlx::query_as("SELECT capacity, registration_deadline, status FROM events WHERE id = ?")
                .bind(offering.id)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    let entity = match offering.kind {
        OfferingKind::Session => "session",
        OfferingKind::Event => "event",
    };
    let (capacity, deadline, status) = row.ok_or(Error::NotFound { entity, id: offering.id })?;
    let deadline = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d")
        .map_err(|_| Error::invalid("enrolment_deadline", "date_format"))?;
    Ok(Terms { capacity, deadline, open: status == "planned" })
}

/// The states staff may set by hand on a registration of this kind of offering (besides
/// cancelling). Trainings set none: their outcome follows from the attendance per day. Events
/// confirm people, then record who attended or did not come.
pub(crate) fn manual_states(kind: OfferingKind) -> &'static [RegistrationState] {
    match kind {
        OfferingKind::Session => &[],
        OfferingKind::Event => &[
            RegistrationState::Enrolled,
            RegistrationState::Confirmed,
            RegistrationState::Attended,
            RegistrationState::NoShow,
        ],
    }
}
