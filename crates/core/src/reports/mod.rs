//! Documents ClusterDesk produces: PDFs (a small layout toolkit over printpdf, and the documents
//! built with it) and table exports (CSV, XLSX).
//!
//! Everything here is plain data in, bytes out: the app, the CLI and the tests decide where the
//! bytes go.

pub mod event_docs;
pub mod pdf;
pub mod tables;
pub mod training_docs;

#[cfg(test)]
pub(crate) mod testing;
