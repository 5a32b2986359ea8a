use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use clusterdesk_core::i18n::Lang;
use clusterdesk_core::reports::{tables, training_docs};
use clusterdesk_core::{Error, Result, Store, assessments, events, files, trainings};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The attendance sheets of a training session (one per day), as PDF.
    Attendance {
        #[arg(long)]
        session: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The certificates of the participants who completed a session, all in one PDF.
    Certificates {
        #[arg(long)]
        session: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The assessment report of a cluster for a reference year (its final revision, else the
    /// draft), as PDF in the language of --lang; with --all, the report of every cluster assessed
    /// for that year, one file each in the folder --out (one process: one start-up for them all).
    Assessment {
        /// The cluster's number, or its name (a unique part of it is enough).
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        cluster: Option<String>,
        /// Every cluster with an assessment for --year.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        year: i64,
        /// The PDF file, or with --all the folder (created if needed).
        #[arg(long)]
        out: PathBuf,
    },
    /// The participants of a session as CSV (semicolons, UTF-8 with BOM) or XLSX.
    Participants {
        #[arg(long)]
        session: i64,
        #[arg(long, value_enum, default_value_t = TableFormat::Xlsx)]
        format: TableFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// A document of an event as PDF (the event report unless --document says otherwise); the
    /// ids are in `clusterdesk events list`.
    Event {
        #[arg(long)]
        event: i64,
        #[arg(long, value_enum, default_value_t = EventDocument::Report)]
        document: EventDocument,
        #[arg(long)]
        out: PathBuf,
    },
    /// The participants of an event as CSV (semicolons, UTF-8 with BOM) or XLSX.
    EventParticipants {
        #[arg(long)]
        event: i64,
        #[arg(long, value_enum, default_value_t = TableFormat::Xlsx)]
        format: TableFormat,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum EventDocument {
    /// The event report: facts, figures by country and cluster, meetings, participants, evaluation.
    Report,
    /// The participant list, with a column to sign.
    Participants,
    /// The bilateral meetings by slot.
    Schedule,
    /// Name badges, eight to an A4 page.
    Badges,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TableFormat {
    Csv,
    Xlsx,
}

pub async fn run(store: &Store, lang: Lang, command: ReportCommand) -> Result<()> {
    let (bytes, out) = match command {
        ReportCommand::Attendance { session, out } => {
            let sheets = trainings::attendance_sheets(store, session, lang).await?;
            (training_docs::attendance_sheets_pdf(&sheets, store.today())?, out)
        }
        ReportCommand::Certificates { session, out } => {
            let certificates = trainings::certificates(store, session).await?;
            if certificates.is_empty() {
                return Err(Error::refused("error.no_certificates"));
            }
            (training_docs::certificates_pdf(&certificates)?, out)
        }
        ReportCommand::Assessment { cluster: None, year, out, .. } => return all_assessments(store, lang, year, &out).await,
        ReportCommand::Assessment { cluster: Some(cluster), year, out, .. } => {
            let cluster = assessments::report::resolve_cluster(store, &cluster).await?;
            let data = assessments::report::report_for(store, cluster, year, lang, store.today()).await?;
            (assessments::report::pdf(&data)?, out)
        }
        ReportCommand::Participants { session, format, out } => {
            (table_bytes(trainings::participants_table(store, session, lang).await?, format, lang)?, out)
        }
        ReportCommand::Event { event, document, out } => {
            let bytes = match document {
                EventDocument::Report => events::event_report(store, event, lang).await?,
                EventDocument::Participants => events::participant_list(store, event, lang).await?,
                EventDocument::Schedule => events::meeting_schedule(store, event, lang).await?,
                EventDocument::Badges => events::badges(store, event, lang).await?,
            };
            (bytes, out)
        }
        ReportCommand::EventParticipants { event, format, out } => {
            (table_bytes(events::participants_table(store, event, lang).await?, format, lang)?, out)
        }
    };
    files::write_atomic(&out, &bytes)?;
    println!("{}", out.display());
    Ok(())
}

/// Every assessed cluster's report for `year` into the folder `out`, each file named as the app
/// names it; prints each path.
async fn all_assessments(store: &Store, lang: Lang, year: i64, out: &Path) -> Result<()> {
    let clusters = assessments::report::clusters_with_assessment(store, year).await?;
    if clusters.is_empty() {
        return Err(Error::Refused {
            code: "error.assessment_none_for_year",
            params: [("year".to_string(), year.to_string())].into(),
        });
    }
    std::fs::create_dir_all(out)?;
    let mut names = HashSet::new();
    for cluster in clusters {
        let data = assessments::report::report_for(store, cluster, year, lang, store.today()).await?;
        let mut name = assessments::report::file_name(&data);
        // Two clusters may share a name: the second file must not replace the first.
        if !names.insert(name.clone()) {
            name = format!("{cluster}_{name}");
        }
        let path = out.join(name);
        files::write_atomic(&path, &assessments::report::pdf(&data)?)?;
        println!("{}", path.display());
    }
    Ok(())
}

fn table_bytes(table: tables::Table, format: TableFormat, lang: Lang) -> Result<Vec<u8>> {
    Ok(match format {
        TableFormat::Csv => {
            tables::to_csv(&table, tables::CsvOptions { separator: tables::Separator::Semicolon, lang })
        }
        TableFormat::Xlsx => tables::to_xlsx(&[table], lang)?,
    })
}
