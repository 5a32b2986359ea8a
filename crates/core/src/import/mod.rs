//! Importing member clusters, their contacts and their member organisations from CSV or a
//! spreadsheet (XLSX, and XLS/ODS since calamine reads them too).
//!
//! # The file
//!
//! - A list of clusters: one row per cluster (name, CUI, county, sectors… — see
//!   [`columns`] for every header recognised), optionally with one contact on the same row
//!   ("Persoană de contact", "Funcție", "Email", "Telefon"). This is what most spreadsheets are.
//! - A workbook may add the sheets "Contacte" (more contacts) and "Organizații" (member
//!   organisations); their rows name their cluster in a "CUI cluster" column, by CUI (or by name).
//! - A CSV holds one of the three lists; which one is told by its headers (a "CUI cluster"
//!   column without a county makes it contacts, or organisations with a "Tip" column).
//!
//! # Preview and write are the same code
//!
//! Every row goes through the app's own checks and writes in ONE `BEGIN IMMEDIATE` transaction,
//! so a row is refused for exactly the reasons the forms refuse it: clusters and contacts through
//! `clusters::create_in`, `update_in`, `save_contact_in`, each in a savepoint; member
//! organisations, which come by the hundred thousand, through the form's checks
//! (`clusters::clean_organisation`) and batched writes ([`members`]), at a cost per row that does
//! not grow with the database. [`preview`] rolls the transaction back; [`import`] commits it only
//! when no row is refused (or, with `skip_invalid`, without the refused rows). Any error that is
//! not a refused row, and a cancel ([`Control`]), rolls the whole transaction back: the database
//! is as before.

mod columns;
mod members;
mod model;
mod progress;
mod read;
mod rows;
mod values;

pub use model::*;
pub use progress::{Control, ImportProgress};
pub use read::detect as detect_encoding;

use crate::Result;
use crate::store::Store;

/// What the import would do, row by row; nothing is written.
pub async fn preview(store: &Store, file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, false, &Control::default()).await
}

/// [`preview`] that reports its progress to `control` and stops when it is cancelled.
pub async fn preview_with(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    control: &Control,
) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, false, control).await
}

/// Writes the file's rows in one transaction: all of them, or none when a row is refused (unless
/// `skip_invalid`). The report says what was written (`written`).
pub async fn import(store: &Store, file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, true, &Control::default()).await
}

/// [`import`] that reports its progress to `control`; a cancel writes nothing and returns
/// `error.import_cancelled`.
pub async fn import_with(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    control: &Control,
) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, true, control).await
}
