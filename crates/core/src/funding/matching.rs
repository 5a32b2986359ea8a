//! Which member clusters and organisations fit a call, with why — criterion by criterion, met or
//! missed, the way the eligibility page explains itself.
//!
//! ONE SQL statement answers for a call (or for every open call and one cluster): it pairs each
//! call with the clusters (their region, sectors, CAEN codes, current label, the national and ECCP
//! criteria as the list's filter computes them) and with their member organisations (kind, CAEN
//! code), computes a flag per criterion, counts the criteria missed, keeps those that miss at most
//! the number asked, and ranks them per call and applicant in SQLite, so that 100,000 organisations
//! never cross into Rust. CAEN codes meet through `funding_call_caen_cache`, which the save fills
//! with each code of the call and its correspondents in the other revision (INS), and which keeps
//! the code each came from.
//!
//! The applicant kind is a gate, not a criterion that can be "nearly" met: an organisation of a
//! kind the call does not fund is not shown. Region, sectors, label and the national and ECCP
//! criteria are the cluster's; an organisation meets them through its cluster (calls for clusters'
//! members ask for membership of a recognised cluster). Only what the call asks is listed: a call
//! with no regions puts no condition on the region.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::sqlite::SqliteRow;
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::model::*;
use super::read::push_state;
use crate::clusters::{LabelLevel, OrgKind};
use crate::code_enum::code_enum;
use crate::eligibility::{self, Scheme};
use crate::services::ymd;
use crate::store::Store;
use crate::{Error, Result};

code_enum! {
    /// What a call asks of an applicant.
    CallCriterion {
        Applicant = "applicant",
        Region = "region",
        Sector = "sector",
        Caen = "caen",
        Label = "label",
        National = "national",
        Eccp = "eccp",
    }
}

code_enum! {
    MatchKind { Cluster = "cluster", Organisation = "organisation" }
}

/// One criterion of a call as an applicant meets it or not. `reason` is a message key under
/// `funding.reason.`, whose text takes the `params` (codes the edge translates: `region`,
/// `sector`, `level`, `kind`; CAEN codes and revisions as they are).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallCheck {
    pub criterion: CallCriterion,
    pub met: bool,
    pub reason: String,
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallMatch {
    pub call_id: i64,
    pub who: MatchKind,
    /// The cluster's or the organisation's id.
    pub id: i64,
    pub name: String,
    pub cluster_id: i64,
    pub cluster_name: String,
    /// The organisation's kind (None for a cluster).
    pub kind: Option<OrgKind>,
    /// Every criterion the call asks is met.
    pub fits: bool,
    pub checks: Vec<CallCheck>,
}

/// A call's applicants: those that fit, then those that miss one criterion, each list cut at
/// `limit` rows; the counts are whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallMatches {
    pub call_id: i64,
    pub clusters: Vec<CallMatch>,
    pub organisations: Vec<CallMatch>,
    pub clusters_fit: i64,
    pub clusters_near: i64,
    pub organisations_fit: i64,
    pub organisations_near: i64,
}

/// An open call a cluster fits, or some of its members do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ClusterCall {
    pub call: FundingCallRow,
    /// The cluster itself may apply and fits (its checks below); None when it may not apply.
    pub cluster: Option<CallMatch>,
    /// Member organisations that fit.
    pub organisations_fit: i64,
}

/// Rows per list and call when the caller does not say.
pub const MATCH_LIMIT: i64 = 200;

/// The clusters and organisations that fit call `call_id` or miss one criterion, at most `limit`
/// of each kind.
pub async fn match_call(store: &Store, call_id: i64, limit: i64) -> Result<CallMatches> {
    let today = store.today();
    store
        .with_connection(async |conn| {
            crate::trainings::must_exist(conn, "funding_calls", "funding_call", Some(call_id))
                .await
                .map_err(|_| Error::NotFound { entity: "funding_call", id: call_id })?;
            let rows = candidates(conn, Calls::One(call_id), None, 1, limit, today).await?;
            let mut out = CallMatches {
                call_id,
                clusters: Vec::new(),
                organisations: Vec::new(),
                clusters_fit: 0,
                clusters_near: 0,
                organisations_fit: 0,
                organisations_near: 0,
            };
            for row in rows {
                match row.found.who {
                    MatchKind::Cluster => {
                        (out.clusters_fit, out.clusters_near) = (row.fit_count, row.near_count);
                        out.clusters.push(row.found);
                    }
                    MatchKind::Organisation => {
                        (out.organisations_fit, out.organisations_near) = (row.fit_count, row.near_count);
                        out.organisations.push(row.found);
                    }
                }
            }
            Ok(out)
        })
        .await
}

/// The open calls (Bucharest today) that cluster `cluster_id` or some of its members fit, the
/// soonest closing first.
pub async fn calls_for_cluster(store: &Store, cluster_id: i64) -> Result<Vec<ClusterCall>> {
    let today = store.today();
    let rows = store
        .with_connection(async |conn| {
            crate::trainings::must_exist(conn, "clusters", "cluster", Some(cluster_id)).await?;
            candidates(conn, Calls::Open, Some(cluster_id), 0, 1, today).await
        })
        .await?;
    let open = super::read::list_calls(store, &FundingCallFilter { state: Some(CallState::Open), ..Default::default() })
        .await?;
    let mut out: Vec<ClusterCall> = Vec::new();
    for call in open {
        let mine: Vec<&Candidate> = rows.iter().filter(|r| r.found.call_id == call.id).collect();
        if mine.is_empty() {
            continue;
        }
        let cluster = mine.iter().find(|r| r.found.who == MatchKind::Cluster).map(|r| r.found.clone());
        let organisations_fit =
            mine.iter().find(|r| r.found.who == MatchKind::Organisation).map(|r| r.fit_count).unwrap_or(0);
        out.push(ClusterCall { call, cluster, organisations_fit });
    }
    Ok(out)
}

enum Calls {
    One(i64),
    Open,
}

struct Candidate {
    found: CallMatch,
    fit_count: i64,
    near_count: i64,
}

const RANK: &str = "CASE {} WHEN 'bronze' THEN 1 WHEN 'silver' THEN 2 WHEN 'gold' THEN 3 END";

fn rank(column: &str) -> String {
    RANK.replace("{}", column)
}

/// The statement. `max_misses` 0 keeps those that fit, 1 also those that miss one criterion.
async fn candidates(
    conn: &mut SqliteConnection,
    calls: Calls,
    cluster: Option<i64>,
    max_misses: i64,
    limit: i64,
    today: NaiveDate,
) -> Result<Vec<Candidate>> {
    let thresholds = eligibility::read_thresholds(conn).await?;
    let day = ymd(today);
    let mut qb = QueryBuilder::<Sqlite>::new(
        "WITH f AS MATERIALIZED (SELECT f.id, f.min_label, f.requires_national, f.requires_eccp, \
           EXISTS (SELECT 1 FROM funding_call_applicants a WHERE a.call_id = f.id) AS has_applicants, \
           EXISTS (SELECT 1 FROM funding_call_regions r WHERE r.call_id = f.id) AS has_regions, \
           EXISTS (SELECT 1 FROM funding_call_sectors s WHERE s.call_id = f.id) AS has_sectors, \
           EXISTS (SELECT 1 FROM funding_call_caen x WHERE x.call_id = f.id) AS has_caen \
         FROM funding_calls f WHERE 1 = 1",
    );
    match calls {
        Calls::One(id) => {
            qb.push(" AND f.id = ").push_bind(id);
        }
        Calls::Open => push_state(&mut qb, CallState::Open, today),
    }
    qb.push(
        "), c AS MATERIALIZED (SELECT c.id, c.name, c.sort_name, k.region, \
           (SELECT l.level FROM labels l WHERE l.cluster_id = c.id AND l.awarded_on <= ",
    )
    .push_bind(day.clone())
    .push(" AND l.valid_until >= ")
    .push_bind(day)
    .push(format_args!(" ORDER BY {} DESC LIMIT 1) AS label, (", rank("l.level")));
    eligibility::push_condition(&mut qb, Scheme::National, &thresholds);
    qb.push(") AS national_ok, (");
    eligibility::push_condition(&mut qb, Scheme::Eccp, &thresholds);
    qb.push(
        ") AS eccp_ok FROM clusters c JOIN counties k ON k.code = c.county \
         WHERE c.archived_at IS NULL AND c.status <> 'left'",
    );
    if let Some(cluster) = cluster {
        qb.push(" AND c.id = ").push_bind(cluster);
    }
    qb.push(format_args!(
        "), fc AS MATERIALIZED (SELECT f.id AS call_id, f.has_applicants, f.has_regions, f.has_sectors, f.has_caen, \
           f.min_label, f.requires_national, f.requires_eccp, c.id AS cluster_id, c.name AS cluster_name, \
           c.sort_name, c.region, c.label, c.national_ok, c.eccp_ok, \
           EXISTS (SELECT 1 FROM funding_call_regions r WHERE r.call_id = f.id AND r.region = c.region) AS region_in, \
           (SELECT s.sector FROM funding_call_sectors s JOIN cluster_sectors cs ON cs.cluster_id = c.id AND cs.sector = s.sector \
              WHERE s.call_id = f.id ORDER BY s.sector LIMIT 1) AS sector_hit \
         FROM f CROSS JOIN c), \
         m AS (SELECT 'cluster' AS who, fc.*, fc.cluster_id AS id, fc.cluster_name AS name, NULL AS kind, \
           NOT fc.has_applicants OR EXISTS (SELECT 1 FROM funding_call_applicants a WHERE a.call_id = fc.call_id AND a.applicant = 'cluster') AS applicant_ok, \
           (SELECT group_concat(x.revision || ':' || x.code, ',') FROM cluster_caen x WHERE x.cluster_id = fc.cluster_id) AS own_caen, \
           (SELECT h.revision || ':' || h.code || ':' || h.via_revision || ':' || h.via_code FROM cluster_caen x \
              JOIN funding_call_caen_cache h ON h.call_id = fc.call_id AND h.revision = x.revision AND h.code = x.code \
              WHERE x.cluster_id = fc.cluster_id ORDER BY h.revision <> h.via_revision, h.code LIMIT 1) AS caen_hit \
         FROM fc \
         UNION ALL SELECT 'organisation', fc.*, o.id, o.name, o.kind, \
           NOT fc.has_applicants OR EXISTS (SELECT 1 FROM funding_call_applicants a WHERE a.call_id = fc.call_id AND a.applicant = o.kind), \
           o.caen_revision || ':' || o.caen_code, \
           (SELECT h.revision || ':' || h.code || ':' || h.via_revision || ':' || h.via_code FROM funding_call_caen_cache h \
              WHERE h.call_id = fc.call_id AND h.revision = o.caen_revision AND h.code = o.caen_code \
              ORDER BY h.revision <> h.via_revision, h.via_code LIMIT 1) \
         FROM fc JOIN organisations o ON o.cluster_id = fc.cluster_id), \
         scored AS (SELECT m.*, \
           (m.has_regions AND NOT m.region_in) + (m.has_sectors AND m.sector_hit IS NULL) \
           + (m.has_caen AND m.caen_hit IS NULL) + (m.min_label IS NOT NULL AND COALESCE({label_rank}, 0) < {min_rank}) \
           + (m.requires_national AND NOT m.national_ok) + (m.requires_eccp AND NOT m.eccp_ok) AS misses \
           FROM m WHERE m.applicant_ok), \
         ranked AS (SELECT scored.*, row_number() OVER (PARTITION BY call_id, who ORDER BY misses, sort_name, lower(name), id) AS rn, \
           sum(misses = 0) OVER w AS fit_count, sum(misses = 1) OVER w AS near_count \
           FROM scored WHERE misses <= ",
        label_rank = rank("m.label"),
        min_rank = rank("m.min_label"),
    ))
    .push_bind(max_misses)
    .push(" WINDOW w AS (PARTITION BY call_id, who)) SELECT * FROM ranked WHERE rn <= ")
    .push_bind(limit)
    .push(" ORDER BY call_id, who, rn");
    let rows = qb.build().fetch_all(&mut *conn).await?;
    rows.iter().map(candidate).collect()
}

fn params(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn check(criterion: CallCriterion, met: bool, reason: &str, pairs: &[(&str, String)]) -> CallCheck {
    CallCheck { criterion, met, reason: reason.to_string(), params: params(pairs) }
}

/// "3:1320" → ("3", "1320").
fn split_code(code: &str) -> (String, String) {
    let (revision, code) = code.split_once(':').unwrap_or(("", code));
    (revision.to_string(), code.to_string())
}

/// The row's flags as criteria, each with the reason it is met or missed.
fn candidate(row: &SqliteRow) -> Result<Candidate> {
    let who: MatchKind = row.try_get("who")?;
    let mut checks = Vec::new();
    let kind: Option<OrgKind> = row.try_get("kind")?;
    if row.try_get::<bool, _>("has_applicants")? {
        let applicant = kind.map(|k| Applicant::of(k).code()).unwrap_or(Applicant::Cluster.code());
        checks.push(check(CallCriterion::Applicant, true, "applicant_ok", &[("kind", applicant.to_string())]));
    }
    let region: String = row.try_get("region")?;
    if row.try_get::<bool, _>("has_regions")? {
        let met: bool = row.try_get("region_in")?;
        checks.push(check(
            CallCriterion::Region,
            met,
            if met { "region_ok" } else { "region_missed" },
            &[("region", region)],
        ));
    }
    if row.try_get::<bool, _>("has_sectors")? {
        let hit: Option<String> = row.try_get("sector_hit")?;
        checks.push(match hit {
            Some(sector) => check(CallCriterion::Sector, true, "sector_ok", &[("sector", sector)]),
            None => check(CallCriterion::Sector, false, "sector_missed", &[]),
        });
    }
    if row.try_get::<bool, _>("has_caen")? {
        let hit: Option<String> = row.try_get("caen_hit")?;
        let own: Option<String> = row.try_get("own_caen")?;
        checks.push(match hit {
            Some(hit) => {
                // "3:1321:2:1320": the member's code, then the call's it meets.
                let (ours, theirs) = match hit.match_indices(':').nth(1) {
                    Some((at, _)) => (&hit[..at], &hit[at + 1..]),
                    None => (hit.as_str(), ""),
                };
                let ((revision, code), (via_revision, via_code)) = (split_code(ours), split_code(theirs));
                let reason = if revision == via_revision { "caen_same" } else { "caen_correspondence" };
                check(
                    CallCriterion::Caen,
                    true,
                    reason,
                    &[("code", code), ("revision", revision), ("call_code", via_code), ("call_revision", via_revision)],
                )
            }
            None if own.as_deref().is_none_or(str::is_empty) => {
                check(CallCriterion::Caen, false, "caen_not_recorded", &[])
            }
            None => {
                let own = own.unwrap_or_default();
                let first = own.split(',').next().unwrap_or_default();
                let (revision, code) = split_code(first);
                check(CallCriterion::Caen, false, "caen_missed", &[("code", code), ("revision", revision)])
            }
        });
    }
    let min_label: Option<LabelLevel> = row.try_get("min_label")?;
    if let Some(min) = min_label {
        let label: Option<LabelLevel> = row.try_get("label")?;
        checks.push(match label {
            Some(level) if level >= min => {
                check(CallCriterion::Label, true, "label_ok", &[("level", level.code().into()), ("min", min.code().into())])
            }
            Some(level) => check(
                CallCriterion::Label,
                false,
                "label_low",
                &[("level", level.code().into()), ("min", min.code().into())],
            ),
            None => check(CallCriterion::Label, false, "label_none", &[("min", min.code().into())]),
        });
    }
    for (asked, ok, criterion, name) in [
        ("requires_national", "national_ok", CallCriterion::National, "national"),
        ("requires_eccp", "eccp_ok", CallCriterion::Eccp, "eccp"),
    ] {
        if row.try_get::<bool, _>(asked)? {
            let met: bool = row.try_get(ok)?;
            checks.push(check(criterion, met, &format!("{name}_{}", if met { "ok" } else { "missed" }), &[]));
        }
    }
    Ok(Candidate {
        found: CallMatch {
            call_id: row.try_get("call_id")?,
            who,
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            cluster_id: row.try_get("cluster_id")?,
            cluster_name: row.try_get("cluster_name")?,
            kind,
            fits: row.try_get::<i64, _>("misses")? == 0,
            checks,
        },
        fit_count: row.try_get("fit_count")?,
        near_count: row.try_get("near_count")?,
    })
}
