//! `clusterdesk calls list` and `clusterdesk calls match --call ID`: the funding calls on record,
//! and who fits one, with why — the app's own queries.

use std::io::Write;

use chrono::NaiveDate;
use clap::Subcommand;
use clusterdesk_core::funding::{self, CallCheck, CallMatch, CallState, FundingCallFilter, FundingCallRow, MATCH_LIMIT};
use clusterdesk_core::i18n::{Lang, format_date, format_decimal, format_integer, t};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum CallsCommand {
    /// The calls, open ones first by their closing day; optionally of one state (upcoming, open,
    /// closing, closed), programme, or with words in the title.
    List {
        #[arg(long, value_parser = parse_state)]
        state: Option<CallState>,
        #[arg(long)]
        programme: Option<String>,
        #[arg(long, default_value = "")]
        search: String,
    },
    /// The clusters and member organisations that fit a call (and those missing one criterion),
    /// each criterion met (✓) or missed (✗) with why.
    Match {
        #[arg(long = "call")]
        call: i64,
        /// At most this many clusters and this many organisations.
        #[arg(long, default_value_t = MATCH_LIMIT)]
        limit: i64,
    },
}

fn parse_state(value: &str) -> Result<CallState, String> {
    CallState::parse(value).ok_or_else(|| format!("'{value}': upcoming, open, closing or closed"))
}

fn day(lang: Lang, iso: Option<&str>) -> String {
    iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(|d| format_date(lang, d)).unwrap_or_default()
}

fn title(lang: Lang, row: &FundingCallRow) -> String {
    if lang == Lang::En && !row.title_en.is_empty() { row.title_en.clone() } else { row.title_ro.clone() }
}

pub async fn run(store: &Store, lang: Lang, command: CallsCommand) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        CallsCommand::List { state, programme, search } => {
            let rows = funding::list_calls(store, &FundingCallFilter { state, programme, search, ..Default::default() }).await?;
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED).set_header(
                ["id", "title", "programme", "opens_on", "closes_on", "state", "budget"]
                    .map(|k| t(lang, &format!("cli.call.{k}"), &[])),
            );
            for row in &rows {
                table.add_row(vec![
                    row.id.to_string(),
                    title(lang, row),
                    row.programme.clone(),
                    day(lang, row.opens_on.as_deref()),
                    row.closes_on.as_deref().map(|d| day(lang, Some(d))).unwrap_or_else(|| t(lang, "call.until_spent", &[])),
                    t(lang, &format!("call.state.{}", row.state.code()), &[]),
                    row.budget.map(|b| format!("{} {}", format_decimal(lang, b), row.currency.code().to_uppercase())).unwrap_or_default(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        CallsCommand::Match { call, limit } => {
            let found = funding::match_call(store, call, limit).await?;
            let counts = |fit: i64, near: i64| [("fit", format_integer(lang, fit)), ("near", format_integer(lang, near))];
            for (key, (fit, near), rows) in [
                ("match.clusters", (found.clusters_fit, found.clusters_near), &found.clusters),
                ("match.organisations", (found.organisations_fit, found.organisations_near), &found.organisations),
            ] {
                let values = counts(fit, near);
                let params: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                writeln!(out, "{}", t(lang, key, &params))?;
                for m in rows {
                    writeln!(out, "{}", applicant_line(lang, m))?;
                    for check in &m.checks {
                        writeln!(out, "    {} {}", if check.met { "✓" } else { "✗" }, reason(lang, check))?;
                    }
                }
                writeln!(out)?;
            }
        }
    }
    Ok(())
}

fn applicant_line(lang: Lang, m: &CallMatch) -> String {
    let verdict = t(lang, if m.fits { "match.fits" } else { "match.near" }, &[]);
    match m.kind {
        Some(kind) => format!(
            "  [{verdict}] {} ({}, {} #{})",
            m.name,
            t(lang, &format!("org_kind.{}", kind.code()), &[]),
            m.cluster_name,
            m.cluster_id
        ),
        None => format!("  [{verdict}] {} #{}", m.name, m.id),
    }
}

/// The reason's sentence, with the codes it names in the language (as the window shows it).
fn reason(lang: Lang, check: &CallCheck) -> String {
    let named = |prefix: &str, key: &str| -> Option<String> {
        check.params.get(key).map(|code| t(lang, &format!("{prefix}.{code}"), &[]))
    };
    let mut values: Vec<(String, String)> = check.params.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut set = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            values.retain(|(k, _)| k != key);
            values.push((key.to_string(), value));
        }
    };
    set("region", named("region", "region"));
    set("sector", named("sector", "sector"));
    set("level", named("label", "level"));
    set("min", named("label", "min"));
    set(
        "kind",
        check.params.get("kind").map(|k| {
            if k == "cluster" { t(lang, "call.applicant.cluster", &[]) } else { t(lang, &format!("org_kind.{k}"), &[]) }
        }),
    );
    set("revision", check.params.get("revision").map(|r| format!("Rev.{r}")));
    set("call_revision", check.params.get("call_revision").map(|r| format!("Rev.{r}")));
    let params: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    format!(
        "{}: {}",
        t(lang, &format!("match.criterion.{}", check.criterion.code()), &[]),
        t(lang, &format!("funding.reason.{}", check.reason), &params)
    )
}
