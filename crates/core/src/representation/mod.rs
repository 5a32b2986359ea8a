//! Representation: the consultations in which the association speaks for its members to the
//! Government, a ministry, the Parliament, the European Commission or a managing authority — the
//! subject, the dates, the members asked and what they said, the position sent (its document's
//! path) and what became of it.
//!
//! `model` holds the types, `consultations` the checked save (a consultation with its members in
//! one transaction; the dates in order), the list and the page, `demo` the demo's positions.

mod consultations;
pub(crate) mod demo;
mod model;
#[cfg(test)]
mod tests;

pub use consultations::{delete_consultation, get_consultation, list_consultations, save_consultation};
pub use model::*;
