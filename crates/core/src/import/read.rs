//! From bytes to tables of text: spreadsheets through calamine, CSV through an encoding guess, a
//! separator sniffed from the header line and the `csv` crate. Nothing here knows what a cluster
//! is; every cell comes out trimmed, with the cedilla letters of old encodings turned into ș ț.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::model::{Encoding, Separator};
use crate::Error;
use crate::text::comma_below;

/// One sheet (or the whole CSV): its name and its rows, each with its number as the user sees it
/// (the line in the CSV, the row in the spreadsheet; the header is row 1 in a plain file).
pub struct Sheet {
    pub name: String,
    pub rows: Vec<(usize, Vec<String>)>,
}

pub struct ReadFile {
    pub sheets: Vec<Sheet>,
    /// For a CSV: the encoding used, the one detected, and the separator.
    pub text: Option<TextInfo>,
}

pub struct TextInfo {
    pub encoding: Encoding,
    pub detected: Encoding,
    pub separator: Separator,
}

fn unreadable(detail: impl ToString) -> Error {
    Error::Refused { code: "error.import_unreadable", params: [("detail".to_string(), detail.to_string())].into() }
}

pub fn read(bytes: &[u8], encoding: Option<Encoding>) -> Result<ReadFile, Error> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return Ok(ReadFile { sheets: spreadsheet(bytes)?, text: None });
    }
    let detected = detect(bytes);
    let chosen = encoding.unwrap_or(detected);
    let text = comma_below(&decode(bytes, chosen));
    let (separator, sheet) = csv_sheet(&text)?;
    Ok(ReadFile { sheets: vec![sheet], text: Some(TextInfo { encoding: chosen, detected, separator }) })
}

fn spreadsheet(bytes: &[u8]) -> Result<Vec<Sheet>, Error> {
    // calamine parses ZIP and XML written by anyone; should one of its code paths panic on a
    // malformed file, the import refuses that file rather than taking the app down.
    std::panic::catch_unwind(|| read_workbook(bytes)).unwrap_or_else(|_| Err(unreadable("spreadsheet")))
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, Error> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let first_col = range.start().map_or(0, |(_, col)| col as usize);
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                // Cells left of the used range are empty, so that columns keep their places.
                let mut row = vec![String::new(); first_col];
                row.extend(cells.iter().map(cell_text));
                (first_row + i + 1, row)
            })
            .collect();
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Spreadsheets store every number as a float: a year or a CUI typed as a number must not
        // come out as "2011.0".
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "da" } else { "nu" }.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_else(|| d.as_f64().to_string()),
    };
    comma_below(text.trim())
}

/// An Excel serial date (days since 1899-12-30) as ISO text.
fn excel_date(serial: f64) -> Option<String> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let date = epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// The encoding of a CSV: a byte-order mark says it; valid UTF-8 is UTF-8 (legacy text with
/// letters above 127 almost never is); otherwise the 8-bit code page under which the text reads
/// most like Romanian.
pub fn detect(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Encoding::Utf8;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Encoding::Utf16le;
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Encoding::Utf16be;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Encoding::Utf8;
    }
    // Windows-1250 first: what Excel on a Romanian Windows writes, and the winner of a tie (for
    // Romanian letters the three code pages mostly agree anyway).
    let candidates = [Encoding::Windows1250, Encoding::Iso8859_16, Encoding::Iso8859_2];
    let mut best = (Encoding::Windows1250, i64::MIN);
    for candidate in candidates {
        let score = romanian_score(&decode(bytes, candidate));
        if score > best.1 {
            best = (candidate, score);
        }
    }
    best.0
}

fn romanian_score(text: &str) -> i64 {
    text.chars()
        .map(|c| match c {
            c if c.is_ascii() => 0,
            'ă' | 'â' | 'î' | 'ș' | 'ț' | 'ş' | 'ţ' | 'Ă' | 'Â' | 'Î' | 'Ș' | 'Ț' | 'Ş' | 'Ţ' => 2,
            '„' | '”' | '“' | '«' | '»' | '–' | '—' | '€' | '°' | '§' | '©' | 'é' | 'ö' | 'ü' | 'á' | '\u{a0}' => {
                1
            }
            '\u{80}'..='\u{9f}' | '\u{fffd}' => -10,
            _ => -3,
        })
        .sum()
}

pub fn decode(bytes: &[u8], encoding: Encoding) -> String {
    let codec = match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16le => encoding_rs::UTF_16LE,
        Encoding::Utf16be => encoding_rs::UTF_16BE,
        Encoding::Windows1250 => encoding_rs::WINDOWS_1250,
        Encoding::Iso8859_2 => encoding_rs::ISO_8859_2,
        Encoding::Iso8859_16 => encoding_rs::ISO_8859_16,
    };
    // `decode` removes a byte-order mark of the codec itself; a wrong choice leaves replacement
    // characters the preview shows, never an error.
    codec.decode(bytes).0.into_owned()
}

/// The separator of the header line (outside quotes): the most frequent of `;`, `,` and tab,
/// semicolon on a tie (Excel's choice where the decimal mark is a comma, as in Romania).
fn sniff(header: &str) -> Separator {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let order = [Separator::Semicolon, Separator::Comma, Separator::Tab];
    let max = counts.iter().copied().max().unwrap_or(0);
    order.into_iter().zip(counts).find(|(_, n)| *n == max).map_or(Separator::Semicolon, |(s, _)| s)
}

fn csv_sheet(text: &str) -> Result<(Separator, Sheet), Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The csv crate counts a record after CR LF as starting on the line before; LF alone keeps
    // the row numbers the user sees in an editor.
    let text = text.replace("\r\n", "\n");
    let text = text.as_str();
    // Excel writes a first line "sep=;" when asked to; it names the separator and is no header.
    let (hint, body, skipped) = match text.split_once('\n') {
        Some((first, rest)) if first.trim().to_ascii_lowercase().starts_with("sep=") => {
            let sep = match first.trim().chars().nth(4) {
                Some(',') => Some(Separator::Comma),
                Some('\t') => Some(Separator::Tab),
                Some(';') => Some(Separator::Semicolon),
                _ => None,
            };
            (sep, rest, 1)
        }
        _ => (None, text, 0),
    };
    let header = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let separator = hint.unwrap_or_else(|| sniff(header));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator.byte())
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(unreadable)?;
        let line = record.position().map_or(0, |p| p.line() as usize) + skipped;
        rows.push((line, record.iter().map(|cell| cell.trim().to_string()).collect()));
    }
    Ok((separator, Sheet { name: String::new(), rows }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1250_with_cedillas_and_quotes_is_recognised() {
        // "„Ţara Bârsei” şi Braşov" as Windows-1250 bytes: „ (0x84) is a control character in
        // ISO-8859-2/16, which tips the guess.
        let bytes = b"\x84\xDEara B\xE2rsei\x94 \xBAi Bra\xBAov";
        assert_eq!(detect(bytes), Encoding::Windows1250);
        assert_eq!(comma_below(&decode(bytes, Encoding::Windows1250)), "„Țara Bârsei” și Brașov");
    }

    #[test]
    fn iso_8859_16_quotes_are_recognised() {
        // „Brașov” in ISO-8859-16: 0xA5 and 0xB5 are quotes there, Ą and µ/ľ elsewhere.
        let bytes = b"\xA5Bra\xBAov\xB5";
        assert_eq!(detect(bytes), Encoding::Iso8859_16);
        assert_eq!(decode(bytes, Encoding::Iso8859_16), "„Brașov”");
    }

    #[test]
    fn utf8_and_boms() {
        assert_eq!(detect("Brașov".as_bytes()), Encoding::Utf8);
        assert_eq!(detect(b"\xEF\xBB\xBFBra\xC8\x99ov"), Encoding::Utf8);
        assert_eq!(detect(b"\xFF\xFEB\x00"), Encoding::Utf16le);
    }

    #[test]
    fn separators_are_sniffed_outside_quotes() {
        assert_eq!(sniff("Denumire;CUI;\"Județ, regiune\""), Separator::Semicolon);
        assert_eq!(sniff("Name,CUI,County"), Separator::Comma);
        assert_eq!(sniff("Name\tCUI\tCounty"), Separator::Tab);
        assert_eq!(sniff("Name"), Separator::Semicolon);
    }

    #[test]
    fn excel_sep_line_and_line_numbers() {
        let (sep, sheet) = csv_sheet("sep=,\nA,B\n\"x\ny\",2\nz,3\n").unwrap();
        assert_eq!(sep, Separator::Comma);
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![2, 3, 5]);
    }
}
