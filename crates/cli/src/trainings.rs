use std::io::Write;

use clap::Subcommand;
use clusterdesk_core::i18n::{Lang, format_date, t};
use clusterdesk_core::trainings::{self, SessionRow};
use clusterdesk_core::{Result, Store};
use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};

#[derive(Subcommand)]
pub enum TrainingsCommand {
    /// The training calendar: sessions whose days fall between two dates (YYYY-MM-DD).
    Sessions {
        #[arg(long, default_value = "2000-01-01")]
        from: String,
        #[arg(long, default_value = "2100-12-31")]
        to: String,
    },
}

pub async fn run(store: &Store, lang: Lang, command: TrainingsCommand) -> Result<()> {
    match command {
        TrainingsCommand::Sessions { from, to } => {
            let rows = trainings::sessions_in(store, &from, &to).await?;
            let mut table = Table::new();
            table.load_preset(UTF8_FULL_CONDENSED).set_header(
                ["id", "dates", "course", "partner", "enrolled", "waitlisted"]
                    .map(|k| t(lang, &format!("cli.session.{k}"), &[])),
            );
            for row in &rows {
                table.add_row(cells(lang, row));
            }
            writeln!(std::io::stdout().lock(), "{table}")?;
        }
    }
    Ok(())
}

fn cells(lang: Lang, row: &SessionRow) -> Vec<String> {
    let date = |iso: &str| {
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map(|d| format_date(lang, d))
            .unwrap_or_else(|_| iso.to_string())
    };
    let dates = if row.first_day == row.last_day {
        date(&row.first_day)
    } else {
        format!("{} – {}", date(&row.first_day), date(&row.last_day))
    };
    vec![
        row.id.to_string(),
        dates,
        match lang {
            Lang::Ro => row.title_ro.clone(),
            Lang::En => row.title_en.clone(),
        },
        row.partner_name.clone().unwrap_or_default(),
        format!("{}/{}", row.counts.enrolled, row.counts.capacity),
        row.counts.waitlisted.to_string(),
    ]
}
