use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clusters::{CaenCode, LabelLevel, OrgKind, Sector};
use crate::code_enum::code_enum;
use crate::geo::Region;
use crate::money::Currency;

code_enum! {
    /// Who may apply to a call: the cluster itself (its managing association) or member
    /// organisations of a kind.
    Applicant {
        Cluster = "cluster",
        Micro = "micro",
        Small = "small",
        Medium = "medium",
        Large = "large",
        Research = "research",
        PublicAuthority = "public_authority",
        Other = "other",
    }
}

impl Applicant {
    pub fn of(kind: OrgKind) -> Applicant {
        match kind {
            OrgKind::Micro => Applicant::Micro,
            OrgKind::Small => Applicant::Small,
            OrgKind::Medium => Applicant::Medium,
            OrgKind::Large => Applicant::Large,
            OrgKind::Research => Applicant::Research,
            OrgKind::PublicAuthority => Applicant::PublicAuthority,
            OrgKind::Other => Applicant::Other,
        }
    }
}

code_enum! {
    /// Where a call stands on a day (Bucharest): not open yet, open, open and closing within
    /// [`CLOSING_DAYS`] days, closed.
    CallState { Upcoming = "upcoming", Open = "open", Closing = "closing", Closed = "closed" }
}

/// "Closing soon": the dashboard's window and the list's filter.
pub const CLOSING_DAYS: i64 = 30;

code_enum! {
    /// Where a regulation or news item comes from.
    #[derive(Default)]
    RegulationSource {
        #[default]
        MonitorulOficial = "monitorul_oficial",
        Government = "government",
        Ministry = "ministry",
        Eu = "eu",
        Other = "other",
    }
}

/// What the call form edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FundingCallInput {
    pub title_ro: String,
    pub title_en: String,
    /// "PR Centru 2021–2027", "PEO", "Horizon Europe"…
    pub programme: String,
    /// The managing authority or funder ("ADR Centru", "Comisia Europeană").
    pub funder: String,
    /// The call's code ("PRC/1.1/2026", "HORIZON-CL4-2027-…").
    pub reference: String,
    pub link: String,
    pub opens_on: Option<String>,
    /// None: open until the budget is spent.
    pub closes_on: Option<String>,
    /// Minor units of `currency` (bani, euro cents); None when not published.
    pub budget: Option<i64>,
    pub currency: Currency,
    /// The applicant's own contribution in hundredths of a percent (1500 = 15 %).
    pub cofinancing_bp: Option<i64>,
    /// Empty: anyone may apply.
    pub applicants: Vec<Applicant>,
    /// Empty: any region.
    pub regions: Vec<Region>,
    /// Empty: any sector.
    pub sectors: Vec<Sector>,
    /// Codes of either revision; empty: any activity.
    pub caen: Vec<CaenCode>,
    /// A current ESCA label of at least this level.
    pub min_label: Option<LabelLevel>,
    /// The national minimum criteria for recognising a cluster must be met.
    pub requires_national: bool,
    /// The EU Cluster Collaboration Platform's profile must be met.
    pub requires_eccp: bool,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FundingCall {
    pub id: i64,
    #[serde(flatten)]
    pub input: FundingCallInput,
    pub state: CallState,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FundingCallRow {
    pub id: i64,
    pub title_ro: String,
    pub title_en: String,
    pub programme: String,
    pub funder: String,
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub budget: Option<i64>,
    pub currency: Currency,
    pub state: CallState,
    pub sectors: Vec<Sector>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FundingCallFilter {
    pub state: Option<CallState>,
    /// Exactly as recorded (the list offers the programmes on record).
    pub programme: Option<String>,
    pub sector: Option<Sector>,
    pub search: String,
    /// Published (opening) in this year.
    pub year: Option<i64>,
}

/// What the regulation form edits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RegulationInput {
    pub title_ro: String,
    pub title_en: String,
    pub source: RegulationSource,
    /// "M. Of. nr. 512 din 12.06.2026", "Regulamentul (UE) 2023/2831".
    pub reference: String,
    pub issued_on: String,
    /// Its effect in short.
    pub effect_ro: String,
    pub effect_en: String,
    pub link: String,
    pub sectors: Vec<Sector>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Regulation {
    pub id: i64,
    #[serde(flatten)]
    pub input: RegulationInput,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RegulationFilter {
    pub source: Option<RegulationSource>,
    pub sector: Option<Sector>,
    pub year: Option<i64>,
    pub search: String,
}
