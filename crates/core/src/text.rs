//! Text folding for search and sorting.
//!
//! Staff type "brasov" and expect "Brașov"; old exports carry cedilla letters (ş ţ) where the
//! correct Romanian letters are comma-below (ș ț). Folding both the stored text and the query the
//! same way, in Rust, makes search independent of SQLite's own (ASCII-only) case rules.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without diacritics: "Clusterul Ș.A. Brașov" -> "clusterul s.a. brasov".
pub fn fold(text: &str) -> String {
    strip_marks(text).to_lowercase()
}

/// Without diacritics, case kept: "Ștefan Țurcanu" -> "Stefan Turcanu".
pub fn strip_marks(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// Replaces the cedilla letters that legacy encodings produced with the comma-below letters.
pub fn comma_below(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ş' => 'ș',
            'ţ' => 'ț',
            'Ş' => 'Ș',
            'Ţ' => 'Ț',
            other => other,
        })
        .collect()
}

/// Trims and collapses runs of white space into one space.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_romanian_letters_in_both_cases_and_both_forms() {
        assert_eq!(fold("Brașov"), "brasov");
        assert_eq!(fold("TIMIȘOARA"), "timisoara");
        assert_eq!(fold("Ţară şi ŞTIINŢĂ"), "tara si stiinta");
        assert_eq!(fold("Încă ÎNCĂ âÂ"), "inca inca aa");
    }

    #[test]
    fn comma_below_replaces_only_cedilla_letters() {
        assert_eq!(comma_below("Şcoala ţării şi Ţara"), "Școala țării și Țara");
        assert_eq!(comma_below("Ç stays"), "Ç stays");
    }
}
