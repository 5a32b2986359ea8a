//! The demo's bulletins, sent earlier this year: the calls and regulations of the funding demo,
//! the next events and trainings, to the consenting contacts of the audience each one chose; a few
//! addresses refused by the server. Through [`save_in`] and [`queue_in`], as staff would.

use chrono::{Days, NaiveDate};
use sqlx::SqliteConnection;

use super::model::{Audience, BulletinInput};
use super::write::{queue_in, save_in};
use crate::Result;
use crate::clock::At;
use crate::clusters::{MembershipStatus, Sector};

/// (title, subject RO, subject EN, days ago it was sent, sectors of its audience)
const SPECS: &[(&str, &str, &str, u64, &[Sector])] = &[
    (
        "Buletin informativ — primăvara",
        "Buletinul CLUSTERO: apeluri de finanțare și noutăți legislative",
        "CLUSTERO bulletin: funding calls and new regulations",
        230,
        &[],
    ),
    (
        "Energie și agroalimentar — finanțări deschise",
        "Finanțări deschise pentru clusterele din energie și agroalimentar",
        "Open funding for energy and agrofood clusters",
        140,
        &[Sector::RenewableEnergy, Sector::Agrofood],
    ),
    (
        "Buletin informativ — toamna",
        "Buletinul CLUSTERO: termene de depunere și evenimentele lunii",
        "CLUSTERO bulletin: deadlines and this month's events",
        50,
        &[],
    ),
];

pub(crate) async fn generate_in(tx: &mut SqliteConnection, today: NaiveDate) -> Result<()> {
    let calls: Vec<i64> = sqlx::query_scalar("SELECT id FROM funding_calls ORDER BY id").fetch_all(&mut *tx).await?;
    let regulations: Vec<i64> = sqlx::query_scalar("SELECT id FROM regulations ORDER BY id").fetch_all(&mut *tx).await?;
    for (n, (title, subject_ro, subject_en, days_ago, sectors)) in SPECS.iter().enumerate() {
        let day = today.checked_sub_days(Days::new(*days_ago)).unwrap_or(today);
        let at = At::on(day);
        let input = BulletinInput {
            title: (*title).into(),
            subject_ro: (*subject_ro).into(),
            subject_en: (*subject_en).into(),
            intro_ro: "Stimați membri,\n\nvă prezentăm mai jos apelurile de finanțare deschise, noutățile legislative \
                       și evenimentele următoare ale asociației."
                .into(),
            intro_en: "Dear members,\n\nbelow are the open funding calls, new regulations and the association's next events."
                .into(),
            closing_ro: "Pentru sprijin în pregătirea cererilor de finanțare, scrieți-ne.\n\nEchipa CLUSTERO".into(),
            closing_en: "Write to us for help with your funding applications.\n\nThe CLUSTERO team".into(),
            events_days: 60,
            call_ids: calls.iter().skip(n * 3).take(3).copied().collect(),
            regulation_ids: regulations.iter().skip(n * 2).take(2).copied().collect(),
            audience: Audience { sectors: sectors.to_vec(), statuses: vec![MembershipStatus::Active], ..Default::default() },
        };
        // A small demo (`--clusters 2`) may have nobody in an audience: that bulletin is left out.
        if super::audience::recipients_in(tx, &input.audience, &day.to_string()).await?.is_empty() {
            continue;
        }
        let id = save_in(tx, None, &input, &at).await?;
        queue_in(tx, id, &at, &format!("b{id}.demo")).await?;
        sqlx::query(
            "UPDATE bulletin_messages SET state = CASE WHEN id % 29 = 0 THEN 'failed' ELSE 'sent' END, attempts = 1, \
             sent_at = CASE WHEN id % 29 = 0 THEN NULL ELSE ?1 END, \
             last_error = CASE WHEN id % 29 = 0 THEN '550 5.1.1 Mailbox unavailable' ELSE '' END, updated_at = ?1 \
             WHERE bulletin_id = ?2",
        )
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
