//! `clusterdesk`: the core's features without a display (demo data, lists, later reports and
//! imports). Every command takes `--db PATH` before its name and creates the file if needed.

mod anaf;
mod annual;
mod audit;
mod backup;
mod bulletin;
mod calls;
mod clusters;
mod cui;
mod events;
mod export;
mod import;
mod output;
mod report;
mod trainings;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::{Lang, t};
use clusterdesk_core::{Store, store};

#[derive(Parser)]
#[command(name = "clusterdesk", version, about = "ClusterDesk, without a window: the same data and rules as the app.")]
struct Cli {
    /// The database file (created and migrated if missing). Default: the app's data folder.
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The staff profile the changes are recorded under in the audit log (default: the
    /// CLUSTERDESK_STAFF variable, else the laptop's user name).
    #[arg(long, global = true, value_name = "NAME")]
    staff: Option<String>,
    /// Language of messages and formatted values.
    #[arg(long, global = true, value_parser = parse_lang, default_value = "ro")]
    lang: Lang,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fills an empty database with realistic demo data (deterministic for a given seed).
    Demo {
        #[arg(long, default_value_t = 42)]
        clusters: usize,
        /// Member organisations per cluster (default: 6 to 25, varying).
        #[arg(long)]
        orgs_per_cluster: Option<usize>,
        #[arg(long, default_value_t = 2011)]
        seed: u64,
    },
    /// Member clusters.
    Clusters {
        #[command(subcommand)]
        command: clusters::ClustersCommand,
    },
    /// Trainings: the session calendar.
    Trainings {
        #[command(subcommand)]
        command: trainings::TrainingsCommand,
    },
    /// Events: the list, with the ids the event documents take.
    Events {
        #[command(subcommand)]
        command: events::EventsCommand,
    },
    /// Funding calls: the list, and who fits one (with why).
    Calls {
        #[command(subcommand)]
        command: calls::CallsCommand,
    },
    /// Documents and exports, written whole to --out.
    Report {
        #[command(subcommand)]
        command: annual::ReportCommand,
    },
    /// Exports written whole to --out: the member directory.
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Backups: `backup [--out FILE]` makes a copy (in the backups folder beside the database
    /// unless --out); `backup list`, `backup check FILE`, `backup keep [N]`.
    Backup(backup::BackupArgs),
    /// Replaces the database by a backup FILE, once checked; the current data is kept as a copy.
    Restore { file: PathBuf },
    /// The audit log: who changed what and when, filtered like the app's audit view.
    Audit(audit::AuditArgs),
    /// A contact's personal data: `contact export --id N --out FILE.json|FILE.pdf`, `contact erase --id N --yes`.
    Contact {
        #[command(subcommand)]
        command: audit::ContactCommand,
    },
    /// ANAF's public data by CUI (only the CUIs and a date are sent): `anaf lookup CUI…`,
    /// `anaf check [--since DAYS]` (the membership check), `anaf settings [--on|--off] [--url URL]`.
    Anaf {
        #[command(subcommand)]
        command: anaf::AnafCommand,
    },
    /// Bulletins: `bulletin send --id N [--dry-run]`, `bulletin password` (from stdin).
    Bulletin {
        #[command(subcommand)]
        command: bulletin::BulletinCommand,
    },
    /// Imports from CSV or XLSX: prints the preview (rows to create, update or refuse, with the
    /// reasons), then writes everything in one transaction, or nothing.
    Import {
        #[command(subcommand)]
        command: import::ImportCommand,
    },
    /// CUIs: `cui duplicates` lists the duplicates found when CUIs were brought to the
    /// registry's form (no RO, no leading zeros), until staff resolve them.
    Cui {
        #[command(subcommand)]
        command: cui::CuiCommand,
    },
}

fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::parse(value).ok_or_else(|| format!("'{value}': use ro or en"))
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", output::error_text(lang, &e));
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> clusterdesk_core::Result<()> {
    let path = cli.db.unwrap_or_else(store::default_db_path);
    let store = Store::open(&path).await?;
    if let Some(staff) = cli.staff.clone().or_else(|| std::env::var("CLUSTERDESK_STAFF").ok()) {
        store.set_staff(&staff);
    }
    let lang = cli.lang;
    if !matches!(cli.command, Command::Cui { .. }) {
        cui::warn_if_open(&store, lang).await?;
    }
    match cli.command {
        Command::Demo { clusters, orgs_per_cluster, seed } => {
            let summary = demo::generate(&store, &DemoOptions { clusters, orgs_per_cluster, seed }).await?;
            let values = [
                ("clusters", summary.clusters.to_string()),
                ("organisations", summary.organisations.to_string()),
                ("contacts", summary.contacts.to_string()),
                ("gold", summary.gold.to_string()),
                ("silver", summary.silver.to_string()),
                ("bronze", summary.bronze.to_string()),
            ];
            let params: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            println!("{}", t(lang, "cli.demo_done", &params));
        }
        Command::Clusters { command } => clusters::run(&store, lang, command).await?,
        Command::Trainings { command } => trainings::run(&store, lang, command).await?,
        Command::Events { command } => events::run(&store, lang, command).await?,
        Command::Calls { command } => calls::run(&store, lang, command).await?,
        Command::Report { command } => annual::run(&store, lang, command).await?,
        Command::Export { command } => export::run(&store, lang, command).await?,
        Command::Import { command } => import::run(&store, lang, command).await?,
        Command::Anaf { command } => anaf::run(&store, lang, command).await?,
        Command::Backup(args) => return backup::run(store, lang, args).await,
        Command::Restore { file } => return backup::restore(store, lang, &file).await,
        Command::Audit(args) => audit::run(&store, lang, args).await?,
        Command::Contact { command } => audit::contact(&store, lang, command).await?,
        Command::Cui { command } => cui::run(&store, lang, command).await?,
        Command::Bulletin { command } => bulletin::run(&store, lang, command).await?,
    }
    store.close().await;
    Ok(())
}
