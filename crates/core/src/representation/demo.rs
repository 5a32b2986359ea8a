//! The demo's consultations over two years: the Government, ministries, the Parliament, the
//! European Commission and a regional managing authority ask the association's view; members are
//! asked in turn and most positions are sent, with every outcome. Through
//! [`save_consultation_in`].

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::consultations::save_consultation_in;
use super::model::*;
use crate::Result;
use crate::clock::At;
use crate::services::{demo::STAFF, ymd};

/// (body, as it names itself, subject, days ago it opened)
const SPECS: &[(Body, &str, &str, u64)] = &[
    (
        Body::Ministry,
        "Ministerul Economiei, Digitalizării, Antreprenoriatului și Turismului",
        "Proiect de ordin privind procedura de recunoaștere a clusterelor",
        690,
    ),
    (
        Body::EuropeanCommission,
        "Comisia Europeană, DG GROW",
        "Consultarea publică privind viitorul Programului pentru piața unică",
        560,
    ),
    (
        Body::ManagingAuthority,
        "ADR Centru, Autoritatea de Management a Programului Regional Centru",
        "Ghidul solicitantului pentru apelul destinat clusterelor",
        430,
    ),
    (Body::Government, "Guvernul României", "Strategia națională de specializare inteligentă, revizuirea la jumătatea perioadei", 300),
    (
        Body::Parliament,
        "Camera Deputaților, Comisia pentru industrii și servicii",
        "Propunere legislativă privind parcurile industriale și clusterele",
        170,
    ),
    (Body::Ministry, "Ministerul Investițiilor și Proiectelor Europene", "Schema de ajutor de minimis pentru digitalizarea IMM-urilor", 45),
    (Body::EuropeanCommission, "Comisia Europeană, DG GROW", "Apel la contribuții privind strategia industrială europeană", 12),
];

const RESPONSES: &[&str] = &[
    "Susținem propunerea; cerem un termen de depunere de cel puțin 60 de zile.",
    "Criteriul privind numărul minim de membri este prea strict pentru clusterele tinere.",
    "Propunem ca universitățile să poată fi membri fondatori.",
    "Fără observații.",
    "Cerem ca ajutorul să poată fi cumulat cu finanțarea regională.",
];

/// Returns how many consultations were made.
pub(crate) async fn generate_in(tx: &mut SqliteConnection, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<i64> {
    let clusters: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT c.id, (SELECT k.id FROM contacts k WHERE k.cluster_id = c.id ORDER BY k.id LIMIT 1) FROM clusters c \
         WHERE c.status = 'active' AND c.archived_at IS NULL ORDER BY c.id LIMIT 200",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut made = 0;
    for &(body, body_name, title, days_ago) in SPECS {
        let opened = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
        let after = |days: u64| opened.checked_add_days(Days::new(days)).unwrap_or(opened).min(today);
        let asked_count = rng.random_range(3..=6).min(clusters.len());
        let mut asked: Vec<&(i64, Option<i64>)> = clusters.choose_multiple(rng, asked_count).collect();
        asked.sort();
        let members = asked
            .iter()
            .map(|&&(cluster_id, contact_id)| {
                let answered = rng.random_bool(0.7).then(|| ymd(after(rng.random_range(3..=10))));
                ConsultedMemberInput {
                    cluster_id,
                    contact_id,
                    asked_on: ymd(after(1)),
                    response: if answered.is_some() {
                        (*RESPONSES.choose(rng).unwrap_or(&RESPONSES[0])).into()
                    } else {
                        String::new()
                    },
                    answered_on: answered,
                    ..Default::default()
                }
            })
            .collect();
        let sent = days_ago > 20;
        let outcome = if !sent {
            PositionOutcome::Pending
        } else if days_ago < 90 {
            PositionOutcome::NoAnswer
        } else {
            *[PositionOutcome::Adopted, PositionOutcome::PartlyAdopted, PositionOutcome::NotAdopted]
                .choose(rng)
                .unwrap_or(&PositionOutcome::PartlyAdopted)
        };
        let input = ConsultationInput {
            head: ConsultationHead {
                body,
                body_name: body_name.into(),
                title: title.into(),
                opened_on: ymd(opened),
                deadline_on: Some(ymd(opened.checked_add_days(Days::new(20)).unwrap_or(opened))),
                owner: (*STAFF.choose(rng).unwrap_or(&STAFF[0])).into(),
                position_sent_on: sent.then(|| ymd(after(18))),
                outcome,
            },
            position_path: if sent { format!("Pozitii/{}/pozitia-CLUSTERO.pdf", ymd(opened)) } else { String::new() },
            outcome_notes: match outcome {
                PositionOutcome::Adopted => "Propunerile au fost preluate în forma finală.".into(),
                PositionOutcome::PartlyAdopted => "Două din cele cinci propuneri au fost preluate.".into(),
                _ => String::new(),
            },
            members,
        };
        save_consultation_in(tx, None, &input, &At::on(today)).await?;
        made += 1;
    }
    Ok(made)
}
