use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::money::Currency;

code_enum! {
    /// The funding programme. `cosme` is the legacy COSME programme (2014–2020), followed by the
    /// Single Market Programme.
    #[derive(Default)]
    Programme {
        Interreg = "interreg",
        HorizonEurope = "horizon_europe",
        SingleMarket = "single_market",
        Cosme = "cosme",
        National = "national",
        #[default]
        Other = "other",
    }
}

code_enum! {
    /// The association's (or a partner's) role in a project.
    #[derive(Default)]
    ProjectRole { Lead = "lead", #[default] Partner = "partner", Associate = "associate" }
}

code_enum! {
    #[derive(Default)]
    ProjectStatus {
        #[default]
        Idea = "idea",
        Submitted = "submitted",
        Funded = "funded",
        Rejected = "rejected",
        Running = "running",
        Closed = "closed",
    }
}

impl ProjectStatus {
    /// Where a project may go from here (besides staying): an idea is submitted; a submission is
    /// funded or rejected; a funded project runs, then closes; a rejected one may become an idea
    /// again for another call. A closed project stays closed.
    pub fn next(self) -> &'static [ProjectStatus] {
        use ProjectStatus::*;
        match self {
            Idea => &[Submitted],
            Submitted => &[Funded, Rejected],
            Funded => &[Running],
            Running => &[Closed],
            Rejected => &[Idea],
            Closed => &[],
        }
    }

    pub fn can_become(self, to: ProjectStatus) -> bool {
        self == to || self.next().contains(&to)
    }

    /// Submitted at some point: the submission day is known.
    pub fn was_submitted(self) -> bool {
        !matches!(self, ProjectStatus::Idea)
    }

    /// Funded at some point: the project has its start and end.
    pub fn was_funded(self) -> bool {
        matches!(self, ProjectStatus::Funded | ProjectStatus::Running | ProjectStatus::Closed)
    }
}

code_enum! {
    #[derive(Default)]
    MilestoneKind { #[default] Milestone = "milestone", Deliverable = "deliverable" }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProjectPartnerInput {
    pub partner_id: i64,
    pub role: ProjectRole,
    /// Its share of the budget, in the project's currency (minor units).
    pub share: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProjectClusterInput {
    pub cluster_id: i64,
    /// Its share of the budget, in the project's currency (minor units).
    pub share: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MilestoneInput {
    /// None for a new one.
    pub id: Option<i64>,
    pub kind: MilestoneKind,
    pub title: String,
    pub due_on: String,
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProjectInput {
    pub acronym: String,
    pub title: String,
    pub programme: Programme,
    /// The call's identifier ("HORIZON-CL4-2027-…").
    pub call: String,
    pub role: ProjectRole,
    pub status: ProjectStatus,
    pub submitted_on: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// The currency of every amount of the project.
    pub currency: Currency,
    /// Minor units (euro cents or bani).
    pub budget_total: i64,
    /// The association's own share.
    pub own_share: i64,
    /// The BNR rate, RON per EUR in ten-thousandths (4,9763 is 49763), of `rate_on`.
    pub eur_rate: Option<i64>,
    pub rate_on: Option<String>,
    pub description: String,
    pub partners: Vec<ProjectPartnerInput>,
    pub clusters: Vec<ProjectClusterInput>,
    pub milestones: Vec<MilestoneInput>,
}

/// An amount in both currencies; the converted one is None without a rate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Amount {
    pub eur: Option<i64>,
    pub ron: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectRow {
    pub id: i64,
    pub acronym: String,
    pub title: String,
    pub programme: Programme,
    pub role: ProjectRole,
    pub status: ProjectStatus,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub budget: Amount,
    pub own_share: Amount,
    /// Partner countries (ISO codes), sorted.
    pub countries: Vec<String>,
    pub clusters: i64,
    /// The earliest milestone or deliverable not done.
    pub next_due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectPartner {
    #[serde(flatten)]
    pub input: ProjectPartnerInput,
    pub name: String,
    pub country: String,
    pub network: String,
    pub share_money: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectCluster {
    #[serde(flatten)]
    pub input: ProjectClusterInput,
    pub name: String,
    pub share_money: Amount,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Project {
    pub id: i64,
    #[serde(flatten)]
    pub input: ProjectInput,
    pub budget: Amount,
    pub own_share_money: Amount,
    /// What the shares leave of the budget (own share, partners, clusters).
    pub unallocated: i64,
    pub partner_rows: Vec<ProjectPartner>,
    pub cluster_rows: Vec<ProjectCluster>,
    pub next_statuses: Vec<ProjectStatus>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ProjectFilter {
    pub status: Option<ProjectStatus>,
    pub programme: Option<Programme>,
    pub cluster_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub search: String,
}
