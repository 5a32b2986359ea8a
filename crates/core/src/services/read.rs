//! What the requests list, a request's page and the dashboard show.

use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::model::*;
use super::requests::ymd;
use crate::list_filter::{push_order_limit, push_words, push_year};
use crate::store::Store;
use crate::{Error, Result};

const ROW_SELECT: &str = "SELECT r.id, r.cluster_id, COALESCE(c.name, r.group_name) AS asked_by, r.topic, r.title, \
     COALESCE(k.name, r.requester_name) AS requester, r.received_on, r.owner, r.status, r.due_on, r.closed_on, \
     (SELECT COALESCE(SUM(a.minutes), 0) FROM service_activities a WHERE a.request_id = r.id) AS minutes, \
     (SELECT COUNT(*) FROM service_activities a WHERE a.request_id = r.id) AS activities, \
     (SELECT MIN(f.due_on) FROM service_follow_ups f WHERE f.request_id = r.id AND f.done_on IS NULL) AS next_follow_up \
     FROM service_requests r LEFT JOIN clusters c ON c.id = r.cluster_id LEFT JOIN contacts k ON k.id = r.contact_id";

const OPEN_SQL: &str = "r.status IN ('new', 'in_progress', 'waiting')";

fn row_of(row: &SqliteRow, today: &str) -> Result<RequestRow> {
    let status: RequestStatus = row.try_get("status")?;
    let due_on: Option<String> = row.try_get("due_on")?;
    Ok(RequestRow {
        id: row.try_get("id")?,
        cluster_id: row.try_get("cluster_id")?,
        asked_by: row.try_get("asked_by")?,
        topic: row.try_get("topic")?,
        title: row.try_get("title")?,
        requester: row.try_get("requester")?,
        received_on: row.try_get("received_on")?,
        owner: row.try_get("owner")?,
        status,
        overdue: status.is_open() && due_on.as_deref().is_some_and(|d| d < today),
        due_on,
        closed_on: row.try_get("closed_on")?,
        minutes: row.try_get("minutes")?,
        activities: row.try_get("activities")?,
        next_follow_up: row.try_get("next_follow_up")?,
    })
}

/// The requests `filter` selects: open ones by due date (overdue first), others newest first.
pub async fn list_requests(store: &Store, filter: &RequestFilter) -> Result<Vec<RequestRow>> {
    let today = ymd(store.today());
    let mut qb = QueryBuilder::<Sqlite>::new(ROW_SELECT);
    qb.push(" WHERE 1 = 1");
    match filter.scope {
        RequestScope::Open => {
            qb.push(format_args!(" AND {OPEN_SQL}"));
        }
        RequestScope::Closed => {
            qb.push(" AND r.status IN ('done', 'dropped')");
        }
        RequestScope::Overdue => {
            qb.push(format_args!(" AND {OPEN_SQL} AND r.due_on < ")).push_bind(today.clone());
        }
        RequestScope::All => {}
    }
    if let Some(owner) = filter.owner.as_deref().filter(|o| !o.trim().is_empty()) {
        qb.push(" AND r.owner = ").push_bind(owner.trim().to_string());
    }
    if let Some(cluster) = filter.cluster_id {
        qb.push(" AND r.cluster_id = ").push_bind(cluster);
    }
    if let Some(topic) = filter.topic {
        qb.push(" AND r.topic = ").push_bind(topic.code());
    }
    push_year(&mut qb, "r.received_on", filter.year);
    push_words(&mut qb, &["r.sort_title", "c.sort_name"], &filter.search);
    push_order_limit(
        &mut qb,
        if filter.scope == RequestScope::Open || filter.scope == RequestScope::Overdue {
            "r.due_on IS NULL, r.due_on, r.received_on DESC, r.id DESC"
        } else {
            "r.received_on DESC, r.id DESC"
        },
    );
    let rows = qb.build().fetch_all(store.pool()).await?;
    rows.iter().map(|r| row_of(r, &today)).collect()
}

/// A request's page: the request, its activities (newest first) with their files, its follow-ups.
pub async fn request_detail(store: &Store, id: i64) -> Result<RequestDetail> {
    let today = ymd(store.today());
    let mut conn = store.pool().acquire().await?;
    request_detail_in(&mut conn, id, &today).await
}

pub(crate) async fn request_detail_in(conn: &mut SqliteConnection, id: i64, today: &str) -> Result<RequestDetail> {
    let row = sqlx::query(
        "SELECT r.*, COALESCE(c.name, r.group_name) AS asked_by, COALESCE(k.name, r.requester_name) AS requester \
         FROM service_requests r LEFT JOIN clusters c ON c.id = r.cluster_id LEFT JOIN contacts k ON k.id = r.contact_id \
         WHERE r.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound { entity: "request", id })?;
    let status: RequestStatus = row.try_get("status")?;
    let due_on: Option<String> = row.try_get("due_on")?;
    let activity_rows = sqlx::query(
        "SELECT id, kind, done_on, minutes, staff, summary FROM service_activities WHERE request_id = ? \
         ORDER BY done_on DESC, id DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let files: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT f.activity_id, f.path, f.label FROM service_activity_files f \
         JOIN service_activities a ON a.id = f.activity_id WHERE a.request_id = ? ORDER BY f.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut activities = Vec::with_capacity(activity_rows.len());
    for a in &activity_rows {
        let activity_id: i64 = a.try_get("id")?;
        activities.push(Activity {
            id: activity_id,
            request_id: id,
            input: ActivityInput {
                kind: a.try_get("kind")?,
                done_on: a.try_get("done_on")?,
                minutes: a.try_get("minutes")?,
                staff: a.try_get("staff")?,
                summary: a.try_get("summary")?,
                files: files
                    .iter()
                    .filter(|f| f.0 == activity_id)
                    .map(|(_, path, label)| FileRef { path: path.clone(), label: label.clone() })
                    .collect(),
            },
        });
    }
    let follow_ups = sqlx::query(
        "SELECT id, request_id, action, due_on, owner, done_on FROM service_follow_ups WHERE request_id = ? \
         ORDER BY done_on IS NOT NULL, due_on, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|f| follow_up_of(f, today))
    .collect::<Result<Vec<_>>>()?;
    Ok(RequestDetail {
        id,
        input: RequestInput {
            cluster_id: row.try_get("cluster_id")?,
            group_name: row.try_get("group_name")?,
            topic: row.try_get("topic")?,
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            contact_id: row.try_get("contact_id")?,
            requester_name: row.try_get("requester_name")?,
            received_on: row.try_get("received_on")?,
            owner: row.try_get("owner")?,
            due_on: due_on.clone(),
        },
        asked_by: row.try_get("asked_by")?,
        requester: row.try_get("requester")?,
        status,
        closed_on: row.try_get("closed_on")?,
        outcome: row.try_get("outcome")?,
        overdue: status.is_open() && due_on.as_deref().is_some_and(|d| d < today),
        next_statuses: status.next().to_vec(),
        minutes: activities.iter().map(|a| a.input.minutes).sum(),
        activities,
        follow_ups,
    })
}

fn follow_up_of(row: &SqliteRow, today: &str) -> Result<FollowUp> {
    let due_on: String = row.try_get("due_on")?;
    let done_on: Option<String> = row.try_get("done_on")?;
    Ok(FollowUp {
        id: row.try_get("id")?,
        request_id: row.try_get("request_id")?,
        overdue: done_on.is_none() && due_on.as_str() < today,
        input: FollowUpInput { action: row.try_get("action")?, due_on, owner: row.try_get("owner")? },
        done_on,
    })
}

/// The dashboard's part for `staff` (the profile in use): their open requests, and every open
/// request and follow-up whose day has passed, whoever holds it.
pub async fn my_work(store: &Store) -> Result<MyWork> {
    let staff = store.staff();
    let today = ymd(store.today());
    let mine = list_requests(store, &RequestFilter { owner: Some(staff.clone()), ..Default::default() }).await?;
    let overdue = list_requests(store, &RequestFilter { scope: RequestScope::Overdue, ..Default::default() }).await?;
    let rows = sqlx::query(
        "SELECT f.id, f.request_id, f.action, f.due_on, f.owner, f.done_on, r.title AS request_title, \
         COALESCE(c.name, r.group_name) AS asked_by FROM service_follow_ups f \
         JOIN service_requests r ON r.id = f.request_id LEFT JOIN clusters c ON c.id = r.cluster_id \
         WHERE f.done_on IS NULL AND f.due_on < ? AND r.status IN ('new', 'in_progress', 'waiting') \
         ORDER BY f.due_on, f.id LIMIT 200",
    )
    .bind(&today)
    .fetch_all(store.pool())
    .await?;
    let overdue_follow_ups = rows
        .iter()
        .map(|r| {
            Ok(FollowUpRow {
                follow_up: follow_up_of(r, &today)?,
                request_title: r.try_get("request_title")?,
                asked_by: r.try_get("asked_by")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(MyWork { staff, today, mine, overdue, overdue_follow_ups })
}
