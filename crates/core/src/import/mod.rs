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
//! Every row goes through the app's own writes (`clusters::create_in`, `update_in`,
//! `save_contact_in`, `save_organisation_in`), each in a savepoint of ONE `BEGIN IMMEDIATE`
//! transaction, so a row is refused for exactly the reasons the forms refuse it. [`preview`] rolls
//! the transaction back; [`import`] commits it only when no row is refused (or, with
//! `skip_invalid`, without the refused rows). Any error that is not a refused row rolls the whole
//! transaction back: the database is as before.

mod columns;
mod model;
mod read;
mod rows;
mod values;

pub use model::*;
pub use read::detect as detect_encoding;

use crate::Result;
use crate::store::Store;

/// What the import would do, row by row; nothing is written.
pub async fn preview(store: &Store, file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, false).await
}

/// Writes the file's rows in one transaction: all of them, or none when a row is refused (unless
/// `skip_invalid`). The report says what was written (`written`).
pub async fn import(store: &Store, file_name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportReport> {
    rows::process(store, file_name, bytes, options, true).await
}
