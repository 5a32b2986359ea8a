//! The demo's joint projects: an Interreg project closed and a Single Market Programme project
//! running with the cluster associations of the Vukovar Agreement, a Horizon Europe proposal
//! waiting for the evaluation, a rejected one, a national project in lei and an idea for the next
//! call. Acronyms, calls and amounts are invented; the programmes are real. Dates are relative to
//! today, so the demo always shows a running project.

use chrono::{Days, Months, NaiveDate};
use sqlx::SqliteConnection;

use super::model::*;
use super::write::save_project_in;
use crate::Result;
use crate::clock::At;
use crate::money::Currency;

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn months(date: NaiveDate, months: i32) -> NaiveDate {
    let shifted = if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    };
    shifted.unwrap_or(date)
}

/// Euro (or lei) to minor units.
fn whole(amount: i64) -> i64 {
    amount * 100
}

struct Spec {
    acronym: &'static str,
    title: &'static str,
    programme: Programme,
    call: &'static str,
    role: ProjectRole,
    status: ProjectStatus,
    currency: Currency,
    /// Months from today: submitted, start; the length in months.
    submitted: i32,
    starts: i32,
    length: i32,
    budget: i64,
    own: i64,
    /// Vukovar partners taking part (their index), with their shares.
    partners: &'static [(usize, ProjectRole, i64)],
    /// Member clusters of these sectors take part, each with this share.
    sector: &'static str,
    cluster_share: i64,
    description: &'static str,
}

const SPECS: &[Spec] = &[
    Spec {
        acronym: "DANUBE-CLUSTERS",
        title: "Danube Cluster Cooperation for Resilient Value Chains",
        programme: Programme::Interreg,
        call: "Interreg Danube Region, apelul 1",
        role: ProjectRole::Partner,
        status: ProjectStatus::Closed,
        currency: Currency::Eur,
        submitted: -34,
        starts: -28,
        length: 24,
        budget: 1_850_000,
        own: 148_000,
        partners: &[(0, ProjectRole::Lead, 420_000), (1, ProjectRole::Partner, 180_000), (2, ProjectRole::Partner, 175_000)],
        sector: "machine_building",
        cluster_share: 0,
        description: "Hărți ale lanțurilor valorice transfrontaliere și misiuni comune de firme pe Dunăre.",
    },
    Spec {
        acronym: "GREENCLUST",
        title: "Euroclusters for a Green and Digital Transition of SMEs",
        programme: Programme::SingleMarket,
        call: "SMP-COSME-2025-CLUSTER",
        role: ProjectRole::Lead,
        status: ProjectStatus::Running,
        currency: Currency::Eur,
        submitted: -16,
        starts: -9,
        length: 30,
        budget: 2_400_000,
        own: 310_000,
        partners: &[(2, ProjectRole::Partner, 260_000), (3, ProjectRole::Partner, 240_000)],
        sector: "renewable_energy",
        cluster_share: 90_000,
        description: "Vouchere pentru IMM-uri, instruiri și parteneriate pentru eficiență energetică în clustere.",
    },
    Spec {
        acronym: "WOOD4DIGI",
        title: "Digital Twins for the Furniture Value Chain",
        programme: Programme::HorizonEurope,
        call: "HORIZON-CL4-2026-TWIN-TRANSITION-01",
        role: ProjectRole::Partner,
        status: ProjectStatus::Submitted,
        currency: Currency::Eur,
        submitted: -2,
        starts: 0,
        length: 0,
        budget: 4_200_000,
        own: 95_000,
        partners: &[(3, ProjectRole::Associate, 0)],
        sector: "wood_furniture",
        cluster_share: 60_000,
        description: "Propunere depusă; rezultatul evaluării este așteptat.",
    },
    Spec {
        acronym: "TEX-CIRCLE",
        title: "Circular Textiles in South-East Europe",
        programme: Programme::Interreg,
        call: "Interreg Euro-MED, apelul 3",
        role: ProjectRole::Associate,
        status: ProjectStatus::Rejected,
        currency: Currency::Eur,
        submitted: -14,
        starts: 0,
        length: 0,
        budget: 1_200_000,
        own: 0,
        partners: &[(1, ProjectRole::Lead, 300_000)],
        sector: "textiles",
        cluster_share: 0,
        description: "Respins la evaluarea calitativă (punctaj sub prag la relevanță).",
    },
    Spec {
        acronym: "CLUSTER-RO",
        title: "Consolidarea capacității de management a clusterelor din România",
        programme: Programme::National,
        call: "PNRR, componenta 9, investiția pentru clustere",
        role: ProjectRole::Lead,
        status: ProjectStatus::Funded,
        currency: Currency::Ron,
        submitted: -6,
        starts: 1,
        length: 18,
        budget: 2_950_000,
        own: 650_000,
        partners: &[],
        sector: "electronics_software",
        cluster_share: 120_000,
        description: "Instruiri pentru managerii de cluster și pregătirea evaluărilor ESCA.",
    },
    Spec {
        acronym: "AGRI-LINK",
        title: "Agrofood clusters linking the Black Sea region",
        programme: Programme::Interreg,
        call: "Interreg NEXT Black Sea Basin",
        role: ProjectRole::Partner,
        status: ProjectStatus::Idea,
        currency: Currency::Eur,
        submitted: 0,
        starts: 0,
        length: 0,
        budget: 0,
        own: 0,
        partners: &[(2, ProjectRole::Partner, 0)],
        sector: "agrofood",
        cluster_share: 0,
        description: "Idee discutată cu asociația bulgară; apelul se deschide anul viitor.",
    },
];

/// The BNR rate used for the demo's budgets (RON per EUR, ten-thousandths).
const DEMO_RATE: i64 = 49_763;

/// The projects; returns their ids in the order of [`SPECS`].
pub(crate) async fn generate_in(tx: &mut SqliteConnection, today: NaiveDate) -> Result<Vec<i64>> {
    let vukovar: Vec<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE network = ? ORDER BY id")
        .bind("Acordul de la Vukovar")
        .fetch_all(&mut *tx)
        .await?;
    let mut ids = Vec::new();
    for spec in SPECS {
        let clusters: Vec<i64> = sqlx::query_scalar(
            "SELECT s.cluster_id FROM cluster_sectors s JOIN clusters c ON c.id = s.cluster_id \
             WHERE s.sector = ? AND c.status = 'active' ORDER BY s.cluster_id LIMIT 3",
        )
        .bind(spec.sector)
        .fetch_all(&mut *tx)
        .await?;
        let submitted = months(today, spec.submitted);
        let starts = months(today, spec.starts);
        let ends = months(starts, spec.length).checked_sub_days(Days::new(1)).unwrap_or(starts);
        let funded = spec.status.was_funded();
        let rate_on = months(today, spec.submitted.min(-1));
        let milestones = if funded {
            let mut list = vec![
                MilestoneInput {
                    kind: MilestoneKind::Milestone,
                    title: "Reuniunea de lansare".into(),
                    due_on: ymd(starts),
                    ..Default::default()
                },
                MilestoneInput {
                    kind: MilestoneKind::Deliverable,
                    title: "Raportul intermediar".into(),
                    due_on: ymd(months(starts, spec.length / 2)),
                    ..Default::default()
                },
                MilestoneInput {
                    kind: MilestoneKind::Deliverable,
                    title: "Raportul final".into(),
                    due_on: ymd(ends),
                    ..Default::default()
                },
            ];
            for m in &mut list {
                if m.due_on <= ymd(today) {
                    m.done_on = Some(m.due_on.clone());
                }
            }
            list
        } else {
            Vec::new()
        };
        let input = ProjectInput {
            acronym: spec.acronym.into(),
            title: spec.title.into(),
            programme: spec.programme,
            call: spec.call.into(),
            role: spec.role,
            status: spec.status,
            submitted_on: spec.status.was_submitted().then(|| ymd(submitted)),
            starts_on: funded.then(|| ymd(starts)),
            ends_on: funded.then(|| ymd(ends)),
            currency: spec.currency,
            budget_total: whole(spec.budget),
            own_share: whole(spec.own),
            eur_rate: (spec.budget > 0).then_some(DEMO_RATE),
            rate_on: (spec.budget > 0).then(|| ymd(rate_on)),
            description: spec.description.into(),
            partners: spec
                .partners
                .iter()
                .filter_map(|&(index, role, share)| {
                    vukovar.get(index).map(|&partner_id| ProjectPartnerInput { partner_id, role, share: whole(share) })
                })
                .collect(),
            clusters: clusters
                .iter()
                .map(|&cluster_id| ProjectClusterInput { cluster_id, share: whole(spec.cluster_share) })
                .collect(),
            milestones,
        };
        ids.push(save_project_in(tx, None, &input, &At::on(today)).await?);
    }
    Ok(ids)
}
