//! The two training documents: the attendance sheet of a training day and the certificate of
//! attendance. The trainings feature fills the plain input structs below.

use chrono::NaiveDate;

use super::pdf::{Align, Colour, Document, PageSize, Paint, TableColumn, TableLayout, TextStyle, text_width};
use crate::i18n::{self, Lang, t};

/// One training day's attendance sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceSheet {
    pub lang: Lang,
    pub course_title: String,
    pub partner: String,
    pub place: String,
    pub trainer: String,
    /// e.g. "Sesiunea 12–13.03.2026", formatted by the caller.
    pub session_label: String,
    pub day: NaiveDate,
    pub day_number: u32,
    pub day_count: u32,
    pub participants: Vec<AttendanceLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceLine {
    pub name: String,
    pub organisation: String,
}

/// One participant's certificate of attendance.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub lang: Lang,
    pub participant: String,
    pub course_title: String,
    pub partner: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub hours: f64,
    pub number: String,
    pub issued_on: NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// Attendance sheets
// ---------------------------------------------------------------------------------------------

/// Rows printed when a sheet has no participants yet, so that it can still be signed.
const BLANK_ROWS: usize = 12;

/// One or more A4 portrait pages per sheet (a sheet per training day). Each sheet's pages are
/// numbered on their own ("Pagina 1 din 2"), and every continuation page names the course and
/// the day again and repeats the table header, so that pages stay identifiable once separated.
pub fn attendance_sheets_pdf(sheets: &[AttendanceSheet], made_on: NaiveDate) -> crate::Result<Vec<u8>> {
    let lang = sheets.first().map(|s| s.lang).unwrap_or_default();
    let title = match sheets {
        [one] => t(lang, "report.attendance.doc_title", &[("course", &one.course_title)]),
        _ => t(lang, "report.attendance.title", &[]),
    };
    let mut doc = Document::new(&title, lang, made_on);
    for sheet in sheets {
        doc.start_section();
        attendance_sheet(&mut doc, sheet);
    }
    doc.finish()
}

fn attendance_sheet(doc: &mut Document, sheet: &AttendanceSheet) {
    let lang = sheet.lang;
    doc.add_page(PageSize::A4Portrait);
    let m = doc.margins();
    let (left, width) = (m.left, doc.content_width());
    let right = left + width;

    let mut y = letterhead(doc, lang);

    // Title and session.
    y += 9.0;
    doc.text(
        left + width / 2.0,
        y,
        &t(lang, "report.attendance.title", &[]),
        &TextStyle::new(17.0).bold().colour(Colour::DEEP_BLUE).centred(),
    );
    if !sheet.session_label.trim().is_empty() {
        y += 6.5;
        doc.text(left + width / 2.0, y, &sheet.session_label, &TextStyle::new(10.5).colour(Colour::MUTED).centred());
    }

    // The details box: course on its own line, then partner / trainer and venue / date.
    y += 6.0;
    let box_top = y;
    let pad = 3.0;
    let label = TextStyle::new(8.5).colour(Colour::MUTED);
    let value = TextStyle::new(10.0);
    let label_w = [
        "report.attendance.course",
        "report.attendance.partner",
        "report.attendance.place",
        "report.attendance.trainer",
        "report.attendance.date",
    ]
    .iter()
    .map(|k| text_width(&format!("{}:", t(lang, k, &[])), label.size, false))
    .fold(0.0_f32, f32::max)
        + 2.5;
    // Partner and venue tend to be longer than the trainer's name and the date.
    let inner = width - 2.0 * pad;
    let column_widths = [inner * 0.56, inner * 0.44];
    y += pad;
    let field = |doc: &mut Document, x: f32, y: f32, w: f32, key: &str, text: &str, style: &TextStyle| -> f32 {
        let label_text = format!("{}:", t(lang, key, &[]));
        let line = style.line_mm();
        // The label sits on the value's first baseline.
        doc.text(x, y + style.baseline_in(line), &label_text, &label);
        doc.paragraph(x + label_w, y, w - label_w - 2.0, text, style)
    };
    let course_style = TextStyle::new(11.0).bold().colour(Colour::DEEP_BLUE);
    y += field(doc, left + pad, y, width - 2.0 * pad, "report.attendance.course", &sheet.course_title, &course_style)
        + 1.5;
    let date_text = format!(
        "{} ({})",
        i18n::format_date(lang, sheet.day),
        t(
            lang,
            "report.attendance.day_of",
            &[("day", &sheet.day_number.to_string()), ("days", &sheet.day_count.to_string())]
        )
    );
    let rows = [
        [("report.attendance.partner", sheet.partner.as_str()), ("report.attendance.trainer", sheet.trainer.as_str())],
        [("report.attendance.place", sheet.place.as_str()), ("report.attendance.date", date_text.as_str())],
    ];
    for row in rows {
        let mut used: f32 = 0.0;
        let mut x = left + pad;
        for ((key, text), column) in row.iter().zip(column_widths) {
            used = used.max(field(doc, x, y, column, key, text, &value));
            x += column;
        }
        y += used + 1.8;
    }
    y += pad - 1.8;
    doc.rect(left, box_top, width, y - box_top, Paint::stroke(Colour::hex(0xc5ccd4), 0.6));
    doc.rect(left, box_top, 1.2, y - box_top, Paint::fill(Colour::GOLD));

    // The table: numbered rows tall enough to sign in.
    y += 6.0;
    let mut layout = TableLayout::new(
        left,
        vec![
            TableColumn::new(t(lang, "report.attendance.col_number", &[]), 11.0).align(Align::Centre),
            TableColumn::new(t(lang, "report.attendance.col_name", &[]), 55.0),
            TableColumn::new(t(lang, "report.attendance.col_organisation", &[]), 56.0),
            TableColumn::new(t(lang, "report.attendance.col_signature", &[]), width - 122.0).align(Align::Centre),
        ],
    );
    layout.size = 10.0;
    layout.header_size = 9.0;
    layout.min_row_height = 10.5;
    layout.padding = 2.0;
    layout.grid = true;
    // The trainer's signature stays on the page of the last row.
    let signature_block = 18.0;
    layout.keep_after = signature_block;
    let mut rows: Vec<Vec<String>> = sheet
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| vec![format!("{}.", i + 1), p.name.clone(), p.organisation.clone(), String::new()])
        .collect();
    if rows.is_empty() {
        rows = (1..=BLANK_ROWS).map(|i| vec![format!("{i}."), String::new(), String::new(), String::new()]).collect();
    }
    let mut continuation = |doc: &mut Document| continuation_header(doc, sheet);
    y = doc.table(&layout, &rows, y, &mut continuation);

    // The trainer signs the sheet at the end.
    if y + signature_block > doc.content_bottom() {
        doc.add_page(PageSize::A4Portrait);
        y = continuation_header(doc, sheet);
    }
    let line_y = y + 15.0;
    let sign_left = right - 75.0;
    doc.text(
        sign_left - 3.0,
        line_y,
        &format!("{}:", t(lang, "report.attendance.trainer_signature", &[])),
        &TextStyle::new(9.5).colour(Colour::MUTED).right(),
    );
    doc.hline(sign_left, right, line_y + 0.5, Colour::TEXT, 0.5);
    if !sheet.trainer.trim().is_empty() {
        doc.text(right, line_y + 4.5, &sheet.trainer, &TextStyle::new(8.5).colour(Colour::MUTED).right());
    }
}

/// The association's name over a blue rule with a gold accent; returns the y below it.
pub(crate) fn letterhead(doc: &mut Document, lang: Lang) -> f32 {
    let m = doc.margins();
    let (left, right) = (m.left, m.left + doc.content_width());
    let y = m.top + 4.0;
    doc.text(left, y, &t(lang, "report.association", &[]), &TextStyle::new(10.0).bold().colour(Colour::DEEP_BLUE));
    doc.hline(left, right, y + 2.6, Colour::DEEP_BLUE, 1.1);
    doc.hline(left, left + 28.0, y + 3.15, Colour::GOLD, 1.6);
    y + 3.6
}

fn continuation_header(doc: &mut Document, sheet: &AttendanceSheet) -> f32 {
    let lang = sheet.lang;
    let m = doc.margins();
    let width = doc.content_width();
    let mut y = letterhead(doc, lang) + 7.0;
    let title = t(lang, "report.attendance.continued", &[("course", &sheet.course_title)]);
    y += doc.paragraph(m.left, y - 4.5, width, &title, &TextStyle::new(11.0).bold().colour(Colour::DEEP_BLUE)) - 4.5;
    y += 4.8;
    let details = [
        i18n::format_date(lang, sheet.day),
        t(
            lang,
            "report.attendance.day_of",
            &[("day", &sheet.day_number.to_string()), ("days", &sheet.day_count.to_string())],
        ),
        sheet.place.clone(),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    doc.text(m.left, y, &details, &TextStyle::new(9.0).colour(Colour::MUTED));
    y + 5.0
}

// ---------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------

/// One A4 landscape page per certificate, each in the certificate's own language.
pub fn certificates_pdf(certificates: &[Certificate]) -> crate::Result<Vec<u8>> {
    let lang = certificates.first().map(|c| c.lang).unwrap_or_default();
    let title = match certificates {
        [one] => t(lang, "report.certificate.doc_title", &[("name", &one.participant)]),
        _ => t(lang, "report.certificate.doc_title_many", &[]),
    };
    // The documents' date is their latest issue date (no certificates: no pages, and no date worth one).
    let made_on = certificates.iter().map(|c| c.issued_on).max().unwrap_or_default();
    let mut doc = Document::new(&title, lang, made_on);
    doc.set_footer(false);
    for certificate in certificates {
        certificate_page(&mut doc, certificate);
    }
    doc.finish()
}

/// "16", "7,5" / "7.5": hours without needless decimals.
fn format_hours(lang: Lang, hours: f64) -> String {
    let hundredths = (hours * 100.0).round() as i64;
    if hundredths % 100 == 0 {
        i18n::format_integer(lang, hundredths / 100)
    } else {
        let text = i18n::format_decimal(lang, hundredths);
        text.strip_suffix('0').map(str::to_string).unwrap_or(text)
    }
}

/// "cu o durată de 16 ore" / "… de 24 de ore" / "… de o oră": Romanian puts "de" between a
/// number ending in 20–99 or 00 and its noun.
fn duration_text(lang: Lang, hours: f64) -> String {
    let hundredths = (hours * 100.0).round() as i64;
    if hundredths == 100 {
        return t(lang, "report.certificate.duration_one", &[]);
    }
    let whole = hundredths % 100 == 0;
    let tail = (hundredths / 100) % 100;
    let key = if whole && hundredths > 0 && (tail == 0 || tail >= 20) {
        "report.certificate.duration_de"
    } else {
        "report.certificate.duration"
    };
    t(lang, key, &[("hours", &format_hours(lang, hours))])
}

fn certificate_page(doc: &mut Document, c: &Certificate) {
    let lang = c.lang;
    doc.add_page(PageSize::A4Landscape);
    let (w, h) = (PageSize::A4Landscape.width(), PageSize::A4Landscape.height());
    let centre = w / 2.0;

    // The frame: a strong blue outer border, a gold accent line, a fine blue inner border, and
    // small gold diamonds in the inner corners.
    let frame = |inset: f32| (inset, inset, w - 2.0 * inset, h - 2.0 * inset);
    let (x, y, fw, fh) = frame(8.0);
    doc.rect(x, y, fw, fh, Paint::stroke(Colour::DEEP_BLUE, 2.6));
    let (x, y, fw, fh) = frame(10.6);
    doc.rect(x, y, fw, fh, Paint::stroke(Colour::GOLD, 0.9));
    let (x, y, fw, fh) = frame(12.6);
    doc.rect(x, y, fw, fh, Paint::stroke(Colour::DEEP_BLUE, 0.6));
    for (cx, cy) in [(x, y), (x + fw, y), (x, y + fh), (x + fw, y + fh)] {
        let r = 2.6;
        doc.polygon(
            &[(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
            Paint::fill_stroke(Colour::GOLD, Colour::DEEP_BLUE, 0.5),
        );
    }

    let text_width_max = 225.0;
    let muted = TextStyle::new(12.0).colour(Colour::MUTED).centred();

    doc.text(
        centre,
        33.0,
        &t(lang, "report.association", &[]),
        &TextStyle::new(11.0).bold().colour(Colour::DEEP_BLUE).centred(),
    );
    doc.text(
        centre,
        55.0,
        &t(lang, "report.certificate.title", &[]),
        &fitted(&t(lang, "report.certificate.title", &[]), 30.0, 20.0, text_width_max, Colour::DEEP_BLUE),
    );
    doc.hline(centre - 38.0, centre + 38.0, 61.5, Colour::GOLD, 1.8);

    doc.text(centre, 77.5, &t(lang, "report.certificate.awarded_to", &[]), &muted);
    doc.text(centre, 95.5, &c.participant, &fitted(&c.participant, 28.0, 16.0, text_width_max, Colour::TEXT));
    doc.hline(centre - 70.0, centre + 70.0, 100.5, Colour::hex(0xc5ccd4), 0.5);
    doc.text(centre, 111.0, &t(lang, "report.certificate.for_course", &[]), &muted);

    // The course, quoted: up to two lines, smaller if it is long.
    let quoted = match lang {
        Lang::Ro => format!("„{}”", c.course_title.trim()),
        Lang::En => format!("“{}”", c.course_title.trim()),
    };
    let mut course = TextStyle::new(17.0).bold().colour(Colour::DEEP_BLUE).centred().line_height(1.2);
    while course.size > 12.0 && doc.measure_paragraph(text_width_max, &quoted, &course) > 2.0 * course.line_mm() {
        course.size -= 0.5;
    }
    let mut y = 115.0;
    y += doc.paragraph(centre - text_width_max / 2.0, y, text_width_max, &quoted, &course);

    let held = if c.first_day == c.last_day {
        t(lang, "report.certificate.held_on", &[("date", &i18n::format_date(lang, c.first_day))])
    } else {
        t(
            lang,
            "report.certificate.held_between",
            &[("from", &i18n::format_date(lang, c.first_day)), ("to", &i18n::format_date(lang, c.last_day))],
        )
    };
    let organised = if c.partner.trim().is_empty() {
        t(lang, "report.certificate.organised_by_alone", &[])
    } else {
        t(lang, "report.certificate.organised_by", &[("partner", c.partner.trim())])
    };
    let details = format!("{held}, {},\n{organised}.", duration_text(lang, c.hours));
    y += 4.0;
    doc.paragraph(
        centre - text_width_max / 2.0,
        y,
        text_width_max,
        &details,
        &TextStyle::new(11.5).centred().line_height(1.45),
    );

    // Signatures left and right, the certificate's number and date between them.
    let sign_y = 174.0;
    let label = TextStyle::new(9.5).colour(Colour::MUTED).centred();
    for (cx, key) in [(78.0, "report.certificate.president"), (w - 78.0, "report.certificate.trainer")] {
        doc.hline(cx - 38.0, cx + 38.0, sign_y, Colour::TEXT, 0.6);
        doc.text(cx, sign_y + 5.0, &t(lang, key, &[]), &label);
    }
    let small = TextStyle::new(9.0).colour(Colour::MUTED).centred();
    if !c.number.trim().is_empty() {
        doc.text(
            centre,
            sign_y - 1.0,
            &t(lang, "report.certificate.number", &[("number", c.number.trim())]),
            &TextStyle::new(9.5).bold().colour(Colour::DEEP_BLUE).centred(),
        );
    }
    doc.text(
        centre,
        sign_y + 4.5,
        &t(lang, "report.certificate.issued_on", &[("date", &i18n::format_date(lang, c.issued_on))]),
        &small,
    );
}

/// A bold centred style at `size`, smaller (down to `min`) until `text` fits in `width`.
fn fitted(text: &str, size: f32, min: f32, width: f32, colour: Colour) -> TextStyle {
    let mut size = size;
    while size > min && text_width(text, size, true) > width {
        size -= 0.5;
    }
    TextStyle::new(size).bold().colour(colour).centred()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testing::{inspect_pdf, ro_date};

    fn made_on() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn line(name: &str, organisation: &str) -> AttendanceLine {
        AttendanceLine { name: name.into(), organisation: organisation.into() }
    }

    fn sheet(participants: Vec<AttendanceLine>) -> AttendanceSheet {
        AttendanceSheet {
            lang: Lang::Ro,
            course_title: "Managementul clusterelor și internaționalizarea întreprinderilor".into(),
            partner: "Camera de Comerț și Industrie Brașov".into(),
            place: "Brașov, Centrul de afaceri Țara Bârsei".into(),
            trainer: "Gheorghița Șerbănescu".into(),
            session_label: "Sesiunea 12–13.03.2026".into(),
            day: ro_date(2026, 3, 12),
            day_number: 1,
            day_count: 2,
            participants,
        }
    }

    fn three() -> Vec<AttendanceLine> {
        vec![
            line("Ștefan Țurcanu", "Clusterul Textil Bucovina"),
            line("Ioana Mureșan", "Transilvania IT Cluster"),
            line("Ăndrei Îonescu", "Asociația Agro-Food Argeș"),
        ]
    }

    fn certificate() -> Certificate {
        Certificate {
            lang: Lang::Ro,
            participant: "Gheorghița Șerbănescu".into(),
            course_title: "Managementul clusterelor și internaționalizarea întreprinderilor".into(),
            partner: "Camera de Comerț și Industrie Brașov".into(),
            first_day: ro_date(2026, 3, 12),
            last_day: ro_date(2026, 3, 13),
            hours: 16.0,
            number: "CLU-2026-0042".into(),
            issued_on: ro_date(2026, 3, 13),
        }
    }

    #[test]
    fn an_attendance_sheet_of_three() {
        let bytes = attendance_sheets_pdf(&[sheet(three())], made_on()).unwrap();
        let pdf = inspect_pdf("attendance-3", &bytes);
        assert_eq!(pdf.pages, 1);
        for name in ["Ștefan Țurcanu", "Ioana Mureșan", "Ăndrei Îonescu", "Gheorghița Șerbănescu"] {
            assert!(pdf.text.contains(name), "{name} missing from:\n{}", pdf.text);
        }
        for text in [
            "Asociația Clusterelor din România – CLUSTERO",
            "LISTĂ DE PREZENȚĂ",
            "Sesiunea 12–13.03.2026",
            "Managementul clusterelor și internaționalizarea întreprinderilor",
            "Camera de Comerț și Industrie Brașov",
            "Brașov, Centrul de afaceri Țara Bârsei",
            "12.03.2026 (ziua 1 din 2)",
            "Nume și prenume",
            "Organizație / cluster",
            "Semnătură",
            "Semnătura formatorului",
            "Pagina 1 din 1",
            "Document generat la",
        ] {
            assert!(pdf.flat.contains(text), "{text:?} missing from:\n{}", pdf.text);
        }
        assert_eq!(
            pdf.title.as_deref(),
            Some("Listă de prezență – Managementul clusterelor și internaționalizarea întreprinderilor")
        );
        pdf.assert_fonts_embedded_subsets();
        assert!(pdf.size < 60_000, "{} bytes", pdf.size);
    }

    #[test]
    fn sixty_participants_break_onto_pages_with_the_header_repeated() {
        let people: Vec<AttendanceLine> =
            (1..=60).map(|i| line(&format!("Participant Țăranu {i:02}"), &format!("Clusterul Șapte {i}"))).collect();
        let bytes = attendance_sheets_pdf(&[sheet(people)], made_on()).unwrap();
        let pdf = inspect_pdf("attendance-60", &bytes);
        assert!(pdf.pages >= 3, "{} pages", pdf.pages);
        for (i, page) in pdf.page_texts.iter().enumerate() {
            assert!(page.contains("Nume și prenume"), "no table header on page {}", i + 1);
            assert!(page.contains(&format!("Pagina {} din {}", i + 1, pdf.pages)), "page {}:\n{page}", i + 1);
            assert!(page.contains("Managementul clusterelor"), "page {} does not name the course", i + 1);
        }
        for i in 1..=60 {
            assert_eq!(pdf.text.matches(&format!("Participant Țăranu {i:02}")).count(), 1, "participant {i}");
        }
        // The trainer's signature comes with the last row, never alone on a page.
        let last = pdf.page_texts.last().unwrap();
        assert!(last.contains("Semnătura formatorului") && last.contains("Participant Țăranu 60"), "{last}");
        pdf.assert_fonts_embedded_subsets();
    }

    #[test]
    fn several_days_are_numbered_per_sheet() {
        let mut second = sheet(three());
        second.day = ro_date(2026, 3, 13);
        second.day_number = 2;
        let bytes = attendance_sheets_pdf(&[sheet(three()), second, sheet(Vec::new())], made_on()).unwrap();
        let pdf = inspect_pdf("attendance-days", &bytes);
        assert_eq!(pdf.pages, 3);
        assert!(pdf.page_texts.iter().all(|p| p.contains("Pagina 1 din 1")));
        assert!(pdf.page_texts[1].contains("13.03.2026 (ziua 2 din 2)"));
        // An empty sheet still has numbered rows to sign.
        assert!(pdf.page_texts[2].contains(&format!("{BLANK_ROWS}.")));
    }

    #[test]
    fn an_english_sheet() {
        let mut english = sheet(three());
        english.lang = Lang::En;
        let pdf = inspect_pdf("attendance-en", &attendance_sheets_pdf(&[english], made_on()).unwrap());
        for text in
            ["ATTENDANCE SHEET", "Full name", "Signature", "12/03/2026 (day 1 of 2)", "Page 1 of 1", "Ștefan Țurcanu"]
        {
            assert!(pdf.text.contains(text), "{text:?} missing from:\n{}", pdf.text);
        }
    }

    #[test]
    fn a_certificate() {
        let bytes = certificates_pdf(&[certificate()]).unwrap();
        let pdf = inspect_pdf("certificate", &bytes);
        assert_eq!(pdf.pages, 1);
        assert!(pdf.info.contains("297 x 210 pts") || pdf.info.contains("841.89 x 595.276 pts"), "{}", pdf.info);
        let text = &pdf.flat;
        for needle in [
            "Gheorghița Șerbănescu",
            "CERTIFICAT DE PARTICIPARE",
            "Asociația Clusterelor din România – CLUSTERO",
            "Managementul clusterelor și internaționalizarea întreprinderilor",
            "desfășurat în perioada 12.03.2026 – 13.03.2026, cu o durată de 16 ore,",
            "organizat de CLUSTERO în parteneriat cu Camera de Comerț și Industrie Brașov.",
            "Nr. CLU-2026-0042",
            "Eliberat la 13.03.2026",
            "Președinte CLUSTERO",
            "Formator",
        ] {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
        assert!(!text.contains("Pagina"), "a certificate has no page footer");
        assert_eq!(pdf.title.as_deref(), Some("Certificat de participare – Gheorghița Șerbănescu"));
        pdf.assert_fonts_embedded_subsets();
        assert!(pdf.size < 60_000, "a certificate is {} bytes", pdf.size);
    }

    #[test]
    fn certificates_each_in_their_language() {
        let mut english = certificate();
        english.lang = Lang::En;
        english.participant = "Ioana Mureșan".into();
        english.last_day = english.first_day;
        english.hours = 7.5;
        let bytes = certificates_pdf(&[certificate(), english]).unwrap();
        let pdf = inspect_pdf("certificates-2", &bytes);
        assert_eq!(pdf.pages, 2);
        assert!(pdf.page_texts[0].contains("CERTIFICAT DE PARTICIPARE"));
        assert!(pdf.page_texts[1].contains("CERTIFICATE OF ATTENDANCE"));
        assert!(pdf.page_texts[1].contains("held on 12/03/2026, lasting 7.5 hours,"), "{}", pdf.page_texts[1]);
        assert!(pdf.page_texts[1].contains("Ioana Mureșan"));
    }

    #[test]
    fn long_texts_wrap_instead_of_overflowing() {
        let mut long = sheet(vec![
            line(
                "Maria-Magdalena Alexandrescu-Vlădescu-Constantinescu",
                "Asociația Clusterul pentru Inovare și Tehnologie în Industria Alimentară din Regiunea Nord-Est",
            ),
            line("Ion Pop", "ITC"),
        ]);
        long.course_title = "Program de formare avansată în managementul clusterelor, internaționalizare, \
                             finanțări europene și transformare digitală pentru organizațiile membre"
            .into();
        let pdf = inspect_pdf("attendance-long", &attendance_sheets_pdf(&[long], made_on()).unwrap());
        assert_eq!(pdf.pages, 1);
        assert!(pdf.contains_wrapped("Maria-Magdalena Alexandrescu-Vlădescu-Constantinescu"), "{}", pdf.flat);
        assert!(pdf.contains_wrapped("Asociația Clusterul pentru Inovare și Tehnologie în Industria Alimentară"));
        assert!(pdf.flat.contains("Ion Pop"));

        let mut c = certificate();
        c.participant = "Maria-Magdalena Alexandrescu-Vlădescu-Constantinescu".into();
        c.course_title = "Program de formare avansată în managementul clusterelor, internaționalizare, \
                          finanțări europene și transformare digitală pentru organizațiile membre ale asociației"
            .into();
        c.partner = "Agenția pentru Dezvoltare Regională Centru și Camera de Comerț și Industrie a României".into();
        c.hours = 120.0;
        let pdf = inspect_pdf("certificate-long", &certificates_pdf(&[c]).unwrap());
        assert_eq!(pdf.pages, 1);
        assert!(pdf.contains_wrapped("Maria-Magdalena Alexandrescu-Vlădescu-Constantinescu"));
        assert!(pdf.contains_wrapped("cu o durată de 120 de ore"));
        assert!(pdf.contains_wrapped("Camera de Comerț și Industrie a României"));
    }

    #[test]
    fn romanian_hours_take_de_from_twenty() {
        assert_eq!(duration_text(Lang::Ro, 16.0), "cu o durată de 16 ore");
        assert_eq!(duration_text(Lang::Ro, 24.0), "cu o durată de 24 de ore");
        assert_eq!(duration_text(Lang::Ro, 100.0), "cu o durată de 100 de ore");
        assert_eq!(duration_text(Lang::Ro, 105.0), "cu o durată de 105 ore");
        assert_eq!(duration_text(Lang::Ro, 1.0), "cu o durată de o oră");
        assert_eq!(duration_text(Lang::Ro, 7.5), "cu o durată de 7,5 ore");
        assert_eq!(duration_text(Lang::Ro, 2.25), "cu o durată de 2,25 ore");
        assert_eq!(duration_text(Lang::En, 40.0), "lasting 40 hours");
    }
}
