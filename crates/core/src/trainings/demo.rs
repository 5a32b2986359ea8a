//! The demo's training programme: three years of courses with the association's partners (France
//! Clusters, Business Upper Austria, Lucia Seel Consulting) and its own trainers, sessions held
//! with enrolments of the demo clusters' people and some external participants — waitlists,
//! cancellations with promotions, late enrolments accepted with a reason, attendance, completions
//! and certificates —, one cancelled session, one just ended and not yet closed, and three upcoming
//! sessions open for enrolment.
//!
//! Everything goes through the same `*_in` functions as the app, in the demo's transaction, with
//! the demo's random generator: the same seed gives the same programme (dates relative to today).
//! Trainers, staff and external people are invented.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::attendance::{complete_session_in, record_attendance_in};
use super::catalogue::{save_course_in, save_partner_in};
use super::model::*;
use super::sessions::{cancel_session_in, create_session_in, ymd};
use crate::Result;
use crate::i18n::Lang;
use crate::registrations::{
    At, Offering, ParticipantInput, RegisterOptions, RegistrationState, cancel_in, create_external_participant_in,
    participant_for_contact_in, register_in, roster_in,
};

/// What the programme holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingDemoSummary {
    pub courses: i64,
    pub sessions: i64,
    pub registrations: i64,
    pub certificates: i64,
}

struct CourseSpec {
    title_ro: &'static str,
    title_en: &'static str,
    topic: &'static str,
    /// A seeded partner's name; None for the association's own courses.
    partner: Option<&'static str>,
    format: CourseFormat,
    /// Hours of each day of a session.
    days: &'static [f64],
    fee_lei: i64,
    percent: i64,
    /// Sessions held in the last three years.
    sessions: usize,
    description: &'static str,
}

const FRANCE_CLUSTERS: &str = "France Clusters";
const BUSINESS_UPPER_AUSTRIA: &str = "Business Upper Austria";
const LUCIA_SEEL: &str = "Lucia Seel Consulting";

const COURSES: &[CourseSpec] = &[
    CourseSpec {
        title_ro: "Managementul clusterelor – nivel de bază",
        title_en: "Cluster management – foundation level",
        topic: "Managementul clusterelor",
        partner: Some(FRANCE_CLUSTERS),
        format: CourseFormat::OnSite,
        days: &[8.0, 8.0],
        fee_lei: 1200,
        percent: 80,
        sessions: 3,
        description: "Rolul managerului de cluster, guvernanța asociației, planul de acțiune și serviciile de bază pentru membri.",
    },
    CourseSpec {
        title_ro: "Excelență în managementul clusterelor (pregătire ESCA)",
        title_en: "Cluster management excellence (ESCA preparation)",
        topic: "Etichetarea ESCA",
        partner: Some(BUSINESS_UPPER_AUSTRIA),
        format: CourseFormat::Hybrid,
        days: &[8.0, 8.0, 8.0],
        fee_lei: 2400,
        percent: 80,
        sessions: 2,
        description: "Indicatorii European Secretariat for Cluster Analysis, dosarul de autoevaluare și pregătirea vizitei de evaluare pentru eticheta de bronz, argint sau aur.",
    },
    CourseSpec {
        title_ro: "Servicii pentru membri și modele de finanțare",
        title_en: "Member services and funding models",
        topic: "Servicii pentru membri",
        partner: Some(LUCIA_SEEL),
        format: CourseFormat::Online,
        days: &[4.0, 4.0, 4.0],
        fee_lei: 900,
        percent: 80,
        sessions: 2,
        description: "Portofoliul de servicii al clusterului, cotizații, servicii plătite și combinarea finanțărilor publice și private.",
    },
    CourseSpec {
        title_ro: "Internaționalizarea clusterelor și a membrilor lor",
        title_en: "Internationalising clusters and their members",
        topic: "Internaționalizare",
        partner: Some(FRANCE_CLUSTERS),
        format: CourseFormat::OnSite,
        days: &[8.0, 8.0],
        fee_lei: 1200,
        percent: 80,
        sessions: 2,
        description: "Misiuni economice, parteneriate între clustere, Enterprise Europe Network și platforma europeană de colaborare a clusterelor.",
    },
    CourseSpec {
        title_ro: "Audit de inovare pentru IMM-uri",
        title_en: "Innovation audits for SMEs",
        topic: "Inovare",
        partner: Some(BUSINESS_UPPER_AUSTRIA),
        format: CourseFormat::OnSite,
        days: &[8.0, 8.0],
        fee_lei: 1500,
        percent: 80,
        sessions: 2,
        description: "Metodologia auditului de inovare, interviul cu managementul firmei și planul de îmbunătățire.",
    },
    CourseSpec {
        title_ro: "Comunicare și marketing pentru clustere",
        title_en: "Communication and marketing for clusters",
        topic: "Comunicare",
        partner: Some(LUCIA_SEEL),
        format: CourseFormat::Online,
        days: &[4.0, 4.0],
        fee_lei: 600,
        percent: 80,
        sessions: 2,
        description: "Identitatea clusterului, comunicarea cu membrii, prezența online și evenimentele.",
    },
    CourseSpec {
        title_ro: "Scrierea proiectelor europene: Horizon Europe și Interreg",
        title_en: "Writing European projects: Horizon Europe and Interreg",
        topic: "Finanțări europene",
        partner: None,
        format: CourseFormat::Hybrid,
        days: &[8.0, 8.0],
        fee_lei: 800,
        percent: 75,
        sessions: 2,
        description: "De la idee la cererea de finanțare: parteneriat, buget, impact; exemple din proiectele clusterelor membre.",
    },
    CourseSpec {
        title_ro: "Strategia de specializare inteligentă și rolul clusterelor",
        title_en: "Smart specialisation strategy and the role of clusters",
        topic: "Politici de dezvoltare regională",
        partner: None,
        format: CourseFormat::Online,
        days: &[6.0],
        fee_lei: 0,
        percent: 100,
        sessions: 1,
        description: "Strategiile regionale RIS3, procesul de descoperire antreprenorială și proiectele de tip ecosistem.",
    },
    CourseSpec {
        title_ro: "Tranziția digitală și verde în lanțurile valorice",
        title_en: "Digital and green transition in value chains",
        topic: "Digitalizare și sustenabilitate",
        partner: Some(LUCIA_SEEL),
        format: CourseFormat::Hybrid,
        days: &[6.0, 6.0],
        fee_lei: 1000,
        percent: 80,
        sessions: 2,
        description: "Evaluarea maturității digitale, amprenta de carbon a lanțului valoric și servicii ale clusterului pentru tranziție.",
    },
    CourseSpec {
        title_ro: "Indicatori de performanță și evaluarea clusterului",
        title_en: "Performance indicators and cluster evaluation",
        topic: "Evaluare",
        partner: Some(BUSINESS_UPPER_AUSTRIA),
        format: CourseFormat::Online,
        days: &[4.0, 4.0],
        fee_lei: 700,
        percent: 80,
        sessions: 1,
        description: "Indicatori de rezultat și de impact, colectarea datelor de la membri și raportul anual al clusterului.",
    },
];

/// The courses that get a session open for enrolment, and in how many days it starts.
const UPCOMING: &[(usize, u64)] = &[(0, 24), (1, 45), (4, 68)];

fn trainers(partner: Option<&str>) -> &'static [&'static str] {
    match partner {
        Some(FRANCE_CLUSTERS) => &["Claire Moreau", "Julien Bernard"],
        Some(BUSINESS_UPPER_AUSTRIA) => &["Markus Leitner", "Sabine Hofer"],
        Some(LUCIA_SEEL) => &["Anja Becker", "Thomas Krüger"],
        _ => &["Mihaela Dumitrescu", "Adrian Stoica"],
    }
}

const PLACES: &[&str] = &[
    "București, sala de conferințe a CLUSTERO",
    "Brașov, Centrul de afaceri al Camerei de Comerț și Industrie Brașov",
    "Cluj-Napoca, Cluj Innovation Park",
    "Timișoara, Universitatea Politehnica Timișoara – sala Senatului",
    "Iași, Parcul Științific și Tehnologic Tehnopolis",
    "Sibiu, Centrul de afaceri Transilvania",
];

/// The association's staff who record enrolments.
const STAFF: &[&str] = &["Elena Marinescu", "Radu Constantinescu", "Ioana Petrescu"];

const LATE_REASONS: &[&str] = &[
    "Confirmare telefonică a managerului clusterului, înainte de termen.",
    "La cererea partenerului de formare: loc rezervat pentru un membru nou.",
    "Înlocuiește un coleg din același cluster.",
];

const CANCEL_REASONS: &[&str] =
    &["Suprapunere cu o misiune economică.", "Motive medicale.", "Înlocuit de un coleg din același cluster.", "", ""];

const EXTERNALS: &[(&str, &str, Lang)] = &[
    ("Andreea Pop", "Agenția pentru Dezvoltare Regională Nord-Vest", Lang::Ro),
    ("Cristian Munteanu", "Camera de Comerț și Industrie Brașov", Lang::Ro),
    ("Raluca Ene", "Ministerul Investițiilor și Proiectelor Europene", Lang::Ro),
    ("Bogdan Șerban", "Universitatea Politehnica Timișoara", Lang::Ro),
    ("Ioana Vasilescu", "Agenția pentru Dezvoltare Regională Centru", Lang::Ro),
    ("Mihai Drăgulescu", "Institutul Național de Cercetare-Dezvoltare pentru Microtehnologie", Lang::Ro),
    ("Ivana Kovačević", "Croatian cluster association", Lang::En),
    ("Peter Novák", "Slovak cluster association", Lang::En),
];

/// Somebody who can be enrolled: a contact (participant row made on first use) or an external.
#[derive(Clone, Copy)]
enum Person {
    Contact { contact_id: i64, weight: f64 },
    External(i64),
}

struct Programme<'a> {
    tx: &'a mut SqliteConnection,
    rng: &'a mut ChaCha8Rng,
    today: NaiveDate,
    people: Vec<Person>,
    summary: TrainingDemoSummary,
}

/// Adds the training programme to the demo database (after the clusters, in the same transaction).
pub(crate) async fn generate_in(
    tx: &mut SqliteConnection,
    rng: &mut ChaCha8Rng,
    today: NaiveDate,
) -> Result<TrainingDemoSummary> {
    let contacts: Vec<(i64, String)> = sqlx::query_as(
        "SELECT c.id, c.role FROM contacts c JOIN clusters k ON k.id = c.cluster_id \
         WHERE k.status = 'active' AND k.archived_at IS NULL ORDER BY c.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut people: Vec<Person> = contacts
        .into_iter()
        .map(|(contact_id, role)| {
            let weight = match role.as_str() {
                "Manager de cluster" => 4.0,
                "Director executiv" | "Expert proiecte" => 2.0,
                _ => 1.0,
            };
            Person::Contact { contact_id, weight }
        })
        .collect();
    for (name, organisation, language) in EXTERNALS {
        let id = create_external_participant_in(
            tx,
            &ParticipantInput {
                name: name.to_string(),
                organisation: organisation.to_string(),
                language: *language,
                ..Default::default()
            }, &At::on(today),
        )
        .await?;
        people.push(Person::External(id));
    }
    let mut programme = Programme { tx, rng, today, people, summary: TrainingDemoSummary::default() };
    programme.run().await?;
    Ok(programme.summary)
}

impl Programme<'_> {
    async fn run(&mut self) -> Result<()> {
        let mut course_ids = Vec::with_capacity(COURSES.len());
        for spec in COURSES {
            course_ids.push(self.course(spec).await?);
        }
        // Past sessions: spread over the last three years, oldest first, ending three weeks ago.
        let start = self.today.checked_sub_days(Days::new(3 * 365 - 30)).unwrap_or(self.today);
        let end = self.today.checked_sub_days(Days::new(21)).unwrap_or(self.today);
        let mut past: Vec<(usize, NaiveDate)> = Vec::new();
        for (index, spec) in COURSES.iter().enumerate() {
            let span = (end - start).num_days().max(1) as u64;
            let slot = span / spec.sessions as u64;
            for k in 0..spec.sessions as u64 {
                let offset = k * slot + self.rng.random_range(0..slot.max(1));
                past.push((index, off_holidays(start.checked_add_days(Days::new(offset)).unwrap_or(start), false)));
            }
        }
        past.sort_by_key(|(index, date)| (*date, *index));
        // One of them was cancelled for lack of participants.
        let cancelled = self.rng.random_range(0..past.len());
        for (n, (index, date)) in past.iter().enumerate() {
            let id = course_ids[*index];
            if n == cancelled {
                self.cancelled_session(&COURSES[*index], id, *date).await?;
            } else {
                self.held_session(&COURSES[*index], id, *date).await?;
            }
        }
        // One that ended a few days ago: attendance recorded, not closed yet.
        let recent = 5;
        let first =
            weekday_back(self.today.checked_sub_days(Days::new(3)).unwrap_or(self.today), COURSES[recent].days.len());
        self.recent_session(&COURSES[recent], course_ids[recent], first).await?;
        for (index, days) in UPCOMING {
            let first = self.today.checked_add_days(Days::new(*days)).unwrap_or(self.today);
            let first = weekday_on_or_after(off_holidays(first, true));
            self.upcoming_session(&COURSES[*index], course_ids[*index], first, *index == 1).await?;
        }
        Ok(())
    }

    async fn course(&mut self, spec: &CourseSpec) -> Result<i64> {
        let partner_id = match spec.partner {
            Some(name) => Some(self.partner(name).await?),
            None => None,
        };
        let input = CourseInput {
            title_ro: spec.title_ro.into(),
            title_en: spec.title_en.into(),
            topic: spec.topic.into(),
            partner_id,
            format: spec.format,
            hours: spec.days.iter().sum(),
            fee_bani: spec.fee_lei * 100,
            completion_percent: spec.percent,
            description: spec.description.into(),
        };
        self.summary.courses += 1;
        save_course_in(self.tx, None, &input, &At::on(self.today)).await
    }

    /// The seeded partner of that name (created if someone removed it).
    async fn partner(&mut self, name: &str) -> Result<i64> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE name = ?")
            .bind(name)
            .fetch_optional(&mut *self.tx)
            .await?;
        match found {
            Some(id) => Ok(id),
            None => save_partner_in(self.tx, None, &PartnerInput { name: name.into(), ..Default::default() }, &At::on(self.today)).await,
        }
    }

    fn session_input(&mut self, spec: &CourseSpec, course_id: i64, first: NaiveDate, open_days: u64) -> SessionInput {
        let days = consecutive_weekdays(first, spec.days.len());
        let place = PLACES.choose(&mut *self.rng).copied().unwrap_or(PLACES[0]);
        let code = self.rng.random_range(100_000..1_000_000);
        let (place, link, capacity) = match spec.format {
            CourseFormat::OnSite => (place.to_string(), String::new(), self.rng.random_range(14..=20)),
            CourseFormat::Online => {
                (String::new(), format!("https://meet.clustero.eu/{code}"), self.rng.random_range(24..=30))
            }
            CourseFormat::Hybrid => {
                (place.to_string(), format!("https://meet.clustero.eu/{code}"), self.rng.random_range(18..=24))
            }
        };
        let trainer = trainers(spec.partner).choose(&mut *self.rng).copied().unwrap_or_default();
        SessionInput {
            course_id,
            place,
            link,
            trainer: trainer.to_string(),
            capacity,
            enrolment_deadline: ymd(first.checked_sub_days(Days::new(open_days)).unwrap_or(first)),
            notes: String::new(),
            days: days.iter().zip(spec.days).map(|(day, hours)| SessionDay { day: ymd(*day), hours: *hours }).collect(),
        }
    }

    async fn held_session(&mut self, spec: &CourseSpec, course_id: i64, first: NaiveDate) -> Result<()> {
        let input = self.session_input(spec, course_id, weekday_on_or_after(first), 7);
        let id = self.create(&input).await?;
        let deadline = date(&input.enrolment_deadline);
        let demand = self.rng.random_range(0.7..1.3);
        self.enrolments(id, input.capacity, deadline, demand, true).await?;
        let days: Vec<NaiveDate> = input.days.iter().map(|d| date(&d.day)).collect();
        self.attendance(id, &days).await?;
        let last = days.last().copied().unwrap_or(first);
        let closed = last.checked_add_days(Days::new(self.rng.random_range(1..=3))).unwrap_or(last);
        let when = self.at(closed);
        let summary = complete_session_in(self.tx, id, &when).await?;
        self.summary.certificates += summary.new_certificates.len() as i64;
        Ok(())
    }

    async fn cancelled_session(&mut self, spec: &CourseSpec, course_id: i64, first: NaiveDate) -> Result<()> {
        let mut input = self.session_input(spec, course_id, weekday_on_or_after(first), 7);
        input.notes =
            "Anulată: număr insuficient de participanți; înscrișii au fost redirecționați către sesiunea următoare."
                .into();
        let id = self.create(&input).await?;
        let deadline = date(&input.enrolment_deadline);
        self.enrolments(id, input.capacity, deadline, 0.3, false).await?;
        let when = self.at(deadline.checked_add_days(Days::new(1)).unwrap_or(deadline));
        let by = self.staff();
        cancel_session_in(self.tx, id, by, "Număr insuficient de participanți.", &when).await
    }

    async fn recent_session(&mut self, spec: &CourseSpec, course_id: i64, first: NaiveDate) -> Result<()> {
        let input = self.session_input(spec, course_id, first, 5);
        let id = self.create(&input).await?;
        let deadline = date(&input.enrolment_deadline);
        self.enrolments(id, input.capacity, deadline, 0.9, true).await?;
        let days: Vec<NaiveDate> = input.days.iter().map(|d| date(&d.day)).filter(|d| *d <= self.today).collect();
        self.attendance(id, &days).await
    }

    async fn upcoming_session(
        &mut self,
        spec: &CourseSpec,
        course_id: i64,
        first: NaiveDate,
        full: bool,
    ) -> Result<()> {
        let mut input = self.session_input(spec, course_id, first, 7);
        if full {
            // In demand: a small room, more applicants than places, a waitlist.
            input.capacity = 12;
        }
        let id = self.create(&input).await?;
        let yesterday = self.today.checked_sub_days(Days::new(1)).unwrap_or(self.today);
        let demand = if full { 1.35 } else { self.rng.random_range(0.4..0.7) };
        self.enrolments(id, input.capacity, yesterday, demand, false).await
    }

    async fn create(&mut self, input: &SessionInput) -> Result<i64> {
        self.summary.sessions += 1;
        create_session_in(self.tx, input, &At::on(self.today)).await
    }

    /// Applications over the five weeks before `until`, a few cancelled afterwards (freeing places
    /// for the waitlist), and sometimes one accepted after the deadline with a reason.
    async fn enrolments(
        &mut self,
        session_id: i64,
        capacity: i64,
        until: NaiveDate,
        demand: f64,
        late: bool,
    ) -> Result<()> {
        let wanted = ((capacity as f64 * demand).round() as usize).max(1);
        let chosen = self.choose_people(wanted + 1);
        let Some((latecomer, applicants)) = chosen.split_last() else { return Ok(()) };
        let opens = until.checked_sub_days(Days::new(35)).unwrap_or(until);
        // (date, seconds into the day, applicant, cancel?)
        let mut events: Vec<(NaiveDate, u32, usize, bool)> = Vec::new();
        for (i, _) in applicants.iter().enumerate() {
            let day = between(self.rng, opens, until);
            let second = self.rng.random_range(7 * 3600..16 * 3600);
            events.push((day, second, i, false));
            if self.rng.random_bool(0.12) {
                let later = between(self.rng, day, until.max(day));
                events.push((later, self.rng.random_range(second..17 * 3600), i, true));
            }
        }
        events.sort_by_key(|(day, second, i, cancel)| (*day, *second, *cancel, *i));
        let mut registered: Vec<Option<i64>> = vec![None; applicants.len()];
        for (day, second, i, cancel) in events {
            let at = stamp(day, second);
            let by = self.staff().to_string();
            if cancel {
                if let Some(registration) = registered[i] {
                    let reason = CANCEL_REASONS.choose(&mut *self.rng).copied().unwrap_or_default();
                    cancel_in(self.tx, registration, &by, reason, &at).await?;
                }
            } else {
                let participant = self.participant(applicants[i]).await?;
                let options = RegisterOptions { override_reason: None, by };
                let registration =
                    register_in(self.tx, Offering::session(session_id), participant, &options, &at).await?;
                registered[i] = Some(registration.id);
                self.summary.registrations += 1;
            }
        }
        if late && self.rng.random_bool(0.35) {
            let day = until.checked_add_days(Days::new(self.rng.random_range(1..=3))).unwrap_or(until);
            let participant = self.participant(*latecomer).await?;
            let reason = LATE_REASONS.choose(&mut *self.rng).copied().unwrap_or(LATE_REASONS[0]).to_string();
            let options = RegisterOptions { override_reason: Some(reason), by: self.staff().to_string() };
            register_in(self.tx, Offering::session(session_id), participant, &options, &stamp(day, 10 * 3600)).await?;
            self.summary.registrations += 1;
        }
        Ok(())
    }

    /// Marks everyone holding a place on each day: most come every day, some miss a day, a few
    /// never come, a few leave after the first day.
    async fn attendance(&mut self, session_id: i64, days: &[NaiveDate]) -> Result<()> {
        let roster = roster_in(self.tx, Offering::session(session_id)).await?;
        for line in roster.iter().filter(|r| r.state == RegistrationState::Enrolled) {
            let pattern = self.rng.random_range(0..100);
            let missed = self.rng.random_range(0..days.len().max(1));
            for (n, day) in days.iter().enumerate() {
                let present = match pattern {
                    0..80 => true,
                    80..90 => n != missed,
                    90..95 => false,
                    _ => n == 0,
                };
                let evening = stamp(*day, 15 * 3600 + self.rng.random_range(0..3600));
                record_attendance_in(self.tx, line.id, &ymd(*day), present, &evening).await?;
            }
        }
        Ok(())
    }

    /// `count` different people, the cluster managers more often than others.
    fn choose_people(&mut self, count: usize) -> Vec<Person> {
        let mut keyed: Vec<(f64, Person)> = self
            .people
            .iter()
            .map(|p| {
                let weight = match p {
                    Person::Contact { weight, .. } => *weight,
                    Person::External(_) => 1.5,
                };
                (self.rng.random::<f64>().powf(1.0 / weight), *p)
            })
            .collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut chosen: Vec<Person> = keyed.into_iter().take(count).map(|(_, p)| p).collect();
        chosen.shuffle(&mut *self.rng);
        chosen
    }

    async fn participant(&mut self, person: Person) -> Result<i64> {
        match person {
            Person::Contact { contact_id, .. } => participant_for_contact_in(self.tx, contact_id, &At::on(self.today)).await,
            Person::External(id) => Ok(id),
        }
    }

    fn staff(&mut self) -> &'static str {
        STAFF.choose(&mut *self.rng).copied().unwrap_or(STAFF[0])
    }

    fn at(&mut self, day: NaiveDate) -> At {
        let second = self.rng.random_range(8 * 3600..15 * 3600);
        stamp(day, second)
    }
}

fn stamp(day: NaiveDate, second: u32) -> At {
    At { date: day, stamp: format!("{}T{:02}:{:02}:{:02}Z", ymd(day), second / 3600, second / 60 % 60, second % 60) }
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

fn between(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    if to <= from {
        return from;
    }
    let span = (to - from).num_days() as u64;
    from.checked_add_days(Days::new(rng.random_range(0..=span))).unwrap_or(from)
}

/// No trainings over Christmas and New Year or in August: past dates move back before them
/// (spread over early December and July), future ones after them.
fn off_holidays(day: NaiveDate, forward: bool) -> NaiveDate {
    let (y, d) = (day.year(), day.day());
    let moved = match (day.month(), d, forward) {
        (12, 18.., false) => NaiveDate::from_ymd_opt(y, 12, d - 17),
        (1, ..8, false) => NaiveDate::from_ymd_opt(y - 1, 12, d + 3),
        (8, _, false) => NaiveDate::from_ymd_opt(y, 7, (d - 1) % 24 + 1),
        (12, 18.., true) => NaiveDate::from_ymd_opt(y + 1, 1, d - 17 + 8),
        (1, ..8, true) => NaiveDate::from_ymd_opt(y, 1, d + 8),
        (8, _, true) => NaiveDate::from_ymd_opt(y, 9, (d - 1) % 24 + 1),
        _ => None,
    };
    moved.unwrap_or(day)
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

fn weekday_on_or_after(mut day: NaiveDate) -> NaiveDate {
    while is_weekend(day) {
        day = day.succ_opt().unwrap_or(day);
    }
    day
}

/// `count` working days from `first` (which is moved off a weekend).
fn consecutive_weekdays(first: NaiveDate, count: usize) -> Vec<NaiveDate> {
    let mut days = Vec::with_capacity(count);
    let mut day = weekday_on_or_after(first);
    while days.len() < count {
        if !is_weekend(day) {
            days.push(day);
        }
        day = day.succ_opt().unwrap_or(day);
    }
    days
}

/// The first of `count` working days that end on or before `last`.
fn weekday_back(last: NaiveDate, count: usize) -> NaiveDate {
    let mut day = last;
    let mut found = 0;
    loop {
        if !is_weekend(day) {
            found += 1;
            if found == count {
                return day;
            }
        }
        day = day.pred_opt().unwrap_or(day);
    }
}
