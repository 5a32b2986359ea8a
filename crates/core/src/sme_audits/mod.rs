//! Innovation audits and business reviews held by the association at member SMEs: the score on
//! the standard grid (six areas, 1 to 5), the findings, and the recommended actions followed up to
//! done or dropped. The cluster page shows the audits of its members and their open actions.
//!
//! `model` holds the types that cross to the UI, `write` the checked changes (an audit and its
//! actions are saved together, in one transaction), `read` what the cluster page shows, `demo` the
//! demo data's audits.

pub(crate) mod demo;
mod model;
mod read;
mod write;

pub use model::*;
pub use read::cluster_audits;
pub(crate) use read::held_between;
pub use write::{delete_audit, save_audit, set_action_status};

#[cfg(test)]
mod tests;
