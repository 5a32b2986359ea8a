//! One module per domain; each command is a few lines that call the core.

pub mod anaf;
pub mod app;
pub mod assessments;
pub mod audit;
pub mod backup;
pub mod clusters;
pub mod eligibility;
pub mod events;
pub mod bulletins;
pub mod funding;
pub mod import;
pub mod reference;
pub mod services;
pub mod sme_audits;
pub mod summary;
pub mod trainings;

use clusterdesk_core::UserError;

pub type CmdResult<T> = Result<T, UserError>;

/// Maps a core result to what crosses to the UI.
pub fn user<T>(result: clusterdesk_core::Result<T>) -> CmdResult<T> {
    result.map_err(|e| e.to_user())
}
