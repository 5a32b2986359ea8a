//! The scores of an assessment, computed from its values and its framework version alone (plus,
//! for silver, the cluster's earlier benchmarking): per indicator, per area, overall, the share of
//! quality indicators met, the recommended label level and what holds the cluster below the next.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::framework::{Direction, FrameworkDef, Indicator, IndicatorKind, Part, number_param};
use crate::clusters::LabelLevel;
use crate::error::FieldError;

/// An indicator's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export)]
pub enum Value {
    Number(f64),
    YesNo(bool),
    Choice(String),
}

/// The value given for one indicator (or none yet), with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorValue {
    pub indicator: String,
    pub value: Option<Value>,
    pub evidence: String,
}

/// Whether `value` fits `indicator`: the right kind, a known option, a number within the range.
/// The error's field is the indicator's code.
pub fn check_value(indicator: &Indicator, value: &Value) -> Result<(), FieldError> {
    let refuse = |code: &str| FieldError::new(&indicator.code, code);
    match (indicator.kind, value) {
        (IndicatorKind::Number, Value::Number(n)) => {
            if n.is_finite() && *n >= indicator.min && *n <= indicator.max {
                Ok(())
            } else {
                Err(refuse("assessment_out_of_range")
                    .with("min", number_param(indicator.min))
                    .with("max", number_param(indicator.max)))
            }
        }
        (IndicatorKind::YesNo, Value::YesNo(_)) => Ok(()),
        (IndicatorKind::Choice, Value::Choice(code)) if indicator.options.iter().any(|o| &o.code == code) => Ok(()),
        _ => Err(refuse("assessment_wrong_kind")),
    }
}

/// What a value is worth against the thresholds: the number itself, 1 for yes, an option's points.
pub fn points(indicator: &Indicator, value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => Some(*n),
        Value::YesNo(yes) => Some(if *yes { 1.0 } else { 0.0 }),
        Value::Choice(code) => indicator.options.iter().find(|o| &o.code == code).map(|o| o.points),
    }
}

/// How many of the indicator's thresholds `points` reaches.
pub fn thresholds_reached(indicator: &Indicator, points: f64) -> usize {
    indicator
        .thresholds
        .iter()
        .filter(|&&t| match indicator.direction {
            Direction::Higher => points >= t,
            Direction::Lower => points <= t,
        })
        .count()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorScore {
    pub code: String,
    pub part: Part,
    pub area: String,
    /// None while the indicator has no value.
    pub points: Option<f64>,
    /// 0–100: the share of the thresholds reached.
    pub score: Option<f64>,
    /// Every threshold reached.
    pub met: bool,
    /// The next threshold to reach, if any.
    pub next_threshold: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AreaScore {
    pub area: String,
    /// The weighted mean of the area's benchmarking scores (a missing value counts 0).
    pub score: f64,
    pub quality_met: i64,
    pub quality_total: i64,
}

/// An improvement area checked for silver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImprovementArea {
    pub area: String,
    /// The area's score in the earlier benchmarking.
    pub previous_score: f64,
    pub quality_met: i64,
    pub quality_total: i64,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SilverCheck {
    /// The earlier benchmarking checked against (the latest one in the window, else the latest).
    pub previous_id: Option<i64>,
    pub previous_date: Option<String>,
    /// It lies `min_months`–`max_months` before this one.
    pub in_window: bool,
    pub areas: Vec<ImprovementArea>,
    pub passed: bool,
}

/// Everything computed for one assessment. Stored as it is when the assessment is finalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentResult {
    pub framework_version: i64,
    pub complete: bool,
    /// Indicators without a value, in the framework's order.
    pub missing: Vec<String>,
    /// 0–100: the weighted mean of every benchmarking indicator's score.
    pub overall: f64,
    pub quality_met: i64,
    pub quality_total: i64,
    /// 0–100.
    pub quality_share: f64,
    pub areas: Vec<AreaScore>,
    pub indicators: Vec<IndicatorScore>,
    pub silver: SilverCheck,
    /// The label the values support; none below bronze or while incomplete.
    pub level: Option<LabelLevel>,
    pub next_level: Option<LabelLevel>,
    /// The indicators holding the cluster below the next level.
    pub blockers: Vec<String>,
    /// Quality indicators still to meet for gold.
    pub gold_needs: i64,
}

/// An earlier final benchmarking of the same cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Earlier {
    pub id: i64,
    pub assessed_on: NaiveDate,
    pub areas: Vec<AreaScore>,
}

/// `part` of `whole` reaches `share` percent, computed in whole numbers so that 4 of 5 is exactly 80%.
fn share_reached(part: i64, whole: i64, share: f64) -> bool {
    whole > 0 && (part as f64) * 100.0 >= share * whole as f64 - 1e-9
}

fn weighted_mean(scores: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (sum, weights) = scores.fold((0.0, 0.0), |(s, w), (score, weight)| (s + score * weight, w + weight));
    if weights > 0.0 { sum / weights } else { 0.0 }
}

/// Scores `values` (one per indicator at most) with `def`; `earlier` are the cluster's earlier final
/// benchmarkings, for the silver rule, and `assessed_on` this assessment's date.
pub fn score(
    def: &FrameworkDef,
    framework_version: i64,
    values: &[IndicatorValue],
    assessed_on: NaiveDate,
    earlier: &[Earlier],
) -> AssessmentResult {
    let indicators: Vec<IndicatorScore> = def
        .indicators
        .iter()
        .map(|indicator| {
            let points = values
                .iter()
                .find(|v| v.indicator == indicator.code)
                .and_then(|v| v.value.as_ref())
                .and_then(|v| points(indicator, v));
            let reached = points.map(|p| thresholds_reached(indicator, p));
            let steps = indicator.thresholds.len().max(1);
            IndicatorScore {
                code: indicator.code.clone(),
                part: indicator.part,
                area: indicator.area.clone(),
                points,
                score: reached.map(|r| r as f64 * 100.0 / steps as f64),
                met: reached.is_some_and(|r| r >= indicator.thresholds.len()),
                next_threshold: indicator.thresholds.get(reached.unwrap_or(0)).copied(),
            }
        })
        .collect();
    let weight = |code: &str| def.indicator(code).map(|i| i.weight).unwrap_or(0.0);
    let benchmarking = || indicators.iter().filter(|s| s.part == Part::Benchmarking);
    let quality = || indicators.iter().filter(|s| s.part == Part::Quality);
    let missing: Vec<String> = indicators.iter().filter(|s| s.points.is_none()).map(|s| s.code.clone()).collect();
    let overall = weighted_mean(benchmarking().map(|s| (s.score.unwrap_or(0.0), weight(&s.code))));
    let areas: Vec<AreaScore> = def
        .areas
        .iter()
        .map(|area| AreaScore {
            area: area.code.clone(),
            score: weighted_mean(
                benchmarking().filter(|s| s.area == area.code).map(|s| (s.score.unwrap_or(0.0), weight(&s.code))),
            ),
            quality_met: quality().filter(|s| s.area == area.code && s.met).count() as i64,
            quality_total: quality().filter(|s| s.area == area.code).count() as i64,
        })
        .collect();
    let quality_met = quality().filter(|s| s.met).count() as i64;
    let quality_total = quality().count() as i64;
    let levels = &def.levels;
    let silver = silver_check(def, &areas, assessed_on, earlier);
    let complete = missing.is_empty();
    let bronze_ok = complete && overall >= levels.bronze.min_score - 1e-9;
    let gold_ok = bronze_ok && share_reached(quality_met, quality_total, levels.gold.min_quality_share);
    let level = if gold_ok {
        Some(LabelLevel::Gold)
    } else if bronze_ok && silver.passed {
        Some(LabelLevel::Silver)
    } else if bronze_ok {
        Some(LabelLevel::Bronze)
    } else {
        None
    };
    let next_level = match level {
        None => Some(LabelLevel::Bronze),
        Some(LabelLevel::Bronze) => Some(LabelLevel::Silver),
        Some(LabelLevel::Silver) => Some(LabelLevel::Gold),
        Some(LabelLevel::Gold) => None,
    };
    let gold_target = (levels.gold.min_quality_share * quality_total as f64 / 100.0 - 1e-9).ceil() as i64;
    let blockers: Vec<String> = match next_level {
        Some(LabelLevel::Bronze) => indicators
            .iter()
            .filter(|s| {
                s.points.is_none() || (s.part == Part::Benchmarking && s.score.unwrap_or(0.0) < levels.bronze.min_score)
            })
            .map(|s| s.code.clone())
            .collect(),
        Some(LabelLevel::Silver) => {
            let failed: Vec<&str> = silver.areas.iter().filter(|a| !a.passed).map(|a| a.area.as_str()).collect();
            quality().filter(|s| !s.met && failed.contains(&s.area.as_str())).map(|s| s.code.clone()).collect()
        }
        Some(LabelLevel::Gold) => quality().filter(|s| !s.met).map(|s| s.code.clone()).collect(),
        None => Vec::new(),
    };
    AssessmentResult {
        framework_version,
        complete,
        missing,
        overall,
        quality_met,
        quality_total,
        quality_share: if quality_total > 0 { quality_met as f64 * 100.0 / quality_total as f64 } else { 0.0 },
        areas,
        indicators,
        silver,
        level,
        next_level,
        blockers,
        gold_needs: (gold_target - quality_met).max(0),
    }
}

/// Silver: an earlier benchmarking `min_months`–`max_months` before, whose weakest areas
/// (`improvement_areas` of them) now meet enough of their quality indicators.
fn silver_check(def: &FrameworkDef, areas: &[AreaScore], assessed_on: NaiveDate, earlier: &[Earlier]) -> SilverCheck {
    let rule = &def.levels.silver;
    let in_window = |e: &Earlier| {
        let from = e.assessed_on.checked_add_months(Months::new(rule.min_months));
        let to = e.assessed_on.checked_add_months(Months::new(rule.max_months));
        from.is_some_and(|f| assessed_on >= f) && to.is_some_and(|t| assessed_on <= t)
    };
    let before = || earlier.iter().filter(|e| e.assessed_on < assessed_on);
    let chosen = before()
        .filter(|e| in_window(e))
        .max_by_key(|e| e.assessed_on)
        .or_else(|| before().max_by_key(|e| e.assessed_on));
    let Some(previous) = chosen else {
        return SilverCheck {
            previous_id: None,
            previous_date: None,
            in_window: false,
            areas: Vec::new(),
            passed: false,
        };
    };
    let mut weakest: Vec<&AreaScore> = previous.areas.iter().filter(|a| def.area(&a.area).is_some()).collect();
    // The weakest first; on a tie, the framework's order.
    weakest.sort_by(|a, b| a.score.total_cmp(&b.score));
    let checked: Vec<ImprovementArea> = weakest
        .into_iter()
        .take(rule.improvement_areas)
        .filter_map(|earlier_area| {
            let now = areas.iter().find(|a| a.area == earlier_area.area)?;
            Some(ImprovementArea {
                area: now.area.clone(),
                previous_score: earlier_area.score,
                quality_met: now.quality_met,
                quality_total: now.quality_total,
                passed: share_reached(now.quality_met, now.quality_total, rule.min_area_quality_share),
            })
        })
        .collect();
    let within = in_window(previous);
    SilverCheck {
        previous_id: Some(previous.id),
        previous_date: Some(previous.assessed_on.format("%Y-%m-%d").to_string()),
        in_window: within,
        passed: within && checked.len() == rule.improvement_areas && checked.iter().all(|a| a.passed),
        areas: checked,
    }
}

#[cfg(test)]
mod tests {
    use super::super::framework::{Area, BronzeRule, ChoiceOption, GoldRule, Levels, SilverRule, Text};
    use super::*;

    fn text(s: &str) -> Text {
        Text { ro: s.into(), en: s.into() }
    }

    fn number(code: &str, part: Part, area: &str, thresholds: &[f64], direction: Direction) -> Indicator {
        Indicator {
            code: code.into(),
            part,
            area: area.into(),
            name: text(code),
            unit: text(""),
            measured: text(""),
            kind: IndicatorKind::Number,
            options: Vec::new(),
            min: 0.0,
            max: 100.0,
            weight: 1.0,
            thresholds: thresholds.to_vec(),
            direction,
        }
    }

    /// Two areas; benchmarking: a (higher, 4 steps), b (lower, 2 steps), c (yes/no), d (choice);
    /// five quality indicators, q1–q3 in area "x", q4–q5 in area "y".
    fn def() -> FrameworkDef {
        let mut indicators = vec![
            number("a", Part::Benchmarking, "x", &[10.0, 20.0, 30.0, 40.0], Direction::Higher),
            number("b", Part::Benchmarking, "y", &[60.0, 40.0], Direction::Lower),
            Indicator {
                kind: IndicatorKind::YesNo,
                min: 0.0,
                max: 1.0,
                thresholds: vec![1.0],
                ..number("c", Part::Benchmarking, "x", &[], Direction::Higher)
            },
            Indicator {
                kind: IndicatorKind::Choice,
                options: ["none", "some", "all"]
                    .iter()
                    .enumerate()
                    .map(|(i, c)| ChoiceOption { code: (*c).into(), name: text(c), points: i as f64 })
                    .collect(),
                min: 0.0,
                max: 2.0,
                thresholds: vec![1.0, 2.0],
                weight: 2.0,
                ..number("d", Part::Benchmarking, "y", &[], Direction::Higher)
            },
        ];
        for (i, area) in ["x", "x", "x", "y", "y"].iter().enumerate() {
            indicators.push(number(&format!("q{}", i + 1), Part::Quality, area, &[50.0], Direction::Higher));
        }
        FrameworkDef {
            name: text("test"),
            areas: vec![Area { code: "x".into(), name: text("x") }, Area { code: "y".into(), name: text("y") }],
            levels: Levels {
                bronze: BronzeRule { min_score: 35.0 },
                silver: SilverRule {
                    min_months: 18,
                    max_months: 24,
                    improvement_areas: 1,
                    min_area_quality_share: 66.0,
                },
                gold: GoldRule { min_quality_share: 80.0 },
                valid_years: 2,
            },
            indicators,
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn values(pairs: &[(&str, Value)]) -> Vec<IndicatorValue> {
        pairs
            .iter()
            .map(|(c, v)| IndicatorValue { indicator: (*c).into(), value: Some(v.clone()), evidence: String::new() })
            .collect()
    }

    /// Everything answered: a=`a`, b=`b`, c=yes, d=`d`, q1..q5 = 50 for the first `quality_met`.
    fn answers(a: f64, b: f64, d: &str, quality_met: usize) -> Vec<IndicatorValue> {
        let mut pairs = vec![
            ("a", Value::Number(a)),
            ("b", Value::Number(b)),
            ("c", Value::YesNo(true)),
            ("d", Value::Choice(d.into())),
        ];
        let names = ["q1", "q2", "q3", "q4", "q5"];
        for (i, q) in names.iter().enumerate() {
            pairs.push((q, Value::Number(if i < quality_met { 50.0 } else { 49.99 })));
        }
        values(&pairs)
    }

    fn score_of(result: &AssessmentResult, code: &str) -> Option<f64> {
        result.indicators.iter().find(|s| s.code == code).and_then(|s| s.score)
    }

    #[test]
    fn indicator_scores_step_at_each_threshold() {
        let def = def();
        let a = def.indicator("a").unwrap();
        for (value, reached) in [(9.99, 0), (10.0, 1), (19.99, 1), (20.0, 2), (39.99, 3), (40.0, 4), (100.0, 4)] {
            assert_eq!(thresholds_reached(a, value), reached, "a = {value}");
        }
        let b = def.indicator("b").unwrap();
        for (value, reached) in [(60.01, 0), (60.0, 1), (40.01, 1), (40.0, 2), (0.0, 2)] {
            assert_eq!(thresholds_reached(b, value), reached, "b = {value}");
        }
        let result = score(&def, 1, &answers(20.0, 60.0, "some", 5), day(2026, 1, 1), &[]);
        assert_eq!(score_of(&result, "a"), Some(50.0));
        assert_eq!(score_of(&result, "b"), Some(50.0));
        assert_eq!(score_of(&result, "c"), Some(100.0));
        assert_eq!(score_of(&result, "d"), Some(50.0));
        // Area x: a 50 (w1) and c 100 (w1); area y: b 50 (w1), d 50 (w2); overall weighted: (50+100+50+100)/5.
        assert_eq!(result.areas[0].score, 75.0);
        assert_eq!(result.areas[1].score, 50.0);
        assert_eq!(result.overall, 60.0);
        let no = values(&[("c", Value::YesNo(false))]);
        assert_eq!(score_of(&score(&def, 1, &no, day(2026, 1, 1), &[]), "c"), Some(0.0));
    }

    #[test]
    fn values_out_of_range_or_of_the_wrong_kind_are_refused_at_their_field() {
        let def = def();
        let a = def.indicator("a").unwrap();
        assert!(check_value(a, &Value::Number(0.0)).is_ok());
        assert!(check_value(a, &Value::Number(100.0)).is_ok());
        let error = check_value(a, &Value::Number(100.01)).unwrap_err();
        assert_eq!((error.field.as_str(), error.code.as_str()), ("a", "assessment_out_of_range"));
        assert_eq!(error.params["max"], "100");
        assert!(check_value(a, &Value::Number(-0.01)).is_err());
        assert!(check_value(a, &Value::Number(f64::NAN)).is_err());
        assert_eq!(check_value(a, &Value::YesNo(true)).unwrap_err().code, "assessment_wrong_kind");
        let d = def.indicator("d").unwrap();
        assert!(check_value(d, &Value::Choice("all".into())).is_ok());
        assert!(check_value(d, &Value::Choice("most".into())).is_err());
    }

    #[test]
    fn bronze_needs_a_complete_assessment_and_the_least_overall_score() {
        let def = def();
        // a=0 (0), b=60 (50), c yes (100), d none (0): (0+100+50+0)/5 = 30 < 35.
        let low = score(&def, 1, &answers(0.0, 60.0, "none", 0), day(2026, 1, 1), &[]);
        assert_eq!(low.overall, 30.0);
        assert_eq!(low.level, None);
        assert_eq!(low.next_level, Some(LabelLevel::Bronze));
        assert_eq!(low.blockers, ["a", "d"]);
        // a=10 (25): (25+100+50+0)/5 = 35, exactly the threshold.
        let edge = score(&def, 1, &answers(10.0, 60.0, "none", 0), day(2026, 1, 1), &[]);
        assert_eq!(edge.overall, 35.0);
        assert_eq!(edge.level, Some(LabelLevel::Bronze));
        // A missing value keeps even a strong assessment below bronze.
        let mut incomplete = answers(40.0, 0.0, "all", 5);
        incomplete.retain(|v| v.indicator != "q5");
        let result = score(&def, 1, &incomplete, day(2026, 1, 1), &[]);
        assert!(!result.complete);
        assert_eq!(result.missing, ["q5"]);
        assert_eq!(result.level, None);
        assert!(result.blockers.contains(&"q5".to_string()));
    }

    #[test]
    fn gold_needs_80_percent_of_the_quality_indicators() {
        let def = def();
        let three = score(&def, 1, &answers(40.0, 0.0, "all", 3), day(2026, 1, 1), &[]);
        assert_eq!(three.quality_share, 60.0);
        assert_eq!(three.level, Some(LabelLevel::Bronze));
        assert_eq!(three.next_level, Some(LabelLevel::Silver));
        assert_eq!(three.gold_needs, 1);
        let four = score(&def, 1, &answers(40.0, 0.0, "all", 4), day(2026, 1, 1), &[]);
        assert_eq!(four.quality_share, 80.0);
        assert_eq!(four.level, Some(LabelLevel::Gold));
        assert_eq!(four.next_level, None);
        assert!(four.blockers.is_empty());
        assert_eq!(four.gold_needs, 0);
    }

    #[test]
    fn silver_needs_an_earlier_benchmarking_18_to_24_months_before_and_the_weakest_area_improved() {
        let def = def();
        // Earlier: area x weak (20), y strong (90) → x is the improvement area; now q1, q2 of x's
        // three quality indicators are met (66.7% ≥ 66%), q3–q5 not (total 40%: no gold).
        let earlier = |id, date| Earlier {
            id,
            assessed_on: date,
            areas: vec![
                AreaScore { area: "x".into(), score: 20.0, quality_met: 0, quality_total: 3 },
                AreaScore { area: "y".into(), score: 90.0, quality_met: 0, quality_total: 2 },
            ],
        };
        let now = day(2026, 6, 15);
        let values = answers(40.0, 0.0, "all", 2);
        for (date, silver) in [
            (day(2024, 12, 16), false), // 17 months 30 days
            (day(2024, 12, 15), true),  // 18 months
            (day(2024, 6, 15), true),   // 24 months
            (day(2024, 6, 14), false),  // 24 months and a day
        ] {
            let result = score(&def, 1, &values, now, &[earlier(7, date)]);
            assert_eq!(result.silver.in_window, silver, "{date}");
            assert_eq!(result.level, Some(if silver { LabelLevel::Silver } else { LabelLevel::Bronze }), "{date}");
            assert_eq!(result.silver.previous_id, Some(7));
            assert_eq!(result.silver.areas.len(), 1);
            assert_eq!(result.silver.areas[0].area, "x");
        }
        // In the window, but only one of x's three quality indicators met (33%).
        let one = answers(40.0, 0.0, "all", 1);
        let result = score(&def, 1, &one, now, &[earlier(7, day(2024, 10, 1))]);
        assert!(result.silver.in_window && !result.silver.passed);
        assert_eq!(result.level, Some(LabelLevel::Bronze));
        assert_eq!(result.blockers, ["q2", "q3"], "the unmet quality indicators of the improvement area");
        // Several earlier benchmarkings: the one in the window counts, not the latest.
        let result = score(&def, 1, &values, now, &[earlier(7, day(2024, 10, 1)), earlier(8, day(2025, 12, 1))]);
        assert_eq!(result.silver.previous_id, Some(7));
        assert!(result.silver.passed);
        // None earlier: no silver, nothing to check against.
        let alone = score(&def, 1, &values, now, &[]);
        assert_eq!((alone.silver.previous_id, alone.silver.passed), (None, false));
        assert!(alone.blockers.is_empty());
    }
}
