use chrono::Months;
use sqlx::{Sqlite, SqliteConnection, Transaction};

use super::model::*;
use crate::caen::{self, CaenRevision};
use crate::error::FieldError;
use crate::clock::At;
use crate::store::Store;
use crate::text::{comma_below, fold, tidy};
use crate::validation::{self as check, Problems};
use crate::{Error, Result, cui};

/// The first year a cluster (or its founding) can carry: Romanian clusters date from the 2000s,
/// but their legal bodies can be older.
pub const FIRST_YEAR: i64 = 1990;

/// Creates a cluster and returns its id.
pub async fn create(store: &Store, input: &ClusterInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = create_in(&mut tx, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`create`] inside the caller's transaction (bulk loads, imports).
pub(crate) async fn create_in(tx: &mut Transaction<'_, Sqlite>, input: &ClusterInput, at: &At) -> Result<i64> {
    let input = clean(tx, input, None, at).await?;
    let now = at.stamp.clone();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO clusters (name, legal_name, cui, reg_number, address, city, county, website, website_english, \
         management_fte, founded_year, joined_year, status, status_since, notes, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&input.name)
    .bind(&input.legal_name)
    .bind(&input.cui)
    .bind(&input.reg_number)
    .bind(&input.address)
    .bind(&input.city)
    .bind(&input.county)
    .bind(&input.website)
    .bind(input.website_english)
    .bind(input.management_fte)
    .bind(input.founded_year)
    .bind(input.joined_year)
    .bind(input.status.code())
    .bind(&input.status_since)
    .bind(&input.notes)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await?;
    record_status(tx, id, &input, at).await?;
    write_codes(tx, id, &input).await?;
    refresh_search(tx, id).await?;
    Ok(id)
}

/// Replaces the cluster form's fields. A change of membership status is added to the history.
pub async fn update(store: &Store, id: i64, input: &ClusterInput) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    update_in(&mut tx, id, input, &at).await?;
    tx.commit().await?;
    Ok(())
}

/// [`update`] inside the caller's transaction (imports).
pub(crate) async fn update_in(tx: &mut Transaction<'_, Sqlite>, id: i64, input: &ClusterInput, at: &At) -> Result<()> {
    let previous: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, status_since FROM clusters WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let (previous_status, previous_since) = previous.ok_or(Error::NotFound { entity: "cluster", id })?;
    let input = clean(tx, input, Some(id), at).await?;
    sqlx::query(
        "UPDATE clusters SET name = ?, legal_name = ?, cui = ?, reg_number = ?, address = ?, city = ?, county = ?, \
         website = ?, website_english = ?, management_fte = ?, founded_year = ?, joined_year = ?, status = ?, status_since = ?, notes = ?, updated_at = ? WHERE id = ?",
    )
    .bind(&input.name)
    .bind(&input.legal_name)
    .bind(&input.cui)
    .bind(&input.reg_number)
    .bind(&input.address)
    .bind(&input.city)
    .bind(&input.county)
    .bind(&input.website)
    .bind(input.website_english)
    .bind(input.management_fte)
    .bind(input.founded_year)
    .bind(input.joined_year)
    .bind(input.status.code())
    .bind(&input.status_since)
    .bind(&input.notes)
    .bind(&at.stamp)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if previous_status != input.status.code() || previous_since != input.status_since {
        record_status(tx, id, &input, at).await?;
    }
    // Only the codes that went, and (in write_codes) those that came: an unchanged list leaves no
    // trace in the audit log.
    let sectors: Vec<&str> = input.sectors.iter().map(|s| s.code()).collect();
    sqlx::query("DELETE FROM cluster_sectors WHERE cluster_id = ? AND sector NOT IN (SELECT value FROM json_each(?))")
        .bind(id)
        .bind(serde_json::to_string(&sectors).unwrap_or_default())
        .execute(&mut **tx)
        .await?;
    let caen: Vec<String> = input.caen.iter().map(|c| format!("{}:{}", c.revision.number(), c.code)).collect();
    sqlx::query(
        "DELETE FROM cluster_caen WHERE cluster_id = ? AND (revision || ':' || code) NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(id)
    .bind(serde_json::to_string(&caen).unwrap_or_default())
    .execute(&mut **tx)
    .await?;
    write_codes(tx, id, &input).await?;
    refresh_search(tx, id).await?;
    Ok(())
}

/// Moves a cluster to the archive (a soft delete): out of the list, kept whole.
pub async fn archive(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let done = sqlx::query("UPDATE clusters SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL")
        .bind(&at.stamp)
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        exists(&mut tx, id).await?;
        return Err(Error::refused("error.already_archived"));
    }
    tx.commit().await?;
    Ok(())
}

/// Brings an archived cluster back, unless another current cluster has taken its CUI meanwhile.
pub async fn restore(store: &Store, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT cui, archived_at FROM clusters WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
    let (code, archived_at) = row.ok_or(Error::NotFound { entity: "cluster", id })?;
    if archived_at.is_none() {
        return Err(Error::refused("error.not_archived"));
    }
    if let Some(other) = cui_holder(&mut tx, &code, Some(id)).await? {
        return Err(Error::Refused { code: "error.restore_cui_taken", params: [("name".to_string(), other)].into() });
    }
    sqlx::query("UPDATE clusters SET archived_at = NULL, updated_at = ? WHERE id = ?")
        .bind(&at.stamp)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an archived cluster and everything that belongs to it. The caller must repeat the
/// cluster's name, so that a slip of the mouse cannot destroy a record.
pub async fn delete_permanently(store: &Store, id: i64, confirm_name: &str) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT name, archived_at FROM clusters WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
    let (name, archived_at) = row.ok_or(Error::NotFound { entity: "cluster", id })?;
    if archived_at.is_none() {
        return Err(Error::refused("error.delete_not_archived"));
    }
    if tidy(confirm_name) != name {
        return Err(Error::Invalid(vec![FieldError::new("confirm_name", "confirm_name_mismatch").with("name", &name)]));
    }
    sqlx::query("DELETE FROM clusters WHERE id = ?").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Replaces one CAEN code of a cluster by others in one step (typically a Rev.2 code by its
/// Rev.3 successors); every new code is checked against its revision's list.
pub async fn replace_caen(store: &Store, cluster_id: i64, old: &CaenCode, new: &[CaenCode]) -> Result<()> {
    let mut problems = Problems::default();
    let new: Vec<CaenCode> = new.iter().map(|c| normalize_caen(c, "caen", &mut problems)).collect();
    problems.into_result()?;
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    exists(&mut tx, cluster_id).await?;
    let removed = sqlx::query("DELETE FROM cluster_caen WHERE cluster_id = ? AND revision = ? AND code = ?")
        .bind(cluster_id)
        .bind(old.revision.number())
        .bind(&old.code)
        .execute(&mut *tx)
        .await?;
    if removed.rows_affected() == 0 {
        return Err(Error::invalid("caen", "caen_not_on_record"));
    }
    for code in &new {
        sqlx::query("INSERT OR IGNORE INTO cluster_caen (cluster_id, revision, code) VALUES (?, ?, ?)")
            .bind(cluster_id)
            .bind(code.revision.number())
            .bind(&code.code)
            .execute(&mut *tx)
            .await?;
    }
    touch(&mut tx, cluster_id, &at).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates (`id` = None) or updates a contact of a cluster; returns its id.
pub async fn save_contact(store: &Store, cluster_id: i64, id: Option<i64>, input: &ContactInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_contact_in(&mut tx, cluster_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_contact_in(
    tx: &mut Transaction<'_, Sqlite>,
    cluster_id: i64,
    id: Option<i64>,
    input: &ContactInput,
    at: &At,
) -> Result<i64> {
    let mut problems = Problems::default();
    let input = ContactInput {
        name: tidy(&comma_below(&input.name)),
        role: tidy(&comma_below(&input.role)),
        email: input.email.trim().to_string(),
        phone: tidy(&input.phone),
        consent: input.consent,
        consent_date: input.consent_date.as_deref().map(str::trim).filter(|d| !d.is_empty()).map(String::from),
        consent_source: tidy(&comma_below(&input.consent_source)),
    };
    problems.check("name", check::required(&input.name));
    problems.check("name", check::max_len(&input.name, 200));
    problems.check("email", check::email(&input.email));
    problems.check("phone", check::phone(&input.phone));
    problems.check("consent_date", check::optional_date(input.consent_date.as_deref()));
    // A consent is recorded once given: it cannot carry a date still to come.
    if let Some(date) = input.consent_date.as_deref().and_then(|d| check::date(d).ok())
        && date > at.date
    {
        problems.add(FieldError::new("consent_date", "date_in_future"));
    }
    if input.consent && input.consent_date.is_none() {
        problems.add(FieldError::new("consent_date", "consent_date_required"));
    }
    problems.into_result()?;

    exists(tx, cluster_id).await?;
    let now = at.stamp.clone();
    let id = match id {
        None => sqlx::query_scalar(
            "INSERT INTO contacts (cluster_id, name, role, email, phone, consent, consent_date, consent_source, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(cluster_id)
        .bind(&input.name)
        .bind(&input.role)
        .bind(&input.email)
        .bind(&input.phone)
        .bind(input.consent)
        .bind(&input.consent_date)
        .bind(&input.consent_source)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?,
        Some(id) => {
            let done = sqlx::query(
                "UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, consent = ?, consent_date = ?, consent_source = ?, \
                 updated_at = ? WHERE id = ? AND cluster_id = ?",
            )
            .bind(&input.name)
            .bind(&input.role)
            .bind(&input.email)
            .bind(&input.phone)
            .bind(input.consent)
            .bind(&input.consent_date)
            .bind(&input.consent_source)
            .bind(&now)
            .bind(id)
            .bind(cluster_id)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound { entity: "contact", id });
            }
            id
        }
    };
    touch(tx, cluster_id, at).await?;
    Ok(id)
}

pub async fn delete_contact(store: &Store, id: i64) -> Result<()> {
    delete_child(store, "contacts", "contact", id).await
}

/// Creates (`id` = None) or updates a member organisation of a cluster; returns its id.
pub async fn save_organisation(
    store: &Store,
    cluster_id: i64,
    id: Option<i64>,
    input: &OrganisationInput,
) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = save_organisation_in(&mut tx, cluster_id, id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn save_organisation_in(
    tx: &mut Transaction<'_, Sqlite>,
    cluster_id: i64,
    id: Option<i64>,
    input: &OrganisationInput,
    at: &At,
) -> Result<i64> {
    let org = clean_organisation(input)?;
    exists(tx, cluster_id).await?;
    let now = at.stamp.clone();
    let (revision, caen_code) = org.caen_columns();
    let id = match id {
        None => sqlx::query_scalar(
            "INSERT INTO organisations (cluster_id, name, kind, cui, caen_revision, caen_code, employees, turnover_ron, created_at, updated_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(cluster_id)
        .bind(&org.name)
        .bind(org.kind.code())
        .bind(&org.cui)
        .bind(revision)
        .bind(caen_code)
        .bind(org.employees)
        .bind(org.turnover_ron)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await?,
        Some(id) => {
            let done = sqlx::query(
                "UPDATE organisations SET name = ?, kind = ?, cui = ?, caen_revision = ?, caen_code = ?, employees = ?, \
                 turnover_ron = ?, updated_at = ? WHERE id = ? AND cluster_id = ?",
            )
            .bind(&org.name)
            .bind(org.kind.code())
            .bind(&org.cui)
            .bind(revision)
            .bind(caen_code)
            .bind(org.employees)
            .bind(org.turnover_ron)
            .bind(&now)
            .bind(id)
            .bind(cluster_id)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(Error::NotFound { entity: "organisation", id });
            }
            id
        }
    };
    refresh_search(tx, cluster_id).await?;
    Ok(id)
}

/// A member organisation as the form accepts it, normalised as it is stored.
#[derive(Debug, Clone)]
pub(crate) struct CleanOrganisation {
    pub name: String,
    pub kind: OrgKind,
    pub cui: String,
    pub caen: Option<CaenCode>,
    pub employees: Option<i64>,
    pub turnover_ron: Option<i64>,
}

impl CleanOrganisation {
    /// `caen_revision`, `caen_code` as stored.
    pub fn caen_columns(&self) -> (Option<i64>, Option<&str>) {
        match &self.caen {
            Some(c) => (Some(c.revision.number()), Some(c.code.as_str())),
            None => (None, None),
        }
    }

    pub fn input(&self) -> OrganisationInput {
        OrganisationInput {
            name: self.name.clone(),
            kind: Some(self.kind),
            cui: self.cui.clone(),
            caen: self.caen.clone(),
            employees: self.employees,
            turnover_ron: self.turnover_ron,
        }
    }
}

/// The organisation form's checks, which read nothing stored: every problem at once.
pub(crate) fn clean_organisation(input: &OrganisationInput) -> Result<CleanOrganisation> {
    let mut problems = Problems::default();
    let name = tidy(&comma_below(&input.name));
    problems.check("name", check::required(&name));
    problems.check("name", check::max_len(&name, 200));
    if input.kind.is_none() {
        problems.add(FieldError::new("kind", "required"));
    }
    let cui = normalize_cui(&input.cui, "cui", &mut problems);
    let caen = input.caen.as_ref().map(|c| normalize_caen(c, "caen", &mut problems));
    problems.check("employees", check::non_negative(input.employees));
    problems.check("turnover_ron", check::non_negative(input.turnover_ron));
    problems.into_result()?;
    let Some(kind) = input.kind else { return Err(Error::invalid("kind", "required")) };
    Ok(CleanOrganisation { name, kind, cui, caen, employees: input.employees, turnover_ron: input.turnover_ron })
}

pub async fn delete_organisation(store: &Store, id: i64) -> Result<()> {
    delete_child(store, "organisations", "organisation", id).await
}

/// Sets the fee due for one year (creating the year if needed).
pub async fn set_fee(store: &Store, cluster_id: i64, year: i64, due_bani: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    set_fee_in(&mut tx, cluster_id, year, due_bani, &at).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn set_fee_in(
    tx: &mut Transaction<'_, Sqlite>,
    cluster_id: i64,
    year: i64,
    due_bani: i64,
    at: &At,
) -> Result<()> {
    let mut problems = Problems::default();
    problems.check("year", check::year(Some(year), FIRST_YEAR, at.year() + 1));
    problems.check("due_bani", check::non_negative(Some(due_bani)));
    problems.into_result()?;
    exists(tx, cluster_id).await?;
    sqlx::query(
        "INSERT INTO membership_fees (cluster_id, year, due_bani) VALUES (?, ?, ?) \
         ON CONFLICT (cluster_id, year) DO UPDATE SET due_bani = excluded.due_bani",
    )
    .bind(cluster_id)
    .bind(year)
    .bind(due_bani)
    .execute(&mut **tx)
    .await?;
    touch(tx, cluster_id, at).await?;
    Ok(())
}

/// Records a payment against a fee year that exists; returns its id.
pub async fn add_payment(store: &Store, cluster_id: i64, input: &PaymentInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = add_payment_in(&mut tx, cluster_id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn add_payment_in(
    tx: &mut Transaction<'_, Sqlite>,
    cluster_id: i64,
    input: &PaymentInput,
    at: &At,
) -> Result<i64> {
    let mut problems = Problems::default();
    problems.check("paid_on", check::date(input.paid_on.trim()).map(|_| ()));
    if input.amount_bani <= 0 {
        problems.add(FieldError::new("amount_bani", "positive"));
    }
    problems.into_result()?;
    exists(tx, cluster_id).await?;
    let has_fee: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM membership_fees WHERE cluster_id = ? AND year = ?)")
            .bind(cluster_id)
            .bind(input.year)
            .fetch_one(&mut **tx)
            .await?;
    if !has_fee {
        return Err(Error::Invalid(vec![FieldError::new("year", "fee_year_missing").with("year", input.year)]));
    }
    let id = sqlx::query_scalar(
        "INSERT INTO fee_payments (cluster_id, year, paid_on, amount_bani, note) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(cluster_id)
    .bind(input.year)
    .bind(input.paid_on.trim())
    .bind(input.amount_bani)
    .bind(tidy(&comma_below(&input.note)))
    .fetch_one(&mut **tx)
    .await?;
    touch(tx, cluster_id, at).await?;
    Ok(id)
}

pub async fn delete_payment(store: &Store, id: i64) -> Result<()> {
    delete_child(store, "fee_payments", "payment", id).await
}

/// Adds a label to the register; valid two years from the award unless said otherwise.
pub async fn add_label(store: &Store, cluster_id: i64, input: &LabelInput) -> Result<i64> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let id = add_label_in(&mut tx, cluster_id, input, &at).await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn add_label_in(tx: &mut Transaction<'_, Sqlite>, cluster_id: i64, input: &LabelInput, at: &At) -> Result<i64> {
    let label = clean_label(input)?;
    exists(tx, cluster_id).await?;
    let id = sqlx::query_scalar(
        "INSERT INTO labels (cluster_id, level, awarded_on, valid_until, certificate_ref) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(cluster_id)
    .bind(label.level.code())
    .bind(&label.awarded_on)
    .bind(&label.valid_until)
    .bind(&label.certificate_ref)
    .fetch_one(&mut **tx)
    .await?;
    touch(tx, cluster_id, at).await?;
    Ok(id)
}

/// Corrects a label of the register (level, dates, certificate); an empty `valid_until` means
/// two years from the award, as when it was added.
pub async fn update_label(store: &Store, id: i64, input: &LabelInput) -> Result<()> {
    let label = clean_label(input)?;
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    let cluster_id: Option<i64> = sqlx::query_scalar(
        "UPDATE labels SET level = ?, awarded_on = ?, valid_until = ?, certificate_ref = ? WHERE id = ? RETURNING cluster_id",
    )
    .bind(label.level.code())
    .bind(&label.awarded_on)
    .bind(&label.valid_until)
    .bind(&label.certificate_ref)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let cluster_id = cluster_id.ok_or(Error::NotFound { entity: "label", id })?;
    touch(&mut tx, cluster_id, &at).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a label entered by mistake. An expired label stays in the register: it is history.
pub async fn delete_label(store: &Store, id: i64) -> Result<()> {
    delete_child(store, "labels", "label", id).await
}

struct CleanLabel {
    level: LabelLevel,
    awarded_on: String,
    valid_until: String,
    certificate_ref: String,
}

/// Checks a label: a level, an award date, and an end of validity (two years after the award when
/// empty) that is not before the award.
fn clean_label(input: &LabelInput) -> Result<CleanLabel> {
    let mut problems = Problems::default();
    if input.level.is_none() {
        problems.add(FieldError::new("level", "required"));
    }
    let awarded = check::date(input.awarded_on.trim());
    let valid_until = match (&awarded, input.valid_until.as_deref().map(str::trim).filter(|v| !v.is_empty())) {
        (_, Some(v)) => check::date(v).map(Some),
        (Ok(a), None) => Ok(a.checked_add_months(Months::new(24))),
        (Err(_), None) => Ok(None),
    };
    if let (Ok(a), Ok(Some(v))) = (&awarded, &valid_until)
        && v <= a
    {
        problems.add(FieldError::new("valid_until", "date_not_after").with("other", a.format("%Y-%m-%d")));
    }
    problems.check("awarded_on", awarded.map(|_| ()));
    let certificate_ref = tidy(&input.certificate_ref);
    problems.check("certificate_ref", check::max_len(&certificate_ref, 100));
    let valid_until = match valid_until {
        Ok(v) => v,
        Err(e) => {
            problems.check("valid_until", Err(e));
            None
        }
    };
    problems.into_result()?;
    let (Some(level), Some(valid_until)) = (input.level, valid_until) else {
        return Err(Error::invalid("valid_until", "date_format"));
    };
    Ok(CleanLabel {
        level,
        awarded_on: input.awarded_on.trim().to_string(),
        valid_until: valid_until.format("%Y-%m-%d").to_string(),
        certificate_ref,
    })
}

/// Checks and normalises the cluster form; every problem is reported at once.
async fn clean(tx: &mut SqliteConnection, input: &ClusterInput, id: Option<i64>, at: &At) -> Result<ClusterInput> {
    let mut problems = Problems::default();
    let name = tidy(&comma_below(&input.name));
    problems.check("name", check::required(&name));
    problems.check("name", check::max_len(&name, 200));
    let legal_name = tidy(&comma_below(&input.legal_name));
    problems.check("legal_name", check::max_len(&legal_name, 300));
    let code = normalize_cui(&input.cui, "cui", &mut problems);
    problems.check("cui", check::required(&code));
    let county = input.county.trim().to_ascii_uppercase();
    let county_known: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM counties WHERE code = ?)")
        .bind(&county)
        .fetch_one(&mut *tx)
        .await?;
    if county.is_empty() {
        problems.add(FieldError::new("county", "required"));
    } else if !county_known {
        problems.add(FieldError::new("county", "county_unknown"));
    }
    let website = check::normalize_url(&input.website);
    problems.check("website", check::url(&website));
    if input.website_english && website.is_empty() {
        problems.add(FieldError::new("website_english", "website_english_needs_website"));
    }
    let management_fte = input.management_fte.map(|v| (v * 100.0).round() / 100.0);
    problems.check("management_fte", check::fte(management_fte));
    let this_year = at.year();
    problems.check("founded_year", check::year(input.founded_year, FIRST_YEAR, this_year));
    problems.check("joined_year", check::year(input.joined_year, 2011, this_year));
    if let (Some(f), Some(j)) = (input.founded_year, input.joined_year)
        && j < f
        && !problems.has("joined_year")
    {
        problems.add(FieldError::new("joined_year", "joined_before_founded"));
    }
    let status_since = input.status_since.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    problems.check("status_since", check::optional_date(status_since.as_deref()));
    let mut sectors = input.sectors.clone();
    sectors.sort();
    sectors.dedup();
    if sectors.is_empty() {
        problems.add(FieldError::new("sectors", "sector_required"));
    }
    let mut caen: Vec<CaenCode> = input.caen.iter().map(|c| normalize_caen(c, "caen", &mut problems)).collect();
    caen.sort_by(|a, b| (a.revision.number(), &a.code).cmp(&(b.revision.number(), &b.code)));
    caen.dedup();
    if !code.is_empty()
        && !problems.has("cui")
        && let Some(other) = cui_holder(tx, &code, id).await?
    {
        problems.add(FieldError::new("cui", "cui_duplicate").with("name", other));
    }
    problems.into_result()?;
    Ok(ClusterInput {
        name,
        legal_name,
        cui: code,
        reg_number: tidy(&input.reg_number).to_uppercase(),
        address: tidy(&comma_below(&input.address)),
        city: tidy(&comma_below(&input.city)),
        county,
        website,
        website_english: input.website_english,
        management_fte,
        founded_year: input.founded_year,
        joined_year: input.joined_year,
        status: input.status,
        status_since,
        sectors,
        caen,
        notes: comma_below(input.notes.trim()),
    })
}

/// A CUI as typed, reduced to its digits; an empty string when none was typed.
fn normalize_cui(typed: &str, field: &str, problems: &mut Problems) -> String {
    if typed.trim().is_empty() {
        return String::new();
    }
    match cui::normalize(typed) {
        Some(digits) if cui::is_valid(&digits) => digits,
        Some(digits) if (2..=10).contains(&digits.len()) => {
            problems.add(FieldError::new(field, "cui_check_digit"));
            digits
        }
        _ => {
            problems.add(FieldError::new(field, "cui_format"));
            typed.trim().to_string()
        }
    }
}

pub(crate) fn normalize_caen(code: &CaenCode, field: &str, problems: &mut Problems) -> CaenCode {
    match caen::normalize_code(&code.code).filter(|c| caen::class(code.revision, c).is_some()) {
        Some(normal) => CaenCode { revision: code.revision, code: normal },
        None => {
            let revision = match code.revision {
                CaenRevision::Rev2 => "Rev.2",
                CaenRevision::Rev3 => "Rev.3",
            };
            problems
                .add(FieldError::new(field, "caen_unknown").with("code", code.code.trim()).with("revision", revision));
            code.clone()
        }
    }
}

/// The name of the current (not archived) cluster that holds `code`, other than `except`.
async fn cui_holder(tx: &mut SqliteConnection, code: &str, except: Option<i64>) -> Result<Option<String>> {
    if code.is_empty() {
        return Ok(None);
    }
    Ok(sqlx::query_scalar(
        "SELECT name FROM clusters WHERE cui = ? AND archived_at IS NULL AND cui <> '' AND id IS NOT ? LIMIT 1",
    )
    .bind(code)
    .bind(except)
    .fetch_optional(&mut *tx)
    .await?)
}

async fn record_status(tx: &mut Transaction<'_, Sqlite>, id: i64, input: &ClusterInput, at: &At) -> Result<()> {
    sqlx::query("INSERT INTO cluster_status_history (cluster_id, status, since, recorded_at) VALUES (?, ?, ?, ?)")
        .bind(id)
        .bind(input.status.code())
        .bind(&input.status_since)
        .bind(&at.stamp)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn write_codes(tx: &mut Transaction<'_, Sqlite>, id: i64, input: &ClusterInput) -> Result<()> {
    for sector in &input.sectors {
        sqlx::query("INSERT OR IGNORE INTO cluster_sectors (cluster_id, sector) VALUES (?, ?)")
            .bind(id)
            .bind(sector.code())
            .execute(&mut **tx)
            .await?;
    }
    for code in &input.caen {
        sqlx::query("INSERT OR IGNORE INTO cluster_caen (cluster_id, revision, code) VALUES (?, ?, ?)")
            .bind(id)
            .bind(code.revision.number())
            .bind(&code.code)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Rewrites the folded text the list searches: the cluster's own fields and its organisations'
/// names and CUIs, so that "brasov" or a member company's name finds the cluster.
pub(crate) async fn refresh_search(tx: &mut Transaction<'_, Sqlite>, id: i64) -> Result<()> {
    let (name, own): (String, String) = sqlx::query_as(
        "SELECT c.name, c.name || ' ' || c.legal_name || ' ' || c.cui || ' ' || c.reg_number || ' ' || c.city || ' ' || \
         k.name || ' ' || c.website FROM clusters c JOIN counties k ON k.code = c.county WHERE c.id = ?",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let members: Vec<(String, String)> = sqlx::query_as("SELECT name, cui FROM organisations WHERE cluster_id = ?")
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    let mut text = own;
    for (member, code) in members {
        text.push(' ');
        text.push_str(&member);
        text.push(' ');
        text.push_str(&code);
    }
    sqlx::query("UPDATE clusters SET sort_name = ? WHERE id = ?").bind(fold(&name)).bind(id).execute(&mut **tx).await?;
    sqlx::query("DELETE FROM cluster_search WHERE rowid = ?").bind(id).execute(&mut **tx).await?;
    sqlx::query("INSERT INTO cluster_search (rowid, text) VALUES (?, ?)")
        .bind(id)
        .bind(fold(&text))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn touch(tx: &mut SqliteConnection, id: i64, at: &At) -> Result<()> {
    sqlx::query("UPDATE clusters SET updated_at = ? WHERE id = ?").bind(&at.stamp).bind(id).execute(&mut *tx).await?;
    Ok(())
}

async fn exists(tx: &mut SqliteConnection, id: i64) -> Result<()> {
    let found: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM clusters WHERE id = ?)").bind(id).fetch_one(&mut *tx).await?;
    if found { Ok(()) } else { Err(Error::NotFound { entity: "cluster", id }) }
}

/// Deletes one row of a table that hangs off a cluster, and refreshes that cluster.
async fn delete_child(store: &Store, table: &'static str, entity: &'static str, id: i64) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    // `table` is one of the constants above, never user text.
    let cluster_id: Option<i64> =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE id = ? RETURNING cluster_id")))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let cluster_id = cluster_id.ok_or(Error::NotFound { entity, id })?;
    refresh_search(&mut tx, cluster_id).await?;
    touch(&mut tx, cluster_id, &at).await?;
    tx.commit().await?;
    Ok(())
}
