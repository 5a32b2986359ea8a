use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::code_enum::code_enum;

code_enum! {
    /// What a cluster (or a group founding one) asks the association for.
    #[derive(Default)]
    RequestTopic {
        Founding = "founding",
        Governance = "governance",
        Strategy = "strategy",
        Funding = "funding",
        Internationalisation = "internationalisation",
        Digitalisation = "digitalisation",
        #[default]
        Other = "other",
    }
}

code_enum! {
    /// Where a request stands. `waiting`: the association waits for the cluster (documents, a
    /// decision). Done and dropped requests are closed; reopening one puts it back in progress.
    #[derive(Default)]
    RequestStatus {
        #[default]
        New = "new",
        InProgress = "in_progress",
        Waiting = "waiting",
        Done = "done",
        Dropped = "dropped",
    }
}

impl RequestStatus {
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Done | RequestStatus::Dropped)
    }

    /// The statuses a request may move to from this one. A request never goes back to `new`
    /// (somebody has looked at it); a closed one is reopened into `in_progress`.
    pub fn next(self) -> &'static [RequestStatus] {
        use RequestStatus::*;
        match self {
            New => &[InProgress, Waiting, Done, Dropped],
            InProgress => &[Waiting, Done, Dropped],
            Waiting => &[InProgress, Done, Dropped],
            Done | Dropped => &[InProgress],
        }
    }

    pub fn can_become(self, to: RequestStatus) -> bool {
        self.next().contains(&to)
    }
}

code_enum! {
    #[derive(Default)]
    ActivityKind {
        #[default]
        Meeting = "meeting",
        Call = "call",
        Visit = "visit",
        WrittenAdvice = "written_advice",
        DocumentReview = "document_review",
    }
}

/// What the request form edits. The status moves through [`set_request_status`](super::set_request_status).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RequestInput {
    /// The member cluster asking; None for a group founding a cluster (`group_name`).
    pub cluster_id: Option<i64>,
    pub group_name: String,
    pub topic: RequestTopic,
    pub title: String,
    pub description: String,
    /// Who asked: a contact of the cluster, or a name typed in (`requester_name`).
    pub contact_id: Option<i64>,
    pub requester_name: String,
    pub received_on: String,
    /// The staff member in charge.
    pub owner: String,
    pub due_on: Option<String>,
}

/// A line of the requests list (and of the dashboard's lists).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RequestRow {
    pub id: i64,
    pub cluster_id: Option<i64>,
    /// The cluster's name, or the founding group's.
    pub asked_by: String,
    pub topic: RequestTopic,
    pub title: String,
    pub requester: String,
    pub received_on: String,
    pub owner: String,
    pub status: RequestStatus,
    pub due_on: Option<String>,
    pub closed_on: Option<String>,
    /// Open and its due date passed.
    pub overdue: bool,
    pub minutes: i64,
    pub activities: i64,
    /// The earliest follow-up not done.
    pub next_follow_up: Option<String>,
}

code_enum! {
    /// Which requests the list shows by status.
    #[derive(Default)]
    RequestScope { #[default] Open = "open", Closed = "closed", All = "all", Overdue = "overdue" }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct RequestFilter {
    pub scope: RequestScope,
    pub owner: Option<String>,
    pub cluster_id: Option<i64>,
    pub topic: Option<RequestTopic>,
    /// Received in this year.
    pub year: Option<i64>,
    /// Matched in the title, the cluster or group and the requester, without diacritics.
    pub search: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FileRef {
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct ActivityInput {
    pub kind: ActivityKind,
    pub done_on: String,
    /// Time spent, in minutes (the window reads hours: 1,5 h is 90).
    pub minutes: i64,
    /// Who did it (a staff member).
    pub staff: String,
    pub summary: String,
    pub files: Vec<FileRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Activity {
    pub id: i64,
    pub request_id: i64,
    #[serde(flatten)]
    pub input: ActivityInput,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FollowUpInput {
    pub action: String,
    pub due_on: String,
    pub owner: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUp {
    pub id: i64,
    pub request_id: i64,
    #[serde(flatten)]
    pub input: FollowUpInput,
    pub done_on: Option<String>,
    /// Not done and its day passed.
    pub overdue: bool,
}

/// A follow-up with its request, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpRow {
    #[serde(flatten)]
    pub follow_up: FollowUp,
    pub request_title: String,
    pub asked_by: String,
}

/// A request's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RequestDetail {
    pub id: i64,
    #[serde(flatten)]
    pub input: RequestInput,
    pub asked_by: String,
    /// The contact's name when there is one (it may have changed since), else the name typed in.
    pub requester: String,
    pub status: RequestStatus,
    pub closed_on: Option<String>,
    pub outcome: String,
    pub overdue: bool,
    /// Where the status may go from here.
    pub next_statuses: Vec<RequestStatus>,
    pub activities: Vec<Activity>,
    pub follow_ups: Vec<FollowUp>,
    pub minutes: i64,
}

/// The dashboard's part: the current staff member's open requests, and every overdue request and
/// follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MyWork {
    pub staff: String,
    pub today: String,
    pub mine: Vec<RequestRow>,
    pub overdue: Vec<RequestRow>,
    pub overdue_follow_ups: Vec<FollowUpRow>,
}
