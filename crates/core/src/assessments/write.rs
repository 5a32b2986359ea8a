//! Changing assessments: create, edit a draft, finalise, correct a final one by a new revision,
//! delete a draft. Every change is checked here and made in one `BEGIN IMMEDIATE` transaction.

use std::collections::BTreeMap;

use chrono::Datelike;
use sqlx::{Row, SqliteConnection};

use super::framework;
use super::model::*;
use super::read::{result_in, row_in, values_in};
use super::scoring::{AssessmentResult, IndicatorValue, Value, check_value};
use crate::clusters::FIRST_YEAR;
use crate::error::FieldError;
use crate::clock::At;
use crate::store::Store;
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// The cleaned header, or every refused field.
fn clean(input: &AssessmentInput, at: &At) -> Result<AssessmentInput> {
    let mut problems = Problems::default();
    let assessor = crate::text::tidy(&input.assessor);
    problems.check("assessor", check::required(&assessor));
    problems.check("assessor", check::max_len(&assessor, 120));
    problems.check("year", check::year(Some(input.year), FIRST_YEAR, at.year()));
    match check::date(input.assessed_on.trim()) {
        Ok(date) if i64::from(date.year()) < input.year => {
            problems.add(FieldError::new("assessed_on", "assessment_date_before_year").with("year", input.year))
        }
        Ok(_) => {}
        Err(e) => problems.check("assessed_on", Err(e)),
    }
    problems.check("notes", check::max_len(&input.notes, 4000));
    problems.into_result()?;
    Ok(AssessmentInput {
        cluster_id: input.cluster_id,
        year: input.year,
        assessor,
        assessed_on: input.assessed_on.trim().to_string(),
        notes: input.notes.trim().to_string(),
    })
}

/// Starts an assessment (a draft) with the current framework version.
pub async fn create(store: &Store, input: &AssessmentInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = create_in(&mut tx, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn create_in(conn: &mut SqliteConnection, input: &AssessmentInput, at: &At) -> Result<i64> {
    let input = clean(input, at)?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM clusters WHERE id = ? AND archived_at IS NULL")
        .bind(input.cluster_id)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_none() {
        return Err(Error::invalid("cluster_id", "assessment_cluster_unknown"));
    }
    let taken: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM assessments WHERE cluster_id = ? AND year = ?)")
        .bind(input.cluster_id)
        .bind(input.year)
        .fetch_one(&mut *conn)
        .await?;
    if taken {
        return Err(Error::Invalid(vec![FieldError::new("year", "assessment_exists").with("year", input.year)]));
    }
    let framework = framework::current_in(conn).await?;
    let now = at.stamp.clone();
    let id = sqlx::query(
        "INSERT INTO assessments (cluster_id, year, framework_id, assessor, assessed_on, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(input.cluster_id)
    .bind(input.year)
    .bind(framework.id)
    .bind(&input.assessor)
    .bind(&input.assessed_on)
    .bind(&input.notes)
    .bind(&now)
    .bind(&now)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// The draft `id`, or the refusal to change a final assessment.
async fn draft_in(conn: &mut SqliteConnection, id: i64) -> Result<AssessmentRow> {
    let row = row_in(conn, id).await?;
    if row.status != AssessmentStatus::Draft {
        return Err(Error::refused("error.assessment_final"));
    }
    Ok(row)
}

/// Changes the assessor, the date and the notes of a draft (its cluster and year stay).
pub async fn update(store: &Store, id: i64, input: &AssessmentInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let row = draft_in(&mut tx, id).await?;
    let input = clean(&AssessmentInput { cluster_id: row.cluster_id, year: row.year, ..input.clone() }, &at)?;
    sqlx::query("UPDATE assessments SET assessor = ?, assessed_on = ?, notes = ?, updated_at = ? WHERE id = ?")
        .bind(&input.assessor)
        .bind(&input.assessed_on)
        .bind(&input.notes)
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves values (and their evidence) of a draft, all or none: a value out of its indicator's range
/// is refused at its field. Returns the scores as they now stand.
pub async fn save_values(store: &Store, id: i64, values: &[IndicatorValue]) -> Result<AssessmentResult> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let result = save_values_in(&mut tx, id, values, &at).await?;
    tx.commit().await?;
    Ok(result)
}

pub(crate) async fn save_values_in(
    conn: &mut SqliteConnection,
    id: i64,
    values: &[IndicatorValue],
    at: &At,
) -> Result<AssessmentResult> {
    let row = draft_in(conn, id).await?;
    let framework_id: i64 =
        sqlx::query_scalar("SELECT framework_id FROM assessments WHERE id = ?").bind(id).fetch_one(&mut *conn).await?;
    let def = framework::by_id_in(conn, framework_id).await?.def;
    let mut problems = Problems::default();
    for value in values {
        let Some(indicator) = def.indicator(&value.indicator) else {
            problems.add(FieldError::new(&value.indicator, "assessment_unknown_indicator"));
            continue;
        };
        if let Some(v) = &value.value {
            problems.check(&indicator.code, check_value(indicator, v));
        }
        problems.check(&format!("{}.evidence", indicator.code), check::max_len(&value.evidence, 2000));
    }
    problems.into_result()?;
    for value in values {
        let (number, choice) = match &value.value {
            Some(Value::Number(n)) => (Some(*n), None),
            Some(Value::YesNo(yes)) => (Some(if *yes { 1.0 } else { 0.0 }), None),
            Some(Value::Choice(c)) => (None, Some(c.clone())),
            None => (None, None),
        };
        sqlx::query(
            "INSERT INTO assessment_values (assessment_id, indicator, number, choice, evidence) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (assessment_id, indicator) DO UPDATE
             SET number = excluded.number, choice = excluded.choice, evidence = excluded.evidence",
        )
        .bind(id)
        .bind(&value.indicator)
        .bind(number)
        .bind(choice)
        .bind(value.evidence.trim())
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query("UPDATE assessments SET updated_at = ? WHERE id = ?")
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let values = values_in(conn, id, &def).await?;
    result_in(conn, &row, &def, &values).await
}

/// Makes a complete draft final: its scores are computed and stored as they are now, and it can no
/// longer change. An incomplete draft is refused with the indicators still missing. When the draft
/// corrects an earlier revision, that one is marked superseded (and kept).
pub async fn finalise(store: &Store, id: i64) -> Result<AssessmentResult> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let result = finalise_in(&mut tx, id, &at.stamp).await?;
    tx.commit().await?;
    Ok(result)
}

pub(crate) async fn finalise_in(conn: &mut SqliteConnection, id: i64, finalised_at: &str) -> Result<AssessmentResult> {
    let row = draft_in(conn, id).await?;
    let header = sqlx::query("SELECT framework_id, previous_id FROM assessments WHERE id = ?")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let def = framework::by_id_in(conn, header.try_get("framework_id")?).await?.def;
    let values = values_in(conn, id, &def).await?;
    let result = result_in(conn, &row, &def, &values).await?;
    if !result.complete {
        let params = BTreeMap::from([
            ("count".to_string(), result.missing.len().to_string()),
            ("indicators".to_string(), result.missing.join(", ")),
        ]);
        return Err(Error::Refused { code: "error.assessment_incomplete", params });
    }
    let text = serde_json::to_string(&result).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    sqlx::query(
        "UPDATE assessments SET status = 'final', finalised_at = ?, result = ?, overall_score = ?, quality_share = ?,
         level = ?, updated_at = ? WHERE id = ?",
    )
    .bind(finalised_at)
    .bind(text)
    .bind(result.overall)
    .bind(result.quality_share)
    .bind(result.level.map(|l| l.code()))
    .bind(finalised_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if let Some(previous) = header.try_get::<Option<i64>, _>("previous_id")? {
        sqlx::query("UPDATE assessments SET status = 'superseded' WHERE id = ? AND status = 'final'")
            .bind(previous)
            .execute(&mut *conn)
            .await?;
    }
    Ok(result)
}

/// Starts the correction of a final assessment: a new draft revision with the same values and
/// framework version, recording `reason`. The final one stays as it is until the correction is
/// finalised. Returns the new draft's id.
pub async fn revise(store: &Store, id: i64, reason: &str) -> Result<i64> {
    let reason = crate::text::tidy(reason);
    let mut problems = Problems::default();
    problems.check("reason", check::required(&reason));
    problems.check("reason", check::max_len(&reason, 1000));
    problems.into_result()?;
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let row = row_in(&mut tx, id).await?;
    if row.status != AssessmentStatus::Final {
        return Err(Error::refused("error.assessment_not_final"));
    }
    let open: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM assessments WHERE cluster_id = ? AND year = ? AND status = 'draft')",
    )
    .bind(row.cluster_id)
    .bind(row.year)
    .fetch_one(&mut *tx)
    .await?;
    if open {
        return Err(Error::refused("error.assessment_revision_open"));
    }
    let now = at.stamp.clone();
    let new_id = sqlx::query(
        "INSERT INTO assessments (cluster_id, year, revision, previous_id, revision_reason, framework_id, assessor,
                                  assessed_on, notes, created_at, updated_at)
         SELECT cluster_id, year, (SELECT MAX(revision) + 1 FROM assessments WHERE cluster_id = a.cluster_id AND year = a.year),
                id, ?, framework_id, assessor, assessed_on, notes, ?, ?
         FROM assessments a WHERE id = ?",
    )
    .bind(&reason)
    .bind(&now)
    .bind(&now)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    sqlx::query(
        "INSERT INTO assessment_values (assessment_id, indicator, number, choice, evidence)
         SELECT ?, indicator, number, choice, evidence FROM assessment_values WHERE assessment_id = ?",
    )
    .bind(new_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(new_id)
}

/// Deletes a draft (a first draft, or a correction not finalised); final assessments stay.
pub async fn delete_draft(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    draft_in(&mut tx, id).await?;
    sqlx::query("DELETE FROM assessments WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}
