//! Collaboration between clusters ("network formation"): suggestions of member clusters, member
//! organisations and partners abroad that could work together, each with why, and the
//! introductions staff make and what came of them.
//!
//! `chains` holds the data the rules read (value chains as CAEN Rev.3 divisions, complementary
//! sectors), `suggest` the rules, `introductions` the record, `demo` the demo's introductions.

mod chains;
pub(crate) mod demo;
mod introductions;
mod model;
mod suggest;

pub use chains::{CHAINS, chains_linking, sectors_complement};
pub use introductions::{delete_introduction, get_introduction, list_introductions, save_introduction};
pub use model::*;
pub use suggest::{DEFAULT_LIMIT, suggest};
