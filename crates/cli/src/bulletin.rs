//! `clusterdesk bulletin send --id ID [--dry-run]`: sends a queued bulletin's outbox through the
//! SMTP server of the settings; `bulletin password` keeps the server's password (read from stdin).

use std::io::{Read, Write};

use clap::Subcommand;
use clusterdesk_core::bulletins::{self, MessageState};
use clusterdesk_core::i18n::{Lang, t};
use clusterdesk_core::{Result, Store};

#[derive(Subcommand)]
pub enum BulletinCommand {
    /// Sends what waits in the bulletin's outbox; run again, it goes on where it stopped.
    Send {
        #[arg(long)]
        id: i64,
        /// Lists who would receive a message now, connects to nothing and changes nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Keeps the SMTP password, read from standard input, in the OS keychain (else in a file only
    /// the user can read); prints which.
    Password,
}

pub async fn run(store: &Store, lang: Lang, command: BulletinCommand) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        BulletinCommand::Send { id, dry_run: true } => {
            let waiting: Vec<_> = bulletins::bulletin_messages(store, id)
                .await?
                .into_iter()
                .filter(|m| m.state == MessageState::Queued)
                .collect();
            for m in &waiting {
                writeln!(out, "{} <{}> {}", m.recipient_name, m.address, m.language.code())?;
            }
            writeln!(out, "{}", t(lang, "cli.bulletin.dry_run", &[("count", &waiting.len().to_string())]))?;
        }
        BulletinCommand::Send { id, dry_run: false } => {
            let mut last = 0;
            let report = bulletins::send_bulletin(store, id, &mut |counts| {
                let done = counts.sent + counts.failed;
                if done / 50 != last / 50 || counts.queued == 0 {
                    eprintln!("{done}/{}", counts.total);
                }
                last = done;
            })
            .await?;
            let c = &report.counts;
            let values = [("sent", c.sent), ("failed", c.failed), ("queued", c.queued), ("cancelled", c.cancelled)]
                .map(|(k, v)| (k, v.to_string()));
            let params: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            writeln!(out, "{}", t(lang, "cli.bulletin.sent", &params))?;
            if !report.stopped.is_empty() {
                return Err(clusterdesk_core::Error::Refused {
                    code: "bulletin.send_stopped",
                    params: [("detail".into(), report.stopped)].into(),
                });
            }
        }
        BulletinCommand::Password => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let kept = bulletins::set_smtp_password(store, password.trim_end_matches(['\r', '\n']))?;
            writeln!(out, "{}", t(lang, &format!("smtp.password_store.{}", kept.code()), &[]))?;
        }
    }
    Ok(())
}
