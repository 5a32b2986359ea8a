//! `clusterdesk backup …` and `clusterdesk restore FILE`: the app's backups, from a terminal.
//!
//! `backup` alone (or `backup create`) makes a copy in the backups folder beside the database, or
//! at `--out FILE`; `backup list` lists the copies; `backup check FILE` says whether a file could
//! be restored; `backup keep [N]` shows or sets how many daily copies the app keeps;
//! `restore FILE` (or `backup restore FILE`) replaces the database by a checked copy.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use clusterdesk_core::backup::{self, BackupCheck, BackupInfo};
use clusterdesk_core::i18n::{Lang, format_date, format_decimal, format_integer, t};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BackupArgs {
    #[command(subcommand)]
    command: Option<BackupCommand>,
    #[command(flatten)]
    create: CreateArgs,
}

#[derive(Args)]
pub struct CreateArgs {
    /// Write the copy to FILE (replaced once the copy is whole) instead of the backups folder.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Makes a copy now (the same as `backup` alone).
    Create(CreateArgs),
    /// Lists the copies in the backups folder, newest first.
    List {
        /// As JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Checks FILE as a restore would (integrity, schema version), without changing anything.
    Check { file: PathBuf },
    /// Replaces the database by FILE (the same as `restore FILE`).
    Restore { file: PathBuf },
    /// Shows, or sets to N, how many daily copies the app keeps.
    Keep { n: Option<usize> },
}

pub async fn run(store: Store, lang: Lang, args: BackupArgs) -> Result<()> {
    let command = args.command.unwrap_or(BackupCommand::Create(args.create));
    let store = match command {
        BackupCommand::Create(CreateArgs { out: Some(out) }) => {
            backup::backup_to(&store, &out).await?;
            let size = std::fs::metadata(&out)?.len();
            println!(
                "{}",
                t(
                    lang,
                    "backup.cli.created",
                    &[("path", &out.display().to_string()), ("size", &size_text(lang, size))]
                )
            );
            store
        }
        BackupCommand::Create(CreateArgs { out: None }) => {
            let info = backup::create(&store, backup::BackupKind::Manual).await?;
            println!(
                "{}",
                t(lang, "backup.cli.created", &[("path", &info.path), ("size", &size_text(lang, info.size_bytes))])
            );
            store
        }
        BackupCommand::List { json } => {
            list(&store, lang, json)?;
            store
        }
        BackupCommand::Check { file } => {
            let check = backup::check(&file).await?;
            println!("{}", checked_text(lang, &check));
            store
        }
        BackupCommand::Restore { file } => return restore(store, lang, &file).await,
        BackupCommand::Keep { n } => {
            if let Some(n) = n {
                backup::set_keep(&store, n).await?;
            }
            let keep = backup::keep(&store).await?.to_string();
            println!("{}", t(lang, "backup.cli.keep", &[("keep", &keep)]));
            store
        }
    };
    store.close().await;
    Ok(())
}

/// `clusterdesk restore FILE`: prints what was checked, where the replaced data was kept.
pub async fn restore(store: Store, lang: Lang, file: &Path) -> Result<()> {
    let db = store.path().display().to_string();
    let restored = backup::restore(store, file).await?;
    let report = &restored.report;
    println!("{}", checked_text(lang, &report.check));
    if report.check.needs_migration {
        println!("{}", t(lang, "backup.cli.migrated", &[]));
    }
    println!("{}", t(lang, "backup.cli.before_restore", &[("path", &report.before_restore.path)]));
    println!("{}", t(lang, "backup.cli.restored", &[("db", &db), ("path", &file.display().to_string())]));
    restored.store.close().await;
    Ok(())
}

fn list(store: &Store, lang: Lang, json: bool) -> Result<()> {
    let backups = backup::list(store)?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &backups).map_err(std::io::Error::other)?;
        writeln!(out)?;
        return Ok(());
    }
    if backups.is_empty() {
        let dir = backup::dir_for(store.path()).display().to_string();
        writeln!(out, "{}", t(lang, "backup.cli.none", &[("dir", &dir)]))?;
        return Ok(());
    }
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(
        ["backup.col.date", "backup.col.kind", "backup.col.size", "backup.col.file"].map(|k| t(lang, k, &[])),
    );
    for info in &backups {
        table.add_row(vec![
            when(lang, info),
            t(lang, &format!("backup.kind.{}", info.kind.code()), &[]),
            size_text(lang, info.size_bytes),
            info.file_name.clone(),
        ]);
    }
    writeln!(out, "{table}")?;
    writeln!(out, "{}", backup::dir_for(store.path()).display())?;
    Ok(())
}

fn checked_text(lang: Lang, check: &BackupCheck) -> String {
    t(
        lang,
        "backup.cli.checked",
        &[
            ("path", &check.path),
            ("integrity", &check.integrity),
            ("schema_version", &check.schema_version.to_string()),
            ("app_schema_version", &check.app_schema_version.to_string()),
            ("clusters", &format_integer(lang, check.clusters)),
        ],
    )
}

/// "27.11.2026 14:03".
fn when(lang: Lang, info: &BackupInfo) -> String {
    let date = chrono::NaiveDate::parse_from_str(info.created_at.get(..10).unwrap_or_default(), "%Y-%m-%d");
    match date {
        Ok(date) => format!("{} {}", format_date(lang, date), info.created_at.get(11..16).unwrap_or_default()),
        Err(_) => info.created_at.clone(),
    }
}

/// "840 kB", "10,23 MB".
fn size_text(lang: Lang, bytes: u64) -> String {
    let bytes = i64::try_from(bytes).unwrap_or(i64::MAX);
    if bytes < 1024 * 1024 {
        t(lang, "backup.size_kb", &[("value", &format_integer(lang, (bytes + 1023) / 1024))])
    } else {
        t(lang, "backup.size_mb", &[("value", &format_decimal(lang, bytes * 100 / (1024 * 1024)))])
    }
}
