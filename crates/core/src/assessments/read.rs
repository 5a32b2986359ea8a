//! Reading assessments: the list, one assessment with its scores, a cluster's history and the
//! national median.

use chrono::NaiveDate;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::framework::{self, FrameworkDef, IndicatorKind};
use super::model::*;
use super::scoring::{self, AssessmentResult, Earlier, IndicatorValue, Value};
use crate::clusters::LabelLevel;
use crate::store::Store;
use crate::{Error, Result};

const ROW_SQL: &str = "SELECT a.id, a.cluster_id, c.name AS cluster, a.year, a.revision, a.status, a.assessor, \
     a.assessed_on, f.version AS framework_version, a.overall_score, a.quality_share, a.level, a.finalised_at \
     FROM assessments a JOIN clusters c ON c.id = a.cluster_id JOIN assessment_frameworks f ON f.id = a.framework_id";

fn to_row(r: &SqliteRow) -> Result<AssessmentRow> {
    Ok(AssessmentRow {
        id: r.try_get("id")?,
        cluster_id: r.try_get("cluster_id")?,
        cluster: r.try_get("cluster")?,
        year: r.try_get("year")?,
        revision: r.try_get("revision")?,
        status: r.try_get("status")?,
        assessor: r.try_get("assessor")?,
        assessed_on: r.try_get("assessed_on")?,
        framework_version: r.try_get("framework_version")?,
        overall: r.try_get("overall_score")?,
        quality_share: r.try_get("quality_share")?,
        level: r.try_get::<Option<LabelLevel>, _>("level")?,
        finalised_at: r.try_get("finalised_at")?,
    })
}

/// The assessments `query` selects: newest year first, then by cluster, the latest revision first.
pub async fn list(store: &Store, query: &AssessmentQuery) -> Result<Vec<AssessmentRow>> {
    let mut sql = QueryBuilder::<Sqlite>::new(ROW_SQL);
    sql.push(" WHERE 1 = 1");
    if let Some(cluster) = query.cluster_id {
        sql.push(" AND a.cluster_id = ").push_bind(cluster);
    }
    if let Some(year) = query.year {
        sql.push(" AND a.year = ").push_bind(year);
    }
    if let Some(status) = query.status {
        sql.push(" AND a.status = ").push_bind(status.code());
    }
    sql.push(" ORDER BY a.year DESC, c.sort_name, a.revision DESC");
    let rows = sql.build().fetch_all(store.pool()).await?;
    rows.iter().map(to_row).collect()
}

pub(crate) async fn row_in(conn: &mut SqliteConnection, id: i64) -> Result<AssessmentRow> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{ROW_SQL} WHERE a.id = ?")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "assessment", id })?;
    to_row(&row)
}

/// The values stored for an assessment, typed by the framework it was made with.
pub(crate) async fn values_in(conn: &mut SqliteConnection, id: i64, def: &FrameworkDef) -> Result<Vec<IndicatorValue>> {
    let rows = sqlx::query("SELECT indicator, number, choice, evidence FROM assessment_values WHERE assessment_id = ?")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let mut values = Vec::with_capacity(rows.len());
    for r in rows {
        let code: String = r.try_get("indicator")?;
        let number: Option<f64> = r.try_get("number")?;
        let choice: Option<String> = r.try_get("choice")?;
        let value = match (def.indicator(&code).map(|i| i.kind), number, choice) {
            (Some(IndicatorKind::YesNo), Some(n), _) => Some(Value::YesNo(n != 0.0)),
            (Some(IndicatorKind::Number), Some(n), _) => Some(Value::Number(n)),
            (Some(IndicatorKind::Choice), _, Some(c)) => Some(Value::Choice(c)),
            _ => None,
        };
        values.push(IndicatorValue { indicator: code, value, evidence: r.try_get("evidence")? });
    }
    Ok(values)
}

pub(crate) fn parse_result(text: &str) -> Result<AssessmentResult> {
    serde_json::from_str(text).map_err(|e| Error::Io(std::io::Error::other(format!("assessment result: {e}"))))
}

/// The cluster's final assessments of other years, for the silver rule.
pub(crate) async fn earlier_in(conn: &mut SqliteConnection, cluster_id: i64, year: i64) -> Result<Vec<Earlier>> {
    let rows = sqlx::query(
        "SELECT id, assessed_on, result FROM assessments WHERE cluster_id = ? AND year <> ? AND status = 'final'",
    )
    .bind(cluster_id)
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    let mut earlier = Vec::new();
    for r in rows {
        let date: String = r.try_get("assessed_on")?;
        let result: Option<String> = r.try_get("result")?;
        if let (Ok(assessed_on), Some(result)) = (NaiveDate::parse_from_str(&date, "%Y-%m-%d"), result) {
            earlier.push(Earlier { id: r.try_get("id")?, assessed_on, areas: parse_result(&result)?.areas });
        }
    }
    Ok(earlier)
}

/// The scores of an assessment: the frozen ones when it is final, computed now for a draft.
pub(crate) async fn result_in(
    conn: &mut SqliteConnection,
    row: &AssessmentRow,
    def: &FrameworkDef,
    values: &[IndicatorValue],
) -> Result<AssessmentResult> {
    if row.status != AssessmentStatus::Draft {
        let text: Option<String> = sqlx::query_scalar("SELECT result FROM assessments WHERE id = ?")
            .bind(row.id)
            .fetch_one(&mut *conn)
            .await?;
        if let Some(text) = text {
            return parse_result(&text);
        }
    }
    let assessed_on = NaiveDate::parse_from_str(&row.assessed_on, "%Y-%m-%d")
        .map_err(|_| Error::invalid("assessed_on", "date_format"))?;
    let earlier = earlier_in(conn, row.cluster_id, row.year).await?;
    Ok(scoring::score(def, row.framework_version, values, assessed_on, &earlier))
}

/// One assessment with its framework version, values, scores and revisions.
pub async fn get(store: &Store, id: i64) -> Result<AssessmentDetail> {
    let mut tx = store.pool().begin().await?;
    let detail = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(detail)
}

/// [`get`] on the caller's connection (in its transaction).
pub(crate) async fn get_in(conn: &mut SqliteConnection, id: i64) -> Result<AssessmentDetail> {
    let row = row_in(&mut *conn, id).await?;
    let header = sqlx::query("SELECT framework_id, notes, revision_reason FROM assessments WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let framework = framework::by_id_in(&mut *conn, header.try_get("framework_id")?).await?;
    let current_framework_version = framework::current_in(&mut *conn).await?.version;
    let values = values_in(&mut *conn, id, &framework.def).await?;
    let result = result_in(&mut *conn, &row, &framework.def, &values).await?;
    let revisions = sqlx::query(
        "SELECT id, revision, status, revision_reason, finalised_at FROM assessments
         WHERE cluster_id = ? AND year = ? ORDER BY revision",
    )
    .bind(row.cluster_id)
    .bind(row.year)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(RevisionRef {
            id: r.try_get("id")?,
            revision: r.try_get("revision")?,
            status: r.try_get("status")?,
            reason: r.try_get("revision_reason")?,
            finalised_at: r.try_get("finalised_at")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    Ok(AssessmentDetail {
        row,
        notes: header.try_get("notes")?,
        revision_reason: header.try_get("revision_reason")?,
        revisions,
        framework,
        current_framework_version,
        values,
        result,
    })
}

/// The latest revision of a cluster's assessment of `year` (the final one if there is one, else
/// the draft), or None.
pub async fn find(store: &Store, cluster_id: i64, year: i64) -> Result<Option<i64>> {
    store.with_connection(async |conn| find_in(conn, cluster_id, year).await).await
}

pub(crate) async fn find_in(conn: &mut SqliteConnection, cluster_id: i64, year: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM assessments WHERE cluster_id = ? AND year = ? AND status <> 'superseded'
         ORDER BY status = 'final' DESC, revision DESC LIMIT 1",
    )
    .bind(cluster_id)
    .bind(year)
    .fetch_optional(conn)
    .await?)
}

struct FinalPoint {
    cluster_id: i64,
    point: HistoryPoint,
}

/// Every current final assessment (not superseded), oldest first per cluster.
async fn finals_in(conn: &mut SqliteConnection, cluster_id: Option<i64>, areas: &[String]) -> Result<Vec<FinalPoint>> {
    let mut sql = QueryBuilder::<Sqlite>::new(
        "SELECT a.id, a.cluster_id, a.year, a.assessed_on, f.version, a.result FROM assessments a \
         JOIN assessment_frameworks f ON f.id = a.framework_id WHERE a.status = 'final'",
    );
    if let Some(cluster) = cluster_id {
        sql.push(" AND a.cluster_id = ").push_bind(cluster);
    }
    sql.push(" ORDER BY a.cluster_id, a.year");
    let rows = sql.build().fetch_all(&mut *conn).await?;
    let mut points = Vec::with_capacity(rows.len());
    for r in rows {
        let result = parse_result(&r.try_get::<String, _>("result")?)?;
        let area_scores = areas
            .iter()
            .map(|code| result.areas.iter().find(|a| &a.area == code).map(|a| a.score).unwrap_or(0.0))
            .collect();
        points.push(FinalPoint {
            cluster_id: r.try_get("cluster_id")?,
            point: HistoryPoint {
                assessment_id: r.try_get("id")?,
                year: r.try_get("year")?,
                assessed_on: r.try_get("assessed_on")?,
                framework_version: r.try_get("version")?,
                overall: result.overall,
                quality_share: result.quality_share,
                level: result.level,
                areas: area_scores,
            },
        });
    }
    Ok(points)
}

/// The median of `values` (the mean of the middle two for an even count); None when empty.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 0 { (values[mid - 1] + values[mid]) / 2.0 } else { values[mid] })
}

/// The medians of the latest final assessment of each cluster.
pub(crate) async fn national_in(conn: &mut SqliteConnection, areas: &[String]) -> Result<Option<NationalMedian>> {
    let finals = finals_in(conn, None, areas).await?;
    // Oldest first per cluster: the last one seen is the latest.
    let mut latest: std::collections::BTreeMap<i64, &HistoryPoint> = std::collections::BTreeMap::new();
    for f in &finals {
        latest.insert(f.cluster_id, &f.point);
    }
    let points: Vec<&HistoryPoint> = latest.into_values().collect();
    let Some(overall) = median(&mut points.iter().map(|p| p.overall).collect::<Vec<_>>()) else {
        return Ok(None);
    };
    Ok(Some(NationalMedian {
        clusters: points.len() as i64,
        overall,
        quality_share: median(&mut points.iter().map(|p| p.quality_share).collect::<Vec<_>>()).unwrap_or(0.0),
        areas: (0..areas.len())
            .map(|i| median(&mut points.iter().map(|p| p.areas[i]).collect::<Vec<_>>()).unwrap_or(0.0))
            .collect(),
    }))
}

/// A cluster's final assessments over the years, and the national median.
pub async fn compare(store: &Store, cluster_id: i64) -> Result<Comparison> {
    let mut tx = store.pool().begin().await?;
    let comparison = compare_in(&mut tx, cluster_id).await?;
    tx.commit().await?;
    Ok(comparison)
}

/// [`compare`] on the caller's connection (in its transaction).
pub(crate) async fn compare_in(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Comparison> {
    let cluster: String = sqlx::query_scalar("SELECT name FROM clusters WHERE id = ?")
        .bind(cluster_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "cluster", id: cluster_id })?;
    let areas = framework::current_in(&mut *conn).await?.def.areas;
    let codes: Vec<String> = areas.iter().map(|a| a.code.clone()).collect();
    let history = finals_in(&mut *conn, Some(cluster_id), &codes).await?.into_iter().map(|f| f.point).collect();
    let national = national_in(&mut *conn, &codes).await?;
    Ok(Comparison { cluster_id, cluster, areas, history, national })
}

/// For the annual summary: the assessments made from `first` to `last` (ISO dates) that are final
/// (each counted once, whatever its revisions), and how many of them recommend a higher level than
/// the cluster's previous final assessment.
pub async fn held_between(conn: &mut SqliteConnection, first: &str, last: &str) -> Result<(i64, i64)> {
    let rows = sqlx::query(
        "SELECT a.cluster_id, a.assessed_on, a.level,
                (SELECT p.level FROM assessments p WHERE p.cluster_id = a.cluster_id AND p.status = 'final'
                 AND p.assessed_on < a.assessed_on ORDER BY p.assessed_on DESC LIMIT 1) AS previous_level
         FROM assessments a WHERE a.status = 'final' AND a.assessed_on BETWEEN ? AND ?",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?;
    let rank =
        |level: Option<LabelLevel>| level.map(|l| LabelLevel::ALL.iter().position(|x| *x == l).unwrap_or(0) as i64 + 1);
    let mut moved_up = 0;
    for r in &rows {
        let now = rank(r.try_get::<Option<LabelLevel>, _>("level")?);
        let before = rank(r.try_get::<Option<LabelLevel>, _>("previous_level")?);
        if before.is_some() && now > before {
            moved_up += 1;
        }
    }
    Ok((rows.len() as i64, moved_up))
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
