//! The annual report as a PDF: A4 portrait, a cover with the headline figures, a table of
//! contents with page numbers, then a section per part with its tables (the very tables of the
//! spreadsheets, see [`super::tables`]) and simple horizontal bar charts drawn with the toolkit.

use chrono::NaiveDate;

use super::model::*;
use super::tables::{LEVELS_TOP_DOWN, Part, PartKey, date_text, parts};
use crate::clusters::LabelLevel;
use crate::i18n::{self, Lang, t};
use crate::reports::pdf::{
    Align, Colour, Document, MM_PER_PT, PageSize, Paint, TableColumn, TableLayout, TextStyle, ellipsize, text_width,
};

const BRONZE: Colour = Colour::hex(0xa86b32);
const SILVER: Colour = Colour::hex(0x8a8f98);
const GOLD: Colour = Colour::hex(0xe0a526);
/// Bars: the app's blue, a shade lighter so that the value labels beside them stand out.
const BAR: Colour = Colour::hex(0x2f6aa3);
const OUTSTANDING: Colour = Colour::hex(0xd9822b);
const STRIPE: Colour = Colour::hex(0xf4f6f9);
const HAIRLINE: Colour = Colour::hex(0xc5ccd4);
const COVER_BAND: f32 = 136.0;
const BAR_PITCH: f32 = 6.2;
const BAR_HEIGHT: f32 = 4.2;

const CAPTION: TextStyle =
    TextStyle { size: 10.5, bold: true, colour: Colour::TEXT, align: Align::Left, line_height: 1.25 };

/// One bar of a chart: its label, value and colour.
type Bar = (String, i64, Colour);

/// The height of a chart of `rows` bars with a one-line caption.
fn chart_height(rows: usize) -> f32 {
    10.0 + rows.max(1) as f32 * BAR_PITCH + 7.0
}

/// The annual report of `summary` in `lang`.
pub fn pdf(summary: &AnnualSummary, lang: Lang) -> crate::Result<Vec<u8>> {
    let made_on = NaiveDate::parse_from_str(&summary.made_on, "%Y-%m-%d").unwrap_or_default();
    let year = summary.year.to_string();
    let title = t(lang, "summary.title", &[("year", &year)]);
    let mut doc = Document::new(&format!("{title} – CLUSTERO"), lang, made_on);
    doc.set_footer_note(Some(title.clone()));
    let mut report =
        Report { doc, lang, summary, title, y: 0.0, toc: Vec::new(), parts: parts(summary, lang), caption_room: 0.0 };

    report.cover();
    // The contents page is filled in once the sections know their pages.
    report.doc.add_page(PageSize::A4Portrait);
    let contents_page = report.doc.page_count() - 1;
    report.members();
    report.organisations();
    report.labels();
    report.assessments();
    report.trainings();
    report.events();
    report.fees();
    report.services();
    report.contents(contents_page);
    report.doc.finish()
}

struct Report<'a> {
    doc: Document,
    lang: Lang,
    summary: &'a AnnualSummary,
    title: String,
    /// Where the next block goes on the current page.
    y: f32,
    /// (section title, 1-based page) for the table of contents.
    toc: Vec<(String, usize)>,
    parts: Vec<Part>,
    /// The least height of a chart's caption block (to align charts side by side).
    caption_room: f32,
}

/// The line on top of every page but the cover: the association left, the report right.
fn running_header(doc: &mut Document, lang: Lang, title: &str) -> f32 {
    let m = doc.margins();
    let (left, right) = (m.left, m.left + doc.content_width());
    let style = TextStyle::new(8.0).colour(Colour::MUTED);
    let y = m.top + 2.0;
    doc.text(left, y, &t(lang, "report.association", &[]), &style.bold().colour(Colour::DEEP_BLUE));
    doc.text(right, y, title, &style.right());
    doc.hline(left, right, y + 2.2, HAIRLINE, 0.6);
    doc.hline(left, left + 22.0, y + 2.2, Colour::GOLD, 1.4);
    y + 10.0
}

impl Report<'_> {
    fn tr(&self, key: &str) -> String {
        t(self.lang, key, &[])
    }

    fn left(&self) -> f32 {
        self.doc.margins().left
    }

    fn width(&self) -> f32 {
        self.doc.content_width()
    }

    fn part(&self, key: PartKey) -> Part {
        self.parts.iter().find(|p| p.key == key).cloned().expect("every part has a table")
    }

    fn as_of(&self) -> String {
        date_text(self.lang, &self.summary.as_of)
    }

    fn new_page(&mut self) {
        self.doc.add_page(PageSize::A4Portrait);
        self.y = running_header(&mut self.doc, self.lang, &self.title);
    }

    /// A new page unless `height` mm still fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > self.doc.content_bottom() {
            self.new_page();
        }
    }

    // --- the cover and the contents -----------------------------------------------------------

    fn cover(&mut self) {
        let lang = self.lang;
        let s = self.summary;
        self.doc.add_page(PageSize::A4Portrait);
        let (page_w, left, width) = (PageSize::A4Portrait.width(), self.left(), self.width());
        self.doc.rect(0.0, 0.0, page_w, COVER_BAND, Paint::fill(Colour::DEEP_BLUE));
        self.doc.rect(0.0, COVER_BAND, page_w, 2.2, Paint::fill(Colour::GOLD));

        let white = TextStyle::new(12.0).bold().colour(Colour::WHITE);
        self.doc.text(left, 38.0, &t(lang, "report.association", &[]), &white);
        self.doc.hline(left, left + 30.0, 43.0, Colour::GOLD, 2.0);
        self.doc.text(left, 88.0, &self.title, &TextStyle::new(34.0).bold().colour(Colour::WHITE));
        let period = if s.year_complete {
            t(lang, "summary.cover.period_full", &[("year", &s.year.to_string())])
        } else {
            t(lang, "summary.cover.period_running", &[("date", &self.as_of())])
        };
        self.doc.text(left, 102.0, &period, &TextStyle::new(13.0).colour(Colour::hex(0xd6e2ef)));

        // The headline figures in two rows of four tiles.
        let year = s.year.to_string();
        let y = [("year", year.as_str())];
        let integer = |v: i64| i18n::format_integer(lang, v);
        let percent = |hundredths: i64| format!("{} %", i18n::format_integer(lang, (hundredths + 50) / 100));
        let fees_paid = super::compute::rate(s.fees.due_bani - s.fees.outstanding_bani, s.fees.due_bani);
        let tiles = [
            (integer(s.members.at_end.members), t(lang, "summary.cover.tile.members", &[])),
            (integer(s.organisations.total.organisations), t(lang, "summary.cover.tile.organisations", &[])),
            (integer(s.labels.valid_total), t(lang, "summary.cover.tile.labels", &[])),
            (integer(s.trainings.total.participants), t(lang, "summary.cover.tile.participants", &[])),
            (integer(s.members.joined), t(lang, "summary.cover.tile.joined", &y)),
            (integer(s.trainings.total.sessions), t(lang, "summary.cover.tile.sessions", &y)),
            (percent(s.trainings.total.completion_rate), t(lang, "summary.cover.tile.completion", &[])),
            (percent(fees_paid), t(lang, "summary.cover.tile.fees_paid", &[])),
        ];
        let gap = 5.0;
        let (tile_w, tile_h) = ((width - gap * 3.0) / 4.0, 34.0);
        let top = COVER_BAND + 24.0;
        for (i, (value, label)) in tiles.iter().enumerate() {
            let x = left + (i % 4) as f32 * (tile_w + gap);
            let y = top + (i / 4) as f32 * (tile_h + gap);
            self.doc.rect(x, y, tile_w, tile_h, Paint::fill_stroke(Colour::hex(0xf4f7fb), HAIRLINE, 0.5));
            self.doc.rect(x, y, tile_w, 1.4, Paint::fill(Colour::GOLD));
            self.doc.text(
                x + tile_w / 2.0,
                y + 15.5,
                value,
                &TextStyle::new(22.0).bold().colour(Colour::DEEP_BLUE).centred(),
            );
            self.doc.paragraph(
                x + 2.0,
                y + 20.5,
                tile_w - 4.0,
                label,
                &TextStyle::new(8.5).colour(Colour::MUTED).centred().line_height(1.2),
            );
        }
        let as_of = t(lang, "summary.cover.as_of", &[("date", &self.as_of())]);
        self.doc.text(left, top + 2.0 * tile_h + gap + 6.0, &as_of, &TextStyle::new(8.0).colour(Colour::MUTED));

        let made = NaiveDate::parse_from_str(&s.made_on, "%Y-%m-%d")
            .map(|d| i18n::format_date(lang, d))
            .unwrap_or_else(|_| s.made_on.clone());
        let bottom = self.doc.content_bottom();
        self.doc.hline(left, left + width, bottom - 14.0, HAIRLINE, 0.6);
        self.doc.text(
            left,
            bottom - 8.0,
            &t(lang, "summary.cover.made_on", &[("date", &made)]),
            &TextStyle::new(9.5).colour(Colour::MUTED),
        );
    }

    fn contents(&mut self, page: usize) {
        let lang = self.lang;
        self.doc.go_to_page(page);
        let (left, width) = (self.left(), self.width());
        let right = left + width;
        let mut y = running_header(&mut self.doc, lang, &self.title);
        y += 6.0;
        self.doc.text(left, y, &self.tr("summary.toc"), &TextStyle::new(18.0).bold().colour(Colour::DEEP_BLUE));
        y += 10.0;
        let entry = TextStyle::new(11.0);
        let dot_w = text_width(".", entry.size, false);
        for (title, number) in self.toc.clone() {
            let number = number.to_string();
            self.doc.text(left, y, &title, &entry);
            self.doc.text(right, y, &number, &entry.right());
            let from = left + text_width(&title, entry.size, false) + 2.0;
            let to = right - text_width(&number, entry.size, false) - 2.0;
            let dots = ((to - from) / (dot_w * 2.0)).floor().max(0.0) as usize;
            self.doc.text(from, y, &". ".repeat(dots), &TextStyle::new(entry.size).colour(HAIRLINE));
            y += 8.0;
        }

        // The overview under the contents.
        self.y = y + 8.0;
        self.subheading(&self.tr("summary.overview"));
        let overview = self.part(PartKey::Overview);
        self.table(&overview.table, overview.note.as_deref(), false);
    }

    // --- building blocks ----------------------------------------------------------------------

    /// A numbered section: on a new page when the first one, or when the section (about
    /// `height` mm) does not fit in what is left of the page.
    fn section(&mut self, key: &str, height: f32) {
        if self.doc.page_count() < 3 || self.y + 12.0 + height > self.doc.content_bottom() {
            self.new_page();
        } else {
            self.y += 12.0;
        }
        let number = self.toc.len() + 1;
        let title = format!("{number}. {}", self.tr(key));
        self.toc.push((title.clone(), self.doc.page_count()));
        let left = self.left();
        self.y += 7.0;
        self.doc.text(left, self.y, &title, &TextStyle::new(17.0).bold().colour(Colour::DEEP_BLUE));
        self.doc.hline(left, left + 16.0, self.y + 3.0, Colour::GOLD, 1.8);
        self.y += 11.0;
    }

    fn subheading(&mut self, text: &str) {
        self.ensure(30.0);
        let left = self.left();
        self.y += 4.0;
        self.doc.text(left, self.y, text, &TextStyle::new(10.5).bold().colour(Colour::TEXT));
        self.y += 3.5;
    }

    fn note(&mut self, text: &str) {
        let style = TextStyle::new(8.0).colour(Colour::MUTED).line_height(1.3);
        let (left, width) = (self.left(), self.width());
        let height = self.doc.measure_paragraph(width, text, &style);
        self.ensure(height);
        self.y += self.doc.paragraph(left, self.y, width, text, &style);
    }

    /// One of the summary's tables: its name as a caption (`caption`), the table (numbers to the
    /// right, every other row shaded, the header repeated on a new page), and its note.
    fn table(&mut self, table: &crate::reports::tables::Table, note: Option<&str>, caption: bool) {
        let lang = self.lang;
        let (left, width) = (self.left(), self.width());
        let rows: Vec<Vec<String>> =
            table.rows.iter().map(|row| row.iter().map(|cell| cell.to_display(lang)).collect()).collect();
        let mut layout = TableLayout::new(left, Vec::new());
        layout.stripe = Some(STRIPE);
        layout.size = 9.0;
        layout.header_size = 8.5;
        layout.min_row_height = 6.4;
        let widths = column_widths(&table.headers, &rows, width, &layout);
        layout.columns = table
            .headers
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (header, w))| {
                TableColumn::new(header.clone(), w).align(if i == 0 { Align::Left } else { Align::Right })
            })
            .collect();
        // A short table stays on one page with its caption; a long one starts with at least two rows.
        let whole = if caption { 11.0 } else { 3.0 } + 11.0 + rows.len() as f32 * layout.min_row_height;
        let page_room = self.doc.content_bottom() - self.doc.margins().top - 12.0;
        self.ensure(if whole < page_room * 0.6 {
            whole
        } else if caption {
            34.0
        } else {
            26.0
        });
        if caption {
            self.subheading(&table.name);
        }
        self.y += 1.5;
        let title = self.title.clone();
        let mut continuation = |doc: &mut Document| running_header(doc, lang, &title);
        self.y = self.doc.table(&layout, &rows, self.y, &mut continuation);
        if let Some(note) = note {
            self.y += 2.0;
            self.note(note);
        }
        self.y += 6.0;
    }

    /// A horizontal bar chart across the page: a caption, then one bar per row with its label on
    /// the left and its value at the bar's end. `format` writes the values.
    fn bar_chart(&mut self, caption: &str, rows: &[Bar], format: &dyn Fn(i64) -> String) {
        self.ensure(chart_height(rows.len()) + 10.0);
        let (left, width) = (self.left(), self.width());
        let top = self.y;
        self.y = top + self.chart_at(left, top, width, caption, rows, format);
    }

    /// Two bar charts side by side; the larger decides the height.
    fn bar_charts_side_by_side(&mut self, charts: [(&str, &[Bar]); 2], format: &dyn Fn(i64) -> String) {
        let rows = charts.iter().map(|(_, rows)| rows.len()).max().unwrap_or(0);
        self.ensure(chart_height(rows) + 10.0);
        let (left, width) = (self.left(), self.width());
        let gap = 8.0;
        let half = (width - gap) / 2.0;
        let top = self.y;
        let mut bottom = top;
        // The bars of both start at the same height, below the taller caption.
        self.caption_room = charts
            .iter()
            .map(|(caption, _)| self.doc.measure_paragraph(half, caption, &CAPTION) + 4.0)
            .fold(0.0, f32::max);
        for (i, (caption, rows)) in charts.into_iter().enumerate() {
            let x = left + i as f32 * (half + gap);
            bottom = bottom.max(top + self.chart_at(x, top, half, caption, rows, format));
        }
        self.caption_room = 0.0;
        self.y = bottom;
    }

    /// Draws a chart whose caption's top is `top`, in the box from `x` `width` mm wide; returns the
    /// height used.
    fn chart_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        caption: &str,
        rows: &[Bar],
        format: &dyn Fn(i64) -> String,
    ) -> f32 {
        let label_size = 8.5;
        let caption_h = (self.doc.paragraph(x, top + 2.0, width, caption, &CAPTION) + 4.0).max(self.caption_room);
        let top = top + caption_h;
        if rows.is_empty() {
            self.doc.text(x, top + 4.0, &self.tr("summary.chart.empty"), &TextStyle::new(9.0).colour(Colour::MUTED));
            return caption_h + 10.0;
        }
        let label_w = rows
            .iter()
            .map(|(label, ..)| text_width(label, label_size, false))
            .fold(0.0_f32, f32::max)
            .min(width * 0.42)
            + 3.0;
        let value_w =
            rows.iter().map(|(_, v, _)| text_width(&format(*v), label_size, true)).fold(0.0_f32, f32::max) + 3.0;
        let axis = x + label_w;
        let bar_room = width - label_w - value_w;
        let max = rows.iter().map(|(_, v, _)| *v).max().unwrap_or(0).max(1) as f32;
        let bottom = top + rows.len() as f32 * BAR_PITCH;
        // Faint guides at quarters of the longest bar.
        for quarter in 1..=4 {
            let gx = axis + bar_room * quarter as f32 / 4.0;
            self.doc.line(gx, top, gx, bottom, Colour::hex(0xe4e8ee), 0.4);
        }
        let label_style = TextStyle::new(label_size).colour(Colour::TEXT).right();
        let value_style = TextStyle::new(label_size).bold().colour(Colour::TEXT);
        for (i, (label, value, colour)) in rows.iter().enumerate() {
            let row_top = top + i as f32 * BAR_PITCH;
            let bar_top = row_top + (BAR_PITCH - BAR_HEIGHT) / 2.0;
            let baseline = row_top + BAR_PITCH / 2.0 + 0.32 * label_size * MM_PER_PT;
            let label = ellipsize(label, label_w - 3.0, label_size, false);
            self.doc.text(axis - 2.0, baseline, &label, &label_style);
            let length = (*value as f32 / max * bar_room).max(if *value > 0 { 0.6 } else { 0.0 });
            if length > 0.0 {
                self.doc.rect(axis, bar_top, length, BAR_HEIGHT, Paint::fill(*colour));
            }
            self.doc.text(axis + length + 1.5, baseline, &format(*value), &value_style);
        }
        self.doc.line(axis, top - 0.5, axis, bottom + 0.5, Colour::RULE, 0.7);
        caption_h + rows.len() as f32 * BAR_PITCH + 7.0
    }

    fn integer(&self) -> impl Fn(i64) -> String + use<> {
        let lang = self.lang;
        move |v| i18n::format_integer(lang, v)
    }

    // --- the sections ---------------------------------------------------------------------------

    fn members(&mut self) {
        let lang = self.lang;
        self.section("summary.section.members", 200.0);
        let part = self.part(PartKey::Members);
        self.table(&part.table, part.note.as_deref(), true);

        let end = &self.summary.members.at_end;
        let sectors: Vec<Bar> = end
            .by_sector
            .iter()
            .filter(|c| c.count > 0)
            .map(|c| (t(lang, &format!("sector.{}", c.sector.code()), &[]), c.count, BAR))
            .collect();
        let mut regions: Vec<Bar> = end
            .by_region
            .iter()
            .map(|c| (t(lang, &format!("region.{}", c.region.code()), &[]), c.count, BAR))
            .collect();
        regions.sort_by_key(|r| std::cmp::Reverse(r.1));
        let sectors_caption = t(lang, "summary.chart.sectors", &[("date", &self.as_of())]);
        let regions_caption = t(lang, "summary.chart.regions", &[("date", &self.as_of())]);
        self.y += 2.0;
        self.bar_charts_side_by_side(
            [(sectors_caption.as_str(), sectors.as_slice()), (regions_caption.as_str(), regions.as_slice())],
            &self.integer(),
        );
        let part = self.part(PartKey::Sectors);
        self.table(&part.table, part.note.as_deref(), true);
        let part = self.part(PartKey::Regions);
        self.table(&part.table, part.note.as_deref(), true);
    }

    fn organisations(&mut self) {
        let lang = self.lang;
        self.section("summary.section.organisations", 150.0);
        let rows: Vec<Bar> = self
            .summary
            .organisations
            .by_kind
            .iter()
            .map(|k| (t(lang, &format!("org_kind.{}", k.kind.code()), &[]), k.figures.organisations, BAR))
            .collect();
        let caption = self.part(PartKey::Organisations).table.name;
        self.bar_chart(&caption, &rows, &self.integer());
        let part = self.part(PartKey::Organisations);
        self.table(&part.table, part.note.as_deref(), false);
    }

    fn labels(&mut self) {
        let lang = self.lang;
        self.section("summary.section.labels", 95.0);
        let rows: Vec<Bar> = LEVELS_TOP_DOWN
            .iter()
            .filter_map(|level| self.summary.labels.by_level.iter().find(|l| l.level == *level))
            .map(|l| {
                let colour = match l.level {
                    LabelLevel::Gold => GOLD,
                    LabelLevel::Silver => SILVER,
                    LabelLevel::Bronze => BRONZE,
                };
                (t(lang, &format!("label.{}", l.level.code()), &[]), l.valid, colour)
            })
            .collect();
        let caption = t(lang, "summary.chart.labels", &[("date", &self.as_of())]);
        self.bar_chart(&caption, &rows, &self.integer());
        let part = self.part(PartKey::Labels);
        self.table(&part.table, part.note.as_deref(), true);
    }

    fn assessments(&mut self) {
        self.section("summary.section.assessments", 60.0);
        let part = self.part(PartKey::Assessments);
        if let Some(note) = &part.note {
            // The reason the figures are zero comes first, as a boxed remark.
            let style = TextStyle::new(9.5).colour(Colour::TEXT).line_height(1.35);
            let (left, width) = (self.left(), self.width());
            let height = self.doc.measure_paragraph(width - 10.0, note, &style) + 7.0;
            self.ensure(height);
            self.doc.rect(left, self.y, width, height, Paint::fill(Colour::hex(0xfbf5e6)));
            self.doc.rect(left, self.y, 1.4, height, Paint::fill(Colour::GOLD));
            self.doc.paragraph(left + 6.0, self.y + 3.5, width - 10.0, note, &style);
            self.y += height + 5.0;
        }
        self.table(&part.table, None, false);
    }

    fn trainings(&mut self) {
        let lang = self.lang;
        self.section("summary.section.trainings", 70.0 + 13.0 * self.summary.trainings.by_partner.len() as f32);
        let part = self.part(PartKey::Trainings);
        self.table(&part.table, part.note.as_deref(), true);
        let own = self.tr("summary.row.own_courses");
        let rows: Vec<Bar> = self
            .summary
            .trainings
            .by_partner
            .iter()
            .filter(|p| p.figures.seats > 0)
            .map(|p| (p.partner.clone().unwrap_or_else(|| own.clone()), p.figures.completion_rate, BAR))
            .collect();
        let caption = t(lang, "summary.chart.trainings", &[("year", &self.summary.year.to_string())]);
        self.bar_chart(&caption, &rows, &move |v| format!("{} %", i18n::format_decimal(lang, v)));
    }

    fn events(&mut self) {
        let lang = self.lang;
        let countries = self.summary.events.by_country.len() as f32;
        self.section("summary.section.events", 70.0 + 7.0 * countries.min(12.0));
        let part = self.part(PartKey::Events);
        self.table(&part.table, part.note.as_deref(), true);
        let rows: Vec<Bar> = self
            .summary
            .events
            .by_country
            .iter()
            .map(|c| (crate::reports::event_docs::country_name(lang, &c.country), c.count, BAR))
            .collect();
        let caption = t(lang, "summary.chart.event_countries", &[("year", &self.summary.year.to_string())]);
        self.bar_chart(&caption, &rows, &move |v| i18n::format_integer(lang, v));
        let part = self.part(PartKey::EventCountries);
        self.table(&part.table, part.note.as_deref(), true);
    }

    fn fees(&mut self) {
        let lang = self.lang;
        self.section("summary.section.fees", 95.0);
        let f = self.summary.fees;
        let caption = t(lang, "summary.chart.fees", &[("year", &self.summary.year.to_string())]);
        self.ensure(40.0);
        self.subheading(&caption);
        self.y += 3.0;
        let (left, width) = (self.left(), self.width());
        let bar_h = 9.0;
        if f.due_bani > 0 {
            let paid_part = (f.due_bani - f.outstanding_bani).max(0) as f32 / f.due_bani as f32;
            let paid_w = width * paid_part;
            self.doc.rect(left, self.y, paid_w, bar_h, Paint::fill(BAR));
            self.doc.rect(left + paid_w, self.y, width - paid_w, bar_h, Paint::fill(OUTSTANDING));
            let inside = TextStyle::new(9.0).bold().colour(Colour::WHITE);
            let pct = |part: i64| format!("{} %", i18n::format_decimal(lang, super::compute::rate(part, f.due_bani)));
            let paid_label = pct(f.due_bani - f.outstanding_bani);
            let owed_label = pct(f.outstanding_bani);
            let baseline = self.y + bar_h / 2.0 + 0.32 * 9.0 * MM_PER_PT;
            if text_width(&paid_label, 9.0, true) + 4.0 < paid_w {
                self.doc.text(left + 2.5, baseline, &paid_label, &inside);
            }
            if text_width(&owed_label, 9.0, true) + 4.0 < width - paid_w {
                self.doc.text(left + width - 2.5, baseline, &owed_label, &inside.right());
            }
            self.y += bar_h + 5.0;
            // The legend, with the amounts.
            let legend = TextStyle::new(8.5).colour(Colour::TEXT);
            let mut x = left;
            for (colour, key, amount) in [
                (BAR, "summary.chart.paid", f.paid_bani),
                (OUTSTANDING, "summary.chart.outstanding", f.outstanding_bani),
            ] {
                self.doc.rect(x, self.y - 2.6, 3.2, 3.2, Paint::fill(colour));
                let text = format!("{}: {}", self.tr(key), i18n::format_money(lang, amount));
                self.doc.text(x + 5.0, self.y, &text, &legend);
                x += 5.0 + text_width(&text, legend.size, false) + 10.0;
            }
            self.y += 8.0;
        } else {
            self.doc.text(
                left,
                self.y + 4.0,
                &self.tr("summary.chart.empty"),
                &TextStyle::new(9.0).colour(Colour::MUTED),
            );
            self.y += 10.0;
        }
        let part = self.part(PartKey::Fees);
        self.table(&part.table, part.note.as_deref(), true);
    }
}

impl Report<'_> {
    /// Requests by topic (with a chart of the hours by topic), hours by cluster, introductions,
    /// projects and positions: the tables every format shares.
    fn services(&mut self) {
        let lang = self.lang;
        let topics = self.summary.services.requests_by_topic.len();
        self.section("summary.section.services", 60.0 + 7.0 * topics as f32);
        let part = self.part(PartKey::ServiceRequests);
        self.table(&part.table, part.note.as_deref(), true);
        let rows: Vec<Bar> = self
            .summary
            .services
            .requests_by_topic
            .iter()
            .filter(|r| r.figures.received > 0)
            .map(|r| (self.tr(&format!("request.topic.{}", r.topic.code())), r.figures.received, BAR))
            .collect();
        let caption = t(lang, "summary.chart.requests", &[("year", &self.summary.year.to_string())]);
        self.bar_chart(&caption, &rows, &self.integer());
        for key in [PartKey::ServiceHours, PartKey::Introductions, PartKey::Projects, PartKey::Positions] {
            let part = self.part(key);
            self.ensure(30.0);
            self.table(&part.table, part.note.as_deref(), true);
        }
    }
}

/// Column widths for a table `width` mm wide: each number column at least as wide as its values
/// and the longest word of its header, growing towards an even share (at most 34 mm) when there is
/// room; the first column gets the rest. When the columns need more than the page has (text
/// columns, e.g. the positions sent), every column keeps its longest word — a date or a name is
/// never broken inside — and the room left is shared in proportion to what each needs beyond it.
fn column_widths(headers: &[String], rows: &[Vec<String>], width: f32, layout: &TableLayout) -> Vec<f32> {
    let pad = 2.0 * layout.padding + 1.0;
    let widest_word = |text: &str, size: f32, bold: bool| {
        text.split_whitespace().map(|w| text_width(w, size, bold)).fold(0.0_f32, f32::max)
    };
    let header = |i: usize| headers.get(i).map(|h| widest_word(h, layout.header_size, true)).unwrap_or(0.0);
    let cells = |i: usize| rows.iter().filter_map(move |r| r.get(i));
    let need = |i: usize| -> f32 {
        header(i).max(cells(i).map(|c| text_width(c, layout.size, false)).fold(0.0_f32, f32::max)) + pad
    };
    let least = |i: usize| -> f32 {
        header(i).max(cells(i).map(|c| widest_word(c, layout.size, false)).fold(0.0_f32, f32::max)) + pad
    };
    let columns = headers.len().max(1);
    let first_need = need(0).clamp(36.0, width * 0.5);
    let mut numbers: Vec<f32> = (1..columns).map(need).collect();
    let total: f32 = numbers.iter().sum();
    if total > width - first_need {
        let least: Vec<f32> = (0..columns).map(least).collect();
        let want: Vec<f32> = (0..columns).map(|i| if i == 0 { need(0).max(least[0]) } else { numbers[i - 1] }).collect();
        let floor: f32 = least.iter().sum();
        if floor >= width {
            return least.iter().map(|w| w * width / floor).collect();
        }
        let beyond: f32 = want.iter().zip(&least).map(|(w, l)| w - l).sum();
        let share = if beyond > 0.0 { (width - floor) / beyond } else { 0.0 };
        let mut widths: Vec<f32> = want.iter().zip(&least).map(|(w, l)| l + (w - l) * share.min(1.0)).collect();
        widths[0] += width - widths.iter().sum::<f32>();
        return widths;
    } else if !numbers.is_empty() {
        // Water-filling: the narrow columns grow to a common width `level`, no wider than 34 mm,
        // while the first column keeps what it needs.
        let room = width - first_need;
        let used = |level: f32| numbers.iter().map(|w| w.max(level)).sum::<f32>();
        let (mut low, mut high) = (0.0_f32, 34.0_f32);
        if used(high) <= room {
            low = high;
        } else {
            for _ in 0..40 {
                let mid = (low + high) / 2.0;
                if used(mid) <= room { low = mid } else { high = mid }
            }
        }
        numbers.iter_mut().for_each(|w| *w = w.max(low));
    }
    let first = width - numbers.iter().sum::<f32>();
    std::iter::once(first).chain(numbers).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowded_table_breaks_no_date_or_word() {
        let layout = TableLayout::new(0.0, Vec::new());
        let headers: Vec<String> =
            ["Subiect", "Instituție", "Transmisă la", "Rezultat", "Membri consultați"].map(String::from).to_vec();
        let long = "Proiect de hotărâre privind schema de ajutor de stat pentru clustere și ecosisteme de inovare";
        let rows = vec![
            vec![long.into(), "Parlamentul României".into(), "24.02.2026".into(), "Preluată parțial în textul final".into(), "12".into()],
            vec!["Strategia națională de specializare inteligentă".into(), "Comisia Europeană".into(), "03.11.2025".into(), "În așteptare".into(), "7".into()],
        ];
        let width = 170.0;
        let widths = column_widths(&headers, &rows, width, &layout);
        assert!((widths.iter().sum::<f32>() - width).abs() < 0.01, "{widths:?} fill the width");
        let pad = 2.0 * layout.padding + 1.0;
        for (i, word) in [(2, "24.02.2026"), (1, "Parlamentul"), (3, "textul"), (0, "inteligentă")] {
            assert!(widths[i] >= text_width(word, layout.size, false) + pad - 0.01, "column {i} keeps {word:?} whole: {widths:?}");
        }
    }
}
