//! The event documents: the event report, the participant list, the meeting schedule and the
//! badges. Each is drawn from an [`EventDetail`], the data of the event page, so that the paper
//! and the screen show the same people and the same figures.

use chrono::NaiveDate;

use super::pdf::{Align, Colour, Document, Margins, PageSize, Paint, TableColumn, TableLayout, TextStyle, ellipsize};
use super::training_docs::letterhead;
use crate::events::{EventDetail, Meeting, takes_part};
use crate::i18n::{self, Lang, t};
use crate::registrations::RegistrationView;
use crate::trainings::date_range;

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// "12–14.05.2026", as the event's dates read.
pub fn event_dates(lang: Lang, starts_on: &str, ends_on: &str) -> String {
    match (day(starts_on), day(ends_on)) {
        (Some(first), Some(last)) => date_range(lang, first, last),
        _ => starts_on.to_string(),
    }
}

/// A country's name in `lang` when the catalogue has it, else its code.
pub fn country_name(lang: Lang, code: &str) -> String {
    let key = format!("country.{code}");
    let name = t(lang, &key, &[]);
    if name == key { code.to_string() } else { name }
}

/// "10:30" of a slot "2026-05-14T10:30", with the day when the event has several.
fn slot_text(lang: Lang, slot: Option<&str>, several_days: bool) -> String {
    let Some(slot) = slot else { return t(lang, "event.meeting.no_slot", &[]) };
    let time = slot.get(11..16).unwrap_or(slot);
    match (several_days, slot.get(..10).and_then(day)) {
        // The day without its year, which the heading gives: "14.05 10:30".
        (true, Some(d)) => {
            let date = i18n::format_date(lang, d);
            format!("{} {time}", date.get(..5).unwrap_or(&date))
        }
        _ => time.to_string(),
    }
}

fn several_days(detail: &EventDetail) -> bool {
    detail.event.input.starts_on != detail.event.input.ends_on
}

/// The people who take part (enrolled, confirmed, attended), by name.
fn present(detail: &EventDetail) -> Vec<&RegistrationView> {
    let mut people: Vec<&RegistrationView> = detail.roster.iter().filter(|r| takes_part(r.state)).collect();
    people.sort_by_cached_key(|r| (crate::text::fold(&r.name), crate::text::fold(&r.organisation)));
    people
}

fn side(name: &str, organisation: &str) -> String {
    if organisation.is_empty() { name.to_string() } else { format!("{name} ({organisation})") }
}

/// The page top every event document starts with: the letterhead, the document's title and the
/// event's name, dates and place. Returns the y below it.
fn heading(doc: &mut Document, lang: Lang, detail: &EventDetail, title_key: &str) -> f32 {
    let m = doc.margins();
    let width = doc.content_width();
    let input = &detail.event.input;
    let mut y = letterhead(doc, lang) + 9.0;
    doc.text(m.left, y, &t(lang, title_key, &[]), &TextStyle::new(15.0).bold().colour(Colour::DEEP_BLUE));
    y += 3.0;
    y += doc.paragraph(m.left, y, width, &input.title, &TextStyle::new(12.0).bold());
    let place = [input.place.clone(), country_name(lang, &input.country)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let line = [
        t(lang, &format!("event.kind.{}", input.kind.code()), &[]),
        event_dates(lang, &input.starts_on, &input.ends_on),
        place,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    y += doc.paragraph(m.left, y, width, &line, &TextStyle::new(9.5).colour(Colour::MUTED));
    y + 4.0
}

fn continuation(doc: &mut Document, lang: Lang, title: &str) -> f32 {
    let m = doc.margins();
    let y = letterhead(doc, lang) + 7.0;
    doc.text(m.left, y, title, &TextStyle::new(10.0).bold().colour(Colour::DEEP_BLUE));
    y + 4.0
}

fn section_title(doc: &mut Document, y: f32, text: &str) -> f32 {
    let m = doc.margins();
    let mut y = y;
    // A title is not left alone at the bottom of a page.
    if y + 24.0 > doc.content_bottom() {
        doc.add_page(PageSize::A4Portrait);
        y = letterhead(doc, doc.lang()) + 8.0;
    }
    doc.text(m.left, y + 4.0, text, &TextStyle::new(11.5).bold().colour(Colour::DEEP_BLUE));
    y + 7.0
}

fn table(doc: &mut Document, columns: Vec<TableColumn>, rows: &[Vec<String>], y: f32, title: &str) -> f32 {
    let lang = doc.lang();
    let mut layout = TableLayout::new(doc.margins().left, columns);
    layout.stripe = Some(Colour::hex(0xf5f7fa));
    let title = title.to_string();
    let mut cont = move |doc: &mut Document| continuation(doc, lang, &title);
    doc.table(&layout, rows, y, &mut cont)
}

/// Column widths that fill the content width in the given proportions.
fn columns(doc: &Document, spec: &[(&str, f32, Align)]) -> Vec<TableColumn> {
    let lang = doc.lang();
    let total: f32 = spec.iter().map(|s| s.1).sum();
    let width = doc.content_width();
    spec.iter()
        .map(|(key, share, align)| TableColumn::new(t(lang, key, &[]), width * share / total).align(*align))
        .collect()
}

fn participant_rows(lang: Lang, people: &[&RegistrationView], with_state: bool) -> Vec<Vec<String>> {
    people
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![
                format!("{}.", i + 1),
                r.name.clone(),
                r.organisation.clone(),
                r.cluster_name.clone().unwrap_or_default(),
                country_name(lang, &r.country),
            ];
            if with_state {
                row.push(t(lang, &format!("enrolment.state.{}", r.state.code()), &[]));
            }
            row
        })
        .collect()
}

fn meeting_rows(lang: Lang, meetings: &[Meeting], several_days: bool) -> Vec<Vec<String>> {
    meetings
        .iter()
        .map(|m| {
            vec![
                slot_text(lang, m.slot.as_deref(), several_days),
                m.table_label.clone(),
                side(&m.requester.name, &m.requester.organisation),
                side(&m.invitee.name, &m.invitee.organisation),
                t(lang, &format!("event.meeting.status.{}", m.status.code()), &[]),
                t(lang, &format!("event.meeting.outcome.{}", m.outcome.code()), &[]),
            ]
        })
        .collect()
}

const MEETING_COLUMNS: [(&str, f32, Align); 6] = [
    ("event.meeting.slot", 22.0, Align::Left),
    ("event.meeting.table", 14.0, Align::Centre),
    ("event.meeting.requester", 44.0, Align::Left),
    ("event.meeting.invitee", 44.0, Align::Left),
    ("event.meeting.status", 23.0, Align::Left),
    ("event.meeting.outcome", 27.0, Align::Left),
];

// ---------------------------------------------------------------------------------------------
// The event report
// ---------------------------------------------------------------------------------------------

/// The report after (or before) an event: its facts, the figures (participants by country and by
/// cluster, meetings and their outcomes), the meetings, the participants and the staff's
/// evaluation.
pub fn event_report_pdf(detail: &EventDetail, lang: Lang, made_on: NaiveDate) -> crate::Result<Vec<u8>> {
    let input = &detail.event.input;
    let title = t(lang, "event.report.doc_title", &[("title", &input.title)]);
    let mut doc = Document::new(&title, lang, made_on);
    doc.set_footer_note(Some(input.title.clone()));
    doc.add_page(PageSize::A4Portrait);
    let m = doc.margins();
    let width = doc.content_width();
    let mut y = heading(&mut doc, lang, detail, "event.report.title");

    // The facts, two columns of label: value.
    let organisers =
        std::iter::once(detail.event.organiser.clone().unwrap_or_else(|| t(lang, "event.organiser_self", &[])))
            .chain(detail.co_organisers.iter().map(|p| p.input.name.clone()))
            .collect::<Vec<_>>()
            .join(", ");
    let sectors =
        input.sectors.iter().map(|s| t(lang, &format!("sector.{}", s.code()), &[])).collect::<Vec<_>>().join(", ");
    let facts = [
        ("event.field.organisers", organisers),
        ("event.field.capacity", i18n::format_integer(lang, input.capacity)),
        ("event.field.budget", i18n::format_money(lang, input.budget_bani)),
        ("event.field.sectors", if sectors.is_empty() { "—".into() } else { sectors }),
        ("event.field.status", t(lang, &format!("event.status.{}", input.status.code()), &[])),
    ];
    let label = TextStyle::new(8.5).colour(Colour::MUTED);
    let value = TextStyle::new(9.5);
    let label_w = 34.0;
    let top = y;
    y += 2.5;
    for (key, text) in facts {
        doc.text(m.left + 3.0, y + value.baseline_in(value.line_mm()), &format!("{}:", t(lang, key, &[])), &label);
        y += doc.paragraph(m.left + 3.0 + label_w, y, width - label_w - 6.0, &text, &value) + 0.8;
    }
    y += 1.7;
    doc.rect(m.left, top, width, y - top, Paint::stroke(Colour::hex(0xc5ccd4), 0.6));
    doc.rect(m.left, top, 1.2, y - top, Paint::fill(Colour::GOLD));
    y += 4.0;

    // The figures as tiles.
    let f = &detail.figures;
    let tiles = [
        ("event.figures.participants", f.participants),
        ("event.figures.attended", f.attended),
        ("event.figures.organisations", f.organisations),
        ("event.figures.meetings_held", f.meetings_held),
        ("event.figures.agreements", f.agreements),
    ];
    y = section_title(&mut doc, y, &t(lang, "event.report.results", &[]));
    let gap = 3.0;
    let tile_w = (width - gap * (tiles.len() as f32 - 1.0)) / tiles.len() as f32;
    for (i, (key, n)) in tiles.iter().enumerate() {
        let x = m.left + i as f32 * (tile_w + gap);
        doc.rect(x, y, tile_w, 17.0, Paint::fill(Colour::HEADER_FILL));
        doc.text(
            x + tile_w / 2.0,
            y + 8.5,
            &i18n::format_integer(lang, *n),
            &TextStyle::new(15.0).bold().colour(Colour::DEEP_BLUE).centred(),
        );
        let caption = ellipsize(&t(lang, key, &[]), tile_w - 2.0, 7.5, false);
        doc.text(x + tile_w / 2.0, y + 14.0, &caption, &TextStyle::new(7.5).colour(Colour::MUTED).centred());
    }
    y += 17.0 + 3.0;
    let more = t(
        lang,
        "event.report.more_figures",
        &[
            ("requested", &i18n::format_integer(lang, f.meetings_requested)),
            ("follow_ups", &i18n::format_integer(lang, f.follow_ups)),
            ("confirmed", &i18n::format_integer(lang, f.confirmed)),
            ("no_show", &i18n::format_integer(lang, f.no_show)),
            ("waitlisted", &i18n::format_integer(lang, f.waitlisted)),
        ],
    );
    y += doc.paragraph(m.left, y, width, &more, &TextStyle::new(9.0).colour(Colour::MUTED)) + 3.0;

    // By country and by cluster, side by side in one table each.
    let table_title = title.clone();
    y = section_title(&mut doc, y, &t(lang, "event.report.by_country", &[]));
    let rows: Vec<Vec<String>> = f
        .by_country
        .iter()
        .map(|c| vec![country_name(lang, &c.country), i18n::format_integer(lang, c.count)])
        .collect();
    let cols =
        columns(&doc, &[("event.report.country", 70.0, Align::Left), ("event.report.people", 30.0, Align::Right)]);
    y = if rows.is_empty() { empty_line(&mut doc, y) } else { table(&mut doc, cols, &rows, y, &table_title) + 4.0 };
    y = section_title(&mut doc, y, &t(lang, "event.report.by_cluster", &[]));
    let rows: Vec<Vec<String>> = f
        .by_cluster
        .iter()
        .map(|c| {
            vec![
                c.cluster.clone().unwrap_or_else(|| t(lang, "event.report.no_cluster", &[])),
                i18n::format_integer(lang, c.count),
            ]
        })
        .collect();
    let cols =
        columns(&doc, &[("event.report.cluster", 70.0, Align::Left), ("event.report.people", 30.0, Align::Right)]);
    y = if rows.is_empty() { empty_line(&mut doc, y) } else { table(&mut doc, cols, &rows, y, &table_title) + 4.0 };

    // The meetings.
    y = section_title(&mut doc, y, &t(lang, "event.report.meetings", &[]));
    let rows = meeting_rows(lang, &detail.meetings, several_days(detail));
    let cols = columns(&doc, &MEETING_COLUMNS);
    y = if rows.is_empty() { empty_line(&mut doc, y) } else { table(&mut doc, cols, &rows, y, &table_title) + 4.0 };

    // The participants.
    y = section_title(&mut doc, y, &t(lang, "event.report.participants", &[]));
    let people = present(detail);
    let rows = participant_rows(lang, &people, true);
    let cols = columns(&doc, &PARTICIPANT_COLUMNS_WITH_STATE);
    y = if rows.is_empty() { empty_line(&mut doc, y) } else { table(&mut doc, cols, &rows, y, &table_title) + 4.0 };

    // The evaluation.
    y = section_title(&mut doc, y, &t(lang, "event.report.evaluation", &[]));
    let text = if input.evaluation.trim().is_empty() {
        t(lang, "event.report.no_evaluation", &[])
    } else {
        input.evaluation.clone()
    };
    for paragraph in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        let style = TextStyle::new(10.0);
        if y + doc.measure_paragraph(width, paragraph, &style) > doc.content_bottom() {
            doc.add_page(PageSize::A4Portrait);
            y = continuation(&mut doc, lang, &title);
        }
        y += doc.paragraph(m.left, y, width, paragraph, &style) + 2.0;
    }
    doc.finish()
}

fn empty_line(doc: &mut Document, y: f32) -> f32 {
    let lang = doc.lang();
    let left = doc.margins().left;
    doc.text(left, y + 3.0, &t(lang, "event.report.none", &[]), &TextStyle::new(9.5).colour(Colour::MUTED));
    y + 8.0
}

const PARTICIPANT_COLUMNS: [(&str, f32, Align); 5] = [
    ("event.participants.number", 8.0, Align::Centre),
    ("event.participants.name", 24.0, Align::Left),
    ("event.participants.organisation", 30.0, Align::Left),
    ("event.participants.cluster", 24.0, Align::Left),
    ("event.participants.country", 14.0, Align::Left),
];

const PARTICIPANT_COLUMNS_WITH_STATE: [(&str, f32, Align); 6] = [
    ("event.participants.number", 6.0, Align::Centre),
    ("event.participants.name", 24.0, Align::Left),
    ("event.participants.organisation", 27.0, Align::Left),
    ("event.participants.cluster", 21.0, Align::Left),
    ("event.participants.country", 12.0, Align::Left),
    ("event.participants.state", 12.0, Align::Left),
];

// ---------------------------------------------------------------------------------------------
// The participant list and the meeting schedule
// ---------------------------------------------------------------------------------------------

/// The list of the people taking part, by name, with a column to sign in at the desk.
pub fn participant_list_pdf(detail: &EventDetail, lang: Lang, made_on: NaiveDate) -> crate::Result<Vec<u8>> {
    let title = t(lang, "event.participants.doc_title", &[("title", &detail.event.input.title)]);
    let mut doc = Document::new(&title, lang, made_on);
    doc.set_footer_note(Some(detail.event.input.title.clone()));
    doc.add_page(PageSize::A4Portrait);
    let y = heading(&mut doc, lang, detail, "event.participants.title");
    let people = present(detail);
    let mut spec = PARTICIPANT_COLUMNS.to_vec();
    spec.push(("event.participants.signature", 20.0, Align::Left));
    let cols = columns(&doc, &spec);
    let mut rows = participant_rows(lang, &people, false);
    for row in &mut rows {
        row.push(String::new());
    }
    if rows.is_empty() {
        empty_line(&mut doc, y);
    } else {
        let mut layout = TableLayout::new(doc.margins().left, cols);
        layout.grid = true;
        layout.min_row_height = 9.0;
        let mut cont = |doc: &mut Document| continuation(doc, lang, &title);
        doc.table(&layout, &rows, y, &mut cont);
    }
    doc.finish()
}

/// The meetings in the order they happen, for the brokerage desk and the participants.
pub fn meeting_schedule_pdf(detail: &EventDetail, lang: Lang, made_on: NaiveDate) -> crate::Result<Vec<u8>> {
    let title = t(lang, "event.schedule.doc_title", &[("title", &detail.event.input.title)]);
    let mut doc = Document::new(&title, lang, made_on);
    doc.set_footer_note(Some(detail.event.input.title.clone()));
    doc.add_page(PageSize::A4Portrait);
    let y = heading(&mut doc, lang, detail, "event.schedule.title");
    let live: Vec<Meeting> =
        detail.meetings.iter().filter(|m| m.status != crate::events::MeetingStatus::NotHeld).cloned().collect();
    let rows = meeting_rows(lang, &live, several_days(detail));
    if rows.is_empty() {
        empty_line(&mut doc, y);
    } else {
        let cols = columns(&doc, &MEETING_COLUMNS);
        table(&mut doc, cols, &rows, y, &title);
    }
    doc.finish()
}

// ---------------------------------------------------------------------------------------------
// Badges
// ---------------------------------------------------------------------------------------------

/// Badges on A4 portrait: two columns of four (90 × 62 mm, the size of common badge holders),
/// with cut marks; each shows the event, the name, the organisation and the country.
pub fn badges_pdf(detail: &EventDetail, lang: Lang, made_on: NaiveDate) -> crate::Result<Vec<u8>> {
    const W: f32 = 90.0;
    const H: f32 = 62.0;
    const COLS: usize = 2;
    const ROWS: usize = 4;
    let title = t(lang, "event.badges.doc_title", &[("title", &detail.event.input.title)]);
    let mut doc = Document::new(&title, lang, made_on);
    doc.set_footer(false);
    doc.set_margins(Margins { top: 0.0, right: 0.0, bottom: 0.0, left: 0.0 });
    let people = present(detail);
    let left = (PageSize::A4Portrait.width() - W * COLS as f32) / 2.0;
    let top = (PageSize::A4Portrait.height() - H * ROWS as f32) / 2.0;
    let event_line = format!(
        "{} · {}",
        detail.event.input.title,
        event_dates(lang, &detail.event.input.starts_on, &detail.event.input.ends_on)
    );
    if people.is_empty() {
        doc.add_page(PageSize::A4Portrait);
    }
    for (i, person) in people.iter().enumerate() {
        let slot = i % (COLS * ROWS);
        if slot == 0 {
            doc.add_page(PageSize::A4Portrait);
        }
        let x = left + (slot % COLS) as f32 * W;
        let y = top + (slot / COLS) as f32 * H;
        doc.rect(x, y, W, H, Paint::stroke(Colour::hex(0xb8c0ca), 0.4));
        // The band: the association and the event.
        doc.rect(x, y, W, 14.0, Paint::fill(Colour::DEEP_BLUE));
        doc.rect(x, y + 14.0, W, 1.0, Paint::fill(Colour::GOLD));
        doc.text(x + 5.0, y + 5.5, "CLUSTERO", &TextStyle::new(9.0).bold().colour(Colour::WHITE));
        let event = ellipsize(&event_line, W - 10.0, 7.5, false);
        doc.text(x + 5.0, y + 10.5, &event, &TextStyle::new(7.5).colour(Colour::WHITE));
        // The name, as large as fits.
        let mut size = 17.0;
        while size > 10.0 && super::pdf::text_width(&person.name, size, true) > W - 10.0 {
            size -= 0.5;
        }
        let name = ellipsize(&person.name, W - 10.0, size, true);
        doc.text(x + W / 2.0, y + 30.0, &name, &TextStyle::new(size).bold().centred());
        let organisation = TextStyle::new(10.0).colour(Colour::DEEP_BLUE).centred();
        let lines = super::pdf::wrap_text(&person.organisation, W - 12.0, 10.0, false);
        for (n, line) in lines.iter().take(2).enumerate() {
            let line = if n == 1 && lines.len() > 2 {
                ellipsize(&format!("{line} …"), W - 12.0, 10.0, false)
            } else {
                line.clone()
            };
            doc.text(x + W / 2.0, y + 38.0 + n as f32 * 4.6, &line, &organisation);
        }
        doc.hline(x + 25.0, x + W - 25.0, y + H - 10.0, Colour::hex(0xc5ccd4), 0.5);
        doc.text(
            x + W / 2.0,
            y + H - 5.0,
            &country_name(lang, &person.country).to_uppercase(),
            &TextStyle::new(8.5).bold().colour(Colour::MUTED).centred(),
        );
    }
    doc.finish()
}
