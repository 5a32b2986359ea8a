//! The fixed lists the forms and filters offer, in one call.

use serde::Serialize;
use ts_rs::TS;

use crate::Result;
use crate::clusters::{LabelLevel, MembershipStatus, OrgKind, Sector};
use crate::geo::{self, County, Region};
use crate::store::Store;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReferenceData {
    pub counties: Vec<County>,
    pub regions: Vec<Region>,
    pub sectors: Vec<Sector>,
    pub org_kinds: Vec<OrgKind>,
    pub statuses: Vec<MembershipStatus>,
    pub label_levels: Vec<LabelLevel>,
    /// The first year a form accepts for founding and joining (the last is this year: the UI's
    /// clock says which).
    pub first_year: i64,
}

pub async fn load(store: &Store) -> Result<ReferenceData> {
    Ok(ReferenceData {
        counties: geo::counties(store.pool()).await?,
        regions: Region::ALL.to_vec(),
        sectors: Sector::ALL.to_vec(),
        org_kinds: OrgKind::ALL.to_vec(),
        statuses: MembershipStatus::ALL.to_vec(),
        label_levels: LabelLevel::ALL.to_vec(),
        first_year: crate::clusters::FIRST_YEAR,
    })
}
