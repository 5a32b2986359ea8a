//! Which activities complete each other: value chains as CAEN Rev.3 divisions, and the sectors
//! that buy from and sell to each other. Kept as data here, so that a rule reads as a table and a
//! test can walk it.
//!
//! A chain lists the divisions from raw material to the finished product and the services around
//! it. Two different divisions of one chain are complementary (a weaving mill and a clothing
//! maker, a sawmill and a furniture factory); two firms of the same division are competitors or
//! peers, which the sector rule covers. Codes of either revision are placed in Rev.3 divisions
//! through the INS correspondence ([`crate::caen::rev3_divisions`]), so a Rev.2 code meets a Rev.3
//! one.

use crate::clusters::Sector;

/// (chain code, Rev.3 divisions). The code names the chain in messages (`network.chain.<code>`).
/// Only the links that trade with each other are listed: a chain with every service around it
/// would pair a tractor maker with a haulier.
pub const CHAINS: &[(&str, &[&str])] = &[
    // Farming and fishing, food, drink.
    ("agrofood", &["01", "03", "10", "11"]),
    // Forestry, sawmills and wood products, furniture.
    ("wood_furniture", &["02", "16", "31"]),
    // Fibres and fabrics, clothing, leather and footwear.
    ("textiles", &["13", "14", "15"]),
    // Metals, metal parts, machinery, its repair and installation.
    ("machinery", &["24", "25", "28", "33"]),
    // Rubber and plastics, metal parts, electrical equipment, vehicles and their parts.
    ("automotive", &["22", "25", "27", "29"]),
    // Metal parts, electronics, aircraft, their maintenance.
    ("aerospace", &["25", "26", "30", "33"]),
    // Components and devices, telecommunications, software, data and hosting.
    ("digital", &["26", "61", "62", "63"]),
    // Electrical equipment, power generation, installation.
    ("energy", &["27", "35", "43"]),
    // Quarrying, building materials, construction, installation, architecture and engineering.
    ("construction", &["08", "23", "41", "42", "43", "71"]),
    // Medicines, medical devices, research, care.
    ("health", &["21", "32", "72", "86"]),
    // Lodging, food service, travel agencies, recreation.
    ("tourism", &["55", "56", "79", "93"]),
    // Publishing, film and music, broadcasting, advertising, design.
    ("creative", &["58", "59", "60", "73", "74"]),
    // Land and water transport, warehousing, post and courier.
    ("logistics", &["49", "50", "52", "53"]),
    // Water, sewerage, waste and recycling, remediation.
    ("environment", &["36", "37", "38", "39"]),
];

/// The chains in which `ours` and `theirs` are different links.
pub fn chains_linking(ours: &str, theirs: &str) -> Vec<&'static str> {
    if ours == theirs {
        return Vec::new();
    }
    CHAINS
        .iter()
        .filter(|(_, divisions)| divisions.contains(&ours) && divisions.contains(&theirs))
        .map(|(code, _)| *code)
        .collect()
}

/// Every division some chain links to one of `divisions` (not those themselves).
pub fn complements_of(divisions: &[String]) -> Vec<String> {
    let mut out: Vec<String> = CHAINS
        .iter()
        .filter(|(_, links)| links.iter().any(|d| divisions.iter().any(|o| o == d)))
        .flat_map(|(_, links)| links.iter())
        .filter(|d| !divisions.iter().any(|o| o == *d))
        .map(|d| d.to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Sectors that supply or serve each other (in both directions).
const SECTOR_PAIRS: &[(Sector, Sector)] = &[
    (Sector::Textiles, Sector::CreativeIndustries),
    (Sector::WoodFurniture, Sector::Construction),
    (Sector::Agrofood, Sector::Tourism),
    (Sector::Agrofood, Sector::Logistics),
    (Sector::Agrofood, Sector::Environment),
    (Sector::RenewableEnergy, Sector::ElectronicsSoftware),
    (Sector::RenewableEnergy, Sector::Construction),
    (Sector::RenewableEnergy, Sector::Environment),
    (Sector::RenewableEnergy, Sector::MachineBuilding),
    (Sector::MachineBuilding, Sector::Automotive),
    (Sector::MachineBuilding, Sector::Aerospace),
    (Sector::Automotive, Sector::ElectronicsSoftware),
    (Sector::Automotive, Sector::Logistics),
    (Sector::Aerospace, Sector::ElectronicsSoftware),
    (Sector::Health, Sector::ElectronicsSoftware),
    (Sector::Tourism, Sector::CreativeIndustries),
    (Sector::CreativeIndustries, Sector::ElectronicsSoftware),
];

pub fn sectors_complement(a: Sector, b: Sector) -> bool {
    SECTOR_PAIRS.iter().any(|&(x, y)| (x, y) == (a, b) || (y, x) == (a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::caen::{CaenRevision, class};

    #[test]
    fn every_division_named_is_a_division_of_rev3() {
        for (chain, divisions) in CHAINS {
            for division in *divisions {
                // A division holds at least one class whose code starts with it.
                let any = (0..100).any(|n| class(CaenRevision::Rev3, &format!("{division}{n:02}")).is_some());
                assert!(any, "{chain}: {division} is not a Rev.3 division");
            }
        }
    }

    #[test]
    fn links_are_different_divisions_of_one_chain() {
        assert_eq!(chains_linking("13", "14"), vec!["textiles"]);
        assert_eq!(chains_linking("14", "13"), vec!["textiles"]);
        assert!(chains_linking("13", "13").is_empty());
        assert!(chains_linking("13", "55").is_empty());
        assert!(complements_of(&["16".into()]).contains(&"31".to_string()));
        assert!(!complements_of(&["16".into()]).contains(&"16".to_string()));
    }

    #[test]
    fn sector_pairs_go_both_ways_and_a_sector_does_not_complement_itself() {
        assert!(sectors_complement(Sector::WoodFurniture, Sector::Construction));
        assert!(sectors_complement(Sector::Construction, Sector::WoodFurniture));
        assert!(!sectors_complement(Sector::Textiles, Sector::Textiles));
        assert!(!sectors_complement(Sector::Textiles, Sector::Aerospace));
    }
}
