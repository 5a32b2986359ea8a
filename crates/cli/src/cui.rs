//! `clusterdesk cui duplicates`: the duplicates bringing CUIs to the registry's form revealed,
//! while staff have not resolved them (the same report as the dashboard and the cluster page).

use std::io::Write;

use clap::Subcommand;
use clusterdesk_core::clusters::cui_duplicates;
use clusterdesk_core::i18n::{Lang, count_text, t};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum CuiCommand {
    /// Two current clusters, or two organisations of one cluster, that turned out to share a CUI
    /// once leading zeros were dropped. Nothing was merged: archive or correct one of them.
    Duplicates,
}

pub async fn run(store: &Store, lang: Lang, command: CuiCommand) -> Result<()> {
    match command {
        CuiCommand::Duplicates => {
            let open = cui_duplicates::open(store).await?;
            let mut out = std::io::stdout().lock();
            if open.is_empty() {
                writeln!(out, "{}", t(lang, "cui_duplicates.none", &[]))?;
                return Ok(());
            }
            let mut table = Table::new();
            table
                .load_preset(UTF8_FULL_CONDENSED)
                .set_header(["cui", "first", "second"].map(|k| t(lang, &format!("cli.cui_duplicate.{k}"), &[])));
            for d in &open {
                let (first, second) = match (&d.organisation_name, &d.other_organisation_name) {
                    (Some(a), Some(b)) => (
                        format!("{a} [{}] ({} #{})", d.typed, d.cluster_name, d.cluster_id),
                        format!("{b} [{}] ({} #{})", d.other_typed, d.cluster_name, d.cluster_id),
                    ),
                    _ => (
                        format!("{} #{} [{}]", d.cluster_name, d.cluster_id, d.typed),
                        format!(
                            "{} #{} [{}]",
                            d.other_cluster_name.clone().unwrap_or_default(),
                            d.other_cluster_id.unwrap_or_default(),
                            d.other_typed
                        ),
                    ),
                };
                table.add_row(vec![d.cui.clone(), first, second]);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{}", t(lang, "cui_duplicates.what_to_do", &[]))?;
        }
    }
    Ok(())
}

/// One line on stderr while duplicates wait for a decision, so that a script's user notices.
pub async fn warn_if_open(store: &Store, lang: Lang) -> Result<()> {
    let open = cui_duplicates::open(store).await?.len() as i64;
    if open > 0 {
        eprintln!("{}", count_text(lang, "cli.cui_duplicates_waiting", open, &[]));
    }
    Ok(())
}
