//! ClusterDesk's core: the domain, the SQLite store and the reports.
//!
//! Architecture invariant: this crate knows nothing of Tauri, windows or dialogs. Everything the
//! app can do is a plain async function here, so that the CLI, the tests and the benchmarks use
//! exactly what the app uses.

pub mod anaf;
pub mod assessments;
pub mod audit;
pub mod backup;
pub mod bulletins;
pub mod caen;
pub mod clock;
pub mod clusters;
mod code_enum;
pub mod cui;
pub mod demo;
pub mod eligibility;
pub mod error;
pub mod events;
pub mod files;
pub mod funding;
pub mod geo;
pub mod i18n;
pub mod import;
mod list_filter;
pub mod money;
pub mod network;
pub mod personal_data;
pub mod projects;
pub mod reference;
pub mod registrations;
pub mod reports;
pub mod representation;
pub mod services;
pub mod settings;
pub mod sme_audits;
pub mod store;
pub mod summary;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod timeline;
pub mod trainings;
pub mod validation;

pub use error::{Error, Result, UserError};
pub use store::Store;
