//! Recording funding calls and regulations, each with its lists, in one transaction.

use sqlx::SqliteConnection;

use super::model::*;
use crate::caen::{self, CaenRevision};
use crate::clock::At;
use crate::clusters::{CaenCode, normalize_caen};
use crate::error::FieldError;
use crate::services::ymd;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems, optional_day};
use crate::{Error, Result};

/// 100 % in hundredths of a percent.
pub const FULL_RATE: i64 = 10_000;

pub async fn create_call(store: &Store, input: &FundingCallInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_call_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_call(store: &Store, id: i64, input: &FundingCallInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_call_in(&mut tx, Some(id), input, &at).await?;
    tx.commit().await?;
    Ok(())
}

/// A call a bulletin presented stays with that bulletin's record: deleting it removes it from the
/// bulletin too (the schema cascades), which the audit log keeps.
pub async fn delete_call(store: &Store, id: i64) -> Result<()> {
    let mut tx = store.write().await?;
    let gone = sqlx::query("DELETE FROM funding_calls WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if gone.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "funding_call", id });
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_call_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &FundingCallInput,
    at: &At,
) -> Result<i64> {
    if let Some(id) = id {
        crate::trainings::must_exist(tx, "funding_calls", "funding_call", Some(id)).await?;
    }
    let c = clean_call(input)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO funding_calls (id, title_ro, title_en, programme, funder, reference, link, opens_on, closes_on, \
         budget_cents, currency, cofinancing_bp, min_label, requires_national, requires_eccp, notes, sort_title, \
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET title_ro = excluded.title_ro, title_en = excluded.title_en, \
         programme = excluded.programme, funder = excluded.funder, reference = excluded.reference, link = excluded.link, \
         opens_on = excluded.opens_on, closes_on = excluded.closes_on, budget_cents = excluded.budget_cents, \
         currency = excluded.currency, cofinancing_bp = excluded.cofinancing_bp, min_label = excluded.min_label, \
         requires_national = excluded.requires_national, requires_eccp = excluded.requires_eccp, notes = excluded.notes, \
         sort_title = excluded.sort_title, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&c.title_ro)
    .bind(&c.title_en)
    .bind(&c.programme)
    .bind(&c.funder)
    .bind(&c.reference)
    .bind(&c.link)
    .bind(&c.opens_on)
    .bind(&c.closes_on)
    .bind(c.budget)
    .bind(c.currency.code())
    .bind(c.cofinancing_bp)
    .bind(c.min_label.map(|l| l.code()))
    .bind(c.requires_national)
    .bind(c.requires_eccp)
    .bind(&c.notes)
    .bind(fold(&c.title_ro))
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    let codes = |values: Vec<&'static str>| serde_json::to_string(&values).unwrap_or_default();
    replace_list(tx, "funding_call_applicants", "applicant", id, &codes(c.applicants.iter().map(|a| a.code()).collect()))
        .await?;
    replace_list(tx, "funding_call_regions", "region", id, &codes(c.regions.iter().map(|r| r.code()).collect())).await?;
    replace_list(tx, "funding_call_sectors", "sector", id, &codes(c.sectors.iter().map(|s| s.code()).collect())).await?;
    write_caen(tx, id, &c.caen).await?;
    Ok(id)
}

/// Replaces a call's list of codes with `json` (an array), leaving kept rows alone so that the
/// audit log shows only what changed.
async fn replace_list(
    tx: &mut SqliteConnection,
    table: &'static str,
    column: &'static str,
    call_id: i64,
    json: &str,
) -> Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE call_id = ? AND {column} NOT IN (SELECT value FROM json_each(?))"
    )))
    .bind(call_id)
    .bind(json)
    .execute(&mut *tx)
    .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT OR IGNORE INTO {table} (call_id, {column}) SELECT ?, value FROM json_each(?)"
    )))
    .bind(call_id)
    .bind(json)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The codes as typed, and every code of either revision that meets one of them: the code itself
/// and its correspondents in the other revision (INS), which is what the matching joins on.
async fn write_caen(tx: &mut SqliteConnection, call_id: i64, codes: &[CaenCode]) -> Result<()> {
    let typed: Vec<String> = codes.iter().map(|c| format!("{}:{}", c.revision.number(), c.code)).collect();
    sqlx::query(
        "DELETE FROM funding_call_caen WHERE call_id = ? AND (revision || ':' || code) NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(call_id)
    .bind(serde_json::to_string(&typed).unwrap_or_default())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM funding_call_caen_cache WHERE call_id = ?").bind(call_id).execute(&mut *tx).await?;
    for code in codes {
        sqlx::query("INSERT OR IGNORE INTO funding_call_caen (call_id, revision, code) VALUES (?, ?, ?)")
            .bind(call_id)
            .bind(code.revision.number())
            .bind(&code.code)
            .execute(&mut *tx)
            .await?;
        for (revision, meets) in meeting_codes(code) {
            sqlx::query(
                "INSERT OR IGNORE INTO funding_call_caen_cache (call_id, revision, code, via_revision, via_code) \
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(call_id)
            .bind(revision.number())
            .bind(&meets)
            .bind(code.revision.number())
            .bind(&code.code)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

/// The code itself and its correspondents in the other revision.
pub(crate) fn meeting_codes(code: &CaenCode) -> Vec<(CaenRevision, String)> {
    let others = match code.revision {
        CaenRevision::Rev2 => caen::rev3_successors(&code.code),
        CaenRevision::Rev3 => caen::rev2_predecessors(&code.code),
    };
    std::iter::once((code.revision, code.code.clone())).chain(others.into_iter().map(|c| (c.revision, c.code))).collect()
}

fn text(problems: &mut Problems, field: &str, value: &str, max: usize, required: bool) -> String {
    let value = tidy(&comma_below(value));
    if required {
        problems.check(field, check::required(&value));
    }
    problems.check(field, check::max_len(&value, max));
    value
}

fn link(problems: &mut Problems, value: &str) -> String {
    let link = check::normalize_url(value);
    problems.check("link", check::url(&link));
    link
}

fn no_repeats<T: PartialEq + Copy>(values: &[T]) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for v in values {
        if !kept.contains(v) {
            kept.push(*v);
        }
    }
    kept
}

/// Every refused field at once: a title in Romanian and a programme; the closing day not before
/// the opening day; a budget not negative; the co-financing rate from 0 to 100 %; CAEN codes that
/// exist in the revision they are given in.
fn clean_call(input: &FundingCallInput) -> Result<FundingCallInput> {
    let mut problems = Problems::default();
    let title_ro = text(&mut problems, "title_ro", &input.title_ro, 500, true);
    let title_en = text(&mut problems, "title_en", &input.title_en, 500, false);
    let programme = text(&mut problems, "programme", &input.programme, 200, true);
    let funder = text(&mut problems, "funder", &input.funder, 200, false);
    let reference = text(&mut problems, "reference", &input.reference, 200, false);
    let link = link(&mut problems, &input.link);
    let notes = comma_below(input.notes.trim());
    problems.check("notes", check::max_len(&notes, 20_000));
    let opens = optional_day(&mut problems, "opens_on", input.opens_on.as_deref());
    let closes = optional_day(&mut problems, "closes_on", input.closes_on.as_deref());
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes < opens
    {
        problems.add(FieldError::new("closes_on", "closes_before_opens"));
    }
    problems.check("budget", check::non_negative(input.budget));
    if let Some(rate) = input.cofinancing_bp
        && !(0..=FULL_RATE).contains(&rate)
    {
        problems.add(FieldError::new("cofinancing_bp", "percent_range").with("min", 0).with("max", 100));
    }
    let mut caen: Vec<CaenCode> = Vec::new();
    for code in &input.caen {
        let code = normalize_caen(code, "caen", &mut problems);
        if !caen.contains(&code) {
            caen.push(code);
        }
    }
    problems.into_result()?;
    Ok(FundingCallInput {
        title_ro,
        title_en,
        programme,
        funder,
        reference,
        link,
        opens_on: opens.map(ymd),
        closes_on: closes.map(ymd),
        budget: input.budget,
        currency: input.currency,
        cofinancing_bp: input.cofinancing_bp,
        applicants: no_repeats(&input.applicants),
        regions: no_repeats(&input.regions),
        sectors: no_repeats(&input.sectors),
        caen,
        min_label: input.min_label,
        requires_national: input.requires_national,
        requires_eccp: input.requires_eccp,
        notes,
    })
}

// ---------------------------------------------------------------------------------------------
// Regulations

pub async fn create_regulation(store: &Store, input: &RegulationInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_regulation_in(&mut tx, None, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_regulation(store: &Store, id: i64, input: &RegulationInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    save_regulation_in(&mut tx, Some(id), input, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_regulation(store: &Store, id: i64) -> Result<()> {
    let mut tx = store.write().await?;
    let gone = sqlx::query("DELETE FROM regulations WHERE id = ?").bind(id).execute(&mut *tx).await?;
    if gone.rows_affected() == 0 {
        return Err(Error::NotFound { entity: "regulation", id });
    }
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn save_regulation_in(
    tx: &mut SqliteConnection,
    id: Option<i64>,
    input: &RegulationInput,
    at: &At,
) -> Result<i64> {
    if let Some(id) = id {
        crate::trainings::must_exist(tx, "regulations", "regulation", Some(id)).await?;
    }
    let r = clean_regulation(input)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO regulations (id, title_ro, title_en, source, reference, issued_on, effect_ro, effect_en, link, \
         sort_title, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO UPDATE SET title_ro = excluded.title_ro, title_en = excluded.title_en, \
         source = excluded.source, reference = excluded.reference, issued_on = excluded.issued_on, \
         effect_ro = excluded.effect_ro, effect_en = excluded.effect_en, link = excluded.link, \
         sort_title = excluded.sort_title, updated_at = excluded.updated_at RETURNING id",
    )
    .bind(id)
    .bind(&r.title_ro)
    .bind(&r.title_en)
    .bind(r.source.code())
    .bind(&r.reference)
    .bind(&r.issued_on)
    .bind(&r.effect_ro)
    .bind(&r.effect_en)
    .bind(&r.link)
    .bind(fold(&r.title_ro))
    .bind(&at.stamp)
    .bind(&at.stamp)
    .fetch_one(&mut *tx)
    .await?;
    let sectors: Vec<&str> = r.sectors.iter().map(|s| s.code()).collect();
    let sectors = serde_json::to_string(&sectors).unwrap_or_default();
    sqlx::query("DELETE FROM regulation_sectors WHERE regulation_id = ? AND sector NOT IN (SELECT value FROM json_each(?))")
        .bind(id)
        .bind(&sectors)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT OR IGNORE INTO regulation_sectors (regulation_id, sector) SELECT ?, value FROM json_each(?)")
        .bind(id)
        .bind(&sectors)
        .execute(&mut *tx)
        .await?;
    Ok(id)
}

/// A title in Romanian and the day it was issued (published) are required.
fn clean_regulation(input: &RegulationInput) -> Result<RegulationInput> {
    let mut problems = Problems::default();
    let title_ro = text(&mut problems, "title_ro", &input.title_ro, 500, true);
    let title_en = text(&mut problems, "title_en", &input.title_en, 500, false);
    let reference = text(&mut problems, "reference", &input.reference, 200, false);
    let effect_ro = comma_below(input.effect_ro.trim());
    problems.check("effect_ro", check::max_len(&effect_ro, 5_000));
    let effect_en = input.effect_en.trim().to_string();
    problems.check("effect_en", check::max_len(&effect_en, 5_000));
    let link = link(&mut problems, &input.link);
    let issued = if input.issued_on.trim().is_empty() {
        problems.add(FieldError::new("issued_on", "required"));
        None
    } else {
        optional_day(&mut problems, "issued_on", Some(&input.issued_on))
    };
    problems.into_result()?;
    Ok(RegulationInput {
        title_ro,
        title_en,
        source: input.source,
        reference,
        issued_on: issued.map(ymd).unwrap_or_default(),
        effect_ro,
        effect_en,
        link,
        sectors: no_repeats(&input.sectors),
    })
}
