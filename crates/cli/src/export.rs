//! `clusterdesk export clusters`: the member directory (every current cluster with the list's
//! columns) as CSV (UTF-8 with BOM) or XLSX, written whole to --out.

use std::path::PathBuf;

use clap::Subcommand;
use clusterdesk_core::clusters::ClusterQuery;
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::tables::{self, CsvOptions};
use clusterdesk_core::{Result, Store, files, summary};

use crate::annual::SeparatorArg;
use crate::report::TableFormat;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The member directory: every current (not archived) cluster, in the list's order and columns.
    Clusters {
        #[arg(long, value_enum, default_value_t = TableFormat::Xlsx)]
        format: TableFormat,
        /// The CSV field separator.
        #[arg(long, value_enum, default_value_t = SeparatorArg::Semicolon)]
        separator: SeparatorArg,
        #[arg(long)]
        out: PathBuf,
    },
}

pub async fn run(store: &Store, lang: Lang, command: ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Clusters { format, separator, out } => {
            let table = summary::directory(store, &ClusterQuery::default(), lang).await?;
            let bytes = match format {
                TableFormat::Csv => tables::to_csv(&table, CsvOptions { separator: separator.into(), lang }),
                TableFormat::Xlsx => tables::to_xlsx(&[table], lang)?,
            };
            files::write_atomic(&out, &bytes)?;
            println!("{}", out.display());
            Ok(())
        }
    }
}
