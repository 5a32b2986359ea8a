//! Eligibility of a cluster, from its recorded data, under two sets of criteria:
//!
//! - the profile criteria of the EU **Cluster Collaboration Platform** (ECCP), which the ESCA labels
//!   require: a cluster management of at least 0.5 full-time equivalents, at least 15 committed
//!   members, members of at least two types of the helix (companies; research and universities;
//!   public bodies; civil society) and a website in English. These are the platform's rules and
//!   are fixed here.
//! - the **national minimum criteria** for recognising a cluster in Romania. The Romanian cluster
//!   policy rests on the quadruple helix: enterprises, universities or research bodies, public
//!   authorities, and a catalyst organisation that manages the cluster. The defaults
//!   ([`NationalThresholds::default`]): at least 10 companies, at least 1 university or research
//!   body, at least 1 public authority, and a catalyst (a legal entity, with its legal name on
//!   record, employing cluster management staff). The ministry has changed the numbers between
//!   funding schemes, so staff edit them in Settings.
//!
//! The committed members are the member organisations on record. The helix types follow the
//! organisation kinds: micro, small, medium and large firms are companies; `research` covers
//! universities and research institutes; `public_authority` the public bodies; `other` the civil
//! society side (associations, chambers, and the regional development agencies, which are
//! non-governmental bodies of public utility under Law 315/2004).
//!
//! [`check`] gives each criterion with its value and what is missing; [`push_condition`] is the
//! same rule as SQL for the list's filter (a test holds the two together).

mod report;

pub use report::{criterion_text, missing_text, pdf_section};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use ts_rs::TS;

use crate::clusters::OrgKind;
use crate::code_enum::code_enum;
use crate::error::FieldError;
use crate::store::Store;
use crate::validation::Problems;
use crate::{Error, Result, settings};

code_enum! {
    /// The two sets of criteria a cluster is checked against.
    Scheme { Eccp = "eccp", National = "national" }
}

code_enum! {
    Criterion {
        ManagementFte = "management_fte",
        Members = "members",
        HelixTypes = "helix_types",
        EnglishWebsite = "english_website",
        Companies = "companies",
        Research = "research",
        PublicAuthorities = "public_authorities",
        Catalyst = "catalyst",
    }
}

code_enum! {
    /// The member types of the helix model.
    HelixType {
        Companies = "companies",
        Research = "research",
        PublicBodies = "public_bodies",
        CivilSociety = "civil_society",
    }
}

code_enum! {
    /// The list's eligibility filter; choices of one scheme are alternatives, the two schemes combine.
    EligibilityFilter {
        EccpMet = "eccp_met",
        EccpNotMet = "eccp_not_met",
        NationalMet = "national_met",
        NationalNotMet = "national_not_met",
    }
}

impl Criterion {
    /// Met or not, with no count behind it.
    pub fn is_yes_no(self) -> bool {
        matches!(self, Criterion::EnglishWebsite | Criterion::Catalyst)
    }
}

/// The ECCP profile: cluster management staff, in full-time equivalents.
pub const ECCP_MIN_FTE: f64 = 0.5;
/// The ECCP profile: committed members.
pub const ECCP_MIN_MEMBERS: i64 = 15;
/// The ECCP profile: member types of the helix.
pub const ECCP_MIN_HELIX_TYPES: i64 = 2;

const COMPANY_KINDS: [OrgKind; 4] = [OrgKind::Micro, OrgKind::Small, OrgKind::Medium, OrgKind::Large];

impl HelixType {
    pub fn of(kind: OrgKind) -> HelixType {
        match kind {
            OrgKind::Micro | OrgKind::Small | OrgKind::Medium | OrgKind::Large => HelixType::Companies,
            OrgKind::Research => HelixType::Research,
            OrgKind::PublicAuthority => HelixType::PublicBodies,
            OrgKind::Other => HelixType::CivilSociety,
        }
    }

    fn kinds(self) -> Vec<OrgKind> {
        OrgKind::ALL.iter().copied().filter(|k| HelixType::of(*k) == self).collect()
    }
}

/// The national minimum criteria, as set in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NationalThresholds {
    pub min_companies: i64,
    pub min_research: i64,
    pub min_public_authorities: i64,
}

impl Default for NationalThresholds {
    fn default() -> Self {
        NationalThresholds { min_companies: 10, min_research: 1, min_public_authorities: 1 }
    }
}

const MIN_COMPANIES_KEY: &str = "eligibility.national.min_companies";
const MIN_RESEARCH_KEY: &str = "eligibility.national.min_research";
const MIN_PUBLIC_KEY: &str = "eligibility.national.min_public_authorities";
/// No threshold can ask for more members of one kind than this.
pub const MAX_THRESHOLD: i64 = 500;

/// One criterion of one scheme, as the record meets it or not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CriterionCheck {
    pub criterion: Criterion,
    pub met: bool,
    /// What the record shows (a count, or FTE); `None` when it is not recorded.
    pub value: Option<f64>,
    /// The threshold (1 for a yes/no criterion).
    pub required: f64,
    /// What is missing, as a message key under `eligibility.missing.`, when not met. Its text
    /// takes `{value}` and `{required}` (formatted at the edge) and the `params`.
    pub missing: Option<String>,
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SchemeCheck {
    pub scheme: Scheme,
    pub met: bool,
    pub criteria: Vec<CriterionCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Eligibility {
    pub cluster_id: i64,
    pub eccp: SchemeCheck,
    pub national: SchemeCheck,
    /// The helix types among the members.
    pub helix_types: Vec<HelixType>,
    pub thresholds: NationalThresholds,
}

/// What the checks read from the record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    pub management_fte: Option<f64>,
    pub website: bool,
    pub website_english: bool,
    pub legal_name: bool,
    /// Member organisations by kind.
    pub members: BTreeMap<OrgKind, i64>,
}

impl Facts {
    fn count(&self, kinds: &[OrgKind]) -> i64 {
        kinds.iter().map(|k| self.members.get(k).copied().unwrap_or(0)).sum()
    }

    fn helix_types(&self) -> Vec<HelixType> {
        HelixType::ALL.iter().copied().filter(|h| self.count(&h.kinds()) > 0).collect()
    }
}

/// The eligibility of one cluster, archived or not.
pub async fn check(store: &Store, cluster_id: i64) -> Result<Eligibility> {
    store.with_connection(async |conn| check_in(conn, cluster_id).await).await
}

/// [`check`] on the caller's connection.
pub async fn check_in(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Eligibility> {
    let thresholds = read_thresholds(conn).await?;
    let facts = facts(conn, cluster_id).await?;
    Ok(evaluate(cluster_id, &facts, &thresholds))
}

/// The checks on given facts: every criterion, met or with what is missing.
pub fn evaluate(cluster_id: i64, facts: &Facts, thresholds: &NationalThresholds) -> Eligibility {
    let members = facts.count(OrgKind::ALL);
    let helix_types = facts.helix_types();
    let fte = facts.management_fte;

    let mut eccp = Vec::new();
    eccp.push(match fte {
        None => failed(Criterion::ManagementFte, None, ECCP_MIN_FTE, "fte_not_recorded", &[]),
        Some(v) if v < ECCP_MIN_FTE => failed(Criterion::ManagementFte, Some(v), ECCP_MIN_FTE, "fte_short", &[]),
        Some(v) => passed(Criterion::ManagementFte, Some(v), ECCP_MIN_FTE),
    });
    eccp.push(at_least(Criterion::Members, members, ECCP_MIN_MEMBERS, "members_short"));
    eccp.push(at_least(Criterion::HelixTypes, helix_types.len() as i64, ECCP_MIN_HELIX_TYPES, "helix_short"));
    eccp.push(match (facts.website, facts.website_english) {
        (true, true) => passed(Criterion::EnglishWebsite, Some(1.0), 1.0),
        (false, _) => failed(Criterion::EnglishWebsite, Some(0.0), 1.0, "no_website", &[]),
        (true, false) => failed(Criterion::EnglishWebsite, Some(0.0), 1.0, "no_english_version", &[]),
    });

    let mut national = vec![
        at_least(Criterion::Companies, facts.count(&COMPANY_KINDS), thresholds.min_companies, "companies_short"),
        at_least(Criterion::Research, facts.count(&[OrgKind::Research]), thresholds.min_research, "research_short"),
        at_least(
            Criterion::PublicAuthorities,
            facts.count(&[OrgKind::PublicAuthority]),
            thresholds.min_public_authorities,
            "public_short",
        ),
    ];
    let staffed = fte.is_some_and(|v| v > 0.0);
    national.push(match (facts.legal_name, staffed) {
        (true, true) => passed(Criterion::Catalyst, Some(1.0), 1.0),
        (false, _) => failed(Criterion::Catalyst, Some(0.0), 1.0, "catalyst_no_entity", &[]),
        (true, false) => failed(Criterion::Catalyst, Some(0.0), 1.0, "catalyst_no_staff", &[]),
    });

    Eligibility {
        cluster_id,
        eccp: scheme(Scheme::Eccp, eccp),
        national: scheme(Scheme::National, national),
        helix_types,
        thresholds: *thresholds,
    }
}

fn scheme(scheme: Scheme, criteria: Vec<CriterionCheck>) -> SchemeCheck {
    SchemeCheck { scheme, met: criteria.iter().all(|c| c.met), criteria }
}

fn passed(criterion: Criterion, value: Option<f64>, required: f64) -> CriterionCheck {
    CriterionCheck { criterion, met: true, value, required, missing: None, params: BTreeMap::new() }
}

fn failed(
    criterion: Criterion,
    value: Option<f64>,
    required: f64,
    missing: &str,
    params: &[(&str, String)],
) -> CriterionCheck {
    CriterionCheck {
        criterion,
        met: false,
        value,
        required,
        missing: Some(missing.to_string()),
        params: params.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
    }
}

/// A count against its minimum; what is missing says how many more are needed.
fn at_least(criterion: Criterion, count: i64, min: i64, missing: &str) -> CriterionCheck {
    if count >= min {
        passed(criterion, Some(count as f64), min as f64)
    } else {
        failed(criterion, Some(count as f64), min as f64, missing, &[("more", (min - count).to_string())])
    }
}

async fn facts(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Facts> {
    let row = sqlx::query("SELECT management_fte, website, website_english, legal_name FROM clusters WHERE id = ?")
        .bind(cluster_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound { entity: "cluster", id: cluster_id })?;
    let website: String = row.try_get("website")?;
    let legal_name: String = row.try_get("legal_name")?;
    let mut members = BTreeMap::new();
    for count in crate::clusters::org_counts(conn, cluster_id).await? {
        members.insert(count.kind, count.count);
    }
    Ok(Facts {
        management_fte: row.try_get("management_fte")?,
        website: !website.trim().is_empty(),
        website_english: row.try_get("website_english")?,
        legal_name: !legal_name.trim().is_empty(),
        members,
    })
}

// ---------------------------------------------------------------------------------------------
// The thresholds in Settings

pub async fn thresholds(store: &Store) -> Result<NationalThresholds> {
    let mut conn = store.pool().acquire().await?;
    read_thresholds(&mut conn).await
}

pub(crate) async fn read_thresholds(conn: &mut SqliteConnection) -> Result<NationalThresholds> {
    let defaults = NationalThresholds::default();
    let mut read = async |key: &str, default: i64| -> Result<i64> {
        Ok(settings::get(conn, key)
            .await?
            .and_then(|v| v.parse::<i64>().ok())
            .filter(|v| (0..=MAX_THRESHOLD).contains(v))
            .unwrap_or(default))
    };
    Ok(NationalThresholds {
        min_companies: read(MIN_COMPANIES_KEY, defaults.min_companies).await?,
        min_research: read(MIN_RESEARCH_KEY, defaults.min_research).await?,
        min_public_authorities: read(MIN_PUBLIC_KEY, defaults.min_public_authorities).await?,
    })
}

/// Saves the national thresholds: whole numbers from 0 (the criterion is then always met) to
/// [`MAX_THRESHOLD`].
pub async fn set_thresholds(store: &Store, thresholds: &NationalThresholds) -> Result<()> {
    let mut problems = Problems::default();
    for (field, value) in [
        ("min_companies", thresholds.min_companies),
        ("min_research", thresholds.min_research),
        ("min_public_authorities", thresholds.min_public_authorities),
    ] {
        if !(0..=MAX_THRESHOLD).contains(&value) {
            problems.add(FieldError::new(field, "number_range").with("min", 0).with("max", MAX_THRESHOLD));
        }
    }
    problems.into_result()?;
    let mut tx = store.write().await?;
    settings::set(&mut tx, MIN_COMPANIES_KEY, &thresholds.min_companies.to_string()).await?;
    settings::set(&mut tx, MIN_RESEARCH_KEY, &thresholds.min_research.to_string()).await?;
    settings::set(&mut tx, MIN_PUBLIC_KEY, &thresholds.min_public_authorities.to_string()).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The same rules in SQL, for the cluster list's filter

/// Appends ` AND (...)` for the schemes the filter names; choosing both "met" and "not met" of
/// one scheme leaves that scheme out. `c` is the clusters table of the enclosing query.
pub(crate) fn push_filter(q: &mut QueryBuilder<Sqlite>, filter: &[EligibilityFilter], thresholds: &NationalThresholds) {
    for (scheme, met, not_met) in [
        (Scheme::Eccp, EligibilityFilter::EccpMet, EligibilityFilter::EccpNotMet),
        (Scheme::National, EligibilityFilter::NationalMet, EligibilityFilter::NationalNotMet),
    ] {
        let wanted = (filter.contains(&met), filter.contains(&not_met));
        if wanted.0 == wanted.1 {
            continue;
        }
        q.push(if wanted.0 { " AND (" } else { " AND NOT (" });
        push_condition(q, scheme, thresholds);
        q.push(")");
    }
}

/// The scheme's criteria as one SQL condition, never NULL (so that `NOT` selects the others).
///
/// The member counts are the clusters' `members_*` columns, which triggers on `organisations`
/// keep (see the migration `20261128000011`): counting 100,000 members on every list query took
/// tens of milliseconds at 5,000 clusters. [`check`] counts the organisations themselves, so the
/// test that holds the two rules together checks the triggers too.
pub(crate) fn push_condition(q: &mut QueryBuilder<Sqlite>, scheme: Scheme, thresholds: &NationalThresholds) {
    match scheme {
        Scheme::Eccp => {
            q.push("COALESCE(c.management_fte, 0) >= ").push_bind(ECCP_MIN_FTE);
            q.push(" AND c.website <> '' AND c.website_english = 1");
            q.push(" AND c.members_companies + c.members_research + c.members_public + c.members_civil >= ")
                .push_bind(ECCP_MIN_MEMBERS);
            q.push(
                " AND (c.members_companies > 0) + (c.members_research > 0) + (c.members_public > 0) \
                 + (c.members_civil > 0) >= ",
            )
            .push_bind(ECCP_MIN_HELIX_TYPES);
        }
        Scheme::National => {
            q.push("c.legal_name <> '' AND COALESCE(c.management_fte, 0) > 0");
            q.push(" AND c.members_companies >= ").push_bind(thresholds.min_companies);
            q.push(" AND c.members_research >= ").push_bind(thresholds.min_research);
            q.push(" AND c.members_public >= ").push_bind(thresholds.min_public_authorities);
        }
    }
}

#[cfg(test)]
mod tests;
