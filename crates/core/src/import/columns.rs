//! Which column is which: headers as people write them, in Romanian or English, with or without
//! diacritics, matched to the import's fields. Also which sheet holds what.

use super::model::{MatchedColumn, TableKind};
use crate::text::fold;

/// A header reduced to lower-case letters and digits separated by single spaces:
/// "An înființare (AAAA)" -> "an infiintare aaaa"; "E-mail" -> "e mail".
pub fn key(text: &str) -> String {
    fold(text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

// The headers each field answers to, as [`key`]s; lists that serve several tables once.
const CUI: &[&str] = &[
    "cui",
    "cif",
    "cod fiscal",
    "cod unic de inregistrare",
    "cod de identificare fiscala",
    "vat",
    "vat number",
    "vat no",
    "tax id",
    "fiscal code",
];
// A plain "CAEN" column says no revision: each code is read as the one it exists in (rows::caen_reading).
const CAEN: &[&str] = &["caen", "cod caen", "coduri caen", "nace", "cod caen principal", "activitate caen"];
const CAEN2: &[&str] = &["caen rev 2", "cod caen rev 2", "coduri caen rev 2", "nace rev 2"];
const CAEN3: &[&str] = &["caen rev 3", "cod caen rev 3", "coduri caen rev 3", "nace rev 2 1"];
const ROLE: &[&str] = &["functie", "functia", "functie contact", "rol", "role", "position", "job title"];
const EMAIL: &[&str] = &["email", "e mail", "adresa email", "adresa de email", "mail", "email address"];
const PHONE: &[&str] =
    &["telefon", "tel", "nr telefon", "numar telefon", "mobil", "phone", "telephone", "phone number", "mobile"];
// An organisation's own office e-mail and phone, named as such; a plain "Email" or "Telefon" is
// the organisation's too unless the row names a contact person (see `rows::contact_channel`).
const OFFICE_EMAIL: &[&str] = &[
    "email cluster", "email organizatie", "email birou", "email office", "email firma", "email general",
    "office email", "general email", "organisation email", "organization email", "company email",
];
const OFFICE_PHONE: &[&str] = &[
    "telefon cluster", "telefon organizatie", "telefon birou", "telefon firma", "telefon fix", "telefon general",
    "office phone", "general phone", "organisation phone", "organization phone", "company phone",
];
const CONSENT: &[&str] = &[
    "acord",
    "acord contact",
    "acord de contactare",
    "consimtamant",
    "consimtamant contactare",
    "consent",
    "consent to contact",
];
const CONSENT_DATE: &[&str] =
    &["data acord", "data acordului", "data consimtamant", "data consimtamantului", "consent date", "date of consent"];
const CLUSTER_REF: (&str, &[&str]) = (
    "cluster_cui",
    &["cui cluster", "cif cluster", "cluster cui", "cluster vat", "cluster", "cluster denumire", "cluster name"],
);

#[rustfmt::skip]
const CLUSTER_FIELDS: &[(&str, &[&str])] = &[
    ("name", &["denumire", "denumire cluster", "nume", "nume cluster", "cluster", "name", "cluster name"]),
    ("legal_name", &["denumire juridica", "denumire legala", "entitate juridica", "persoana juridica", "legal name", "legal entity"]),
    ("cui", CUI),
    ("reg_number", &["nr reg com", "nr registrul comertului", "numar registrul comertului", "registrul comertului", "nr inregistrare", "registration number", "trade register number", "trade register"]),
    ("address", &["adresa", "adresa sediu", "sediu", "address"]),
    ("postal_address", &["adresa de corespondenta", "adresa corespondenta", "adresa postala", "adresa pentru corespondenta", "postal address", "correspondence address", "mailing address"]),
    ("city", &["localitate", "oras", "municipiu", "city", "town", "locality"]),
    ("county", &["judet", "judetul", "county"]),
    ("region", &["regiune", "regiunea", "regiune de dezvoltare", "regiunea de dezvoltare", "region", "development region"]),
    ("website", &["site", "site web", "website", "web", "pagina web", "web site", "url"]),
    ("founded_year", &["an infiintare", "anul infiintarii", "an de infiintare", "infiintat", "infiintare", "founded", "year founded", "founding year", "founded in"]),
    ("joined_year", &["an aderare", "anul aderarii", "membru din", "membru clustero din", "aderare", "joined", "year joined", "member since"]),
    ("status", &["status", "stare", "statut", "statut membru", "status membru", "membership status"]),
    ("sectors", &["sector", "sectoare", "sectorul", "domeniu", "domenii", "domeniu de activitate", "domenii de activitate", "sectors", "field", "fields", "industry"]),
    ("caen", CAEN),
    ("caen2", CAEN2),
    ("caen3", CAEN3),
    ("notes", &["observatii", "note", "mentiuni", "notes", "comments", "remarks"]),
    ("contact_name", &["persoana de contact", "persoana contact", "contact", "nume contact", "contact person", "contact name"]),
    ("contact_role", ROLE),
    ("email", EMAIL),
    ("phone", PHONE),
    ("office_email", OFFICE_EMAIL),
    ("office_phone", OFFICE_PHONE),
    ("contact_email", &["email contact", "email persoana de contact", "email persoana contact", "contact email", "contact person email"]),
    ("contact_phone", &["telefon contact", "telefon persoana de contact", "telefon persoana contact", "contact phone", "contact person phone"]),
    ("consent", CONSENT),
    ("consent_date", CONSENT_DATE),
];

#[rustfmt::skip]
const CONTACT_FIELDS: &[(&str, &[&str])] = &[
    CLUSTER_REF,
    ("name", &["nume", "nume si prenume", "nume prenume", "persoana de contact", "persoana", "name", "full name", "contact name"]),
    ("role", ROLE),
    ("email", EMAIL),
    ("phone", PHONE),
    ("consent", CONSENT),
    ("consent_date", CONSENT_DATE),
];

#[rustfmt::skip]
const ORGANISATION_FIELDS: &[(&str, &[&str])] = &[
    CLUSTER_REF,
    ("name", &["denumire", "denumire organizatie", "nume", "organizatie", "membru", "name", "organisation", "organization", "member"]),
    ("kind", &["tip", "tip organizatie", "categorie", "categoria", "tip membru", "dimensiune", "kind", "type", "category", "size"]),
    ("cui", CUI),
    ("caen", CAEN),
    ("caen2", CAEN2),
    ("caen3", CAEN3),
    ("employees", &["angajati", "nr angajati", "numar angajati", "numar de angajati", "salariati", "nr salariati", "employees", "staff", "headcount"]),
    ("turnover_ron", &["cifra de afaceri", "cifra afaceri", "cifra de afaceri ron", "cifra de afaceri lei", "ca", "turnover", "turnover ron"]),
    ("email", EMAIL),
    ("phone", PHONE),
    ("office_email", OFFICE_EMAIL),
    ("office_phone", OFFICE_PHONE),
];

/// What a row of each kind needs; a missing column is said once, above the rows.
pub fn required(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Clusters => &["name", "cui", "county", "sectors"],
        TableKind::Contacts => &["cluster_cui", "name"],
        TableKind::Organisations => &["cluster_cui", "name", "kind"],
    }
}

fn fields(kind: TableKind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        TableKind::Clusters => CLUSTER_FIELDS,
        TableKind::Contacts => CONTACT_FIELDS,
        TableKind::Organisations => ORGANISATION_FIELDS,
    }
}

fn field_of(kind: TableKind, header: &str) -> Option<&'static str> {
    let k = key(header);
    // "An înființare (AAAA)", "Email (opțional)": a bracketed note does not change the meaning.
    let bare = key(header.split('(').next().unwrap_or(""));
    [k, bare].iter().find_map(|k| fields(kind).iter().find(|(_, names)| names.contains(&k.as_str())).map(|(f, _)| *f))
}

/// The spreadsheet letter of a 0-based column: 0 -> A, 26 -> AA.
pub fn letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Each header of the row matched for `kind`; a field matched twice keeps its first column.
pub fn match_headers(kind: TableKind, headers: &[String]) -> Vec<MatchedColumn> {
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let field = field_of(kind, header).filter(|f| !taken.contains(f));
            if let Some(f) = field {
                taken.push(f);
            }
            MatchedColumn { letter: letter(i), header: header.clone(), field: field.map(String::from) }
        })
        .collect()
}

/// The kind a sheet's name says ("Clustere", "Contacte", "Organizații", or in English).
pub fn kind_of_sheet(name: &str) -> Option<TableKind> {
    match key(name).as_str() {
        "clustere" | "clusters" | "cluster" | "membri clustero" => Some(TableKind::Clusters),
        "contacte" | "contacts" | "persoane de contact" | "contact persons" => Some(TableKind::Contacts),
        "organizatii"
        | "organisations"
        | "organizations"
        | "membri"
        | "members"
        | "organizatii membre"
        | "member organisations"
        | "member organizations" => Some(TableKind::Organisations),
        _ => None,
    }
}

/// The kind the headers say, for a CSV or a sheet with another name: a column naming the cluster
/// a row belongs to makes it a list of contacts or (with an organisation's own columns) of
/// member organisations; a name column alone makes it clusters. `None`: nothing recognisable.
pub fn kind_of_headers(headers: &[String]) -> Option<TableKind> {
    let has = |kind, field: &str| headers.iter().any(|h| field_of(kind, h) == Some(field));
    // A list of clusters always has a county; "Cluster" there is the name column.
    if has(TableKind::Contacts, "cluster_cui") && !has(TableKind::Clusters, "county") {
        let org_only = ["kind", "employees", "turnover_ron"];
        if org_only.iter().any(|f| has(TableKind::Organisations, f)) {
            return Some(TableKind::Organisations);
        }
        return Some(TableKind::Contacts);
    }
    (has(TableKind::Clusters, "name") || has(TableKind::Clusters, "cui")).then_some(TableKind::Clusters)
}

/// The header row: the first of the first ten rows in which a column is recognised (exports
/// often start with a title line). Returns its index in the sheet's rows and the kind.
pub fn find_header(rows: &[(usize, Vec<String>)], sheet_kind: Option<TableKind>) -> Option<(usize, TableKind)> {
    rows.iter().take(10).enumerate().find_map(|(i, (_, cells))| match sheet_kind {
        Some(kind) => {
            let required = required(kind);
            cells.iter().any(|h| field_of(kind, h).is_some_and(|f| required.contains(&f))).then_some((i, kind))
        }
        None => kind_of_headers(cells).map(|kind| (i, kind)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields_of(kind: TableKind, headers: &[&str]) -> Vec<Option<String>> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        match_headers(kind, &headers).into_iter().map(|c| c.field).collect()
    }

    #[test]
    fn romanian_and_english_headers_with_or_without_diacritics() {
        let got = fields_of(
            TableKind::Clusters,
            &[
                "Denumire",
                "Cod fiscal",
                "Judet",
                "Regiune",
                "Domeniu",
                "E-mail",
                "Telefon",
                "Site web",
                "An înființare (AAAA)",
                "Altceva",
            ],
        );
        let want = ["name", "cui", "county", "region", "sectors", "email", "phone", "website", "founded_year"];
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.as_deref(), Some(w));
        }
        assert_eq!(got[9], None);
        let got = fields_of(
            TableKind::Clusters,
            &["Name", "VAT", "County", "Region", "Sector", "Phone", "Website", "Founded"],
        );
        assert!(got.iter().all(Option::is_some), "{got:?}");
        assert_eq!(fields_of(TableKind::Clusters, &["Județ", "JUDEȚUL"])[0].as_deref(), Some("county"));
        // The second "Județ" is left unused rather than overwriting the first.
        assert_eq!(fields_of(TableKind::Clusters, &["Județ", "JUDEȚUL"])[1], None);
    }

    #[test]
    fn kinds_from_sheet_names_and_headers() {
        assert_eq!(kind_of_sheet("Organizații"), Some(TableKind::Organisations));
        assert_eq!(kind_of_sheet("CONTACTE"), Some(TableKind::Contacts));
        let h = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(kind_of_headers(&h(&["CUI cluster", "Nume", "Email"])), Some(TableKind::Contacts));
        assert_eq!(kind_of_headers(&h(&["CUI cluster", "Denumire", "Tip"])), Some(TableKind::Organisations));
        assert_eq!(kind_of_headers(&h(&["Denumire", "CUI", "Județ"])), Some(TableKind::Clusters));
        assert_eq!(kind_of_headers(&h(&["foo", "bar"])), None);
    }

    #[test]
    fn letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }
}
