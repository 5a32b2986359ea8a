//! Imports through the core's public API, from the fixtures in `fixtures/import/` (made by
//! `generate.py` there) and from workbooks written here: encodings, separators, headers in both
//! languages, refused rows with their reasons, all or nothing, updates only when asked; and the
//! SIGKILL test of a large import.

mod common;

use std::path::Path;

use clusterdesk_core::clusters::{self, ClusterDetail, ClusterQuery, OrgKind, Sector};
use clusterdesk_core::import::{self, Encoding, ImportOptions, ImportReport, RowAction, Separator, TableKind};
use clusterdesk_core::{Error, Store, cui};
use common::{announce_write, dump_pool, kill_mid_write};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)).unwrap()
}

fn options() -> ImportOptions {
    ImportOptions::default()
}

async fn by_cui(store: &Store, code: &str) -> ClusterDetail {
    let page =
        clusters::list(store, &ClusterQuery { search: code.into(), limit: 10, ..Default::default() }).await.unwrap();
    let row = page.rows.iter().find(|r| r.cui == code).unwrap_or_else(|| panic!("no cluster with CUI {code}"));
    clusters::get(store, row.id).await.unwrap()
}

async fn count(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM clusters").fetch_one(store.pool()).await.unwrap()
}

/// (row, column, message code) of every problem of the report.
fn problems(report: &ImportReport) -> Vec<(usize, String, String)> {
    report
        .tables
        .iter()
        .flat_map(|t| &t.rows)
        .flat_map(|r| r.problems.iter().map(move |p| (r.row, p.column.clone(), p.code.clone())))
        .collect()
}

fn actions(report: &ImportReport) -> Vec<(usize, RowAction)> {
    report.tables.iter().flat_map(|t| &t.rows).map(|r| (r.row, r.action)).collect()
}

/// Acceptance 1: a CSV from an old Romanian Excel (Windows-1250, semicolons, CRLF, cedilla
/// letters, typographic quotes) imports with every diacritic correct.
#[tokio::test]
async fn an_old_romanian_excel_csv_imports_with_every_diacritic_correct() {
    let (_dir, store) = store().await;
    let bytes = fixture("clustere-excel-vechi-1250.csv");
    let preview = import::preview(&store, "clustere.csv", &bytes, &options()).await.unwrap();
    assert_eq!(preview.detected_encoding, Some(Encoding::Windows1250));
    assert_eq!(preview.separator, Some(Separator::Semicolon));
    let table = &preview.tables[0];
    assert_eq!(table.kind, TableKind::Clusters);
    let matched: Vec<(&str, Option<&str>)> =
        table.columns.iter().map(|c| (c.header.as_str(), c.field.as_deref())).collect();
    assert_eq!(
        matched,
        [
            ("Denumire", Some("name")),
            ("CUI", Some("cui")),
            ("Județ", Some("county")),
            ("Regiune", Some("region")),
            ("Domeniu", Some("sectors")),
            ("Persoană de contact", Some("contact_name")),
            ("Funcție", Some("contact_role")),
            ("E-mail", Some("email")),
            ("Telefon", Some("phone")),
            ("Site web", Some("website")),
            ("An înființare", Some("founded_year")),
        ]
    );
    assert_eq!(actions(&preview), [2, 3, 4, 5].map(|r| (r, RowAction::Create)));
    assert!(!preview.written);
    assert_eq!(count(&store).await, 0, "a preview writes nothing");

    let report = import::import(&store, "clustere.csv", &bytes, &options()).await.unwrap();
    assert!(report.written);
    assert_eq!((report.counts.create, report.counts.update, report.counts.refused), (4, 0, 0));

    let textile = by_cui(&store, "31415920").await;
    assert_eq!(textile.record.name, "Clusterul Textil „Țara Bârsei”");
    assert_eq!(textile.record.county, "BV");
    assert_eq!(textile.record.sectors, [Sector::Textiles]);
    assert_eq!(textile.record.website, "https://www.tarabarsei.ro");
    assert_eq!(textile.record.founded_year, Some(2012));
    let contact = &textile.contacts[0].input;
    assert_eq!((contact.name.as_str(), contact.role.as_str()), ("Ștefan Țurcanu", "Președinte"));
    assert_eq!(contact.phone, "0722 123 456");

    let arges = by_cui(&store, "27182818").await;
    assert_eq!(arges.record.name, "Asociația Agroalimentară Argeș");
    assert_eq!(arges.record.county, "AG");
    let timis = by_cui(&store, "16180331").await;
    assert_eq!(timis.record.name, "Clusterul Energiilor Regenerabile Timișoara");
    assert_eq!(timis.record.sectors, [Sector::ElectronicsSoftware, Sector::RenewableEnergy]);
    assert_eq!(timis.contacts[0].input.name, "Răzvan Dumitrașcu");
    assert_eq!(timis.contacts[0].input.phone, "0256 123 456");
    let mobila = by_cui(&store, "14142137").await;
    assert_eq!(mobila.record.name, "Clusterul de Mobilă Sălaj-Maramureș");
    assert_eq!(mobila.contacts[0].input.name, "Maria Șerban");
    assert_eq!(mobila.contacts[0].input.phone, "0262 213 344");

    // Not one cedilla letter anywhere in the database.
    let dump = dump_pool(store.pool()).await.join("\n");
    assert!(!dump.contains(['ş', 'ţ', 'Ş', 'Ţ']), "a cedilla letter was stored");
    // And the list's diacritic-insensitive search finds them.
    let found =
        clusters::list(&store, &ClusterQuery { search: "tara barsei".into(), ..Default::default() }).await.unwrap();
    assert_eq!(found.total, 1);
}

/// Acceptance 2: every bad row is listed with its row, column and reason; with the default
/// options nothing is written; `skip_invalid` writes the good rows only.
#[tokio::test]
async fn bad_rows_are_listed_with_their_reason_and_by_default_nothing_is_written() {
    let (_dir, store) = store().await;
    let bytes = fixture("clustere-randuri-gresite.csv");
    let before = dump_pool(store.pool()).await;
    let report = import::import(&store, "rau.csv", &bytes, &options()).await.unwrap();
    assert_eq!(report.separator, Some(Separator::Comma));
    assert_eq!(report.detected_encoding, Some(Encoding::Utf8));
    let expected = [
        (3, "County", "error.import_county_unknown"),
        (4, "VAT", "error.cui_check_digit"),
        (5, "Sector", "error.import_sector_unknown"),
        (6, "Email", "error.email_format"),
        (7, "Founded", "error.year_range"),
        (8, "Name", "error.required"),
        (9, "Region", "error.import_region_mismatch"),
    ];
    let got = problems(&report);
    assert_eq!(got, expected.map(|(r, c, e)| (r, c.to_string(), e.to_string())), "{got:#?}");
    assert_eq!(
        actions(&report).iter().filter(|(_, a)| *a == RowAction::Create).map(|(r, _)| *r).collect::<Vec<_>>(),
        [2, 10]
    );
    assert_eq!(report.counts.refused, 7);
    assert!(!report.written);
    assert_eq!(dump_pool(store.pool()).await, before, "the database is exactly as before");

    let sector = report.tables[0].rows.iter().find(|r| r.row == 5).unwrap();
    assert_eq!(sector.problems[0].params["value"], "Astrologie");

    let skip = ImportOptions { skip_invalid: true, ..options() };
    let report = import::import(&store, "rau.csv", &bytes, &skip).await.unwrap();
    assert!(report.written);
    assert_eq!(count(&store).await, 2);
    assert_eq!(by_cui(&store, "17320506").await.record.sectors, [Sector::ElectronicsSoftware]);
}

/// A row refused for a value it cannot read is still checked by the form's validation: the
/// preview gives every reason of the cluster's columns at once (the contact on the row is checked
/// once the cluster's own values are accepted).
#[tokio::test]
async fn every_reason_of_a_row_is_listed_at_once() {
    let (_dir, store) = store().await;
    let text = "Denumire;CUI;Județ;Domeniu;Site web;An înființare\n;RO 1234;Atlantida;Textile;nu e un site;două mii\n";
    let report = import::preview(&store, "a.csv", text.as_bytes(), &options()).await.unwrap();
    let mut got: Vec<(String, String)> =
        problems(&report).into_iter().map(|(_, column, code)| (column, code)).collect();
    got.sort();
    let want = [
        ("An înființare", "error.import_number_format"),
        ("CUI", "error.cui_check_digit"),
        ("Denumire", "error.required"),
        ("Județ", "error.import_county_unknown"),
        ("Site web", "error.url_format"),
    ];
    assert_eq!(got, want.map(|(c, e)| (c.to_string(), e.to_string())));
}

#[tokio::test]
async fn existing_clusters_are_updated_only_when_asked() {
    let (_dir, store) = store().await;
    let bytes = fixture("clustere-excel-vechi-1250.csv");
    import::import(&store, "a.csv", &bytes, &options()).await.unwrap();
    let before = dump_pool(store.pool()).await;

    let again = import::import(&store, "a.csv", &bytes, &options()).await.unwrap();
    assert!(!again.written);
    assert_eq!(again.counts.refused, 4);
    assert!(problems(&again).iter().all(|(_, column, code)| column == "CUI" && code == "error.import_exists"));
    assert_eq!(dump_pool(store.pool()).await, before);

    // An update changes the columns the file has and keeps the others.
    let change = "Denumire;CUI;Localitate;Persoană de contact;Telefon\n\
                  Clusterul Textil Țara Bârsei;RO31415920;Brașov;Ștefan Țurcanu;0722 999 888\n";
    let update = ImportOptions { update: true, ..options() };
    let preview = import::preview(&store, "b.csv", change.as_bytes(), &update).await.unwrap();
    assert_eq!(actions(&preview), [(2, RowAction::Update)]);
    let report = import::import(&store, "b.csv", change.as_bytes(), &update).await.unwrap();
    assert!(report.written);
    let textile = by_cui(&store, "31415920").await;
    assert_eq!(textile.record.name, "Clusterul Textil Țara Bârsei");
    assert_eq!(textile.record.city, "Brașov");
    assert_eq!(textile.record.founded_year, Some(2012), "kept");
    assert_eq!(textile.contacts.len(), 1, "the same contact, updated");
    assert_eq!(textile.contacts[0].input.phone, "0722 999 888");
    assert_eq!(textile.contacts[0].input.role, "Președinte", "kept");
}

#[tokio::test]
async fn other_encodings_and_separators() {
    let (_dir, store) = store().await;
    let cases = [
        (
            "clustere-iso-8859-16.csv",
            Encoding::Iso8859_16,
            Separator::Semicolon,
            "Clusterul „Știința și Țesătura” Iași",
        ),
        ("clustere-utf8-bom.csv", Encoding::Utf8, Separator::Comma, "Clusterul Dunărea de Jos, Galați"),
        ("clustere-tab.tsv", Encoding::Utf8, Separator::Tab, "Clusterul Aerospațial Bacău"),
    ];
    for (file, encoding, separator, name) in cases {
        let report = import::import(&store, file, &fixture(file), &options()).await.unwrap();
        assert_eq!((report.detected_encoding, report.separator), (Some(encoding), Some(separator)), "{file}");
        assert!(report.written, "{file}: {:#?}", problems(&report));
        let row = &report.tables[0].rows[0];
        assert_eq!(row.name, name, "{file}");
    }
    let galati =
        clusters::list(&store, &ClusterQuery { search: "dunarea".into(), ..Default::default() }).await.unwrap();
    let galati = clusters::get(&store, galati.rows[0].id).await.unwrap();
    assert_eq!((galati.record.county.as_str(), galati.record.founded_year), ("GL", Some(2017)));
    assert_eq!(galati.record.sectors, [Sector::Construction, Sector::Logistics]);
    let iasi = clusters::list(&store, &ClusterQuery { search: "tesatura".into(), ..Default::default() }).await.unwrap();
    let iasi = clusters::get(&store, iasi.rows[0].id).await.unwrap();
    assert_eq!(iasi.contacts[0].input.name, "Șerban Țăranu");

    // UTF-16 with its byte-order mark (Excel's "Unicode text": tab separated).
    let text = format!("Denumire\tCUI\tJudeț\tDomeniu\nClusterul Șase Sibiu\t{}\tSibiu\tTurism\n", cui_for(6));
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let report = import::import(&store, "u16.txt", &bytes, &options()).await.unwrap();
    assert_eq!(report.detected_encoding, Some(Encoding::Utf16le));
    assert!(report.written, "{:#?}", problems(&report));
}

#[tokio::test]
async fn the_encoding_can_be_overridden() {
    let (_dir, store) = store().await;
    let bytes = fixture("clustere-excel-vechi-1250.csv");
    let latin2 = ImportOptions { encoding: Some(Encoding::Iso8859_2), ..options() };
    let report = import::preview(&store, "a.csv", &bytes, &latin2).await.unwrap();
    assert_eq!((report.encoding, report.detected_encoding), (Some(Encoding::Iso8859_2), Some(Encoding::Windows1250)));
    // The letters agree in both code pages; the typographic quotes do not.
    assert_eq!(report.tables[0].rows[1].name, "Asociația Agroalimentară Argeș");
    assert_ne!(report.tables[0].rows[0].name, "Clusterul Textil „Țara Bârsei”");
}

/// A valid CUI made from `n`.
fn cui_for(n: u32) -> String {
    let body = format!("{:08}", 30_000_000 + n);
    format!("{body}{}", cui::check_digit(&body).unwrap())
}

/// A workbook with the three sheets, numbers typed as numbers, a title line above the headers.
fn workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Clustere").unwrap();
    sheet.write(0, 0, "Membrii CLUSTERO — export 2026").unwrap();
    for (col, header) in ["Denumire", "CUI", "Județ", "Sector", "An înființare", "Membru din"].iter().enumerate() {
        sheet.write(2, col as u16, *header).unwrap();
    }
    let rows =
        [("Clusterul Lemnului Suceava", 1, "Suceava", "Lemn și mobilă"), ("Clusterul Auto Pitești", 2, "AG", "Auto")];
    for (i, (name, n, county, sector)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write(r, 0, *name).unwrap();
        sheet.write(r, 1, cui_for(*n).parse::<f64>().unwrap()).unwrap();
        sheet.write(r, 2, *county).unwrap();
        sheet.write(r, 3, *sector).unwrap();
        sheet.write(r, 4, 2012.0).unwrap();
        sheet.write(r, 5, 2014.0).unwrap();
    }
    let contacts = book.add_worksheet().set_name("Contacte").unwrap();
    let data = [
        ["CUI cluster", "Nume", "Funcție", "Email", "Telefon", "Acord contact", "Data acordului"],
        [
            &format!("RO{}", cui_for(1)),
            "Elena Stănescu",
            "Manager",
            "elena@lemn.ro",
            "0040 744 000 111",
            "da",
            "15.03.2026",
        ],
        ["Clusterul Auto Pitești", "Mihai Oprea", "", "mihai@auto.ro", "", "", ""],
        ["99999999", "Fără Cluster", "", "", "", "", ""],
    ];
    for (r, row) in data.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            contacts.write(r as u32, c as u16, *value).unwrap();
        }
    }
    let orgs = book.add_worksheet().set_name("Organizații").unwrap();
    let data = [
        ["CUI cluster", "Denumire", "Tip", "CUI", "Angajați"],
        [&cui_for(1), "Mobila Rădăuți SRL", "Întreprindere mică", "", "42"],
        [&cui_for(2), "Universitatea din Pitești", "universitate", "", "1.200"],
        [&cui_for(2), "Atelier Ciudat", "gigantică", "", ""],
    ];
    for (r, row) in data.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            orgs.write(r as u32, c as u16, *value).unwrap();
        }
    }
    book.add_worksheet().set_name("Note").unwrap().write(0, 0, "de citit").unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_workbook_with_clusters_contacts_and_organisations() {
    let (_dir, store) = store().await;
    let bytes = workbook();
    let skip = ImportOptions { skip_invalid: true, ..options() };
    let report = import::import(&store, "membri.xlsx", &bytes, &skip).await.unwrap();
    assert_eq!(report.format, "spreadsheet");
    assert_eq!(report.ignored_sheets, ["Note"]);
    let kinds: Vec<TableKind> = report.tables.iter().map(|t| t.kind).collect();
    assert_eq!(kinds, [TableKind::Clusters, TableKind::Contacts, TableKind::Organisations]);
    assert_eq!(report.tables[0].header_row, 3);
    assert_eq!(
        problems(&report),
        [
            (4, "CUI cluster".to_string(), "error.import_cluster_unknown".to_string()),
            (4, "Tip".to_string(), "error.import_kind_unknown".to_string()),
        ]
    );
    assert_eq!((report.counts.create, report.counts.refused), (6, 2));
    assert!(report.written);

    let lemn = by_cui(&store, &cui_for(1)).await;
    assert_eq!(
        (lemn.record.county.as_str(), lemn.record.founded_year, lemn.record.joined_year),
        ("SV", Some(2012), Some(2014))
    );
    assert_eq!(lemn.record.sectors, [Sector::WoodFurniture]);
    let elena = &lemn.contacts[0].input;
    assert_eq!(
        (elena.phone.as_str(), elena.consent, elena.consent_date.as_deref()),
        ("0744 000 111", true, Some("2026-03-15"))
    );
    assert_eq!(elena.consent_source, "import: membri.xlsx");
    assert_eq!(lemn.organisations[0].input.kind, Some(OrgKind::Small));
    let auto = by_cui(&store, &cui_for(2)).await;
    assert_eq!(auto.contacts[0].input.name, "Mihai Oprea", "a contact may name its cluster by name");
    assert_eq!(auto.organisations.len(), 1);
    assert_eq!(auto.organisations[0].input.employees, Some(1200));
}

/// A failure that is not a refused row (here the database refuses the third insert) rolls the
/// whole import back.
#[tokio::test]
async fn a_failure_in_the_middle_leaves_the_database_as_before() {
    let (_dir, store) = store().await;
    sqlx::query(
        "CREATE TRIGGER fail_third BEFORE INSERT ON clusters WHEN (SELECT COUNT(*) FROM clusters) >= 2 \
         BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    .execute(store.pool())
    .await
    .unwrap();
    let before = dump_pool(store.pool()).await;
    let result = import::import(&store, "a.csv", &fixture("clustere-excel-vechi-1250.csv"), &options()).await;
    assert!(matches!(result, Err(Error::Db(_))), "{result:?}");
    assert_eq!(dump_pool(store.pool()).await, before);
}

#[tokio::test]
async fn unreadable_files_are_refused_whole() {
    let (_dir, store) = store().await;
    let refusal = |r: Result<ImportReport, Error>| match r {
        Err(Error::Refused { code, .. }) => code,
        other => panic!("{other:?}"),
    };
    assert_eq!(refusal(import::preview(&store, "x.csv", b"", &options()).await), "error.import_no_table");
    assert_eq!(refusal(import::preview(&store, "x.csv", b"a;b\n1;2\n", &options()).await), "error.import_no_table");
    assert_eq!(
        refusal(import::preview(&store, "x.xlsx", b"PK\x03\x04garbage", &options()).await),
        "error.import_unreadable"
    );
}

// ---------------------------------------------------------------------------------------------
// SIGKILL in the middle of a large import.

const CHILD_ENV: &str = "CLUSTERDESK_IMPORT_KILL_CHILD_DB";
const KILL_ROWS: u32 = 3000;

fn large_csv() -> Vec<u8> {
    let mut text = String::from("Denumire;CUI;Județ;Domeniu;Persoană de contact;Email;Telefon;Observații\n");
    for n in 0..KILL_ROWS {
        text.push_str(&format!(
            "Clusterul Ștefănești nr. {n};{};Argeș;Auto, Textile;Ion Țapu {n};ion{n}@stefanesti.ro;0722 {:03} {:03};{}\n",
            cui_for(n),
            n / 1000,
            n % 1000,
            "Observații lungi despre activitatea clusterului. ".repeat(8),
        ));
    }
    text.into_bytes()
}

#[tokio::test]
async fn killing_the_process_in_the_middle_of_an_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.sqlite");
    Store::open(&db).await.unwrap().close().await;
    let finished = kill_mid_write("child_imports_until_killed", CHILD_ENV, &db);

    let store = Store::open(&db).await.unwrap();
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(store.pool()).await.unwrap();
    assert_eq!(check, "ok");
    let contacts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM contacts").fetch_one(store.pool()).await.unwrap();
    let expected = if finished { i64::from(KILL_ROWS) } else { 0 };
    assert_eq!((count(&store).await, contacts), (expected, expected), "all or nothing of the import");
    // And the file is usable: the same import goes through now.
    let report =
        import::import(&store, "mare.csv", &large_csv(), &ImportOptions { update: true, ..options() }).await.unwrap();
    assert!(report.written);
    assert_eq!(count(&store).await, i64::from(KILL_ROWS));
}

/// The child side; ignored unless the parent runs it.
#[tokio::test]
#[ignore]
async fn child_imports_until_killed() {
    let Some(db) = std::env::var_os(CHILD_ENV) else { return };
    let store = Store::open(Path::new(&db)).await.unwrap();
    let bytes = large_csv();
    announce_write(async {
        let report = import::import(&store, "mare.csv", &bytes, &options()).await.unwrap();
        assert!(report.written);
    })
    .await;
}

#[tokio::test]
async fn an_import_is_one_entry_of_the_audit_log_besides_its_rows() {
    let (_dir, store) = store().await;
    import::import(&store, "clustere.csv", &fixture("clustere-excel-vechi-1250.csv"), &options()).await.unwrap();
    let entries: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT action, label, after FROM audit_log WHERE action = 'import'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].1, "clustere.csv");
    let details: serde_json::Value = serde_json::from_str(entries[0].2.as_deref().unwrap()).unwrap();
    assert_eq!(details["created"], 4);
    let created: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'create' AND entity = 'clusters'")
            .fetch_one(store.pool())
            .await
            .unwrap();
    assert_eq!(created, 4, "each cluster written is in the log too");
}
