//! The figures of the annual summary and of the home page's dashboard: plain data that the PDF, the
//! spreadsheets, the CSV files and the UI all read. Dates are ISO `YYYY-MM-DD` text, amounts whole
//! bani, rates hundredths of a percent (8750 is 87,50 %).

use serde::Serialize;
use ts_rs::TS;

use crate::clusters::{LabelLevel, OrgKind, Sector};
use crate::geo::Region;

/// Everything the annual report says about one year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AnnualSummary {
    pub year: i64,
    /// The day the "year end" figures describe: 31 December, or today while the year runs.
    pub as_of: String,
    /// Whether `as_of` is 31 December (the year is over).
    pub year_complete: bool,
    /// The day the figures were computed.
    pub made_on: String,
    pub members: MembersPart,
    pub organisations: OrganisationsPart,
    pub labels: LabelsPart,
    pub assessments: AssessmentsPart,
    pub trainings: TrainingsPart,
    pub events: EventsPart,
    pub fees: FeesPart,
    pub services: ServicesPart,
}

/// Members on one day, broken down.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MemberBreakdown {
    pub date: String,
    /// Clusters that are members on `date` (see `summary::membership` for the rule).
    pub members: i64,
    /// Of the members, those whose membership is suspended on `date`.
    pub suspended: i64,
    /// Every sector, most members first. A cluster working in several sectors counts in each,
    /// so these add up to `sector_mentions`, which is at least `members - without_sector`.
    pub by_sector: Vec<SectorCount>,
    pub sector_mentions: i64,
    /// Members with no sector recorded.
    pub without_sector: i64,
    /// The eight development regions in their usual order; they add up to `members`.
    pub by_region: Vec<RegionCount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SectorCount {
    pub sector: Sector,
    pub count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RegionCount {
    pub region: Region,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MembersPart {
    /// Members at the opening of 1 January (as at the close of 31 December of the year before).
    pub at_start: i64,
    pub start_date: String,
    /// Clusters whose joining year is this year, and clusters re-admitted this year after leaving.
    pub joined: i64,
    /// Clusters whose membership ended (status "left") on a day of this year, up to `as_of`.
    pub left: i64,
    /// Members at `as_of`, by sector and region.
    pub at_end: MemberBreakdown,
}

/// The organisations inside the member clusters (at `as_of`), by kind.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OrganisationsPart {
    /// Every kind, in the list's order (SME sizes, large, research, public authorities, other).
    pub by_kind: Vec<OrgKindFigures>,
    pub total: OrgFigures,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct OrgFigures {
    /// Memberships: an organisation in two clusters counts twice.
    pub organisations: i64,
    /// The sum of the employees recorded (organisations without a figure add nothing).
    pub employees: i64,
    /// The sum of the turnovers recorded, in whole lei.
    pub turnover_ron: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrgKindFigures {
    pub kind: OrgKind,
    #[serde(flatten)]
    pub figures: OrgFigures,
}

/// ESCA labels: clusters by the level of their best label valid at `as_of`, labels awarded and
/// labels expired during the year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct LabelsPart {
    /// Bronze, silver, gold.
    pub by_level: Vec<LabelLevelFigures>,
    pub valid_total: i64,
    pub awarded_total: i64,
    pub expired_total: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LabelLevelFigures {
    pub level: LabelLevel,
    /// Member clusters whose best label valid at `as_of` has this level.
    pub valid: i64,
    /// Labels of this level awarded during the year.
    pub awarded: i64,
    /// Labels of this level that expired during the year, up to `as_of`: the day after their last
    /// day of validity falls in the year.
    pub expired: i64,
}

/// Assessments and audits of the year: the final assessments made in it (a corrected one counted
/// once), those recommending a higher level than the cluster's previous final assessment, and the
/// audits held.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AssessmentsPart {
    pub assessments: i64,
    pub audits: i64,
    pub moved_up: i64,
}

/// Trainings held during the year: sessions marked held whose last day falls in the year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrainingsPart {
    pub total: TrainingFigures,
    /// By the course's partner, the association's own courses (no partner) first.
    pub by_partner: Vec<PartnerTrainings>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct TrainingFigures {
    pub sessions: i64,
    /// Distinct courses with a session held.
    pub courses: i64,
    /// Distinct people holding a place (enrolled, confirmed, attended, completed or no-show).
    pub participants: i64,
    /// Places held: one person in two sessions holds two.
    pub seats: i64,
    /// Places that ended completed.
    pub completed: i64,
    /// `completed / seats` in hundredths of a percent (0 when no place was held).
    pub completion_rate: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PartnerTrainings {
    /// None: the association's own courses.
    pub partner_id: Option<i64>,
    pub partner: Option<String>,
    #[serde(flatten)]
    pub figures: TrainingFigures,
}

/// Events held during the year (marked held, their last day in the year), with the figures of
/// each event page added up.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EventsPart {
    /// Every kind, in the list's order.
    pub by_kind: Vec<EventKindFigures>,
    pub total: EventYearFigures,
    /// Participants (places taken, not no-shows) by country, most first.
    pub by_country: Vec<crate::events::CountryCount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct EventYearFigures {
    pub events: i64,
    /// Places taken and not missed, summed over the events (one person at two events counts twice).
    pub participants: i64,
    pub attended: i64,
    pub meetings_held: i64,
    pub agreements: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventKindFigures {
    pub kind: crate::events::EventKind,
    #[serde(flatten)]
    pub figures: EventYearFigures,
}

/// Membership fees of the year, and what is still owed for earlier years, counting the payments
/// made up to `as_of` (a past year's report does not change when late payments arrive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FeesPart {
    pub due_bani: i64,
    pub paid_bani: i64,
    /// What is still owed for the year (overpayments do not offset other clusters' debts).
    pub outstanding_bani: i64,
    /// Clusters with a fee set for the year.
    pub clusters_due: i64,
    /// Clusters that owe part of the year's fee.
    pub clusters_outstanding: i64,
    /// Owed for years before this one.
    pub arrears_bani: i64,
    pub clusters_in_arrears: i64,
}

/// Services to members during the year: requests received (by topic, and where they stood at
/// `as_of`), the hours of consulting logged (by cluster), introductions made and what came of
/// them, the joint projects of the year by status with their budgets, and the positions sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServicesPart {
    /// Every topic, in the list's order.
    pub requests_by_topic: Vec<TopicFigures>,
    pub requests: RequestFigures,
    /// Clusters (and founding groups) with time logged in the year, most hours first.
    pub hours_by_cluster: Vec<ClusterHours>,
    pub minutes: i64,
    /// Introductions made in the year, by their outcome (every outcome, in the list's order).
    pub introductions_by_outcome: Vec<OutcomeCount>,
    pub introductions: i64,
    /// Projects submitted, running or closed in the year (ideas: recorded in it), by status.
    pub projects_by_status: Vec<ProjectStatusFigures>,
    /// Positions sent in the year, in the order they were sent.
    pub positions: Vec<PositionSent>,
    /// Funding calls published (opened) in the year, as recorded for the members' information.
    pub calls_published: i64,
    /// Bulletins with a message sent in the year, and the addresses they reached.
    pub bulletins_sent: i64,
    pub recipients_reached: i64,
}

/// Requests received in the year: those closed by `as_of` as done or dropped, the others open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct RequestFigures {
    pub received: i64,
    pub done: i64,
    pub dropped: i64,
    pub open: i64,
    /// Time logged on them in the year.
    pub minutes: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TopicFigures {
    pub topic: crate::services::RequestTopic,
    #[serde(flatten)]
    pub figures: RequestFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClusterHours {
    /// None for a group founding a cluster.
    pub cluster_id: Option<i64>,
    pub name: String,
    pub requests: i64,
    pub activities: i64,
    pub minutes: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OutcomeCount {
    pub outcome: crate::network::IntroductionOutcome,
    pub count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectStatusFigures {
    pub status: crate::projects::ProjectStatus,
    pub projects: i64,
    /// In euro cents; projects in lei without a rate are left out of the sums (`unconverted`).
    pub budget_eur: i64,
    pub own_share_eur: i64,
    pub unconverted: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PositionSent {
    pub consultation_id: i64,
    pub body: crate::representation::Body,
    pub title: String,
    pub sent_on: String,
    pub outcome: crate::representation::PositionOutcome,
    pub members_asked: i64,
}

// ---------------------------------------------------------------------------------------------
// The dashboard

/// The home page's headline figures, from the same functions as the annual summary.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    pub today: String,
    pub year: i64,
    /// Members today, by sector and region.
    pub members: MemberBreakdown,
    /// Member clusters by the level of their best label valid today (bronze, silver, gold).
    pub labels: Vec<LabelLevelFigures>,
    /// Best labels of member clusters that end within the next 90 days, soonest first.
    pub expiring_labels: Vec<ExpiringLabel>,
    /// Planned sessions starting within the next 60 days, soonest first.
    pub upcoming_sessions: Vec<UpcomingSession>,
    /// Fees owed for years before this one.
    pub unpaid: UnpaidFees,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExpiringLabel {
    pub cluster_id: i64,
    pub cluster: String,
    pub level: LabelLevel,
    pub valid_until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UpcomingSession {
    pub session_id: i64,
    pub title_ro: String,
    pub title_en: String,
    pub partner: Option<String>,
    pub first_day: String,
    pub last_day: String,
    pub capacity: i64,
    pub enrolled: i64,
    pub free: i64,
    pub open_for_enrolment: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UnpaidFees {
    pub clusters: i64,
    pub total_bani: i64,
    /// The clusters that owe, most owed first.
    pub debtors: Vec<Debtor>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Debtor {
    pub cluster_id: i64,
    pub cluster: String,
    pub owed_bani: i64,
}
