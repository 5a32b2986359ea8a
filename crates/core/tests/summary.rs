//! The annual summary through the core's public API: its figures on the demo database against
//! direct counts, the same figures in the PDF, the XLSX and the CSV files, the dashboard's agreement
//! with it, and the membership rule on a hand-made history.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use clusterdesk_core::clusters::{self, ClusterInput, ClusterQuery, LabelInput, LabelLevel, MembershipStatus, Sector};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::tables::{Cell, Separator, Table, UTF8_BOM};
use clusterdesk_core::summary::{self, AnnualSummary};
use clusterdesk_core::{Error, Store};

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    (dir, store)
}

async fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, store) = store().await;
    demo::generate(&store, &DemoOptions::default()).await.unwrap();
    (dir, store)
}

async fn count(store: &Store, sql: &str, year: i64) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).bind(year).fetch_one(store.pool()).await.unwrap()
}

fn level(s: &AnnualSummary, level: LabelLevel) -> i64 {
    s.labels.by_level.iter().find(|l| l.level == level).unwrap().valid
}

#[tokio::test]
async fn summary_of_the_demo_year_against_direct_counts() {
    let (_dir, store) = demo_store().await;
    let year = i64::from(today().year());
    let s = summary::annual(&store, year).await.unwrap();
    assert_eq!(s.year, year);
    assert_eq!(s.as_of, today().format("%Y-%m-%d").to_string(), "the running year is described as of today");

    // Members: the 42 current clusters less those that have left; suspended ones stay members.
    let current = count(&store, "SELECT count(*) FROM clusters WHERE archived_at IS NULL AND ? > 0", 1).await;
    let left =
        count(&store, "SELECT count(*) FROM clusters WHERE archived_at IS NULL AND status = 'left' AND ? > 0", 1).await;
    let direct = count(
        &store,
        "SELECT count(*) FROM clusters WHERE archived_at IS NULL AND status <> 'left' AND (joined_year IS NULL OR joined_year <= ?)",
        year,
    )
    .await;
    assert_eq!(current, 42);
    assert_eq!(left, 1);
    let m = &s.members;
    assert_eq!(m.at_end.members, direct);
    assert_eq!(m.at_end.members, current - left);
    assert_eq!(m.at_end.suspended, 2);
    assert_eq!(m.at_start + m.joined - m.left, m.at_end.members, "{m:?}");

    // Sectors: a cluster can be in several, so they add up to at least the members; regions add
    // up to the members exactly.
    let sector_sum: i64 = m.at_end.by_sector.iter().map(|c| c.count).sum();
    assert!(sector_sum >= m.at_end.members, "{sector_sum} < {}", m.at_end.members);
    assert_eq!(sector_sum, m.at_end.sector_mentions);
    assert_eq!(m.at_end.by_region.iter().map(|c| c.count).sum::<i64>(), m.at_end.members);
    let textiles = count(
        &store,
        "SELECT count(*) FROM cluster_sectors s JOIN clusters c ON c.id = s.cluster_id \
         WHERE s.sector = 'textiles' AND c.status <> 'left' AND c.archived_at IS NULL AND c.joined_year <= ?",
        year,
    )
    .await;
    assert_eq!(m.at_end.by_sector.iter().find(|c| c.sector == Sector::Textiles).unwrap().count, textiles);

    // Labels at the year end: 1 gold, 3 silver, 25 bronze, as the demo made them.
    assert_eq!((level(&s, LabelLevel::Gold), level(&s, LabelLevel::Silver), level(&s, LabelLevel::Bronze)), (1, 3, 25));
    assert_eq!(s.labels.valid_total, 29);
    let awarded =
        count(&store, "SELECT count(*) FROM labels WHERE substr(awarded_on, 1, 4) = CAST(? AS TEXT)", year).await;
    assert_eq!(s.labels.awarded_total, awarded);

    // Organisations of the members.
    let orgs = count(
        &store,
        "SELECT count(*) FROM organisations o JOIN clusters c ON c.id = o.cluster_id \
         WHERE c.status <> 'left' AND c.archived_at IS NULL AND c.joined_year <= ?",
        year,
    )
    .await;
    assert_eq!(s.organisations.total.organisations, orgs);
    assert_eq!(s.organisations.by_kind.iter().map(|k| k.figures.organisations).sum::<i64>(), orgs);

    // Assessments: the final ones made in the year.
    let finals = count(
        &store,
        "SELECT count(*) FROM assessments WHERE status = 'final' AND substr(assessed_on, 1, 4) = CAST(? AS TEXT)",
        year,
    )
    .await;
    assert_eq!(s.assessments.assessments, finals);
    assert!(s.assessments.moved_up <= finals);

    // Trainings: sessions held whose last day is in the year.
    let held = count(
        &store,
        "SELECT count(*) FROM sessions s WHERE s.status = 'held' AND \
         substr((SELECT MAX(day) FROM session_days d WHERE d.session_id = s.id), 1, 4) = CAST(? AS TEXT)",
        year,
    )
    .await;
    let t = &s.trainings.total;
    assert_eq!(t.sessions, held);
    assert!(t.sessions > 0 && t.participants > 0 && t.participants <= t.seats && t.completed <= t.seats, "{t:?}");
    assert_eq!(s.trainings.by_partner.iter().map(|p| p.figures.sessions).sum::<i64>(), t.sessions);
    assert_eq!(s.trainings.by_partner.iter().map(|p| p.figures.seats).sum::<i64>(), t.seats);

    // Fees of the year (all payments so far are on or before today).
    let due = count(&store, "SELECT COALESCE(SUM(due_bani), 0) FROM membership_fees WHERE year = ?", year).await;
    let owed = count(&store, "SELECT COALESCE(SUM(owed_bani), 0) FROM fee_balances WHERE year = ?", year).await;
    let arrears = count(&store, "SELECT COALESCE(SUM(owed_bani), 0) FROM fee_balances WHERE year < ?", year).await;
    assert_eq!((s.fees.due_bani, s.fees.outstanding_bani, s.fees.arrears_bani), (due, owed, arrears));
    assert!(s.fees.paid_bani > 0);

    // Last year: complete, described at 31 December.
    let last = summary::annual(&store, year - 1).await.unwrap();
    assert!(last.year_complete);
    assert_eq!(last.as_of, format!("{}-12-31", year - 1));
}

#[tokio::test]
async fn summary_and_dashboard_agree_with_the_list() {
    let (_dir, store) = demo_store().await;
    let s = summary::annual(&store, i64::from(today().year())).await.unwrap();
    let d = summary::headline(&store, today()).await.unwrap();
    assert_eq!(d.members, s.members.at_end);
    let valid: Vec<i64> = d.labels.iter().map(|l| l.valid).collect();
    assert_eq!(valid, s.labels.by_level.iter().map(|l| l.valid).collect::<Vec<_>>());

    // Unpaid fees: the same clusters and sum as the list's "unpaid only" filter.
    let page =
        clusters::list(&store, &ClusterQuery { unpaid_only: true, limit: 1000, ..Default::default() }).await.unwrap();
    assert_eq!(d.unpaid.clusters, page.total);
    assert_eq!(d.unpaid.total_bani, page.rows.iter().map(|r| r.unpaid_bani).sum::<i64>());
    assert_eq!(d.unpaid.total_bani, s.fees.arrears_bani);

    // Labels ending within 90 days are current ones; upcoming sessions have their free places.
    for label in &d.expiring_labels {
        let until = NaiveDate::parse_from_str(&label.valid_until, "%Y-%m-%d").unwrap();
        assert!(until >= today() && (until - today()).num_days() <= 90, "{label:?}");
    }
    assert!(!d.upcoming_sessions.is_empty(), "the demo has sessions open for enrolment");
    for session in &d.upcoming_sessions {
        assert!(session.first_day >= d.today);
        assert_eq!(session.free, (session.capacity - session.enrolled).max(0));
    }
}

// ---------------------------------------------------------------------------------------------
// The three formats

fn pdf_text(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, bytes).unwrap();
    if let Ok(keep) = std::env::var("CLUSTERDESK_KEEP_PDFS") {
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::write(Path::new(&keep).join(format!("{name}.pdf")), bytes);
    }
    let output = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn xlsx_value(cell: &Cell) -> Data {
    match cell {
        Cell::Text(text) => Data::String(text.clone()),
        Cell::Integer(v) => Data::Float(*v as f64),
        Cell::Money(v) | Cell::Decimal(v) => Data::Float(*v as f64 / 100.0),
        Cell::Date(_) => unreachable!("the summary has no dates in its cells"),
        Cell::Empty => Data::Empty,
    }
}

#[tokio::test]
async fn summary_pdf_xlsx_and_csv_carry_the_same_figures() {
    let (_dir, store) = demo_store().await;
    let lang = Lang::Ro;
    let s = summary::annual(&store, i64::from(today().year())).await.unwrap();
    let tables: Vec<Table> = summary::tables(&s, lang);
    assert!(tables.len() >= 9);

    let pdf = summary::pdf(&s, lang).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let xlsx = summary::xlsx(&s, lang).unwrap();
    let zip = summary::csv_zip(&s, lang, Separator::Semicolon).unwrap();

    // The PDF: every table's rows, label and figures in order, as the reader sees them.
    let text = pdf_text("annual-summary", &pdf);
    let flat = squeeze(&text);
    let notes = tables.last().unwrap();
    for table in &tables[..tables.len() - 1] {
        for row in &table.rows {
            let line: Vec<String> = row.iter().map(|c| c.to_display(lang)).collect();
            assert!(
                flat.contains(&squeeze(&line.join(" "))),
                "{:?} row {line:?} is not in the PDF:\n{text}",
                table.name
            );
        }
    }
    for row in &notes.rows {
        let Cell::Text(note) = &row[1] else { panic!("a note is text") };
        assert!(flat.contains(&squeeze(note)), "note {note:?} is not in the PDF");
    }
    for needle in
        ["Asociația Clusterelor din România – CLUSTERO", &format!("Raport anual {}", s.year), "Cuprins", "Pagina 1 din"]
    {
        assert!(text.contains(needle), "{needle:?} is not in the PDF");
    }

    // The XLSX: a sheet per table, the same cells, numbers as numbers.
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheets = book.worksheets();
    assert_eq!(sheets.len(), tables.len());
    for ((sheet, range), table) in sheets.iter().zip(&tables) {
        assert_eq!(range.get_size(), (table.rows.len() + 1, table.headers.len()), "sheet {sheet}");
        for (c, header) in table.headers.iter().enumerate() {
            assert_eq!(range.get((0, c)), Some(&Data::String(header.clone())), "sheet {sheet}");
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                assert_eq!(range.get((r + 1, c)), Some(&xlsx_value(cell)), "sheet {sheet} row {r} column {c}");
            }
        }
    }

    // The CSV files: one per table, in order, with the BOM, the same rows.
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    assert_eq!(archive.len(), tables.len());
    for (index, table) in tables.iter().enumerate() {
        let mut file = archive.by_index(index).unwrap();
        let name = file.name().unwrap().to_string();
        assert_eq!(name, summary::csv_file_name(index, table, &s.year.to_string()));
        assert!(name.is_ascii() && name.ends_with(".csv"));
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        let body = bytes.strip_prefix(UTF8_BOM).expect("UTF-8 with BOM");
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(body)
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(rows[0], table.headers, "{name}");
        assert_eq!(rows.len(), table.rows.len() + 1);
        for (row, cells) in rows[1..].iter().zip(&table.rows) {
            let expected: Vec<String> = cells.iter().map(|c| c.to_plain(lang)).collect();
            assert_eq!(row, &expected, "{name}");
        }
    }

    // And the headline figures by name, in all three.
    let members = s.members.at_end.members;
    let by_name: HashMap<&str, &Table> = tables.iter().map(|t| (t.name.as_str(), t)).collect();
    let overview = by_name[format!("Rezumat {}", s.year).as_str()];
    assert_eq!(overview.rows[3][1], Cell::Integer(members));
    assert!(flat.contains(&squeeze(&format!("Clustere membre la {} {members}", overview_date(&s)))));
}

fn overview_date(s: &AnnualSummary) -> String {
    let day = NaiveDate::parse_from_str(&s.as_of, "%Y-%m-%d").unwrap();
    day.format("%d.%m.%Y").to_string()
}

#[tokio::test]
async fn summary_in_english_of_an_empty_database() {
    let (_dir, store) = store().await;
    let s = summary::annual(&store, i64::from(today().year())).await.unwrap();
    assert_eq!(s.members.at_end.members, 0);
    assert_eq!(s.trainings.total.completion_rate, 0);
    let text = pdf_text("annual-summary-empty-en", &summary::pdf(&s, Lang::En).unwrap());
    for needle in ["Annual report", "Contents", "Members by sector", "ESCA labels", "Page 1 of"] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    summary::xlsx(&s, Lang::En).unwrap();
    summary::csv_zip(&s, Lang::En, Separator::Comma).unwrap();
}

#[tokio::test]
async fn summary_years_out_of_range_are_refused() {
    let (_dir, store) = store().await;
    let next = i64::from(today().year()) + 1;
    for year in [1989, next] {
        match summary::annual(&store, year).await {
            Err(Error::Invalid(fields)) => assert_eq!(fields[0].code, "year_range"),
            other => panic!("{year}: {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The membership rule on a history made through the app's own calls

fn cluster(name: &str, joined: i64, status: MembershipStatus, since: &str) -> ClusterInput {
    // A valid fiscal code of its own for each name.
    let body = format!("{}", 1_854_000 + name.bytes().map(u32::from).sum::<u32>() * 7);
    let cui = format!("{body}{}", clusterdesk_core::cui::check_digit(&body).unwrap());
    ClusterInput {
        name: name.into(),
        cui,
        county: "BV".into(),
        joined_year: Some(joined),
        status,
        status_since: Some(since.into()),
        sectors: vec![Sector::Textiles, Sector::Agrofood],
        ..Default::default()
    }
}

#[tokio::test]
async fn summary_members_over_the_years() {
    let (_dir, store) = store().await;
    // A founder that leaves on 1 March 2024.
    let founder =
        clusters::create(&store, &cluster("Fondator", 2020, MembershipStatus::Active, "2020-03-01")).await.unwrap();
    clusters::update(&store, founder, &cluster("Fondator", 2020, MembershipStatus::Left, "2024-03-01")).await.unwrap();
    // One joining in 2024, suspended in 2025.
    let newcomer =
        clusters::create(&store, &cluster("Nou", 2024, MembershipStatus::Active, "2024-06-01")).await.unwrap();
    clusters::update(&store, newcomer, &cluster("Nou", 2024, MembershipStatus::Suspended, "2025-02-01")).await.unwrap();
    // One that leaves on 1 January 2025, and an archived one that never counts.
    let leaver =
        clusters::create(&store, &cluster("Plecat", 2021, MembershipStatus::Active, "2021-01-10")).await.unwrap();
    clusters::update(&store, leaver, &cluster("Plecat", 2021, MembershipStatus::Left, "2025-01-01")).await.unwrap();
    let archived =
        clusters::create(&store, &cluster("Arhivat", 2020, MembershipStatus::Active, "2020-01-01")).await.unwrap();
    clusters::archive(&store, archived).await.unwrap();

    let y2023 = summary::annual(&store, 2023).await.unwrap();
    assert_eq!(
        (y2023.members.at_start, y2023.members.joined, y2023.members.left, y2023.members.at_end.members),
        (2, 0, 0, 2)
    );

    let y2024 = summary::annual(&store, 2024).await.unwrap();
    let m = &y2024.members;
    assert_eq!((m.at_start, m.joined, m.left, m.at_end.members), (2, 1, 1, 2), "{m:?}");
    assert_eq!(m.at_end.sector_mentions, 4, "two members in two sectors each");
    assert_eq!(m.at_end.by_region.iter().map(|r| r.count).sum::<i64>(), 2);

    let y2025 = summary::annual(&store, 2025).await.unwrap();
    let m = &y2025.members;
    // The departure on 1 January counts in 2025, and the suspended newcomer is still a member.
    assert_eq!((m.at_start, m.joined, m.left, m.at_end.members, m.at_end.suspended), (2, 0, 1, 1, 1), "{m:?}");
}

#[tokio::test]
async fn summary_labels_expire_the_day_after_their_last_day() {
    let (_dir, store) = store().await;
    let id =
        clusters::create(&store, &cluster("Etichetat", 2015, MembershipStatus::Active, "2015-01-01")).await.unwrap();
    for (level, awarded, until) in
        [(LabelLevel::Bronze, "2022-12-31", "2024-12-31"), (LabelLevel::Silver, "2025-01-01", "2026-12-31")]
    {
        let input = LabelInput {
            level: Some(level),
            awarded_on: awarded.into(),
            valid_until: Some(until.into()),
            certificate_ref: String::new(),
        };
        clusters::add_label(&store, id, &input).await.unwrap();
    }
    let figures = |s: &AnnualSummary, level: LabelLevel| {
        let l = s.labels.by_level.iter().find(|l| l.level == level).unwrap();
        (l.valid, l.awarded, l.expired)
    };
    let y2024 = summary::annual(&store, 2024).await.unwrap();
    // Valid through 31 December 2024: still valid at that year end, not expired in 2024.
    assert_eq!(figures(&y2024, LabelLevel::Bronze), (1, 0, 0));
    let y2025 = summary::annual(&store, 2025).await.unwrap();
    assert_eq!(figures(&y2025, LabelLevel::Bronze), (0, 0, 1), "it expired on 1 January 2025");
    assert_eq!(figures(&y2025, LabelLevel::Silver), (1, 1, 0));
    assert_eq!((y2025.labels.valid_total, y2025.labels.awarded_total, y2025.labels.expired_total), (1, 1, 1));
}

#[tokio::test]
async fn summary_directory_lists_every_current_cluster() {
    let (_dir, store) = demo_store().await;
    let table = summary::directory(&store, &Default::default(), Lang::Ro).await.unwrap();
    assert_eq!(table.rows.len(), 42);
    assert_eq!(table.headers.len(), 13);
    assert_eq!(table.headers[0], "Denumire");
    assert_eq!(table.headers[5], "Email al clusterului");
    assert!(table.rows.iter().all(|r| matches!(&r[5], Cell::Text(e) if e.starts_with("office@"))));
    assert!(table.rows.iter().all(|r| r.len() == 13 && matches!(r[10], Cell::Integer(n) if n > 0)));
    let debtors = table.rows.iter().filter(|r| matches!(r[11], Cell::Money(owed) if owed > 0)).count() as i64;
    assert_eq!(debtors, summary::headline(&store, today()).await.unwrap().unpaid.clusters);
}
