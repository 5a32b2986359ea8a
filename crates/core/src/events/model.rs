use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clusters::Sector;
use crate::code_enum::code_enum;
use crate::registrations::{RegistrationView, StateCounts};
use crate::trainings::Partner;

code_enum! {
    #[derive(Default)]
    EventKind {
        InwardMission = "inward_mission",
        OutwardMission = "outward_mission",
        Brokerage = "brokerage",
        #[default]
        Conference = "conference",
        Workshop = "workshop",
        Other = "other",
    }
}

code_enum! {
    /// Only a planned event takes registrations; held and cancelled ones are closed.
    #[derive(Default)]
    EventStatus { #[default] Planned = "planned", Held = "held", Cancelled = "cancelled" }
}

code_enum! {
    /// `requested`: asked for (with or without a slot yet); `held` / `not_held`: what happened.
    #[derive(Default)]
    MeetingStatus { #[default] Requested = "requested", Held = "held", NotHeld = "not_held" }
}

code_enum! {
    /// What a held meeting led to.
    #[derive(Default)]
    MeetingOutcome { #[default] None = "none", FollowUp = "follow_up", Agreement = "agreement" }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EventInput {
    pub kind: EventKind,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    /// ISO 3166 alpha-2; empty means Romania.
    pub country: String,
    /// None: the association organises it itself.
    pub organiser_id: Option<i64>,
    pub co_organiser_ids: Vec<i64>,
    pub budget_bani: i64,
    pub capacity: i64,
    pub registration_deadline: String,
    pub status: EventStatus,
    pub sectors: Vec<Sector>,
    pub description: String,
    /// The staff's evaluation once the event is over.
    pub evaluation: String,
}

/// A line of the events list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventRow {
    pub id: i64,
    pub kind: EventKind,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    pub place: String,
    pub country: String,
    pub status: EventStatus,
    pub organiser_id: Option<i64>,
    pub organiser: Option<String>,
    pub co_organisers: Vec<String>,
    pub capacity: i64,
    /// Registrations holding a place (enrolled, confirmed, attended, no-show).
    pub seated: i64,
    pub waitlisted: i64,
    pub meetings_held: i64,
}

code_enum! {
    #[derive(Default)]
    EventSort { #[default] Date = "date", Title = "title", Kind = "kind", Country = "country", Participants = "participants" }
}

/// The list's filters; every one is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EventFilter {
    pub kind: Option<EventKind>,
    pub year: Option<i64>,
    /// Organiser or co-organiser.
    pub partner_id: Option<i64>,
    pub country: Option<String>,
    pub search: String,
    pub sort: EventSort,
    pub descending: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Event {
    pub id: i64,
    #[serde(flatten)]
    pub input: EventInput,
    pub organiser: Option<String>,
    /// Planned and the deadline not passed.
    pub open_for_registration: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MeetingInput {
    /// The registration (of this event) that asked for the meeting.
    pub requester_id: i64,
    pub invitee_id: i64,
    /// 'YYYY-MM-DDTHH:MM', on a day of the event; None while only requested.
    pub slot: Option<String>,
    pub table_label: String,
    pub status: MeetingStatus,
    /// Only a held meeting has an outcome.
    pub outcome: MeetingOutcome,
    pub notes: String,
}

/// One side of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MeetingSide {
    pub registration_id: i64,
    pub name: String,
    pub organisation: String,
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Meeting {
    pub id: i64,
    pub event_id: i64,
    pub requester: MeetingSide,
    pub invitee: MeetingSide,
    pub slot: Option<String>,
    pub table_label: String,
    pub status: MeetingStatus,
    pub outcome: MeetingOutcome,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CountryCount {
    pub country: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClusterCount {
    /// None: people from outside the member clusters.
    pub cluster_id: Option<i64>,
    pub cluster: Option<String>,
    pub count: i64,
}

/// The results of an event, as the event page, the event report and the annual summary count
/// them. Participants are the registrations that hold a place and did not fail to come
/// (enrolled, confirmed, attended); cancelled, waitlisted and no-shows are not participants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EventFigures {
    pub participants: i64,
    pub attended: i64,
    pub confirmed: i64,
    pub no_show: i64,
    pub waitlisted: i64,
    /// Participant organisations (the member organisation, else the name typed), counted once.
    pub organisations: i64,
    pub by_country: Vec<CountryCount>,
    pub by_cluster: Vec<ClusterCount>,
    /// Meetings requested, whatever became of them.
    pub meetings_requested: i64,
    pub meetings_held: i64,
    pub follow_ups: i64,
    pub agreements: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct EventDetail {
    pub event: Event,
    pub co_organisers: Vec<Partner>,
    pub counts: StateCounts,
    pub roster: Vec<RegistrationView>,
    pub meetings: Vec<Meeting>,
    pub figures: EventFigures,
}

/// A member organisation someone can register for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct OrganisationChoice {
    pub id: i64,
    pub name: String,
    pub cluster_id: i64,
    pub cluster_name: String,
}

/// An event a cluster's people took part in (for the cluster's page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClusterEvent {
    pub event_id: i64,
    pub kind: EventKind,
    pub title: String,
    pub starts_on: String,
    pub country: String,
    /// The cluster's people registered (not cancelled), and of them those who attended.
    pub people: i64,
    pub attended: i64,
    pub meetings_held: i64,
}

// ---------------------------------------------------------------------------------------------
// Partners: contacts and agreements.

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct PartnerContactInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnerContact {
    pub id: i64,
    pub partner_id: i64,
    #[serde(flatten)]
    pub input: PartnerContactInput,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AgreementDocument {
    /// Where the document is kept, as text for people to follow; the app never opens it.
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct AgreementInput {
    pub title: String,
    pub signed_on: String,
    pub scope: String,
    /// The partners that signed with the association.
    pub party_ids: Vec<i64>,
    pub documents: Vec<AgreementDocument>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Agreement {
    pub id: i64,
    #[serde(flatten)]
    pub input: AgreementInput,
    pub parties: Vec<String>,
}

/// A partner's page: the partner, its people, its agreements and the events shared with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartnerPage {
    pub partner: Partner,
    pub contacts: Vec<PartnerContact>,
    pub agreements: Vec<Agreement>,
    pub events: Vec<EventRow>,
}
