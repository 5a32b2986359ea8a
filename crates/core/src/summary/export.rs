//! The summary as spreadsheets: one XLSX workbook with a sheet per table, or a zip of CSV files
//! with a file per table — both from [`super::tables`]. And the member directory, the table
//! behind `clusterdesk export clusters`.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::model::AnnualSummary;
use super::tables::tables;
use crate::clusters::{self, ClusterQuery};
use crate::files::safe_file_name;
use crate::i18n::{Lang, t};
use crate::reports::tables::{Cell, CsvOptions, Separator, Table, to_csv, to_xlsx};
use crate::{Result, Store};

/// The summary as an XLSX workbook: a sheet per table, headers frozen, numbers as numbers.
pub fn xlsx(summary: &AnnualSummary, lang: Lang) -> Result<Vec<u8>> {
    to_xlsx(&tables(summary, lang), lang)
}

/// The summary as a zip of CSV files (UTF-8 with BOM), one per table, named after the table with
/// its position first so that they list in the report's order: `01_Rezumat_2026.csv`, ….
pub fn csv_zip(summary: &AnnualSummary, lang: Lang, separator: Separator) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let year = summary.year.to_string();
    for (index, table) in tables(summary, lang).iter().enumerate() {
        let name = csv_file_name(index, table, &year);
        zip.start_file(name, options).map_err(zip_error)?;
        zip.write_all(&to_csv(table, CsvOptions { separator, lang }))?;
    }
    Ok(zip.finish().map_err(zip_error)?.into_inner())
}

/// `01_Rezumat_2026.csv`: the position, the table's name without diacritics, the year.
pub fn csv_file_name(index: usize, table: &Table, year: &str) -> String {
    let position = format!("{:02}", index + 1);
    let name = if table.name.contains(year) { table.name.clone() } else { format!("{} {year}", table.name) };
    safe_file_name(&[&position, &name], "csv")
}

fn zip_error(error: zip::result::ZipError) -> crate::Error {
    std::io::Error::other(format!("ZIP: {error}")).into()
}

/// The member directory: the clusters `query` selects (all current ones by default) with the
/// list's columns, in the list's order.
pub async fn directory(store: &Store, query: &ClusterQuery, lang: Lang) -> Result<Table> {
    let rows = clusters::list_all(store, query).await?;
    let field = |key: &str| t(lang, &format!("cluster.field.{key}"), &[]);
    let text = |s: String| Cell::Text(s);
    Ok(Table {
        name: t(lang, "summary.table.directory", &[]),
        headers: [
            "name",
            "cui",
            "city",
            "county",
            "region",
            "email",
            "phone",
            "sectors",
            "status",
            "label",
            "members",
            "unpaid",
            "joined_year",
        ]
        .iter()
        .map(|k| field(k))
        .collect(),
        rows: rows
            .into_iter()
            .map(|row| {
                let sectors: Vec<String> =
                    row.sectors.iter().map(|s| t(lang, &format!("sector.{}", s.code()), &[])).collect();
                vec![
                    text(row.name),
                    text(row.cui),
                    text(row.city),
                    text(row.county_name),
                    text(t(lang, &format!("region.{}", row.region.code()), &[])),
                    text(row.email),
                    text(row.phone),
                    text(sectors.join(", ")),
                    text(t(lang, &format!("status.{}", row.status.code()), &[])),
                    row.label.map(|l| text(t(lang, &format!("label.{}", l.code()), &[]))).unwrap_or(Cell::Empty),
                    Cell::Integer(row.org_count),
                    Cell::Money(row.unpaid_bani),
                    row.joined_year.map(Cell::Integer).unwrap_or(Cell::Empty),
                ]
            })
            .collect(),
        widths: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_names_keep_the_order_and_lose_the_diacritics() {
        let table = Table { name: "Organizații pe tipuri".into(), ..Table::default() };
        assert_eq!(csv_file_name(4, &table, "2026"), "05_Organizatii_pe_tipuri_2026.csv");
        let dated = Table { name: "Rezumat 2026".into(), ..Table::default() };
        assert_eq!(csv_file_name(0, &dated, "2026"), "01_Rezumat_2026.csv");
    }
}
