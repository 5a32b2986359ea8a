//! `clusterdesk events list`: the events with their ids (what `report event --event` takes).

use std::io::Write;

use clap::Subcommand;
use clusterdesk_core::events::{self, EventFilter, EventKind};
use clusterdesk_core::i18n::{Lang, t};
use clusterdesk_core::reports::event_docs::event_dates;
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum EventsCommand {
    /// The events by date, optionally of one year and one kind (inward_mission, outward_mission,
    /// brokerage, conference, workshop, other).
    List {
        #[arg(long)]
        year: Option<i64>,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<EventKind>,
    },
}

fn parse_kind(value: &str) -> Result<EventKind, String> {
    EventKind::parse(value)
        .ok_or_else(|| format!("'{value}': inward_mission, outward_mission, brokerage, conference, workshop or other"))
}

pub async fn run(store: &Store, lang: Lang, command: EventsCommand) -> Result<()> {
    match command {
        EventsCommand::List { year, kind } => {
            let rows = events::list_events(store, &EventFilter { year, kind, ..Default::default() }).await?;
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED).set_header(
                ["id", "dates", "kind", "title", "country", "participants", "meetings"]
                    .map(|k| t(lang, &format!("cli.event.{k}"), &[])),
            );
            for row in &rows {
                table.add_row(vec![
                    row.id.to_string(),
                    event_dates(lang, &row.starts_on, &row.ends_on),
                    t(lang, &format!("event.kind.{}", row.kind.code()), &[]),
                    row.title.clone(),
                    row.country.clone(),
                    format!("{}/{}", row.seated, row.capacity),
                    row.meetings_held.to_string(),
                ]);
            }
            writeln!(std::io::stdout().lock(), "{table}")?;
        }
    }
    Ok(())
}
