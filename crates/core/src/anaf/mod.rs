//! ANAF's public data by CUI, when online: the lookup behind the button beside a CUI and the
//! membership check (`check`).
//!
//! What leaves the laptop: the CUIs and the date the answer is for, nothing else (the README says
//! so). ANAF's answers are kept in their own table (`anaf_answers`), one per CUI in the registry's
//! form; records change only when staff accept a proposed field (`propose`).

pub mod check;
pub mod client;
pub mod parse;
pub mod propose;

use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::caen::CaenRevision;
use crate::clusters::CaenCode;
use crate::{Result, Store, settings};
pub use client::{Client, ClientConfig, MAX_BATCH};

/// The address of the current version of the service (v9).
pub const DEFAULT_URL: &str = "https://webservicesp.anaf.ro/api/PlatitorTvaRest/v9/tva";

const URL_SETTING: &str = "anaf_url";
const ENABLED_SETTING: &str = "anaf_enabled";

/// Why ANAF gave no usable answer. Each is one line for staff (`code()` is its message key).
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum AnafError {
    #[error("ANAF lookups are turned off")]
    Disabled,
    #[error("no network")]
    Offline,
    #[error("ANAF did not answer in time")]
    Timeout,
    #[error("ANAF refused: too many requests")]
    RateLimited,
    #[error("ANAF answered HTTP {0}")]
    Server(u16),
    #[error("ANAF's answer cannot be read: {0}")]
    Malformed(String),
    #[error("certificate: {0}")]
    Certificate(String),
    #[error("network: {0}")]
    Network(String),
    #[error("the ANAF address setting is not a valid URL")]
    BadSetting,
    #[error("not a CUI: {0}")]
    NotACui(String),
}

impl AnafError {
    pub fn code(&self) -> &'static str {
        match self {
            AnafError::Disabled => "error.anaf_disabled",
            AnafError::Offline => "error.anaf_offline",
            AnafError::Timeout => "error.anaf_timeout",
            AnafError::RateLimited => "error.anaf_rate_limited",
            AnafError::Server(_) => "error.anaf_server",
            AnafError::Malformed(_) => "error.anaf_malformed",
            AnafError::Certificate(_) => "error.anaf_certificate",
            AnafError::Network(_) => "error.anaf_network",
            AnafError::BadSetting => "error.anaf_bad_setting",
            AnafError::NotACui(_) => "error.anaf_not_a_cui",
        }
    }

    pub fn params(&self) -> Vec<(&'static str, String)> {
        match self {
            AnafError::Server(status) => vec![("status", status.to_string())],
            AnafError::Malformed(detail) | AnafError::Certificate(detail) | AnafError::Network(detail) => {
                vec![("detail", detail.clone())]
            }
            AnafError::NotACui(value) => vec![("value", value.clone())],
            _ => Vec::new(),
        }
    }
}

/// One CUI as ANAF knows it (or does not: `found` false), as kept in `anaf_answers`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Company {
    /// The registry's form: digits, no RO, no leading zeros.
    pub cui: String,
    pub found: bool,
    /// The day the answer is for (ISO).
    pub answer_date: String,
    pub name: String,
    pub legal_form: String,
    /// ANAF's whole address as one line.
    pub address: String,
    /// Street, number and details of the registered office.
    pub street: String,
    pub city: String,
    /// Our county code, when ANAF's county is one of ours.
    pub county: Option<String>,
    pub postal_code: String,
    pub reg_number: String,
    pub caen: Option<CaenCode>,
    pub vat: bool,
    pub inactive: bool,
    pub struck_off: bool,
    /// ANAF's words for the registration ("INREGISTRAT din data 12.03.2010", "RADIERE …").
    pub registration_state: String,
}

impl Company {
    pub(crate) fn unknown(cui: String, date: &str) -> Company {
        Company {
            cui,
            found: false,
            answer_date: date.to_string(),
            name: String::new(),
            legal_form: String::new(),
            address: String::new(),
            street: String::new(),
            city: String::new(),
            county: None,
            postal_code: String::new(),
            reg_number: String::new(),
            caen: None,
            vat: false,
            inactive: false,
            struck_off: false,
            registration_state: String::new(),
        }
    }
}

/// A stored answer with its source date and the flags of the membership check.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StoredAnswer {
    #[serde(flatten)]
    pub company: Company,
    /// The Bucharest day it was fetched (ISO): "ANAF, 03.12.2026".
    pub fetched_on: String,
    pub name_changed: bool,
    pub address_changed: bool,
}

/// The CUI in the registry's form (no RO, no spaces, no leading zeros), as a number for ANAF.
pub fn registry_number(input: &str) -> Result<u64, AnafError> {
    crate::cui::normalize(input)
        .and_then(|digits| digits.parse::<u64>().ok())
        .filter(|n| *n > 0 && *n < 10_000_000_000)
        .ok_or_else(|| AnafError::NotACui(input.to_string()))
}

/// Whether lookups may go out, and where.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AnafSettings {
    pub enabled: bool,
    pub url: String,
}

/// The settings in the database; `CLUSTERDESK_ANAF_URL` (tests, a local mirror) overrides the
/// address and `CLUSTERDESK_ANAF=off` turns lookups off for the process.
pub async fn settings(pool: &SqlitePool) -> Result<AnafSettings> {
    let mut conn = pool.acquire().await?;
    let off_in_env = std::env::var("CLUSTERDESK_ANAF").is_ok_and(|v| v == "off");
    let enabled = !off_in_env && settings::get(&mut conn, ENABLED_SETTING).await?.is_none_or(|v| v != "0");
    let url = match std::env::var("CLUSTERDESK_ANAF_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        _ => settings::get(&mut conn, URL_SETTING).await?.unwrap_or_else(|| DEFAULT_URL.to_string()),
    };
    Ok(AnafSettings { enabled, url })
}

pub async fn set_settings(store: &Store, enabled: bool, url: &str) -> Result<()> {
    let url = url.trim();
    if !url.is_empty() && url::Url::parse(url).map(|u| !matches!(u.scheme(), "https" | "http")).unwrap_or(true) {
        return Err(crate::Error::invalid("url", "anaf_url_invalid"));
    }
    let mut tx = store.write().await?;
    settings::set(&mut tx, ENABLED_SETTING, if enabled { "1" } else { "0" }).await?;
    settings::set(&mut tx, URL_SETTING, if url.is_empty() { DEFAULT_URL } else { url }).await?;
    tx.commit().await?;
    Ok(())
}

/// A client for the configured service, or `Disabled`.
pub async fn client(store: &Store) -> Result<Client> {
    let settings = settings(store.pool()).await?;
    if !settings.enabled {
        return Err(AnafError::Disabled.into());
    }
    let mut config = ClientConfig::new(&settings.url);
    // The bench and the tests run a local server faster than ANAF allows.
    if let Some(ms) = std::env::var("CLUSTERDESK_ANAF_PACE_MS").ok().and_then(|v| v.parse::<u64>().ok()) {
        config.pace = std::time::Duration::from_millis(ms);
        config.backoff = config.pace.max(std::time::Duration::from_millis(10));
    }
    Ok(Client::new(config)?)
}

/// Asks ANAF about `cuis` (any written form) for today, in paced batches, and keeps the answers.
/// Returns them in the order asked; nothing is stored unless every batch was answered and read.
pub async fn lookup(store: &Store, client: &mut Client, cuis: &[String]) -> Result<Vec<StoredAnswer>> {
    let numbers = cuis.iter().map(|c| registry_number(c)).collect::<Result<Vec<_>, _>>()?;
    let date = store.today().to_string();
    let counties = crate::geo::counties(store.pool()).await?;
    let mut companies = Vec::new();
    for batch in numbers.chunks(MAX_BATCH) {
        let body = client.post(batch, &date).await?;
        companies.extend(parse::read(&body, &date, &counties)?);
    }
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    for company in &companies {
        save_in(&mut tx, company, &at.stamp).await?;
    }
    tx.commit().await?;
    let mut conn = store.pool().acquire().await?;
    let mut out = Vec::with_capacity(numbers.len());
    for number in numbers {
        if let Some(answer) = answer_in(&mut conn, &number.to_string()).await? {
            out.push(answer);
        }
    }
    Ok(out)
}

/// Stores ANAF's answer for one CUI, raising the change flags when the name or the address
/// differs from the answer before it.
pub(crate) async fn save_in(conn: &mut SqliteConnection, c: &Company, stamp: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO anaf_answers (cui, found, answer_date, name, legal_form, address, street, city, county,
             postal_code, reg_number, caen_code, caen_revision, vat, inactive, struck_off, registration_state,
             name_changed, address_changed, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 0, 0, ?18)
         ON CONFLICT (cui) DO UPDATE SET
             name_changed = anaf_answers.name_changed OR (excluded.found AND anaf_answers.found AND excluded.name <> anaf_answers.name),
             address_changed = anaf_answers.address_changed OR (excluded.found AND anaf_answers.found AND excluded.address <> anaf_answers.address),
             found = excluded.found, answer_date = excluded.answer_date, name = excluded.name,
             legal_form = excluded.legal_form, address = excluded.address, street = excluded.street,
             city = excluded.city, county = excluded.county, postal_code = excluded.postal_code,
             reg_number = excluded.reg_number, caen_code = excluded.caen_code,
             caen_revision = excluded.caen_revision, vat = excluded.vat, inactive = excluded.inactive,
             struck_off = excluded.struck_off, registration_state = excluded.registration_state,
             updated_at = excluded.updated_at",
    )
    .bind(&c.cui)
    .bind(c.found)
    .bind(&c.answer_date)
    .bind(&c.name)
    .bind(&c.legal_form)
    .bind(&c.address)
    .bind(&c.street)
    .bind(&c.city)
    .bind(&c.county)
    .bind(&c.postal_code)
    .bind(&c.reg_number)
    .bind(c.caen.as_ref().map(|k| k.code.clone()))
    .bind(c.caen.as_ref().map(|k| k.revision.number()))
    .bind(c.vat)
    .bind(c.inactive)
    .bind(c.struck_off)
    .bind(&c.registration_state)
    .bind(stamp)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    cui: String,
    found: bool,
    answer_date: String,
    name: String,
    legal_form: String,
    address: String,
    street: String,
    city: String,
    county: Option<String>,
    postal_code: String,
    reg_number: String,
    caen_code: Option<String>,
    caen_revision: Option<i64>,
    vat: bool,
    inactive: bool,
    struck_off: bool,
    registration_state: String,
    name_changed: bool,
    address_changed: bool,
    updated_at: String,
}

/// The stored answer for a CUI (any written form), if ANAF was ever asked.
pub async fn answer(store: &Store, cui: &str) -> Result<Option<StoredAnswer>> {
    let Ok(number) = registry_number(cui) else { return Ok(None) };
    let mut conn = store.pool().acquire().await?;
    answer_in(&mut conn, &number.to_string()).await
}

async fn answer_in(conn: &mut SqliteConnection, cui: &str) -> Result<Option<StoredAnswer>> {
    let row: Option<AnswerRow> =
        sqlx::query_as("SELECT * FROM anaf_answers WHERE cui = ?").bind(cui).fetch_optional(&mut *conn).await?;
    Ok(row.map(|r| StoredAnswer {
        fetched_on: crate::clock::local_time_of_stamp(&r.updated_at)
            .map(|t| t.date().to_string())
            .unwrap_or_else(|| r.updated_at.chars().take(10).collect()),
        name_changed: r.name_changed,
        address_changed: r.address_changed,
        company: Company {
            cui: r.cui,
            found: r.found,
            answer_date: r.answer_date,
            name: r.name,
            legal_form: r.legal_form,
            address: r.address,
            street: r.street,
            city: r.city,
            county: r.county,
            postal_code: r.postal_code,
            reg_number: r.reg_number,
            caen: r
                .caen_code
                .zip(r.caen_revision.and_then(CaenRevision::from_number))
                .map(|(code, revision)| CaenCode { revision, code }),
            vat: r.vat,
            inactive: r.inactive,
            struck_off: r.struck_off,
            registration_state: r.registration_state,
        },
    }))
}

/// Staff have seen the change of name or address (the record updated, or left as it is).
pub async fn dismiss_changes(store: &Store, cui: &str) -> Result<()> {
    let number = registry_number(cui)?;
    let mut tx = store.write().await?;
    sqlx::query("UPDATE anaf_answers SET name_changed = 0, address_changed = 0 WHERE cui = ?")
        .bind(number.to_string())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
