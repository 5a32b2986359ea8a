use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::registrations::{RegistrationState, RegistrationView};

code_enum! {
    CourseFormat { OnSite = "on_site", Online = "online", Hybrid = "hybrid" }
}

code_enum! {
    /// `held` is set by [`complete_session`](super::complete_session), `cancelled` by
    /// [`cancel_session`](super::cancel_session).
    SessionStatus { Planned = "planned", Held = "held", Cancelled = "cancelled" }
}

#[allow(clippy::derivable_impls)] // the enums come from a macro
impl Default for CourseFormat {
    fn default() -> Self {
        CourseFormat::OnSite
    }
}

/// The share of the hours a participant must attend to complete a course, unless the course says
/// otherwise.
pub const DEFAULT_COMPLETION_PERCENT: i64 = 80;

code_enum! {
    /// What a partner organisation is to the association.
    #[derive(Default)]
    PartnerKind {
        #[default]
        TrainingProvider = "training_provider",
        EenContactPoint = "een_contact_point",
        ClusterAssociation = "cluster_association",
        PublicBody = "public_body",
        Other = "other",
    }
}

/// A partner organisation or network member: a training provider, an Enterprise Europe Network
/// contact point, a foreign cluster association… Trainings and events share the one list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PartnerInput {
    pub name: String,
    pub kind: PartnerKind,
    /// The network it belongs to, as staff name it ("Enterprise Europe Network"); may be empty.
    pub network: String,
    /// ISO 3166 alpha-2, "FR"; may be empty.
    pub country: String,
    pub website: String,
    pub contact_person: String,
    pub email: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Partner {
    pub id: i64,
    #[serde(flatten)]
    pub input: PartnerInput,
    pub course_count: i64,
    /// Events it organised or co-organised.
    pub event_count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CourseInput {
    pub title_ro: String,
    pub title_en: String,
    pub topic: String,
    /// None: a course the association holds itself.
    pub partner_id: Option<i64>,
    pub format: CourseFormat,
    /// The course's nominal length; each session's own hours are the sum of its days.
    pub hours: f64,
    pub fee_bani: i64,
    /// 1–100; 80 by default.
    pub completion_percent: i64,
    pub description: String,
}

impl Default for CourseInput {
    fn default() -> Self {
        CourseInput {
            title_ro: String::new(),
            title_en: String::new(),
            topic: String::new(),
            partner_id: None,
            format: CourseFormat::OnSite,
            hours: 0.0,
            fee_bani: 0,
            completion_percent: DEFAULT_COMPLETION_PERCENT,
            description: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Course {
    pub id: i64,
    #[serde(flatten)]
    pub input: CourseInput,
    pub partner_name: Option<String>,
    pub session_count: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SessionDay {
    /// YYYY-MM-DD
    pub day: String,
    pub hours: f64,
}

/// What the session form edits. The status changes through `complete_session` / `cancel_session`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SessionInput {
    pub course_id: i64,
    /// Where it is held (on site, hybrid); a session needs a place or a link.
    pub place: String,
    /// The meeting link (online, hybrid).
    pub link: String,
    pub trainer: String,
    pub capacity: i64,
    /// YYYY-MM-DD, the last day to register without an override; not after the last day.
    pub enrolment_deadline: String,
    pub notes: String,
    /// One or several days, each with its hours.
    pub days: Vec<SessionDay>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Session {
    pub id: i64,
    #[serde(flatten)]
    pub input: SessionInput,
    pub status: SessionStatus,
    pub first_day: String,
    pub last_day: String,
    /// The sum of the days' hours; completion is measured against it.
    pub hours: f64,
}

/// How a session's places are taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SessionCounts {
    pub capacity: i64,
    /// Everyone holding a place: enrolled, completed or no-show.
    pub enrolled: i64,
    pub waitlisted: i64,
    pub cancelled: i64,
    /// People present on at least one day.
    pub attended: i64,
    pub completed: i64,
    pub no_show: i64,
    /// Places still free.
    pub free: i64,
}

/// A line of the training calendar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionRow {
    pub id: i64,
    pub course_id: i64,
    pub title_ro: String,
    pub title_en: String,
    pub topic: String,
    pub partner_name: Option<String>,
    pub format: CourseFormat,
    pub place: String,
    pub link: String,
    pub trainer: String,
    pub status: SessionStatus,
    pub first_day: String,
    pub last_day: String,
    pub day_count: i64,
    pub hours: f64,
    pub enrolment_deadline: String,
    /// Planned and the deadline not passed.
    pub open_for_enrolment: bool,
    pub counts: SessionCounts,
}

/// Presence of one registration on one day (a day without a mark counts as absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct AttendanceMark {
    pub registration_id: i64,
    pub day: String,
    pub present: bool,
}

/// Attendance so far of one person holding a place.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Progress {
    pub registration_id: i64,
    pub attended_hours: f64,
    pub days_present: i64,
    /// Whether the attended hours reach the course's completion share.
    pub meets_completion: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionDetail {
    pub session: Session,
    pub course: Course,
    pub partner: Option<Partner>,
    pub roster: Vec<RegistrationView>,
    pub counts: SessionCounts,
    pub attendance: Vec<AttendanceMark>,
    pub progress: Vec<Progress>,
    /// The hours a participant must attend to complete this session.
    pub hours_to_complete: f64,
    pub open_for_enrolment: bool,
}

/// What `complete_session` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CompletionSummary {
    pub completed: i64,
    pub no_show: i64,
    /// Present on some days, below the completion share: they stay `enrolled`, without a certificate.
    pub partial: i64,
    /// Certificate numbers given now (not those already given).
    pub new_certificates: Vec<String>,
}

/// One registration of a person for a training session: a line of a person's training history,
/// or of the trainings a cluster's people took.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TrainingRecord {
    pub registration_id: i64,
    pub participant_id: i64,
    pub participant_name: String,
    pub session_id: i64,
    pub course_id: i64,
    pub title_ro: String,
    pub title_en: String,
    pub partner_name: Option<String>,
    pub session_status: SessionStatus,
    pub first_day: String,
    pub last_day: String,
    pub hours: f64,
    pub attended_hours: f64,
    pub state: RegistrationState,
    pub certificate_number: Option<String>,
}
