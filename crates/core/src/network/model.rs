use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::geo::Region;

code_enum! {
    /// Why two parties were suggested to each other.
    ///
    /// - `complementary_caen`: their CAEN classes (either revision, read through the INS
    ///   correspondence) are different links of one value chain (`chain`, `ours`, `theirs`);
    /// - `same_sector` / `complementary_sectors`: they work in the same field, or in fields that
    ///   buy from and sell to each other (`sector`, `theirs`);
    /// - `same_region` / `neighbouring_region`: where they are (`region`);
    /// - `partner_network`: a partner abroad, in a network the association works with, has
    ///   organised events in the cluster's field (`network`, `country`, `sector`).
    ReasonCode {
        ComplementaryCaen = "complementary_caen",
        SameSector = "same_sector",
        ComplementarySectors = "complementary_sectors",
        SameRegion = "same_region",
        NeighbouringRegion = "neighbouring_region",
        PartnerNetwork = "partner_network",
    }
}

/// One reason, with the values its message names (codes, not sentences: the edge writes them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reason {
    pub code: ReasonCode,
    pub params: BTreeMap<String, String>,
}

impl Reason {
    pub(crate) fn new(code: ReasonCode) -> Reason {
        Reason { code, params: BTreeMap::new() }
    }

    pub(crate) fn with(mut self, key: &str, value: impl ToString) -> Reason {
        self.params.insert(key.to_string(), value.to_string());
        self
    }
}

code_enum! {
    /// What a suggestion (or one side of an introduction) is.
    PartyKind { Cluster = "cluster", Organisation = "organisation", Partner = "partner" }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Suggestion {
    pub kind: PartyKind,
    /// The cluster's, organisation's or partner's id.
    pub id: i64,
    pub name: String,
    /// The member cluster (of an organisation, or the cluster itself).
    pub cluster_id: Option<i64>,
    pub cluster_name: Option<String>,
    pub region: Option<Region>,
    /// ISO 3166 alpha-2 ("RO" for members).
    pub country: String,
    /// The weight of the reasons; higher first.
    pub score: i64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Suggestions {
    /// The cluster (or organisation) the suggestions are for.
    pub name: String,
    pub suggestions: Vec<Suggestion>,
    /// Candidates left out because they were introduced already.
    pub already_introduced: i64,
    /// The organisation has no CAEN class recorded, so nothing can be matched on it.
    pub missing_caen: bool,
}

code_enum! {
    /// What an introduction led to.
    #[derive(Default)]
    IntroductionOutcome {
        #[default]
        Pending = "pending",
        Met = "met",
        JointProject = "joint_project",
        Nothing = "nothing",
    }
}

/// An introduction: side A is a member cluster (optionally one of its organisations and a person
/// there); side B another member cluster (the same details) or a partner abroad.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct IntroductionInput {
    pub a_cluster_id: i64,
    pub a_organisation_id: Option<i64>,
    pub a_contact_id: Option<i64>,
    pub b_cluster_id: Option<i64>,
    pub b_organisation_id: Option<i64>,
    pub b_contact_id: Option<i64>,
    pub b_partner_id: Option<i64>,
    pub introduced_on: String,
    /// The staff member who made it.
    pub introduced_by: String,
    pub reason: String,
    pub outcome: IntroductionOutcome,
    /// When the outcome became known; empty while pending.
    pub outcome_on: Option<String>,
    /// The joint project it led to.
    pub project_id: Option<i64>,
    pub notes: String,
}

/// One side of an introduction as people read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Party {
    pub kind: PartyKind,
    pub cluster_id: Option<i64>,
    pub partner_id: Option<i64>,
    /// The cluster's or partner's name.
    pub name: String,
    pub organisation: Option<String>,
    pub person: Option<String>,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Introduction {
    pub id: i64,
    #[serde(flatten)]
    pub input: IntroductionInput,
    pub a: Party,
    pub b: Party,
    pub project: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct IntroductionFilter {
    /// On either side.
    pub cluster_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub year: Option<i64>,
    pub outcome: Option<IntroductionOutcome>,
}
