//! Suggestions: who could work with a member cluster, or with one of its organisations, and why.
//!
//! A candidate needs a reason of substance — complementary CAEN classes, the same sector or
//! complementary sectors, or (for a partner abroad) events in the cluster's field — and then gains
//! weight from being near: the same development region, or a neighbouring one
//! ([`Region::neighbours`]). Distance alone suggests nobody: 5,000 clusters would all be "near"
//! someone. Pairs already introduced (in either direction) are left out and counted.
//!
//! Weights: complementary CAEN 3 per value chain, a partner network 3, the same sector 2,
//! complementary sectors 2, the same region 2, a neighbouring region 1.

use std::collections::{BTreeSet, HashMap, HashSet};

use sqlx::{Row, SqliteConnection};

use super::chains::{chains_linking, complements_of, sectors_complement};
use super::model::*;
use crate::caen::{CaenRevision, classes_in_rev3_divisions, rev3_divisions};
use crate::clusters::Sector;
use crate::geo::Region;
use crate::store::Store;
use crate::text::fold;
use crate::{Error, Result};

/// Suggestions shown when the caller does not say.
pub const DEFAULT_LIMIT: usize = 20;

const W_CAEN: i64 = 3;
const W_PARTNER: i64 = 3;
const W_SECTOR: i64 = 2;
const W_SAME_REGION: i64 = 2;
const W_NEIGHBOUR: i64 = 1;

/// Who could work with cluster `cluster_id` — or, with `organisation_id`, with that member
/// organisation — best first, at most `limit`.
pub async fn suggest(
    store: &Store,
    cluster_id: i64,
    organisation_id: Option<i64>,
    limit: usize,
) -> Result<Suggestions> {
    let limit = if limit == 0 { DEFAULT_LIMIT } else { limit };
    let mut conn = store.pool().acquire().await?;
    match organisation_id {
        None => for_cluster(&mut conn, cluster_id, limit).await,
        Some(org) => for_organisation(&mut conn, cluster_id, org, limit).await,
    }
}

/// A code with the Rev.3 divisions it falls in.
struct Code {
    revision: CaenRevision,
    code: String,
    divisions: Vec<String>,
}

impl Code {
    fn new(revision: i64, code: String) -> Option<Code> {
        let revision = CaenRevision::from_number(revision)?;
        let divisions = rev3_divisions(revision, &code);
        Some(Code { revision, code, divisions })
    }
}

struct Member {
    id: i64,
    name: String,
    region: Region,
    sectors: Vec<Sector>,
    codes: Vec<Code>,
}

/// The reasons two sets of codes complement each other: one per value chain, naming the first
/// pair of classes that shows it.
fn caen_reasons(ours: &[Code], theirs: &[Code]) -> Vec<Reason> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut reasons = Vec::new();
    for a in ours {
        for b in theirs {
            for da in &a.divisions {
                for db in &b.divisions {
                    for chain in chains_linking(da, db) {
                        if seen.insert(chain) {
                            reasons.push(
                                Reason::new(ReasonCode::ComplementaryCaen)
                                    .with("chain", chain)
                                    .with("ours", &a.code)
                                    .with("ours_revision", a.revision.number())
                                    .with("theirs", &b.code)
                                    .with("theirs_revision", b.revision.number()),
                            );
                        }
                    }
                }
            }
        }
    }
    reasons
}

fn region_reason(ours: Region, theirs: Region) -> Option<(Reason, i64)> {
    if ours == theirs {
        Some((Reason::new(ReasonCode::SameRegion).with("region", ours.code()), W_SAME_REGION))
    } else if ours.borders(theirs) {
        Some((Reason::new(ReasonCode::NeighbouringRegion).with("region", theirs.code()), W_NEIGHBOUR))
    } else {
        None
    }
}

fn score_of(reasons: &[Reason]) -> i64 {
    reasons
        .iter()
        .map(|r| match r.code {
            ReasonCode::ComplementaryCaen => W_CAEN,
            ReasonCode::PartnerNetwork => W_PARTNER,
            ReasonCode::SameSector | ReasonCode::ComplementarySectors => W_SECTOR,
            ReasonCode::SameRegion => W_SAME_REGION,
            ReasonCode::NeighbouringRegion => W_NEIGHBOUR,
        })
        .sum()
}

/// Every current member cluster (not archived, not left) with its region, sectors and codes.
async fn members(conn: &mut SqliteConnection) -> Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT c.id, c.name, k.region FROM clusters c JOIN counties k ON k.code = c.county \
         WHERE c.archived_at IS NULL AND c.status <> 'left' ORDER BY c.sort_name, c.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut sectors: HashMap<i64, Vec<Sector>> = HashMap::new();
    for row in sqlx::query("SELECT cluster_id, sector FROM cluster_sectors").fetch_all(&mut *conn).await? {
        if let Some(sector) = Sector::parse(row.try_get("sector")?) {
            sectors.entry(row.try_get("cluster_id")?).or_default().push(sector);
        }
    }
    let mut codes: HashMap<i64, Vec<Code>> = HashMap::new();
    for row in sqlx::query("SELECT cluster_id, revision, code FROM cluster_caen").fetch_all(&mut *conn).await? {
        if let Some(code) = Code::new(row.try_get("revision")?, row.try_get("code")?) {
            codes.entry(row.try_get("cluster_id")?).or_default().push(code);
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        out.push(Member {
            id,
            name: row.try_get("name")?,
            region: row.try_get("region")?,
            sectors: sectors.remove(&id).unwrap_or_default(),
            codes: codes.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

pub(super) async fn for_cluster(conn: &mut SqliteConnection, cluster_id: i64, limit: usize) -> Result<Suggestions> {
    let mut all = members(conn).await?;
    let Some(position) = all.iter().position(|m| m.id == cluster_id) else {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)")
            .bind(cluster_id)
            .fetch_one(&mut *conn)
            .await?;
        return if exists {
            // An archived or departed cluster gets no suggestions.
            Ok(Suggestions { name: String::new(), suggestions: Vec::new(), already_introduced: 0, missing_caen: false })
        } else {
            Err(Error::NotFound { entity: "cluster", id: cluster_id })
        };
    };
    let ours = all.swap_remove(position);
    let introduced: Vec<(Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT CASE WHEN a_cluster_id = ?1 THEN b_cluster_id ELSE a_cluster_id END, b_partner_id FROM introductions \
         WHERE (a_cluster_id = ?1 OR b_cluster_id = ?1) AND a_organisation_id IS NULL AND b_organisation_id IS NULL",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let introduced_clusters: HashSet<i64> = introduced.iter().filter_map(|i| i.0).collect();
    let introduced_partners: HashSet<i64> = introduced.iter().filter_map(|i| i.1).collect();
    let mut already = 0;
    let mut found = Vec::new();

    for theirs in &all {
        let mut reasons = caen_reasons(&ours.codes, &theirs.codes);
        for &sector in &ours.sectors {
            if theirs.sectors.contains(&sector) {
                reasons.push(Reason::new(ReasonCode::SameSector).with("sector", sector.code()));
            }
        }
        for &a in &ours.sectors {
            for &b in &theirs.sectors {
                if sectors_complement(a, b) {
                    reasons.push(
                        Reason::new(ReasonCode::ComplementarySectors).with("sector", a.code()).with("theirs", b.code()),
                    );
                }
            }
        }
        if reasons.is_empty() {
            continue;
        }
        if introduced_clusters.contains(&theirs.id) {
            already += 1;
            continue;
        }
        if let Some((reason, _)) = region_reason(ours.region, theirs.region) {
            reasons.push(reason);
        }
        found.push(Suggestion {
            kind: PartyKind::Cluster,
            id: theirs.id,
            name: theirs.name.clone(),
            cluster_id: Some(theirs.id),
            cluster_name: Some(theirs.name.clone()),
            region: Some(theirs.region),
            country: "RO".into(),
            score: score_of(&reasons),
            reasons,
        });
    }

    // Partners abroad, in a network, whose events (organised or co-organised) were in our fields.
    let rows = sqlx::query(
        "SELECT DISTINCT p.id, p.name, p.network, p.country, s.sector FROM partners p \
         JOIN events e ON e.organiser_id = p.id \
            OR EXISTS (SELECT 1 FROM event_co_organisers x WHERE x.event_id = e.id AND x.partner_id = p.id) \
         JOIN event_sectors s ON s.event_id = e.id \
         WHERE p.country NOT IN ('', 'RO') AND p.network <> '' ORDER BY p.sort_name, s.sector",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut partners: Vec<Suggestion> = Vec::new();
    for row in rows {
        let Some(sector) = Sector::parse(row.try_get("sector")?) else { continue };
        if !ours.sectors.contains(&sector) {
            continue;
        }
        let id: i64 = row.try_get("id")?;
        let network: String = row.try_get("network")?;
        let country: String = row.try_get("country")?;
        let reason = Reason::new(ReasonCode::PartnerNetwork)
            .with("network", &network)
            .with("country", &country)
            .with("sector", sector.code());
        match partners.iter_mut().find(|p| p.id == id) {
            Some(p) => p.reasons.push(reason),
            None => partners.push(Suggestion {
                kind: PartyKind::Partner,
                id,
                name: row.try_get("name")?,
                cluster_id: None,
                cluster_name: None,
                region: None,
                country,
                score: 0,
                reasons: vec![reason],
            }),
        }
    }
    for mut partner in partners {
        if introduced_partners.contains(&partner.id) {
            already += 1;
            continue;
        }
        // One network's weight, whatever the number of shared fields.
        partner.score = W_PARTNER + partner.reasons.len() as i64 - 1;
        found.push(partner);
    }
    Ok(Suggestions { name: ours.name, suggestions: best(found, limit), already_introduced: already, missing_caen: false })
}

/// Organisations of other member clusters whose CAEN class complements this one's.
async fn for_organisation(
    conn: &mut SqliteConnection,
    cluster_id: i64,
    organisation_id: i64,
    limit: usize,
) -> Result<Suggestions> {
    let row = sqlx::query(
        "SELECT o.name, o.caen_revision, o.caen_code, k.region FROM organisations o \
         JOIN clusters c ON c.id = o.cluster_id JOIN counties k ON k.code = c.county WHERE o.id = ? AND o.cluster_id = ?",
    )
    .bind(organisation_id)
    .bind(cluster_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound { entity: "organisation", id: organisation_id })?;
    let name: String = row.try_get("name")?;
    let region: Region = row.try_get("region")?;
    let revision: Option<i64> = row.try_get("caen_revision")?;
    let code: Option<String> = row.try_get("caen_code")?;
    let Some(ours) = revision.zip(code).and_then(|(r, c)| Code::new(r, c)) else {
        return Ok(Suggestions { name, suggestions: Vec::new(), already_introduced: 0, missing_caen: true });
    };
    let wanted = classes_in_rev3_divisions(&complements_of(&ours.divisions));
    let wanted = serde_json::Value::from(
        wanted.iter().map(|(rev, code)| serde_json::json!([rev.number(), code])).collect::<Vec<_>>(),
    );
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.caen_revision, o.caen_code, c.id AS cluster_id, c.name AS cluster_name, k.region \
         FROM json_each(?) AS w \
         JOIN organisations o ON o.caen_code = json_extract(w.value, '$[1]') AND o.caen_revision = json_extract(w.value, '$[0]') \
         JOIN clusters c ON c.id = o.cluster_id JOIN counties k ON k.code = c.county \
         WHERE o.cluster_id <> ? AND c.archived_at IS NULL AND c.status <> 'left'",
    )
    .bind(wanted.to_string())
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let introduced: HashSet<i64> = sqlx::query_scalar::<_, Option<i64>>(
        "SELECT CASE WHEN a_organisation_id = ?1 THEN b_organisation_id ELSE a_organisation_id END FROM introductions \
         WHERE (a_organisation_id = ?1 OR b_organisation_id = ?1)",
    )
    .bind(organisation_id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .flatten()
    .collect();
    let mut already = 0;
    let mut found = Vec::new();
    for row in rows {
        let Some(theirs) = Code::new(row.try_get("caen_revision")?, row.try_get("caen_code")?) else { continue };
        let mut reasons = caen_reasons(std::slice::from_ref(&ours), std::slice::from_ref(&theirs));
        if reasons.is_empty() {
            continue;
        }
        let id: i64 = row.try_get("id")?;
        if introduced.contains(&id) {
            already += 1;
            continue;
        }
        let their_region: Region = row.try_get("region")?;
        if let Some((reason, _)) = region_reason(region, their_region) {
            reasons.push(reason);
        }
        found.push(Suggestion {
            kind: PartyKind::Organisation,
            id,
            name: row.try_get("name")?,
            cluster_id: Some(row.try_get("cluster_id")?),
            cluster_name: Some(row.try_get("cluster_name")?),
            region: Some(their_region),
            country: "RO".into(),
            score: score_of(&reasons),
            reasons,
        });
    }
    Ok(Suggestions { name, suggestions: best(found, limit), already_introduced: already, missing_caen: false })
}

/// The best `limit`: highest score first, then by name.
fn best(mut found: Vec<Suggestion>, limit: usize) -> Vec<Suggestion> {
    found.sort_by_cached_key(|s| (std::cmp::Reverse(s.score), fold(&s.name), s.id));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(rev: i64, c: &str) -> Code {
        Code::new(rev, c.into()).unwrap()
    }

    #[test]
    fn codes_of_either_revision_meet_through_the_correspondence() {
        // Weaving (Rev.2 1320) and outerwear (Rev.3 1421, Rev.2 1413): one textile chain.
        let reasons = caen_reasons(&[code(2, "1320")], &[code(3, "1421")]);
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].params["chain"], "textiles");
        // The same, the other way round and both in Rev.2.
        assert_eq!(caen_reasons(&[code(2, "1413")], &[code(2, "1320")]).len(), 1);
        // Two weavers are peers, not links of a chain; a weaver and a hotel have nothing to trade.
        assert!(caen_reasons(&[code(2, "1320")], &[code(3, "1320")]).is_empty());
        assert!(caen_reasons(&[code(2, "1320")], &[code(3, "5510")]).is_empty());
    }

    #[test]
    fn near_means_the_same_or_a_bordering_region() {
        assert_eq!(region_reason(Region::Centru, Region::Centru).unwrap().0.code, ReasonCode::SameRegion);
        assert_eq!(region_reason(Region::Centru, Region::Vest).unwrap().0.code, ReasonCode::NeighbouringRegion);
        assert!(region_reason(Region::BucurestiIlfov, Region::NordVest).is_none());
    }
}
