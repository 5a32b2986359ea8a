use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;

code_enum! {
    /// Who consults the association (or whom it addresses).
    #[derive(Default)]
    Body {
        #[default]
        Government = "government",
        Ministry = "ministry",
        Parliament = "parliament",
        EuropeanCommission = "european_commission",
        ManagingAuthority = "managing_authority",
        Other = "other",
    }
}

code_enum! {
    /// What became of the position sent.
    #[derive(Default)]
    PositionOutcome {
        #[default]
        Pending = "pending",
        Adopted = "adopted",
        PartlyAdopted = "partly_adopted",
        NotAdopted = "not_adopted",
        NoAnswer = "no_answer",
    }
}

/// A member consulted, and what it said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsultedMemberInput {
    pub cluster_id: i64,
    /// The person who answered, when a contact of the cluster; else `person_name`.
    pub contact_id: Option<i64>,
    pub person_name: String,
    pub asked_on: String,
    pub answered_on: Option<String>,
    pub response: String,
}

/// What the list shows of a consultation, and the page begins with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsultationHead {
    pub body: Body,
    /// As the body names itself.
    pub body_name: String,
    /// The subject (a draft law, a programme's guide, a strategy).
    pub title: String,
    pub opened_on: String,
    pub deadline_on: Option<String>,
    /// The staff member who follows it.
    pub owner: String,
    pub position_sent_on: Option<String>,
    pub outcome: PositionOutcome,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsultationInput {
    #[serde(flatten)]
    pub head: ConsultationHead,
    /// Where the position sent is kept (a path, never opened).
    pub position_path: String,
    pub outcome_notes: String,
    pub members: Vec<ConsultedMemberInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsultedMember {
    #[serde(flatten)]
    pub input: ConsultedMemberInput,
    pub cluster_name: String,
    /// The contact's name while the contact exists, else the name kept.
    pub person: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Consultation {
    pub id: i64,
    #[serde(flatten)]
    pub input: ConsultationInput,
    pub member_rows: Vec<ConsultedMember>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ConsultationRow {
    pub id: i64,
    #[serde(flatten)]
    pub head: ConsultationHead,
    pub members: i64,
    pub answers: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ConsultationFilter {
    pub body: Option<Body>,
    pub year: Option<i64>,
    pub cluster_id: Option<i64>,
    /// Only those whose position is not sent yet.
    pub open: bool,
}
