//! Cell values as people write them, turned into the app's values: counties and regions by code
//! or name, sectors and organisation kinds in Romanian or English (the labels of the catalogues,
//! so a label renamed there is recognised here), phone numbers in the national format, years
//! typed as numbers. An unknown value is a problem with its message code, never a blank.

use crate::clusters::{MembershipStatus, OrgKind, Sector};
use crate::error::FieldError;
use crate::geo::{County, Region};
use crate::i18n::{Lang, t};

use super::columns::key;

/// A value compared ignoring case, diacritics, spaces, punctuation and the words "și"/"and":
/// "Caraș-Severin" == "caras severin"; "Wood & furniture" == "Wood and furniture".
fn compact(text: &str) -> String {
    key(text).split(' ').filter(|w| !matches!(*w, "si" | "and")).collect()
}

fn unknown(code: &str, value: &str) -> FieldError {
    FieldError::new("", code).with("value", value)
}

/// The names a code-list value answers to: its code, and its label in both languages, whole and
/// split on "/", "&", " și " and " and " ("Lemn și mobilă" is also "lemn" and "mobilă").
fn names(prefix: &str, code: &str, extra: &[&str]) -> Vec<String> {
    let mut out = vec![compact(code)];
    for lang in [Lang::Ro, Lang::En] {
        let label = t(lang, &format!("{prefix}.{code}"), &[]);
        out.push(compact(&label));
        for part in label.split(['/', ',', '&']).flat_map(|p| p.split(" și ")).flat_map(|p| p.split(" and ")) {
            out.push(compact(part));
        }
    }
    out.extend(extra.iter().map(|e| compact(e)));
    out.retain(|n| !n.is_empty());
    out
}

pub fn county(value: &str, counties: &[County]) -> Result<String, FieldError> {
    let mut wanted = compact(value);
    // "Jud. Brașov", "Județul Brașov", "Municipiul București", "Sector 3, București".
    for prefix in ["judetul", "judet", "jud", "municipiul", "mun"] {
        if let Some(rest) = wanted.strip_prefix(prefix).filter(|r| r.len() > 2) {
            wanted = rest.to_string();
            break;
        }
    }
    if wanted.starts_with("sector") || wanted == "bucharest" {
        wanted = "bucuresti".into();
    }
    counties
        .iter()
        .find(|c| compact(&c.code) == wanted || compact(&c.name) == wanted)
        .map(|c| c.code.clone())
        .ok_or_else(|| unknown("import_county_unknown", value))
}

/// The value of a code list whose code, label or synonym is `wanted` (already [`compact`]ed).
fn find<T: Copy>(
    all: &[T],
    prefix: &str,
    code: fn(T) -> &'static str,
    synonyms: fn(T) -> &'static [&'static str],
    wanted: &str,
) -> Option<T> {
    all.iter().copied().find(|v| names(prefix, code(*v), synonyms(*v)).iter().any(|n| n == wanted))
}

pub fn region(value: &str) -> Result<Region, FieldError> {
    find(&Region::ALL, "region", Region::code, |_| &[], &compact(value))
        .ok_or_else(|| unknown("import_region_unknown", value))
}

/// Synonyms staff use that are not labels of the list.
fn sector_synonyms(sector: Sector) -> &'static [&'static str] {
    match sector {
        Sector::ElectronicsSoftware => {
            &["IT", "IT&C", "ITC", "TIC", "ICT", "IT și C", "Tehnologia informației", "Electronics and IT"]
        }
        Sector::RenewableEnergy => &["Energie", "Energie verde", "Energy", "Green energy", "Regenerabile"],
        Sector::Agrofood => &["Agricultură", "Agro", "Alimentar", "Agroalimentară", "Agri-food", "Food"],
        Sector::Textiles => &["Textil", "Textile și confecții", "Confecții", "Textile and clothing"],
        Sector::WoodFurniture => &["Mobilier", "Wood", "Furniture"],
        Sector::Automotive => &["Automotive", "Industria auto"],
        Sector::Aerospace => &["Aerospațial", "Aeronautics"],
        Sector::Health => &["Medical", "Sănătate și medicină"],
        Sector::Environment => &["Protecția mediului"],
        Sector::CreativeIndustries => &["Creative"],
        _ => &[],
    }
}

/// One or more sectors, separated by commas, semicolons, "|", "/" or "+".
pub fn sectors(value: &str) -> Result<Vec<Sector>, FieldError> {
    let find = |wanted: &str| find(Sector::ALL, "sector", Sector::code, sector_synonyms, wanted);
    let whole = compact(value);
    // A whole label first: "Lemn și mobilă" is one sector, not two.
    if let Some(sector) = find(&whole) {
        return Ok(vec![sector]);
    }
    value
        .split([',', ';', '|', '/', '+', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| find(&compact(part)).ok_or_else(|| unknown("import_sector_unknown", part)))
        .collect()
}

fn kind_synonyms(kind: OrgKind) -> &'static [&'static str] {
    match kind {
        OrgKind::Micro => &["Micro", "Microîntreprindere", "Micro-întreprindere", "Micro enterprise"],
        OrgKind::Small => &["Mică", "Mic", "Small enterprise", "Small company"],
        OrgKind::Medium => &["Mijlocie", "Mediu", "Medium enterprise", "Medium company"],
        OrgKind::Large => &["Mare", "Întreprindere mare", "Large enterprise"],
        OrgKind::Research => &["Universitate", "Institut de cercetare", "CD", "C-D", "R&D", "University"],
        OrgKind::PublicAuthority => &["Autoritate", "Administrație publică", "Primărie", "Consiliu județean", "Public"],
        OrgKind::Other => &["Altele", "Altul", "Catalizator", "ONG", "Asociație", "NGO", "Other"],
    }
}

pub fn org_kind(value: &str) -> Result<OrgKind, FieldError> {
    find(OrgKind::ALL, "org_kind", OrgKind::code, kind_synonyms, &compact(value))
        .ok_or_else(|| unknown("import_kind_unknown", value))
}

fn status_synonyms(status: MembershipStatus) -> &'static [&'static str] {
    match status {
        MembershipStatus::Active => &["Activ", "Activă", "Membru activ", "Da"],
        MembershipStatus::Suspended => &["Suspendat", "Suspendată"],
        MembershipStatus::Left => &["Retras", "Retrasă", "Ieșit", "Fost membru", "Former"],
    }
}

pub fn status(value: &str) -> Result<MembershipStatus, FieldError> {
    find(MembershipStatus::ALL, "status", MembershipStatus::code, status_synonyms, &compact(value))
        .ok_or_else(|| unknown("import_status_unknown", value))
}

/// A whole number as a spreadsheet or a person writes it: "2011", "2011.0", "1.250" (thousands
/// with dots or spaces, as in Romania), "1,250".
pub fn integer(value: &str) -> Result<i64, FieldError> {
    let bad = || unknown("import_number_format", value);
    let v = value.trim();
    let v = v.strip_suffix(".0").or_else(|| v.strip_suffix(",0")).unwrap_or(v);
    let digits: String = v.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | ',')).collect();
    let grouped_ok = v
        .split(['.', ',', ' ', '\u{a0}'])
        .skip(1)
        .all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    if digits.is_empty() || !grouped_ok {
        return Err(bad());
    }
    let (sign, body) = match digits.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, digits.as_str()),
    };
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    body.parse::<i64>().map(|n| sign * n).map_err(|_| bad())
}

/// Yes or no: "da", "x", "1", "yes", "true"; "nu", "0", "no", "false" or empty.
pub fn yes_no(value: &str) -> Result<bool, FieldError> {
    match compact(value).as_str() {
        "da" | "x" | "1" | "yes" | "y" | "true" | "adevarat" => Ok(true),
        "" | "nu" | "0" | "no" | "n" | "false" | "fals" => Ok(false),
        _ => Err(unknown("import_yes_no", value)),
    }
}

/// A date as ISO text, from "2024-03-15", "15.03.2024" or "15/03/2024"; anything else is kept as
/// typed for the form's own date check to refuse.
pub fn date(value: &str) -> String {
    let v = value.trim();
    for format in ["%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(v, format) {
            return d.format("%Y-%m-%d").to_string();
        }
    }
    v.to_string()
}

/// Romanian numbers in one national form: "+40 722 123 456", "0040722123456" and "0722.123.456"
/// become "0722 123 456"; landlines "021 311 2233" (Bucharest) or "0268 412 233". A number that is
/// not Romanian, or not a whole one, is kept as typed (tidied) for the form's check to judge.
pub fn phone(value: &str) -> String {
    let typed = crate::text::tidy(value);
    if !typed.chars().all(|c| c.is_ascii_digit() || " +-()./".contains(c)) {
        return typed;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let national = if typed.starts_with("+40") {
        format!("0{}", &digits[2..])
    } else if let Some(rest) = digits.strip_prefix("0040").filter(|_| !typed.starts_with('+')) {
        format!("0{rest}")
    } else if typed.starts_with('+') {
        return typed;
    } else {
        digits
    };
    // "+40 (0) 722…" carries the trunk zero twice.
    let national = match national.strip_prefix("00") {
        Some(rest) if rest.len() == 9 => format!("0{rest}"),
        _ => national,
    };
    if national.len() != 10 || !national.starts_with('0') {
        return typed;
    }
    // Bucharest's area codes have two digits, the others three (and mobiles 7xx).
    let (area, rest) =
        national.split_at(if national.starts_with("021") || national.starts_with("031") { 3 } else { 4 });
    format!("{area} {} {}", &rest[..3], &rest[3..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counties() -> Vec<County> {
        [
            ("BV", "Brașov", Region::Centru),
            ("CS", "Caraș-Severin", Region::Vest),
            ("B", "București", Region::BucurestiIlfov),
        ]
        .into_iter()
        .map(|(code, name, region)| County { code: code.into(), name: name.into(), region })
        .collect()
    }

    #[test]
    fn counties_by_code_or_name_in_any_spelling() {
        let c = counties();
        for typed in ["BV", "bv", "Brașov", "BRASOV", "Braşov", "Jud. Brașov", "Județul Brașov"] {
            assert_eq!(county(typed, &c).as_deref(), Ok("BV"), "{typed}");
        }
        assert_eq!(county("caras severin", &c).as_deref(), Ok("CS"));
        assert_eq!(county("Municipiul București", &c).as_deref(), Ok("B"));
        assert_eq!(county("Bucharest", &c).as_deref(), Ok("B"));
        let e = county("Transilvania", &c).unwrap_err();
        assert_eq!((e.code.as_str(), e.params["value"].as_str()), ("import_county_unknown", "Transilvania"));
    }

    #[test]
    fn sectors_and_regions_in_both_languages() {
        assert_eq!(sectors("Textile"), Ok(vec![Sector::Textiles]));
        assert_eq!(sectors("Lemn și mobilă"), Ok(vec![Sector::WoodFurniture]));
        assert_eq!(sectors("energie regenerabila; IT"), Ok(vec![Sector::RenewableEnergy, Sector::ElectronicsSoftware]));
        assert_eq!(
            sectors("Renewable energy, Wood and furniture"),
            Ok(vec![Sector::RenewableEnergy, Sector::WoodFurniture])
        );
        assert_eq!(sectors("CONSTRUCȚII DE MAȘINI"), Ok(vec![Sector::MachineBuilding]));
        assert_eq!(sectors("Textile, Astrologie").unwrap_err().params["value"], "Astrologie");
        assert_eq!(region("Centru"), Ok(Region::Centru));
        assert_eq!(region("sud-vest oltenia"), Ok(Region::SudVestOltenia));
        assert_eq!(region("Bucuresti Ilfov"), Ok(Region::BucurestiIlfov));
        assert!(region("Moldova").is_err());
    }

    #[test]
    fn kinds_statuses_numbers() {
        assert_eq!(org_kind("Microîntreprindere"), Ok(OrgKind::Micro));
        assert_eq!(org_kind("universitate"), Ok(OrgKind::Research));
        assert_eq!(org_kind("Large company"), Ok(OrgKind::Large));
        assert!(org_kind("foarte mare").is_err());
        assert_eq!(status("Activ"), Ok(MembershipStatus::Active));
        assert_eq!(status("suspended"), Ok(MembershipStatus::Suspended));
        assert_eq!(integer("2011"), Ok(2011));
        assert_eq!(integer("2011.0"), Ok(2011));
        assert_eq!(integer("1.250.000"), Ok(1_250_000));
        assert_eq!(integer("1 250"), Ok(1250));
        assert!(integer("12,5").is_err());
        assert!(integer("două mii").is_err());
        assert!(integer("-").is_err());
    }

    #[test]
    fn phones_in_the_national_form() {
        for typed in
            ["+40 722 123 456", "0040722123456", "0722.123.456", "0722-123-456", "+40 (0) 722 123 456", "0722123456"]
        {
            assert_eq!(phone(typed), "0722 123 456", "{typed}");
        }
        assert_eq!(phone("021/311.22.33"), "021 311 2233");
        assert_eq!(phone("+40 21 311 22 33"), "021 311 2233");
        assert_eq!(phone("(0268) 41 22 33"), "0268 412 233");
        assert_eq!(phone("+33 1 23 45 67 89"), "+33 1 23 45 67 89");
        assert_eq!(phone("12345"), "12345");
    }

    #[test]
    fn dates_as_written() {
        assert_eq!(date("15.03.2024"), "2024-03-15");
        assert_eq!(date("2024-03-15"), "2024-03-15");
        assert_eq!(date("ieri"), "ieri");
    }
}
