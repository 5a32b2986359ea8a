use std::collections::BTreeMap;

use chrono::NaiveDate;
use clusterdesk_core::Error;
use clusterdesk_core::i18n::{Lang, format_date, t};

/// The user's message for an error, with one line per refused field.
pub fn error_text(lang: Lang, error: &Error) -> String {
    let user = error.to_user();
    let mut text = message(lang, &user.code, &user.params);
    for field in &user.fields {
        let key = format!("cluster.field.{}", field.field);
        let label = match t(lang, &key, &[]) {
            missing if missing == key => field.field.clone(),
            label => label,
        };
        text.push_str(&format!("\n  {label}: {}", message(lang, &format!("error.{}", field.code), &field.params)));
    }
    text
}

/// A message with its parameters; the ISO dates the core sends are shown in the language's order.
pub(crate) fn message(lang: Lang, key: &str, params: &BTreeMap<String, String>) -> String {
    let values: Vec<(&str, String)> = params
        .iter()
        .map(|(k, v)| {
            let shown =
                NaiveDate::parse_from_str(v, "%Y-%m-%d").map(|d| format_date(lang, d)).unwrap_or_else(|_| v.clone());
            (k.as_str(), shown)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    t(lang, key, &pairs)
}
