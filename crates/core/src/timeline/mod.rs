//! One timeline per cluster: everything the association did with or for it, newest first —
//! requests and the time spent on them, assessments, SME audits, trainings and events its people
//! attended, introductions, projects, consultations, fees and payments, labels, and the changes
//! of its record from the audit log.
//!
//! It is one SQL query ([`timeline`]): a `UNION ALL` of one `SELECT` per source, each reading the
//! cluster's rows through an index, sorted and paged by SQLite; the same query serves the cluster
//! page and `clusterdesk clusters timeline --cluster ID`. A filter on kinds leaves the other
//! sources out of the statement altogether.
//!
//! **A new source** is one entry in [`SOURCES`] (and a [`TimelineKind`] with its messages):
//! its `SELECT` yields the thirteen columns of [`COLUMNS`], with `?1` for the cluster's id. The
//! bulletins sent to a cluster's contacts (#18) plug in here once their tables exist.
//!
//! The audit log's changes are those of the cluster's record and the records that belong to it
//! (contacts, organisations, sectors, CAEN codes, status), except the tables that already have
//! an item of their own here (requests, introductions, fees, payments, labels, assessments), so
//! that nothing shows twice.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use ts_rs::TS;

use crate::code_enum::code_enum;
use crate::store::Store;
use crate::validation::{Problems, optional_day};
use crate::{Error, Result};

code_enum! {
    TimelineKind {
        Request = "request",
        RequestClosed = "request_closed",
        Activity = "activity",
        Assessment = "assessment",
        SmeAudit = "sme_audit",
        Training = "training",
        Event = "event",
        Introduction = "introduction",
        Project = "project",
        Consultation = "consultation",
        Fee = "fee",
        Payment = "payment",
        Label = "label",
        Change = "change",
    }
}

/// One line of the timeline. What each field holds depends on the kind (see [`SOURCES`]); the
/// edge words it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TimelineItem {
    pub kind: TimelineKind,
    /// The Bucharest day it happened on, `YYYY-MM-DD`.
    pub date: String,
    /// When it was recorded (RFC 3339 UTC), which orders a day's items; None when not known.
    pub stamp: Option<String>,
    /// Its main text: a request's or event's title, an activity's summary, an organisation's name,
    /// the other side of an introduction, a project's acronym, a change's record label; for a
    /// training the course's Romanian title.
    pub title: String,
    /// Secondary text: the person who asked, the request of an activity, a project's title, the
    /// answer to a consultation, a place; for a training the course's English title.
    pub context: String,
    /// A code of the kind's own list: the request topic, the activity kind, the audit kind, the
    /// event kind, the programme, the body consulted, the label level.
    pub code: Option<String>,
    /// A status or outcome code (for a change, the action).
    pub status: Option<String>,
    pub staff: Option<String>,
    pub minutes: Option<i64>,
    /// Whole bani.
    pub amount_bani: Option<i64>,
    /// A count (people at a training or event, open audit actions) or a year (assessment, fee).
    pub count: Option<i64>,
    /// The record to open: the request (also for an activity), the assessment, the audit, the
    /// session, the event, the introduction, the project, the consultation, the label, the audit
    /// log entry; a fee's year.
    pub ref_id: Option<i64>,
    /// For a change: the table of the record changed.
    pub entity: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct TimelineQuery {
    pub cluster_id: i64,
    /// Only these kinds; every kind when empty.
    pub kinds: Vec<TimelineKind>,
    /// First and last day included, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: i64,
    /// 0 means [`DEFAULT_LIMIT`].
    pub limit: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TimelinePage {
    pub cluster_id: i64,
    pub cluster_name: String,
    /// Every item the filters select, not only this page's.
    pub total: i64,
    pub items: Vec<TimelineItem>,
}

pub const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 5000;

/// The columns every source yields, in order.
pub const COLUMNS: &str = "kind, date, stamp, title, context, code, status, staff, minutes, amount_bani, count, ref_id, entity";

/// The Bucharest day of a stored UTC stamp, in SQL: summer time (UTC+3) runs from the last Sunday
/// of March to the last Sunday of October, at 01:00 UTC both times (the EU rule Romania follows).
macro_rules! local_day {
    ($col:literal) => {
        concat!(
            "date(", $col, ", CASE WHEN ", $col, " >= date(substr(", $col, ", 1, 4) || '-03-25', 'weekday 0') || 'T01:00:00Z' \
             AND ", $col, " < date(substr(", $col, ", 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00Z' \
             THEN '+3 hours' ELSE '+2 hours' END)"
        )
    };
}

/// The tables whose rows are items of their own, left out of the changes.
const OWN_ITEMS: &str =
    "('service_requests', 'introductions', 'membership_fees', 'fee_payments', 'labels', 'assessments')";

/// The people of the cluster who can take part in trainings and events: participants linked to
/// its contacts or standing for its organisations.
const PEOPLE: &str = "(p.contact_id IN (SELECT id FROM contacts WHERE cluster_id = ?1) \
     OR p.organisation_id IN (SELECT id FROM organisations WHERE cluster_id = ?1))";

/// One `SELECT` per source, by kind (see [`TimelineItem`] for what each column holds).
pub const SOURCES: &[(TimelineKind, &str)] = &[
    (
        TimelineKind::Request,
        "SELECT 'request', r.received_on, r.created_at, r.title, COALESCE(k.name, r.requester_name), r.topic, r.status, \
         r.owner, NULL, NULL, NULL, r.id, NULL \
         FROM service_requests r LEFT JOIN contacts k ON k.id = r.contact_id WHERE r.cluster_id = ?1",
    ),
    (
        TimelineKind::RequestClosed,
        "SELECT 'request_closed', r.closed_on, r.updated_at, r.title, r.outcome, r.topic, r.status, r.owner, \
         (SELECT SUM(a.minutes) FROM service_activities a WHERE a.request_id = r.id), NULL, NULL, r.id, NULL \
         FROM service_requests r WHERE r.cluster_id = ?1 AND r.closed_on IS NOT NULL",
    ),
    (
        TimelineKind::Activity,
        "SELECT 'activity', a.done_on, a.created_at, a.summary, r.title, a.kind, NULL, a.staff, a.minutes, NULL, NULL, \
         r.id, NULL FROM service_requests r JOIN service_activities a ON a.request_id = r.id WHERE r.cluster_id = ?1",
    ),
    (
        TimelineKind::Assessment,
        "SELECT 'assessment', s.assessed_on, s.created_at, '', s.notes, s.level, s.status, s.assessor, NULL, NULL, \
         s.year, s.id, NULL FROM assessments s WHERE s.cluster_id = ?1 AND s.status <> 'superseded'",
    ),
    (
        TimelineKind::SmeAudit,
        "SELECT 'sme_audit', s.audited_on, s.created_at, o.name, s.findings, s.kind, NULL, s.auditor, NULL, NULL, \
         (SELECT COUNT(*) FROM sme_audit_actions x WHERE x.audit_id = s.id AND x.status IN ('open', 'in_progress')), \
         s.id, NULL FROM organisations o JOIN sme_audits s ON s.organisation_id = o.id WHERE o.cluster_id = ?1",
    ),
    (
        TimelineKind::Training,
        "SELECT 'training', (SELECT MAX(d.day) FROM session_days d WHERE d.session_id = s.id), NULL, co.title_ro, \
         co.title_en, co.format, s.status, s.trainer, NULL, NULL, COUNT(DISTINCT g.participant_id), s.id, NULL \
         FROM participants p JOIN registrations g ON g.participant_id = p.id AND g.offering_kind = 'session' \
         JOIN sessions s ON s.id = g.offering_id JOIN courses co ON co.id = s.course_id \
         WHERE (g.state = 'completed' OR EXISTS (SELECT 1 FROM attendance t WHERE t.registration_id = g.id AND t.present = 1)) \
         AND ${PEOPLE} GROUP BY s.id",
    ),
    (
        TimelineKind::Event,
        "SELECT 'event', e.starts_on, NULL, e.title, e.place, e.kind, e.status, NULL, NULL, NULL, \
         COUNT(DISTINCT g.participant_id), e.id, NULL \
         FROM participants p JOIN registrations g ON g.participant_id = p.id AND g.offering_kind = 'event' \
         JOIN events e ON e.id = g.offering_id WHERE g.state IN ('enrolled', 'confirmed', 'attended') \
         AND ${PEOPLE} GROUP BY e.id",
    ),
    (
        TimelineKind::Introduction,
        "SELECT 'introduction', i.introduced_on, i.created_at, COALESCE(cb.name, pt.name, ''), i.reason, \
         CASE WHEN i.b_partner_id IS NULL THEN 'cluster' ELSE 'partner' END, i.outcome, i.introduced_by, NULL, NULL, \
         NULL, i.id, NULL FROM introductions i LEFT JOIN clusters cb ON cb.id = i.b_cluster_id \
         LEFT JOIN partners pt ON pt.id = i.b_partner_id WHERE i.a_cluster_id = ?1 \
         UNION ALL \
         SELECT 'introduction', i.introduced_on, i.created_at, ca.name, i.reason, 'cluster', i.outcome, i.introduced_by, \
         NULL, NULL, NULL, i.id, NULL FROM introductions i JOIN clusters ca ON ca.id = i.a_cluster_id \
         WHERE i.b_cluster_id = ?1",
    ),
    (
        TimelineKind::Project,
        "SELECT 'project', COALESCE(p.starts_on, p.submitted_on, substr(p.created_at, 1, 10)), p.created_at, p.acronym, \
         p.title, p.programme, p.status, NULL, NULL, NULL, NULL, p.id, NULL \
         FROM project_clusters x JOIN projects p ON p.id = x.project_id WHERE x.cluster_id = ?1",
    ),
    (
        TimelineKind::Consultation,
        "SELECT 'consultation', m.asked_on, NULL, c.title, m.response, c.body, c.outcome, c.owner, NULL, NULL, NULL, \
         c.id, NULL FROM consultation_members m JOIN consultations c ON c.id = m.consultation_id WHERE m.cluster_id = ?1",
    ),
    (
        TimelineKind::Fee,
        "SELECT 'fee', printf('%04d-01-01', f.year), NULL, '', '', NULL, NULL, NULL, NULL, f.due_bani, f.year, f.year, NULL \
         FROM membership_fees f WHERE f.cluster_id = ?1",
    ),
    (
        TimelineKind::Payment,
        "SELECT 'payment', y.paid_on, NULL, y.note, '', NULL, NULL, NULL, NULL, y.amount_bani, y.year, y.id, NULL \
         FROM fee_payments y WHERE y.cluster_id = ?1",
    ),
    (
        TimelineKind::Label,
        "SELECT 'label', l.awarded_on, NULL, l.certificate_ref, l.valid_until, l.level, NULL, NULL, NULL, NULL, NULL, \
         l.id, NULL FROM labels l WHERE l.cluster_id = ?1",
    ),
    (
        TimelineKind::Change,
        concat!(
            "SELECT 'change', ",
            local_day!("g.at"),
            ", g.at, g.label, '', NULL, g.action, g.staff, NULL, NULL, NULL, g.id, g.entity \
             FROM audit_log g WHERE g.entity = 'clusters' AND g.entity_id = ?1 \
             UNION ALL SELECT 'change', ",
            local_day!("g.at"),
            ", g.at, g.label, '', NULL, g.action, g.staff, NULL, NULL, NULL, g.id, g.entity \
             FROM audit_log g WHERE g.parent_entity = 'clusters' AND g.parent_id = ?1 AND g.entity NOT IN ${OWN_ITEMS}"
        ),
    ),
];

/// The statement for `kinds` (every source when empty).
fn statement(kinds: &[TimelineKind]) -> String {
    let branches: Vec<String> = SOURCES
        .iter()
        .filter(|(kind, _)| kinds.is_empty() || kinds.contains(kind))
        .map(|(_, sql)| sql.replace("${PEOPLE}", PEOPLE).replace("${OWN_ITEMS}", OWN_ITEMS))
        .collect();
    // A first SELECT of no rows names the columns (SQLite takes a compound's names from it).
    let names = COLUMNS.split(", ").map(|c| format!("NULL AS {c}")).collect::<Vec<_>>().join(", ");
    format!(
        "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM (SELECT {names} WHERE 0 UNION ALL {}) AS t \
         WHERE date IS NOT NULL AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3) \
         ORDER BY date DESC, stamp DESC, \
         CASE kind WHEN 'request_closed' THEN 0 WHEN 'activity' THEN 2 WHEN 'request' THEN 3 ELSE 1 END, kind, ref_id DESC \
         LIMIT ?4 OFFSET ?5",
        branches.join(" UNION ALL ")
    )
}

/// The cluster's timeline, newest first, filtered and paged as `query` says.
pub async fn timeline(store: &Store, query: &TimelineQuery) -> Result<TimelinePage> {
    let mut problems = Problems::default();
    let from = optional_day(&mut problems, "from", query.from.as_deref()).map(crate::services::ymd);
    let to = optional_day(&mut problems, "to", query.to.as_deref()).map(crate::services::ymd);
    problems.into_result()?;
    let mut conn = store.pool().acquire().await?;
    let cluster_name: String = sqlx::query_scalar("SELECT name FROM clusters WHERE id = ?")
        .bind(query.cluster_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "cluster", id: query.cluster_id })?;
    let limit = if query.limit <= 0 { DEFAULT_LIMIT } else { query.limit.min(MAX_LIMIT) };
    // The statement is built from the constants above only; every value is bound.
    let rows = sqlx::query(sqlx::AssertSqlSafe(statement(&query.kinds)))
        .bind(query.cluster_id)
        .bind(&from)
        .bind(&to)
        .bind(limit)
        .bind(query.offset.max(0))
        .fetch_all(&mut *conn)
        .await?;
    let mut total = 0;
    let mut items = Vec::with_capacity(rows.len());
    for row in &rows {
        total = row.try_get("total")?;
        let kind: String = row.try_get("kind")?;
        let Some(kind) = TimelineKind::parse(&kind) else { continue };
        items.push(TimelineItem {
            kind,
            date: row.try_get("date")?,
            stamp: row.try_get("stamp")?,
            title: row.try_get::<Option<String>, _>("title")?.unwrap_or_default(),
            context: row.try_get::<Option<String>, _>("context")?.unwrap_or_default(),
            code: row.try_get("code")?,
            status: row.try_get("status")?,
            staff: row.try_get("staff")?,
            minutes: row.try_get("minutes")?,
            amount_bani: row.try_get("amount_bani")?,
            count: row.try_get("count")?,
            ref_id: row.try_get("ref_id")?,
            entity: row.try_get("entity")?,
        });
    }
    Ok(TimelinePage { cluster_id: query.cluster_id, cluster_name, total, items })
}

#[cfg(test)]
mod tests;
