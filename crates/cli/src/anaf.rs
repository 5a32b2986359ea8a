//! `clusterdesk anaf …`: the lookup and the membership check of the app, on a terminal.

use std::io::Write;

use clap::Subcommand;
use clusterdesk_core::anaf::{self, StoredAnswer, check};
use clusterdesk_core::i18n::{Lang, format_date, t};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum AnafCommand {
    /// Asks ANAF about one or more CUIs (any written form: RO 1234 5678) and keeps the answers.
    Lookup {
        #[arg(required = true)]
        cuis: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Checks every member cluster's and organisation's CUI, 100 a request, one request a second;
    /// an interrupted check goes on where it stopped.
    Check {
        /// Skip CUIs fetched within the last DAYS days.
        #[arg(long, value_name = "DAYS")]
        since: Option<u32>,
    },
    /// Shows the settings, or turns lookups on or off, or sets the service's address.
    Settings {
        #[arg(long, conflicts_with = "off")]
        on: bool,
        #[arg(long)]
        off: bool,
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
}

pub async fn run(store: &Store, lang: Lang, command: AnafCommand) -> Result<()> {
    match command {
        AnafCommand::Lookup { cuis, json } => {
            let mut client = anaf::client(store).await?;
            let answers = anaf::lookup(store, &mut client, &cuis).await?;
            if json {
                serde_json::to_writer_pretty(std::io::stdout().lock(), &answers).map_err(std::io::Error::other)?;
                println!();
            } else {
                for answer in &answers {
                    print_answer(lang, answer);
                }
            }
        }
        AnafCommand::Check { since } => {
            let mut client = anaf::client(store).await?;
            let run = check::start(store, since).await?;
            let mut shown = None;
            let finished = check::run(store, &mut client, run, |p| {
                if shown.replace((p.done, p.total)) == Some((p.done, p.total)) {
                    return;
                }
                let line = t(
                    lang,
                    "anaf.check_progress",
                    &[
                        ("done", &p.done.to_string()),
                        ("total", &p.total.to_string()),
                        ("requests", &p.requests.to_string()),
                    ],
                );
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r{line}");
                let _ = err.flush();
            })
            .await;
            eprintln!();
            finished?;
            let counts = check::flag_counts(store).await?;
            for (key, value) in [
                ("anaf.flag.inactive", counts.inactive),
                ("anaf.flag.struck_off", counts.struck_off),
                ("anaf.flag.name_changed", counts.name_changed),
                ("anaf.flag.address_changed", counts.address_changed),
                ("anaf.flag.unknown", counts.unknown),
            ] {
                println!("{}: {value}", t(lang, key, &[]));
            }
        }
        AnafCommand::Settings { on, off, url } => {
            let current = anaf::settings(store.pool()).await?;
            if on || off || url.is_some() {
                let enabled = if on || off { on } else { current.enabled };
                anaf::set_settings(store, enabled, url.as_deref().unwrap_or(&current.url)).await?;
            }
            let now = anaf::settings(store.pool()).await?;
            let state = t(lang, if now.enabled { "anaf.on" } else { "anaf.off" }, &[]);
            println!("{state}\n{}", now.url);
        }
    }
    Ok(())
}

fn yes_no(lang: Lang, value: bool) -> String {
    t(lang, if value { "anaf.yes" } else { "anaf.no" }, &[])
}

fn print_answer(lang: Lang, answer: &StoredAnswer) {
    let c = &answer.company;
    let date = chrono::NaiveDate::parse_from_str(&answer.fetched_on, "%Y-%m-%d").map(|d| format_date(lang, d));
    let source = t(lang, "anaf.source", &[("date", &date.unwrap_or_else(|_| answer.fetched_on.clone()))]);
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    table.set_header(vec![format!("CUI {}", c.cui), source]);
    if !c.found {
        table.add_row(vec![t(lang, "anaf.not_found", &[]), String::new()]);
        println!("{table}");
        return;
    }
    let caen = c.caen.as_ref().map(|k| format!("{} (Rev.{})", k.code, k.revision.number())).unwrap_or_default();
    for (key, value) in [
        ("anaf.field.name", c.name.clone()),
        ("anaf.field.legal_form", c.legal_form.clone()),
        ("anaf.field.address", c.address.clone()),
        ("anaf.field.reg_number", c.reg_number.clone()),
        ("anaf.field.caen", caen),
        ("anaf.field.vat", yes_no(lang, c.vat)),
        ("anaf.field.inactive", yes_no(lang, c.inactive)),
        ("anaf.field.struck_off", yes_no(lang, c.struck_off)),
        ("anaf.field.registration_state", c.registration_state.clone()),
    ] {
        table.add_row(vec![t(lang, key, &[]), value]);
    }
    println!("{table}");
}
