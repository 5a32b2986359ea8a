//! The annual summary: members, organisations, labels, assessments, trainings and fees of one
//! year, computed once ([`annual`]) and handed on as a PDF ([`pdf`]), an XLSX workbook ([`xlsx`])
//! and CSV files in a zip ([`csv_zip`]), all three drawn from the same tables ([`tables`]). The
//! home page's dashboard ([`headline`]) is built from the same readers and rules.
//!
//! Who counts as a member on a day is decided in one place, [`membership`], where the rule is
//! written out.

mod compute;
mod export;
pub mod membership;
mod model;
mod pdf;
mod services;
mod tables;

pub use compute::{EXPIRING_WITHIN_DAYS, UPCOMING_WITHIN_DAYS, annual, annual_on, headline};
pub use export::{csv_file_name, csv_zip, directory, xlsx};
pub use model::*;
pub use pdf::pdf;
pub use tables::tables;
