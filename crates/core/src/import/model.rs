use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::caen::CaenRevision;
use crate::code_enum::code_enum;

code_enum! {
    /// How the bytes of a CSV are read as text.
    Encoding {
        Utf8 = "utf8",
        Utf16le = "utf16le",
        Utf16be = "utf16be",
        Windows1250 = "windows1250",
        Iso8859_2 = "iso8859_2",
        Iso8859_16 = "iso8859_16",
    }
}

code_enum! {
    Separator { Semicolon = "semicolon", Comma = "comma", Tab = "tab" }
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
            Separator::Tab => b'\t',
        }
    }
}

code_enum! {
    /// What a sheet (or a CSV file) holds.
    TableKind { Clusters = "clusters", Contacts = "contacts", Organisations = "organisations" }
}

code_enum! {
    /// What a row does (or would do): create a record, update one, or nothing because it is refused.
    RowAction { Create = "create", Update = "update", Refused = "refused" }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ImportOptions {
    /// For a CSV: read it in this encoding instead of the one detected.
    pub encoding: Option<Encoding>,
    /// Rows whose CUI matches a current cluster update it; otherwise they are refused.
    pub update: bool,
    /// Write the valid rows even when others are refused (they are listed, not written).
    pub skip_invalid: bool,
    /// How a plain "CAEN" column reads a number that names different activities in Rev.2 and
    /// Rev.3; `None`: the newer revision, Rev.3.
    pub ambiguous_caen: Option<CaenRevision>,
}

code_enum! {
    /// Why a code of a plain "CAEN" column was read in the revision it was.
    CaenReason {
        OnlyRev2 = "only_rev2",
        OnlyRev3 = "only_rev3",
        /// In both revisions with the same meaning: the current one.
        SameInBoth = "same_in_both",
        /// In both with different meanings: the revision chosen in the preview (Rev.3 unless changed).
        Chosen = "chosen",
    }
}

/// How the import read a code of a plain "CAEN" column, shown in the preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CaenReading {
    pub sheet: String,
    pub row: usize,
    pub code: String,
    pub revision: CaenRevision,
    pub reason: CaenReason,
}

/// A column of the file and the field it was matched to (`None`: not used by the import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MatchedColumn {
    /// The column's letter as in a spreadsheet (A, B, … AA).
    pub letter: String,
    pub header: String,
    pub field: Option<String>,
}

/// Why a row is refused: the column (its header as written in the file; empty when the file has
/// no such column) and a message code under `error.` with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowProblem {
    pub column: String,
    pub field: String,
    pub code: String,
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RowReport {
    /// The row's number in the file (the CSV line, the spreadsheet row).
    pub row: usize,
    pub action: RowAction,
    /// The name on the row, to recognise it.
    pub name: String,
    /// The CUI of the cluster the row is (or belongs to), normalised when it could be.
    pub cluster_cui: String,
    pub problems: Vec<RowProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TableReport {
    pub kind: TableKind,
    /// The sheet's name in a workbook; empty for a CSV.
    pub sheet: String,
    /// The row of the header.
    pub header_row: usize,
    pub columns: Vec<MatchedColumn>,
    /// Fields every row needs for which no column was found.
    pub missing: Vec<String>,
    pub rows: Vec<RowReport>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportCounts {
    pub create: usize,
    pub update: usize,
    pub refused: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportReport {
    pub file_name: String,
    /// "csv" or "spreadsheet".
    pub format: String,
    /// For a CSV: the encoding read with, the one detected, the separator.
    pub encoding: Option<Encoding>,
    pub detected_encoding: Option<Encoding>,
    pub separator: Option<Separator>,
    /// Sheets left aside: empty, or with no column the import knows.
    pub ignored_sheets: Vec<String>,
    pub tables: Vec<TableReport>,
    pub counts: ImportCounts,
    pub options: ImportOptions,
    /// How the codes of plain "CAEN" columns were read (which revision, and why).
    pub caen_readings: Vec<CaenReading>,
    /// Whether the rows were written (false for a preview, and when refused rows stopped it).
    pub written: bool,
}
