//! The demo's introductions over two years: member clusters put in touch with the best match the
//! suggestion rules find for them, and with the cluster associations of the Vukovar Agreement,
//! with every outcome (pending, met, a joint project, nothing). Through [`save_introduction_in`].

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::introductions::save_introduction_in;
use super::model::*;
use super::suggest::for_cluster;
use crate::Result;
use crate::clock::At;
use crate::services::{demo::STAFF, ymd};

const NOTES: &[&str] = &[
    "Întâlnire online cu managerii ambelor clustere; au schimbat listele de membri.",
    "Au participat împreună la bursa de cooperare și discută o ofertă comună.",
    "Contact transmis prin e-mail; nu a urmat nicio discuție.",
    "Vizită reciprocă la doi membri; pregătesc un proiect comun.",
];

/// What a suggestion's first reason says, as staff would note it.
fn reason_text(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| match r.code {
            ReasonCode::ComplementaryCaen => "Activități complementare în același lanț valoric (coduri CAEN)",
            ReasonCode::SameSector => "Același domeniu de activitate",
            ReasonCode::ComplementarySectors => "Domenii complementare",
            ReasonCode::SameRegion => "Aceeași regiune de dezvoltare",
            ReasonCode::NeighbouringRegion => "Regiuni învecinate",
            ReasonCode::PartnerNetwork => "Partener din rețeaua asociației",
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// About twenty introductions; `projects` are the demo's projects (a joint project outcome points
/// at one). Returns how many were made.
pub(crate) async fn generate_in(
    tx: &mut SqliteConnection,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
    projects: &[i64],
) -> Result<i64> {
    let mut clusters: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM clusters WHERE status = 'active' AND archived_at IS NULL ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    clusters.shuffle(rng);
    let vukovar: Vec<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE network = ? ORDER BY id")
        .bind("Acordul de la Vukovar")
        .fetch_all(&mut *tx)
        .await?;
    let mut made = 0;
    for (n, &cluster) in clusters.iter().take(24).enumerate() {
        let (b_cluster_id, b_partner_id, reason) = if n % 5 == 4 && !vukovar.is_empty() {
            let partner = *vukovar.choose(rng).unwrap_or(&vukovar[0]);
            (None, Some(partner), "Asociație de clustere parteneră prin Acordul de la Vukovar".to_string())
        } else {
            let found = for_cluster(tx, cluster, 3).await?;
            let Some(best) = found.suggestions.iter().find(|s| s.kind == PartyKind::Cluster) else { continue };
            (Some(best.id), None, reason_text(&best.reasons))
        };
        let introduced = today.checked_sub_days(Days::new(rng.random_range(5..=720))).unwrap_or(today);
        let age = (today - introduced).num_days();
        let outcome = if age < 45 {
            IntroductionOutcome::Pending
        } else {
            *[IntroductionOutcome::Met, IntroductionOutcome::Met, IntroductionOutcome::JointProject, IntroductionOutcome::Nothing]
                .choose(rng)
                .unwrap_or(&IntroductionOutcome::Met)
        };
        let project_id = match outcome {
            IntroductionOutcome::JointProject => projects.choose(rng).copied(),
            _ => None,
        };
        let outcome = if outcome == IntroductionOutcome::JointProject && project_id.is_none() {
            IntroductionOutcome::Met
        } else {
            outcome
        };
        let outcome_on = (outcome != IntroductionOutcome::Pending).then(|| {
            ymd(introduced.checked_add_days(Days::new(rng.random_range(10..=40))).unwrap_or(introduced).min(today))
        });
        let input = IntroductionInput {
            a_cluster_id: cluster,
            b_cluster_id,
            b_partner_id,
            introduced_on: ymd(introduced),
            introduced_by: (*STAFF.choose(rng).unwrap_or(&STAFF[0])).into(),
            reason,
            outcome,
            outcome_on,
            project_id,
            notes: if outcome == IntroductionOutcome::Pending {
                String::new()
            } else {
                (*NOTES.choose(rng).unwrap_or(&NOTES[0])).into()
            },
            ..Default::default()
        };
        save_introduction_in(tx, None, &input, &At::on(today)).await?;
        made += 1;
    }
    Ok(made)
}
