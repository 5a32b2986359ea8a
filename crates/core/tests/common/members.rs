//! Member-organisation files for the bulk-import tests and benchmarks (the benches include this
//! file by path).

use clusterdesk_core::cui;

pub const HEADER: &str = "CUI cluster;Denumire;Tip;CUI;CAEN;Angajați;Cifra de afaceri\n";

const KINDS: &[&str] = &["Microîntreprindere", "Întreprindere mică", "Mijlocie", "Mare", "universitate", "Autoritate", "ONG"];
const CAEN: &[&str] = &["6201", "1392", "2511", "7219", "8542", "3101", "1013", "2712"];

/// A valid organisation CUI made from `n` (distinct from the demo's and the clusters').
pub fn org_cui(n: usize) -> String {
    let body = format!("{:08}", 40_000_000 + n);
    format!("{body}{}", cui::check_digit(&body).expect("eight digits"))
}

/// Row `n` of the file: a member of one of `clusters` (their CUIs), with a name, a kind, a CUI,
/// a CAEN code and figures; `revision` changes the figures, as next year's file would.
pub fn row(clusters: &[String], n: usize, revision: usize) -> String {
    format!(
        "{};Firma Ștefănești {n} SRL;{};{};{};{};{}\n",
        clusters[n % clusters.len()],
        KINDS[n % KINDS.len()],
        org_cui(n),
        CAEN[n % CAEN.len()],
        n % 250 + revision,
        (n % 1000) * 10_000 + revision,
    )
}

/// A CSV of `rows` members spread over `clusters`.
pub fn csv(clusters: &[String], rows: usize, revision: usize) -> String {
    let mut text = String::from(HEADER);
    for n in 0..rows {
        text.push_str(&row(clusters, n, revision));
    }
    text
}
