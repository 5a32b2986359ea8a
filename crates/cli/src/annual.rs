//! `clusterdesk report annual`: the annual summary of a year as a PDF, an XLSX workbook or a zip of
//! CSV files, written whole to --out. The other `report` documents are passed on to `report.rs`.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::tables::Separator;
use clusterdesk_core::{Result, Store, files, summary};

use crate::report;

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The annual summary of a year: PDF (cover, contents, sections with tables and charts), XLSX
    /// (a sheet per table) or CSV (a zip with one UTF-8 file per table).
    Annual(AnnualArgs),
    #[command(flatten)]
    Documents(report::ReportCommand),
}

#[derive(Args)]
pub struct AnnualArgs {
    /// The year to report on (a year still running is described as of today). Default: this year.
    #[arg(long)]
    year: Option<i64>,
    #[arg(long, value_enum, default_value_t = AnnualFormat::Pdf)]
    format: AnnualFormat,
    /// The CSV field separator (semicolon: what a Romanian Excel expects).
    #[arg(long, value_enum, default_value_t = SeparatorArg::Semicolon)]
    separator: SeparatorArg,
    /// The file to write; for --format csv, the zip holding the CSV files.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum AnnualFormat {
    Pdf,
    Xlsx,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SeparatorArg {
    Semicolon,
    Comma,
}

impl From<SeparatorArg> for Separator {
    fn from(value: SeparatorArg) -> Separator {
        match value {
            SeparatorArg::Semicolon => Separator::Semicolon,
            SeparatorArg::Comma => Separator::Comma,
        }
    }
}

pub async fn run(store: &Store, lang: Lang, command: ReportCommand) -> Result<()> {
    match command {
        ReportCommand::Documents(command) => report::run(store, lang, command).await,
        ReportCommand::Annual(args) => {
            let year =
                args.year.unwrap_or_else(|| store.year());
            let annual = summary::annual(store, year).await?;
            let bytes = match args.format {
                AnnualFormat::Pdf => summary::pdf(&annual, lang)?,
                AnnualFormat::Xlsx => summary::xlsx(&annual, lang)?,
                AnnualFormat::Csv => summary::csv_zip(&annual, lang, args.separator.into())?,
            };
            files::write_atomic(&args.out, &bytes)?;
            println!("{}", args.out.display());
            Ok(())
        }
    }
}
