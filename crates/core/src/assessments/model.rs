//! The assessment types that cross to the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::framework::{Area, Framework};
use super::scoring::{AssessmentResult, IndicatorValue};
use crate::clusters::LabelLevel;
use crate::code_enum::code_enum;

code_enum! {
    /// A draft is edited; a final assessment is read-only; a superseded one has been corrected by
    /// a later final revision and is kept as it was.
    AssessmentStatus { Draft = "draft", Final = "final", Superseded = "superseded" }
}

/// A new assessment, or the header of a draft (the cluster and year of a draft do not change).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AssessmentInput {
    pub cluster_id: i64,
    pub year: i64,
    pub assessor: String,
    /// ISO date.
    pub assessed_on: String,
    pub notes: String,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AssessmentRow {
    pub id: i64,
    pub cluster_id: i64,
    pub cluster: String,
    pub year: i64,
    pub revision: i64,
    pub status: AssessmentStatus,
    pub assessor: String,
    pub assessed_on: String,
    pub framework_version: i64,
    /// Frozen scores of a final assessment; None for a draft.
    pub overall: Option<f64>,
    pub quality_share: Option<f64>,
    pub level: Option<LabelLevel>,
    pub finalised_at: Option<String>,
}

/// The list's filters; all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AssessmentQuery {
    pub cluster_id: Option<i64>,
    pub year: Option<i64>,
    pub status: Option<AssessmentStatus>,
}

/// Another revision of the same assessment.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RevisionRef {
    pub id: i64,
    pub revision: i64,
    pub status: AssessmentStatus,
    pub reason: String,
    pub finalised_at: Option<String>,
}

/// An assessment with its framework version, values and scores (frozen when final, computed now
/// for a draft).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AssessmentDetail {
    pub row: AssessmentRow,
    pub notes: String,
    pub revision_reason: String,
    pub revisions: Vec<RevisionRef>,
    pub framework: Framework,
    /// The framework version new assessments use, to say when this one is older.
    pub current_framework_version: i64,
    pub values: Vec<IndicatorValue>,
    pub result: AssessmentResult,
}

/// One final assessment in a cluster's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HistoryPoint {
    pub assessment_id: i64,
    pub year: i64,
    pub assessed_on: String,
    pub framework_version: i64,
    pub overall: f64,
    pub quality_share: f64,
    pub level: Option<LabelLevel>,
    /// In the order of [`Comparison::areas`].
    pub areas: Vec<f64>,
}

/// The medians of the latest final assessment of every cluster that has one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NationalMedian {
    pub clusters: i64,
    pub overall: f64,
    pub quality_share: f64,
    pub areas: Vec<f64>,
}

/// A cluster's assessments over the years, and against the national median.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub cluster_id: i64,
    pub cluster: String,
    pub areas: Vec<Area>,
    /// Oldest first.
    pub history: Vec<HistoryPoint>,
    pub national: Option<NationalMedian>,
}
