//! The assessment framework: indicators, areas and label rules as data.
//!
//! The default framework (`data/assessment-framework.json`) is stored as version 1 the first time
//! a database is opened. Staff change an indicator's weight, range or thresholds; each change
//! stores a whole new version, so that an assessment made with an older version can still be
//! read, and scored, exactly as it was.

use serde::{Deserialize, Serialize};
use sqlx::{Row, SqliteConnection};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::error::FieldError;
use crate::i18n::Lang;
use crate::store::Store;
use crate::validation::Problems;
use crate::{Error, Result};

/// The framework shipped with the app.
pub const DEFAULT_FRAMEWORK: &str = include_str!("../../../../data/assessment-framework.json");

code_enum! {
    /// The benchmarking questionnaire (bronze, and silver when repeated) or the quality assessment (gold).
    Part { Benchmarking = "benchmarking", Quality = "quality" }
}

code_enum! {
    IndicatorKind { Number = "number", YesNo = "yes_no", Choice = "choice" }
}

code_enum! {
    /// Whether a higher value is better (members) or a lower one (the share of public funding).
    Direction { Higher = "higher", Lower = "lower" }
}

/// A text in both languages of the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Text {
    pub ro: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ro => &self.ro,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChoiceOption {
    pub code: String,
    pub name: Text,
    /// What the option is worth against the thresholds.
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Indicator {
    pub code: String,
    pub part: Part,
    pub area: String,
    pub name: Text,
    pub unit: Text,
    /// How the value is measured, for the assessor.
    pub measured: Text,
    pub kind: IndicatorKind,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// The accepted range of a number (0–1 for yes/no, the option points for a choice).
    pub min: f64,
    pub max: f64,
    /// The indicator's weight in its area's score and in the overall score.
    pub weight: f64,
    /// The score steps, from the easiest to the hardest (a quality indicator has one: met or not).
    pub thresholds: Vec<f64>,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Area {
    pub code: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BronzeRule {
    /// The least overall benchmarking score (0–100).
    pub min_score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SilverRule {
    /// The second benchmarking comes this many months after the first, at the earliest …
    pub min_months: u32,
    /// … and at the latest.
    pub max_months: u32,
    /// How many improvement areas (the weakest areas of the first benchmarking) are checked.
    pub improvement_areas: usize,
    /// The share (%) of an improvement area's quality indicators that must be met.
    pub min_area_quality_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GoldRule {
    /// The least share (%) of quality indicators met.
    pub min_quality_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Levels {
    pub bronze: BronzeRule,
    pub silver: SilverRule,
    pub gold: GoldRule,
    /// How long a label awarded on this basis is valid.
    pub valid_years: u32,
}

/// The content of one framework version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FrameworkDef {
    pub name: Text,
    pub areas: Vec<Area>,
    pub levels: Levels,
    pub indicators: Vec<Indicator>,
}

impl FrameworkDef {
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// Every problem of the definition; empty when it can be used.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for indicator in &self.indicators {
            if !seen.insert(indicator.code.as_str()) {
                problems.push(FieldError::new(&indicator.code, "assessment_duplicate_indicator"));
            }
            if self.area(&indicator.area).is_none() {
                problems.push(FieldError::new(&indicator.code, "assessment_unknown_area"));
            }
            problems.extend(indicator_problems(indicator));
        }
        problems
    }
}

/// What is wrong with one indicator's numbers, each as a field error on `<code>.<field>`.
fn indicator_problems(indicator: &Indicator) -> Vec<FieldError> {
    let field = |name: &str| format!("{}.{name}", indicator.code);
    let mut problems = Vec::new();
    if !(indicator.weight.is_finite() && indicator.weight > 0.0 && indicator.weight <= 10.0) {
        problems.push(FieldError::new(field("weight"), "assessment_weight_range").with("min", 0).with("max", 10));
    }
    if !(indicator.min.is_finite() && indicator.max.is_finite() && indicator.min < indicator.max) {
        problems.push(FieldError::new(field("max"), "assessment_range_order"));
    }
    if indicator.kind == IndicatorKind::Choice && indicator.options.is_empty() {
        problems.push(FieldError::new(field("options"), "required"));
    }
    let wanted = if indicator.part == Part::Quality { 1..=1 } else { 1..=6 };
    if !wanted.contains(&indicator.thresholds.len()) {
        problems.push(
            FieldError::new(field("thresholds"), "assessment_threshold_count")
                .with("min", wanted.start())
                .with("max", wanted.end()),
        );
    }
    let in_range = indicator.thresholds.iter().all(|t| t.is_finite() && *t >= indicator.min && *t <= indicator.max);
    let ordered = indicator.thresholds.windows(2).all(|w| match indicator.direction {
        Direction::Higher => w[0] < w[1],
        Direction::Lower => w[0] > w[1],
    });
    if !in_range {
        problems.push(
            FieldError::new(field("thresholds"), "assessment_threshold_range")
                .with("min", number_param(indicator.min))
                .with("max", number_param(indicator.max)),
        );
    } else if !ordered {
        problems.push(FieldError::new(field("thresholds"), "assessment_threshold_order"));
    }
    problems
}

/// A number as a message parameter: no trailing ".0".
pub(crate) fn number_param(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

/// One stored version of the framework.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Framework {
    pub id: i64,
    pub version: i64,
    pub note: String,
    pub created_at: String,
    pub def: FrameworkDef,
}

/// A list entry of the framework's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FrameworkVersion {
    pub id: i64,
    pub version: i64,
    pub note: String,
    pub created_at: String,
    /// Assessments made with this version.
    pub assessments: i64,
}

/// What staff change on one indicator.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct IndicatorEdit {
    pub code: String,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
    pub thresholds: Vec<f64>,
    /// Why the change is made, kept with the new version.
    pub note: String,
}

/// The default framework, parsed. It is part of the build and checked by a test.
pub fn default_def() -> FrameworkDef {
    serde_json::from_str(DEFAULT_FRAMEWORK).expect("data/assessment-framework.json is a valid framework")
}

/// Stores the shipped framework as version 1 when the database has no framework yet.
pub async fn ensure_default(store: &Store) -> Result<()> {
    if store.with_connection(async |conn| has_default(conn).await).await? {
        return Ok(());
    }
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    sqlx::query(
        "INSERT INTO assessment_frameworks (version, definition, note, created_at)
         SELECT 1, ?, '', ? WHERE NOT EXISTS (SELECT 1 FROM assessment_frameworks)",
    )
    .bind(DEFAULT_FRAMEWORK)
    .bind(&at.stamp)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

fn from_row(row: &sqlx::sqlite::SqliteRow) -> Result<Framework> {
    let text: String = row.try_get("definition")?;
    let def = serde_json::from_str(&text)
        .map_err(|e| Error::Io(std::io::Error::other(format!("assessment framework: {e}"))))?;
    Ok(Framework {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        note: row.try_get("note")?,
        created_at: row.try_get("created_at")?,
        def,
    })
}

/// Whether the database has a framework ([`ensure_default`] has nothing to do).
pub(crate) async fn has_default(conn: &mut SqliteConnection) -> Result<bool> {
    Ok(sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM assessment_frameworks)").fetch_one(conn).await?)
}

/// The version new assessments are made with: the latest.
pub async fn current_in(conn: &mut SqliteConnection) -> Result<Framework> {
    let row = sqlx::query("SELECT * FROM assessment_frameworks ORDER BY version DESC LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "assessment_framework", id: 0 })?;
    from_row(&row)
}

pub async fn current(store: &Store) -> Result<Framework> {
    current_in(&mut *store.pool().acquire().await?).await
}

pub async fn by_id_in(conn: &mut SqliteConnection, id: i64) -> Result<Framework> {
    let row = sqlx::query("SELECT * FROM assessment_frameworks WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "assessment_framework", id })?;
    from_row(&row)
}

pub async fn versions(store: &Store) -> Result<Vec<FrameworkVersion>> {
    let rows = sqlx::query(
        "SELECT f.id, f.version, f.note, f.created_at,
                (SELECT COUNT(*) FROM assessments a WHERE a.framework_id = f.id) AS assessments
         FROM assessment_frameworks f ORDER BY f.version DESC",
    )
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(FrameworkVersion {
                id: r.try_get("id")?,
                version: r.try_get("version")?,
                note: r.try_get("note")?,
                created_at: r.try_get("created_at")?,
                assessments: r.try_get("assessments")?,
            })
        })
        .collect()
}

/// Changes one indicator of the current framework by storing a new version; the assessments
/// already made keep theirs. Returns the new version.
pub async fn edit_indicator(store: &Store, edit: &IndicatorEdit) -> Result<Framework> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let current = current_in(&mut tx).await?;
    let mut def = current.def.clone();
    let Some(indicator) = def.indicators.iter_mut().find(|i| i.code == edit.code) else {
        return Err(Error::invalid("code", "assessment_unknown_indicator"));
    };
    let mut problems = Problems::default();
    problems.check("note", crate::validation::max_len(&edit.note, 500));
    indicator.weight = edit.weight;
    indicator.thresholds = edit.thresholds.clone();
    // The range of a yes/no or a choice follows from its options.
    if indicator.kind == IndicatorKind::Number {
        indicator.min = edit.min;
        indicator.max = edit.max;
    }
    for mut problem in indicator_problems(indicator) {
        // The form shows the problem at its own field, without the indicator's code.
        problem.field = problem.field.rsplit('.').next().unwrap_or_default().to_string();
        problems.add(problem);
    }
    problems.into_result()?;
    if def == current.def {
        return Err(Error::refused("error.assessment_framework_unchanged"));
    }
    let text = serde_json::to_string(&def).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let id =
        sqlx::query("INSERT INTO assessment_frameworks (version, definition, note, created_at) VALUES (?, ?, ?, ?)")
            .bind(current.version + 1)
            .bind(text)
            .bind(edit.note.trim())
            .bind(&at.stamp)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
    let framework = by_id_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(framework)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_framework_is_complete_and_valid() {
        let def = default_def();
        assert_eq!(def.areas.len(), 6);
        let count = |part| def.indicators.iter().filter(|i| i.part == part).count();
        assert_eq!(count(Part::Benchmarking), 36);
        assert_eq!(count(Part::Quality), 31);
        assert_eq!(def.problems(), vec![]);
        for area in &def.areas {
            assert!(def.indicators.iter().any(|i| i.area == area.code && i.part == Part::Quality), "{}", area.code);
            assert!(def.indicators.iter().any(|i| i.area == area.code && i.part == Part::Benchmarking));
        }
        assert!(
            def.indicators.iter().all(|i| !i.name.ro.is_empty() && !i.name.en.is_empty() && !i.measured.ro.is_empty())
        );
        assert_eq!(def.levels.gold.min_quality_share, 80.0);
    }

    #[test]
    fn thresholds_must_follow_the_direction_and_stay_in_range() {
        let mut def = default_def();
        let indicator = def.indicators.iter_mut().find(|i| i.code == "B3.2").unwrap();
        assert_eq!(indicator.direction, Direction::Lower);
        indicator.thresholds = vec![35.0, 50.0];
        indicator.weight = 0.0;
        let problems = indicator_problems(indicator);
        let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["assessment_weight_range", "assessment_threshold_order"]);
        indicator.thresholds = vec![120.0];
        indicator.weight = 1.0;
        assert_eq!(indicator_problems(indicator)[0].code, "assessment_threshold_range");
    }
}
