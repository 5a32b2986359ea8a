//! The import never panics, whatever the bytes: arbitrary bytes, CSV-like text with the headers
//! the import knows and hostile cells, in every encoding, and mutated workbooks, all through
//! `import::preview` (reading, matching, value parsing and the app's validation in a transaction
//! that is rolled back).
//!
//! `make test` runs a CI-sized number of cases (IMPORT_FUZZ_CASES, default 10,000: about 15 s in a debug build); `make fuzz`
//! runs 100,000 in a release build (see the README for the time it takes).

use std::sync::LazyLock;

use clusterdesk_core::Store;
use clusterdesk_core::import::{self, Encoding, ImportOptions};
use proptest::prelude::*;

struct Fixture {
    runtime: tokio::runtime::Runtime,
    store: Store,
    _dir: tempfile::TempDir,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = runtime.block_on(Store::open(&dir.path().join("fuzz.sqlite"))).unwrap();
    Fixture { runtime, store, _dir: dir }
});

/// A small valid workbook to mutate.
static WORKBOOK: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Clustere").unwrap();
    for (c, h) in ["Denumire", "CUI", "Județ", "Sector", "An înființare"].iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, "Clusterul Țara Bârsei").unwrap();
    sheet.write(1, 1, 31415920.0).unwrap();
    sheet.write(1, 2, "Brașov").unwrap();
    sheet.write(1, 3, "Textile").unwrap();
    sheet.write(1, 4, 2012.0).unwrap();
    let orgs = book.add_worksheet().set_name("Organizații").unwrap();
    for (c, h) in ["CUI cluster", "Denumire", "Tip", "Angajați"].iter().enumerate() {
        orgs.write(0, c as u16, *h).unwrap();
    }
    book.save_to_buffer().unwrap()
});

fn preview(bytes: &[u8], options: &ImportOptions) {
    let f = &*FIXTURE;
    // Refusals (an unreadable file, no table) are fine; a panic fails the test.
    let _ = f.runtime.block_on(import::preview(&f.store, "fuzz", bytes, options));
}

const HEADERS: &[&str] = &[
    "Denumire",
    "Name",
    "CUI",
    "Cod fiscal",
    "VAT",
    "Județ",
    "Judet",
    "County",
    "Regiune",
    "Region",
    "Sector",
    "Domeniu",
    "Email",
    "Telefon",
    "Phone",
    "Site web",
    "Website",
    "An înființare",
    "Founded",
    "Membru din",
    "Status",
    "CAEN",
    "CAEN Rev.3",
    "Persoană de contact",
    "Funcție",
    "Acord",
    "Data acordului",
    "CUI cluster",
    "Tip",
    "Angajați",
    "Cifră de afaceri",
    "",
    "???",
];

/// Cells people write, and cells nobody should.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("RO 3141 5920".to_string()),
        Just("Braşov".to_string()),
        Just("Bucuresti".to_string()),
        Just("Textile; IT".to_string()),
        Just("+40 722 123 456".to_string()),
        Just("0040".to_string()),
        Just("+40".to_string()),
        Just("2011.0".to_string()),
        Just("-".to_string()),
        Just("99999999999999999999999".to_string()),
        Just("15.03.2026".to_string()),
        Just("da".to_string()),
        Just("universitate".to_string()),
        Just("1392, 62.01".to_string()),
        "[a-zA-Z0-9ăâîșțşţĂÂÎȘȚ „”\"';,\t\r\n.+()/-]{0,24}",
        any::<String>(),
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let header = prop::collection::vec(prop::sample::select(HEADERS), 0..10);
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..10), 0..6);
    let separator = prop::sample::select(vec![";", ",", "\t", "|"]);
    (header, rows, separator, any::<bool>()).prop_map(|(header, rows, sep, quote)| {
        let q = |c: &str| if quote { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.to_string() };
        let mut text = header.iter().map(|h| q(h)).collect::<Vec<_>>().join(sep);
        for row in rows {
            text.push('\n');
            text.push_str(&row.iter().map(|c| q(c)).collect::<Vec<_>>().join(sep));
        }
        text
    })
}

fn encode(text: &str, how: u8) -> Vec<u8> {
    match how % 4 {
        0 => text.as_bytes().to_vec(),
        1 => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        2 => encoding_rs::WINDOWS_1250.encode(text).0.into_owned(),
        _ => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
    }
}

fn options() -> impl Strategy<Value = ImportOptions> {
    let encoding = prop::option::of(prop::sample::select(Encoding::ALL.to_vec()));
    (encoding, any::<bool>(), any::<bool>()).prop_map(|(encoding, update, skip_invalid)| ImportOptions {
        encoding,
        update,
        skip_invalid,
        ambiguous_caen: None,
    })
}

/// Byte edits to a workbook: overwrite, insert, or cut at a position.
fn mutated_workbook() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8).prop_map(|edits| {
        let mut bytes = WORKBOOK.clone();
        for (at, byte, op) in edits {
            if bytes.is_empty() {
                break;
            }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => bytes.insert(i, byte),
                _ => bytes.truncate(i),
            }
        }
        bytes
    })
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        (csv_text(), any::<u8>()).prop_map(|(text, how)| encode(&text, how)),
        mutated_workbook(),
        // The signatures that send bytes to the spreadsheet reader, followed by anything.
        prop::collection::vec(any::<u8>(), 0..256).prop_map(|tail| [&b"PK\x03\x04"[..], &tail].concat()),
        prop::collection::vec(any::<u8>(), 0..256).prop_map(|tail| [&[0xD0, 0xCF, 0x11, 0xE0][..], &tail].concat()),
    ]
}

fn cases() -> u32 {
    std::env::var("IMPORT_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_import_never_panics(bytes in input(), options in options()) {
        preview(&bytes, &options);
    }
}
