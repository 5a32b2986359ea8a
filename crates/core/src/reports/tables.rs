//! One way to export a table of typed cells: CSV (for anything) and XLSX (for Excel and
//! LibreOffice), both reading like the app in the chosen language.
//!
//! - CSV: UTF-8 **with** a byte-order mark, so that Excel opens Romanian text correctly; numbers
//!   and dates formatted for the language (27.11.2026 and 1234,56 in Romanian, 27/11/2026 and
//!   1234.56 in English), without thousands separators so that they read back as numbers. With
//!   [`Separator::Semicolon`] (what a Romanian Excel expects) the decimal comma needs no quotes.
//! - XLSX: one sheet per table, the header bold on a fill and frozen, numbers stored as numbers
//!   (money in lei with two decimals), dates as real Excel dates shown dd.mm.yyyy (ro) or
//!   dd/mm/yyyy (en).

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::i18n::{self, Lang};

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Integer(i64),
    /// An amount in bani (1/100 leu).
    Money(i64),
    /// A decimal number in hundredths (e.g. 1250 is 12,50).
    Decimal(i64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as text in `lang`, as the CSV has it: "1234,56", "27.11.2026" (no thousands
    /// separators, no currency, so that spreadsheets read numbers back as numbers).
    pub fn to_plain(&self, lang: Lang) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Integer(value) => value.to_string(),
            Cell::Money(hundredths) | Cell::Decimal(hundredths) => plain_decimal(lang, *hundredths),
            Cell::Date(date) => i18n::format_date(lang, *date),
            Cell::Empty => String::new(),
        }
    }

    /// The cell as people read it in `lang` (e.g. in a PDF table): "1.234,56 lei", "1.234".
    pub fn to_display(&self, lang: Lang) -> String {
        match self {
            Cell::Integer(value) => i18n::format_integer(lang, *value),
            Cell::Money(bani) => i18n::format_money(lang, *bani),
            Cell::Decimal(hundredths) => i18n::format_decimal(lang, *hundredths),
            other => other.to_plain(lang),
        }
    }
}

fn plain_decimal(lang: Lang, hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    let point = match lang {
        Lang::Ro => ',',
        Lang::En => '.',
    };
    format!("{sign}{}{point}{:02}", abs / 100, abs % 100)
}

/// A table to export: `name` becomes the sheet name, `widths` (in characters, Excel's column
/// unit; proportions when the table is drawn in a PDF) are worked out from the content when
/// absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub widths: Option<Vec<f64>>,
}

impl Table {
    /// The width of each column in characters: the given widths, or the longest text in the
    /// column (header included) plus a little air, between 6 and 60.
    pub fn column_widths(&self, lang: Lang) -> Vec<f64> {
        let columns = self.headers.len().max(self.rows.iter().map(Vec::len).max().unwrap_or(0));
        (0..columns)
            .map(|i| {
                if let Some(width) = self.widths.as_ref().and_then(|w| w.get(i)) {
                    return *width;
                }
                let header = self.headers.get(i).map(|h| h.chars().count()).unwrap_or(0);
                let longest = self
                    .rows
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|cell| cell.to_display(lang).chars().count())
                    .max()
                    .unwrap_or(0);
                ((header.max(longest) + 2) as f64).clamp(6.0, 60.0)
            })
            .collect()
    }
}

/// The CSV field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Separator {
    Comma,
    /// What Excel expects in locales whose decimal mark is a comma, Romanian included.
    #[default]
    Semicolon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    pub separator: Separator,
    pub lang: Lang,
}

/// The UTF-8 byte-order mark every CSV starts with.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The table as CSV: UTF-8 with a byte-order mark, a header line, values formatted for the
/// language (fields holding the separator, quotes or line breaks are quoted).
pub fn to_csv(table: &Table, options: CsvOptions) -> Vec<u8> {
    let delimiter = match options.separator {
        Separator::Comma => b',',
        Separator::Semicolon => b';',
    };
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(UTF8_BOM.to_vec());
    // Writing into a Vec cannot fail.
    writer.write_record(&table.headers).expect("CSV into memory");
    for row in &table.rows {
        writer.write_record(row.iter().map(|cell| cell.to_plain(options.lang))).expect("CSV into memory");
    }
    writer.into_inner().expect("CSV into memory")
}

/// Excel's rules for sheet names: 1–31 characters, none of `[]:*?/\`, no apostrophe at either
/// end, unique regardless of case, not "History".
fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut used = HashSet::new();
    tables
        .iter()
        .enumerate()
        .map(|(index, table)| {
            let cleaned: String = table
                .name
                .chars()
                .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() { ' ' } else { c })
                .collect();
            let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
            let mut base = cleaned.trim_matches('\'').trim().to_string();
            if base.is_empty() || base.eq_ignore_ascii_case("history") {
                base = format!("{} {}", if base.is_empty() { "Sheet" } else { &base }, index + 1);
            }
            let mut candidate = truncate_utf16(&base, 31);
            let mut n = 2;
            while !used.insert(candidate.to_lowercase()) {
                let suffix = format!(" ({n})");
                candidate = format!("{}{suffix}", truncate_utf16(&base, 31 - suffix.len()));
                n += 1;
            }
            candidate
        })
        .collect()
}

fn truncate_utf16(text: &str, units: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.len_utf16();
        if used > units {
            break;
        }
        out.push(c);
    }
    out.trim_end().trim_end_matches('\'').to_string()
}

fn xlsx_error(error: XlsxError) -> crate::Error {
    std::io::Error::other(format!("XLSX: {error}")).into()
}

/// The tables as an XLSX workbook, one sheet per table.
pub fn to_xlsx(tables: &[Table], lang: Lang) -> crate::Result<Vec<u8>> {
    let date_format = match lang {
        Lang::Ro => "dd.mm.yyyy",
        Lang::En => "dd/mm/yyyy",
    };
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE3EBF4))
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(0x1F4E79))
        .set_align(FormatAlign::VerticalCenter);
    let text = Format::new();
    let date = Format::new().set_num_format(date_format).set_align(FormatAlign::Left);
    let money = Format::new().set_num_format("#,##0.00 \"lei\"");
    let decimal = Format::new().set_num_format("#,##0.00");
    let integer = Format::new().set_num_format("0");

    let mut workbook = Workbook::new();
    let names = sheet_names(tables);
    for (table, name) in tables.iter().zip(names) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).map_err(xlsx_error)?;
        for (col, title) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, title, &header).map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(value) => sheet.write_string_with_format(r, c, value, &text),
                    Cell::Integer(value) => sheet.write_number_with_format(r, c, *value as f64, &integer),
                    Cell::Money(bani) => sheet.write_number_with_format(r, c, *bani as f64 / 100.0, &money),
                    Cell::Decimal(hundredths) => {
                        sheet.write_number_with_format(r, c, *hundredths as f64 / 100.0, &decimal)
                    }
                    Cell::Date(day) => {
                        let when = ExcelDateTime::from_ymd(
                            u16::try_from(day.year())
                                .map_err(|_| xlsx_error(XlsxError::DateTimeRangeError(day.to_string())))?,
                            day.month() as u8,
                            day.day() as u8,
                        )
                        .map_err(xlsx_error)?;
                        sheet.write_datetime_with_format(r, c, &when, &date)
                    }
                    Cell::Empty => continue,
                }
                .map_err(xlsx_error)?;
            }
        }
        for (col, width) in table.column_widths(lang).into_iter().enumerate() {
            sheet.set_column_width(col as u16, width).map_err(xlsx_error)?;
        }
    }
    if tables.is_empty() {
        workbook.add_worksheet();
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::reports::testing::ro_date;

    fn sample() -> Table {
        Table {
            name: "Cotizații 2026".into(),
            headers: vec![
                "Cluster".into(),
                "Membri".into(),
                "Cotizație".into(),
                "Scor".into(),
                "Plătit la".into(),
                "Notă".into(),
            ],
            rows: vec![
                vec![
                    Cell::Text("Clusterul Textil Bucovina – Suceava".into()),
                    Cell::Integer(1234),
                    Cell::Money(250_050),
                    Cell::Decimal(8_75),
                    Cell::Date(ro_date(2026, 11, 27)),
                    Cell::Text("Ștefan Țurcanu; „ghilimele” și \"citat\"".into()),
                ],
                vec![
                    Cell::Text("Ăndrei Îonescu".into()),
                    Cell::Integer(-7),
                    Cell::Money(-5),
                    Cell::Decimal(0),
                    Cell::Empty,
                    Cell::Text("rând\nnou".into()),
                ],
            ],
            widths: None,
        }
    }

    fn read_csv(bytes: &[u8], separator: u8) -> Vec<Vec<String>> {
        let body = bytes.strip_prefix(UTF8_BOM).expect("the CSV starts with the BOM");
        csv::ReaderBuilder::new()
            .delimiter(separator)
            .has_headers(false)
            .flexible(true)
            .from_reader(body)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn csv_has_a_bom_and_reads_back_in_romanian() {
        let bytes = to_csv(&sample(), CsvOptions { separator: Separator::Semicolon, lang: Lang::Ro });
        assert!(bytes.starts_with(UTF8_BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert!(text.starts_with("Cluster;Membri;Cotizație;Scor;Plătit la;Notă\n"), "{text}");
        // The decimal comma needs no quoting with ';'.
        assert!(text.contains(";1234;2500,50;8,75;27.11.2026;"), "{text}");
        let rows = read_csv(&bytes, b';');
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1][0], "Clusterul Textil Bucovina – Suceava");
        assert_eq!(rows[1][5], "Ștefan Țurcanu; „ghilimele” și \"citat\"");
        assert_eq!(rows[2], vec!["Ăndrei Îonescu", "-7", "-0,05", "0,00", "", "rând\nnou"]);
    }

    #[test]
    fn csv_in_english_with_commas() {
        let bytes = to_csv(&sample(), CsvOptions { separator: Separator::Comma, lang: Lang::En });
        assert!(bytes.starts_with(UTF8_BOM));
        let rows = read_csv(&bytes, b',');
        assert_eq!(rows[1][1..5], ["1234", "2500.50", "8.75", "27/11/2026"]);
        // A Romanian decimal comma in a comma-separated file is quoted, and survives.
        let ro = to_csv(&sample(), CsvOptions { separator: Separator::Comma, lang: Lang::Ro });
        assert!(std::str::from_utf8(&ro).unwrap().contains(",\"2500,50\","));
        assert_eq!(read_csv(&ro, b',')[1][2], "2500,50");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let table = |name: &str| Table { name: name.into(), ..Table::default() };
        let names = sheet_names(&[
            table("Raport: anual / 2026 [final]"),
            table("O denumire foarte lungă care depășește limita de 31"),
            table("O denumire foarte lungă care depășește limita de 31"),
            table("o denumire foarte lungă care depășește limita de 31"),
            table(""),
            table("'History'"),
            table("Ț"),
        ]);
        assert_eq!(names[0], "Raport anual 2026 final");
        assert!(names.iter().all(|n| n.encode_utf16().count() <= 31 && !n.is_empty()));
        assert_eq!(names[1], "O denumire foarte lungă care de");
        assert_eq!(names[2], "O denumire foarte lungă car (2)");
        assert_eq!(names[3], "o denumire foarte lungă car (3)");
        assert_eq!(names[4], "Sheet 5");
        assert_eq!(names[5], "History 6");
        assert_eq!(names[6], "Ț");
        // rust_xlsxwriter accepts them all.
        let tables: Vec<Table> = names.iter().map(|n| table(n)).collect();
        to_xlsx(&tables, Lang::Ro).unwrap();
    }

    #[test]
    fn xlsx_reads_back_with_types() {
        let mut second = sample();
        second.name = "Cotizații 2026".into(); // the same name: the sheet gets a suffix
        second.widths = Some(vec![40.0, 10.0, 14.0, 8.0, 12.0, 30.0]);
        let bytes = to_xlsx(&[sample(), second], Lang::Ro).unwrap();
        assert!(bytes.starts_with(b"PK"));

        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), vec!["Cotizații 2026".to_string(), "Cotizații 2026 (2)".to_string()]);
        let range = book.worksheet_range("Cotizații 2026").unwrap();
        assert_eq!(range.get_size(), (3, 6));
        assert_eq!(range.get((0, 2)), Some(&Data::String("Cotizație".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::String("Clusterul Textil Bucovina – Suceava".into())));
        assert_eq!(range.get((1, 5)), Some(&Data::String("Ștefan Țurcanu; „ghilimele” și \"citat\"".into())));
        assert_eq!(range.get((2, 0)), Some(&Data::String("Ăndrei Îonescu".into())));
        // Numbers are numbers: integers whole, money in lei.
        assert_eq!(range.get((1, 1)), Some(&Data::Float(1234.0)));
        assert_eq!(range.get((1, 2)), Some(&Data::Float(2500.5)));
        assert_eq!(range.get((1, 3)), Some(&Data::Float(8.75)));
        assert_eq!(range.get((2, 1)), Some(&Data::Float(-7.0)));
        assert_eq!(range.get((2, 2)), Some(&Data::Float(-0.05)));
        // Dates are dates.
        match range.get((1, 4)) {
            Some(Data::DateTime(when)) => {
                assert!(when.is_datetime());
                let (year, month, day, ..) = when.to_ymd_hms_milli();
                assert_eq!((year, month, day), (2026, 11, 27));
            }
            other => panic!("not a date: {other:?}"),
        }
        assert_eq!(range.get((2, 4)), Some(&Data::Empty));
    }

    #[test]
    fn xlsx_formats_follow_the_language() {
        // The number formats are in the workbook's styles: dd.mm.yyyy for ro, dd/mm/yyyy for en.
        let styles = |lang| {
            let bytes = to_xlsx(&[sample()], lang).unwrap();
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            std::io::read_to_string(zip.by_name("xl/styles.xml").unwrap()).unwrap()
        };
        let ro = styles(Lang::Ro);
        assert!(ro.contains(r#"formatCode="dd.mm.yyyy""#), "{ro}");
        assert!(ro.contains(r##"formatCode="#,##0.00 &quot;lei&quot;""##), "{ro}");
        assert!(styles(Lang::En).contains(r#"formatCode="dd/mm/yyyy""#));
    }

    #[test]
    fn the_header_is_frozen() {
        let bytes = to_xlsx(&[sample()], Lang::Ro).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let sheet = std::io::read_to_string(zip.by_name("xl/worksheets/sheet1.xml").unwrap()).unwrap();
        assert!(sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#), "{sheet}");
        assert!(sheet.contains("<col "), "column widths are set");
    }

    #[test]
    fn widths_come_from_content_or_the_table() {
        let table = sample();
        let widths = table.column_widths(Lang::Ro);
        assert_eq!(widths.len(), 6);
        assert_eq!(widths[0], ("Clusterul Textil Bucovina – Suceava".chars().count() + 2) as f64);
        assert_eq!(widths[3], 6.0);
        let fixed = Table { widths: Some(vec![20.0]), ..table };
        assert_eq!(fixed.column_widths(Lang::Ro)[0], 20.0);
    }

    #[test]
    fn display_text_is_the_apps() {
        assert_eq!(Cell::Money(123_456).to_display(Lang::Ro), "1.234,56 lei");
        assert_eq!(Cell::Integer(1_234_567).to_display(Lang::En), "1,234,567");
        assert_eq!(Cell::Decimal(-5).to_plain(Lang::Ro), "-0,05");
        assert_eq!(Cell::Date(ro_date(2026, 3, 2)).to_plain(Lang::En), "02/03/2026");
    }
}
