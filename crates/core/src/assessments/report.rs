//! The printed assessment report: a cover, a summary with the radar chart of the areas against the
//! previous assessment and the national median, a table per area, the eligibility of the cluster
//! and the recommendations. [`report_data`] gathers everything from the database; [`pdf`] is a
//! pure function of it, so that the benchmark measures the drawing alone.

use std::f32::consts::PI;

use chrono::NaiveDate;
use sqlx::{Connection, Row, SqliteConnection};

use super::framework::{Direction, FrameworkDef, Indicator, IndicatorKind, Part};
use super::model::{AssessmentDetail, AssessmentStatus, HistoryPoint, NationalMedian};
use super::scoring::{IndicatorScore, Value};
use crate::clusters::LabelLevel;
use crate::eligibility::{self, Eligibility};
use crate::i18n::{self, Lang, t};
use crate::reports::pdf::{Align, Colour, Document, PageSize, Paint, TableColumn, TableLayout, TextStyle, wrap_text};
use crate::store::Store;
use crate::text::fold;
use crate::{Error, Result, files};

/// Everything the report shows.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub lang: Lang,
    pub made_on: NaiveDate,
    pub cluster: String,
    pub city: String,
    pub detail: AssessmentDetail,
    /// The latest final assessment of an earlier year.
    pub previous: Option<HistoryPoint>,
    pub national: Option<NationalMedian>,
    pub eligibility: Option<Eligibility>,
}

/// The cluster `text` names: its id, or its name (without regard to case and diacritics; a
/// unique part of the name is enough).
pub async fn resolve_cluster(store: &Store, text: &str) -> Result<i64> {
    if let Ok(id) = text.trim().parse::<i64>() {
        return Ok(id);
    }
    let rows = sqlx::query("SELECT id, name FROM clusters WHERE archived_at IS NULL").fetch_all(store.pool()).await?;
    let wanted = fold(text);
    let names: Vec<(i64, String)> = rows
        .iter()
        .filter_map(|r| Some((r.try_get("id").ok()?, fold(&r.try_get::<String, _>("name").ok()?))))
        .collect();
    if let Some((id, _)) = names.iter().find(|(_, n)| *n == wanted) {
        return Ok(*id);
    }
    let matches: Vec<i64> = names.iter().filter(|(_, n)| n.contains(&wanted)).map(|(id, _)| *id).collect();
    match matches.as_slice() {
        [id] => Ok(*id),
        [] => Err(Error::Refused {
            code: "error.assessment_cluster_not_found",
            params: [("name".to_string(), text.to_string())].into(),
        }),
        many => Err(Error::Refused {
            code: "error.assessment_cluster_ambiguous",
            params: [("name".to_string(), text.to_string()), ("count".to_string(), many.len().to_string())].into(),
        }),
    }
}

/// The clusters (not archived) that have an assessment for `year`, by name: the reports
/// `clusterdesk report assessment --all` prints.
pub async fn clusters_with_assessment(store: &Store, year: i64) -> Result<Vec<i64>> {
    store.with_connection(async |conn| clusters_with_assessment_in(conn, year).await).await
}

async fn clusters_with_assessment_in(conn: &mut SqliteConnection, year: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT c.id FROM clusters c WHERE c.archived_at IS NULL AND EXISTS \
         (SELECT 1 FROM assessments a WHERE a.cluster_id = c.id AND a.year = ? AND a.status <> 'superseded') \
         ORDER BY c.name, c.id",
    )
    .bind(year)
    .fetch_all(conn)
    .await?)
}

/// The report of the assessment of `cluster_id` for `year` (its final revision, else the draft).
pub async fn report_for(
    store: &Store,
    cluster_id: i64,
    year: i64,
    lang: Lang,
    made_on: NaiveDate,
) -> Result<ReportData> {
    read_once(store, async |conn| {
        let id = super::read::find_in(&mut *conn, cluster_id, year).await?.ok_or_else(|| Error::Refused {
            code: "error.assessment_none_for_year",
            params: [("year".to_string(), year.to_string())].into(),
        })?;
        data_in(conn, id, lang, made_on).await
    })
    .await
}

pub async fn report_data(store: &Store, id: i64, lang: Lang, made_on: NaiveDate) -> Result<ReportData> {
    read_once(store, async |conn| data_in(conn, id, lang, made_on).await).await
}

/// Everything a report shows read in one transaction (figures of one moment) on one connection,
/// given back to the pool at the end ([`Store::with_connection`]).
async fn read_once<T>(store: &Store, f: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>) -> Result<T> {
    store
        .with_connection(async |conn| {
            let mut tx = conn.begin().await?;
            let result = f(&mut tx).await?;
            tx.commit().await?;
            Ok(result)
        })
        .await
}

async fn data_in(conn: &mut SqliteConnection, id: i64, lang: Lang, made_on: NaiveDate) -> Result<ReportData> {
    let detail = super::read::get_in(&mut *conn, id).await?;
    let cluster_id = detail.row.cluster_id;
    let city: String =
        sqlx::query_scalar("SELECT city FROM clusters WHERE id = ?").bind(cluster_id).fetch_one(&mut *conn).await?;
    let comparison = super::read::compare_in(&mut *conn, cluster_id).await?;
    let previous = comparison.history.iter().filter(|h| h.year < detail.row.year).next_back().cloned();
    let eligibility = Some(eligibility::check_in(conn, cluster_id).await?);
    Ok(ReportData {
        lang,
        made_on,
        cluster: comparison.cluster,
        city,
        detail,
        previous,
        national: comparison.national,
        eligibility,
    })
}

/// `Evaluare_<cluster>_<year>.pdf`, in safe characters.
pub fn file_name(data: &ReportData) -> String {
    let label = t(data.lang, "export.file.assessment", &[]);
    files::safe_file_name(&[&label, &data.cluster, &data.detail.row.year.to_string()], "pdf")
}

// ---------------------------------------------------------------------------------------------
// Formatting

/// A score or a share with one decimal, in the language's format.
pub fn one_decimal(lang: Lang, value: f64) -> String {
    let mut text = i18n::format_decimal(lang, (value * 10.0).round() as i64 * 10);
    text.pop();
    text
}

fn number_text(lang: Lang, value: f64) -> String {
    if value.fract() == 0.0 {
        i18n::format_integer(lang, value as i64)
    } else {
        let text = i18n::format_decimal(lang, (value * 100.0).round() as i64);
        text.trim_end_matches('0').to_string()
    }
}

fn with_unit(lang: Lang, indicator: &Indicator, number: String) -> String {
    let unit = indicator.unit.get(lang);
    match unit {
        "" => number,
        "%" => format!("{number} %"),
        unit => format!("{number} {unit}"),
    }
}

/// A value as people read it: a number with its unit, Da/Nu, the option's name.
pub fn value_text(lang: Lang, indicator: &Indicator, value: Option<&Value>) -> String {
    match value {
        None => "—".into(),
        Some(Value::Number(n)) => with_unit(lang, indicator, number_text(lang, *n)),
        Some(Value::YesNo(yes)) => t(lang, if *yes { "assessment.yes" } else { "assessment.no" }, &[]),
        Some(Value::Choice(code)) => indicator
            .options
            .iter()
            .find(|o| &o.code == code)
            .map(|o| o.name.get(lang).to_string())
            .unwrap_or_else(|| code.clone()),
    }
}

/// What a points value means for the indicator (for thresholds and targets).
fn points_text(lang: Lang, indicator: &Indicator, points: f64) -> String {
    match indicator.kind {
        IndicatorKind::Number => with_unit(lang, indicator, number_text(lang, points)),
        IndicatorKind::YesNo => t(lang, "assessment.yes", &[]),
        IndicatorKind::Choice => indicator
            .options
            .iter()
            .find(|o| o.points >= points)
            .map(|o| o.name.get(lang).to_string())
            .unwrap_or_default(),
    }
}

/// "≥ 15 · 30 · 60 · 100" (≤ when less is better), "Da", or the options' names.
pub fn thresholds_text(lang: Lang, indicator: &Indicator) -> String {
    match indicator.kind {
        IndicatorKind::Number => {
            let sign = if indicator.direction == Direction::Higher { "≥" } else { "≤" };
            let steps: Vec<String> = indicator.thresholds.iter().map(|&v| number_text(lang, v)).collect();
            with_unit(lang, indicator, format!("{sign} {}", steps.join(" · ")))
        }
        _ => indicator.thresholds.iter().map(|&p| points_text(lang, indicator, p)).collect::<Vec<_>>().join(" · "),
    }
}

fn level_text(lang: Lang, level: Option<LabelLevel>) -> String {
    match level {
        Some(level) => t(lang, &format!("label.{}", level.code()), &[]),
        None => t(lang, "assessment.level.none", &[]),
    }
}

fn level_colour(level: Option<LabelLevel>) -> Colour {
    match level {
        Some(LabelLevel::Gold) => Colour::hex(0xc9971c),
        Some(LabelLevel::Silver) => Colour::hex(0x8a949e),
        Some(LabelLevel::Bronze) => Colour::hex(0xa86434),
        None => Colour::MUTED,
    }
}

/// A recommendation for an indicator short of its next threshold.
fn recommendation(lang: Lang, indicator: &Indicator, score: &IndicatorScore, value: Option<&Value>) -> Option<String> {
    let target = score.next_threshold?;
    let name = indicator.name.get(lang);
    let key = match (indicator.kind, indicator.direction) {
        (IndicatorKind::YesNo, _) => "assessment.report.recommend_yes",
        (IndicatorKind::Choice, _) => "assessment.report.recommend_choice",
        (_, Direction::Higher) => "assessment.report.recommend_raise",
        (_, Direction::Lower) => "assessment.report.recommend_lower",
    };
    let value = value_text(lang, indicator, value);
    let target = points_text(lang, indicator, target);
    // A unit ending in a dot ("nr.") meets the sentence's own full stop.
    Some(t(lang, key, &[("indicator", name), ("value", &value), ("target", &target)]).replace("..", "."))
}

// ---------------------------------------------------------------------------------------------
// The document

const BLUE_LIGHT: Colour = Colour::hex(0xd6e4f0);
const PREVIOUS: Colour = Colour::hex(0xd08a1e);
const MEDIAN: Colour = Colour::hex(0x7a8590);
const GOOD: Colour = Colour::hex(0x2e7d32);
const BAD: Colour = Colour::hex(0xa4262c);

struct Report<'a> {
    doc: Document,
    data: &'a ReportData,
    def: &'a FrameworkDef,
    y: f32,
}

/// The report as PDF bytes.
pub fn pdf(data: &ReportData) -> Result<Vec<u8>> {
    let lang = data.lang;
    let title = format!("{} – {} {}", t(lang, "assessment.report.title", &[]), data.cluster, data.detail.row.year);
    let mut doc = Document::new(&title, lang, data.made_on);
    doc.set_footer_note(Some(format!("{} · {}", data.cluster, data.detail.row.year)));
    let def = &data.detail.framework.def;
    let mut report = Report { doc, data, def, y: 0.0 };
    report.cover();
    report.summary();
    report.areas();
    if let Some(eligibility) = &data.eligibility {
        // Room for the section's tables, so that they start on a page with the running header.
        report.ensure(95.0);
        let y = report.y + 4.0;
        report.y = eligibility::pdf_section(&mut report.doc, eligibility, y);
    }
    report.recommendations();
    report.doc.finish()
}

impl Report<'_> {
    fn lang(&self) -> Lang {
        self.data.lang
    }

    fn tr(&self, key: &str) -> String {
        t(self.lang(), key, &[])
    }

    fn left(&self) -> f32 {
        self.doc.margins().left
    }

    fn width(&self) -> f32 {
        self.doc.content_width()
    }

    fn new_page(&mut self) {
        self.doc.add_page(PageSize::A4Portrait);
        self.y = running_header(&mut self.doc, &self.data.cluster, self.data.detail.row.year);
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > self.doc.content_bottom() {
            self.new_page();
        }
    }

    fn heading(&mut self, text: &str) {
        self.ensure(24.0);
        let style = TextStyle::new(15.0).bold().colour(Colour::DEEP_BLUE);
        self.y += style.line_mm();
        self.doc.text(self.left(), self.y, text, &style);
        self.doc.hline(self.left(), self.left() + 24.0, self.y + 2.5, Colour::GOLD, 1.6);
        self.y += 8.0;
    }

    fn cover(&mut self) {
        let lang = self.lang();
        let row = &self.data.detail.row;
        self.doc.add_page(PageSize::A4Portrait);
        let (page_w, left, width) = (PageSize::A4Portrait.width(), self.left(), self.width());
        let band = 118.0;
        self.doc.rect(0.0, 0.0, page_w, band, Paint::fill(Colour::DEEP_BLUE));
        self.doc.rect(0.0, band, page_w, 2.2, Paint::fill(Colour::GOLD));
        let white = TextStyle::new(12.0).bold().colour(Colour::WHITE);
        self.doc.text(left, 30.0, &t(lang, "report.association", &[]), &white);
        self.doc.hline(left, left + 30.0, 35.0, Colour::GOLD, 2.0);
        let title_style = TextStyle::new(24.0).bold().colour(Colour::WHITE).line_height(1.2);
        let used = self.doc.paragraph(left, 52.0, width, &self.tr("assessment.report.title"), &title_style);
        let name_style = TextStyle::new(17.0).colour(Colour::hex(0xf3d58c)).line_height(1.25);
        self.doc.paragraph(left, 56.0 + used, width, &self.data.cluster, &name_style);

        // The facts of the assessment, in a framed list.
        let date = NaiveDate::parse_from_str(&row.assessed_on, "%Y-%m-%d")
            .map(|d| i18n::format_date(lang, d))
            .unwrap_or_else(|_| row.assessed_on.clone());
        let status = format!(
            "{} · {}",
            self.tr(&format!("assessment.status.{}", row.status.code())),
            t(lang, "assessment.report.revision", &[("revision", &row.revision.to_string())])
        );
        let facts = [
            (
                self.tr("assessment.report.cluster"),
                format!(
                    "{}{}",
                    self.data.cluster,
                    if self.data.city.is_empty() { String::new() } else { format!(", {}", self.data.city) }
                ),
            ),
            (self.tr("assessment.report.reference_year"), row.year.to_string()),
            (self.tr("assessment.report.assessor"), row.assessor.clone()),
            (self.tr("assessment.report.assessed_on"), date),
            (self.tr("assessment.report.status"), status),
            (
                self.tr("assessment.report.framework_label"),
                t(lang, "assessment.report.framework", &[("version", &row.framework_version.to_string())]),
            ),
        ];
        let mut y = band + 20.0;
        let label = TextStyle::new(9.0).colour(Colour::MUTED);
        let value = TextStyle::new(11.5).bold();
        for (name, text) in &facts {
            self.doc.text(left, y, name, &label);
            let lines = wrap_text(text, width - 55.0, value.size, true);
            for (i, line) in lines.iter().enumerate() {
                self.doc.text(left + 55.0, y + i as f32 * value.line_mm(), line, &value);
            }
            y += 6.0 + lines.len() as f32 * value.line_mm();
            self.doc.hline(left, left + width, y - 4.5, Colour::hex(0xdde3ea), 0.5);
        }

        // The recommended level as a seal.
        let result = &self.data.detail.result;
        let (cx, cy, r) = (left + width / 2.0, y + 38.0, 24.0);
        let ring: Vec<(f32, f32)> =
            (0..48).map(|i| i as f32 * 2.0 * PI / 48.0).map(|a| (cx + r * a.cos(), cy + r * a.sin())).collect();
        self.doc.polygon(&ring, Paint::fill_stroke(Colour::WHITE, level_colour(result.level), 3.0));
        self.doc.text(
            cx,
            cy - 5.0,
            &self.tr("assessment.report.level"),
            &TextStyle::new(8.0).colour(Colour::MUTED).centred(),
        );
        self.doc.text(
            cx,
            cy + 4.0,
            &level_text(lang, result.level),
            &TextStyle::new(16.0).bold().colour(level_colour(result.level)).centred(),
        );
        let overall = format!("{} / 100", one_decimal(lang, result.overall));
        self.doc.text(cx, cy + 11.0, &overall, &TextStyle::new(9.0).centred());
        if row.status == AssessmentStatus::Draft {
            let notice = self.tr("assessment.report.draft_notice");
            self.doc.text(cx, cy + r + 10.0, &notice, &TextStyle::new(10.0).bold().colour(BAD).centred());
        }
    }

    fn summary(&mut self) {
        let lang = self.lang();
        let result = &self.data.detail.result;
        self.new_page();
        self.heading(&self.tr("assessment.report.summary"));
        // Three tiles: overall score, quality share, level.
        let (left, width) = (self.left(), self.width());
        let gap = 5.0;
        let tile_w = (width - 2.0 * gap) / 3.0;
        let quality = format!("{}/{}", result.quality_met, result.quality_total);
        let tiles = [
            (
                format!("{} / 100", one_decimal(lang, result.overall)),
                self.tr("assessment.report.overall"),
                Colour::DEEP_BLUE,
            ),
            (
                format!("{} ({} %)", quality, one_decimal(lang, result.quality_share)),
                self.tr("assessment.report.quality"),
                Colour::DEEP_BLUE,
            ),
            (level_text(lang, result.level), self.tr("assessment.report.level"), level_colour(result.level)),
        ];
        for (i, (value, label, colour)) in tiles.iter().enumerate() {
            let x = left + i as f32 * (tile_w + gap);
            self.doc.rect(
                x,
                self.y,
                tile_w,
                22.0,
                Paint::fill_stroke(Colour::hex(0xf4f7fb), Colour::hex(0xc5ccd4), 0.5),
            );
            self.doc.rect(x, self.y, tile_w, 1.2, Paint::fill(Colour::GOLD));
            self.doc.text(
                x + tile_w / 2.0,
                self.y + 11.0,
                value,
                &TextStyle::new(15.0).bold().colour(*colour).centred(),
            );
            self.doc.text(x + tile_w / 2.0, self.y + 17.5, label, &TextStyle::new(8.0).colour(Colour::MUTED).centred());
        }
        self.y += 28.0;

        // What holds the cluster below the next level.
        let next = self.next_level_text();
        let style = TextStyle::new(9.5).line_height(1.35);
        let height = self.doc.measure_paragraph(width - 10.0, &next, &style) + 6.0;
        self.doc.rect(left, self.y, width, height, Paint::fill(Colour::hex(0xfbf5e6)));
        self.doc.rect(left, self.y, 1.4, height, Paint::fill(Colour::GOLD));
        self.doc.paragraph(left + 6.0, self.y + 3.0, width - 10.0, &next, &style);
        self.y += height + 6.0;

        // Strengths and gaps side by side.
        let (strengths, gaps) = self.strengths_and_gaps();
        let column = (width - 8.0) / 2.0;
        let top = self.y;
        let mut bottom = top;
        for (i, (title, items, colour)) in
            [(self.tr("assessment.report.strengths"), strengths, GOOD), (self.tr("assessment.report.gaps"), gaps, BAD)]
                .into_iter()
                .enumerate()
        {
            let x = left + i as f32 * (column + 8.0);
            let mut y = top + 4.0;
            self.doc.text(x, y, &title, &TextStyle::new(10.5).bold().colour(colour));
            y += 3.0;
            let item = TextStyle::new(9.0).line_height(1.3);
            for text in items {
                self.doc.rect(x, y + 1.6, 1.6, 1.6, Paint::fill(colour));
                y += self.doc.paragraph(x + 4.0, y, column - 4.0, &text, &item) + 1.2;
            }
            bottom = bottom.max(y);
        }
        self.y = bottom + 6.0;
        self.radar();
    }

    fn next_level_text(&self) -> String {
        let lang = self.lang();
        let result = &self.data.detail.result;
        let levels = &self.def.levels;
        let Some(next) = result.next_level else {
            return self.tr("assessment.report.top_level");
        };
        let names = |codes: &[String]| -> String {
            let names: Vec<String> = codes
                .iter()
                .take(6)
                .filter_map(|c| self.def.indicator(c).map(|i| format!("{} ({})", i.name.get(lang), i.code)))
                .collect();
            let more = codes.len().saturating_sub(6);
            if more > 0 { format!("{}; +{more}", names.join("; ")) } else { names.join("; ") }
        };
        let level = level_text(lang, Some(next));
        let body = match next {
            LabelLevel::Bronze if !result.complete => {
                t(lang, "assessment.report.missing", &[("count", &result.missing.len().to_string())])
            }
            LabelLevel::Bronze => t(
                lang,
                "assessment.report.bronze_needs",
                &[("score", &number_text(lang, levels.bronze.min_score)), ("indicators", &names(&result.blockers))],
            ),
            LabelLevel::Silver if !result.silver.in_window => t(
                lang,
                "assessment.report.silver_no_previous",
                &[("min", &levels.silver.min_months.to_string()), ("max", &levels.silver.max_months.to_string())],
            ),
            LabelLevel::Silver => t(
                lang,
                "assessment.report.silver_needs",
                &[
                    ("share", &number_text(lang, levels.silver.min_area_quality_share)),
                    ("indicators", &names(&result.blockers)),
                ],
            ),
            LabelLevel::Gold => t(
                lang,
                "assessment.report.gold_needs",
                &[
                    ("count", &result.gold_needs.to_string()),
                    ("share", &number_text(lang, levels.gold.min_quality_share)),
                    ("indicators", &names(&result.blockers)),
                ],
            ),
        };
        format!("{} {body}", t(lang, "assessment.report.next_level", &[("level", &level)]))
    }

    /// The best and the weakest benchmarking results, weightiest first.
    fn strengths_and_gaps(&self) -> (Vec<String>, Vec<String>) {
        let lang = self.lang();
        let result = &self.data.detail.result;
        let mut scored: Vec<(&Indicator, f64)> = result
            .indicators
            .iter()
            .filter(|s| s.part == Part::Benchmarking)
            .filter_map(|s| Some((self.def.indicator(&s.code)?, s.score?)))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.weight.total_cmp(&a.0.weight)));
        let describe = |(indicator, _): &(&Indicator, f64)| {
            let value =
                self.data.detail.values.iter().find(|v| v.indicator == indicator.code).and_then(|v| v.value.as_ref());
            format!("{}: {}", indicator.name.get(lang), value_text(lang, indicator, value))
        };
        let strengths = scored.iter().filter(|s| s.1 >= 75.0).take(4).map(describe).collect();
        let mut weak: Vec<&(&Indicator, f64)> = scored.iter().filter(|s| s.1 < 50.0).collect();
        weak.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.weight.total_cmp(&a.0.weight)));
        let gaps = weak.into_iter().take(4).map(describe).collect();
        (strengths, gaps)
    }

    fn radar(&mut self) {
        let lang = self.lang();
        let data = self.data;
        let result = &data.detail.result;
        // The chart and its table stay together.
        let table_height = 7.5 * (self.def.areas.len() + 1) as f32;
        self.ensure(92.0 + table_height);
        let subtitle = TextStyle::new(11.0).bold().colour(Colour::DEEP_BLUE);
        self.y += subtitle.line_mm();
        self.doc.text(self.left(), self.y, &self.tr("assessment.report.profile"), &subtitle);
        let (left, width) = (self.left(), self.width());
        let radius = 31.0;
        let (cx, cy) = (left + 62.0, self.y + 10.0 + radius + 2.0);
        let n = self.def.areas.len();
        let angle = |i: usize| -PI / 2.0 + i as f32 * 2.0 * PI / n as f32;
        let at = |i: usize, score: f64| {
            let r = radius * (score.clamp(0.0, 100.0) as f32) / 100.0;
            (cx + r * angle(i).cos(), cy + r * angle(i).sin())
        };
        let current: Vec<f64> = self
            .def
            .areas
            .iter()
            .map(|a| result.areas.iter().find(|s| s.area == a.code).map(|s| s.score).unwrap_or(0.0))
            .collect();
        let shape = |scores: &[f64]| scores.iter().enumerate().map(|(i, &s)| at(i, s)).collect::<Vec<_>>();
        self.doc.polygon(&shape(&current), Paint::fill(BLUE_LIGHT));
        for ring in [25.0, 50.0, 75.0, 100.0] {
            let points: Vec<(f32, f32)> = (0..n).map(|i| at(i, ring)).collect();
            let width = if ring == 100.0 { 0.8 } else { 0.4 };
            self.doc.polygon(&points, Paint::stroke(Colour::hex(0xb7c0ca), width));
            let (x, y) = at(0, ring);
            self.doc.text(x + 1.2, y + 2.6, &number_text(lang, ring), &TextStyle::new(6.5).colour(Colour::MUTED));
        }
        for i in 0..n {
            let (x, y) = at(i, 100.0);
            self.doc.line(cx, cy, x, y, Colour::hex(0xb7c0ca), 0.4);
        }
        if let Some(national) = &data.national {
            self.doc.polygon(&shape(&national.areas), Paint::stroke(MEDIAN, 1.0));
        }
        if let Some(previous) = &data.previous {
            self.doc.polygon(&shape(&previous.areas), Paint::stroke(PREVIOUS, 1.2));
        }
        self.doc.polygon(&shape(&current), Paint::stroke(Colour::DEEP_BLUE, 1.8));
        for i in 0..n {
            let (x, y) = at(i, current[i]);
            self.doc.rect(x - 0.9, y - 0.9, 1.8, 1.8, Paint::fill(Colour::DEEP_BLUE));
        }
        // Area names outside the outer ring, aligned away from the chart.
        let label = TextStyle::new(7.5).line_height(1.2);
        for (i, area) in self.def.areas.iter().enumerate() {
            let (dx, dy) = (angle(i).cos(), angle(i).sin());
            let (x, y) = (cx + (radius + 4.0) * dx, cy + (radius + 4.0) * dy);
            let box_w = 34.0;
            let lines = wrap_text(area.name.get(lang), box_w, label.size, false);
            let block = lines.len() as f32 * label.line_mm();
            let (style, bx) = if dx > 0.3 {
                (label.align(Align::Left), x)
            } else if dx < -0.3 {
                (label.align(Align::Right), x - box_w)
            } else {
                (label.centred(), x - box_w / 2.0)
            };
            let top = if dy < -0.3 {
                y - block
            } else if dy > 0.3 {
                y
            } else {
                y - block / 2.0
            };
            for (k, line) in lines.iter().enumerate() {
                let baseline = top + k as f32 * label.line_mm() + style.baseline_in(label.line_mm());
                self.doc.text_in(bx, box_w, baseline, line, &style);
            }
        }

        // The legend and the figures, on the right.
        let x = left + 134.0;
        let mut y = self.y + 14.0;
        let legend = TextStyle::new(8.5);
        let mut entries = vec![(
            t(lang, "assessment.report.this", &[("year", &data.detail.row.year.to_string())]),
            Colour::DEEP_BLUE,
            1.8,
        )];
        if let Some(previous) = &data.previous {
            entries.push((
                t(lang, "assessment.report.previous", &[("year", &previous.year.to_string())]),
                PREVIOUS,
                1.2,
            ));
        }
        if let Some(national) = &data.national {
            entries.push((
                t(lang, "assessment.report.median", &[("count", &national.clusters.to_string())]),
                MEDIAN,
                1.0,
            ));
        }
        for (text, colour, width) in &entries {
            self.doc.line(x, y - 1.2, x + 8.0, y - 1.2, *colour, *width);
            let used = self.doc.paragraph(x + 10.0, y - 3.6, left + self.width() - x - 10.0, text, &legend);
            y += used.max(4.0) + 2.0;
        }
        let bottom_chart = cy + radius + 11.0;
        self.y = bottom_chart.max(y);

        // The figures behind the chart.
        let columns = vec![
            TableColumn::new(self.tr("assessment.report.col.area"), width - 4.0 * 26.0),
            TableColumn::new(self.tr("assessment.report.col.score"), 26.0).align(Align::Right),
            TableColumn::new(self.tr("assessment.report.col.previous"), 26.0).align(Align::Right),
            TableColumn::new(self.tr("assessment.report.col.median"), 26.0).align(Align::Right),
            TableColumn::new(self.tr("assessment.report.col.quality"), 26.0).align(Align::Right),
        ];
        let mut layout = TableLayout::new(left, columns);
        layout.size = 8.5;
        layout.header_size = 8.0;
        layout.min_row_height = 6.0;
        let rows: Vec<Vec<String>> = self
            .def
            .areas
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let score = result.areas.iter().find(|s| s.area == area.code);
                vec![
                    area.name.get(lang).to_string(),
                    one_decimal(lang, current[i]),
                    data.previous
                        .as_ref()
                        .and_then(|p| p.areas.get(i))
                        .map(|&v| one_decimal(lang, v))
                        .unwrap_or_else(|| "—".into()),
                    data.national
                        .as_ref()
                        .and_then(|m| m.areas.get(i))
                        .map(|&v| one_decimal(lang, v))
                        .unwrap_or_else(|| "—".into()),
                    score.map(|s| format!("{}/{}", s.quality_met, s.quality_total)).unwrap_or_default(),
                ]
            })
            .collect();
        let (cluster, year) = (data.cluster.clone(), data.detail.row.year);
        self.y = self.doc.table(&layout, &rows, self.y, &mut |d| running_header(d, &cluster, year));
    }

    fn areas(&mut self) {
        let lang = self.lang();
        let data = self.data;
        let result = &data.detail.result;
        self.new_page();
        self.heading(&self.tr("assessment.report.areas"));
        let width = self.width();
        let columns = |first: String, last: String| {
            vec![
                TableColumn::new(t(lang, "assessment.report.col.code", &[]), 13.0),
                TableColumn::new(first, width - 13.0 - 34.0 - 38.0 - 24.0),
                TableColumn::new(t(lang, "assessment.report.col.value", &[]), 34.0).align(Align::Right),
                TableColumn::new(t(lang, "assessment.report.col.thresholds", &[]), 38.0).align(Align::Right),
                TableColumn::new(last, 24.0).align(Align::Right),
            ]
        };
        for area in &self.def.areas {
            let score = result.areas.iter().find(|s| s.area == area.code);
            self.ensure(45.0);
            let style = TextStyle::new(11.5).bold();
            self.y += style.line_mm();
            self.doc.text(self.left(), self.y, area.name.get(lang), &style);
            if let Some(score) = score {
                let text = t(
                    lang,
                    "assessment.report.area_score",
                    &[
                        ("score", &one_decimal(lang, score.score)),
                        ("met", &score.quality_met.to_string()),
                        ("total", &score.quality_total.to_string()),
                    ],
                );
                self.doc.text(self.left() + width, self.y, &text, &TextStyle::new(9.0).colour(Colour::MUTED).right());
            }
            self.y += 2.5;
            for part in [Part::Benchmarking, Part::Quality] {
                let (first, last) = match part {
                    Part::Benchmarking => {
                        (self.tr("assessment.report.col.benchmarking"), self.tr("assessment.report.col.score"))
                    }
                    Part::Quality => {
                        (self.tr("assessment.report.col.quality_indicator"), self.tr("assessment.report.col.met"))
                    }
                };
                let mut layout = TableLayout::new(self.left(), columns(first, last));
                layout.size = 8.3;
                layout.header_size = 8.0;
                layout.padding = 1.4;
                layout.min_row_height = 5.8;
                layout.stripe = Some(Colour::hex(0xf5f7fa));
                let rows: Vec<Vec<String>> = result
                    .indicators
                    .iter()
                    .filter(|s| s.area == area.code && s.part == part)
                    .filter_map(|s| {
                        let indicator = self.def.indicator(&s.code)?;
                        let value =
                            data.detail.values.iter().find(|v| v.indicator == s.code).and_then(|v| v.value.as_ref());
                        let last = match part {
                            Part::Benchmarking => {
                                s.score.map(|v| number_text(lang, v.round())).unwrap_or_else(|| "—".into())
                            }
                            Part::Quality if s.points.is_none() => "—".into(),
                            Part::Quality => self.tr(if s.met { "assessment.yes" } else { "assessment.no" }),
                        };
                        Some(vec![
                            s.code.clone(),
                            indicator.name.get(lang).to_string(),
                            value_text(lang, indicator, value),
                            thresholds_text(lang, indicator),
                            last,
                        ])
                    })
                    .collect();
                let (cluster, year) = (data.cluster.clone(), data.detail.row.year);
                self.y = self.doc.table(&layout, &rows, self.y + 1.0, &mut |d| running_header(d, &cluster, year)) + 3.0;
            }
            self.y += 3.0;
        }
    }

    fn recommendations(&mut self) {
        let lang = self.lang();
        let data = self.data;
        let result = &data.detail.result;
        self.ensure(60.0);
        self.y += 4.0;
        self.heading(&self.tr("assessment.report.recommendations"));
        // What holds the cluster below the next level first, then the weakest benchmarking results.
        let mut codes: Vec<&str> = result.blockers.iter().map(String::as_str).collect();
        let mut weak: Vec<&IndicatorScore> = result
            .indicators
            .iter()
            .filter(|s| s.part == Part::Benchmarking && s.score.is_some_and(|v| v < 50.0))
            .collect();
        weak.sort_by(|a, b| {
            let weight = |s: &IndicatorScore| self.def.indicator(&s.code).map(|i| i.weight).unwrap_or(0.0);
            a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)).then(weight(b).total_cmp(&weight(a)))
        });
        codes.extend(weak.iter().map(|s| s.code.as_str()));
        let mut seen = std::collections::HashSet::new();
        let items: Vec<String> = codes
            .into_iter()
            .filter(|c| seen.insert(*c))
            .filter_map(|code| {
                let indicator = self.def.indicator(code)?;
                let score = result.indicators.iter().find(|s| s.code == code)?;
                let value = data.detail.values.iter().find(|v| v.indicator == code).and_then(|v| v.value.as_ref());
                recommendation(lang, indicator, score, value)
            })
            .take(10)
            .collect();
        let style = TextStyle::new(9.5).line_height(1.35);
        if items.is_empty() {
            let text = self.tr("assessment.report.no_recommendations");
            self.y += self.doc.paragraph(self.left(), self.y, self.width(), &text, &style);
            return;
        }
        for (i, item) in items.iter().enumerate() {
            let height = self.doc.measure_paragraph(self.width() - 8.0, item, &style);
            self.ensure(height + 2.0);
            let number = format!("{}.", i + 1);
            self.doc.text(
                self.left(),
                self.y + style.baseline_in(style.line_mm()),
                &number,
                &style.bold().colour(Colour::DEEP_BLUE),
            );
            self.y += self.doc.paragraph(self.left() + 8.0, self.y, self.width() - 8.0, item, &style) + 2.0;
        }
    }
}

/// The line on top of every page but the cover; returns where content starts.
fn running_header(doc: &mut Document, cluster: &str, year: i64) -> f32 {
    let lang = doc.lang();
    let m = doc.margins();
    let (left, right) = (m.left, m.left + doc.content_width());
    let style = TextStyle::new(8.0).colour(Colour::MUTED);
    doc.text(left, m.top, &t(lang, "report.association", &[]), &style);
    let title = format!("{} · {cluster} · {year}", t(lang, "assessment.report.short_title", &[]));
    let title = crate::reports::pdf::ellipsize(&title, doc.content_width() * 0.6, style.size, false);
    doc.text(right, m.top, &title, &style.right());
    doc.hline(left, right, m.top + 2.2, Colour::hex(0xc5ccd4), 0.5);
    m.top + 8.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessments::scoring::IndicatorValue;
    use crate::assessments::{AssessmentInput, create, save_values};
    use crate::clusters::{self, ClusterInput, Sector};
    use crate::reports::testing::{inspect_pdf, ro_date};

    async fn demo() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db.sqlite")).await.unwrap();
        crate::demo::generate(&store, &Default::default()).await.unwrap();
        (dir, store)
    }

    #[tokio::test]
    async fn the_gold_clusters_report_prints_every_part_with_its_figures() {
        let (_dir, store) = demo().await;
        let (cluster, year): (i64, i64) = sqlx::query_as(
            "SELECT cluster_id, year FROM assessments WHERE level = 'gold' AND status = 'final' ORDER BY year DESC LIMIT 1",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        let data = report_for(&store, cluster, year, Lang::Ro, ro_date(2026, 11, 27)).await.unwrap();
        assert!(data.previous.is_some() && data.national.is_some());
        let bytes = pdf(&data).unwrap();
        let report = inspect_pdf("assessment-gold", &bytes);
        assert_eq!(report.pages, 6);
        assert!(report.size < 150_000, "{} bytes", report.size);
        report.assert_fonts_embedded_subsets();
        let result = &data.detail.result;
        for needle in [
            data.cluster.as_str(),
            "Raport de evaluare a managementului clusterului",
            &data.detail.row.assessor,
            &format!("{} / 100", one_decimal(Lang::Ro, result.overall)),
            &format!(
                "{}/{} ({} %)",
                result.quality_met,
                result.quality_total,
                one_decimal(Lang::Ro, result.quality_share)
            ),
            "Aur",
            "Profilul pe domenii",
            "Mediana națională",
            "Finanțarea managementului clusterului",
            "Realizări și recunoaștere",
            "Recomandări",
            "Eligibilitate",
            "Pagina 1 din 6",
            "Pagina 6 din 6",
            "Document generat la 27.11.2026",
        ] {
            assert!(report.contains_wrapped(needle), "missing {needle:?}");
        }
        // Every area's score and every indicator's code are printed.
        for area in &result.areas {
            assert!(report.text.contains(&one_decimal(Lang::Ro, area.score)), "{}", area.area);
        }
        for indicator in &result.indicators {
            assert!(report.text.contains(&indicator.code), "{}", indicator.code);
        }
        let english = pdf(&ReportData { lang: Lang::En, ..data.clone() }).unwrap();
        let english = inspect_pdf("assessment-gold-en", &english);
        assert!(english.contains_wrapped("Cluster management assessment report"));
        assert!(english.text.contains("Page 2 of 6"));
        assert!(english.text.contains(&one_decimal(Lang::En, result.overall)));
        assert_eq!(
            file_name(&data),
            format!(
                "Evaluare_{}_{year}.pdf",
                crate::files::safe_file_name(&[&data.cluster], "x").trim_end_matches(".x")
            )
        );
    }

    #[tokio::test]
    async fn a_draft_report_keeps_every_romanian_letter_and_says_it_is_a_draft() {
        let (_dir, store) = demo().await;
        let body = "40000000";
        let input = ClusterInput {
            name: "Clusterul Știință și Țesături – ĂÂÎ".into(),
            cui: format!("{body}{}", crate::cui::check_digit(body).unwrap()),
            county: "MS".into(),
            city: "Târgu Mureș".into(),
            sectors: vec![Sector::Textiles],
            ..Default::default()
        };
        let cluster = clusters::create(&store, &input).await.unwrap();
        let id = create(
            &store,
            &AssessmentInput {
                cluster_id: cluster,
                year: 2025,
                assessor: "Ștefania Țurcanu-Bălan".into(),
                assessed_on: "2026-02-10".into(),
                notes: String::new(),
            },
        )
        .await
        .unwrap();
        let value =
            |code: &str, value| IndicatorValue { indicator: code.into(), value: Some(value), evidence: String::new() };
        save_values(&store, id, &[value("B1.1", Value::Number(1234.0)), value("B2.3", Value::Number(1.5))])
            .await
            .unwrap();
        let data = report_for(&store, cluster, 2025, Lang::Ro, ro_date(2026, 11, 27)).await.unwrap();
        let report = inspect_pdf("assessment-draft", &pdf(&data).unwrap());
        for needle in [
            "Clusterul Știință și Țesături – ĂÂÎ",
            "Târgu Mureș",
            "Ștefania Țurcanu-Bălan",
            "CIORNĂ",
            "1.234 nr.",
            "1,5 ENI",
            "Sub nivelul bronz",
        ] {
            assert!(report.contains_wrapped(needle), "missing {needle:?}");
        }
        for letter in ["ș", "ț", "ă", "â", "î", "Ș", "Ț", "Ă", "Â", "Î"] {
            assert!(report.text.contains(letter), "{letter}");
        }
    }
}
