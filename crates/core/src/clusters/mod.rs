//! Member clusters: the records, their organisations, contacts, fees and labels.
//!
//! `model` holds the types that cross to the UI, `list` the query behind the list (and the CLI's
//! `clusters list`), `detail` the full record, `write` every change. Each write runs in one
//! transaction and refreshes the cluster's folded search text before it commits.

mod detail;
mod list;
mod model;
mod write;

pub use detail::get;
pub(crate) use detail::org_counts;
pub use list::{list, list_all};
pub use model::*;
pub use write::FIRST_YEAR;
pub use write::{
    add_label, add_payment, archive, create, delete_contact, delete_label, delete_organisation, delete_payment,
    delete_permanently, replace_caen, restore, save_contact, save_organisation, set_fee, update, update_label,
};
pub(crate) use write::{
    CleanOrganisation, add_label_in, add_payment_in, clean_organisation, create_in, normalize_caen, refresh_search, save_contact_in,
    save_organisation_in, set_fee_in, update_in,
};
