use chrono::{Datelike, NaiveDate};
use sqlx::{Row, SqliteConnection};

use super::model::*;
use crate::caen::{self, CaenRevision};
use crate::geo::Region;
use crate::store::Store;
use crate::{Error, Result};

/// The whole record of one cluster, archived or not.
pub async fn get(store: &Store, id: i64) -> Result<ClusterDetail> {
    let mut conn = store.pool().acquire().await?;
    let conn = &mut *conn;
    let row = sqlx::query(
        "SELECT c.*, k.name AS county_name, k.region FROM clusters c JOIN counties k ON k.code = c.county WHERE c.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound { entity: "cluster", id })?;

    let sectors: Vec<Sector> =
        sqlx::query_scalar("SELECT sector FROM cluster_sectors WHERE cluster_id = ? ORDER BY sector")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let caen_rows =
        sqlx::query("SELECT revision, code FROM cluster_caen WHERE cluster_id = ? ORDER BY revision DESC, code")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let mut codes = Vec::with_capacity(caen_rows.len());
    for r in caen_rows {
        if let Some(revision) = CaenRevision::from_number(r.try_get("revision")?) {
            codes.push(CaenCode { revision, code: r.try_get("code")? });
        }
    }

    let record = ClusterInput {
        name: row.try_get("name")?,
        legal_name: row.try_get("legal_name")?,
        cui: row.try_get("cui")?,
        reg_number: row.try_get("reg_number")?,
        address: row.try_get("address")?,
        city: row.try_get("city")?,
        county: row.try_get("county")?,
        website: row.try_get("website")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        postal_address: row.try_get("postal_address")?,
        website_english: row.try_get("website_english")?,
        management_fte: row.try_get("management_fte")?,
        founded_year: row.try_get("founded_year")?,
        joined_year: row.try_get("joined_year")?,
        status: row.try_get("status")?,
        status_since: row.try_get("status_since")?,
        sectors,
        caen: codes.clone(),
        notes: row.try_get("notes")?,
    };
    let today = store.today();
    let labels = labels(conn, id, today).await?;
    let fees = fees(conn, id).await?;
    let this_year = i64::from(today.year());
    let unpaid_bani = fees.iter().filter(|f| f.year < this_year).map(|f| f.owed_bani).sum();

    Ok(ClusterDetail {
        id,
        caen: codes.iter().filter_map(caen_view).collect(),
        record,
        county_name: row.try_get("county_name")?,
        region: row.try_get::<Region, _>("region")?,
        archived_at: row.try_get("archived_at")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        current_label: labels.iter().filter(|l| l.current).map(|l| l.level).max(),
        labels,
        contacts: contacts(conn, id).await?,
        organisations: organisations(conn, id).await?,
        org_counts: org_counts(conn, id).await?,
        fees,
        unpaid_bani,
        status_history: sqlx::query_as::<_, StatusChange>(
            "SELECT status, since, recorded_at FROM cluster_status_history WHERE cluster_id = ? ORDER BY id DESC",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?,
        cui_duplicates: super::cui_duplicates::of_cluster(conn, id).await?,
    })
}

/// A code with its titles and, for Rev.2, where the correspondence table sends it. A code that is
/// no longer in the shipped lists is left out rather than shown without a title.
pub(super) fn caen_view(code: &CaenCode) -> Option<CaenView> {
    let class = caen::class(code.revision, &code.code)?;
    let rev3_successors = match code.revision {
        CaenRevision::Rev2 => caen::rev3_successors(&code.code),
        CaenRevision::Rev3 => Vec::new(),
    };
    Some(CaenView { class, rev3_successors })
}

/// How many member organisations of each kind, every kind listed (zeros included).
pub async fn org_counts(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Vec<OrgKindCount>> {
    let rows = sqlx::query("SELECT kind, count(*) AS n FROM organisations WHERE cluster_id = ? GROUP BY kind")
        .bind(cluster_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut counts: Vec<OrgKindCount> = OrgKind::ALL.iter().map(|&kind| OrgKindCount { kind, count: 0 }).collect();
    for row in rows {
        let kind: OrgKind = row.try_get("kind")?;
        if let Some(c) = counts.iter_mut().find(|c| c.kind == kind) {
            c.count = row.try_get("n")?;
        }
    }
    Ok(counts)
}

async fn labels(conn: &mut SqliteConnection, cluster_id: i64, today: NaiveDate) -> Result<Vec<Label>> {
    let today = today.format("%Y-%m-%d").to_string();
    let rows = sqlx::query(
        "SELECT id, level, awarded_on, valid_until, certificate_ref FROM labels WHERE cluster_id = ? ORDER BY awarded_on DESC, id DESC",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let awarded_on: String = r.try_get("awarded_on")?;
            let valid_until: String = r.try_get("valid_until")?;
            Ok(Label {
                id: r.try_get("id")?,
                level: r.try_get("level")?,
                current: awarded_on.as_str() <= today.as_str() && today.as_str() <= valid_until.as_str(),
                awarded_on,
                valid_until,
                certificate_ref: r.try_get("certificate_ref")?,
            })
        })
        .collect()
}

async fn contacts(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Vec<Contact>> {
    let rows = sqlx::query("SELECT * FROM contacts WHERE cluster_id = ? ORDER BY name, id")
        .bind(cluster_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Contact {
                id: r.try_get("id")?,
                input: ContactInput {
                    name: r.try_get("name")?,
                    role: r.try_get("role")?,
                    email: r.try_get("email")?,
                    phone: r.try_get("phone")?,
                    consent: r.try_get("consent")?,
                    consent_date: r.try_get("consent_date")?,
                    consent_source: r.try_get("consent_source")?,
                },
            })
        })
        .collect()
}

async fn organisations(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Vec<Organisation>> {
    let rows = sqlx::query("SELECT * FROM organisations WHERE cluster_id = ? ORDER BY name, id")
        .bind(cluster_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|r| {
            let revision: Option<i64> = r.try_get("caen_revision")?;
            let code: Option<String> = r.try_get("caen_code")?;
            let caen = match (revision.and_then(CaenRevision::from_number), code) {
                (Some(revision), Some(code)) => Some(CaenCode { revision, code }),
                _ => None,
            };
            Ok(Organisation {
                id: r.try_get("id")?,
                caen_view: caen.as_ref().and_then(caen_view),
                input: OrganisationInput {
                    name: r.try_get("name")?,
                    kind: Some(r.try_get("kind")?),
                    cui: r.try_get("cui")?,
                    caen,
                    employees: r.try_get("employees")?,
                    turnover_ron: r.try_get("turnover_ron")?,
                    email: r.try_get("email")?,
                    phone: r.try_get("phone")?,
                },
            })
        })
        .collect()
}

async fn fees(conn: &mut SqliteConnection, cluster_id: i64) -> Result<Vec<FeeYear>> {
    let balances = sqlx::query(
        "SELECT year, due_bani, paid_bani, owed_bani FROM fee_balances WHERE cluster_id = ? ORDER BY year DESC",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let payments = sqlx::query(
        "SELECT id, year, paid_on, amount_bani, note FROM fee_payments WHERE cluster_id = ? ORDER BY paid_on, id",
    )
    .bind(cluster_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut years = Vec::with_capacity(balances.len());
    for b in balances {
        let year: i64 = b.try_get("year")?;
        let mut list = Vec::new();
        for p in payments.iter() {
            if p.try_get::<i64, _>("year")? == year {
                list.push(Payment {
                    id: p.try_get("id")?,
                    input: PaymentInput {
                        year,
                        paid_on: p.try_get("paid_on")?,
                        amount_bani: p.try_get("amount_bani")?,
                        note: p.try_get("note")?,
                    },
                });
            }
        }
        years.push(FeeYear {
            year,
            due_bani: b.try_get("due_bani")?,
            paid_bani: b.try_get("paid_bani")?,
            owed_bani: b.try_get("owed_bani")?,
            payments: list,
        });
    }
    Ok(years)
}
