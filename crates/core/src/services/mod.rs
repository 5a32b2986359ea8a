//! Requests and consulting: what a member cluster (or a group founding one) asks the association
//! for — founding a cluster, governance, strategy, a funding application, internationalisation,
//! digitalisation — who holds it, where it stands, the time spent on it and what is still to do.
//!
//! `model` holds the types that cross to the UI, with the status rule ([`RequestStatus::next`]);
//! `requests` records and moves requests; `activities` logs the time spent (the rule that one
//! person's day holds at most 24 hours is there) and keeps the follow-ups; `read` is the list, a
//! request's page and the dashboard's part; `demo` the demo data's two years of consulting.

pub(crate) mod demo;
mod activities;
mod model;
mod read;
mod requests;

pub use activities::{DAY_MINUTES, delete_activity, delete_follow_up, save_activity, save_follow_up, set_follow_up_done};
pub use model::*;
pub use read::{list_requests, my_work, request_detail};
pub use requests::{create_request, delete_request, set_request_status, update_request};
pub(crate) use requests::ymd;

#[cfg(test)]
mod tests;
