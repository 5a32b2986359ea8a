//! Demo data: a realistic, deterministic CLUSTERO membership, for trying the app out, for
//! screenshots and for measuring the app at scale.
//!
//! The default run mirrors the association's own page: 42 member clusters in textiles, renewable
//! energy, electronics and software, machine building, wood and furniture, agrofood and a few other
//! fields, spread over the eight development regions, with 1 gold, 3 silver and 25 bronze ESCA
//! labels valid today. Every record goes through the same checks as the app's forms (the `*_in`
//! write functions) inside one transaction, so the demo never holds anything a form would refuse
//! and a failed run leaves the database as empty as it found it.
//!
//! The clusters, firms, people, fiscal codes and amounts are invented; the counties, towns,
//! universities and national research institutes are real, so that the data reads as Romanian
//! staff would expect it to.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use sqlx::{Sqlite, Transaction};

use crate::caen::CaenRevision;
use crate::clusters::{
    CaenCode, ClusterInput, ContactInput, LabelInput, LabelLevel, MembershipStatus, OrgKind, OrganisationInput,
    PaymentInput, Sector, add_label_in, add_payment_in, create_in, save_contact_in, save_organisation_in, set_fee_in,
};
use crate::clock::At;
use crate::store::Store;
use crate::text::fold;
use crate::{Error, Result, cui};

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Member clusters; the first 42 are the hand-written ones, further ones are composed.
    pub clusters: usize,
    /// Member organisations per cluster; `None` varies them between 6 and 25 as real clusters do.
    pub orgs_per_cluster: Option<usize>,
    /// The same seed gives the same data (dates are relative to today).
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions { clusters: 42, orgs_per_cluster: None, seed: 2011 }
    }
}

/// What was generated; the label counts are the clusters whose best label valid today has that level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DemoSummary {
    pub clusters: i64,
    pub organisations: i64,
    pub contacts: i64,
    pub gold: i64,
    pub silver: i64,
    pub bronze: i64,
}

/// Fills an empty database with demo data, in one transaction. Refused when the database already
/// holds a cluster, archived or not: the demo never mixes with real records.
pub async fn generate(store: &Store, options: &DemoOptions) -> Result<DemoSummary> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters)").fetch_one(&mut *tx).await?;
    if any {
        return Err(Error::refused("error.database_exists"));
    }
    let mut demo = Demo::new(options.seed, at);
    let plans = demo.plans(options.clusters);
    let mut summary = DemoSummary::default();
    for (index, plan) in plans.iter().enumerate() {
        demo.cluster(&mut tx, index, plan, options.orgs_per_cluster, &mut summary).await?;
    }
    crate::trainings::demo::generate_in(&mut tx, &mut demo.rng, demo.today).await?;
    crate::assessments::demo::generate_in(&mut tx, options.seed, demo.today).await?;
    crate::sme_audits::demo::generate_in(&mut tx, &mut demo.rng, demo.today).await?;
    crate::events::demo::generate_in(&mut tx, &mut demo.rng, demo.today).await?;
    crate::services::demo::generate_in(&mut tx, &mut demo.rng, demo.today).await?;
    let projects = crate::projects::demo::generate_in(&mut tx, demo.today).await?;
    crate::network::demo::generate_in(&mut tx, &mut demo.rng, demo.today, &projects).await?;
    crate::representation::demo::generate_in(&mut tx, &mut demo.rng, demo.today).await?;
    crate::funding::demo::generate_in(&mut tx, demo.today).await?;
    crate::bulletins::demo::generate_in(&mut tx, demo.today).await?;
    tx.commit().await?;
    Ok(summary)
}

// ---------------------------------------------------------------------------------------------
// Reference tables.

struct County {
    code: &'static str,
    name: &'static str,
    /// The development region as the regional development agency's name spells it.
    region: &'static str,
    /// The fixed-line area code (without the leading 0).
    area: &'static str,
}

const COUNTIES: &[County] = &[
    County { code: "BC", name: "Bacău", region: "Nord-Est", area: "234" },
    County { code: "BT", name: "Botoșani", region: "Nord-Est", area: "231" },
    County { code: "IS", name: "Iași", region: "Nord-Est", area: "232" },
    County { code: "NT", name: "Neamț", region: "Nord-Est", area: "233" },
    County { code: "SV", name: "Suceava", region: "Nord-Est", area: "230" },
    County { code: "VS", name: "Vaslui", region: "Nord-Est", area: "235" },
    County { code: "BR", name: "Brăila", region: "Sud-Est", area: "239" },
    County { code: "BZ", name: "Buzău", region: "Sud-Est", area: "238" },
    County { code: "CT", name: "Constanța", region: "Sud-Est", area: "241" },
    County { code: "GL", name: "Galați", region: "Sud-Est", area: "236" },
    County { code: "TL", name: "Tulcea", region: "Sud-Est", area: "240" },
    County { code: "VN", name: "Vrancea", region: "Sud-Est", area: "237" },
    County { code: "AG", name: "Argeș", region: "Sud Muntenia", area: "248" },
    County { code: "CL", name: "Călărași", region: "Sud Muntenia", area: "242" },
    County { code: "DB", name: "Dâmbovița", region: "Sud Muntenia", area: "245" },
    County { code: "GR", name: "Giurgiu", region: "Sud Muntenia", area: "246" },
    County { code: "IL", name: "Ialomița", region: "Sud Muntenia", area: "243" },
    County { code: "PH", name: "Prahova", region: "Sud Muntenia", area: "244" },
    County { code: "TR", name: "Teleorman", region: "Sud Muntenia", area: "247" },
    County { code: "DJ", name: "Dolj", region: "Sud-Vest Oltenia", area: "251" },
    County { code: "GJ", name: "Gorj", region: "Sud-Vest Oltenia", area: "253" },
    County { code: "MH", name: "Mehedinți", region: "Sud-Vest Oltenia", area: "252" },
    County { code: "OT", name: "Olt", region: "Sud-Vest Oltenia", area: "249" },
    County { code: "VL", name: "Vâlcea", region: "Sud-Vest Oltenia", area: "250" },
    County { code: "AR", name: "Arad", region: "Vest", area: "257" },
    County { code: "CS", name: "Caraș-Severin", region: "Vest", area: "255" },
    County { code: "HD", name: "Hunedoara", region: "Vest", area: "254" },
    County { code: "TM", name: "Timiș", region: "Vest", area: "256" },
    County { code: "BH", name: "Bihor", region: "Nord-Vest", area: "259" },
    County { code: "BN", name: "Bistrița-Năsăud", region: "Nord-Vest", area: "263" },
    County { code: "CJ", name: "Cluj", region: "Nord-Vest", area: "264" },
    County { code: "MM", name: "Maramureș", region: "Nord-Vest", area: "262" },
    County { code: "SM", name: "Satu Mare", region: "Nord-Vest", area: "261" },
    County { code: "SJ", name: "Sălaj", region: "Nord-Vest", area: "260" },
    County { code: "AB", name: "Alba", region: "Centru", area: "258" },
    County { code: "BV", name: "Brașov", region: "Centru", area: "268" },
    County { code: "CV", name: "Covasna", region: "Centru", area: "267" },
    County { code: "HR", name: "Harghita", region: "Centru", area: "266" },
    County { code: "MS", name: "Mureș", region: "Centru", area: "265" },
    County { code: "SB", name: "Sibiu", region: "Centru", area: "269" },
    County { code: "B", name: "București", region: "București-Ilfov", area: "21" },
    County { code: "IF", name: "Ilfov", region: "București-Ilfov", area: "21" },
];

fn county(code: &str) -> &'static County {
    COUNTIES.iter().find(|c| c.code == code).expect("the demo tables name only known counties")
}

struct City {
    county: &'static str,
    name: &'static str,
    /// A municipality has a "Primăria Municipiului", a town a "Primăria Orașului".
    municipality: bool,
}

const fn city(county: &'static str, name: &'static str, municipality: bool) -> City {
    City { county, name, municipality }
}

/// Every county seat and some other industrial towns, all really in the county named.
const CITIES: &[City] = &[
    city("AB", "Alba Iulia", true),
    city("AB", "Sebeș", true),
    city("AB", "Aiud", true),
    city("AR", "Arad", true),
    city("AG", "Pitești", true),
    city("AG", "Mioveni", false),
    city("AG", "Câmpulung", true),
    city("BC", "Bacău", true),
    city("BC", "Onești", true),
    city("BH", "Oradea", true),
    city("BH", "Salonta", true),
    city("BN", "Bistrița", true),
    city("BT", "Botoșani", true),
    city("BV", "Brașov", true),
    city("BV", "Făgăraș", true),
    city("BV", "Ghimbav", false),
    city("BR", "Brăila", true),
    city("BZ", "Buzău", true),
    city("BZ", "Râmnicu Sărat", true),
    city("CS", "Reșița", true),
    city("CS", "Caransebeș", true),
    city("CL", "Călărași", true),
    city("CL", "Oltenița", true),
    city("CJ", "Cluj-Napoca", true),
    city("CJ", "Turda", true),
    city("CJ", "Dej", true),
    city("CT", "Constanța", true),
    city("CT", "Mangalia", true),
    city("CT", "Medgidia", true),
    city("CV", "Sfântu Gheorghe", true),
    city("DB", "Târgoviște", true),
    city("DB", "Moreni", true),
    city("DJ", "Craiova", true),
    city("GL", "Galați", true),
    city("GL", "Tecuci", true),
    city("GR", "Giurgiu", true),
    city("GJ", "Târgu Jiu", true),
    city("GJ", "Motru", true),
    city("HR", "Miercurea Ciuc", true),
    city("HR", "Odorheiu Secuiesc", true),
    city("HD", "Deva", true),
    city("HD", "Hunedoara", true),
    city("HD", "Petroșani", true),
    city("HD", "Hațeg", false),
    city("IL", "Slobozia", true),
    city("IL", "Fetești", true),
    city("IS", "Iași", true),
    city("IS", "Pașcani", true),
    city("IF", "Otopeni", false),
    city("IF", "Buftea", false),
    city("B", "București", true),
    city("MM", "Baia Mare", true),
    city("MM", "Sighetu Marmației", true),
    city("MH", "Drobeta-Turnu Severin", true),
    city("MS", "Târgu Mureș", true),
    city("MS", "Reghin", true),
    city("MS", "Sighișoara", true),
    city("NT", "Piatra Neamț", true),
    city("NT", "Roman", true),
    city("OT", "Slatina", true),
    city("OT", "Caracal", true),
    city("PH", "Ploiești", true),
    city("PH", "Câmpina", true),
    city("SM", "Satu Mare", true),
    city("SM", "Carei", true),
    city("SJ", "Zalău", true),
    city("SB", "Sibiu", true),
    city("SB", "Mediaș", true),
    city("SV", "Suceava", true),
    city("SV", "Rădăuți", true),
    city("SV", "Fălticeni", true),
    city("TR", "Alexandria", true),
    city("TR", "Roșiorii de Vede", true),
    city("TM", "Timișoara", true),
    city("TM", "Lugoj", true),
    city("TL", "Tulcea", true),
    city("VS", "Vaslui", true),
    city("VS", "Bârlad", true),
    city("VL", "Râmnicu Vâlcea", true),
    city("VN", "Focșani", true),
    city("VN", "Adjud", true),
];

fn is_municipality(name: &str) -> bool {
    CITIES.iter().find(|c| c.name == name).is_none_or(|c| c.municipality)
}

/// Places of each region that firms like to be named after ("Tricotaje Bucovina SRL").
fn places(region: &str) -> &'static [&'static str] {
    match region {
        "Nord-Est" => &["Bucovina", "Ceahlău", "Siret", "Prut", "Moldova", "Bistrița", "Rarău", "Cotnari"],
        "Sud-Est" => &["Dobrogea", "Delta", "Dunărea", "Pontica", "Bărăgan", "Vrancea", "Măcin", "Siretul"],
        "Sud Muntenia" => &["Muscel", "Argeș", "Prahova", "Bărăgan", "Ialomița", "Vlașca", "Dâmbovița", "Bucegi"],
        "Sud-Vest Oltenia" => &["Oltenia", "Jiul", "Gorj", "Olt", "Cerna", "Severin", "Lotru", "Horezu"],
        "Vest" => &["Banat", "Mureș", "Timiș", "Zarand", "Semenic", "Retezat", "Bega", "Cerna"],
        "Nord-Vest" => &["Someș", "Crișana", "Apuseni", "Maramureș", "Gutâi", "Meseș", "Codru", "Vlădeasa"],
        "Centru" => &["Carpați", "Bârsa", "Târnava", "Olt", "Făgăraș", "Ciucaș", "Postăvaru", "Mureș"],
        _ => &["Herăstrău", "Colentina", "Snagov", "Cotroceni", "Băneasa", "Militari", "Floreasca", "Pipera"],
    }
}

/// The universities of a county, the first one the most general.
fn universities(county: &str) -> &'static [&'static str] {
    match county {
        "AB" => &["Universitatea „1 Decembrie 1918” din Alba Iulia"],
        "AR" => &["Universitatea „Aurel Vlaicu” din Arad"],
        "AG" => &["Universitatea din Pitești"],
        "BC" => &["Universitatea „Vasile Alecsandri” din Bacău"],
        "BH" => &["Universitatea din Oradea"],
        "BV" => &["Universitatea Transilvania din Brașov"],
        "B" | "IF" => &[
            "Universitatea Națională de Știință și Tehnologie Politehnica București",
            "Academia de Studii Economice din București",
        ],
        "CJ" => &[
            "Universitatea Tehnică din Cluj-Napoca",
            "Universitatea Babeș-Bolyai",
            "Universitatea de Științe Agricole și Medicină Veterinară din Cluj-Napoca",
        ],
        "CT" => &["Universitatea „Ovidius” din Constanța", "Universitatea Maritimă din Constanța"],
        "DB" => &["Universitatea „Valahia” din Târgoviște"],
        "DJ" => &["Universitatea din Craiova"],
        "GL" | "BR" => &["Universitatea „Dunărea de Jos” din Galați"],
        "GJ" => &["Universitatea „Constantin Brâncuși” din Târgu Jiu"],
        "HD" => &["Universitatea din Petroșani"],
        "IS" => &["Universitatea Tehnică „Gheorghe Asachi” din Iași", "Universitatea „Alexandru Ioan Cuza” din Iași"],
        "MM" => &["Universitatea Tehnică din Cluj-Napoca – Centrul Universitar Nord din Baia Mare"],
        "MS" => &["Universitatea de Medicină, Farmacie, Științe și Tehnologie „George Emil Palade” din Târgu Mureș"],
        "PH" => &["Universitatea Petrol-Gaze din Ploiești"],
        "SB" => &["Universitatea „Lucian Blaga” din Sibiu"],
        "SV" => &["Universitatea „Ștefan cel Mare” din Suceava"],
        "TM" => {
            &["Universitatea Politehnica Timișoara", "Universitatea de Științele Vieții „Regele Mihai I” din Timișoara"]
        }
        _ => &[],
    }
}

/// The county's universities, or when it has none those of its region.
fn regional_universities(county: &County) -> Vec<&'static str> {
    let own = universities(county.code);
    if !own.is_empty() {
        return own.to_vec();
    }
    COUNTIES.iter().filter(|c| c.region == county.region).flat_map(|c| universities(c.code).iter().copied()).collect()
}

/// What the demo needs to know of a field: how to name its clusters and firms, and its CAEN classes.
struct Profile {
    sector: Sector,
    /// Weight among the composed clusters (beyond the hand-written 42).
    weight: u32,
    /// For composed cluster names: "Clusterul {phrase} Deva".
    phrase: &'static str,
    /// For web addresses of composed clusters.
    slug: &'static str,
    /// Classes of the field as (Rev.2, Rev.3) pairs; the Rev.3 class is one the INS correspondence
    /// maps the Rev.2 class to. All are checked by a test.
    caen: &'static [(&'static str, &'static str)],
    /// Words firms put before a place name: "Tricotaje" in "Tricotaje Bucovina SRL".
    stems: &'static [&'static str],
    /// Invented brands and what follows them: "Softronic Labs SRL".
    brands: &'static [&'static str],
    suffixes: &'static [&'static str],
    /// National research institutes of the field (real ones).
    research: &'static [&'static str],
}

const PROFILES: &[Profile] = &[
    Profile {
        sector: Sector::Textiles,
        weight: 10,
        phrase: "de Textile și Confecții",
        slug: "textile",
        caen: &[
            ("1392", "1392"),
            ("1413", "1410"),
            ("1330", "1330"),
            ("1414", "1422"),
            ("1320", "1320"),
            ("1310", "1310"),
        ],
        stems: &["Tricotaje", "Confecții", "Textila", "Filatura", "Țesătoria", "Croitoria", "Moda", "Broderia"],
        brands: &["Texfil", "Tricomod", "Stofart", "Linea", "Modatex", "Firotex", "Confex", "Lanatex"],
        suffixes: &["Design", "Textile", "Fashion", "Prod", "Style", "Impex"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare pentru Textile și Pielărie",
            "Institutul Național de Cercetare-Dezvoltare pentru Fizică Tehnică – IFT Iași",
        ],
    },
    Profile {
        sector: Sector::RenewableEnergy,
        weight: 10,
        phrase: "de Energie Regenerabilă",
        slug: "energie",
        caen: &[("3511", "3512"), ("2711", "2711"), ("4321", "4321"), ("7112", "7112"), ("3320", "3320")],
        stems: &["Energia", "Solar", "Eolian", "Hidro", "Biomasa", "Fotovoltaic", "Termo"],
        brands: &["Greenwatt", "Solaris", "Ecovolt", "Voltaria", "Heliotherm", "Ventus", "Enerbio", "Termosol"],
        suffixes: &["Energy", "Power", "Solutions", "Systems", "Grup"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare pentru Inginerie Electrică ICPE-CA",
            "Institutul Național de Cercetare-Dezvoltare pentru Energie – ICEMENERG",
            "Institutul Național de Cercetare-Dezvoltare pentru Tehnologii Criogenice și Izotopice – ICSI Râmnicu Vâlcea",
        ],
    },
    Profile {
        sector: Sector::ElectronicsSoftware,
        weight: 14,
        phrase: "de Electronică și Software",
        slug: "software",
        caen: &[
            ("6201", "6210"),
            ("6202", "6220"),
            ("2611", "2611"),
            ("2620", "2620"),
            ("5829", "5829"),
            ("2651", "2651"),
        ],
        stems: &["Electronica", "Soft", "Automatizări", "Info", "Digital", "Sisteme"],
        brands: &[
            "Softronic",
            "Datatek",
            "Codeline",
            "Bitwise",
            "Nexora",
            "Pixelcraft",
            "Cloudsoft",
            "Appnova",
            "Logicon",
            "Quantix",
        ],
        suffixes: &["Labs", "Solutions", "Systems", "Software", "Technologies", "Digital"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare în Informatică – ICI București",
            "Institutul Național de Cercetare-Dezvoltare pentru Microtehnologie – IMT București",
            "Institutul Național de Cercetare-Dezvoltare pentru Tehnologii Izotopice și Moleculare Cluj-Napoca",
        ],
    },
    Profile {
        sector: Sector::MachineBuilding,
        weight: 10,
        phrase: "de Construcții de Mașini",
        slug: "mecanica",
        caen: &[
            ("2841", "2841"),
            ("2822", "2822"),
            ("2562", "2553"),
            ("2511", "2511"),
            ("2829", "2829"),
            ("3320", "3320"),
        ],
        stems: &["Mecanica", "Utilaje", "Hidraulica", "Rulmenți", "Sudura", "Prelucrări Mecanice", "Scule"],
        brands: &["Mecatron", "Metalpro", "Hidromec", "Tehnomet", "Utilmec", "Precisio", "Strungmet"],
        suffixes: &["Industrial", "Engineering", "Grup", "Tech", "Prod"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare în Mecatronică și Tehnica Măsurării – INCDMTM",
            "Institutul Național de Cercetare-Dezvoltare în Sudură și Încercări de Materiale – ISIM Timișoara",
            "Institutul Național de Cercetare-Dezvoltare pentru Mașini și Instalații destinate Agriculturii și Industriei Alimentare – INMA",
        ],
    },
    Profile {
        sector: Sector::WoodFurniture,
        weight: 9,
        phrase: "de Lemn și Mobilă",
        slug: "mobila",
        caen: &[("3109", "3100"), ("3101", "3100"), ("1610", "1611"), ("1623", "1625"), ("3102", "3100")],
        stems: &["Mobila", "Lemn", "Tâmplăria", "Cherestea", "Parchet", "Mobilier"],
        brands: &["Lemnart", "Woodline", "Casamob", "Forestina", "Arbora", "Silvaprod", "Stejarul"],
        suffixes: &["Design", "Prod", "Interior", "Home", "Forest"],
        research: &["Institutul Național de Cercetare-Dezvoltare în Silvicultură „Marin Drăcea”"],
    },
    Profile {
        sector: Sector::Agrofood,
        weight: 12,
        phrase: "Agroalimentar",
        slug: "agro",
        caen: &[
            ("1071", "1071"),
            ("1051", "1051"),
            ("1013", "1013"),
            ("1102", "1102"),
            ("1082", "1082"),
            ("2830", "2830"),
        ],
        stems: &["Lactate", "Panificația", "Carmangeria", "Agro", "Legume-Fructe", "Vinuri", "Morărit", "Ferma"],
        brands: &["Bioagra", "Nutrifarm", "Agrosem", "Fructalia", "Lactomil", "Panibrad", "Agrovital", "Miereva"],
        suffixes: &["Prod", "Farm", "Food", "Impex", "Natura"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare pentru Bioresurse Alimentare – IBA București",
            "Institutul Național de Cercetare-Dezvoltare Agricolă Fundulea",
            "Institutul de Cercetare-Dezvoltare pentru Pomicultură Pitești-Mărăcineni",
        ],
    },
    Profile {
        sector: Sector::Automotive,
        weight: 5,
        phrase: "Automotive",
        slug: "auto",
        caen: &[("2932", "2932"), ("2920", "2920"), ("2931", "2931"), ("2562", "2553")],
        stems: &["Autoparts", "Cablaje", "Piese Auto", "Mecanica Auto"],
        brands: &["Automec", "Motorline", "Cablotec", "Autonova", "Drivetek"],
        suffixes: &["Components", "Systems", "Automotive", "Tech"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare în Mecatronică și Tehnica Măsurării – INCDMTM",
            "Institutul Național de Cercetare-Dezvoltare Turbomotoare – COMOTI",
        ],
    },
    Profile {
        sector: Sector::Aerospace,
        weight: 2,
        phrase: "Aerospațial",
        slug: "aero",
        caen: &[("3030", "3031"), ("3316", "3316"), ("2651", "2651"), ("2562", "2553")],
        stems: &["Aero", "Avia"],
        brands: &["Aerotech", "Avionix", "Skytek", "Aeromec", "Compozit Aero"],
        suffixes: &["Systems", "Engineering", "Aerospace", "Components"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare Aerospațială „Elie Carafoli” – INCAS",
            "Institutul Național de Cercetare-Dezvoltare Turbomotoare – COMOTI",
        ],
    },
    Profile {
        sector: Sector::Health,
        weight: 5,
        phrase: "pentru Sănătate",
        slug: "sanatate",
        caen: &[("2120", "2120"), ("3250", "3250"), ("8622", "8622"), ("7211", "7210")],
        stems: &["Medica", "Farma", "Clinica", "Laborator"],
        brands: &["Biomedica", "Farmavit", "Meditek", "Sanovia", "Genomix", "Dentis"],
        suffixes: &["Clinic", "Lab", "Pharma", "Medical", "Care"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare pentru Științe Biologice",
            "Institutul Național de Cercetare-Dezvoltare Chimico-Farmaceutică – ICCF București",
        ],
    },
    Profile {
        sector: Sector::Construction,
        weight: 5,
        phrase: "de Construcții Durabile",
        slug: "constructii",
        caen: &[("4120", "4100"), ("2361", "2361"), ("7111", "7111"), ("4221", "4221")],
        stems: &["Construcții", "Instalații", "Arhitectura", "Betoane"],
        brands: &["Construct", "Ecobuild", "Terrapro", "Structura", "Casaverde"],
        suffixes: &["Grup", "Proiect", "Build", "Invest"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare în Construcții, Urbanism și Dezvoltare Teritorială Durabilă URBAN-INCERC",
        ],
    },
    Profile {
        sector: Sector::Tourism,
        weight: 5,
        phrase: "de Turism",
        slug: "turism",
        caen: &[("5510", "5510"), ("7911", "7911"), ("7912", "7912"), ("5590", "5590")],
        stems: &["Pensiunea", "Hotel", "Turism", "Agroturism"],
        brands: &["Travelro", "Ecotur", "Montana", "Dacica", "Carpatour"],
        suffixes: &["Travel", "Tours", "Resort", "Experience"],
        research: &["Institutul Național de Cercetare-Dezvoltare în Turism – INCDT"],
    },
    Profile {
        sector: Sector::CreativeIndustries,
        weight: 5,
        phrase: "al Industriilor Creative",
        slug: "creativ",
        caen: &[("5911", "5911"), ("7410", "7412"), ("5821", "5821"), ("5912", "5912")],
        stems: &["Studio", "Atelier", "Editura", "Film"],
        brands: &["Pixelart", "Cinemagic", "Artvision", "Creativo", "Storyline", "Gamecraft"],
        suffixes: &["Studio", "Media", "Productions", "Games", "Design"],
        research: &[
            "Universitatea Națională de Arte din București",
            "Universitatea Națională de Artă Teatrală și Cinematografică „I.L. Caragiale” din București",
        ],
    },
    Profile {
        sector: Sector::Environment,
        weight: 4,
        phrase: "de Mediu și Economie Circulară",
        slug: "mediu",
        caen: &[("3811", "3811"), ("3832", "3821"), ("3900", "3900"), ("7120", "7120")],
        stems: &["Ecologica", "Reciclare", "Salubritate", "Eco"],
        brands: &["Ecorec", "Greencycle", "Envirotech", "Purewater", "Biotera"],
        suffixes: &["Recycling", "Solutions", "Services", "Green"],
        research: &[
            "Institutul Național de Cercetare-Dezvoltare pentru Protecția Mediului – INCDPM",
            "Institutul Național de Cercetare-Dezvoltare Delta Dunării",
        ],
    },
    Profile {
        sector: Sector::Logistics,
        weight: 4,
        phrase: "de Logistică și Transport",
        slug: "logistica",
        caen: &[("4941", "4941"), ("5210", "5210"), ("5229", "5226"), ("5224", "5224")],
        stems: &["Transport", "Logistica", "Expediții", "Depozite"],
        brands: &["Translog", "Cargoline", "Logistar", "Rapidtrans", "Portlog"],
        suffixes: &["Logistics", "Cargo", "Trans", "Forwarding"],
        research: &["Institutul Național de Cercetare-Dezvoltare în Transporturi – INCERTRANS"],
    },
];

fn profile(sector: Sector) -> &'static Profile {
    PROFILES.iter().find(|p| p.sector == sector).expect("every sector the demo uses has a profile")
}

/// The association's own activity, in both revisions (the class kept its number).
const OWN_ACTIVITY: &str = "9412";
/// Higher education, (Rev.2, Rev.3).
const UNIVERSITY_CAEN: (&str, &str) = ("8542", "8540");
/// Research and development in natural sciences and engineering, (Rev.2, Rev.3).
const RESEARCH_CAEN: (&str, &str) = ("7219", "7210");
/// General public administration.
const PUBLIC_CAEN: (&str, &str) = ("8411", "8411");
/// Regulation of economic activity: what the regional development agencies register.
const AGENCY_CAEN: (&str, &str) = ("8413", "8413");

struct Known {
    name: &'static str,
    /// Their web and e-mail domain, before ".ro".
    domain: &'static str,
    county: &'static str,
    city: &'static str,
    sectors: &'static [Sector],
}

const fn known(
    name: &'static str,
    domain: &'static str,
    county: &'static str,
    city: &'static str,
    sectors: &'static [Sector],
) -> Known {
    Known { name, domain, county, city, sectors }
}

use Sector::*;

/// The 42 clusters of the default run, after the fashion of real Romanian clusters (invented names).
#[rustfmt::skip]
const KNOWN: &[Known] = &[
    known("Clusterul Regional Inovativ de Textile TEXNORD Nord-Est", "texnord", "NT", "Piatra Neamț", &[Textiles]),
    known("Clusterul Textil Bucovina Modă", "bucovinamoda", "SV", "Suceava", &[Textiles, CreativeIndustries]),
    known("Clusterul de Textile și Confecții Banat-Crișana – TEXBAC", "texbac", "AR", "Arad", &[Textiles]),
    known("Clusterul de Confecții și Textile Tehnice Buzău – TEXTECH", "textech-buzau", "BZ", "Buzău", &[Textiles]),
    known("Clusterul Modă și Design Transilvania – TRANSMODA", "transmoda", "SB", "Mediaș", &[Textiles, CreativeIndustries]),
    known("Clusterul Regional de Textile Oltenia – OLTEX", "oltex", "MH", "Drobeta-Turnu Severin", &[Textiles]),
    known("Clusterul de Energie Regenerabilă Transilvania – ENERTRANS", "enertrans", "CV", "Sfântu Gheorghe", &[RenewableEnergy, Environment]),
    known("Clusterul Energie Regenerabilă Dobrogea – ENERDOB", "enerdob", "CT", "Constanța", &[RenewableEnergy]),
    known("Clusterul Energie Verde Delta Dunării", "energieverdedelta", "TL", "Tulcea", &[RenewableEnergy, Environment]),
    known("Clusterul Regional de Energie Regenerabilă Oltenia – ECO-OLT", "eco-olt", "DJ", "Craiova", &[RenewableEnergy]),
    known("Clusterul Geotermal și de Energie Regenerabilă Bihor – GEOBIHOR", "geobihor", "BH", "Oradea", &[RenewableEnergy]),
    known("Clusterul Energie Regenerabilă și Eficiență Energetică Moldova – ENERMOLD", "enermold", "VS", "Vaslui", &[RenewableEnergy, Construction]),
    known("Clusterul Tehnologii Informatice Cluj – CLUJTECH", "clujtech", "CJ", "Cluj-Napoca", &[ElectronicsSoftware]),
    known("Clusterul Electronică și Software Banat – BANATSOFT", "banatsoft", "TM", "Timișoara", &[ElectronicsSoftware]),
    known("Clusterul Tehnologii Digitale Iași – IAȘI DIGITAL", "iasidigital", "IS", "Iași", &[ElectronicsSoftware]),
    known("Clusterul Electronică și Software București-Ilfov – BITCLUSTER", "bitcluster", "B", "București", &[ElectronicsSoftware, CreativeIndustries]),
    known("Clusterul Tehnologia Informației Sibiu – SIBIU IT", "sibiu-it", "SB", "Sibiu", &[ElectronicsSoftware]),
    known("Clusterul Electronică și Automatizări Ilfov – ELECTRO-IF", "electro-if", "IF", "Otopeni", &[ElectronicsSoftware, Aerospace]),
    known("Clusterul Tehnologii Digitale Argeș – ARGEȘ DIGITAL", "argesdigital", "AG", "Pitești", &[ElectronicsSoftware]),
    known("Clusterul de Electronică și Software Satu Mare – SATMAR TECH", "satmartech", "SM", "Satu Mare", &[ElectronicsSoftware]),
    known("Clusterul Construcții de Mașini și Mecatronică Brașov – MECATRON", "mecatron-brasov", "BV", "Brașov", &[MachineBuilding, Automotive]),
    known("Clusterul Construcții de Mașini Reșița – MECBANAT", "mecbanat", "CS", "Reșița", &[MachineBuilding]),
    known("Clusterul Industrial de Construcții de Mașini Prahova – MECPRAH", "mecprah", "PH", "Ploiești", &[MachineBuilding]),
    known("Clusterul Naval și de Construcții de Mașini Galați – NAVMEC", "navmec", "GL", "Galați", &[MachineBuilding, Logistics]),
    known("Clusterul de Inginerie și Construcții de Mașini Bistrița – INGMEC", "ingmec", "BN", "Bistrița", &[MachineBuilding]),
    known("Clusterul Lemnului Reghin – PROLEMN", "prolemn-reghin", "MS", "Reghin", &[WoodFurniture]),
    known("Clusterul Lemn și Mobilă Bucovina", "lemnbucovina", "SV", "Rădăuți", &[WoodFurniture]),
    known("Clusterul Mobilei Oltenia de Nord – MOBILVAL", "mobilval", "VL", "Râmnicu Vâlcea", &[WoodFurniture]),
    known("Clusterul Lemn și Mobilă Maramureș – MARAMOB", "maramob", "MM", "Baia Mare", &[WoodFurniture, Tourism]),
    known("Clusterul Lemn și Mobilă Harghita – HARGHITA WOOD", "harghitawood", "HR", "Miercurea Ciuc", &[WoodFurniture]),
    known("Clusterul Agroalimentar Regional Vest – AGROVEST", "agrovest", "TM", "Timișoara", &[Agrofood]),
    known("Clusterul Agroalimentar Bărăgan", "agrobaragan", "IL", "Slobozia", &[Agrofood]),
    known("Clusterul Agroalimentar Dunărea de Jos", "agrodunarea", "BR", "Brăila", &[Agrofood, Logistics]),
    known("Clusterul Vinului și Agroalimentar Vrancea – VINVRANCEA", "vinvrancea", "VN", "Focșani", &[Agrofood, Tourism]),
    known("Clusterul Agroalimentar Moldova – AGROMOLD", "agromold", "BT", "Botoșani", &[Agrofood]),
    known("Clusterul Agroalimentar Inovativ Oltenia – AGRO-OLT", "agro-olt", "OT", "Slatina", &[Agrofood]),
    known("Clusterul Automotive Sud Muntenia – AUTOMUNTENIA", "automuntenia", "AG", "Mioveni", &[Automotive, MachineBuilding]),
    known("Clusterul Aerospațial Bacău – AEROBAC", "aerobac", "BC", "Bacău", &[Aerospace, MachineBuilding]),
    known("Clusterul Inovativ pentru Sănătate Mureș – MEDIMUREȘ", "medimures", "MS", "Târgu Mureș", &[Health]),
    known("Clusterul Construcții Durabile Alba – ECOCONSTRUCT", "ecoconstruct-alba", "AB", "Alba Iulia", &[Construction, Environment]),
    known("Clusterul Turistic Țara Hațegului", "tarahategului", "HD", "Hațeg", &[Tourism, Agrofood]),
    known("Clusterul Industriilor Creative București – CREATIV BUCUREȘTI", "creativbucuresti", "B", "București", &[CreativeIndustries]),
];

const STREETS: &[&str] = &[
    "Str. Mihai Viteazul",
    "Bd. Eroilor",
    "Str. Avram Iancu",
    "Str. Libertății",
    "Bd. Independenței",
    "Str. Unirii",
    "Str. Gheorghe Lazăr",
    "Str. Ștefan cel Mare",
    "Str. Tudor Vladimirescu",
    "Str. Mărășești",
    "Str. Nicolae Bălcescu",
    "Bd. Revoluției",
    "Str. Mihail Kogălniceanu",
    "Str. Alexandru Ioan Cuza",
    "Str. Republicii",
    "Str. Primăverii",
    "Str. Fabricii",
    "Str. Industriilor",
    "Str. Inovației",
    "Str. Politehnicii",
];

pub(crate) const MEN: &[&str] = &[
    "Andrei",
    "Mihai",
    "Ștefan",
    "Răzvan",
    "Bogdan",
    "Cătălin",
    "Ionuț",
    "Alexandru",
    "Adrian",
    "Florin",
    "Dragoș",
    "Radu",
    "Cristian",
    "Sorin",
    "Gheorghe",
    "Vlad",
    "Tudor",
    "Marius",
    "Dănuț",
    "Lucian",
    "Horațiu",
    "Octavian",
];
pub(crate) const WOMEN: &[&str] = &[
    "Ioana",
    "Maria",
    "Elena",
    "Andreea",
    "Gheorghița",
    "Ana-Maria",
    "Mădălina",
    "Cristina",
    "Roxana",
    "Alina",
    "Simona",
    "Raluca",
    "Irina",
    "Oana",
    "Corina",
    "Lăcrămioara",
    "Mihaela",
    "Daniela",
    "Ștefania",
    "Iulia",
];
pub(crate) const SURNAMES: &[&str] = &[
    "Popescu",
    "Ionescu",
    "Mureșan",
    "Țurcanu",
    "Dumitrescu",
    "Stănescu",
    "Constantinescu",
    "Georgescu",
    "Munteanu",
    "Moldovan",
    "Șerban",
    "Rădulescu",
    "Popa",
    "Lungu",
    "Bălan",
    "Ciobanu",
    "Cojocaru",
    "Nistor",
    "Tănase",
    "Zamfir",
    "Mocanu",
    "Crăciun",
    "Diaconu",
    "Ștefănescu",
    "Stoica",
    "Dragomir",
    "Enache",
    "Oprea",
    "Sârbu",
    "Ungureanu",
    "Căpraru",
    "Bîrsan",
    "Pîrvu",
    "Mărgineanu",
    "Neagu",
    "Toma",
    "Voicu",
    "Lazăr",
    "Iordache",
    "Țăranu",
];
/// For the counties with a large Hungarian community (Harghita, Covasna, Mureș).
const HU_MEN: &[&str] = &["Zoltán", "Csaba", "Levente", "Attila", "István", "Gábor"];
const HU_WOMEN: &[&str] = &["Réka", "Enikő", "Katalin", "Ildikó", "Zsófia", "Tünde"];
const HU_SURNAMES: &[&str] = &["Kovács", "Szabó", "Nagy", "Fekete", "Bíró", "Kiss", "Molnár", "Szőcs"];

const ROLES: &[&str] =
    &["Director executiv", "Responsabil comunicare", "Expert proiecte", "Vicepreședinte", "Expert financiar"];
const MOBILE_PREFIXES: &[&str] =
    &["0722", "0723", "0724", "0726", "0728", "0730", "0740", "0744", "0745", "0751", "0752", "0755", "0766", "0770"];
const CONSENT_SOURCES: &[&str] =
    &["formular de adeziune", "formular de adeziune", "e-mail", "conferința anuală CLUSTERO"];
const CLUSTER_NOTES: &[&str] = &[
    "Participă la misiunile de afaceri organizate împreună cu Enterprise Europe Network.",
    "A găzduit o sesiune de instruire pentru managementul clusterelor.",
    "Audit de inovare realizat la nivelul IMM-urilor membre.",
    "Interesat de proiecte de cooperare în cadrul Acordului de la Vukovar.",
    "Partener în evenimente de brokeraj internaționale.",
];

// ---------------------------------------------------------------------------------------------
// The generator.

/// What one cluster's membership looks like, decided up front so that the proportions are exact.
#[derive(Debug, Clone, Default)]
struct Plan {
    status: MembershipStatus,
    label: Option<LabelLevel>,
    /// Owes (part of) a fee of a past year although active.
    owes: bool,
    /// Its current label ends within the dashboard's 90 days.
    expiring: bool,
}

struct Spec {
    name: String,
    domain: String,
    county: &'static County,
    city: &'static str,
    sectors: Vec<Sector>,
}

struct Demo {
    rng: ChaCha8Rng,
    /// The moment the demo is made: its records' stamps.
    at: At,
    today: NaiveDate,
    year: i32,
    /// Every CUI handed out, clusters and organisations together.
    cuis: HashSet<String>,
    /// Universities, institutes and authorities keep one CUI however many clusters they join.
    institutions: HashMap<String, String>,
    /// How often a composed cluster name and a domain have been used, to number repeats.
    names: HashMap<String, u32>,
    domains: HashMap<String, u32>,
    /// Certificates issued per year, for their references.
    certificates: HashMap<i32, u32>,
    /// Draws for what the eligibility checks and the label register's renewals need, apart from
    /// `rng`, so that adding them left the rest of the demo (names, people, fees) as it was.
    profile: ChaCha8Rng,
}

impl Demo {
    fn new(seed: u64, at: At) -> Demo {
        Demo {
            rng: ChaCha8Rng::seed_from_u64(seed),
            today: at.date,
            year: at.date.year(),
            at,
            cuis: HashSet::new(),
            institutions: HashMap::new(),
            names: HashMap::new(),
            domains: HashMap::new(),
            certificates: HashMap::new(),
            profile: ChaCha8Rng::seed_from_u64(seed.wrapping_add(0x0e11_9b1e)),
        }
    }

    /// Statuses and labels in the association's proportions: per 42 clusters 1 has left, 2 are
    /// suspended, 1 holds a gold label, 3 silver, 25 bronze (labels go to active members only) and 4
    /// active ones owe a fee of a past year.
    fn plans(&mut self, n: usize) -> Vec<Plan> {
        let share = |per_42: usize| (n * per_42 + 21) / 42;
        let mut order: Vec<usize> = (0..n).collect();
        order.shuffle(&mut self.rng);
        let mut plans = vec![Plan::default(); n];
        let mut rest = order.into_iter();
        for i in rest.by_ref().take(share(1)) {
            plans[i].status = MembershipStatus::Left;
        }
        for i in rest.by_ref().take(share(2)) {
            plans[i].status = MembershipStatus::Suspended;
        }
        let mut active: Vec<usize> = rest.collect();
        let mut unlabelled = active.iter().copied();
        for (level, count) in
            [(LabelLevel::Gold, share(1)), (LabelLevel::Silver, share(3)), (LabelLevel::Bronze, share(25))]
        {
            for i in unlabelled.by_ref().take(count) {
                plans[i].label = Some(level);
            }
        }
        // Two bronze labels come up for renewal soon, so that the dashboard has something to show.
        let bronze: Vec<usize> =
            active.iter().copied().filter(|&i| plans[i].label == Some(LabelLevel::Bronze)).take(share(2)).collect();
        for i in bronze {
            plans[i].expiring = true;
        }
        active.shuffle(&mut self.rng);
        for &i in active.iter().take(share(4)) {
            plans[i].owes = true;
        }
        plans
    }

    async fn cluster(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        index: usize,
        plan: &Plan,
        orgs_per_cluster: Option<usize>,
        summary: &mut DemoSummary,
    ) -> Result<()> {
        let spec = self.spec(index);
        let founded = self.rng.random_range(2008..=2020);
        // Founders of CLUSTERO (2011) and then those who joined within a few years of their founding.
        let joined = if founded <= 2011 && self.rng.random_bool(0.4) {
            2011
        } else {
            (founded.max(2011) + self.rng.random_range(0..=3)).min(2024).min(self.year)
        };
        let joined_on = self.date_in(joined);
        let (status_since, left_year, note) = match plan.status {
            MembershipStatus::Active => {
                let note = if joined == 2011 {
                    "Membru fondator al Asociației Clusterelor din România – CLUSTERO.".to_string()
                } else if self.rng.random_bool(0.3) {
                    CLUSTER_NOTES.choose(&mut self.rng).copied().unwrap_or_default().to_string()
                } else {
                    String::new()
                };
                (joined_on, None, note)
            }
            MembershipStatus::Suspended => {
                let since = self.days_ago(60, 540).max(joined_on);
                (since, None, "Calitatea de membru suspendată pentru neplata cotizației.".to_string())
            }
            MembershipStatus::Left => {
                let first = (joined + 1).max(2021).min(self.year);
                let last = (self.year - 1).max(first);
                let year = self.rng.random_range(first..=last);
                let since = self.date_in(year).max(joined_on);
                let note = format!(
                    "Retras din asociație la cerere (adresa nr. {}/{}).",
                    self.rng.random_range(11..=240),
                    ymd(since)
                );
                (since, Some(since.year()), note)
            }
        };
        let input = ClusterInput {
            legal_name: format!("Asociația {}", spec.name),
            cui: self.cluster_cui(founded),
            reg_number: format!("{}/{}", self.rng.random_range(1..=240), founded),
            address: self.address(spec.county),
            city: spec.city.to_string(),
            county: spec.county.code.to_string(),
            website: format!("https://www.{}.ro", spec.domain),
            email: format!("office@{}.ro", spec.domain),
            phone: String::new(),
            postal_address: String::new(),
            website_english: self.website_english(plan),
            management_fte: self.management_fte(plan),
            founded_year: Some(i64::from(founded)),
            joined_year: Some(i64::from(joined)),
            status: plan.status,
            status_since: Some(ymd(status_since)),
            caen: self.cluster_caen(&spec.sectors),
            sectors: spec.sectors.clone(),
            notes: note,
            name: spec.name.clone(),
        };
        let id = create_in(tx, &input, &self.at).await?;
        summary.clusters += 1;

        for contact in self.contacts(&spec, joined) {
            save_contact_in(tx, id, None, &contact, &self.at).await?;
            summary.contacts += 1;
        }
        let count = orgs_per_cluster.unwrap_or_else(|| self.rng.random_range(6..=25));
        for organisation in self.organisations(&spec, count) {
            save_organisation_in(tx, id, None, &organisation, &self.at).await?;
            summary.organisations += 1;
        }
        self.fees(tx, id, joined, left_year, plan).await?;
        self.labels(tx, id, founded, plan.label, plan.expiring).await?;
        match plan.label {
            Some(LabelLevel::Gold) => summary.gold += 1,
            Some(LabelLevel::Silver) => summary.silver += 1,
            Some(LabelLevel::Bronze) => summary.bronze += 1,
            None => {}
        }
        Ok(())
    }

    /// The hand-written cluster `index`, or beyond those a composed one with a unique name.
    fn spec(&mut self, index: usize) -> Spec {
        if let Some(k) = KNOWN.get(index) {
            self.names.insert(k.name.to_string(), 1);
            self.domains.insert(k.domain.to_string(), 1);
            return Spec {
                name: k.name.to_string(),
                domain: k.domain.to_string(),
                county: county(k.county),
                city: k.city,
                sectors: k.sectors.to_vec(),
            };
        }
        let main = PROFILES.choose_weighted(&mut self.rng, |p| p.weight).expect("the weights are positive");
        let mut sectors = vec![main.sector];
        if self.rng.random_bool(0.3) {
            let other = PROFILES.choose(&mut self.rng).expect("profiles exist").sector;
            if other != main.sector {
                sectors.push(other);
            }
        }
        let place = CITIES.choose(&mut self.rng).expect("cities exist");
        let kind = ["", "Regional ", "Inovativ "].choose(&mut self.rng).copied().unwrap_or_default();
        let base = format!("Clusterul {kind}{} {}", main.phrase, place.name);
        let used = self.names.entry(base.clone()).or_insert(0);
        *used += 1;
        let name = if *used == 1 { base } else { format!("{base} {used}") };
        let domain_base = format!("cluster-{}-{}", main.slug, slug(place.name));
        let used = self.domains.entry(domain_base.clone()).or_insert(0);
        *used += 1;
        let domain = if *used == 1 { domain_base } else { format!("{domain_base}-{used}") };
        Spec { name, domain, county: county(place.county), city: place.name, sectors }
    }

    /// 2 to 4 classes: the association's own activity and some of its fields. Clusters that have
    /// not yet moved to Rev.3 keep Rev.2 codes, some have moved only their main activity.
    fn cluster_caen(&mut self, sectors: &[Sector]) -> Vec<CaenCode> {
        let style = self.rng.random_range(0..10);
        let (own, fields) = match style {
            0..4 => (CaenRevision::Rev2, CaenRevision::Rev2),
            4..8 => (CaenRevision::Rev3, CaenRevision::Rev3),
            _ => (CaenRevision::Rev3, CaenRevision::Rev2),
        };
        let mut codes = vec![code(own, OWN_ACTIVITY)];
        let mut pool: Vec<(&str, &str)> = sectors.iter().flat_map(|s| profile(*s).caen.iter().copied()).collect();
        pool.shuffle(&mut self.rng);
        let wanted = self.rng.random_range(2..=4);
        for pair in pool {
            if codes.len() >= wanted {
                break;
            }
            let c = code(fields, pick(fields, pair));
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
        codes
    }

    fn contacts(&mut self, spec: &Spec, joined: i32) -> Vec<ContactInput> {
        let count = self.rng.random_range(2..=4);
        let hungarian = matches!(spec.county.code, "HR" | "CV" | "MS");
        let mut roles = vec!["Președinte", "Manager de cluster"];
        let mut others = ROLES.to_vec();
        others.shuffle(&mut self.rng);
        roles.extend(others);
        let mut people: Vec<(String, String)> = Vec::new();
        let mut contacts = Vec::new();
        for role in roles.into_iter().take(count) {
            let (first, last) = loop {
                let woman = self.rng.random_bool(0.5);
                let (firsts, lasts) = match (hungarian && self.rng.random_bool(0.4), woman) {
                    (true, true) => (HU_WOMEN, HU_SURNAMES),
                    (true, false) => (HU_MEN, HU_SURNAMES),
                    (false, true) => (WOMEN, SURNAMES),
                    (false, false) => (MEN, SURNAMES),
                };
                let first = firsts.choose(&mut self.rng).copied().unwrap_or("Ioana");
                let last = lasts.choose(&mut self.rng).copied().unwrap_or("Popescu");
                if !people.iter().any(|(f, l)| f == first || l == last) {
                    break (first.to_string(), last.to_string());
                }
            };
            let local = if self.rng.random_bool(0.85) {
                format!("{}.{}", ascii(&first), ascii(&last))
            } else {
                format!("{}{}", ascii(&first).chars().next().unwrap_or('x'), ascii(&last))
            };
            let phone = if self.rng.random_bool(0.6) { self.mobile() } else { self.landline(spec.county) };
            let consent = self.rng.random_bool(0.85);
            let (consent_date, consent_source) = if consent {
                let from = year_start(joined.max(2018));
                (
                    Some(ymd(self.between(from, self.today))),
                    CONSENT_SOURCES.choose(&mut self.rng).copied().unwrap_or_default(),
                )
            } else {
                (None, "")
            };
            contacts.push(ContactInput {
                name: format!("{first} {last}"),
                role: role.to_string(),
                email: format!("{local}@{}.ro", spec.domain),
                phone,
                consent,
                consent_date,
                consent_source: consent_source.to_string(),
            });
            people.push((first, last));
        }
        contacts
    }

    /// The members: 1 to 3 universities or institutes, often a public authority and the regional
    /// development agency, the rest firms, mostly SMEs.
    fn organisations(&mut self, spec: &Spec, count: usize) -> Vec<OrganisationInput> {
        let research =
            (1 + usize::from(count >= 10) + usize::from(count >= 18 && self.rng.random_bool(0.5))).min(count);
        let authority = count >= 6 && self.rng.random_bool(0.8);
        let agency = count >= 8 && self.rng.random_bool(0.6);
        let mut taken: HashSet<String> = HashSet::new();
        let mut members = Vec::with_capacity(count);

        // The county's university first, then the institutes of the cluster's fields.
        let mut bodies: Vec<&'static str> =
            regional_universities(spec.county).choose(&mut self.rng).copied().into_iter().collect();
        let mut institutes: Vec<&'static str> =
            spec.sectors.iter().flat_map(|s| profile(*s).research.iter().copied()).collect();
        institutes.shuffle(&mut self.rng);
        for institute in institutes {
            if !bodies.contains(&institute) {
                bodies.push(institute);
            }
        }
        for name in bodies.into_iter().take(research) {
            let university = name.starts_with("Universitatea") || name.starts_with("Academia");
            let pair = if university { UNIVERSITY_CAEN } else { RESEARCH_CAEN };
            let employees = if pair == UNIVERSITY_CAEN {
                self.rng.random_range(600..=3500)
            } else {
                self.rng.random_range(40..=600)
            };
            let turnover = employees * self.rng.random_range(90_000..=160_000);
            members.push(self.institution(
                name,
                OrgKind::Research,
                pair,
                Some(employees),
                Some(round_thousands(turnover)),
            ));
            taken.insert(name.to_string());
        }
        if authority {
            let name = if spec.county.code == "B" {
                "Primăria Municipiului București".to_string()
            } else if self.rng.random_bool(0.5) {
                format!("Consiliul Județean {}", spec.county.name)
            } else if is_municipality(spec.city) {
                format!("Primăria Municipiului {}", spec.city)
            } else {
                format!("Primăria Orașului {}", spec.city)
            };
            let employees = self.rng.random_range(90..=650);
            members.push(self.institution(&name, OrgKind::PublicAuthority, PUBLIC_CAEN, Some(employees), None));
            taken.insert(name);
        }
        if agency {
            let name = format!("Agenția pentru Dezvoltare Regională {}", spec.county.region);
            let employees = self.rng.random_range(80..=260);
            members.push(self.institution(&name, OrgKind::Other, AGENCY_CAEN, Some(employees), None));
            taken.insert(name);
        }
        // Firms fill the rest (also when the region has fewer research bodies than planned).
        while members.len() < count {
            let kind = match self.rng.random_range(0..100) {
                0..35 => OrgKind::Micro,
                35..70 => OrgKind::Small,
                70..90 => OrgKind::Medium,
                _ => OrgKind::Large,
            };
            members.push(self.firm(spec, kind, &mut taken));
        }
        members
    }

    fn institution(
        &mut self,
        name: &str,
        kind: OrgKind,
        pair: (&str, &str),
        employees: Option<i64>,
        turnover_ron: Option<i64>,
    ) -> OrganisationInput {
        let cui = match self.institutions.get(name) {
            Some(c) => c.clone(),
            None => {
                // Public bodies registered in the 1990s have short codes.
                let c = self.fresh_cui(100_000, 1_000_000);
                self.institutions.insert(name.to_string(), c.clone());
                c
            }
        };
        let revision = if self.rng.random_bool(0.5) { CaenRevision::Rev3 } else { CaenRevision::Rev2 };
        OrganisationInput {
            name: name.to_string(),
            kind: Some(kind),
            cui,
            caen: Some(code(revision, pick(revision, pair))),
            employees,
            turnover_ron,
            ..Default::default()
        }
    }

    fn firm(&mut self, spec: &Spec, kind: OrgKind, taken: &mut HashSet<String>) -> OrganisationInput {
        let sector = *spec.sectors.choose(&mut self.rng).expect("a cluster has a sector");
        let profile = profile(sector);
        let form = if kind == OrgKind::Large && self.rng.random_bool(0.7) { "SA" } else { "SRL" };
        let mut name = String::new();
        for attempt in 0.. {
            let base = if self.rng.random_bool(0.5) {
                let stem = profile.stems.choose(&mut self.rng).copied().unwrap_or("Prod");
                let place = places(spec.county.region).choose(&mut self.rng).copied().unwrap_or("Carpați");
                format!("{stem} {place}")
            } else {
                let brand = profile.brands.choose(&mut self.rng).copied().unwrap_or("Nova");
                let suffix = profile.suffixes.choose(&mut self.rng).copied().unwrap_or("Grup");
                format!("{brand} {suffix}")
            };
            name = if attempt < 12 { format!("{base} {form}") } else { format!("{base} {} {form}", attempt - 10) };
            if taken.insert(name.clone()) {
                break;
            }
        }
        let employees: i64 = match kind {
            OrgKind::Micro => self.rng.random_range(1..=9),
            OrgKind::Small => self.rng.random_range(10..=49),
            OrgKind::Medium => self.rng.random_range(50..=249),
            _ => self.rng.random_range(250..=3_500),
        };
        // Turnover per employee of Romanian manufacturing and IT firms, so that the turnover stays
        // within the size class (a small firm under EUR 10 million).
        let turnover = employees * self.rng.random_range(110_000..=450_000);
        // Firms registered since the 1990s: codes of 7 and 8 digits.
        let cui = self.fresh_cui(150_000, 4_900_000);
        let revision = if self.rng.random_bool(0.35) { CaenRevision::Rev3 } else { CaenRevision::Rev2 };
        let pair = *profile.caen.choose(&mut self.rng).expect("a profile has classes");
        OrganisationInput {
            name,
            kind: Some(kind),
            cui,
            caen: Some(code(revision, pick(revision, pair))),
            employees: Some(employees),
            turnover_ron: Some(round_thousands(turnover)),
            ..Default::default()
        }
    }

    /// A yearly fee from the joining year (or 2020, when the register starts) to this year, or to
    /// the year a cluster left. Most years are paid, some in two instalments; suspended clusters
    /// and the few planned debtors owe a past year.
    async fn fees(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        id: i64,
        joined: i32,
        left_year: Option<i32>,
        plan: &Plan,
    ) -> Result<()> {
        let first = joined.max(2020);
        let last = left_year.unwrap_or(self.year).min(self.year);
        let base_lei: i64 = 500 * self.rng.random_range(5..=12);
        let raised_from = if self.rng.random_bool(0.4) { 2023 } else { i32::MAX };
        // The past years left unpaid.
        let mut owed: Vec<i32> = Vec::new();
        if plan.status == MembershipStatus::Suspended {
            owed.push(self.year - 1);
            if self.rng.random_bool(0.5) {
                owed.push(self.year - 2);
            }
        } else if plan.owes {
            owed.push(self.year - 1);
        }
        for year in first..=last {
            let lei = if year >= raised_from { base_lei + 500 } else { base_lei };
            let due = lei * 100;
            set_fee_in(tx, id, i64::from(year), due, &self.at).await?;
            let paid = if year == self.year {
                match self.rng.random_range(0..100) {
                    _ if plan.status == MembershipStatus::Suspended => 0,
                    0..55 => due,
                    55..70 => due / 2,
                    _ => 0,
                }
            } else if owed.contains(&year) {
                if plan.status == MembershipStatus::Active && self.rng.random_bool(0.5) { due / 2 } else { 0 }
            } else {
                due
            };
            if paid == 0 {
                continue;
            }
            let end = if year == self.year { self.today } else { year_end(year) };
            let start = year_start(year);
            if paid == due && year < self.year && self.rng.random_bool(0.25) {
                let middle = NaiveDate::from_ymd_opt(year, 6, 30).unwrap_or(start);
                let first_half = paid / 2;
                let dates = [self.between(start, middle), self.between(middle, end)];
                for (n, (date, amount)) in dates.into_iter().zip([first_half, paid - first_half]).enumerate() {
                    let note = format!("OP nr. {} – tranșa {}", self.rng.random_range(100..=999), n + 1);
                    add_payment_in(
                        tx,
                        id,
                        &PaymentInput { year: i64::from(year), paid_on: ymd(date), amount_bani: amount, note },
                        &self.at,
                    )
                    .await?;
                }
            } else {
                let date = self.between(start, end);
                let note = if paid < due {
                    "Plată parțială".to_string()
                } else {
                    format!("OP nr. {}", self.rng.random_range(100..=999))
                };
                add_payment_in(
                    tx,
                    id,
                    &PaymentInput { year: i64::from(year), paid_on: ymd(date), amount_bani: paid, note },
                    &self.at,
                )
                .await?;
            }
        }
        Ok(())
    }

    /// The label valid today (awarded within the last two years, valid two years), with the earlier,
    /// expired labels that led to it; some clusters without a current label have an expired one.
    async fn labels(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        id: i64,
        founded: i32,
        level: Option<LabelLevel>,
        expiring: bool,
    ) -> Result<()> {
        let first_allowed = year_start((founded + 1).max(2013));
        let mut history: Vec<(LabelLevel, NaiveDate)> = Vec::new();
        match level {
            Some(level) => {
                let drawn = self.days_ago(20, 700);
                // Valid two years: awarded 650 to 715 days ago, it ends within the next 90 days.
                let current = if expiring {
                    let back = self.profile.random_range(650..=715);
                    self.today.checked_sub_days(Days::new(back)).unwrap_or(drawn)
                } else {
                    drawn
                };
                let earlier: &[LabelLevel] = match level {
                    LabelLevel::Gold => &[LabelLevel::Silver, LabelLevel::Bronze],
                    LabelLevel::Silver if self.rng.random_bool(0.6) => &[LabelLevel::Bronze],
                    LabelLevel::Bronze if self.rng.random_bool(0.25) => &[LabelLevel::Bronze],
                    _ => &[],
                };
                let mut next = current;
                for previous in earlier {
                    let back = self.rng.random_range(0..=300);
                    let Some(date) =
                        next.checked_sub_months(Months::new(24)).and_then(|d| d.checked_sub_days(Days::new(back)))
                    else {
                        break;
                    };
                    if date < first_allowed {
                        break;
                    }
                    history.push((*previous, date));
                    next = date;
                }
                history.reverse();
                history.push((level, current));
            }
            None if self.rng.random_bool(0.3) => {
                let back = self.rng.random_range(30..=900);
                if let Some(date) =
                    self.today.checked_sub_months(Months::new(24)).and_then(|d| d.checked_sub_days(Days::new(back)))
                    && date >= first_allowed
                {
                    history.push((LabelLevel::Bronze, date));
                }
            }
            None => {}
        }
        for (level, awarded) in history {
            let serial = self.certificates.entry(awarded.year()).or_insert(0);
            *serial += 1;
            let input = LabelInput {
                level: Some(level),
                awarded_on: ymd(awarded),
                valid_until: None,
                certificate_ref: format!("ESCA-RO-{}-{:03}", awarded.year(), serial),
            };
            add_label_in(tx, id, &input, &self.at).await?;
        }
        Ok(())
    }

    /// Labelled clusters keep an English version of their site (the EU platform asks for one);
    /// about half of the others do.
    fn website_english(&mut self, plan: &Plan) -> bool {
        match (plan.label, plan.status) {
            (Some(_), _) => true,
            (None, MembershipStatus::Active) => self.profile.random_bool(0.5),
            (None, _) => self.profile.random_bool(0.2),
        }
    }

    /// The cluster management's staff: one to four people in labelled clusters; in the others
    /// anything from none recorded to two, some below the EU platform's half a post.
    fn management_fte(&mut self, plan: &Plan) -> Option<f64> {
        let choices: &[Option<f64>] = match (plan.label, plan.status) {
            (Some(_), _) => &[Some(1.0), Some(1.5), Some(2.0), Some(2.5), Some(3.0), Some(4.0)],
            (None, MembershipStatus::Active) => &[None, Some(0.25), Some(0.5), Some(1.0), Some(1.5), Some(2.0)],
            (None, _) => &[None, Some(0.25), Some(0.5)],
        };
        choices.choose(&mut self.profile).copied().flatten()
    }

    /// A new valid CUI whose body lies in `low..high`.
    fn fresh_cui(&mut self, low: u32, high: u32) -> String {
        loop {
            let body = self.rng.random_range(low..high).to_string();
            let check = cui::check_digit(&body).expect("a body of digits has a check digit");
            let code = format!("{body}{check}");
            if self.cuis.insert(code.clone()) {
                return code;
            }
        }
    }

    /// Associations get their fiscal code when registered, so the code grows with the founding
    /// year (about 24 million in 2008, 43 million in 2020).
    fn cluster_cui(&mut self, founded: i32) -> String {
        let step = 160_000;
        let low = 2_400_000 + u32::try_from(founded - 2008).unwrap_or(0) * step;
        self.fresh_cui(low, low + step)
    }

    fn address(&mut self, county: &County) -> String {
        let street = STREETS.choose(&mut self.rng).copied().unwrap_or("Str. Unirii");
        let number = self.rng.random_range(1..=180);
        if county.code == "B" {
            format!("{street} nr. {number}, sector {}", self.rng.random_range(1..=6))
        } else {
            format!("{street} nr. {number}")
        }
    }

    /// "0722 123 456"
    fn mobile(&mut self) -> String {
        let prefix = MOBILE_PREFIXES.choose(&mut self.rng).copied().unwrap_or("0722");
        format!("{prefix} {:03} {:03}", self.rng.random_range(0..1000), self.rng.random_range(0..1000))
    }

    /// "+40 268 412 233", or "+40 21 311 2233" in Bucharest and Ilfov.
    fn landline(&mut self, county: &County) -> String {
        if county.area.len() == 2 {
            format!(
                "+40 {} {:03} {:04}",
                county.area,
                self.rng.random_range(200..800),
                self.rng.random_range(0..10_000)
            )
        } else {
            format!("+40 {} {:03} {:03}", county.area, self.rng.random_range(200..800), self.rng.random_range(0..1000))
        }
    }

    /// A day of `year`, not after today.
    fn date_in(&mut self, year: i32) -> NaiveDate {
        let end = if year >= self.year { self.today } else { year_end(year) };
        self.between(year_start(year), end)
    }

    fn days_ago(&mut self, least: u64, most: u64) -> NaiveDate {
        let back = self.rng.random_range(least..=most);
        self.today.checked_sub_days(Days::new(back)).unwrap_or(self.today)
    }

    fn between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        if to <= from {
            return from;
        }
        let span = u64::try_from((to - from).num_days()).unwrap_or(0);
        from.checked_add_days(Days::new(self.rng.random_range(0..=span))).unwrap_or(from)
    }
}

fn code(revision: CaenRevision, code: &str) -> CaenCode {
    debug_assert!(crate::caen::class(revision, code).is_some(), "CAEN {code} {revision:?} is not a class");
    CaenCode { revision, code: code.to_string() }
}

fn pick<'a>(revision: CaenRevision, (rev2, rev3): (&'a str, &'a str)) -> &'a str {
    match revision {
        CaenRevision::Rev2 => rev2,
        CaenRevision::Rev3 => rev3,
    }
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
}

fn year_end(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default()
}

fn round_thousands(value: i64) -> i64 {
    value / 1000 * 1000
}

/// Lower-case ASCII for e-mail addresses: "Ana-Maria" -> "ana-maria", "Enikő" -> "eniko".
fn ascii(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect()
}

/// "Drobeta-Turnu Severin" -> "drobeta-turnu-severin".
fn slug(text: &str) -> String {
    fold(text).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::caen;
    use crate::clusters::{self, ClusterQuery, ClusterRow, LabelFilter};

    async fn fresh() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("demo.sqlite")).await.unwrap();
        (dir, store)
    }

    async fn rows(store: &Store, query: ClusterQuery) -> (i64, Vec<ClusterRow>) {
        let page = clusters::list(store, &ClusterQuery { limit: 1000, ..query }).await.unwrap();
        (page.total, page.rows)
    }

    async fn with_label(store: &Store, label: LabelFilter) -> i64 {
        rows(store, ClusterQuery { labels: vec![label], ..Default::default() }).await.0
    }

    #[test]
    fn every_table_code_is_a_class_of_its_revision() {
        let mut pairs: Vec<(&str, &str)> = PROFILES.iter().flat_map(|p| p.caen.iter().copied()).collect();
        pairs.extend([(OWN_ACTIVITY, OWN_ACTIVITY), UNIVERSITY_CAEN, RESEARCH_CAEN, PUBLIC_CAEN, AGENCY_CAEN]);
        for (rev2, rev3) in pairs {
            assert!(caen::class(CaenRevision::Rev2, rev2).is_some(), "Rev.2 {rev2}");
            assert!(caen::class(CaenRevision::Rev3, rev3).is_some(), "Rev.3 {rev3}");
            assert!(
                rev2 == rev3 || caen::rev3_successors(rev2).iter().any(|c| c.code == rev3),
                "{rev3} does not follow from {rev2}"
            );
        }
        for k in KNOWN {
            assert!(CITIES.iter().any(|c| c.county == k.county && c.name == k.city), "{}", k.city);
        }
        assert_eq!(KNOWN.len(), 42);
        assert_eq!(COUNTIES.len(), 42);
    }

    #[tokio::test]
    async fn default_demo_is_the_association_in_miniature() {
        let (_dir, store) = fresh().await;
        let summary = generate(&store, &DemoOptions::default()).await.unwrap();
        assert_eq!((summary.clusters, summary.gold, summary.silver, summary.bronze), (42, 1, 3, 25));

        assert_eq!(with_label(&store, LabelFilter::Gold).await, 1);
        assert_eq!(with_label(&store, LabelFilter::Silver).await, 3);
        assert_eq!(with_label(&store, LabelFilter::Bronze).await, 25);
        assert_eq!(with_label(&store, LabelFilter::None).await, 13);

        let (total, all) = rows(&store, ClusterQuery::default()).await;
        assert_eq!(total, 42);
        let regions: HashSet<_> = all.iter().map(|r| r.region).collect();
        assert_eq!(regions.len(), 8);
        let sectors: HashSet<_> = all.iter().flat_map(|r| r.sectors.iter().copied()).collect();
        assert!(sectors.len() >= 6, "{sectors:?}");
        let statuses: Vec<_> = all.iter().map(|r| r.status).collect();
        assert_eq!(statuses.iter().filter(|s| **s == MembershipStatus::Suspended).count(), 2);
        assert_eq!(statuses.iter().filter(|s| **s == MembershipStatus::Left).count(), 1);
        let (unpaid, _) = rows(&store, ClusterQuery { unpaid_only: true, ..Default::default() }).await;
        assert!(unpaid >= 3, "{unpaid} clusters owe past fees");

        let (mut gold, mut silver, mut bronze, mut contacts, mut organisations) = (0, 0, 0, 0, 0);
        let mut cuis = HashSet::new();
        let mut diacritics = false;
        let this_year = store.year();
        for row in &all {
            let detail = clusters::get(&store, row.id).await.unwrap();
            match detail.current_label {
                Some(LabelLevel::Gold) => gold += 1,
                Some(LabelLevel::Silver) => silver += 1,
                Some(LabelLevel::Bronze) => bronze += 1,
                None => {}
            }
            assert_eq!(detail.current_label, row.label);
            assert!(cui::is_valid(&detail.record.cui) && cuis.insert(detail.record.cui.clone()));
            assert!((2..=4).contains(&detail.caen.len()), "{:?}", detail.caen);
            let (founded, joined) = (detail.record.founded_year.unwrap(), detail.record.joined_year.unwrap());
            assert!((2008..=2020).contains(&founded) && (2011..=2024).contains(&joined) && joined >= founded);
            assert!((2..=4).contains(&detail.contacts.len()));
            assert!((6..=25).contains(&detail.organisations.len()));
            contacts += detail.contacts.len();
            organisations += detail.organisations.len();
            diacritics |= detail.contacts.iter().any(|c| !c.input.name.is_ascii());
            for c in &detail.contacts {
                assert!(c.input.email.is_ascii() && c.input.email == c.input.email.to_lowercase(), "{}", c.input.email);
                assert_eq!(c.input.consent, c.input.consent_date.is_some());
            }
            for o in &detail.organisations {
                assert!(cui::is_valid(&o.input.cui));
                let employees = o.input.employees.unwrap();
                let fits = match o.input.kind.unwrap() {
                    OrgKind::Micro => employees < 10,
                    OrgKind::Small => (10..50).contains(&employees),
                    OrgKind::Medium => (50..250).contains(&employees),
                    OrgKind::Large => employees >= 250,
                    _ => true,
                };
                assert!(fits, "{o:?}");
            }
            let research = detail.organisations.iter().filter(|o| o.input.kind == Some(OrgKind::Research)).count();
            assert!((1..=3).contains(&research));
            if row.status != MembershipStatus::Left {
                assert_eq!(detail.fees.iter().map(|f| f.year).max(), Some(this_year));
            }
            for label in detail.labels.iter().filter(|l| l.current) {
                let awarded = NaiveDate::parse_from_str(&label.awarded_on, "%Y-%m-%d").unwrap();
                assert!(awarded > store.today().checked_sub_months(Months::new(24)).unwrap());
                assert!(label.certificate_ref.starts_with("ESCA-RO-"));
            }
        }
        assert_eq!((gold, silver, bronze), (1, 3, 25));
        assert_eq!(contacts as i64, summary.contacts);
        assert_eq!(organisations as i64, summary.organisations);
        assert!(diacritics);
    }

    #[tokio::test]
    async fn refused_on_a_database_with_clusters() {
        let (_dir, store) = fresh().await;
        generate(&store, &DemoOptions { clusters: 3, orgs_per_cluster: Some(2), seed: 1 }).await.unwrap();
        let again = generate(&store, &DemoOptions::default()).await;
        assert!(matches!(again, Err(Error::Refused { code: "error.database_exists", .. })), "{again:?}");

        // An archived cluster counts too.
        let (_dir2, other) = fresh().await;
        let input = ClusterInput {
            name: "Clusterul de Probă".into(),
            cui: "18547290".into(),
            county: "BV".into(),
            sectors: vec![Sector::Textiles],
            ..Default::default()
        };
        let id = clusters::create(&other, &input).await.unwrap();
        clusters::archive(&other, id).await.unwrap();
        let refused = generate(&other, &DemoOptions::default()).await;
        assert!(matches!(refused, Err(Error::Refused { code: "error.database_exists", .. })), "{refused:?}");
        assert_eq!(rows(&other, ClusterQuery { archived: true, ..Default::default() }).await.0, 1);
    }

    async fn fingerprint(store: &Store) -> Vec<String> {
        let mut lines: Vec<String> =
            sqlx::query_scalar("SELECT name || ' ' || cui || ' ' || city FROM clusters ORDER BY id")
                .fetch_all(store.pool())
                .await
                .unwrap();
        let members: Vec<String> = sqlx::query_scalar("SELECT name || ' ' || cui FROM organisations ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
        let people: Vec<String> = sqlx::query_scalar("SELECT name || ' ' || email FROM contacts ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
        lines.extend(members);
        lines.extend(people);
        lines
    }

    #[tokio::test]
    async fn the_same_seed_gives_the_same_data() {
        let options = DemoOptions { clusters: 60, ..Default::default() };
        let (_a, first) = fresh().await;
        let (_b, second) = fresh().await;
        let (_c, third) = fresh().await;
        generate(&first, &options).await.unwrap();
        generate(&second, &options).await.unwrap();
        generate(&third, &DemoOptions { seed: 7, ..options.clone() }).await.unwrap();
        let one = fingerprint(&first).await;
        assert_eq!(one, fingerprint(&second).await);
        assert_ne!(one, fingerprint(&third).await);
    }

    #[tokio::test]
    async fn scales_in_the_same_proportions() {
        let (_dir, store) = fresh().await;
        let options = DemoOptions { clusters: 300, orgs_per_cluster: Some(5), ..Default::default() };
        let summary = generate(&store, &options).await.unwrap();
        assert_eq!((summary.clusters, summary.organisations), (300, 1500));
        assert_eq!((summary.gold, summary.silver, summary.bronze), (7, 21, 179));
        assert_eq!(with_label(&store, LabelFilter::Gold).await, 7);
        assert_eq!(with_label(&store, LabelFilter::Silver).await, 21);
        assert_eq!(with_label(&store, LabelFilter::Bronze).await, 179);
        let names: Vec<String> = sqlx::query_scalar("SELECT name FROM clusters").fetch_all(store.pool()).await.unwrap();
        let names: BTreeSet<String> = names.into_iter().collect();
        assert_eq!(names.len(), 300);
    }

    /// `cargo test --release -p clusterdesk-core demo::tests::five_thousand -- --ignored --nocapture`
    #[tokio::test]
    #[ignore = "a timing run, slow in a debug build"]
    async fn five_thousand_clusters() {
        let (_dir, store) = fresh().await;
        let started = std::time::Instant::now();
        let options = DemoOptions { clusters: 5000, orgs_per_cluster: Some(20), ..Default::default() };
        let summary = generate(&store, &options).await.unwrap();
        println!("{summary:?} in {:?}", started.elapsed());
        assert_eq!((summary.clusters, summary.organisations), (5000, 100_000));
    }
}
