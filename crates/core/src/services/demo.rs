//! The demo's two years of consulting: requests from most active clusters (and from a few groups
//! founding one), the meetings, calls, visits and written advice logged on them by the
//! association's staff, follow-ups (some overdue), and requests in every status. Everything goes
//! through the same `*_in` functions as the app, each at the day it happened.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::activities::{DAY_MINUTES, save_activity_in, save_follow_up_in, set_follow_up_done_in};
use super::model::*;
use super::requests::{save_request_in, set_request_status_in, ymd};
use crate::Result;
use crate::clock::At;

/// The association's consultants (the events' staff and the SME auditors' lead).
pub(crate) const STAFF: &[&str] = &["Elena Marinescu", "Andrei Vlad", "Daniel Cosniță", "Ioana Mărgineanu"];

/// (topic, title, description) of a request.
const REQUESTS: &[(RequestTopic, &str, &str)] = &[
    (
        RequestTopic::Governance,
        "Revizuirea statutului și a regulamentului de organizare",
        "Clusterul vrea să primească membri din mediul academic cu drept de vot și să aleagă un consiliu director nou.",
    ),
    (
        RequestTopic::Governance,
        "Procedura de primire a membrilor noi",
        "Cerere de model de procedură și de cerere de aderare, după creșterea numărului de firme interesate.",
    ),
    (
        RequestTopic::Strategy,
        "Strategia de dezvoltare a clusterului 2027–2030",
        "Sprijin pentru atelierele de strategie cu membrii și pentru planul de acțiune pe trei ani.",
    ),
    (
        RequestTopic::Strategy,
        "Pregătirea evaluării pentru eticheta ESCA",
        "Clusterul ține să treacă de la bronz la argint; cere o analiză a indicatorilor care îl țin pe loc.",
    ),
    (
        RequestTopic::Funding,
        "Cerere de finanțare pentru polul de competitivitate",
        "Verificarea eligibilității și a bugetului unei cereri în programul regional, apelul pentru clustere.",
    ),
    (
        RequestTopic::Funding,
        "Parteneri pentru un proiect Horizon Europe",
        "Clusterul caută un consorțiu pentru un apel din clusterul 4 (digital, industrie și spațiu).",
    ),
    (
        RequestTopic::Funding,
        "Ajutor de minimis pentru digitalizarea membrilor",
        "Întrebări despre cumulul ajutoarelor de minimis al firmelor membre într-un proiect comun.",
    ),
    (
        RequestTopic::Internationalisation,
        "Misiune economică în Croația și Serbia",
        "Contacte cu asociațiile de clustere ale Acordului de la Vukovar pentru o misiune de firme.",
    ),
    (
        RequestTopic::Internationalisation,
        "Înscrierea pe Platforma Europeană de Colaborare a Clusterelor",
        "Profilul clusterului pe ECCP și pregătirea pentru parteneriatele strategice europene.",
    ),
    (
        RequestTopic::Digitalisation,
        "Colaborarea cu un Hub European de Inovare Digitală",
        "Clusterul vrea servicii de testare pentru IMM-uri prin EDIH-ul din regiune.",
    ),
    (
        RequestTopic::Digitalisation,
        "Platformă comună pentru membrii clusterului",
        "Consultanță pentru caietul de sarcini al unei platforme de comunicare și de achiziții comune.",
    ),
    (
        RequestTopic::Other,
        "Protecția datelor personale în baza de date a membrilor",
        "Cum se păstrează și se șterg datele de contact ale angajaților firmelor membre.",
    ),
];

const FOUNDING: &[(&str, &str)] = &[
    ("Inițiativa Cluster Apuseni Turism", "Un grup de pensiuni și agenții din Alba și Bihor vrea să înființeze un cluster."),
    ("Grupul de inițiativă AgroTech Dobrogea", "Ferme și firme IT din Constanța și Tulcea discută un cluster de agricultură de precizie."),
    ("Inițiativa Cluster Economie Circulară Oltenia", "Firme de reciclare și primării din Dolj caută forma juridică potrivită."),
];

const SUMMARIES: &[(ActivityKind, &str, &[i64])] = &[
    (ActivityKind::Meeting, "Întâlnire cu managerul clusterului și consiliul director", &[60, 90, 120, 180]),
    (ActivityKind::Call, "Discuție telefonică despre pașii următori și documentele necesare", &[15, 30, 45]),
    (ActivityKind::Visit, "Vizită la sediul clusterului și la doi membri", &[240, 360, 480]),
    (ActivityKind::WrittenAdvice, "Notă scrisă cu recomandări, trimisă prin e-mail", &[60, 120, 180]),
    (ActivityKind::DocumentReview, "Documentele revizuite, cu observații în text", &[90, 120, 240]),
];

const FOLLOW_UPS: &[&str] = &[
    "Trimite modelul de procedură",
    "Verifică răspunsul autorității de management",
    "Programează vizita la sediul clusterului",
    "Transmite datele de contact ale partenerilor",
    "Revino cu observațiile la buget",
];

const OUTCOMES: &[&str] = &[
    "Documentele au fost adoptate în adunarea generală.",
    "Cererea de finanțare a fost depusă la termen.",
    "Clusterul a primit lista de parteneri și i-a contactat.",
    "Recomandările au fost preluate în planul de acțiune.",
];

struct Maker<'a> {
    tx: &'a mut SqliteConnection,
    rng: &'a mut ChaCha8Rng,
    today: NaiveDate,
    /// Minutes already logged per person and day, so that the demo respects the 24-hour rule.
    logged: HashMap<(&'static str, NaiveDate), i64>,
}

/// Requests of most active clusters over the last two years; returns how many were made.
pub(crate) async fn generate_in(tx: &mut SqliteConnection, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<i64> {
    let contacts: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT c.id, (SELECT k.id FROM contacts k WHERE k.cluster_id = c.id ORDER BY k.id LIMIT 1) FROM clusters c \
         WHERE c.status = 'active' AND c.archived_at IS NULL ORDER BY c.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut maker = Maker { tx, rng, today, logged: HashMap::new() };
    let mut made = 0;
    for (cluster, contact) in contacts {
        let count = *[0, 1, 1, 1, 2, 2, 3].choose(maker.rng).unwrap_or(&1);
        for _ in 0..count {
            maker.request(Some(cluster), contact, None).await?;
            made += 1;
        }
    }
    for group in FOUNDING {
        maker.request(None, None, Some(group)).await?;
        made += 1;
    }
    Ok(made)
}

impl Maker<'_> {
    fn day(&mut self, from: NaiveDate, min: u64, max: u64) -> NaiveDate {
        let day = from.checked_add_days(Days::new(self.rng.random_range(min..=max))).unwrap_or(from);
        day.min(self.today)
    }

    async fn request(
        &mut self,
        cluster: Option<i64>,
        contact: Option<i64>,
        group: Option<&(&str, &str)>,
    ) -> Result<()> {
        let received = self.today.checked_sub_days(Days::new(self.rng.random_range(3..=730))).unwrap_or(self.today);
        let (topic, title, description) = match group {
            Some((_, description)) => (RequestTopic::Founding, "Înființarea unui cluster", *description),
            None => *REQUESTS.choose(self.rng).unwrap_or(&REQUESTS[0]),
        };
        let owner = *STAFF.choose(self.rng).unwrap_or(&STAFF[0]);
        let input = RequestInput {
            cluster_id: cluster,
            group_name: group.map(|g| g.0.to_string()).unwrap_or_default(),
            topic,
            title: title.into(),
            description: description.into(),
            contact_id: contact,
            requester_name: if group.is_some() { "Sorin Mureșan".into() } else { String::new() },
            received_on: ymd(received),
            owner: owner.into(),
            due_on: Some(ymd(received.checked_add_days(Days::new(self.rng.random_range(21..=90))).unwrap_or(received))),
        };
        let id = save_request_in(self.tx, None, &input, &At::on(received)).await?;

        let age = (self.today - received).num_days();
        let activities = if age < 10 { self.rng.random_range(0..=1) } else { self.rng.random_range(1..=4) };
        let mut last = received;
        for _ in 0..activities {
            let day = self.day(last, 0, 40);
            let &(kind, summary, durations) = SUMMARIES.choose(self.rng).unwrap_or(&SUMMARIES[0]);
            let minutes = *durations.choose(self.rng).unwrap_or(&60);
            let staff = if self.rng.random_bool(0.8) { owner } else { *STAFF.choose(self.rng).unwrap_or(&owner) };
            let spent = self.logged.entry((staff, day)).or_insert(0);
            if *spent + minutes > DAY_MINUTES {
                continue;
            }
            *spent += minutes;
            let files = if kind == ActivityKind::DocumentReview {
                vec![FileRef { path: format!("Consultanță/{id}/observatii-{}.docx", ymd(day)), label: "Observații".into() }]
            } else {
                Vec::new()
            };
            let activity = ActivityInput { kind, done_on: ymd(day), minutes, staff: staff.into(), summary: summary.into(), files };
            save_activity_in(self.tx, id, None, &activity, &At::on(day)).await?;
            last = day;
        }

        let closing = age > 30 && activities > 0;
        if closing && self.rng.random_bool(0.75) {
            let status = if self.rng.random_bool(0.85) { RequestStatus::Done } else { RequestStatus::Dropped };
            let outcome = if status == RequestStatus::Done { *OUTCOMES.choose(self.rng).unwrap_or(&"") } else { "" };
            let closed = self.day(last, 1, 20);
            set_request_status_in(self.tx, id, status, outcome, &At::on(closed)).await?;
        } else {
            if activities > 0 && self.rng.random_bool(0.3) {
                let waiting = self.day(last, 0, 5);
                set_request_status_in(self.tx, id, RequestStatus::Waiting, "", &At::on(waiting)).await?;
            }
            // Up to 20 days overdue, or up to 20 ahead.
            let due = self
                .today
                .checked_sub_days(Days::new(20))
                .and_then(|d| d.checked_add_days(Days::new(self.rng.random_range(0..=40))))
                .unwrap_or(self.today)
                .max(received);
            let follow_up = FollowUpInput {
                action: (*FOLLOW_UPS.choose(self.rng).unwrap_or(&FOLLOW_UPS[0])).into(),
                due_on: ymd(due),
                owner: owner.into(),
            };
            let follow = save_follow_up_in(self.tx, id, None, &follow_up, &At::on(self.today)).await?;
            if due < self.today && self.rng.random_bool(0.5) {
                set_follow_up_done_in(self.tx, follow, true, &At::on(self.today)).await?;
            }
        }
        Ok(())
    }
}
