//! The demo's funding calls and regulations: calls of real programmes (PR Centru 2021–2027, PEO,
//! POCIDIF, Horizon Europe, Interreg, the ministry's cluster scheme…) with invented references,
//! budgets and criteria, and regulations of real kinds with invented references. Dates are days
//! from today, so the demo always has open calls, one closing within 30 days, an upcoming and a
//! closed one.

use chrono::{Days, NaiveDate};
use sqlx::SqliteConnection;

use super::model::*;
use super::write::{save_call_in, save_regulation_in};
use crate::Result;
use crate::caen::CaenRevision;
use crate::clock::At;
use crate::clusters::{CaenCode, LabelLevel, Sector};
use crate::geo::Region;
use crate::money::Currency;
use crate::services::ymd;

fn day(today: NaiveDate, offset: i64) -> String {
    let shifted = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    ymd(shifted.unwrap_or(today))
}

struct CallSpec {
    title_ro: &'static str,
    title_en: &'static str,
    programme: &'static str,
    funder: &'static str,
    reference: &'static str,
    /// Days from today; None: no closing day (until the budget is spent).
    opens: i64,
    closes: Option<i64>,
    /// Whole units of the currency.
    budget: i64,
    currency: Currency,
    /// Percent.
    cofinancing: i64,
    applicants: &'static [Applicant],
    regions: &'static [Region],
    sectors: &'static [Sector],
    caen: &'static [(CaenRevision, &'static str)],
    min_label: Option<LabelLevel>,
    requires_national: bool,
    requires_eccp: bool,
}

use Applicant as A;
use CaenRevision::{Rev2, Rev3};

const SMES: &[Applicant] = &[A::Micro, A::Small, A::Medium];

const CALLS: &[CallSpec] = &[
    CallSpec {
        title_ro: "Sprijin pentru dezvoltarea clusterelor inovative",
        title_en: "Support for developing innovative clusters",
        programme: "Schema de sprijin pentru clustere (MEAT)",
        funder: "Ministerul Economiei, Antreprenoriatului și Turismului",
        reference: "MEAT/CL/2026",
        opens: -40,
        closes: Some(20),
        budget: 12_000_000,
        currency: Currency::Ron,
        cofinancing: 10,
        applicants: &[A::Cluster],
        regions: &[],
        sectors: &[],
        caen: &[],
        min_label: None,
        requires_national: true,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Digitalizarea IMM-urilor din Regiunea Centru",
        title_en: "Digitalisation of SMEs in the Centre Region",
        programme: "PR Centru 2021–2027",
        funder: "ADR Centru",
        reference: "PRC/1.2/2026",
        opens: -25,
        closes: Some(75),
        budget: 95_000_000,
        currency: Currency::Ron,
        cofinancing: 30,
        applicants: SMES,
        regions: &[Region::Centru],
        sectors: &[],
        caen: &[],
        min_label: None,
        requires_national: false,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Inovare în IMM-urile din industria lemnului și a mobilei",
        title_en: "Innovation in wood and furniture SMEs",
        programme: "PR Centru 2021–2027",
        funder: "ADR Centru",
        reference: "PRC/1.1/IMM-LEMN/2026",
        opens: -10,
        closes: Some(12),
        budget: 40_000_000,
        currency: Currency::Ron,
        cofinancing: 20,
        applicants: SMES,
        regions: &[Region::Centru, Region::NordVest],
        sectors: &[Sector::WoodFurniture],
        caen: &[(Rev3, "3100"), (Rev3, "1611"), (Rev2, "3101"), (Rev2, "3109")],
        min_label: None,
        requires_national: false,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Parteneriate pentru transfer tehnologic între cercetare și întreprinderi",
        title_en: "Technology transfer partnerships between research and enterprises",
        programme: "POCIDIF 2021–2027",
        funder: "Ministerul Investițiilor și Proiectelor Europene",
        reference: "POCIDIF/1.3/2026",
        opens: -60,
        closes: Some(45),
        budget: 150_000_000,
        currency: Currency::Ron,
        cofinancing: 15,
        applicants: &[A::Research, A::Small, A::Medium, A::Large],
        regions: &[],
        sectors: &[Sector::ElectronicsSoftware, Sector::Health, Sector::Automotive, Sector::Aerospace],
        caen: &[(Rev3, "7210"), (Rev3, "6210"), (Rev2, "6201")],
        min_label: None,
        requires_national: false,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Competențe digitale și verzi pentru angajații din clustere",
        title_en: "Digital and green skills for cluster employees",
        programme: "PEO 2021–2027",
        funder: "Ministerul Muncii și Solidarității Sociale",
        reference: "PEO/4.2/2026",
        opens: -15,
        closes: Some(28),
        budget: 60_000_000,
        currency: Currency::Ron,
        cofinancing: 2,
        applicants: &[A::Cluster, A::Other],
        regions: &[],
        sectors: &[],
        caen: &[],
        min_label: Some(LabelLevel::Bronze),
        requires_national: false,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Parteneriate europene de clustere pentru reziliență (ECCP)",
        title_en: "European cluster partnerships for resilience",
        programme: "Single Market Programme (Euroclusters)",
        funder: "EISMEA, Comisia Europeană",
        reference: "SMP-COSME-2027-CLUSTER-01",
        opens: 20,
        closes: Some(120),
        budget: 9_500_000,
        currency: Currency::Eur,
        cofinancing: 25,
        applicants: &[A::Cluster],
        regions: &[],
        sectors: &[],
        caen: &[],
        min_label: Some(LabelLevel::Silver),
        requires_national: false,
        requires_eccp: true,
    },
    CallSpec {
        title_ro: "Tehnologii textile circulare",
        title_en: "Circular textile technologies",
        programme: "Horizon Europe",
        funder: "Comisia Europeană",
        reference: "HORIZON-CL4-2026-TWIN-TRANSITION-05",
        opens: -90,
        closes: Some(60),
        budget: 18_000_000,
        currency: Currency::Eur,
        cofinancing: 0,
        applicants: &[A::Research, A::Small, A::Medium, A::Large, A::Cluster],
        regions: &[],
        sectors: &[Sector::Textiles],
        caen: &[(Rev3, "1320"), (Rev3, "1392")],
        min_label: None,
        requires_national: false,
        requires_eccp: false,
    },
    CallSpec {
        title_ro: "Cooperare transfrontalieră în energie regenerabilă",
        title_en: "Cross-border cooperation in renewable energy",
        programme: "Interreg VI-A România–Bulgaria",
        funder: "Ministerul Dezvoltării, Lucrărilor Publice și Administrației",
        reference: "RO-BG/2/2026",
        opens: -150,
        closes: Some(-10),
        budget: 7_000_000,
        currency: Currency::Eur,
        cofinancing: 2,
        applicants: &[A::Cluster, A::PublicAuthority, A::Research, A::Other],
        regions: &[Region::SudMuntenia, Region::SudEst, Region::SudVestOltenia],
        sectors: &[Sector::RenewableEnergy],
        caen: &[],
        min_label: None,
        requires_national: false,
        requires_eccp: false,
    },
];

struct RegulationSpec {
    title_ro: &'static str,
    title_en: &'static str,
    source: RegulationSource,
    reference: &'static str,
    /// Days before today.
    issued: i64,
    effect_ro: &'static str,
    effect_en: &'static str,
    sectors: &'static [Sector],
}

const REGULATIONS: &[RegulationSpec] = &[
    RegulationSpec {
        title_ro: "Ordin privind procedura de recunoaștere a clusterelor",
        title_en: "Order on the procedure for recognising clusters",
        source: RegulationSource::MonitorulOficial,
        reference: "M. Of. nr. 718 (ordin inventat pentru demonstrație)",
        issued: 35,
        effect_ro: "Clusterele depun dosarul de recunoaștere o dată pe an; pragurile minime rămân cele în vigoare.",
        effect_en: "Clusters file for recognition once a year; the minimum thresholds stay as they are.",
        sectors: &[],
    },
    RegulationSpec {
        title_ro: "Regulamentul privind ecoproiectarea produselor durabile",
        title_en: "Ecodesign for Sustainable Products Regulation",
        source: RegulationSource::Eu,
        reference: "Regulamentul (UE) 2024/1781",
        issued: 120,
        effect_ro: "Cerințe de durabilitate și pașaport digital al produsului, întâi pentru textile și mobilă.",
        effect_en: "Sustainability requirements and a digital product passport, textiles and furniture first.",
        sectors: &[Sector::Textiles, Sector::WoodFurniture],
    },
    RegulationSpec {
        title_ro: "Ghidul solicitantului pentru ajutorul de minimis 2026",
        title_en: "Applicant's guide for de minimis aid 2026",
        source: RegulationSource::Ministry,
        reference: "Ghid MEAT (inventat pentru demonstrație)",
        issued: 12,
        effect_ro: "Plafonul de minimis este de 300.000 EUR pe trei ani fiscali.",
        effect_en: "The de minimis ceiling is EUR 300,000 over three fiscal years.",
        sectors: &[],
    },
    RegulationSpec {
        title_ro: "Hotărâre privind schema de ajutor pentru eficiență energetică în IMM-uri",
        title_en: "Decision on the aid scheme for energy efficiency in SMEs",
        source: RegulationSource::Government,
        reference: "HG (inventată pentru demonstrație)",
        issued: 60,
        effect_ro: "Finanțează panouri fotovoltaice și pompe de căldură în IMM-uri, cu 30 % contribuție proprie.",
        effect_en: "Funds solar panels and heat pumps in SMEs, with a 30 % own contribution.",
        sectors: &[Sector::RenewableEnergy, Sector::MachineBuilding],
    },
    RegulationSpec {
        title_ro: "Noua clasificare CAEN Rev.3: termenul de actualizare a codurilor",
        title_en: "The new CAEN Rev.3: the deadline for updating codes",
        source: RegulationSource::Other,
        reference: "Ordinul INS nr. 377/2024",
        issued: 200,
        effect_ro: "Firmele își actualizează codurile CAEN la Registrul Comerțului; apelurile noi cer coduri Rev.3.",
        effect_en: "Firms update their CAEN codes at the Trade Register; new calls ask for Rev.3 codes.",
        sectors: &[],
    },
];

pub(crate) async fn generate_in(tx: &mut SqliteConnection, today: NaiveDate) -> Result<()> {
    let at = At::on(today);
    for spec in CALLS {
        let input = FundingCallInput {
            title_ro: spec.title_ro.into(),
            title_en: spec.title_en.into(),
            programme: spec.programme.into(),
            funder: spec.funder.into(),
            reference: spec.reference.into(),
            link: String::new(),
            opens_on: Some(day(today, spec.opens)),
            closes_on: spec.closes.map(|d| day(today, d)),
            budget: Some(spec.budget * 100),
            currency: spec.currency,
            cofinancing_bp: Some(spec.cofinancing * 100),
            applicants: spec.applicants.to_vec(),
            regions: spec.regions.to_vec(),
            sectors: spec.sectors.to_vec(),
            caen: spec.caen.iter().map(|&(revision, code)| CaenCode { revision, code: code.into() }).collect(),
            min_label: spec.min_label,
            requires_national: spec.requires_national,
            requires_eccp: spec.requires_eccp,
            notes: String::new(),
        };
        save_call_in(tx, None, &input, &at).await?;
    }
    for spec in REGULATIONS {
        let input = RegulationInput {
            title_ro: spec.title_ro.into(),
            title_en: spec.title_en.into(),
            source: spec.source,
            reference: spec.reference.into(),
            issued_on: day(today, -spec.issued),
            effect_ro: spec.effect_ro.into(),
            effect_en: spec.effect_en.into(),
            link: String::new(),
            sectors: spec.sectors.to_vec(),
        };
        save_regulation_in(tx, None, &input, &at).await?;
    }
    Ok(())
}
