//! Joint projects the association or its members take part in — Interreg, Horizon Europe, the
//! Single Market Programme, COSME (legacy), national schemes: the call, the association's role, the
//! partners (from the partner directory, with their countries), the member clusters involved, the
//! budget and the shares in EUR or RON with the BNR rate staff enter, the status, and the
//! milestones and deliverables with their due dates.
//!
//! `model` holds the types and the status rule ([`ProjectStatus::next`]), `write` the checked save
//! (a project with its partners, clusters and milestones in one transaction; the shares may not
//! exceed the budget), `read` the list and a project's page, `demo` the demo's projects.

pub(crate) mod demo;
mod model;
mod read;
#[cfg(test)]
mod tests;
mod write;

pub use model::*;
pub use read::{get_project, list_projects};
pub use write::{create_project, delete_project, update_project};
