//! A small layout toolkit over printpdf 0.12 that every ClusterDesk PDF uses.
//!
//! Everything is measured in millimetres from the **top-left** corner of the page (printpdf's own
//! origin is bottom-left, in points; [`Document`] converts). Font sizes and line widths are in
//! points, as in any word processor.
//!
//! Text is set in the bundled DejaVu Sans / DejaVu Sans Bold (`assets/fonts/`), which cover
//! Romanian (ș ț ă â î, comma-below forms included). printpdf embeds them as subsets with a
//! ToUnicode map, so text copied out of the PDF (or read by `pdftotext`) is the text put in.
//!
//! A document is laid out completely first and saved by [`Document::finish`], which adds the
//! footers ("Pagina 2 din 5" and the date the document was made): the page total is only known
//! once everything is laid out.
//!
//! ```ignore
//! let mut doc = Document::new("Listă de prezență", Lang::Ro, today);
//! doc.add_page(PageSize::A4Portrait);
//! let y = doc.margins().top;
//! doc.text(doc.margins().left, y + 6.0, "Titlu", &TextStyle::new(16.0).bold());
//! let bytes = doc.finish()?;
//! ```

use std::sync::LazyLock;

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{self, Lang};

/// Millimetres in one typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

static REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf");

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// Parsed once per process: parsing DejaVu Sans takes a few milliseconds, documents are many.
static FONTS: LazyLock<Fonts> =
    LazyLock::new(|| Fonts { regular: parse_font(REGULAR_TTF), bold: parse_font(BOLD_TTF) });

fn parse_font(bytes: &[u8]) -> ParsedFont {
    // The fonts are part of the build; a font that does not parse is a build bug.
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).expect("the bundled DejaVu fonts parse")
}

fn font(bold: bool) -> &'static ParsedFont {
    if bold { &FONTS.bold } else { &FONTS.regular }
}

// ---------------------------------------------------------------------------------------------
// Colours, styles, page sizes
// ---------------------------------------------------------------------------------------------

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    /// `Colour::hex(0x1f4e79)`.
    pub const fn hex(rgb: u32) -> Colour {
        Colour { r: (rgb >> 16) as u8, g: (rgb >> 8) as u8, b: rgb as u8 }
    }

    pub const BLACK: Colour = Colour::hex(0x000000);
    pub const WHITE: Colour = Colour::hex(0xffffff);
    /// Body text: a very dark grey, softer than black on paper.
    pub const TEXT: Colour = Colour::hex(0x1d232b);
    /// Labels, captions, footers.
    pub const MUTED: Colour = Colour::hex(0x5b6673);
    /// Table rules and hairlines.
    pub const RULE: Colour = Colour::hex(0x8d98a5);
    /// The app's deep blue.
    pub const DEEP_BLUE: Colour = Colour::hex(0x1f4e79);
    /// The app's gold accent.
    pub const GOLD: Colour = Colour::hex(0xe0a526);
    /// The light fill behind table headers.
    pub const HEADER_FILL: Colour = Colour::hex(0xe3ebf4);

    fn to_pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.r) / 255.0,
            g: f32::from(self.g) / 255.0,
            b: f32::from(self.b) / 255.0,
            icc_profile: None,
        })
    }
}

/// Page formats, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    A4Portrait,
    A4Landscape,
}

impl PageSize {
    pub fn width(self) -> f32 {
        match self {
            PageSize::A4Portrait => 210.0,
            PageSize::A4Landscape => 297.0,
        }
    }

    pub fn height(self) -> f32 {
        match self {
            PageSize::A4Portrait => 297.0,
            PageSize::A4Landscape => 210.0,
        }
    }
}

/// Page margins in millimetres. The footer sits inside the bottom margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    fn default() -> Self {
        Margins { top: 16.0, right: 18.0, bottom: 20.0, left: 18.0 }
    }
}

/// Horizontal alignment of a text relative to its anchor or its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Centre,
    Right,
}

/// How text looks: size in points, weight, colour, alignment and line height (a multiple of the
/// size, for wrapped text).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size: f32,
    pub bold: bool,
    pub colour: Colour,
    pub align: Align,
    pub line_height: f32,
}

impl TextStyle {
    pub fn new(size: f32) -> TextStyle {
        TextStyle { size, bold: false, colour: Colour::TEXT, align: Align::Left, line_height: 1.3 }
    }

    pub fn bold(mut self) -> TextStyle {
        self.bold = true;
        self
    }

    pub fn colour(mut self, colour: Colour) -> TextStyle {
        self.colour = colour;
        self
    }

    pub fn align(mut self, align: Align) -> TextStyle {
        self.align = align;
        self
    }

    pub fn centred(self) -> TextStyle {
        self.align(Align::Centre)
    }

    pub fn right(self) -> TextStyle {
        self.align(Align::Right)
    }

    pub fn line_height(mut self, factor: f32) -> TextStyle {
        self.line_height = factor;
        self
    }

    /// The height of one line of this style, in millimetres.
    pub fn line_mm(&self) -> f32 {
        self.size * self.line_height * MM_PER_PT
    }

    /// Where the baseline sits below the top of a line box of height `line_mm`: capitals and
    /// lowercase letters come out visually centred in the box.
    pub fn baseline_in(&self, line_mm: f32) -> f32 {
        line_mm / 2.0 + 0.32 * self.size * MM_PER_PT
    }
}

/// Fill and/or stroke of a shape; the stroke width is in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub fill: Option<Colour>,
    pub stroke: Option<(Colour, f32)>,
}

impl Paint {
    pub fn fill(colour: Colour) -> Paint {
        Paint { fill: Some(colour), stroke: None }
    }

    pub fn stroke(colour: Colour, width_pt: f32) -> Paint {
        Paint { fill: None, stroke: Some((colour, width_pt)) }
    }

    pub fn fill_stroke(fill: Colour, stroke: Colour, width_pt: f32) -> Paint {
        Paint { fill: Some(fill), stroke: Some((stroke, width_pt)) }
    }

    fn mode(&self) -> Option<PaintMode> {
        match (self.fill, self.stroke) {
            (Some(_), Some(_)) => Some(PaintMode::FillStroke),
            (Some(_), None) => Some(PaintMode::Fill),
            (None, Some(_)) => Some(PaintMode::Stroke),
            (None, None) => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Measuring and wrapping
// ---------------------------------------------------------------------------------------------

/// Text as it goes on the page: NFC (a name typed as `s` + combining comma becomes `ș`, which
/// the font has as one glyph), control characters (tabs, stray newlines) as spaces.
fn clean_line(text: &str) -> String {
    text.nfc().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The width of `text` on one line, in millimetres, from the font's glyph advances (printpdf
/// writes one glyph per character, unkerned, so this is exactly what the page shows).
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let font = font(bold);
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let units: u32 = text
        .nfc()
        .map(|c| u32::from(font.get_horizontal_advance(font.lookup_glyph_index(c as u32).unwrap_or(0))))
        .sum();
    units as f32 / units_per_em * size * MM_PER_PT
}

/// `text` broken into lines no wider than `width` mm: at spaces, after the hyphens and slashes
/// inside a word (double-barrelled names, "Agro-Food"), at explicit newlines, and anywhere inside
/// a word only when a piece of it is wider than the line. An empty text is one empty line.
pub fn wrap_text(text: &str, width: f32, size: f32, bold: bool) -> Vec<String> {
    let text: String = text.nfc().collect();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for (piece, spaced) in break_pieces(paragraph) {
            let joiner = if spaced && !line.is_empty() { " " } else { "" };
            let candidate = format!("{line}{joiner}{piece}");
            if text_width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if text_width(piece, size, bold) <= width {
                line = piece.to_string();
                continue;
            }
            // A piece wider than the line (a long e-mail address, a URL): break it anywhere.
            for c in piece.chars() {
                line.push(c);
                if text_width(&line, size, bold) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        lines.push(clean_line(&line));
    }
    lines
}

/// The pieces a line may break between: words, and the parts of a word after a hyphen or a
/// slash; `true` when the piece follows a space.
fn break_pieces(paragraph: &str) -> Vec<(&str, bool)> {
    let mut pieces = Vec::new();
    for word in paragraph.split_whitespace() {
        let mut start = 0;
        for (i, c) in word.char_indices() {
            let end = i + c.len_utf8();
            if matches!(c, '-' | '/') && end < word.len() && i > start {
                pieces.push((&word[start..end], start == 0));
                start = end;
            }
        }
        pieces.push((&word[start..], start == 0));
    }
    pieces
}

/// `text` shortened with "…" so that it fits in `width` mm on one line.
pub fn ellipsize(text: &str, width: f32, size: f32, bold: bool) -> String {
    let text = clean_line(text);
    if text_width(&text, size, bold) <= width {
        return text;
    }
    let mut out: String = text.clone();
    while !out.is_empty() {
        out.pop();
        let candidate = format!("{}…", out.trim_end());
        if text_width(&candidate, size, bold) <= width {
            return candidate;
        }
    }
    String::new()
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

/// One column of a [`TableLayout`]: its header, width in mm, and the alignment of its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumn {
    pub header: String,
    pub width: f32,
    pub align: Align,
}

impl TableColumn {
    pub fn new(header: impl Into<String>, width: f32) -> TableColumn {
        TableColumn { header: header.into(), width, align: Align::Left }
    }

    pub fn align(mut self, align: Align) -> TableColumn {
        self.align = align;
        self
    }
}

/// How a table is drawn by [`Document::table`].
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    /// Left edge of the table, mm.
    pub x: f32,
    pub columns: Vec<TableColumn>,
    /// Body text size, pt.
    pub size: f32,
    /// Header text size, pt (the header is bold).
    pub header_size: f32,
    /// Space between a cell's text and its edges, mm.
    pub padding: f32,
    /// Rows are at least this tall, mm (e.g. room for a signature).
    pub min_row_height: f32,
    pub header_fill: Colour,
    /// A fill for every other body row, if any.
    pub stripe: Option<Colour>,
    pub rule: Colour,
    /// Vertical rules between the columns and a frame around the table (a full grid), instead of
    /// horizontal row lines only.
    pub grid: bool,
    /// Room (mm) that must stay free below the last row on its page, for what follows the table
    /// (a signature, a total): the last row moves to a new page rather than leaving what follows
    /// alone on a page of its own.
    pub keep_after: f32,
}

impl TableLayout {
    pub fn new(x: f32, columns: Vec<TableColumn>) -> TableLayout {
        TableLayout {
            x,
            columns,
            size: 9.5,
            header_size: 9.0,
            padding: 1.8,
            min_row_height: 7.0,
            header_fill: Colour::HEADER_FILL,
            stripe: None,
            rule: Colour::RULE,
            grid: false,
            keep_after: 0.0,
        }
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    fn body_style(&self) -> TextStyle {
        TextStyle::new(self.size).line_height(1.25)
    }

    fn header_style(&self) -> TextStyle {
        TextStyle::new(self.header_size).bold().line_height(1.2)
    }

    /// The lines of each cell of a row, and the row's height.
    fn layout_row(&self, cells: &[String], style: &TextStyle) -> (Vec<Vec<String>>, f32) {
        let lines: Vec<Vec<String>> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                wrap_text(text, (column.width - 2.0 * self.padding).max(1.0), style.size, style.bold)
            })
            .collect();
        let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = (most as f32 * style.line_mm() + 2.0 * self.padding).max(self.min_row_height);
        (lines, height)
    }
}

// ---------------------------------------------------------------------------------------------
// The document
// ---------------------------------------------------------------------------------------------

struct PageBuf {
    size: PageSize,
    ops: Vec<Op>,
    /// Pages are numbered within their section ("Pagina 1 din 2" restarts in each section).
    section: usize,
}

/// A PDF being laid out. Drawing goes to the current page (the last one added).
pub struct Document {
    doc: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<PageBuf>,
    /// The page drawing goes to.
    current: usize,
    lang: Lang,
    made_on: NaiveDate,
    margins: Margins,
    footer: bool,
    footer_note: Option<String>,
    section: usize,
}

impl Document {
    /// A new, empty document: `title` is its metadata title, `lang` the language of the footer,
    /// `made_on` the date printed in the footer and stored as the creation date.
    pub fn new(title: &str, lang: Lang, made_on: NaiveDate) -> Document {
        let mut doc = PdfDocument::new(&clean_line(title));
        let regular = doc.add_font(&FONTS.regular);
        let bold = doc.add_font(&FONTS.bold);
        let info = &mut doc.metadata.info;
        info.creator = "ClusterDesk".into();
        info.producer = "ClusterDesk (printpdf)".into();
        info.author = "CLUSTERO".into();
        if let Some(midnight) = made_on.and_hms_opt(0, 0, 0)
            && let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(midnight.and_utc().timestamp())
        {
            info.creation_date = date;
            info.modification_date = date;
            info.metadata_date = date;
        }
        Document {
            doc,
            regular,
            bold,
            pages: Vec::new(),
            current: 0,
            lang,
            made_on,
            margins: Margins::default(),
            footer: true,
            footer_note: None,
            section: 0,
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn made_on(&self) -> NaiveDate {
        self.made_on
    }

    pub fn margins(&self) -> Margins {
        self.margins
    }

    pub fn set_margins(&mut self, margins: Margins) {
        self.margins = margins;
    }

    /// Whether [`Document::finish`] adds the page-number footer (on by default; a certificate
    /// turns it off).
    pub fn set_footer(&mut self, on: bool) {
        self.footer = on;
    }

    /// A short text for the middle of the footer (e.g. the course a sheet belongs to).
    pub fn set_footer_note(&mut self, note: Option<String>) {
        self.footer_note = note;
    }

    /// Starts a new page, which becomes the current one.
    pub fn add_page(&mut self, size: PageSize) {
        self.pages.push(PageBuf { size, ops: Vec::new(), section: self.section });
        self.current = self.pages.len() - 1;
    }

    /// The next page starts a new numbering: in a document holding one attendance sheet per day,
    /// each sheet's pages read "Pagina 1 din 2", "Pagina 2 din 2".
    pub fn start_section(&mut self) {
        if self.pages.last().is_some_and(|p| p.section == self.section) {
            self.section += 1;
        }
    }

    /// Makes page `index` (0-based) the current page again, e.g. to fill in a summary on the
    /// first page once the rest is laid out.
    pub fn go_to_page(&mut self, index: usize) {
        if index < self.pages.len() {
            self.current = index;
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The size of the current page (A4 portrait before any page is added).
    pub fn page_size(&self) -> PageSize {
        self.pages.get(self.current).map(|p| p.size).unwrap_or(PageSize::A4Portrait)
    }

    /// The width between the left and right margins.
    pub fn content_width(&self) -> f32 {
        self.page_size().width() - self.margins.left - self.margins.right
    }

    /// The lowest y content may reach on the current page (the footer lives below it).
    pub fn content_bottom(&self) -> f32 {
        self.page_size().height() - self.margins.bottom
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.add_page(PageSize::A4Portrait);
        }
        &mut self.pages[self.current].ops
    }

    /// A point `x` mm from the left and `y` mm from the top of the current page, in PDF space.
    pub fn point(&self, x: f32, y: f32) -> Point {
        Point::new(Mm(x), Mm(self.page_size().height() - y))
    }

    // --- text ---------------------------------------------------------------------------------

    /// One line of text whose baseline is `y` mm from the top. `x` is where the text starts
    /// ([`Align::Left`]), its centre ([`Align::Centre`]) or where it ends ([`Align::Right`]).
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle) {
        let text = clean_line(text);
        if text.trim().is_empty() {
            return;
        }
        let width = text_width(&text, style.size, style.bold);
        let left = match style.align {
            Align::Left => x,
            Align::Centre => x - width / 2.0,
            Align::Right => x - width,
        };
        let pos = self.point(left, y);
        let font = if style.bold { self.bold.clone() } else { self.regular.clone() };
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) },
            Op::SetFillColor { col: style.colour.to_pdf() },
            Op::SetTextCursor { pos },
            Op::ShowText { items: vec![TextItem::Text(text)] },
            Op::EndTextSection,
        ]);
    }

    /// One line of text aligned within the box from `x` to `x + width` (baseline `y`).
    pub fn text_in(&mut self, x: f32, width: f32, y: f32, text: &str, style: &TextStyle) {
        let anchor = match style.align {
            Align::Left => x,
            Align::Centre => x + width / 2.0,
            Align::Right => x + width,
        };
        self.text(anchor, y, text, style);
    }

    /// The height in mm that [`Document::paragraph`] would use.
    pub fn measure_paragraph(&self, width: f32, text: &str, style: &TextStyle) -> f32 {
        wrap_text(text, width, style.size, style.bold).len() as f32 * style.line_mm()
    }

    /// `text` word-wrapped into the box `width` mm wide whose top is `y`; returns the height used.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, text: &str, style: &TextStyle) -> f32 {
        let lines = wrap_text(text, width, style.size, style.bold);
        let line_mm = style.line_mm();
        for (i, line) in lines.iter().enumerate() {
            let baseline = y + i as f32 * line_mm + style.baseline_in(line_mm);
            self.text_in(x, width, baseline, line, style);
        }
        lines.len() as f32 * line_mm
    }

    // --- graphics -----------------------------------------------------------------------------

    fn set_stroke(&mut self, colour: Colour, width_pt: f32) {
        self.ops().extend([Op::SetOutlineColor { col: colour.to_pdf() }, Op::SetOutlineThickness { pt: Pt(width_pt) }]);
    }

    /// A straight line from (x1, y1) to (x2, y2).
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, colour: Colour, width_pt: f32) {
        self.polyline(&[(x1, y1), (x2, y2)], colour, width_pt);
    }

    /// A horizontal line at `y` from `x1` to `x2`.
    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, colour: Colour, width_pt: f32) {
        self.line(x1, y, x2, y, colour, width_pt);
    }

    /// An open line through `points` (a chart's data series, a radar outline …).
    pub fn polyline(&mut self, points: &[(f32, f32)], colour: Colour, width_pt: f32) {
        if points.len() < 2 {
            return;
        }
        let points = self.line_points(points);
        self.set_stroke(colour, width_pt);
        self.ops().push(Op::DrawLine { line: Line { points, is_closed: false } });
    }

    /// A closed polygon through `points` (bars, radar areas, ornaments).
    pub fn polygon(&mut self, points: &[(f32, f32)], paint: Paint) {
        let Some(mode) = paint.mode() else { return };
        if points.len() < 3 {
            return;
        }
        let points = self.line_points(points);
        self.apply_paint(paint);
        self.ops().push(Op::DrawPolygon {
            polygon: Polygon { rings: vec![PolygonRing { points }], mode, winding_order: WindingOrder::NonZero },
        });
    }

    /// A rectangle whose top-left corner is (x, y).
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, paint: Paint) {
        let Some(mode) = paint.mode() else { return };
        let lower_left = self.point(x, y + height);
        self.apply_paint(paint);
        self.ops().push(Op::DrawRectangle {
            rectangle: Rect {
                x: lower_left.x,
                y: lower_left.y,
                width: Mm(width).into(),
                height: Mm(height).into(),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    fn apply_paint(&mut self, paint: Paint) {
        if let Some(fill) = paint.fill {
            self.ops().push(Op::SetFillColor { col: fill.to_pdf() });
        }
        if let Some((colour, width)) = paint.stroke {
            self.set_stroke(colour, width);
        }
    }

    fn line_points(&self, points: &[(f32, f32)]) -> Vec<LinePoint> {
        points.iter().map(|&(x, y)| LinePoint { p: self.point(x, y), bezier: false }).collect()
    }

    // --- tables -------------------------------------------------------------------------------

    /// Draws `rows` (one string per column; wrapped within the cell) as a table whose top is at
    /// `y`, with a bold header row on a light fill. When a row does not fit above the bottom
    /// margin, a new page of the same size is added, `continuation` draws whatever goes on top of
    /// it and returns the y where the table continues, and the header row is repeated there.
    /// Returns the y just below the table.
    pub fn table(
        &mut self,
        layout: &TableLayout,
        rows: &[Vec<String>],
        y: f32,
        continuation: &mut dyn FnMut(&mut Document) -> f32,
    ) -> f32 {
        let header_style = layout.header_style();
        let body_style = layout.body_style();
        let headers: Vec<String> = layout.columns.iter().map(|c| c.header.clone()).collect();
        let (header_lines, header_height) = layout.layout_row(&headers, &header_style);
        let header_height = header_height.max(header_style.line_mm() + 2.0 * layout.padding);

        let mut y = y;
        let mut rows_on_page = 0usize;
        // The header only goes down together with at least one row.
        let first_row_height = rows.first().map(|r| layout.layout_row(r, &body_style).1).unwrap_or(0.0);
        if y + header_height + first_row_height > self.content_bottom() {
            self.add_page(self.page_size());
            y = continuation(self);
        }
        let mut page_top = y;
        self.table_header(layout, &header_lines, header_height, y);
        y += header_height;

        for (index, row) in rows.iter().enumerate() {
            let (mut lines, mut height) = layout.layout_row(row, &body_style);
            let reserve = if index + 1 == rows.len() { layout.keep_after } else { 0.0 };
            if y + height + reserve > self.content_bottom() && rows_on_page > 0 {
                self.table_frame(layout, page_top, y);
                self.add_page(self.page_size());
                y = continuation(self);
                page_top = y;
                rows_on_page = 0;
                self.table_header(layout, &header_lines, header_height, y);
                y += header_height;
            }
            // A single row taller than a whole page: keep the lines that fit.
            let room = self.content_bottom() - y;
            if height > room {
                let keep = (((room - 2.0 * layout.padding) / body_style.line_mm()).floor() as usize).max(1);
                for cell in &mut lines {
                    cell.truncate(keep);
                }
                height = room.max(layout.min_row_height);
            }
            if let Some(stripe) = layout.stripe
                && index % 2 == 1
            {
                self.rect(layout.x, y, layout.width(), height, Paint::fill(stripe));
            }
            self.table_cells(layout, &lines, &body_style, y, height);
            y += height;
            self.hline(layout.x, layout.x + layout.width(), y, layout.rule, 0.5);
            rows_on_page += 1;
        }
        self.table_frame(layout, page_top, y);
        y
    }

    fn table_header(&mut self, layout: &TableLayout, lines: &[Vec<String>], height: f32, y: f32) {
        self.rect(layout.x, y, layout.width(), height, Paint::fill(layout.header_fill));
        self.table_cells(layout, lines, &layout.header_style(), y, height);
        self.hline(layout.x, layout.x + layout.width(), y, layout.rule, 0.8);
        self.hline(layout.x, layout.x + layout.width(), y + height, layout.rule, 0.8);
    }

    fn table_cells(&mut self, layout: &TableLayout, lines: &[Vec<String>], style: &TextStyle, y: f32, height: f32) {
        let line_mm = style.line_mm();
        let mut x = layout.x;
        for (column, cell) in layout.columns.iter().zip(lines) {
            let block = cell.len() as f32 * line_mm;
            let top = y + (height - block) / 2.0;
            let style = style.align(column.align);
            for (i, line) in cell.iter().enumerate() {
                let baseline = top + i as f32 * line_mm + style.baseline_in(line_mm);
                self.text_in(x + layout.padding, column.width - 2.0 * layout.padding, baseline, line, &style);
            }
            x += column.width;
        }
    }

    /// The vertical rules and the frame of the part of a table between `top` and `bottom`.
    fn table_frame(&mut self, layout: &TableLayout, top: f32, bottom: f32) {
        if !layout.grid || bottom <= top {
            return;
        }
        let mut x = layout.x;
        self.line(x, top, x, bottom, layout.rule, 0.8);
        for (i, column) in layout.columns.iter().enumerate() {
            x += column.width;
            let width = if i + 1 == layout.columns.len() { 0.8 } else { 0.5 };
            self.line(x, top, x, bottom, layout.rule, width);
        }
        self.hline(layout.x, layout.x + layout.width(), bottom, layout.rule, 0.8);
    }

    // --- saving -------------------------------------------------------------------------------

    fn add_footers(&mut self) {
        let lang = self.lang;
        let made = i18n::t(lang, "report.generated_on", &[("date", &i18n::format_date(lang, self.made_on))]);
        let sections: Vec<usize> = self.pages.iter().map(|p| p.section).collect();
        let style = TextStyle::new(7.5).colour(Colour::MUTED);
        let note = self.footer_note.clone();
        for index in 0..self.pages.len() {
            let section = sections[index];
            let total = sections.iter().filter(|&&s| s == section).count();
            let number = sections[..=index].iter().filter(|&&s| s == section).count();
            let page_of =
                i18n::t(lang, "report.page_of", &[("page", &number.to_string()), ("pages", &total.to_string())]);
            self.current = index;
            let (left, right) = (self.margins.left, self.page_size().width() - self.margins.right);
            let rule_y = self.page_size().height() - self.margins.bottom + 7.0;
            let baseline = rule_y + 4.0;
            self.hline(left, right, rule_y, Colour::hex(0xc5ccd4), 0.5);
            self.text(left, baseline, &made, &style);
            if let Some(note) = &note {
                let sides = text_width(&page_of, style.size, false).max(text_width(&made, style.size, false));
                let room = right - left - 2.0 * sides - 8.0;
                let note = ellipsize(note, room.max(10.0), style.size, false);
                self.text((left + right) / 2.0, baseline, &note, &style.centred());
            }
            self.text(right, baseline, &page_of, &style.right());
        }
    }

    /// Adds the footers and returns the PDF's bytes (fonts embedded as subsets).
    pub fn finish(mut self) -> crate::Result<Vec<u8>> {
        if self.pages.is_empty() {
            self.add_page(PageSize::A4Portrait);
        }
        if self.footer {
            self.add_footers();
        }
        let pages = std::mem::take(&mut self.pages)
            .into_iter()
            .map(|p| PdfPage::new(Mm(p.size.width()), Mm(p.size.height()), p.ops))
            .collect();
        self.doc.with_pages(pages);
        let options = PdfSaveOptions { subset_fonts: true, ..PdfSaveOptions::default() };
        let mut warnings = Vec::new();
        let bytes = self.doc.save(&options, &mut warnings);
        if let Some(error) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
            return Err(std::io::Error::other(format!("PDF: {}", error.msg)).into());
        }
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::testing::{inspect_pdf, ro_date};

    #[test]
    fn measures_with_the_fonts_advances() {
        // DejaVu Sans: "M" is 1767/2048 em; bold is wider than regular.
        let m = text_width("M", 10.0, false);
        assert!((m - 1767.0 / 2048.0 * 10.0 * MM_PER_PT).abs() < 1e-4, "{m}");
        assert!(text_width("Șerbănescu", 10.0, true) > text_width("Șerbănescu", 10.0, false));
        assert_eq!(text_width("", 10.0, false), 0.0);
        // Decomposed input measures like the composed text it becomes.
        assert!((text_width("s\u{326}", 10.0, false) - text_width("ș", 10.0, false)).abs() < 1e-6);
    }

    #[test]
    fn wraps_at_spaces_and_inside_overlong_words() {
        let lines = wrap_text("Asociația Clusterelor din România", 30.0, 10.0, false);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 30.0));
        assert_eq!(lines.join(" "), "Asociația Clusterelor din România");
        let long = wrap_text("foarte-lung-cuvant-fara-spatii@exemplu-de-domeniu.ro", 20.0, 10.0, false);
        assert!(long.len() > 2 && long.iter().all(|l| text_width(l, 10.0, false) <= 20.0));
        assert_eq!(long.concat(), "foarte-lung-cuvant-fara-spatii@exemplu-de-domeniu.ro");
        assert_eq!(wrap_text("a\nb", 50.0, 10.0, false), vec!["a", "b"]);
        assert_eq!(wrap_text("", 50.0, 10.0, false), vec![""]);
        // Hyphenated names break after a hyphen before they break anywhere.
        let name = wrap_text("Maria-Magdalena Alexandrescu-Vlădescu-Constantinescu", 45.0, 10.0, false);
        assert_eq!(name, vec!["Maria-Magdalena", "Alexandrescu-Vlădescu-", "Constantinescu"]);
    }

    #[test]
    fn ellipsizes_to_fit() {
        let short = ellipsize("Ștefan Țurcanu și colegii de la cluster", 25.0, 10.0, false);
        assert!(short.ends_with('…') && text_width(&short, 10.0, false) <= 25.0, "{short}");
        assert_eq!(ellipsize("Scurt", 50.0, 10.0, false), "Scurt");
    }

    #[test]
    fn a_toolkit_document_reads_back_with_footers_and_subset_fonts() {
        let mut doc = Document::new("Probă – țară", Lang::Ro, ro_date(2026, 11, 27));
        doc.add_page(PageSize::A4Portrait);
        let left = doc.margins().left;
        doc.text(left, 30.0, "Șase țări își împărtășesc ideile", &TextStyle::new(14.0).bold());
        doc.text(105.0, 40.0, "ĂÂÎȘȚ ăâîșț", &TextStyle::new(11.0).centred());
        doc.text(192.0, 50.0, "Aliniat la dreapta", &TextStyle::new(11.0).right());
        let height = doc.paragraph(
            left,
            60.0,
            80.0,
            &"Un paragraf lung care se rupe pe mai multe rânduri. ".repeat(4),
            &TextStyle::new(10.0),
        );
        assert!(height > 10.0);
        doc.rect(left, 100.0, 40.0, 20.0, Paint::fill_stroke(Colour::HEADER_FILL, Colour::DEEP_BLUE, 1.0));
        doc.polygon(&[(80.0, 120.0), (100.0, 100.0), (120.0, 120.0)], Paint::fill(Colour::GOLD));
        doc.polyline(&[(130.0, 120.0), (140.0, 105.0), (150.0, 112.0), (160.0, 100.0)], Colour::DEEP_BLUE, 1.2);
        doc.hline(left, 192.0, 130.0, Colour::RULE, 0.5);
        let layout = TableLayout::new(
            left,
            vec![
                TableColumn::new("Nr.", 12.0).align(Align::Right),
                TableColumn::new("Denumire", 100.0),
                TableColumn::new("Valoare", 40.0).align(Align::Right),
            ],
        );
        let rows: Vec<Vec<String>> = (1..=70)
            .map(|i| {
                vec![i.to_string(), format!("Rândul {i} – Brașov"), crate::i18n::format_money(Lang::Ro, i * 123_456)]
            })
            .collect();
        let end = doc.table(&layout, &rows, 140.0, &mut |d| d.margins().top);
        assert!(end > 0.0);
        doc.start_section();
        doc.add_page(PageSize::A4Landscape);
        doc.text(148.5, 100.0, "Secțiunea a doua", &TextStyle::new(20.0).centred());
        let pages = doc.page_count();
        assert!(pages >= 4, "{pages}");
        let bytes = doc.finish().unwrap();
        let pdf = inspect_pdf("toolkit", &bytes);
        assert_eq!(pdf.pages, pages);
        assert_eq!(pdf.title.as_deref(), Some("Probă – țară"));
        assert!(pdf.text.contains("Șase țări își împărtășesc ideile"));
        assert!(pdf.text.contains("ĂÂÎȘȚ ăâîșț"));
        assert!(pdf.text.contains("Rândul 70 – Brașov"));
        assert!(pdf.text.contains("1.234,56 lei"));
        assert!(pdf.text.contains(&format!("Pagina 1 din {}", pages - 1)));
        assert!(pdf.text.contains("Pagina 1 din 1"), "the second section is numbered on its own");
        assert!(pdf.text.contains("Document generat la 27.11.2026"));
        // The header row is repeated on every page of the table.
        assert_eq!(pdf.text.matches("Denumire").count(), pages - 1);
        pdf.assert_fonts_embedded_subsets();
    }
}
