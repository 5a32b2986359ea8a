//! The events list, the event page, the figures of an event and the views from a cluster.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::meetings::{meetings_in, organisation_key, roster_by_id};
use super::model::*;
use crate::clusters::Sector;
use crate::registrations::{self, Offering, RegistrationState, RegistrationView, SEATED_SQL};
use crate::store::Store;
use crate::text::{fold, tidy};
use crate::{Error, Result};

fn event_select(filter: &str) -> String {
    format!(
        "SELECT e.*, pa.name AS organiser, \
         (SELECT count(*) FROM registrations r WHERE r.offering_kind = 'event' AND r.offering_id = e.id AND r.state IN {SEATED_SQL}) AS seated, \
         (SELECT count(*) FROM registrations r WHERE r.offering_kind = 'event' AND r.offering_id = e.id AND r.state = 'waitlisted') AS waitlisted, \
         (SELECT count(*) FROM meetings m WHERE m.event_id = e.id AND m.status = 'held') AS meetings_held, \
         (SELECT group_concat(p.name, '|') FROM (SELECT p.name FROM event_co_organisers x JOIN partners p ON p.id = x.partner_id \
            WHERE x.event_id = e.id ORDER BY p.sort_name) p) AS co_organisers \
         FROM events e LEFT JOIN partners pa ON pa.id = e.organiser_id WHERE {filter}"
    )
}

fn row_from(row: &SqliteRow) -> Result<EventRow> {
    let co: Option<String> = row.try_get("co_organisers")?;
    Ok(EventRow {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        title: row.try_get("title")?,
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        place: row.try_get("place")?,
        country: row.try_get("country")?,
        status: row.try_get("status")?,
        organiser_id: row.try_get("organiser_id")?,
        organiser: row.try_get("organiser")?,
        co_organisers: co.map(|c| c.split('|').map(str::to_string).collect()).unwrap_or_default(),
        capacity: row.try_get("capacity")?,
        seated: row.try_get("seated")?,
        waitlisted: row.try_get("waitlisted")?,
        meetings_held: row.try_get("meetings_held")?,
    })
}

/// The events the filters select, sorted as asked (ties by date, then title).
pub async fn list_events(store: &Store, filter: &EventFilter) -> Result<Vec<EventRow>> {
    let sql = event_select(
        "(?1 IS NULL OR e.kind = ?1) AND (?2 IS NULL OR substr(e.starts_on, 1, 4) = ?2) \
         AND (?3 IS NULL OR e.organiser_id = ?3 OR EXISTS (SELECT 1 FROM event_co_organisers x WHERE x.event_id = e.id AND x.partner_id = ?3)) \
         AND (?4 IS NULL OR e.country = ?4)",
    );
    let country = filter.country.as_deref().map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(filter.kind.map(EventKind::code))
        .bind(filter.year.map(|y| format!("{y:04}")))
        .bind(filter.partner_id)
        .bind(country)
        .fetch_all(store.pool())
        .await?;
    let needle = fold(&tidy(&filter.search));
    let mut events: Vec<EventRow> = rows
        .iter()
        .map(row_from)
        .filter(|e| {
            e.as_ref()
                .map_or(true, |e| needle.is_empty() || fold(&format!("{} {}", e.title, e.place)).contains(&needle))
        })
        .collect::<Result<_>>()?;
    events.sort_by_cached_key(|e| (e.starts_on.clone(), fold(&e.title)));
    match filter.sort {
        EventSort::Date => {}
        EventSort::Title => events.sort_by_cached_key(|e| fold(&e.title)),
        EventSort::Kind => events.sort_by_key(|e| e.kind),
        EventSort::Country => events.sort_by_cached_key(|e| e.country.clone()),
        EventSort::Participants => events.sort_by_key(|e| e.seated),
    }
    if filter.descending {
        events.reverse();
    }
    Ok(events)
}

/// The events a partner organised or co-organised, latest first.
pub(crate) async fn partner_events_in(conn: &mut SqliteConnection, partner_id: i64) -> Result<Vec<EventRow>> {
    let sql = event_select(
        "e.organiser_id = ?1 OR e.id IN (SELECT event_id FROM event_co_organisers WHERE partner_id = ?1) \
         ORDER BY e.starts_on DESC",
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(partner_id).fetch_all(&mut *conn).await?;
    rows.iter().map(row_from).collect()
}

pub async fn get_event(store: &Store, id: i64) -> Result<Event> {
    let mut conn = store.pool().acquire().await?;
    get_event_in(&mut conn, id, store.today()).await
}

pub(crate) async fn get_event_in(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> Result<Event> {
    let row = sqlx::query(
        "SELECT e.*, pa.name AS organiser FROM events e LEFT JOIN partners pa ON pa.id = e.organiser_id WHERE e.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound { entity: "event", id })?;
    let co_organiser_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT x.partner_id FROM event_co_organisers x JOIN partners p ON p.id = x.partner_id WHERE x.event_id = ? ORDER BY p.sort_name",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut sectors: Vec<Sector> = sqlx::query_scalar("SELECT sector FROM event_sectors WHERE event_id = ?")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    sectors.sort();
    let status: EventStatus = row.try_get("status")?;
    let deadline: String = row.try_get("registration_deadline")?;
    Ok(Event {
        id,
        organiser: row.try_get("organiser")?,
        open_for_registration: status == EventStatus::Planned
            && today.format("%Y-%m-%d").to_string().as_str() <= deadline.as_str(),
        input: EventInput {
            kind: row.try_get("kind")?,
            title: row.try_get("title")?,
            starts_on: row.try_get("starts_on")?,
            ends_on: row.try_get("ends_on")?,
            place: row.try_get("place")?,
            country: row.try_get("country")?,
            organiser_id: row.try_get("organiser_id")?,
            co_organiser_ids,
            budget_bani: row.try_get("budget_bani")?,
            capacity: row.try_get("capacity")?,
            registration_deadline: deadline,
            status,
            sectors,
            description: row.try_get("description")?,
            evaluation: row.try_get("evaluation")?,
        },
    })
}

/// Everything the event page shows, read in one transaction.
pub async fn event_detail(store: &Store, id: i64) -> Result<EventDetail> {
    let mut conn = store.pool().begin().await?;
    let event = get_event_in(&mut conn, id, store.today()).await?;
    let mut co_organisers = Vec::new();
    for partner_id in &event.input.co_organiser_ids {
        co_organisers.push(crate::trainings::get_partner_in(&mut conn, *partner_id).await?);
    }
    let by_id = roster_by_id(&mut conn, id).await?;
    let meetings = meetings_in(&mut conn, id, &by_id).await?;
    let roster = registrations::roster_in(&mut conn, Offering::event(id)).await?;
    let counts = registrations::counts_in(&mut conn, Offering::event(id)).await?;
    let figures = figures(&roster, &meetings);
    Ok(EventDetail { event, co_organisers, counts, roster, meetings, figures })
}

/// Counts as a participant of an event: holds a place and did not fail to come.
pub(crate) fn takes_part(state: RegistrationState) -> bool {
    matches!(state, RegistrationState::Enrolled | RegistrationState::Confirmed | RegistrationState::Attended)
}

/// The figures of one event from its roster and meetings; the one place they are counted (the
/// event page, the event report and the annual summary all come here).
pub fn figures(roster: &[RegistrationView], meetings: &[Meeting]) -> EventFigures {
    let mut f = EventFigures::default();
    let mut by_country: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_cluster: BTreeMap<Option<i64>, (Option<String>, i64)> = BTreeMap::new();
    let mut organisations = HashSet::new();
    for r in roster {
        match r.state {
            RegistrationState::Confirmed => f.confirmed += 1,
            RegistrationState::Attended => f.attended += 1,
            RegistrationState::NoShow => f.no_show += 1,
            RegistrationState::Waitlisted => f.waitlisted += 1,
            _ => {}
        }
        if !takes_part(r.state) {
            continue;
        }
        f.participants += 1;
        *by_country.entry(r.country.clone()).or_default() += 1;
        by_cluster.entry(r.cluster_id).or_insert_with(|| (r.cluster_name.clone(), 0)).1 += 1;
        if let Some(key) = organisation_key(r) {
            organisations.insert(key);
        }
    }
    f.organisations = organisations.len() as i64;
    f.by_country = by_country.into_iter().map(|(country, count)| CountryCount { country, count }).collect();
    f.by_country.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.country.cmp(&b.country)));
    f.by_cluster = by_cluster
        .into_iter()
        .map(|(cluster_id, (cluster, count))| ClusterCount { cluster_id, cluster, count })
        .collect();
    // Clusters by count, then name; people from outside the clusters last.
    f.by_cluster
        .sort_by_cached_key(|c| (c.cluster_id.is_none(), -c.count, c.cluster.as_deref().map(fold).unwrap_or_default()));
    for m in meetings {
        f.meetings_requested += 1;
        if m.status == MeetingStatus::Held {
            f.meetings_held += 1;
            match m.outcome {
                MeetingOutcome::FollowUp => f.follow_ups += 1,
                MeetingOutcome::Agreement => f.agreements += 1,
                MeetingOutcome::None => {}
            }
        }
    }
    f
}

/// Member organisations whose name or cluster contains `text` (without regard to case or
/// diacritics), of current clusters, by name; at most 20.
pub async fn search_organisations(store: &Store, text: &str) -> Result<Vec<OrganisationChoice>> {
    let rows: Vec<OrganisationChoice> = sqlx::query_as(
        "SELECT o.id, o.name, o.cluster_id, k.name AS cluster_name FROM organisations o \
         JOIN clusters k ON k.id = o.cluster_id WHERE k.archived_at IS NULL",
    )
    .fetch_all(store.pool())
    .await?;
    let needle = fold(&tidy(text));
    let mut found: Vec<(String, OrganisationChoice)> = rows
        .into_iter()
        .filter(|o| needle.is_empty() || fold(&format!("{} {}", o.name, o.cluster_name)).contains(&needle))
        .map(|o| (fold(&o.name), o))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().take(20).map(|(_, o)| o).collect())
}

/// The events the people of a cluster (its contacts, and people standing for its member
/// organisations) registered for, not counting cancelled registrations; latest first.
pub async fn cluster_events(store: &Store, cluster_id: i64) -> Result<Vec<ClusterEvent>> {
    let rows = sqlx::query(
        "SELECT e.id, e.kind, e.title, e.starts_on, e.country, count(*) AS people, \
         sum(r.state = 'attended') AS attended, \
         (SELECT count(*) FROM meetings m JOIN registrations x ON x.id IN (m.requester_id, m.invitee_id) \
            JOIN participants q ON q.id = x.participant_id LEFT JOIN contacts qc ON qc.id = q.contact_id \
            LEFT JOIN organisations qo ON qo.id = q.organisation_id \
            WHERE m.event_id = e.id AND m.status = 'held' AND COALESCE(qo.cluster_id, qc.cluster_id) = ?1) AS meetings_held \
         FROM registrations r JOIN events e ON r.offering_kind = 'event' AND e.id = r.offering_id \
         JOIN participants p ON p.id = r.participant_id LEFT JOIN contacts c ON c.id = p.contact_id \
         LEFT JOIN organisations o ON o.id = p.organisation_id \
         WHERE COALESCE(o.cluster_id, c.cluster_id) = ?1 AND r.state <> 'cancelled' \
         GROUP BY e.id ORDER BY e.starts_on DESC, e.id DESC",
    )
    .bind(cluster_id)
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ClusterEvent {
                event_id: row.try_get("id")?,
                kind: row.try_get("kind")?,
                title: row.try_get("title")?,
                starts_on: row.try_get("starts_on")?,
                country: row.try_get("country")?,
                people: row.try_get("people")?,
                attended: row.try_get("attended")?,
                meetings_held: row.try_get("meetings_held")?,
            })
        })
        .collect()
}

/// The events held whose last day falls between the two days, each with its figures (counted by
/// [`figures`], as on the event page): what the annual summary adds up.
pub(crate) async fn held_between_in(
    conn: &mut SqliteConnection,
    first: &str,
    last: &str,
) -> Result<Vec<(EventKind, EventFigures)>> {
    let held: Vec<(i64, EventKind)> = sqlx::query_as(
        "SELECT id, kind FROM events WHERE status = 'held' AND ends_on BETWEEN ? AND ? ORDER BY ends_on, id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(held.len());
    for (id, kind) in held {
        let by_id = roster_by_id(conn, id).await?;
        let meetings = meetings_in(conn, id, &by_id).await?;
        let roster: Vec<RegistrationView> = by_id.into_values().collect();
        out.push((kind, figures(&roster, &meetings)));
    }
    Ok(out)
}
