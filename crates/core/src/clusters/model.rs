use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::caen::{CaenClass, CaenRevision};
use crate::eligibility::EligibilityFilter;
use crate::geo::Region;

use crate::code_enum::code_enum;

code_enum! {
    /// The fields the association's clusters work in (the list follows the association's page).
    Sector {
        Textiles = "textiles",
        RenewableEnergy = "renewable_energy",
        ElectronicsSoftware = "electronics_software",
        MachineBuilding = "machine_building",
        WoodFurniture = "wood_furniture",
        Agrofood = "agrofood",
        Automotive = "automotive",
        Aerospace = "aerospace",
        Health = "health",
        Construction = "construction",
        Tourism = "tourism",
        CreativeIndustries = "creative_industries",
        Environment = "environment",
        Logistics = "logistics",
    }
}

code_enum! {
    MembershipStatus { Active = "active", Suspended = "suspended", Left = "left" }
}

code_enum! {
    /// The kind of a member organisation; the SME sizes follow the EU definition (Recommendation 2003/361).
    OrgKind {
        Micro = "micro",
        Small = "small",
        Medium = "medium",
        Large = "large",
        Research = "research",
        PublicAuthority = "public_authority",
        Other = "other",
    }
}

code_enum! {
    /// ESCA labels of cluster-management excellence, lowest first.
    LabelLevel { Bronze = "bronze", Silver = "silver", Gold = "gold" }
}

code_enum! {
    /// The list's label filter: a current label of that level, or none.
    LabelFilter { None = "none", Bronze = "bronze", Silver = "silver", Gold = "gold" }
}

code_enum! {
    ClusterSort {
        Name = "name",
        County = "county",
        Region = "region",
        Status = "status",
        Label = "label",
        Members = "members",
        Unpaid = "unpaid",
        Joined = "joined",
    }
}

#[allow(clippy::derivable_impls)] // the enums come from a macro
impl Default for ClusterSort {
    fn default() -> Self {
        ClusterSort::Name
    }
}

#[allow(clippy::derivable_impls)]
impl Default for MembershipStatus {
    fn default() -> Self {
        MembershipStatus::Active
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CaenCode {
    pub revision: CaenRevision,
    pub code: String,
}

/// What the cluster form edits. Contacts, organisations, fees and labels have their own forms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ClusterInput {
    pub name: String,
    pub legal_name: String,
    /// As typed: "RO 0012 3456 78" is accepted and stored in the registry's form, "12345678".
    pub cui: String,
    pub reg_number: String,
    /// The registered office.
    pub address: String,
    pub city: String,
    /// A county code ("BV"); the region follows from it.
    pub county: String,
    pub website: String,
    /// The cluster's own office e-mail and phone, and where letters go when not to `address`:
    /// the organisation's, not a person's (people are contacts).
    pub email: String,
    pub phone: String,
    pub postal_address: String,
    /// The website has an English version (the EU Cluster Collaboration Platform asks for one).
    pub website_english: bool,
    /// The cluster management's staff in full-time equivalents (1.5: one full-time, one half-time);
    /// `None` when not recorded.
    pub management_fte: Option<f64>,
    pub founded_year: Option<i64>,
    pub joined_year: Option<i64>,
    pub status: MembershipStatus,
    pub status_since: Option<String>,
    pub sectors: Vec<Sector>,
    pub caen: Vec<CaenCode>,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ClusterQuery {
    pub search: String,
    pub sectors: Vec<Sector>,
    pub regions: Vec<Region>,
    pub counties: Vec<String>,
    pub statuses: Vec<MembershipStatus>,
    pub labels: Vec<LabelFilter>,
    /// Only clusters that owe fees of past years.
    pub unpaid_only: bool,
    /// Eligible or not under the EU platform's or the national criteria.
    pub eligibility: Vec<EligibilityFilter>,
    /// Flagged by ANAF's membership check (the cluster itself or one of its members).
    pub anaf: Option<crate::anaf::check::AnafFlag>,
    /// The archive instead of the current records.
    pub archived: bool,
    pub sort: ClusterSort,
    pub descending: bool,
    pub offset: i64,
    /// Rows per page; 0 means the default (50).
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClusterRow {
    pub id: i64,
    pub name: String,
    pub cui: String,
    pub city: String,
    pub county: String,
    pub county_name: String,
    pub region: Region,
    /// The cluster's own office e-mail and phone.
    pub email: String,
    pub phone: String,
    pub status: MembershipStatus,
    pub sectors: Vec<Sector>,
    pub label: Option<LabelLevel>,
    pub org_count: i64,
    /// What the cluster owes for fee years before this one.
    pub unpaid_bani: i64,
    pub joined_year: Option<i64>,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClusterPage {
    /// All the rows that match, not only this page's.
    pub total: i64,
    pub rows: Vec<ClusterRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CaenView {
    pub class: CaenClass,
    /// For a Rev.2 code: the Rev.3 classes the INS correspondence table maps it to.
    pub rev3_successors: Vec<CaenClass>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ContactInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub consent: bool,
    pub consent_date: Option<String>,
    pub consent_source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Contact {
    pub id: i64,
    #[serde(flatten)]
    pub input: ContactInput,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct OrganisationInput {
    pub name: String,
    pub kind: Option<OrgKind>,
    pub cui: String,
    pub caen: Option<CaenCode>,
    pub employees: Option<i64>,
    pub turnover_ron: Option<i64>,
    /// The organisation's own office e-mail and phone (not a person's).
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Organisation {
    pub id: i64,
    #[serde(flatten)]
    pub input: OrganisationInput,
    pub caen_view: Option<CaenView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OrgKindCount {
    pub kind: OrgKind,
    pub count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PaymentInput {
    pub year: i64,
    pub paid_on: String,
    pub amount_bani: i64,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Payment {
    pub id: i64,
    #[serde(flatten)]
    pub input: PaymentInput,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FeeYear {
    pub year: i64,
    pub due_bani: i64,
    pub paid_bani: i64,
    pub owed_bani: i64,
    pub payments: Vec<Payment>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct LabelInput {
    pub level: Option<LabelLevel>,
    pub awarded_on: String,
    /// Two years after the award when left empty.
    pub valid_until: Option<String>,
    pub certificate_ref: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Label {
    pub id: i64,
    pub level: LabelLevel,
    pub awarded_on: String,
    pub valid_until: String,
    pub certificate_ref: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct StatusChange {
    pub status: MembershipStatus,
    pub since: Option<String>,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ClusterDetail {
    pub id: i64,
    pub record: ClusterInput,
    pub county_name: String,
    pub region: Region,
    pub caen: Vec<CaenView>,
    pub archived_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub current_label: Option<LabelLevel>,
    pub labels: Vec<Label>,
    pub contacts: Vec<Contact>,
    pub organisations: Vec<Organisation>,
    pub org_counts: Vec<OrgKindCount>,
    pub fees: Vec<FeeYear>,
    pub unpaid_bani: i64,
    pub status_history: Vec<StatusChange>,
    /// Duplicates of this cluster's CUI (or of its organisations') that bringing CUIs to the
    /// registry's form revealed and staff have not resolved yet.
    pub cui_duplicates: Vec<super::CuiDuplicate>,
}
