use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::model::*;
use crate::clusters::OrgKind;
use crate::error::FieldError;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result};

/// Audits are held at SMEs (the EU definition's micro, small and medium enterprises).
const SME_KINDS: [OrgKind; 3] = [OrgKind::Micro, OrgKind::Small, OrgKind::Medium];

/// Creates (`id` = None) or updates an audit of a member SME of `cluster_id`, with its actions;
/// returns the audit's id.
pub async fn save_audit(store: &Store, cluster_id: i64, id: Option<i64>, input: &AuditInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_audit_in(&mut tx, cluster_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_audit_in(
    tx: &mut SqliteConnection,
    cluster_id: i64,
    id: Option<i64>,
    input: &AuditInput,
    at: &At,
) -> Result<i64> {
    let clean = clean(tx, cluster_id, input, at.date).await?;
    let now = at.stamp.clone();
    let s = &clean.scores;
    let id = match id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO sme_audits (organisation_id, kind, audited_on, auditor, score_strategy, score_organisation, \
                 score_processes, score_resources, score_products, score_international, findings, created_at, updated_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(clean.organisation_id)
            .bind(clean.kind.code())
            .bind(&clean.audited_on)
            .bind(&clean.auditor)
            .bind(s[0])
            .bind(s[1])
            .bind(s[2])
            .bind(s[3])
            .bind(s[4])
            .bind(s[5])
            .bind(&clean.findings)
            .bind(&now)
            .bind(&now)
            .fetch_one(&mut *tx)
            .await?
        }
        Some(id) => {
            // Only an audit of this cluster's members can be changed from this cluster's page.
            let done = sqlx::query(
                "UPDATE sme_audits SET organisation_id = ?, kind = ?, audited_on = ?, auditor = ?, score_strategy = ?, \
                 score_organisation = ?, score_processes = ?, score_resources = ?, score_products = ?, \
                 score_international = ?, findings = ?, updated_at = ? \
                 WHERE id = ? AND organisation_id IN (SELECT id FROM organisations WHERE cluster_id = ?)",
            )
            .bind(clean.organisation_id)
            .bind(clean.kind.code())
            .bind(&clean.audited_on)
            .bind(&clean.auditor)
            .bind(s[0])
            .bind(s[1])
            .bind(s[2])
            .bind(s[3])
            .bind(s[4])
            .bind(s[5])
            .bind(&clean.findings)
            .bind(&now)
            .bind(id)
            .bind(cluster_id)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound { entity: "audit", id });
            }
            id
        }
    };
    write_actions(tx, id, &clean.actions, &now).await?;
    Ok(id)
}

/// Replaces the audit's actions by `actions`: kept ones are updated in place (their ids stay), new
/// ones added, the others removed.
async fn write_actions(tx: &mut SqliteConnection, audit_id: i64, actions: &[ActionInput], now: &str) -> Result<()> {
    let existing: Vec<i64> = sqlx::query_scalar("SELECT id FROM sme_audit_actions WHERE audit_id = ?")
        .bind(audit_id)
        .fetch_all(&mut *tx)
        .await?;
    if let Some(foreign) = actions.iter().filter_map(|a| a.id).find(|id| !existing.contains(id)) {
        return Err(Error::NotFound { entity: "action", id: foreign });
    }
    for old in existing.iter().filter(|old| !actions.iter().any(|a| a.id == Some(**old))) {
        sqlx::query("DELETE FROM sme_audit_actions WHERE id = ?").bind(old).execute(&mut *tx).await?;
    }
    for (position, a) in actions.iter().enumerate() {
        let query = match a.id {
            Some(action_id) => sqlx::query(
                "UPDATE sme_audit_actions SET action = ?, owner = ?, due_on = ?, status = ?, position = ?, updated_at = ? \
                 WHERE id = ?",
            )
            .bind(&a.action)
            .bind(&a.owner)
            .bind(&a.due_on)
            .bind(a.status.code())
            .bind(position as i64)
            .bind(now)
            .bind(action_id),
            None => sqlx::query(
                "INSERT INTO sme_audit_actions (action, owner, due_on, status, position, updated_at, audit_id) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&a.action)
            .bind(&a.owner)
            .bind(&a.due_on)
            .bind(a.status.code())
            .bind(position as i64)
            .bind(now)
            .bind(audit_id),
        };
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

pub async fn delete_audit(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("DELETE FROM sme_audits WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "audit", id });
    }
    tx.commit().await?;
    Ok(())
}

/// The follow-up of one action (from the list of open actions, without opening its audit).
pub async fn set_action_status(store: &Store, id: i64, status: ActionStatus) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("UPDATE sme_audit_actions SET status = ?, updated_at = ? WHERE id = ?")
        .bind(status.code())
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "action", id });
    }
    tx.commit().await?;
    Ok(())
}

struct Clean {
    organisation_id: i64,
    kind: AuditKind,
    audited_on: String,
    auditor: String,
    /// In the order of [`GridArea::ALL`].
    scores: [i64; 6],
    findings: String,
    actions: Vec<ActionInput>,
}

/// Checks the form; every problem is reported at once, each at its field (`scores.processes`,
/// `actions.2.due_on`).
async fn clean(tx: &mut SqliteConnection, cluster_id: i64, input: &AuditInput, today: NaiveDate) -> Result<Clean> {
    let mut problems = Problems::default();
    if input.kind.is_none() {
        problems.add(FieldError::new("kind", "required"));
    }
    let audited_on = input.audited_on.trim();
    let audited = match check::date(audited_on) {
        Ok(d) if d > today => {
            problems.add(FieldError::new("audited_on", "date_future"));
            None
        }
        Ok(d) => Some(d),
        Err(e) => {
            problems.check("audited_on", Err(e));
            None
        }
    };
    let auditor = tidy(&comma_below(&input.auditor));
    problems.check("auditor", check::required(&auditor));
    problems.check("auditor", check::max_len(&auditor, 200));
    let mut scores = [0; 6];
    for (slot, area) in scores.iter_mut().zip(GridArea::ALL) {
        let field = format!("scores.{}", area.code());
        match input.scores.get(*area) {
            None => problems.add(FieldError::new(&field, "required")),
            Some(v) if !(SCORE_MIN..=SCORE_MAX).contains(&v) => {
                problems.add(FieldError::new(&field, "score_range").with("min", SCORE_MIN).with("max", SCORE_MAX))
            }
            Some(v) => *slot = v,
        }
    }
    let findings = comma_below(input.findings.trim());
    problems.check("findings", check::max_len(&findings, 5000));

    let mut actions = Vec::with_capacity(input.actions.len());
    for (i, a) in input.actions.iter().enumerate() {
        let action = tidy(&comma_below(&a.action));
        let owner = tidy(&comma_below(&a.owner));
        problems.check(&format!("actions.{i}.action"), check::required(&action));
        problems.check(&format!("actions.{i}.action"), check::max_len(&action, 500));
        problems.check(&format!("actions.{i}.owner"), check::max_len(&owner, 200));
        let due_on = a.due_on.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(String::from);
        if let Some(due) = &due_on {
            match check::date(due) {
                Ok(d) if audited.is_some_and(|a| d < a) => problems
                    .add(FieldError::new(format!("actions.{i}.due_on"), "date_before").with("other", audited_on)),
                Ok(_) => {}
                Err(e) => problems.check(&format!("actions.{i}.due_on"), Err(e)),
            }
        }
        actions.push(ActionInput { id: a.id, action, owner, due_on, status: a.status });
    }

    match input.organisation_id {
        None => problems.add(FieldError::new("organisation_id", "required")),
        Some(org) => {
            let kind: Option<OrgKind> =
                sqlx::query_scalar("SELECT kind FROM organisations WHERE id = ? AND cluster_id = ?")
                    .bind(org)
                    .bind(cluster_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            match kind {
                None => problems.add(FieldError::new("organisation_id", "audit_not_a_member")),
                Some(k) if !SME_KINDS.contains(&k) => problems.add(FieldError::new("organisation_id", "audit_not_sme")),
                Some(_) => {}
            }
        }
    }
    problems.into_result()?;
    let (Some(organisation_id), Some(kind)) = (input.organisation_id, input.kind) else {
        return Err(Error::invalid("organisation_id", "required"));
    };
    Ok(Clean { organisation_id, kind, audited_on: audited_on.to_string(), auditor, scores, findings, actions })
}
