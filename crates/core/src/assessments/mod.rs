//! Cluster performance assessments against the ESCA-style framework: the framework as versioned
//! data ([`framework`]), the scores computed in Rust ([`scoring`]), assessments from draft to final
//! with corrections as new revisions ([`write`], [`read`]), the comparison over years and against
//! the national median, the printed report ([`report`]) and the demo's assessments ([`demo`]).
//!
//! Two rules hold everywhere: an assessment keeps the framework version it was made with, and a
//! final assessment never changes — its scores are stored when it is finalised and read back as
//! they were, whatever happens to the framework later.

pub mod demo;
pub mod framework;
mod model;
mod read;
pub mod report;
pub mod scoring;
mod write;

pub use model::*;
pub use read::{compare, find, get, held_between, list, median};
pub use write::{create, delete_draft, finalise, revise, save_values, update};
