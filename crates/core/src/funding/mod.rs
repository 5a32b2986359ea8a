//! Member information on record: funding calls (the programme and funder, dates, budget,
//! co-financing, and who may apply — applicant kinds, regions, sectors, CAEN codes of either
//! revision, an ESCA label, the national or ECCP criteria) and regulations or news items (source,
//! reference, effect in short, sectors concerned).
//!
//! `model` holds the types, `write` the checked saves (each record with its lists in one
//! transaction; a call's CAEN codes also fill `funding_call_caen_cache` with their INS
//! correspondents), `read` the lists with their filters (open / closing / closed by the Bucharest
//! day, programme, sector, words) and a record, `matching` the clusters and organisations that fit
//! a call, with why, in one statement.

pub(crate) mod demo;
mod matching;
mod model;
mod read;
#[cfg(test)]
mod tests;
mod write;

pub use matching::{
    CallCheck, CallCriterion, CallMatch, CallMatches, ClusterCall, MATCH_LIMIT, MatchKind, calls_for_cluster, match_call,
};
pub use model::*;
pub use read::{
    closing_calls, get_call, get_regulation, list_calls, list_regulations, programmes, state_on,
};
pub use write::{
    FULL_RATE, create_call, create_regulation, delete_call, delete_regulation, update_call, update_regulation,
};
