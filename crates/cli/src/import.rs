//! `clusterdesk import clusters FILE [--dry-run] [--update] [--skip-invalid] [--encoding ENC]`:
//! the report the app's preview shows, then the import — or nothing, and a failure exit, when a
//! row is refused (unless --skip-invalid).

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;
use clusterdesk_core::caen::CaenRevision;
use clusterdesk_core::i18n::{Lang, format_integer, plural_form, t};
use clusterdesk_core::import::{
    self, CaenReading, Control, Encoding, ImportOptions, ImportProgress, ImportReport, RowProblem, TableReport,
};
use clusterdesk_core::{Error, Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use indicatif::{ProgressBar, ProgressStyle};

use crate::output::message;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Member clusters from a CSV or XLSX file: one row per cluster (with an optional contact);
    /// a workbook may add the sheets "Contacte" and "Organizații" (see the README).
    Clusters {
        file: PathBuf,
        /// Only print the report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Rows whose CUI matches a current cluster update it (otherwise they are refused).
        #[arg(long)]
        update: bool,
        /// Write the valid rows even if others are refused (those are listed).
        #[arg(long)]
        skip_invalid: bool,
        /// Read a CSV in this encoding instead of the one detected: utf8, utf16le, utf16be,
        /// windows-1250, iso-8859-2, iso-8859-16.
        #[arg(long, value_parser = parse_encoding)]
        encoding: Option<Encoding>,
        /// How a plain "CAEN" column reads a number that names different activities in Rev.2 and
        /// Rev.3: rev2 or rev3 (the default, the newer one).
        #[arg(long, value_parser = parse_revision)]
        ambiguous_caen: Option<CaenRevision>,
    },
}

fn parse_encoding(value: &str) -> std::result::Result<Encoding, String> {
    let code = value.trim().to_ascii_lowercase().replace('-', "_");
    let code = match code.as_str() {
        "utf_8" => "utf8",
        "cp1250" | "windows_1250" => "windows1250",
        "latin2" | "iso_8859_2" => "iso8859_2",
        "latin10" | "iso_8859_16" => "iso8859_16",
        other => other,
    };
    Encoding::parse(code).ok_or_else(|| {
        let all: Vec<&str> = Encoding::ALL.iter().map(|e| e.code()).collect();
        format!("'{value}': use one of {}", all.join(", "))
    })
}

fn parse_revision(value: &str) -> std::result::Result<CaenRevision, String> {
    match value.trim().to_ascii_lowercase().replace(['.', ' '], "").as_str() {
        "rev2" | "2" => Ok(CaenRevision::Rev2),
        "rev3" | "3" => Ok(CaenRevision::Rev3),
        _ => Err(format!("'{value}': use rev2 or rev3")),
    }
}

pub async fn run(store: &Store, lang: Lang, command: ImportCommand) -> Result<()> {
    let ImportCommand::Clusters { file, dry_run, update, skip_invalid, encoding, ambiguous_caen } = command;
    let bytes = std::fs::read(&file)?;
    let file_name = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let options = ImportOptions { encoding, update, skip_invalid, ambiguous_caen };
    let bar = std::io::stderr().is_terminal().then(|| progress_bar(lang));
    let control = bar.clone().map_or_else(Control::default, |bar| {
        Control::reporting(move |p| {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
            bar.set_message(progress_text(lang, p));
        })
    });
    let report = if dry_run {
        import::preview_with(store, &file_name, &bytes, &options, &control).await
    } else {
        import::import_with(store, &file_name, &bytes, &options, &control).await
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = report?;
    print!("{}", render(lang, &report));
    let counts = &report.counts;
    let params = [
        ("create", counts.create.to_string()),
        ("update", counts.update.to_string()),
        ("refused", counts.refused.to_string()),
    ];
    let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if counts.refused > 0 && !skip_invalid {
        let refused = i64::try_from(counts.refused).unwrap_or(i64::MAX);
        let code = match plural_form(lang, refused) {
            "one" => "error.import_refused_rows.one",
            "few" => "error.import_refused_rows.few",
            _ => "error.import_refused_rows.many",
        };
        return Err(Error::Refused { code, params: [("count".to_string(), format_integer(lang, refused))].into() });
    }
    let done = match (dry_run, report.written, counts.refused) {
        (true, _, _) => "import.result.preview",
        (false, false, _) => "import.result.nothing_to_write",
        (false, true, 0) => "import.result.written",
        (false, true, _) => "import.result.written_skipped",
    };
    println!("{}", t(lang, done, &params));
    Ok(())
}

/// Rows done on a terminal (stderr): the report itself goes to stdout, and a pipe gets no bar.
fn progress_bar(lang: Lang) -> ProgressBar {
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{wide_bar} {msg}") {
        bar.set_style(style);
    }
    bar.set_message(t(lang, "import.progress.estimating", &[]));
    bar
}

fn progress_text(lang: Lang, progress: &ImportProgress) -> String {
    let (done, total) = (progress.done.to_string(), progress.total.to_string());
    let rows = t(lang, "import.progress.rows", &[("done", &done), ("total", &total)]);
    let left = match progress.remaining_ms {
        None => t(lang, "import.progress.estimating", &[]),
        Some(ms) => {
            let seconds = ms.div_ceil(1000);
            let time = if seconds < 60 {
                t(lang, "import.progress.seconds", &[("n", &seconds.to_string())])
            } else {
                t(lang, "import.progress.minutes", &[("m", &(seconds / 60).to_string()), ("s", &(seconds % 60).to_string())])
            };
            t(lang, "import.progress.remaining", &[("time", &time)])
        }
    };
    format!("{rows}, {left}")
}

/// The column a problem is in: its header, else the column the file lacks, else the whole row.
fn column_text(lang: Lang, problem: &RowProblem) -> String {
    let key = format!("import.field.{}", problem.field);
    match problem.column.as_str() {
        "" if clusterdesk_core::i18n::has(&key) => t(lang, "import.column_missing", &[("field", &t(lang, &key, &[]))]),
        "" => t(lang, "import.whole_row", &[]),
        column => column.to_string(),
    }
}

fn field_label(lang: Lang, field: &str) -> String {
    t(lang, &format!("import.field.{field}"), &[])
}

/// The preview as text: the file, each table's matched columns, then every row with its action
/// and, for a refused row, one line per problem (column and reason).
pub fn render(lang: Lang, report: &ImportReport) -> String {
    let mut out = String::new();
    let encoding_name = |e: Encoding| t(lang, &format!("import.encoding.{}", e.code()), &[]);
    match (report.encoding, report.detected_encoding, report.separator) {
        (Some(used), Some(detected), Some(separator)) => {
            let detected = if used == detected {
                t(lang, "import.detected", &[])
            } else {
                t(lang, "import.detected_other", &[("encoding", &encoding_name(detected))])
            };
            let separator = t(lang, &format!("import.separator.{}", separator.code()), &[]);
            let encoding = encoding_name(used);
            let params = [
                ("file", report.file_name.as_str()),
                ("encoding", &encoding),
                ("detected", &detected),
                ("separator", &separator),
            ];
            out.push_str(&t(lang, "import.file_csv", &params));
        }
        _ => out.push_str(&t(lang, "import.file_spreadsheet", &[("file", &report.file_name)])),
    }
    out.push('\n');
    if !report.ignored_sheets.is_empty() {
        out.push_str(&t(lang, "import.ignored_sheets", &[("sheets", &report.ignored_sheets.join(", "))]));
        out.push('\n');
    }
    for table in &report.tables {
        out.push('\n');
        out.push_str(&render_table(lang, table));
    }
    for reading in &report.caen_readings {
        out.push_str(&caen_reading_text(lang, reading));
        out.push('\n');
    }
    let counts = [
        ("create", report.counts.create.to_string()),
        ("update", report.counts.update.to_string()),
        ("refused", report.counts.refused.to_string()),
    ];
    let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    out.push_str(&t(lang, "import.counts", &counts));
    out.push('\n');
    out
}

/// "Row 3: CAEN 6210 read as Rev.3 (it exists only in Rev.3)."
fn caen_reading_text(lang: Lang, reading: &CaenReading) -> String {
    let revision = t(lang, &format!("caen.revision.{}", reading.revision.number()), &[]);
    let why = t(lang, &format!("import.caen_reason.{}", reading.reason.code()), &[("revision", &revision)]);
    t(lang, "import.caen_read", &[("row", &reading.row.to_string()), ("code", &reading.code), ("revision", &revision), ("why", &why)])
}

fn render_table(lang: Lang, table: &TableReport) -> String {
    let kind = t(lang, &format!("import.kind.{}", table.kind.code()), &[]);
    let row = table.header_row.to_string();
    let mut out = if table.sheet.is_empty() {
        t(lang, "import.table_title_csv", &[("kind", &kind), ("row", &row)])
    } else {
        t(lang, "import.table_title", &[("kind", &kind), ("sheet", &table.sheet), ("row", &row)])
    };
    out.push('\n');
    let columns: Vec<String> = table
        .columns
        .iter()
        .filter(|c| !c.header.is_empty())
        .map(|c| {
            let target = c.field.as_deref().map_or_else(|| t(lang, "import.unused", &[]), |f| field_label(lang, f));
            format!("{}: {} → {target}", c.letter, c.header)
        })
        .collect();
    out.push_str(&format!("{}: {}\n", t(lang, "import.columns", &[]), columns.join("; ")));
    if !table.missing.is_empty() {
        let missing: Vec<String> = table.missing.iter().map(|f| field_label(lang, f)).collect();
        out.push_str(&t(lang, "import.missing", &[("fields", &missing.join(", "))]));
        out.push('\n');
    }
    let mut grid = Table::new();
    grid.load_preset(UTF8_FULL_CONDENSED);
    grid.set_header(
        [
            "import.col.row",
            "import.col.action",
            "import.col.name",
            "import.col.cluster",
            "import.col.column",
            "import.col.reason",
        ]
        .map(|k| t(lang, k, &[])),
    );
    for r in &table.rows {
        let action = t(lang, &format!("import.action.{}", r.action.code()), &[]);
        let (columns, reasons): (Vec<String>, Vec<String>) =
            r.problems.iter().map(|p| (column_text(lang, p), message(lang, &p.code, &p.params))).unzip();
        grid.add_row([
            r.row.to_string(),
            action,
            r.name.clone(),
            r.cluster_cui.clone(),
            columns.join("\n"),
            reasons.join("\n"),
        ]);
    }
    out.push_str(&grid.to_string());
    out.push('\n');
    out
}
