//! The lists of calls and regulations, and one record of each.

use chrono::{Days, NaiveDate};
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

use super::model::*;
use crate::caen::CaenRevision;
use crate::clusters::{CaenCode, Sector};
use crate::list_filter::{LIST_LIMIT, push_order_limit, push_words, push_year};
use crate::services::ymd;
use crate::store::Store;
use crate::{Error, Result};

/// Where a call stands on `today`.
pub fn state_on(opens_on: Option<&str>, closes_on: Option<&str>, today: NaiveDate) -> CallState {
    let day = ymd(today);
    let closing_by = ymd(today.checked_add_days(Days::new(CLOSING_DAYS as u64)).unwrap_or(today));
    match (opens_on, closes_on) {
        (Some(opens), _) if opens > day.as_str() => CallState::Upcoming,
        (_, Some(closes)) if closes < day.as_str() => CallState::Closed,
        (_, Some(closes)) if closes <= closing_by.as_str() => CallState::Closing,
        _ => CallState::Open,
    }
}

/// `f` (the calls table) is in `state` on `today`, as SQL; `closing` is also open.
pub(crate) fn push_state(qb: &mut QueryBuilder<Sqlite>, state: CallState, today: NaiveDate) {
    let day = ymd(today);
    let closing_by = ymd(today.checked_add_days(Days::new(CLOSING_DAYS as u64)).unwrap_or(today));
    match state {
        CallState::Upcoming => {
            qb.push(" AND f.opens_on > ").push_bind(day);
        }
        CallState::Closed => {
            qb.push(" AND f.closes_on < ").push_bind(day);
        }
        CallState::Open | CallState::Closing => {
            qb.push(" AND (f.opens_on IS NULL OR f.opens_on <= ").push_bind(day.clone());
            qb.push(") AND (f.closes_on IS NULL OR f.closes_on >= ").push_bind(day).push(")");
            if state == CallState::Closing {
                qb.push(" AND f.closes_on <= ").push_bind(closing_by);
            }
        }
    }
}

fn sectors_of(list: Option<String>) -> Vec<Sector> {
    list.unwrap_or_default().split(',').filter_map(Sector::parse).collect()
}

/// The calls `filter` selects: open ones by closing day (the soonest first), then the upcoming,
/// then the closed (the latest first).
pub async fn list_calls(store: &Store, filter: &FundingCallFilter) -> Result<Vec<FundingCallRow>> {
    let today = store.today();
    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT f.id, f.title_ro, f.title_en, f.programme, f.funder, f.opens_on, f.closes_on, f.budget_cents, f.currency, \
         (SELECT group_concat(s.sector, ',') FROM funding_call_sectors s WHERE s.call_id = f.id) AS sectors \
         FROM funding_calls f WHERE 1 = 1",
    );
    if let Some(state) = filter.state {
        push_state(&mut qb, state, today);
    }
    if let Some(programme) = filter.programme.as_deref().filter(|p| !p.is_empty()) {
        qb.push(" AND f.programme = ").push_bind(programme.to_string());
    }
    if let Some(sector) = filter.sector {
        qb.push(" AND EXISTS (SELECT 1 FROM funding_call_sectors s WHERE s.call_id = f.id AND s.sector = ")
            .push_bind(sector.code())
            .push(")");
    }
    push_year(&mut qb, "f.opens_on", filter.year);
    push_words(&mut qb, &["f.sort_title", "lower(f.title_en)", "lower(f.programme)", "lower(f.reference)"], &filter.search);
    let day = ymd(today);
    qb.push(" ORDER BY CASE WHEN f.closes_on < ")
        .push_bind(day.clone())
        .push(" THEN 2 WHEN f.opens_on > ")
        .push_bind(day.clone())
        .push(" THEN 1 ELSE 0 END, CASE WHEN f.closes_on < ")
        .push_bind(day)
        .push(" THEN f.closes_on END DESC, f.closes_on IS NULL, f.closes_on, f.opens_on, f.sort_title LIMIT ")
        .push_bind(LIST_LIMIT);
    let rows = qb.build().fetch_all(store.pool()).await?;
    let calls: Vec<FundingCallRow> = rows.iter().map(|r| row_of(r, today)).collect::<Result<_>>()?;
    Ok(calls)
}

fn row_of(row: &SqliteRow, today: NaiveDate) -> Result<FundingCallRow> {
    let opens_on: Option<String> = row.try_get("opens_on")?;
    let closes_on: Option<String> = row.try_get("closes_on")?;
    Ok(FundingCallRow {
        id: row.try_get("id")?,
        title_ro: row.try_get("title_ro")?,
        title_en: row.try_get("title_en")?,
        programme: row.try_get("programme")?,
        funder: row.try_get("funder")?,
        state: state_on(opens_on.as_deref(), closes_on.as_deref(), today),
        opens_on,
        closes_on,
        budget: row.try_get("budget_cents")?,
        currency: row.try_get("currency")?,
        sectors: sectors_of(row.try_get("sectors")?),
    })
}

/// The calls still open that close within [`CLOSING_DAYS`] days, the soonest first (the dashboard).
pub async fn closing_calls(store: &Store) -> Result<Vec<FundingCallRow>> {
    list_calls(store, &FundingCallFilter { state: Some(CallState::Closing), ..Default::default() }).await
}

/// The programmes on record, for the list's filter.
pub async fn programmes(store: &Store) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar("SELECT DISTINCT programme FROM funding_calls ORDER BY lower(programme)")
        .fetch_all(store.pool())
        .await?)
}

pub async fn get_call(store: &Store, id: i64) -> Result<FundingCall> {
    let today = store.today();
    store.with_connection(async |conn| get_call_in(conn, id, today).await).await
}

pub(crate) async fn get_call_in(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> Result<FundingCall> {
    let row = sqlx::query("SELECT * FROM funding_calls WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "funding_call", id })?;
    let list = async |conn: &mut SqliteConnection, sql: &'static str| -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(sql).bind(id).fetch_all(&mut *conn).await?)
    };
    let applicants = list(conn, "SELECT applicant FROM funding_call_applicants WHERE call_id = ?").await?;
    let regions = list(conn, "SELECT region FROM funding_call_regions WHERE call_id = ?").await?;
    let sectors = list(conn, "SELECT sector FROM funding_call_sectors WHERE call_id = ?").await?;
    let caen = sqlx::query("SELECT revision, code FROM funding_call_caen WHERE call_id = ? ORDER BY revision DESC, code")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .filter_map(|r| {
            let revision = CaenRevision::from_number(r.try_get("revision").ok()?)?;
            Some(CaenCode { revision, code: r.try_get("code").ok()? })
        })
        .collect();
    let opens_on: Option<String> = row.try_get("opens_on")?;
    let closes_on: Option<String> = row.try_get("closes_on")?;
    let min_label: Option<String> = row.try_get("min_label")?;
    // Applicants in the form's order, whatever order the rows come in.
    let applicants = Applicant::ALL.iter().copied().filter(|a| applicants.iter().any(|x| x == a.code())).collect();
    let regions = crate::geo::Region::ALL.iter().copied().filter(|r| regions.iter().any(|x| x == r.code())).collect();
    let sectors = Sector::ALL.iter().copied().filter(|s| sectors.iter().any(|x| x == s.code())).collect();
    Ok(FundingCall {
        id,
        state: state_on(opens_on.as_deref(), closes_on.as_deref(), today),
        input: FundingCallInput {
            title_ro: row.try_get("title_ro")?,
            title_en: row.try_get("title_en")?,
            programme: row.try_get("programme")?,
            funder: row.try_get("funder")?,
            reference: row.try_get("reference")?,
            link: row.try_get("link")?,
            opens_on,
            closes_on,
            budget: row.try_get("budget_cents")?,
            currency: row.try_get("currency")?,
            cofinancing_bp: row.try_get("cofinancing_bp")?,
            applicants,
            regions,
            sectors,
            caen,
            min_label: min_label.as_deref().and_then(crate::clusters::LabelLevel::parse),
            requires_national: row.try_get("requires_national")?,
            requires_eccp: row.try_get("requires_eccp")?,
            notes: row.try_get("notes")?,
        },
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

// ---------------------------------------------------------------------------------------------
// Regulations

const REGULATION_SELECT: &str = "SELECT r.id, r.title_ro, r.title_en, r.source, r.reference, r.issued_on, r.effect_ro, \
     r.effect_en, r.link, (SELECT group_concat(s.sector, ',') FROM regulation_sectors s WHERE s.regulation_id = r.id) AS sectors \
     FROM regulations r";

fn regulation_of(row: &SqliteRow) -> Result<Regulation> {
    Ok(Regulation {
        id: row.try_get("id")?,
        input: RegulationInput {
            title_ro: row.try_get("title_ro")?,
            title_en: row.try_get("title_en")?,
            source: row.try_get("source")?,
            reference: row.try_get("reference")?,
            issued_on: row.try_get("issued_on")?,
            effect_ro: row.try_get("effect_ro")?,
            effect_en: row.try_get("effect_en")?,
            link: row.try_get("link")?,
            sectors: sectors_of(row.try_get("sectors")?),
        },
    })
}

/// The regulations `filter` selects, the newest first.
pub async fn list_regulations(store: &Store, filter: &RegulationFilter) -> Result<Vec<Regulation>> {
    let mut qb = QueryBuilder::<Sqlite>::new(REGULATION_SELECT);
    qb.push(" WHERE 1 = 1");
    if let Some(source) = filter.source {
        qb.push(" AND r.source = ").push_bind(source.code());
    }
    if let Some(sector) = filter.sector {
        qb.push(" AND EXISTS (SELECT 1 FROM regulation_sectors s WHERE s.regulation_id = r.id AND s.sector = ")
            .push_bind(sector.code())
            .push(")");
    }
    push_year(&mut qb, "r.issued_on", filter.year);
    push_words(&mut qb, &["r.sort_title", "lower(r.title_en)", "lower(r.reference)"], &filter.search);
    push_order_limit(&mut qb, "r.issued_on DESC, r.sort_title");
    let rows = qb.build().fetch_all(store.pool()).await?;
    rows.iter().map(regulation_of).collect()
}

pub async fn get_regulation(store: &Store, id: i64) -> Result<Regulation> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{REGULATION_SELECT} WHERE r.id = ?")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?
        .ok_or(Error::NotFound { entity: "regulation", id })?;
    regulation_of(&row)
}
