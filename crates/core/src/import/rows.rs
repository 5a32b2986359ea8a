//! Row by row through the app's own writes, in one transaction (see the module's documentation).

use std::collections::HashMap;

use sqlx::{Acquire, Sqlite, Transaction};

use super::members::{Lookup, Members};
use super::progress::{Control, Tracker};
use super::columns::{self, find_header, kind_of_sheet, match_headers};
use super::model::*;
use super::read::{self, Sheet};
use super::values;
use crate::audit::{self, AuditAction};
use crate::caen::{self, CaenRevision};
use crate::clusters::{self, CaenCode, ClusterInput, ContactInput, OrgKind, OrganisationInput};
use crate::error::FieldError;
use crate::geo::{self, County};
use crate::clock::At;
use crate::store::Store;
use crate::text::{fold, tidy};
use crate::{Error, Result, cui};

struct Table {
    kind: TableKind,
    sheet: String,
    header_row: usize,
    columns: Vec<MatchedColumn>,
    rows: Vec<(usize, Vec<String>)>,
}

/// One data row with its table's columns.
struct Row<'a> {
    columns: &'a [MatchedColumn],
    cells: &'a [String],
}

impl Row<'_> {
    /// The cell of `field`, if the file has such a column (empty when the cell is).
    fn get(&self, field: &str) -> Option<&str> {
        let index = self.columns.iter().position(|c| c.field.as_deref() == Some(field))?;
        Some(self.cells.get(index).map_or("", String::as_str))
    }

    /// The non-empty cell of `field`.
    fn filled(&self, field: &str) -> Option<&str> {
        self.get(field).filter(|v| !v.is_empty())
    }

    fn text(&self, field: &str) -> String {
        self.get(field).unwrap_or("").to_string()
    }
}

fn header_of(columns: &[MatchedColumn], field: &str) -> String {
    columns.iter().find(|c| c.field.as_deref() == Some(field)).map_or_else(String::new, |c| c.header.clone())
}

fn problem(columns: &[MatchedColumn], field: &str, error: FieldError) -> RowProblem {
    // The write's CAEN problems name "caen"; the file may have only the Rev.3 column.
    // The write names "caen" whichever revision's column the code came from; a contact's e-mail
    // on a cluster row may stand in the plain "Email" column, an organisation's in "Email birou".
    let alternatives: &[&str] = match field {
        "caen" => &["caen2", "caen3"],
        "contact_email" => &["email"],
        "contact_phone" => &["phone"],
        "email" => &["office_email"],
        "phone" => &["office_phone"],
        _ => &[],
    };
    let column = std::iter::once(field)
        .chain(alternatives.iter().copied())
        .map(|f| header_of(columns, f))
        .find(|h| !h.is_empty())
        .unwrap_or_default();
    RowProblem { column, field: field.to_string(), code: format!("error.{}", error.code), params: error.params }
}

/// What one row writes; applied in a savepoint so that a refused row leaves no trace.
enum Write {
    Cluster { update: Option<i64>, input: Box<ClusterInput>, contact: Option<(Option<i64>, ContactInput)> },
    Contact { cluster: i64, id: Option<i64>, input: ContactInput },
}

/// The contact on a cluster row answers to the cluster row's column names.
fn contact_field(field: &str) -> &str {
    match field {
        "name" => "contact_name",
        "role" => "contact_role",
        "email" => "contact_email",
        "phone" => "contact_phone",
        other => other,
    }
}

async fn apply(tx: &mut Transaction<'_, Sqlite>, write: &Write, at: &At) -> Result<i64> {
    match write {
        Write::Cluster { update, input, contact } => {
            let id = match update {
                Some(id) => {
                    clusters::update_in(tx, *id, input, at).await?;
                    *id
                }
                None => clusters::create_in(tx, input, at).await?,
            };
            if let Some((existing, contact)) = contact {
                clusters::save_contact_in(tx, id, *existing, contact, at).await.map_err(|e| match e {
                    Error::Invalid(fields) => Error::Invalid(
                        fields
                            .into_iter()
                            .map(|f| FieldError { field: contact_field(&f.field).to_string(), ..f })
                            .collect(),
                    ),
                    other => other,
                })?;
            }
            Ok(id)
        }
        Write::Contact { cluster, id, input } => clusters::save_contact_in(tx, *cluster, *id, input, at).await,
    }
}

/// Runs one row's write in a savepoint, kept when `keep` and the write succeeds: `Ok(Err(fields))`
/// when the app's validation refuses it, `Err` for anything else (the whole import stops).
async fn attempt(tx: &mut Transaction<'_, Sqlite>, write: &Write, keep: bool, at: &At) -> Result<Result<i64, Vec<FieldError>>> {
    let mut savepoint = tx.begin().await?;
    match apply(&mut savepoint, write, &at).await {
        Ok(id) => {
            if keep {
                savepoint.commit().await?;
            } else {
                savepoint.rollback().await?;
            }
            Ok(Ok(id))
        }
        Err(Error::Invalid(fields)) => {
            savepoint.rollback().await?;
            Ok(Err(fields))
        }
        Err(e) => Err(e),
    }
}

/// Runs the row's write (when it has one) and reports the row. A row already refused for its
/// values is still checked by the write, rolled back, so that every reason is listed at once;
/// what the write finds in a field already refused is not said twice. Returns the id written.
async fn finish(
    tx: &mut Transaction<'_, Sqlite>,
    mut report: RowReport,
    columns: &[MatchedColumn],
    write: Option<&Write>,
    at: &At,
) -> Result<(RowReport, Option<i64>)> {
    let keep = report.problems.is_empty();
    if let Some(write) = write {
        match attempt(tx, write, keep, at).await? {
            Ok(id) if keep => return Ok((report, Some(id))),
            Ok(_) => {}
            Err(fields) => add_problems(&mut report, columns, fields),
        }
    }
    report.action = RowAction::Refused;
    Ok((report, None))
}

/// Adds what the write refused in fields not already refused for their values.
fn add_problems(report: &mut RowReport, columns: &[MatchedColumn], fields: Vec<FieldError>) {
    for f in fields {
        if !report.problems.iter().any(|p| p.field == f.field) {
            report.problems.push(problem(columns, &f.field.clone(), f));
        }
    }
}

/// The contact of `cluster` the cells describe (same name, or same email), as it is now.
async fn same_contact(
    tx: &mut Transaction<'_, Sqlite>,
    cluster: i64,
    cells: &ContactCells,
) -> Result<Option<(i64, ContactInput)>> {
    type Stored = (i64, String, String, String, String, bool, Option<String>, String);
    let rows: Vec<Stored> = sqlx::query_as(
        "SELECT id, name, role, email, phone, consent, consent_date, consent_source FROM contacts \
         WHERE cluster_id = ? ORDER BY id",
    )
    .bind(cluster)
    .fetch_all(&mut **tx)
    .await?;
    let name = cells.name.as_deref().map(|n| fold(&tidy(n)));
    let email = cells.email.as_deref().unwrap_or("");
    Ok(rows
        .into_iter()
        .find(|r| {
            name.as_deref() == Some(fold(&r.1).as_str()) || (!email.is_empty() && r.3.eq_ignore_ascii_case(email))
        })
        .map(|(id, name, role, email, phone, consent, consent_date, consent_source)| {
            (id, ContactInput { name, role, email, phone, consent, consent_date, consent_source })
        }))
}

/// The contact columns of a row that are filled: on an update, an empty cell keeps the value.
#[derive(Default)]
struct ContactCells {
    name: Option<String>,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    consent: Option<bool>,
    consent_date: Option<String>,
}

impl ContactCells {
    /// `fields`: the columns of the name, role, e-mail and phone.
    fn read(row: &Row<'_>, fields: [&str; 4], problems: &mut Vec<RowProblem>) -> ContactCells {
        let [name, role, email, phone] = fields;
        let filled = |field: &str| row.filled(field).map(String::from);
        let consent = row.filled("consent").and_then(|v| match values::yes_no(v) {
            Ok(yes) => Some(yes),
            Err(e) => {
                problems.push(problem(row.columns, "consent", e));
                None
            }
        });
        ContactCells {
            name: filled(name),
            role: filled(role),
            email: filled(email),
            phone: row.filled(phone).map(values::phone),
            consent,
            consent_date: row.filled("consent_date").map(values::date),
        }
    }

    fn is_empty(&self) -> bool {
        [&self.name, &self.role, &self.email, &self.phone, &self.consent_date].iter().all(|v| v.is_none())
            && self.consent.is_none()
    }

    fn onto(&self, mut base: ContactInput, file_name: &str) -> ContactInput {
        for (value, target) in [
            (&self.name, &mut base.name),
            (&self.role, &mut base.role),
            (&self.email, &mut base.email),
            (&self.phone, &mut base.phone),
        ] {
            if let Some(value) = value {
                target.clone_from(value);
            }
        }
        if let Some(consent) = self.consent.filter(|c| *c != base.consent) {
            base.consent = consent;
            base.consent_source = if consent { format!("import: {file_name}") } else { String::new() };
        }
        if self.consent_date.is_some() {
            base.consent_date.clone_from(&self.consent_date);
        }
        base
    }
}

#[derive(Default)]
struct OrganisationCells {
    name: Option<String>,
    kind: Option<OrgKind>,
    cui: Option<String>,
    caen: Option<CaenCode>,
    employees: Option<i64>,
    turnover_ron: Option<i64>,
    email: Option<String>,
    phone: Option<String>,
}

impl OrganisationCells {
    fn onto(&self, mut base: OrganisationInput) -> OrganisationInput {
        for (value, target) in [
            (&self.name, &mut base.name),
            (&self.cui, &mut base.cui),
            (&self.email, &mut base.email),
            (&self.phone, &mut base.phone),
        ] {
            if let Some(value) = value {
                target.clone_from(value);
            }
        }
        base.kind = self.kind.or(base.kind);
        base.caen = self.caen.clone().or(base.caen);
        base.employees = self.employees.or(base.employees);
        base.turnover_ron = self.turnover_ron.or(base.turnover_ron);
        base
    }
}

struct Context<'a> {
    store: &'a Store,
    options: &'a ImportOptions,
    file_name: &'a str,
    counties: Vec<County>,
    /// Current clusters before the import: CUI -> id, and folded name -> id.
    existing: HashMap<String, i64>,
    existing_names: HashMap<String, i64>,
    /// Cluster rows of the file by CUI: the first row that gave it, and the cluster's id once written.
    seen: HashMap<String, (usize, Option<i64>)>,
    file_names: HashMap<String, i64>,
    members: Members,
    /// The sheet being read, and how its plain "CAEN" codes were read.
    sheet: String,
    caen_readings: Vec<CaenReading>,
}

pub async fn process(
    store: &Store,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
    commit: bool,
    control: &Control,
) -> Result<ImportReport> {
    let file = read::read(bytes, options.encoding)?;
    let (mut tables, ignored_sheets) = tables(file.sheets);
    if tables.is_empty() {
        return Err(Error::refused("error.import_no_table"));
    }
    tables.sort_by_key(|t| t.kind);

    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let current: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, cui, name FROM clusters WHERE archived_at IS NULL").fetch_all(&mut *tx).await?;
    let mut ctx = Context {
        store,
        options,
        file_name,
        counties: geo::counties(store.pool()).await?,
        existing: current.iter().filter(|(_, c, _)| !c.is_empty()).map(|(id, c, _)| (c.clone(), *id)).collect(),
        existing_names: current.iter().map(|(id, _, n)| (fold(n), *id)).collect(),
        seen: HashMap::new(),
        file_names: HashMap::new(),
        members: Members::default(),
        sheet: String::new(),
        caen_readings: Vec::new(),
    };

    let mut counts = ImportCounts::default();
    let mut reports = Vec::new();
    let mut tracker = Tracker::new(control, tables.iter().map(|t| t.rows.len()).sum());
    // Dropping the transaction on a cancel (or any error) rolls it back.
    for table in &tables {
        ctx.sheet.clone_from(&table.sheet);
        let mut rows = Vec::new();
        for (number, cells) in &table.rows {
            tracker.row_done()?;
            if cells.iter().all(String::is_empty) {
                continue;
            }
            let row = Row { columns: &table.columns, cells };
            let report = match table.kind {
                TableKind::Clusters => cluster_row(&mut ctx, &mut tx, *number, &row, &at).await?,
                TableKind::Contacts => contact_row(&mut ctx, &mut tx, *number, &row, &at).await?,
                TableKind::Organisations => organisation_row(&mut ctx, &mut tx, *number, &row, &at).await?,
            };
            match report.action {
                RowAction::Create => counts.create += 1,
                RowAction::Update => counts.update += 1,
                RowAction::Refused => counts.refused += 1,
            }
            rows.push(report);
        }
        ctx.members.finish(&mut tx, &at).await?;
        let missing = columns::required(table.kind)
            .iter()
            .filter(|f| !table.columns.iter().any(|c| c.field.as_deref() == Some(**f)))
            .map(|f| f.to_string())
            .collect();
        reports.push(TableReport {
            kind: table.kind,
            sheet: table.sheet.clone(),
            header_row: table.header_row,
            columns: table.columns.clone(),
            missing,
            rows,
        });
    }

    tracker.check()?;
    let written = commit && (counts.refused == 0 || options.skip_invalid) && counts.create + counts.update > 0;
    if written {
        // The rows themselves are in the audit log through its triggers; this entry says they
        // came from one import, of which file, under the same transaction.
        let details = serde_json::Map::from_iter([
            ("file".to_string(), serde_json::Value::from(file_name)),
            ("created".to_string(), serde_json::Value::from(counts.create)),
            ("updated".to_string(), serde_json::Value::from(counts.update)),
            ("refused".to_string(), serde_json::Value::from(counts.refused)),
        ]);
        audit::record_with(&mut tx, AuditAction::Import, "clusters", None, file_name, details).await?;
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    let text = file.text.as_ref();
    Ok(ImportReport {
        file_name: file_name.to_string(),
        format: if text.is_some() { "csv" } else { "spreadsheet" }.to_string(),
        encoding: text.map(|t| t.encoding),
        detected_encoding: text.map(|t| t.detected),
        separator: text.map(|t| t.separator),
        ignored_sheets,
        tables: reports,
        counts,
        options: options.clone(),
        caen_readings: ctx.caen_readings,
        written,
    })
}

/// The sheets the import recognises, with their header row and matched columns; the names of
/// the others.
fn tables(sheets: Vec<Sheet>) -> (Vec<Table>, Vec<String>) {
    let mut tables = Vec::new();
    let mut ignored = Vec::new();
    for sheet in sheets {
        match find_header(&sheet.rows, kind_of_sheet(&sheet.name)) {
            Some((index, kind)) => {
                let mut rows = sheet.rows;
                let data = rows.split_off(index + 1);
                let (header_row, headers) = rows.pop().unwrap_or_default();
                tables.push(Table {
                    kind,
                    sheet: sheet.name,
                    header_row,
                    columns: match_headers(kind, &headers),
                    rows: data,
                });
            }
            None => ignored.push(sheet.name),
        }
    }
    (tables, ignored)
}

/// The CUI as it will be stored when it is well formed, else as typed (for the report).
fn cui_key(typed: &str) -> String {
    cui::normalize(typed).unwrap_or_else(|| typed.trim().to_string())
}

fn caen_codes(value: &str, revision: CaenRevision) -> Vec<CaenCode> {
    caen_words(value).map(|code| CaenCode { revision, code: code.to_string() }).collect()
}

fn caen_words(value: &str) -> impl Iterator<Item = &str> {
    value.split([',', ';', '|', '/', '\n', ' ']).map(str::trim).filter(|c| !c.is_empty())
}

/// The revision a code of a plain "CAEN" column is read in: the one it exists in; in both with
/// the same meaning, the current Rev.3; in both with different meanings, the revision chosen in
/// the preview (Rev.3 by default). `None` when it is a class of neither.
pub(crate) fn caen_reading(code: &str, ambiguous: Option<CaenRevision>) -> Option<(CaenRevision, CaenReason)> {
    let rev2 = caen::class(CaenRevision::Rev2, code).is_some();
    let rev3 = caen::class(CaenRevision::Rev3, code).is_some();
    match (rev2, rev3) {
        (true, false) => Some((CaenRevision::Rev2, CaenReason::OnlyRev2)),
        (false, true) => Some((CaenRevision::Rev3, CaenReason::OnlyRev3)),
        (true, true) if caen::is_ambiguous(code) => {
            Some((ambiguous.unwrap_or(CaenRevision::Rev3), CaenReason::Chosen))
        }
        (true, true) => Some((CaenRevision::Rev3, CaenReason::SameInBoth)),
        (false, false) => None,
    }
}

/// The codes of a plain "CAEN" cell, each in the revision it is read in (noted for the preview);
/// a code of neither revision is a problem of the row.
fn read_plain_caen(ctx: &mut Context<'_>, number: usize, row: &Row<'_>, problems: &mut Vec<RowProblem>) -> Vec<CaenCode> {
    let Some(value) = row.filled("caen") else { return Vec::new() };
    let mut codes = Vec::new();
    for word in caen_words(value) {
        match caen_reading(word, ctx.options.ambiguous_caen) {
            Some((revision, reason)) => {
                let code = caen::normalize_code(word).unwrap_or_else(|| word.to_string());
                ctx.caen_readings.push(CaenReading { sheet: ctx.sheet.clone(), row: number, code: code.clone(), revision, reason });
                codes.push(CaenCode { revision, code });
            }
            None => problems.push(problem(
                row.columns,
                "caen",
                FieldError::new("caen", "import_caen_unknown").with("code", word),
            )),
        }
    }
    codes
}

async fn cluster_row(
    ctx: &mut Context<'_>,
    tx: &mut Transaction<'_, Sqlite>,
    number: usize,
    row: &Row<'_>,
    at: &At,
) -> Result<RowReport> {
    let columns = row.columns;
    let mut problems = Vec::new();
    let mut check = |field: &str, result: Result<(), FieldError>| {
        if let Err(e) = result {
            problems.push(problem(columns, field, e));
        }
    };
    let code = cui_key(&row.text("cui"));
    let existing = ctx.existing.get(&code).copied();
    if !code.is_empty() {
        match ctx.seen.get(&code) {
            Some((first, _)) => check(
                "cui",
                Err(FieldError::new("cui", "import_duplicate_in_file").with("row", first).with("cui", &code)),
            ),
            None => {
                ctx.seen.insert(code.clone(), (number, None));
            }
        }
    }
    if existing.is_some() && !ctx.options.update {
        check("cui", Err(FieldError::new("cui", "import_exists").with("cui", &code)));
    }
    let update = existing.filter(|_| ctx.options.update);
    // An update starts from the record as it is: a column left empty keeps the value.
    let mut input = match update {
        Some(id) => clusters::get(ctx.store, id).await?.record,
        None => ClusterInput::default(),
    };
    for (field, target) in [
        ("name", &mut input.name),
        ("legal_name", &mut input.legal_name),
        ("cui", &mut input.cui),
        ("reg_number", &mut input.reg_number),
        ("address", &mut input.address),
        ("city", &mut input.city),
        ("website", &mut input.website),
        ("notes", &mut input.notes),
    ] {
        if let Some(value) = row.filled(field) {
            *target = value.to_string();
        }
    }
    if let Some(value) = row.filled("county") {
        match values::county(value, &ctx.counties) {
            Ok(code) => input.county = code,
            Err(e) => check("county", Err(e)),
        }
    }
    if let Some(value) = row.filled("region") {
        let county = ctx.counties.iter().find(|c| c.code == input.county);
        match (values::region(value), county) {
            (Ok(region), Some(county)) if region != county.region => check(
                "region",
                Err(FieldError::new("region", "import_region_mismatch")
                    .with("value", value)
                    .with("county", &county.name)),
            ),
            (Err(e), _) => check("region", Err(e)),
            _ => {}
        }
    }
    for (field, target) in [("founded_year", &mut input.founded_year), ("joined_year", &mut input.joined_year)] {
        if let Some(value) = row.filled(field) {
            match values::integer(value) {
                Ok(year) => *target = Some(year),
                Err(e) => check(field, Err(e)),
            }
        }
    }
    if let Some(value) = row.filled("status") {
        match values::status(value) {
            Ok(status) => input.status = status,
            Err(e) => check("status", Err(e)),
        }
    }
    if let Some(value) = row.filled("sectors") {
        match values::sectors(value) {
            Ok(sectors) => input.sectors = sectors,
            Err(e) => check("sectors", Err(e)),
        }
    }
    // A column of one revision replaces the codes of that revision; a plain "CAEN" column, all.
    if row.filled("caen").is_some() {
        input.caen = read_plain_caen(ctx, number, row, &mut problems);
    }
    for (field, revision) in [("caen2", CaenRevision::Rev2), ("caen3", CaenRevision::Rev3)] {
        if let Some(value) = row.filled(field) {
            input.caen.retain(|c| c.revision != revision);
            input.caen.extend(caen_codes(value, revision));
        }
    }
    let (person_email, office_email) = contact_channel(row, "email");
    let (person_phone, office_phone) = contact_channel(row, "phone");
    if let Some(value) = row.filled(office_email) {
        input.email = value.to_string();
    }
    if let Some(value) = row.filled(office_phone) {
        input.phone = values::phone(value);
    }
    if let Some(value) = row.filled("postal_address") {
        input.postal_address = value.to_string();
    }
    let cells = ContactCells::read(row, ["contact_name", "contact_role", person_email, person_phone], &mut problems);
    let name = if input.name.is_empty() { row.text("name") } else { input.name.clone() };
    let contact = match (cells.is_empty(), update) {
        (true, _) => None,
        (false, Some(id)) => {
            let existing = same_contact(tx, id, &cells).await?;
            let (contact_id, base) = existing.map_or((None, ContactInput::default()), |(c, base)| (Some(c), base));
            Some((contact_id, cells.onto(base, ctx.file_name)))
        }
        (false, None) => Some((None, cells.onto(ContactInput::default(), ctx.file_name))),
    };
    let write = Write::Cluster { update, input: Box::new(input), contact };
    let action = if update.is_some() { RowAction::Update } else { RowAction::Create };
    let report = RowReport { row: number, action, name, cluster_cui: code, problems };
    let (report, id) = finish(tx, report, columns, Some(&write), at).await?;
    if let Some(id) = id {
        ctx.seen.insert(report.cluster_cui.clone(), (number, Some(id)));
        ctx.file_names.insert(fold(&tidy(&report.name)), id);
    }
    Ok(report)
}

/// Which columns of a cluster row hold the contact person's and which the cluster's own
/// `generic` ("email" or "phone"): the explicit ones ("Email contact", "Email birou") when the file
/// has them; the plain column goes to the person the row names, else to the cluster, since an
/// association's list often gives only the office's e-mail.
fn contact_channel(row: &Row<'_>, generic: &'static str) -> (&'static str, &'static str) {
    let (person, office) = match generic {
        "email" => ("contact_email", "office_email"),
        _ => ("contact_phone", "office_phone"),
    };
    let named = row.filled("contact_name").is_some();
    let person_column = if row.get(person).is_some() || !named { person } else { generic };
    let office_column = if row.filled(office).is_some() || person_column == generic { office } else { generic };
    (person_column, office_column)
}

/// The cluster a contact or organisation row belongs to, and whether this import created it;
/// `None`, with the problem added, when the row names none that exists.
fn parent(ctx: &Context<'_>, row: &Row<'_>, problems: &mut Vec<RowProblem>) -> Option<(i64, bool)> {
    find_parent(ctx, row).map_err(|e| problems.push(problem(row.columns, "cluster_cui", e))).ok()
}

/// By CUI (or name) among the file's clusters and the current ones.
fn find_parent(ctx: &Context<'_>, row: &Row<'_>) -> Result<(i64, bool), FieldError> {
    let typed = row.text("cluster_cui");
    if typed.is_empty() {
        return Err(FieldError::new("cluster_cui", "required"));
    }
    let code = cui_key(&typed);
    match ctx.seen.get(&code) {
        Some((_, Some(id))) => return Ok((*id, true)),
        Some((first, None)) => return Err(FieldError::new("cluster_cui", "import_cluster_refused").with("row", first)),
        None => {}
    }
    if let Some(id) = ctx.existing.get(&code) {
        return Ok((*id, false));
    }
    let name = fold(&tidy(&typed));
    if let Some(id) = ctx.file_names.get(&name) {
        return Ok((*id, true));
    }
    ctx.existing_names
        .get(&name)
        .map(|id| (*id, false))
        .ok_or_else(|| FieldError::new("cluster_cui", "import_cluster_unknown").with("value", &typed))
}

/// The report of a contact or organisation row before its write: refused when it matches a
/// record and the user did not choose to update.
fn child_report(
    ctx: &Context<'_>,
    number: usize,
    row: &Row<'_>,
    mut problems: Vec<RowProblem>,
    matching: Option<i64>,
) -> RowReport {
    if matching.is_some() && !ctx.options.update {
        problems.push(problem(row.columns, "name", FieldError::new("name", "import_exists_child")));
    }
    let action = if matching.is_some() { RowAction::Update } else { RowAction::Create };
    RowReport { row: number, action, name: row.text("name"), cluster_cui: cui_key(&row.text("cluster_cui")), problems }
}

async fn contact_row(
    ctx: &mut Context<'_>,
    tx: &mut Transaction<'_, Sqlite>,
    number: usize,
    row: &Row<'_>,
    at: &At,
) -> Result<RowReport> {
    let mut problems = Vec::new();
    let cells = ContactCells::read(row, ["name", "role", "email", "phone"], &mut problems);
    let cluster = parent(ctx, row, &mut problems);
    let existing = match cluster {
        Some((cluster, false)) => same_contact(tx, cluster, &cells).await?,
        _ => None,
    };
    let (id, base) = existing.map_or((None, ContactInput::default()), |(id, base)| (Some(id), base));
    let input = cells.onto(base, ctx.file_name);
    let write = cluster.map(|(cluster, _)| Write::Contact { cluster, id, input });
    let report = child_report(ctx, number, row, problems, id);
    Ok(finish(tx, report, row.columns, write.as_ref(), at).await?.0)
}

async fn organisation_row(
    ctx: &mut Context<'_>,
    tx: &mut Transaction<'_, Sqlite>,
    number: usize,
    row: &Row<'_>,
    at: &At,
) -> Result<RowReport> {
    let mut problems = Vec::new();
    let either = |a: &str, b: &str| row.filled(a).or_else(|| row.filled(b));
    let mut cells = OrganisationCells {
        name: row.filled("name").map(String::from),
        cui: row.filled("cui").map(String::from),
        email: either("office_email", "email").map(String::from),
        phone: either("office_phone", "phone").map(values::phone),
        ..Default::default()
    };
    if let Some(value) = row.filled("kind") {
        match values::org_kind(value) {
            Ok(kind) => cells.kind = Some(kind),
            Err(e) => problems.push(problem(row.columns, "kind", e)),
        }
    }
    if row.filled("caen").is_some() {
        cells.caen = read_plain_caen(ctx, number, row, &mut problems).into_iter().next();
    }
    for (field, revision) in [("caen2", CaenRevision::Rev2), ("caen3", CaenRevision::Rev3)] {
        if let Some(value) = row.filled(field) {
            cells.caen = Some(CaenCode { revision, code: value.to_string() });
        }
    }
    for (field, target) in [("employees", &mut cells.employees), ("turnover_ron", &mut cells.turnover_ron)] {
        if let Some(value) = row.filled(field) {
            match values::integer(value) {
                Ok(n) => *target = Some(n),
                Err(e) => problems.push(problem(row.columns, field, e)),
            }
        }
    }
    let cluster = parent(ctx, row, &mut problems);
    let existing = match cluster {
        Some((cluster, false)) => {
            let lookup = Lookup { name: cells.name.as_deref(), cui: cells.cui.as_deref() };
            ctx.members.find(tx, cluster, &lookup).await?
        }
        _ => None,
    };
    let (id, base) = existing.map_or((None, OrganisationInput::default()), |(id, base)| (Some(id), base));
    let input = cells.onto(base);
    let mut report = child_report(ctx, number, row, problems, id);
    // The form's checks read nothing stored (the cluster exists: it was found above), so a row
    // refused for its values needs no write to list the rest of its reasons.
    if let Some((cluster, _)) = cluster {
        match clusters::clean_organisation(&input) {
            Ok(org) if report.problems.is_empty() => {
                ctx.members.write(tx, cluster, id, org, at).await?;
                return Ok(report);
            }
            Ok(_) => {}
            Err(Error::Invalid(fields)) => add_problems(&mut report, row.columns, fields),
            Err(e) => return Err(e),
        }
    }
    report.action = RowAction::Refused;
    Ok(report)
}
