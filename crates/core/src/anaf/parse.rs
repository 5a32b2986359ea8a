//! ANAF's answer (PlatitorTvaRest v9) read into [`Company`]: the letters made right (ANAF sends
//! the cedilla ş ţ; we store the comma-below ș ț), the county matched to ours, the CAEN code given
//! its revision, the states read from their dates.

use serde::Deserialize;

use super::{AnafError, Company};
use crate::caen::{self, CaenRevision};
use crate::clusters::CaenCode;
use crate::geo::County;
use crate::text::{comma_below, fold, tidy};

#[derive(Deserialize)]
struct Response {
    found: Vec<Found>,
    #[serde(rename = "notFound")]
    not_found: Vec<serde_json::Value>,
}

#[derive(Deserialize)]
struct Found {
    date_generale: General,
    #[serde(default)]
    #[serde(rename = "inregistrare_scop_Tva")]
    vat: Option<Vat>,
    #[serde(default)]
    stare_inactiv: Option<Inactive>,
    #[serde(default)]
    adresa_sediu_social: Option<Seat>,
}

#[derive(Deserialize)]
struct General {
    cui: u64,
    #[serde(default)]
    data: String,
    #[serde(default)]
    denumire: String,
    #[serde(default)]
    adresa: String,
    #[serde(default, rename = "nrRegCom")]
    nr_reg_com: String,
    #[serde(default)]
    stare_inregistrare: String,
    #[serde(default, rename = "cod_CAEN")]
    cod_caen: String,
    #[serde(default)]
    forma_juridica: String,
    #[serde(default, rename = "codPostal")]
    cod_postal: String,
}

#[derive(Deserialize)]
struct Vat {
    #[serde(default, rename = "scpTVA")]
    scp_tva: bool,
}

#[derive(Deserialize)]
struct Inactive {
    #[serde(default, rename = "statusInactivi")]
    status_inactivi: bool,
    #[serde(default, rename = "dataRadiere")]
    data_radiere: Option<String>,
}

#[derive(Deserialize)]
#[allow(non_snake_case)] // ANAF's own field names
struct Seat {
    #[serde(default)]
    sdenumire_Strada: String,
    #[serde(default)]
    snumar_Strada: String,
    #[serde(default)]
    sdenumire_Localitate: String,
    #[serde(default)]
    sdenumire_Judet: String,
    #[serde(default)]
    scod_JudetAuto: String,
    #[serde(default)]
    sdetalii_Adresa: String,
    #[serde(default)]
    scod_Postal: String,
}

/// Reads a whole answer: every CUI found, and the CUIs ANAF does not know (found = false). Any
/// other shape is refused as a whole, so that a malformed answer changes nothing.
pub fn read(body: &[u8], date: &str, counties: &[County]) -> Result<Vec<Company>, AnafError> {
    let response: Response =
        serde_json::from_slice(body).map_err(|e| AnafError::Malformed(e.to_string().chars().take(200).collect()))?;
    let mut out = Vec::with_capacity(response.found.len() + response.not_found.len());
    for found in response.found {
        out.push(company(found, date, counties));
    }
    for value in response.not_found {
        // ANAF lists unknown CUIs as numbers (older versions as strings).
        let cui = match &value {
            serde_json::Value::Number(n) => n.as_u64().map(|n| n.to_string()),
            serde_json::Value::String(s) => s.trim().parse::<u64>().ok().map(|n| n.to_string()),
            _ => None,
        }
        .ok_or_else(|| AnafError::Malformed(format!("notFound: {value}")))?;
        out.push(Company::unknown(cui, date));
    }
    Ok(out)
}

fn text(value: &str) -> String {
    tidy(&comma_below(value))
}

fn company(found: Found, date: &str, counties: &[County]) -> Company {
    let general = found.date_generale;
    let seat = found.adresa_sediu_social;
    let (street, city, county, postal) = match &seat {
        Some(s) => {
            let mut street = text(&s.sdenumire_Strada);
            let number = text(&s.snumar_Strada);
            if !number.is_empty() {
                street = format!("{street} nr. {number}");
            }
            let details = text(&s.sdetalii_Adresa);
            if !details.is_empty() {
                street = if street.is_empty() { details } else { format!("{street}, {details}") };
            }
            (
                street,
                city_name(&s.sdenumire_Localitate),
                county(&s.scod_JudetAuto, &s.sdenumire_Judet, counties),
                text(&s.scod_Postal),
            )
        }
        None => (String::new(), String::new(), None, String::new()),
    };
    let state = text(&general.stare_inregistrare);
    let inactive = found.stare_inactiv.as_ref();
    let struck_off = inactive.and_then(|i| i.data_radiere.as_deref()).is_some_and(|d| !d.trim().is_empty())
        || fold(&state).contains("radiere");
    Company {
        cui: general.cui.to_string(),
        found: true,
        answer_date: if general.data.trim().is_empty() { date.to_string() } else { general.data.trim().to_string() },
        name: text(&general.denumire),
        legal_form: text(&general.forma_juridica),
        address: text(&general.adresa),
        street,
        city,
        county,
        postal_code: if postal.is_empty() { text(&general.cod_postal) } else { postal },
        reg_number: text(&general.nr_reg_com),
        caen: caen_code(&general.cod_caen),
        vat: found.vat.is_some_and(|v| v.scp_tva),
        inactive: inactive.is_some_and(|i| i.status_inactivi),
        struck_off,
        registration_state: state,
    }
}

/// "Mun. Brașov", "Oraș Victoria", "Municipiul București Sector 1": the place's own name.
fn city_name(value: &str) -> String {
    let city = text(value);
    for prefix in [
        "Municipiul ",
        "Mun. ",
        "Oraș ",
        "Orașul ",
        "Or. ",
        "Comuna ",
        "Com. ",
        "Sat ",
        "MUNICIPIUL ",
        "MUN. ",
        "ORAȘ ",
    ] {
        if let Some(rest) = city.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    city
}

/// Our county: by the car-plate code ANAF sends ("BV", "B"), else by its name in any spelling.
fn county(code: &str, name: &str, counties: &[County]) -> Option<String> {
    let code = code.trim().to_uppercase();
    if let Some(c) = counties.iter().find(|c| c.code == code) {
        return Some(c.code.clone());
    }
    let name = fold(&text(name));
    let name = name.strip_prefix("municipiul ").unwrap_or(&name);
    counties.iter().find(|c| fold(&c.name) == name).map(|c| c.code.clone())
}

/// ANAF sends the four digits without the revision. Since 2025 the registries keep Rev.3 codes, so
/// a code that exists in Rev.3 is read as Rev.3; one that exists only in Rev.2 (not yet converted)
/// as Rev.2; an unknown code is left out.
fn caen_code(value: &str) -> Option<CaenCode> {
    let code = caen::normalize_code(value)?;
    [CaenRevision::Rev3, CaenRevision::Rev2]
        .into_iter()
        .find(|rev| caen::class(*rev, &code).is_some())
        .map(|revision| CaenCode { revision, code })
}
