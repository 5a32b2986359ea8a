//! The summary's services part, read from the services' own tables: requests, activities,
//! introductions, projects and consultations of the year (up to `as_of`).

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use super::model::*;
use crate::Result;
use crate::money::{Currency, in_eur};
use crate::network::IntroductionOutcome;
use crate::projects::ProjectStatus;
use crate::services::RequestTopic;

pub(super) async fn services_part(conn: &mut SqliteConnection, first: &str, as_of: &str) -> Result<ServicesPart> {
    // Each request received in the year, with where it stood at `as_of` and the time logged on it
    // in the year.
    let rows = in_period(
        conn,
        "SELECT r.topic, CASE WHEN r.closed_on IS NOT NULL AND r.closed_on <= ?2 THEN r.status ELSE 'open' END AS state, \
         COUNT(*) AS n, \
         COALESCE(SUM((SELECT SUM(a.minutes) FROM service_activities a WHERE a.request_id = r.id \
            AND a.done_on BETWEEN ?1 AND ?2)), 0) AS minutes \
         FROM service_requests r WHERE r.received_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        (first, as_of),
    )
    .await?;
    let mut requests_by_topic: Vec<TopicFigures> =
        RequestTopic::ALL.iter().map(|&topic| TopicFigures { topic, figures: RequestFigures::default() }).collect();
    for row in &rows {
        let topic: RequestTopic = row.try_get("topic")?;
        let state: String = row.try_get("state")?;
        let n: i64 = row.try_get("n")?;
        let Some(entry) = requests_by_topic.iter_mut().find(|t| t.topic == topic) else { continue };
        let f = &mut entry.figures;
        f.received += n;
        f.minutes += row.try_get::<i64, _>("minutes")?;
        match state.as_str() {
            "done" => f.done += n,
            "dropped" => f.dropped += n,
            _ => f.open += n,
        }
    }
    let requests = requests_by_topic.iter().fold(RequestFigures::default(), |mut sum, t| {
        sum.received += t.figures.received;
        sum.done += t.figures.done;
        sum.dropped += t.figures.dropped;
        sum.open += t.figures.open;
        sum.minutes += t.figures.minutes;
        sum
    });

    let hours_by_cluster = in_period(
        conn,
        "SELECT r.cluster_id, COALESCE(c.name, r.group_name) AS name, COUNT(DISTINCT r.id) AS requests, \
         COUNT(*) AS activities, SUM(a.minutes) AS minutes \
         FROM service_activities a JOIN service_requests r ON r.id = a.request_id \
         LEFT JOIN clusters c ON c.id = r.cluster_id WHERE a.done_on BETWEEN ?1 AND ?2 \
         GROUP BY r.cluster_id, COALESCE(c.name, r.group_name) ORDER BY minutes DESC, name",
        (first, as_of),
    )
    .await?
    .iter()
    .map(|r| {
        Ok(ClusterHours {
            cluster_id: r.try_get("cluster_id")?,
            name: r.try_get("name")?,
            requests: r.try_get("requests")?,
            activities: r.try_get("activities")?,
            minutes: r.try_get("minutes")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let minutes = hours_by_cluster.iter().map(|c| c.minutes).sum();

    let outcomes: Vec<(IntroductionOutcome, i64)> = sqlx::query_as(
        "SELECT outcome, COUNT(*) FROM introductions WHERE introduced_on BETWEEN ?1 AND ?2 GROUP BY outcome",
    )
    .bind(first)
    .bind(as_of)
    .fetch_all(&mut *conn)
    .await?;
    let introductions_by_outcome: Vec<OutcomeCount> = IntroductionOutcome::ALL
        .iter()
        .map(|&outcome| OutcomeCount {
            outcome,
            count: outcomes.iter().filter(|(o, _)| *o == outcome).map(|(_, n)| n).sum(),
        })
        .collect();
    let introductions = introductions_by_outcome.iter().map(|o| o.count).sum();

    // A project belongs to the year when it was submitted in it or ran during it; an idea when it
    // was recorded in it.
    let projects = in_period(
        conn,
        "SELECT status, currency, budget_total, own_share, eur_rate FROM projects \
         WHERE submitted_on BETWEEN ?1 AND ?2 OR (starts_on <= ?2 AND ends_on >= ?1) \
            OR (status = 'idea' AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2)",
        (first, as_of),
    )
    .await?;
    let mut projects_by_status: Vec<ProjectStatusFigures> = ProjectStatus::ALL
        .iter()
        .map(|&status| ProjectStatusFigures { status, projects: 0, budget_eur: 0, own_share_eur: 0, unconverted: 0 })
        .collect();
    for row in &projects {
        let status: ProjectStatus = row.try_get("status")?;
        let currency: Currency = row.try_get("currency")?;
        let rate: Option<i64> = row.try_get("eur_rate")?;
        let Some(entry) = projects_by_status.iter_mut().find(|p| p.status == status) else { continue };
        entry.projects += 1;
        match (in_eur(row.try_get("budget_total")?, currency, rate), in_eur(row.try_get("own_share")?, currency, rate)) {
            (Some(budget), Some(own)) => {
                entry.budget_eur += budget;
                entry.own_share_eur += own;
            }
            _ => entry.unconverted += 1,
        }
    }

    let positions = in_period(
        conn,
        "SELECT c.id, c.body, c.title, c.position_sent_on, c.outcome, \
         (SELECT COUNT(*) FROM consultation_members m WHERE m.consultation_id = c.id) AS asked \
         FROM consultations c WHERE c.position_sent_on BETWEEN ?1 AND ?2 ORDER BY c.position_sent_on, c.id",
        (first, as_of),
    )
    .await?
    .iter()
    .map(|r| {
        Ok(PositionSent {
            consultation_id: r.try_get("id")?,
            body: r.try_get("body")?,
            title: r.try_get("title")?,
            sent_on: r.try_get("position_sent_on")?,
            outcome: r.try_get("outcome")?,
            members_asked: r.try_get("asked")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;

    let calls_published: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM funding_calls WHERE opens_on BETWEEN ?1 AND ?2")
            .bind(first)
            .bind(as_of)
            .fetch_one(&mut *conn)
            .await?;
    // Messages carry UTC stamps: the year's bounds are the Bucharest days' first moments.
    let bound = |day: &str| {
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| crate::clock::stamp(crate::clock::local_to_utc(t)))
            .unwrap_or_default()
    };
    let after = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.succ_opt())
        .map(|d| d.to_string())
        .unwrap_or_default();
    let (bulletins_sent, recipients_reached): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(DISTINCT bulletin_id), COUNT(DISTINCT lower(address)) FROM bulletin_messages \
         WHERE state = 'sent' AND sent_at >= ?1 AND sent_at < ?2",
    )
    .bind(bound(first))
    .bind(bound(&after))
    .fetch_one(&mut *conn)
    .await?;
    Ok(ServicesPart {
        requests_by_topic,
        requests,
        hours_by_cluster,
        minutes,
        introductions_by_outcome,
        introductions,
        projects_by_status,
        positions,
        calls_published,
        bulletins_sent,
        recipients_reached,
    })
}

/// The rows of `sql`, which reads the period's first day as `?1` and its last as `?2`.
async fn in_period(
    conn: &mut SqliteConnection,
    sql: &'static str,
    (first, last): (&str, &str),
) -> Result<Vec<SqliteRow>> {
    Ok(sqlx::query(sql).bind(first).bind(last).fetch_all(&mut *conn).await?)
}
