//! `clusterdesk audit`: the audit log, filtered as in the app's audit view, as a table, CSV or
//! JSON; and `clusterdesk contact export|erase`: a contact's personal data.

use std::io::Write;
use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};
use clusterdesk_core::audit::{self, AuditAction, AuditEntry, AuditQuery};
use clusterdesk_core::i18n::{Lang, format_stamp, t};
use clusterdesk_core::personal_data::{self, ExportFormat};
use clusterdesk_core::{Error, Result, Store, files};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(clap::Args)]
pub struct AuditArgs {
    /// Only this kind of record: a table name (clusters, contacts, organisations, sessions…), or
    /// `database` for restores.
    #[arg(long)]
    entity: Option<String>,
    /// With --entity: only this record and the records that belong to it.
    #[arg(long, requires = "entity")]
    id: Option<i64>,
    /// First day included, YYYY-MM-DD.
    #[arg(long)]
    since: Option<String>,
    /// Last day included, YYYY-MM-DD.
    #[arg(long)]
    until: Option<String>,
    /// Only the changes of this staff profile.
    #[arg(long)]
    staff: Option<String>,
    #[arg(long, value_parser = parse_action)]
    action: Option<AuditAction>,
    /// Text to find in the labels, names and values.
    #[arg(long)]
    search: Option<String>,
    /// Entries to print, newest first (default 1000).
    #[arg(long, default_value_t = 1000)]
    limit: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn parse_action(value: &str) -> std::result::Result<AuditAction, String> {
    AuditAction::parse(value).ok_or_else(|| {
        let all: Vec<&str> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        format!("'{value}': use one of {}", all.join(", "))
    })
}

pub async fn run(store: &Store, lang: Lang, args: AuditArgs) -> Result<()> {
    let query = AuditQuery {
        since: args.since,
        until: args.until,
        staff: args.staff,
        entity: args.entity,
        entity_id: args.id,
        action: args.action,
        search: args.search.unwrap_or_default(),
        limit: args.limit.max(1),
        ..Default::default()
    };
    let page = audit::entries(store, &query).await?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &page.rows).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(headers(lang)).map_err(std::io::Error::other)?;
            for entry in &page.rows {
                writer.write_record(cells(lang, entry)).map_err(std::io::Error::other)?;
            }
            writer.flush()?;
        }
        Format::Table => {
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED).set_header(headers(lang));
            for entry in &page.rows {
                table.add_row(cells(lang, entry));
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{}", t(lang, "cli.matches", &[("count", &page.total.to_string())]))?;
        }
    }
    Ok(())
}

fn headers(lang: Lang) -> Vec<String> {
    ["at", "staff", "action", "entity", "record", "fields"]
        .iter()
        .map(|c| t(lang, &format!("audit.col.{c}"), &[]))
        .collect()
}

fn cells(lang: Lang, entry: &AuditEntry) -> Vec<String> {
    let changes: Vec<String> = entry
        .changes
        .iter()
        .map(|c| {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
            format!("{}: {} → {}", c.field, show(&c.before), show(&c.after))
        })
        .collect();
    let entity_key = format!("audit.entity.{}", entry.entity);
    let entity = match t(lang, &entity_key, &[]) {
        missing if missing == entity_key => entry.entity.clone(),
        name => name,
    };
    vec![
        format_stamp(lang, &entry.at),
        entry.staff.clone(),
        t(lang, &format!("audit.action.{}", entry.action.code()), &[]),
        entity,
        match entry.entity_id {
            Some(id) if entry.label.is_empty() => format!("#{id}"),
            Some(id) => format!("#{id} {}", entry.label),
            None => entry.label.clone(),
        },
        changes.join("; "),
    ]
}

#[derive(Subcommand)]
pub enum ContactCommand {
    /// Writes everything the database holds on contact N to FILE: JSON or PDF after its extension.
    Export {
        #[arg(long)]
        id: i64,
        #[arg(long, value_name = "FILE.json|FILE.pdf")]
        out: PathBuf,
    },
    /// Erases contact N: their name and details everywhere, the counts of what they took part in
    /// kept. Asks for --yes.
    Erase {
        #[arg(long)]
        id: i64,
        /// Confirms the erasure, which cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

pub async fn contact(store: &Store, lang: Lang, command: ContactCommand) -> Result<()> {
    match command {
        ContactCommand::Export { id, out } => {
            let format = ExportFormat::of_path(&out).ok_or(Error::refused("error.privacy_export_extension"))?;
            let bytes = personal_data::export(store, id, format, lang).await?;
            files::write_atomic(&out, &bytes)?;
            personal_data::record_export(store, id, format).await?;
            println!("{}", t(lang, "cli.privacy_exported", &[("path", &out.display().to_string())]));
        }
        ContactCommand::Erase { id, yes } => {
            if !yes {
                return Err(Error::refused("error.privacy_erase_confirm"));
            }
            let report = personal_data::erase(store, id).await?;
            let values = [
                ("id", report.contact_id.to_string()),
                ("registrations", report.registrations_kept.to_string()),
                ("entries", report.audit_entries_scrubbed.to_string()),
            ];
            let params: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            println!("{}", t(lang, "cli.privacy_erased", &params));
        }
    }
    Ok(())
}
