//! Romania's development regions and counties. The county list lives in the database (seeded by
//! the first migration) so that SQL can join and filter on it; the regions are a closed set and
//! so an enum.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum Region {
    NordEst,
    SudEst,
    SudMuntenia,
    SudVestOltenia,
    Vest,
    NordVest,
    Centru,
    BucurestiIlfov,
}

impl Region {
    pub const ALL: [Region; 8] = [
        Region::NordEst,
        Region::SudEst,
        Region::SudMuntenia,
        Region::SudVestOltenia,
        Region::Vest,
        Region::NordVest,
        Region::Centru,
        Region::BucurestiIlfov,
    ];

    /// The value stored in the `counties.region` column.
    pub fn code(self) -> &'static str {
        match self {
            Region::NordEst => "nord_est",
            Region::SudEst => "sud_est",
            Region::SudMuntenia => "sud_muntenia",
            Region::SudVestOltenia => "sud_vest_oltenia",
            Region::Vest => "vest",
            Region::NordVest => "nord_vest",
            Region::Centru => "centru",
            Region::BucurestiIlfov => "bucuresti_ilfov",
        }
    }
}

impl Region {
    /// The regions that share a border with this one (read off the county map: Suceava touches
    /// Maramureș, Harghita touches Neamț, Buzău touches Covasna, Gorj touches Hunedoara…).
    /// București-Ilfov lies inside Sud-Muntenia and touches nothing else; Centru touches every
    /// region but București-Ilfov.
    pub fn neighbours(self) -> &'static [Region] {
        use Region::*;
        match self {
            NordEst => &[NordVest, Centru, SudEst],
            SudEst => &[NordEst, Centru, SudMuntenia],
            SudMuntenia => &[SudEst, Centru, SudVestOltenia, BucurestiIlfov],
            SudVestOltenia => &[SudMuntenia, Centru, Vest],
            Vest => &[SudVestOltenia, Centru, NordVest],
            NordVest => &[Vest, Centru, NordEst],
            Centru => &[NordEst, SudEst, SudMuntenia, SudVestOltenia, Vest, NordVest],
            BucurestiIlfov => &[SudMuntenia],
        }
    }

    pub fn borders(self, other: Region) -> bool {
        self.neighbours().contains(&other)
    }

    pub fn parse(code: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct County {
    pub code: String,
    pub name: String,
    pub region: Region,
}

pub async fn counties(pool: &SqlitePool) -> Result<Vec<County>> {
    let mut counties = sqlx::query_as::<_, County>("SELECT code, name, region FROM counties").fetch_all(pool).await?;
    // SQLite's default collation would put "Sălaj" after "Vrancea".
    counties.sort_by_cached_key(|c| crate::text::fold(&c.name));
    Ok(counties)
}

#[cfg(test)]
mod tests {
    use super::Region;

    #[test]
    fn neighbours_are_mutual_and_never_the_region_itself() {
        for region in Region::ALL {
            assert!(!region.borders(region), "{region:?}");
            for other in region.neighbours() {
                assert!(other.borders(region), "{region:?} borders {other:?} but not back");
            }
        }
        assert!(Region::NordEst.borders(Region::NordVest));
        assert!(!Region::NordEst.borders(Region::Vest));
        assert!(!Region::BucurestiIlfov.borders(Region::Centru));
    }
}
