//! The translation layer on the Rust side (CLI output, and later the PDFs and exports).
//!
//! The catalogues are the very files the UI loads (`locales/*.json`, flat keys such as
//! `error.cui_check_digit`, `{name}` placeholders), so a message is written once for both.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Lang {
    #[default]
    Ro,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ro => "ro",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ro" => Some(Lang::Ro),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

type Catalogue = HashMap<String, String>;

static RO: LazyLock<Catalogue> = LazyLock::new(|| parse(include_str!("../../../locales/ro.json")));
static EN: LazyLock<Catalogue> = LazyLock::new(|| parse(include_str!("../../../locales/en.json")));

fn parse(json: &str) -> Catalogue {
    // The catalogues are part of the build and checked by a test; a broken one is a build bug.
    serde_json::from_str(json).expect("locales/*.json is a flat object of strings")
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::Ro => &RO,
        Lang::En => &EN,
    }
}

/// The message for `key` with `{name}` placeholders filled; the key itself when it is missing,
/// so that a gap shows up instead of an empty string.
pub fn t(lang: Lang, key: &str, params: &[(&str, &str)]) -> String {
    let mut text = catalogue(lang).get(key).cloned().unwrap_or_else(|| key.to_string());
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// Whether the catalogues have `key` (both do, or neither: a test checks it).
pub fn has(key: &str) -> bool {
    RO.contains_key(key)
}

/// 27.11.2026 in Romanian, 27/11/2026 in English (the UI's `ro-RO` / `en-GB` formats).
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Ro => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%d/%m/%Y").to_string(),
    }
}

/// A decimal with the language's separators: 1.234,56 in Romanian, 1,234.56 in English.
/// A stored UTC stamp as Bucharest wall-clock time in the language's way: "31.12.2026 23:30" /
/// "31/12/2026 23:30". Text that is not a stamp comes back as it is.
pub fn format_stamp(lang: Lang, stamp: &str) -> String {
    match crate::clock::local_time_of_stamp(stamp) {
        Some(local) => format!("{} {}", format_date(lang, local.date()), local.format("%H:%M")),
        None => stamp.to_string(),
    }
}

pub fn format_decimal(lang: Lang, hundredths: i64) -> String {
    let (group, decimal) = match lang {
        Lang::Ro => ('.', ','),
        Lang::En => (',', '.'),
    };
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}{decimal}{:02}", group_thousands(abs / 100, group), abs % 100)
}

/// The plural form of a count, as the UI's `plural.ts` picks it (CLDR): Romanian "1 rând",
/// "2 rânduri" (0, 2–19 and numbers ending in 01–19), "20 de rânduri"; English "1 row", "2 rows".
pub fn plural_form(lang: Lang, count: i64) -> &'static str {
    let n = count.unsigned_abs();
    if n == 1 {
        return "one";
    }
    if lang == Lang::En {
        return "few";
    }
    let last_two = n % 100;
    if n == 0 || (1..=19).contains(&last_two) { "few" } else { "many" }
}

/// The message `<base>.one|few|many` for `count`, with `{count}` in the language's number format
/// and the other parameters filled.
pub fn count_text(lang: Lang, base: &str, count: i64, params: &[(&str, &str)]) -> String {
    let shown = format_integer(lang, count);
    let mut all = vec![("count", shown.as_str())];
    all.extend_from_slice(params);
    t(lang, &format!("{base}.{}", plural_form(lang, count)), &all)
}

/// A whole number with the language's thousands separator.
pub fn format_integer(lang: Lang, value: i64) -> String {
    let group = match lang {
        Lang::Ro => '.',
        Lang::En => ',',
    };
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_thousands(value.unsigned_abs(), group))
}

/// An amount of bani as lei: "1.234,56 lei" / "1,234.56 lei".
pub fn format_money(lang: Lang, bani: i64) -> String {
    format!("{} lei", format_decimal(lang, bani))
}

fn group_thousands(value: u64, separator: char) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_follow_each_language() {
        let forms: Vec<_> = [0, 1, 2, 19, 20, 100, 101, 119, 120].map(|n| plural_form(Lang::Ro, n)).into();
        assert_eq!(forms, ["few", "one", "few", "few", "many", "many", "few", "few", "many"]);
        assert_eq!(plural_form(Lang::En, 1), "one");
        assert_eq!(plural_form(Lang::En, 20), "few");
    }

    #[test]
    fn both_catalogues_have_the_same_keys() {
        let mut ro: Vec<_> = RO.keys().collect();
        let mut en: Vec<_> = EN.keys().collect();
        ro.sort();
        en.sort();
        assert_eq!(ro, en);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            t(Lang::En, "error.year_range", &[("min", "1990"), ("max", "2026")]),
            "Enter a year between 1990 and 2026."
        );
    }

    #[test]
    fn formats_follow_the_language() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(format_date(Lang::Ro, date), "27.11.2026");
        assert_eq!(format_date(Lang::En, date), "27/11/2026");
        assert_eq!(format_decimal(Lang::Ro, 123_456), "1.234,56");
        assert_eq!(format_decimal(Lang::En, 123_456), "1,234.56");
        assert_eq!(format_decimal(Lang::Ro, -5), "-0,05");
        assert_eq!(format_integer(Lang::Ro, 1_234_567), "1.234.567");
        assert_eq!(format_money(Lang::Ro, 250_000), "2.500,00 lei");
    }
}
