//! What ANAF's answer would change on a form, field by field. Staff accept all or some; a field
//! that already holds something else is proposed unticked, so nothing typed is replaced unless
//! someone chose it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Company;
use crate::caen::CaenRevision;
use crate::clusters::{ClusterInput, OrganisationInput};
use crate::text::{fold, tidy};

/// One field ANAF's answer would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldChange {
    /// The form's field name (`legal_name`, `county`, `caen`…).
    pub field: String,
    pub current: String,
    pub proposed: String,
    /// The field holds something else now: proposed unticked.
    pub overwrites: bool,
}

fn revision_label(revision: CaenRevision) -> &'static str {
    match revision {
        CaenRevision::Rev2 => "Rev.2",
        CaenRevision::Rev3 => "Rev.3",
    }
}

fn change(out: &mut Vec<FieldChange>, field: &str, current: &str, proposed: &str) {
    // Case and diacritics apart, the same text is no change ("ACME SRL" against "Acme SRL").
    if proposed.trim().is_empty() || fold(&tidy(current)) == fold(&tidy(proposed)) {
        return;
    }
    out.push(FieldChange {
        field: field.to_string(),
        current: current.to_string(),
        proposed: proposed.to_string(),
        overwrites: !current.trim().is_empty(),
    });
}

/// The cluster form's fields ANAF's answer would change.
pub fn for_cluster(input: &ClusterInput, company: &Company) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if !company.found {
        return out;
    }
    if input.name.trim().is_empty() {
        change(&mut out, "name", &input.name, &company.name);
    }
    change(&mut out, "legal_name", &input.legal_name, &company.name);
    change(&mut out, "reg_number", &input.reg_number, &company.reg_number);
    change(&mut out, "address", &input.address, &company.street);
    change(&mut out, "city", &input.city, &company.city);
    if let Some(county) = &company.county {
        change(&mut out, "county", &input.county, county);
    }
    if let Some(caen) = &company.caen
        && !input.caen.contains(caen)
    {
        // A code is added to the cluster's list, never put in another's place.
        out.push(FieldChange {
            field: "caen".into(),
            current: String::new(),
            proposed: format!("{} ({})", caen.code, revision_label(caen.revision)),
            overwrites: false,
        });
    }
    out
}

/// The cluster form's values with the accepted fields taken from ANAF's answer.
pub fn apply_to_cluster(input: &ClusterInput, company: &Company, accepted: &[String]) -> ClusterInput {
    let mut out = input.clone();
    let take = |field: &str| accepted.iter().any(|a| a == field);
    if !company.found {
        return out;
    }
    if take("name") {
        out.name = company.name.clone();
    }
    if take("legal_name") {
        out.legal_name = company.name.clone();
    }
    if take("reg_number") {
        out.reg_number = company.reg_number.clone();
    }
    if take("address") {
        out.address = company.street.clone();
    }
    if take("city") {
        out.city = company.city.clone();
    }
    if take("county")
        && let Some(county) = &company.county
    {
        out.county = county.clone();
    }
    if take("caen")
        && let Some(caen) = &company.caen
        && !out.caen.contains(caen)
    {
        out.caen.push(caen.clone());
    }
    out
}

/// The member organisation form's fields ANAF's answer would change.
pub fn for_organisation(input: &OrganisationInput, company: &Company) -> Vec<FieldChange> {
    let mut out = Vec::new();
    if !company.found {
        return out;
    }
    change(&mut out, "name", &input.name, &company.name);
    if let Some(caen) = &company.caen
        && input.caen.as_ref() != Some(caen)
    {
        let current =
            input.caen.as_ref().map(|c| format!("{} ({})", c.code, revision_label(c.revision))).unwrap_or_default();
        out.push(FieldChange {
            field: "caen".into(),
            overwrites: !current.is_empty(),
            current,
            proposed: format!("{} ({})", caen.code, revision_label(caen.revision)),
        });
    }
    out
}

pub fn apply_to_organisation(input: &OrganisationInput, company: &Company, accepted: &[String]) -> OrganisationInput {
    let mut out = input.clone();
    if !company.found {
        return out;
    }
    if accepted.iter().any(|a| a == "name") {
        out.name = company.name.clone();
    }
    if accepted.iter().any(|a| a == "caen") {
        out.caen = company.caen.clone();
    }
    out
}

/// ANAF's answer for a form's CUI and what it would change there.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub answer: super::StoredAnswer,
    pub changes: Vec<FieldChange>,
}

async fn fetch_one(store: &crate::Store, cui: &str) -> crate::Result<super::StoredAnswer> {
    let mut client = super::client(store).await?;
    let mut answers = super::lookup(store, &mut client, &[cui.to_string()]).await?;
    answers.pop().ok_or_else(|| super::AnafError::Malformed("no answer for the CUI".into()).into())
}

async fn stored(store: &crate::Store, cui: &str) -> crate::Result<super::Company> {
    super::answer(store, cui).await?.map(|a| a.company).ok_or(crate::Error::NotFound {
        entity: "anaf_answer",
        id: super::registry_number(cui).map_or(0, |n| n as i64),
    })
}

/// Asks ANAF about the cluster form's CUI: the button beside it.
pub async fn propose_cluster(store: &crate::Store, input: &ClusterInput) -> crate::Result<Proposal> {
    let answer = fetch_one(store, &input.cui).await?;
    Ok(Proposal { changes: for_cluster(input, &answer.company), answer })
}

/// The cluster form's values with the fields staff accepted from the stored answer.
pub async fn accept_cluster(
    store: &crate::Store,
    input: &ClusterInput,
    accepted: &[String],
) -> crate::Result<ClusterInput> {
    Ok(apply_to_cluster(input, &stored(store, &input.cui).await?, accepted))
}

pub async fn propose_organisation(store: &crate::Store, input: &OrganisationInput) -> crate::Result<Proposal> {
    let answer = fetch_one(store, &input.cui).await?;
    Ok(Proposal { changes: for_organisation(input, &answer.company), answer })
}

pub async fn accept_organisation(
    store: &crate::Store,
    input: &OrganisationInput,
    accepted: &[String],
) -> crate::Result<OrganisationInput> {
    Ok(apply_to_organisation(input, &stored(store, &input.cui).await?, accepted))
}
