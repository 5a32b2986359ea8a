//! The demo's audits: innovation audits and business reviews at SMEs of some active clusters over
//! the last two years, with recommended actions in every state of their follow-up (some overdue).
//! Auditors are invented; everything goes through [`save_audit_in`], as in the app.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::model::*;
use super::write::save_audit_in;
use crate::Result;

const AUDITORS: &[&str] = &["Ioana Mărgineanu", "Radu Stănescu", "Andreea Pîrvulescu", "Mihai Țurcanu"];

const FINDINGS: &[&str] = &[
    "Strategia de inovare există doar la nivelul conducerii; echipa tehnică nu are obiective de inovare asumate.",
    "Procesele de producție sunt bine documentate, dar lipsește un sistem de colectare a ideilor de la angajați.",
    "Exporturile depind de un singur client din Germania; firma nu are încă un plan de internaționalizare.",
    "Produsele au un nivel tehnologic bun; protecția proprietății intelectuale nu este gestionată.",
    "Competențele digitale ale personalului sunt sub media sectorului; instruirea este ocazională.",
    "Firma colaborează cu universitatea din regiune, dar fără proiecte comune de cercetare finanțate.",
];

const ACTIONS: &[&str] = &[
    "Elaborarea unei strategii de inovare pe trei ani, cu obiective măsurabile",
    "Participarea la o misiune economică organizată împreună cu Enterprise Europe Network",
    "Depunerea unei cereri de brevet pentru noul produs",
    "Un program de instruire în competențe digitale pentru echipa de producție",
    "Un proiect comun de cercetare cu universitatea parteneră din cluster",
    "Introducerea unui sistem de colectare și evaluare a ideilor angajaților",
    "Certificarea ISO 9001 a procesului de producție",
    "Identificarea a doi distribuitori noi pe piețele din Europa Centrală",
];

const OWNERS: &[&str] =
    &["Directorul general", "Managerul de cluster", "Responsabilul de calitate", "Directorul tehnic"];

/// About a dozen audits at SMEs of active clusters; returns how many were made.
pub(crate) async fn generate_in(tx: &mut SqliteConnection, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<i64> {
    let smes: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT o.cluster_id, o.id FROM organisations o JOIN clusters c ON c.id = o.cluster_id \
         WHERE c.status = 'active' AND o.kind IN ('micro', 'small', 'medium') ORDER BY o.cluster_id, o.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut clusters: Vec<i64> = smes.iter().map(|(c, _)| *c).collect();
    clusters.dedup();
    clusters.shuffle(rng);
    let mut made = 0;
    for cluster in clusters.into_iter().take(8) {
        let members: Vec<i64> = smes.iter().filter(|(c, _)| *c == cluster).map(|(_, o)| *o).collect();
        let audited = rng.random_range(1..=2).min(members.len());
        for &organisation in members.choose_multiple(rng, audited) {
            let days_ago = rng.random_range(20..=700);
            let on = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
            let input = audit(rng, organisation, on, today);
            save_audit_in(tx, cluster, None, &input, &crate::clock::At::on(today)).await?;
            made += 1;
        }
    }
    Ok(made)
}

fn audit(rng: &mut ChaCha8Rng, organisation: i64, on: NaiveDate, today: NaiveDate) -> AuditInput {
    let mut score = || Some(rng.random_range(SCORE_MIN..=SCORE_MAX).max(rng.random_range(2..=4)));
    let scores = AuditScores {
        strategy: score(),
        organisation: score(),
        processes: score(),
        resources: score(),
        products: score(),
        international: score(),
    };
    let count = rng.random_range(1..=3);
    let mut texts: Vec<&str> = ACTIONS.to_vec();
    texts.shuffle(rng);
    let actions = texts
        .into_iter()
        .take(count)
        .map(|text| {
            let due = on.checked_add_days(Days::new(rng.random_range(60..=360))).unwrap_or(on);
            // Actions long due are mostly settled; recent ones mostly still open.
            let status = match (due < today, rng.random_range(0..10)) {
                (true, 0..6) => ActionStatus::Done,
                (true, 6) => ActionStatus::Dropped,
                (_, 0..4) => ActionStatus::InProgress,
                _ => ActionStatus::Open,
            };
            ActionInput {
                id: None,
                action: text.to_string(),
                owner: OWNERS.choose(rng).copied().unwrap_or_default().to_string(),
                due_on: Some(due.format("%Y-%m-%d").to_string()),
                status,
            }
        })
        .collect();
    AuditInput {
        organisation_id: Some(organisation),
        kind: Some(if rng.random_bool(0.6) { AuditKind::InnovationAudit } else { AuditKind::BusinessReview }),
        audited_on: on.format("%Y-%m-%d").to_string(),
        auditor: AUDITORS.choose(rng).copied().unwrap_or_default().to_string(),
        scores,
        findings: FINDINGS.choose(rng).copied().unwrap_or_default().to_string(),
        actions,
    }
}
