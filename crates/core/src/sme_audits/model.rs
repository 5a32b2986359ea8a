use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;

code_enum! {
    AuditKind { InnovationAudit = "innovation_audit", BusinessReview = "business_review" }
}

code_enum! {
    /// Where a recommended action stands; open and in progress are the ones still to follow up.
    ActionStatus { Open = "open", InProgress = "in_progress", Done = "done", Dropped = "dropped" }
}

code_enum! {
    /// The six areas of the standard audit grid, in the order of the form.
    GridArea {
        Strategy = "strategy",
        Organisation = "organisation",
        Processes = "processes",
        Resources = "resources",
        Products = "products",
        International = "international",
    }
}

/// The grid's scale: 1 (weak) to 5 (excellent).
pub const SCORE_MIN: i64 = 1;
pub const SCORE_MAX: i64 = 5;

impl ActionStatus {
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

#[allow(clippy::derivable_impls)] // the enums come from a macro
impl Default for ActionStatus {
    fn default() -> Self {
        ActionStatus::Open
    }
}

/// The scores of the grid; every one is required, from [`SCORE_MIN`] to [`SCORE_MAX`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AuditScores {
    pub strategy: Option<i64>,
    pub organisation: Option<i64>,
    pub processes: Option<i64>,
    pub resources: Option<i64>,
    pub products: Option<i64>,
    pub international: Option<i64>,
}

impl AuditScores {
    pub fn get(&self, area: GridArea) -> Option<i64> {
        match area {
            GridArea::Strategy => self.strategy,
            GridArea::Organisation => self.organisation,
            GridArea::Processes => self.processes,
            GridArea::Resources => self.resources,
            GridArea::Products => self.products,
            GridArea::International => self.international,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ActionInput {
    /// The action's id when it is already on record; `None` for a new one.
    pub id: Option<i64>,
    pub action: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub status: ActionStatus,
}

/// What the audit form edits. The actions listed replace the audit's actions: those left out are
/// removed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AuditInput {
    /// A member SME of the cluster.
    pub organisation_id: Option<i64>,
    pub kind: Option<AuditKind>,
    pub audited_on: String,
    pub auditor: String,
    pub scores: AuditScores,
    pub findings: String,
    pub actions: Vec<ActionInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RecommendedAction {
    pub id: i64,
    pub audit_id: i64,
    pub action: String,
    pub owner: String,
    pub due_on: Option<String>,
    pub status: ActionStatus,
    /// Still open after its due date.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Audit {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub kind: AuditKind,
    pub audited_on: String,
    pub auditor: String,
    pub scores: AuditScores,
    /// The mean of the six scores, in hundredths (350 = 3.5).
    pub average_hundredths: i64,
    pub findings: String,
    pub actions: Vec<RecommendedAction>,
}

/// An action still open, with the audit it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OpenAction {
    #[serde(flatten)]
    pub action: RecommendedAction,
    pub organisation: String,
    pub kind: AuditKind,
    pub audited_on: String,
}

/// What the cluster page shows: the audits of its members, newest first, and the open actions,
/// soonest due first (those without a date last).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClusterAudits {
    pub audits: Vec<Audit>,
    pub open_actions: Vec<OpenAction>,
}
