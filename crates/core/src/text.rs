//! Text folding for search and sorting.
//!
//! Staff type "brasov" and expect "Brașov"; old exports carry cedilla letters (ş ţ) where the
//! correct Romanian letters are comma-below (ș ț). Folding both the stored text and the query the
//! same way, in Rust, makes search independent of SQLite's own (ASCII-only) case rules.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, without diacritics: "Clusterul Ș.A. Brașov" -> "clusterul s.a. brasov".
pub fn fold(text: &str) -> String {
    // Names are ASCII and the Romanian letters: folded letter by letter without the Unicode
    // decomposition tables (they were a tenth of a 100,000-row import), any other letter through
    // them on its own. Only a capital sigma lowers by its neighbours: then the whole text goes
    // the general way.
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_romanian(c) {
            Some(folded) => out.push(folded),
            None if c == 'Σ' => return strip_marks(text).to_lowercase(),
            None => out.extend(c.nfd().filter(|m| !is_combining_mark(*m)).flat_map(char::to_lowercase)),
        }
    }
    out
}

/// `c` folded when it is ASCII or a Romanian letter (both forms of ș ț), else `None`.
fn fold_romanian(c: char) -> Option<char> {
    Some(match c {
        _ if c.is_ascii() => c.to_ascii_lowercase(),
        'ă' | 'â' | 'Ă' | 'Â' => 'a',
        'î' | 'Î' => 'i',
        'ș' | 'ş' | 'Ș' | 'Ş' => 's',
        'ț' | 'ţ' | 'Ț' | 'Ţ' => 't',
        _ => return None,
    })
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

    /// The letter-by-letter way gives what the decomposition gives, for every letter it takes.
    #[test]
    fn the_romanian_fast_path_folds_as_the_general_way() {
        let letters: String = (0u8..128).map(char::from).chain("ăâîșşțţĂÂÎȘŞȚŢ".chars()).collect();
        for c in letters.chars() {
            assert_eq!(fold(&c.to_string()), strip_marks(&c.to_string()).to_lowercase(), "{c:?}");
        }
        assert_eq!(fold("Ăsta-i Ωmega ȘI é"), "asta-i ωmega si e");
        for text in ["ΣΟΦΟΣ Ș", "Ștefan a\u{0301}\u{0327}", "Straße ŞI", "„Ana” – Ǆ İstanbul Ὰ ﬁ 한국 Ω"] {
            assert_eq!(fold(text), strip_marks(text).to_lowercase(), "{text}");
        }
    }

    #[test]
    fn comma_below_replaces_only_cedilla_letters() {
        assert_eq!(comma_below("Şcoala ţării şi Ţara"), "Școala țării și Țara");
        assert_eq!(comma_below("Ç stays"), "Ç stays");
    }
}
