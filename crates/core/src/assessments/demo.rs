//! The demo's assessments: for every label in the register, the final assessment it was awarded on
//! (made a few weeks before the award, for the year before it), whose values support exactly that
//! level; before a silver label, also the first benchmarking 19–22 months earlier that the silver
//! rule needs; and a few drafts in progress for clusters without a label.
//!
//! Values go through the app's own functions (create, save, finalise) in the demo's transaction,
//! so the scores and levels are the ones the app computes. A cluster is stronger in some areas than
//! in others, and stronger at each label than at the one before. The generator has its own seed
//! (derived from the demo's), so adding it changed none of the other demo data.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{Row, SqliteConnection};

use super::framework::{self, Direction, FrameworkDef, Indicator, IndicatorKind, Part};
use super::model::AssessmentInput;
use super::scoring::{IndicatorValue, Value, thresholds_reached};
use super::write::{create_in, finalise_in, save_values_in};
use crate::clock::At;
use crate::Result;
use crate::clusters::LabelLevel;

const ASSESSORS: &[&str] = &["Ioana Mureșan", "Andrei Popa", "Cristina Țurcanu", "Mihai Stănescu", "Ștefania Bălan"];

/// Evidence notes by area; `{year}` is the reference year.
const EVIDENCE: &[(&str, &[&str])] = &[
    (
        "structure",
        &["Registrul membrilor la 31.12.{year}", "Acordurile de membru semnate", "Lista membrilor pe tipuri"],
    ),
    (
        "governance",
        &[
            "Statutul și hotărârile consiliului director",
            "Organigrama și fișele de post",
            "Strategia clusterului și raportul de monitorizare",
        ],
    ),
    (
        "financing",
        &[
            "Situațiile financiare {year}",
            "Bugetul de venituri și cheltuieli {year}",
            "Contractele de finanțare în derulare",
        ],
    ),
    (
        "services",
        &[
            "Catalogul de servicii",
            "Rezultatele chestionarului de satisfacție {year}",
            "Lista cursurilor și a participanților",
        ],
    ),
    ("interaction", &["Agenda evenimentelor {year}", "Listele de prezență", "Buletinul informativ trimestrial"]),
    (
        "achievements",
        &["Raportul anual de activitate {year}", "Acordurile de cooperare internațională", "Revista presei {year}"],
    ),
];

/// One assessment to make.
struct Plan {
    cluster_id: i64,
    assessed_on: NaiveDate,
    target: LabelLevel,
    /// The share of benchmarking thresholds reached, on average.
    strength: f64,
}

/// Adds the assessments behind the labels of the demo's register. `today` as in the demo.
pub async fn generate_in(conn: &mut SqliteConnection, seed: u64, today: NaiveDate) -> Result<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xA55E_55ED);
    let def = framework::current_in(conn).await?.def;
    let rows = sqlx::query("SELECT cluster_id, level, awarded_on FROM labels ORDER BY cluster_id, awarded_on")
        .fetch_all(&mut *conn)
        .await?;
    let mut by_cluster: BTreeMap<i64, Vec<(LabelLevel, NaiveDate)>> = BTreeMap::new();
    for row in rows {
        let level: LabelLevel = row.try_get("level")?;
        let awarded: String = row.try_get("awarded_on")?;
        if let Ok(date) = NaiveDate::parse_from_str(&awarded, "%Y-%m-%d") {
            by_cluster.entry(row.try_get("cluster_id")?).or_default().push((level, date));
        }
    }
    for (&cluster_id, labels) in &by_cluster {
        // How strong the cluster is in each area, the same at every assessment.
        let bias: Vec<f64> = def.areas.iter().map(|_| rng.random_range(-0.14..=0.14)).collect();
        let mut plans = Vec::new();
        for &(level, awarded) in labels {
            let assessed_on = awarded.checked_sub_days(Days::new(rng.random_range(15..=60))).unwrap_or(awarded);
            if level == LabelLevel::Silver {
                let months = rng.random_range(19..=22);
                if let Some(first) = assessed_on.checked_sub_months(Months::new(months)) {
                    plans.push(Plan { cluster_id, assessed_on: first, target: LabelLevel::Bronze, strength: 0.5 });
                }
            }
            let strength = match level {
                LabelLevel::Bronze => 0.58,
                LabelLevel::Silver => 0.68,
                LabelLevel::Gold => 0.8,
            };
            plans.push(Plan { cluster_id, assessed_on, target: level, strength });
        }
        plans.sort_by_key(|p| p.assessed_on);
        let mut years = HashSet::new();
        for plan in plans {
            // The year before the assessment, or its own year when that one is taken.
            let year = [plan.assessed_on.year() - 1, plan.assessed_on.year()].into_iter().find(|y| years.insert(*y));
            let Some(year) = year else { continue };
            assess(conn, &mut rng, &def, &plan, year, &bias).await?;
        }
    }
    drafts(conn, &mut rng, &def, today).await
}

/// Makes one final assessment whose values support `plan.target`.
async fn assess(
    conn: &mut SqliteConnection,
    rng: &mut ChaCha8Rng,
    def: &FrameworkDef,
    plan: &Plan,
    year: i32,
    bias: &[f64],
) -> Result<()> {
    let input = AssessmentInput {
        cluster_id: plan.cluster_id,
        year: i64::from(year),
        assessor: ASSESSORS.choose(rng).copied().unwrap_or("Ioana Mureșan").to_string(),
        assessed_on: plan.assessed_on.format("%Y-%m-%d").to_string(),
        notes: String::new(),
    };
    // Written as of the day it was made.
    let at = At::on(plan.assessed_on);
    let id = create_in(conn, &input, &at).await?;
    let quality: Vec<&Indicator> = def.indicators.iter().filter(|i| i.part == Part::Quality).collect();
    let gold = (def.levels.gold.min_quality_share * quality.len() as f64 / 100.0).ceil() as usize;
    let wanted = match plan.target {
        LabelLevel::Gold => rng.random_range(gold + 1..=quality.len() - 2),
        LabelLevel::Silver => rng.random_range(16..=20),
        LabelLevel::Bronze => rng.random_range(7..=17),
    };
    let mut met: Vec<bool> = (0..quality.len()).map(|i| i < wanted).collect();
    met.shuffle(rng);
    let mut strength = plan.strength;
    for _ in 0..4 {
        let mut values = benchmarking(rng, def, strength, bias, year);
        values.extend(quality.iter().zip(&met).map(|(i, &m)| value_reaching(quality_reached(i, m), i, year)));
        let mut result = save_values_in(conn, id, &values, &at).await?;
        // The silver rule looks at the areas that were weakest at the first benchmarking: meet their
        // quality indicators for a silver label, miss those of one of them for a bronze label.
        if let Some(first) = result.silver.areas.first().filter(|_| result.silver.in_window) {
            let improvement: Vec<&str> = result.silver.areas.iter().map(|a| a.area.as_str()).collect();
            for (i, indicator) in quality.iter().enumerate() {
                match plan.target {
                    LabelLevel::Silver if improvement.contains(&indicator.area.as_str()) => met[i] = true,
                    LabelLevel::Bronze if indicator.area == first.area => met[i] = false,
                    _ => {}
                }
            }
            // Below the gold share, whatever the improvement areas made of it.
            let mut extra = met.iter().filter(|m| **m).count().saturating_sub(gold - 1);
            for (i, indicator) in quality.iter().enumerate() {
                if extra > 0 && met[i] && !improvement.contains(&indicator.area.as_str()) {
                    met[i] = false;
                    extra -= 1;
                }
            }
            let quality_values = quality.iter().zip(&met).map(|(i, &m)| value_reaching(quality_reached(i, m), i, year));
            result = save_values_in(conn, id, &quality_values.collect::<Vec<_>>(), &at).await?;
        }
        if result.level == Some(plan.target) {
            break;
        }
        // Too weak by chance: the benchmarking is redone a little stronger.
        strength += 0.1;
    }
    let finalised = plan.assessed_on.checked_add_days(Days::new(3)).unwrap_or(plan.assessed_on);
    finalise_in(conn, id, &format!("{}T10:00:00Z", finalised.format("%Y-%m-%d"))).await?;
    Ok(())
}

/// The thresholds a quality indicator reaches: all of its one, or none.
fn quality_reached(indicator: &Indicator, met: bool) -> usize {
    if met { indicator.thresholds.len() } else { 0 }
}

/// Values for the benchmarking indicators: each threshold is reached with the chance `strength`
/// plus the area's bias.
fn benchmarking(
    rng: &mut ChaCha8Rng,
    def: &FrameworkDef,
    strength: f64,
    bias: &[f64],
    year: i32,
) -> Vec<IndicatorValue> {
    def.indicators
        .iter()
        .filter(|i| i.part == Part::Benchmarking)
        .map(|indicator| {
            let area = def.areas.iter().position(|a| a.code == indicator.area).unwrap_or(0);
            let chance = (strength + bias.get(area).copied().unwrap_or(0.0)).clamp(0.05, 0.97);
            let reached = indicator.thresholds.iter().filter(|_| rng.random_bool(chance)).count();
            let mut value = value_reaching(reached, indicator, year);
            if let Some(Value::Number(n)) = &mut value.value {
                *n = jitter(rng, indicator, *n, reached);
            }
            value
        })
        .collect()
}

/// A value that reaches exactly `reached` thresholds: the threshold itself, or just short of the
/// first one.
fn value_reaching(reached: usize, indicator: &Indicator, year: i32) -> IndicatorValue {
    let reached = reached.min(indicator.thresholds.len());
    let points = match reached {
        0 => {
            let first = indicator.thresholds[0];
            match indicator.direction {
                Direction::Higher if first - indicator.min >= 1.0 => first - 1.0,
                Direction::Higher => (first + indicator.min) / 2.0,
                Direction::Lower if indicator.max - first >= 1.0 => first + 1.0,
                Direction::Lower => (first + indicator.max) / 2.0,
            }
        }
        r => indicator.thresholds[r - 1],
    };
    let value = match indicator.kind {
        IndicatorKind::Number => Value::Number(points),
        IndicatorKind::YesNo => Value::YesNo(reached > 0),
        IndicatorKind::Choice => {
            let option = indicator
                .options
                .iter()
                .find(|o| thresholds_reached(indicator, o.points) == reached)
                .or_else(|| indicator.options.first());
            Value::Choice(option.map(|o| o.code.clone()).unwrap_or_default())
        }
    };
    let evidence = EVIDENCE
        .iter()
        .find(|(area, _)| *area == indicator.area)
        .and_then(|(_, notes)| notes.get(indicator.code.bytes().map(usize::from).sum::<usize>() % notes.len()))
        .map(|n| n.replace("{year}", &year.to_string()))
        .unwrap_or_default();
    IndicatorValue { indicator: indicator.code.clone(), value: Some(value), evidence }
}

/// Moves a number inside the band of thresholds it reaches, so that values read as measured.
fn jitter(rng: &mut ChaCha8Rng, indicator: &Indicator, value: f64, reached: usize) -> f64 {
    let t = &indicator.thresholds;
    let upper = match indicator.direction {
        Direction::Higher => t.get(reached).copied().unwrap_or(value + (value.abs() * 0.4).max(1.0)).min(indicator.max),
        Direction::Lower => t.get(reached).copied().unwrap_or(indicator.min).max(indicator.min),
    };
    if reached == 0 {
        return value;
    }
    let whole = t.iter().all(|x| x.fract() == 0.0);
    let candidate = value + (upper - value) * rng.random_range(0.0..0.8);
    let candidate = if whole { candidate.trunc() } else { (candidate * 10.0).trunc() / 10.0 };
    if thresholds_reached(indicator, candidate) == reached { candidate } else { value }
}

/// Assessments in progress for a few clusters without a label: last year's, partly filled.
async fn drafts(conn: &mut SqliteConnection, rng: &mut ChaCha8Rng, def: &FrameworkDef, today: NaiveDate) -> Result<()> {
    let candidates: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM clusters c WHERE status = 'active' AND archived_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.cluster_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.cluster_id = c.id) ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let year = today.year() - 1;
    for &cluster_id in candidates.iter().take(4) {
        let assessed_on = today.checked_sub_days(Days::new(rng.random_range(3..=40))).unwrap_or(today);
        let input = AssessmentInput {
            cluster_id,
            year: i64::from(year),
            assessor: ASSESSORS.choose(rng).copied().unwrap_or("Andrei Popa").to_string(),
            assessed_on: assessed_on.format("%Y-%m-%d").to_string(),
            notes: "Evaluare în curs: se așteaptă situațiile financiare.".into(),
        };
        let at = At::on(assessed_on);
        let id = create_in(conn, &input, &at).await?;
        let bias = vec![0.0; def.areas.len()];
        let mut values = benchmarking(rng, def, 0.5, &bias, year);
        values.retain(|_| rng.random_bool(0.6));
        save_values_in(conn, id, &values, &at).await?;
    }
    Ok(())
}
