use clusterdesk_core::Error;
use clusterdesk_core::i18n::{Lang, t};

/// The user's message for an error, with one line per refused field.
pub fn error_text(lang: Lang, error: &Error) -> String {
    let user = error.to_user();
    let params: Vec<(&str, &str)> = user.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut text = t(lang, &user.code, &params);
    for field in &user.fields {
        let params: Vec<(&str, &str)> = field.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let key = format!("cluster.field.{}", field.field);
        let label = match t(lang, &key, &[]) {
            missing if missing == key => field.field.clone(),
            label => label,
        };
        text.push_str(&format!("\n  {label}: {}", t(lang, &format!("error.{}", field.code), &params)));
    }
    text
}
