//! The demo's events over three years: the international annual conference each year, two
//! brokerage events with the Enterprise Europe Network, inward and outward company missions with
//! the cluster associations of the Vukovar Agreement (Croatia, Serbia, Bulgaria, Slovakia; signed
//! in 2013), a workshop and, ahead, a planned workshop and mission open for registration.
//!
//! The partners' and the foreign companies' names and people are invented; the facts (the
//! networks, the agreement's year and countries, the conference) are CLUSTERO's own. Everything
//! goes through the same `*_in` functions as the app, in the demo's transaction and with its
//! random generator, so the same seed gives the same events (dates relative to today's year).

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand_chacha::ChaCha8Rng;
use sqlx::SqliteConnection;

use super::meetings::save_meeting_in;
use super::model::*;
use super::partners::save_agreement_in;
use super::write::create_event_in;
use crate::Result;
use crate::clusters::Sector;
use crate::demo::{MEN, SURNAMES, WOMEN};
use crate::i18n::Lang;
use crate::registrations::{
    At, Offering, ParticipantInput, RegisterOptions, RegistrationState, cancel_in, change_state_in,
    create_external_participant_in, participant_for_contact_in, register_in,
};
use crate::trainings::{PartnerInput, PartnerKind, save_partner_in};

const STAFF: &[&str] = &["Elena Marinescu", "Andrei Vlad", "Daniel Cosniță"];

const EEN: &str = "Enterprise Europe Network";
const VUKOVAR: &str = "Acordul de la Vukovar";

struct PartnerSpec {
    name: &'static str,
    kind: PartnerKind,
    network: &'static str,
    country: &'static str,
    website: &'static str,
    people: &'static [(&'static str, &'static str, &'static str)],
}

const PARTNERS: &[PartnerSpec] = &[
    PartnerSpec {
        name: "EEN – Camera de Comerț și Industrie a Municipiului București",
        kind: PartnerKind::EenContactPoint,
        network: EEN,
        country: "RO",
        website: "https://een.ccib.ro",
        people: &[("Irina Dobre", "Consilier EEN", "een@ccib.example.ro")],
    },
    PartnerSpec {
        name: "EEN – Agenția pentru Dezvoltare Regională Vest",
        kind: PartnerKind::EenContactPoint,
        network: EEN,
        country: "RO",
        website: "https://www.adrvest.ro",
        people: &[("Sorin Bogdan", "Expert internaționalizare", "een@adrvest.example.ro")],
    },
    PartnerSpec {
        name: "Croatian Clusters Association",
        kind: PartnerKind::ClusterAssociation,
        network: VUKOVAR,
        country: "HR",
        website: "",
        people: &[
            ("Marija Horvat", "Secretary General", "office@clusters-hr.example.org"),
            ("Tomislav Babić", "Project Manager", ""),
        ],
    },
    PartnerSpec {
        name: "Serbian Cluster Association",
        kind: PartnerKind::ClusterAssociation,
        network: VUKOVAR,
        country: "RS",
        website: "",
        people: &[("Jelena Petrović", "Executive Director", "office@clusters-rs.example.org")],
    },
    PartnerSpec {
        name: "Bulgarian Association of Clusters",
        kind: PartnerKind::ClusterAssociation,
        network: VUKOVAR,
        country: "BG",
        website: "",
        people: &[("Georgi Dimitrov", "Chairman", "office@clusters-bg.example.org")],
    },
    PartnerSpec {
        name: "Slovak Cluster Association",
        kind: PartnerKind::ClusterAssociation,
        network: VUKOVAR,
        country: "SK",
        website: "",
        people: &[("Zuzana Kováčová", "Coordinator", "office@clusters-sk.example.org")],
    },
];

/// Invented companies of the partner countries, with someone who travels for them.
const FOREIGN: &[(&str, &str, &str)] = &[
    ("HR", "Ana Kovač", "Jadran Metal d.o.o."),
    ("HR", "Ivan Novak", "Slavonija Agro d.o.o."),
    ("HR", "Petra Jurić", "Adria Software d.o.o."),
    ("HR", "Luka Marić", "Drvo Dizajn d.o.o."),
    ("RS", "Milan Jovanović", "Vojvodina Food d.o.o."),
    ("RS", "Ana Nikolić", "Niš Elektronik d.o.o."),
    ("RS", "Stefan Ilić", "Beograd Textil a.d."),
    ("BG", "Ivan Petrov", "Plovdiv Machines OOD"),
    ("BG", "Maria Georgieva", "Sofia Green Energy EAD"),
    ("BG", "Nikolay Stoyanov", "Varna Logistics OOD"),
    ("SK", "Martin Horváth", "Košice Automotive s.r.o."),
    ("SK", "Jana Nováková", "Tatra Wood s.r.o."),
    ("SK", "Peter Kováč", "Bratislava Digital s.r.o."),
    ("AT", "Thomas Gruber", "Linz Mechatronik GmbH"),
    ("FR", "Camille Laurent", "Lyon Textiles SAS"),
    ("DE", "Julia Becker", "Sachsen Energie GmbH"),
];

const EVALUATIONS: &[&str] = &[
    "Participarea a depășit estimările, iar întâlnirile bilaterale au fost apreciate de firme. \
     De îmbunătățit: confirmarea programului întâlnirilor cu cel puțin o săptămână înainte.",
    "Delegația a fost bine primită de clusterele gazdă; mai multe firme au cerut date de contact pentru oferte. \
     Vom urmări acordurile semnate la trei și la șase luni.",
    "Organizare bună împreună cu partenerii; sala a fost la limita capacității. \
     Pentru ediția următoare propunem un interval mai lung pentru întâlnirile B2B.",
    "Interes ridicat din partea IMM-urilor din clustere; câteva firme străine nu au putut ajunge. \
     Bugetul a fost respectat.",
];

struct EventSpec {
    kind: EventKind,
    title: String,
    first: NaiveDate,
    days: u64,
    place: &'static str,
    country: &'static str,
    organiser: Option<usize>,
    co: Vec<usize>,
    capacity: i64,
    budget_lei: i64,
    sectors: Vec<Sector>,
    /// Foreign participants from these countries (any when empty).
    foreign: &'static [&'static str],
    romanians: usize,
    foreigners: usize,
    meetings: usize,
}

struct Maker<'a> {
    tx: &'a mut SqliteConnection,
    rng: &'a mut ChaCha8Rng,
    today: NaiveDate,
    partners: Vec<i64>,
    /// Member organisations (id) to send people from.
    organisations: Vec<i64>,
    contacts: Vec<i64>,
}

/// Adds the partners, the Vukovar Agreement and the events to the demo database (after the
/// clusters and the trainings, in the same transaction).
pub(crate) async fn generate_in(tx: &mut SqliteConnection, rng: &mut ChaCha8Rng, today: NaiveDate) -> Result<()> {
    let organisations: Vec<i64> = sqlx::query_scalar(
        "SELECT o.id FROM organisations o JOIN clusters k ON k.id = o.cluster_id \
         WHERE k.status = 'active' AND k.archived_at IS NULL AND o.kind IN ('micro','small','medium','large') ORDER BY o.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let contacts: Vec<i64> = sqlx::query_scalar(
        "SELECT c.id FROM contacts c JOIN clusters k ON k.id = c.cluster_id \
         WHERE k.status = 'active' AND k.archived_at IS NULL ORDER BY c.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut maker = Maker { tx, rng, today, partners: Vec::new(), organisations, contacts };
    maker.partners().await?;
    let year = today.year();
    for spec in maker.programme(year) {
        maker.event(spec).await?;
    }
    Ok(())
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn on(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

impl Maker<'_> {
    async fn partners(&mut self) -> Result<()> {
        for spec in PARTNERS {
            let input = PartnerInput {
                name: spec.name.into(),
                kind: spec.kind,
                network: spec.network.into(),
                country: spec.country.into(),
                website: spec.website.into(),
                contact_person: spec.people[0].0.into(),
                email: spec.people[0].2.into(),
                notes: String::new(),
            };
            let id = save_partner_in(self.tx, None, &input, &At::on(self.today)).await?;
            for (name, role, email) in spec.people {
                sqlx::query("INSERT INTO partner_contacts (partner_id, name, role, email) VALUES (?, ?, ?, ?)")
                    .bind(id)
                    .bind(name)
                    .bind(role)
                    .bind(email)
                    .execute(&mut *self.tx)
                    .await?;
            }
            self.partners.push(id);
        }
        save_agreement_in(
            self.tx,
            None,
            &AgreementInput {
                title: "Acordul de la Vukovar privind cooperarea asociațiilor de clustere".into(),
                signed_on: "2013-10-04".into(),
                scope:
                    "Intensificarea cooperării dintre actorii din clustere din Croația, Serbia, Bulgaria, Slovacia și \
                        România: schimb de experiență, misiuni comune de firme, participare la proiecte și evenimente \
                        comune."
                        .into(),
                party_ids: self.partners[2..6].to_vec(),
                documents: vec![
                    AgreementDocument {
                        path: "Acorduri/2013 Vukovar/Acordul de la Vukovar - semnat.pdf".into(),
                        label: "Acordul semnat".into(),
                    },
                    AgreementDocument {
                        path: "Acorduri/2013 Vukovar/Anexa - lista membrilor.pdf".into(),
                        label: "Anexă".into(),
                    },
                ],
            }, &At::on(self.today),
        )
        .await?;
        save_agreement_in(
            self.tx,
            None,
            &AgreementInput {
                title: "Protocol de colaborare pentru misiuni de afaceri și burse de cooperare".into(),
                signed_on: format!("{}-03-18", self.today.year() - 3),
                scope:
                    "Organizarea în comun a burselor de cooperare și a misiunilor de firme ale membrilor clusterelor."
                        .into(),
                party_ids: self.partners[0..2].to_vec(),
                documents: vec![AgreementDocument {
                    path: "Acorduri/EEN/protocol-EEN.pdf".into(),
                    label: String::new(),
                }],
            }, &At::on(self.today),
        )
        .await?;
        Ok(())
    }

    fn programme(&self, year: i32) -> Vec<EventSpec> {
        use EventKind::*;
        use Sector::*;
        let spec = |kind, title: String, first, days, place, country, organiser, co: Vec<usize>| EventSpec {
            kind,
            title,
            first,
            days,
            place,
            country,
            organiser,
            co,
            capacity: 40,
            budget_lei: 15_000,
            sectors: Vec::new(),
            foreign: &[],
            romanians: 14,
            foreigners: 6,
            meetings: 0,
        };
        let mut events = Vec::new();
        for (i, y) in (year - 2..=year).enumerate() {
            let mut conference = spec(
                Conference,
                format!("Conferința internațională anuală CLUSTERO {y}"),
                on(y, 10, 8 + i as u32),
                2,
                "București, Palatul Parlamentului",
                "RO",
                None,
                vec![0],
            );
            conference.capacity = 150;
            conference.budget_lei = 85_000 + 5_000 * i as i64;
            conference.sectors = vec![ElectronicsSoftware, RenewableEnergy, Textiles, Agrofood];
            conference.romanians = 38 + 4 * i;
            conference.foreigners = 10;
            events.push(conference);
        }
        let mut inward = spec(
            InwardMission,
            "Misiunea clusterelor croate în Regiunea Centru".into(),
            on(year - 2, 4, 20),
            3,
            "Brașov",
            "RO",
            Some(2),
            vec![],
        );
        inward.foreign = &["HR"];
        inward.sectors = vec![WoodFurniture, MachineBuilding];
        inward.meetings = 10;
        events.push(inward);
        let mut outward = spec(
            OutwardMission,
            "Misiune de firme românești în Bulgaria".into(),
            on(year - 2, 6, 7),
            2,
            "Plovdiv",
            "BG",
            None,
            vec![4],
        );
        outward.foreign = &["BG"];
        outward.sectors = vec![Agrofood, Logistics];
        outward.budget_lei = 32_000;
        outward.meetings = 12;
        events.push(outward);
        let mut brokerage = spec(
            Brokerage,
            "Bursa de cooperare EEN „Industria 4.0”".into(),
            on(year - 1, 3, 24),
            1,
            "Timișoara, Centrul Regional de Afaceri",
            "RO",
            Some(1),
            vec![0],
        );
        brokerage.capacity = 60;
        brokerage.sectors = vec![MachineBuilding, ElectronicsSoftware, Automotive];
        brokerage.romanians = 26;
        brokerage.foreigners = 12;
        brokerage.meetings = 36;
        events.push(brokerage);
        let mut serbia = spec(
            InwardMission,
            "Vizita delegației de clustere din Serbia".into(),
            on(year - 1, 5, 12),
            2,
            "Cluj-Napoca",
            "RO",
            Some(3),
            vec![],
        );
        serbia.foreign = &["RS"];
        serbia.sectors = vec![ElectronicsSoftware, Agrofood];
        serbia.meetings = 9;
        events.push(serbia);
        let mut slovakia = spec(
            OutwardMission,
            "Misiune de firme în Slovacia – industria auto".into(),
            on(year - 1, 9, 15),
            3,
            "Košice",
            "SK",
            None,
            vec![5],
        );
        slovakia.foreign = &["SK"];
        slovakia.sectors = vec![Automotive];
        slovakia.budget_lei = 41_000;
        slovakia.meetings = 14;
        events.push(slovakia);
        let mut agro = spec(
            Brokerage,
            "Bursa de cooperare EEN „Agroalimentar și bioeconomie”".into(),
            on(year, 4, 22),
            1,
            "Iași",
            "RO",
            Some(0),
            vec![2, 3, 4, 5],
        );
        agro.capacity = 50;
        agro.sectors = vec![Agrofood, Environment];
        agro.romanians = 22;
        agro.foreigners = 12;
        agro.meetings = 30;
        events.push(agro);
        let mut workshop = spec(
            Workshop,
            "Atelier: internaționalizarea IMM-urilor din clustere".into(),
            on(year, 6, 10),
            1,
            "Sibiu",
            "RO",
            None,
            vec![],
        );
        workshop.capacity = 25;
        workshop.foreigners = 0;
        workshop.budget_lei = 6_000;
        events.push(workshop);
        // Ahead: open for registration.
        let ahead = |days: u64| self.today.checked_add_days(Days::new(days)).unwrap_or(self.today);
        let mut next = spec(
            Workshop,
            "Atelier: pregătirea pentru bursele de cooperare EEN".into(),
            ahead(24),
            1,
            "București",
            "RO",
            Some(0),
            vec![],
        );
        next.capacity = 20;
        next.romanians = 11;
        next.foreigners = 0;
        next.budget_lei = 4_000;
        events.push(next);
        let mut croatia = spec(
            OutwardMission,
            "Misiune de firme în Croația – lemn și mobilă".into(),
            ahead(130),
            3,
            "Zagreb",
            "HR",
            None,
            vec![2],
        );
        croatia.capacity = 16;
        croatia.romanians = 9;
        croatia.foreigners = 0;
        croatia.sectors = vec![WoodFurniture];
        events.push(croatia);
        events
    }

    async fn event(&mut self, spec: EventSpec) -> Result<()> {
        let last = spec.first.checked_add_days(Days::new(spec.days - 1)).unwrap_or(spec.first);
        let held = last < self.today;
        let deadline = spec.first.checked_sub_days(Days::new(5)).unwrap_or(spec.first);
        let input = EventInput {
            kind: spec.kind,
            title: spec.title.clone(),
            starts_on: ymd(spec.first),
            ends_on: ymd(last),
            place: spec.place.into(),
            country: spec.country.into(),
            organiser_id: spec.organiser.map(|i| self.partners[i]),
            co_organiser_ids: spec.co.iter().map(|i| self.partners[*i]).collect(),
            budget_bani: spec.budget_lei * 100,
            capacity: spec.capacity,
            registration_deadline: ymd(deadline),
            status: EventStatus::Planned,
            sectors: spec.sectors.clone(),
            description: String::new(),
            evaluation: String::new(),
        };
        let id = create_event_in(self.tx, &input, &At::on(self.today)).await?;
        let offering = Offering::event(id);

        // Registrations over the five weeks before the deadline (or until today for what is ahead).
        let opened = deadline.checked_sub_days(Days::new(35)).unwrap_or(deadline);
        let until = if held { deadline } else { self.today.min(deadline) };
        let mut people = Vec::new();
        for _ in 0..spec.romanians {
            people.push(self.romanian().await?);
        }
        for _ in 0..spec.foreigners {
            people.push(self.foreigner(spec.foreign).await?);
        }
        people.sort_unstable();
        people.dedup();
        people.shuffle(&mut *self.rng);
        let span = (until - opened).num_days().max(1) as u64;
        let mut registered = Vec::new();
        for (i, participant) in people.iter().enumerate() {
            let day = opened.checked_add_days(Days::new(span * i as u64 / people.len() as u64)).unwrap_or(opened);
            let at = self.at(day);
            let by = self.staff();
            let options = RegisterOptions { override_reason: None, by: by.into() };
            let registration = register_in(self.tx, offering, *participant, &options, &at).await?;
            registered.push(registration.id);
        }

        // Before the deadline a few cancel; the others confirm; afterwards they attend or not.
        let mut present = Vec::new();
        for registration in registered {
            let roll = self.rng.random_range(0..100);
            let by = self.staff();
            if roll < 8 {
                let at = self.at(until);
                cancel_in(self.tx, registration, by, "", &at).await?;
                continue;
            }
            let confirmed_on = if held { deadline } else { until };
            if held || roll < 60 {
                let at = self.at(confirmed_on);
                change_state_in(self.tx, registration, RegistrationState::Confirmed, by, "", &at).await?;
            }
            if held {
                let at = self.at(last);
                let to = if roll < 15 { RegistrationState::NoShow } else { RegistrationState::Attended };
                change_state_in(self.tx, registration, to, by, "", &at).await?;
                if to == RegistrationState::Attended {
                    present.push(registration);
                }
            }
        }
        if held {
            self.meetings(id, &present, spec.first, spec.days, spec.meetings).await?;
            let evaluation = EVALUATIONS.choose(&mut *self.rng).copied().unwrap_or_default();
            sqlx::query("UPDATE events SET status = 'held', evaluation = ? WHERE id = ?")
                .bind(evaluation)
                .bind(id)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }

    /// Bilateral meetings between those who came, every half hour from 9:30; a pair that would
    /// break the one-meeting-per-slot rule is simply tried in the next slot.
    async fn meetings(
        &mut self,
        event_id: i64,
        present: &[i64],
        first: NaiveDate,
        days: u64,
        count: usize,
    ) -> Result<()> {
        if present.len() < 2 {
            return Ok(());
        }
        let mut slots = Vec::new();
        for d in 0..days {
            let day = first.checked_add_days(Days::new(d)).unwrap_or(first);
            for half_hour in 0..14 {
                if let Some(at) = day.and_hms_opt(9 + (half_hour + 1) / 2, 30 * ((half_hour + 1) % 2), 0) {
                    slots.push(at);
                }
            }
        }
        let mut made = 0;
        let mut attempts = 0;
        while made < count && attempts < count * 8 {
            attempts += 1;
            let pair: Vec<i64> = present.choose_multiple(&mut *self.rng, 2).copied().collect();
            let slot: NaiveDateTime = slots[attempts % slots.len()];
            let roll = self.rng.random_range(0..100);
            let (status, outcome) = match roll {
                0..6 => (MeetingStatus::NotHeld, MeetingOutcome::None),
                6..50 => (MeetingStatus::Held, MeetingOutcome::None),
                50..88 => (MeetingStatus::Held, MeetingOutcome::FollowUp),
                _ => (MeetingStatus::Held, MeetingOutcome::Agreement),
            };
            let input = MeetingInput {
                requester_id: pair[0],
                invitee_id: pair[1],
                slot: Some(slot.format(super::meetings::SLOT_FORMAT).to_string()),
                table_label: format!("{}", made % 12 + 1),
                status,
                outcome,
                notes: String::new(),
            };
            match save_meeting_in(self.tx, event_id, None, &input, &At::on(self.today)).await {
                Ok(_) => made += 1,
                // Busy in that slot, or two people of one organisation: another pair, another slot.
                Err(crate::Error::Invalid(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Somebody from a member organisation (new each time), or now and then a cluster's contact.
    async fn romanian(&mut self) -> Result<i64> {
        if self.rng.random_bool(0.2)
            && let Some(contact) = self.contacts.choose(&mut *self.rng).copied()
        {
            return participant_for_contact_in(self.tx, contact, &At::on(self.today)).await;
        }
        let organisation = self.organisations.choose(&mut *self.rng).copied();
        let first = if self.rng.random_bool(0.5) { MEN } else { WOMEN };
        let name = format!(
            "{} {}",
            first.choose(&mut *self.rng).copied().unwrap_or("Ana"),
            SURNAMES.choose(&mut *self.rng).copied().unwrap_or("Pop")
        );
        create_external_participant_in(
            self.tx,
            &ParticipantInput { name, organisation_id: organisation, country: "RO".into(), ..Default::default() }, &At::on(self.today),
        )
        .await
    }

    /// One of the foreign companies' people (recorded once, then registered again).
    async fn foreigner(&mut self, countries: &[&str]) -> Result<i64> {
        let pool: Vec<&(&str, &str, &str)> =
            FOREIGN.iter().filter(|(c, ..)| countries.is_empty() || countries.contains(c)).collect();
        let (country, name, organisation) = **pool.choose(&mut *self.rng).unwrap_or(&&FOREIGN[0]);
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM participants WHERE contact_id IS NULL AND name = ? AND organisation = ?",
        )
        .bind(name)
        .bind(organisation)
        .fetch_optional(&mut *self.tx)
        .await?;
        match existing {
            Some(id) => Ok(id),
            None => {
                create_external_participant_in(
                    self.tx,
                    &ParticipantInput {
                        name: name.into(),
                        organisation: organisation.into(),
                        country: country.into(),
                        language: Lang::En,
                        ..Default::default()
                    }, &At::on(self.today),
                )
                .await
            }
        }
    }

    fn staff(&mut self) -> &'static str {
        STAFF.choose(&mut *self.rng).copied().unwrap_or(STAFF[0])
    }

    fn at(&mut self, day: NaiveDate) -> At {
        let second: u32 = self.rng.random_range(8 * 3600..16 * 3600);
        At {
            date: day,
            stamp: format!("{}T{:02}:{:02}:{:02}Z", ymd(day), second / 3600, second / 60 % 60, second % 60),
        }
    }
}
