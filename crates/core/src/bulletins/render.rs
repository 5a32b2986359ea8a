//! What a bulletin says: its edition in one language (rendered from the register when it is
//! queued, and stored), and each message (the edition with the recipient's greeting and the
//! unsubscribe line), as plain text and HTML.

use chrono::{Days, NaiveDate};
use sqlx::SqliteConnection;

use super::model::{BulletinInput, Preview};
use crate::Result;
use crate::i18n::{self, Lang};

/// A call as a section lists it: titles, programme, funder, link, opening and closing days.
type CallRow = (String, String, String, String, String, Option<String>, Option<String>);
/// A regulation: titles, reference, day, effect in both languages, link.
type RegulationRow = (String, String, String, String, String, String, String);

/// One block of the bulletin: a heading and its items.
struct Section {
    heading: String,
    items: Vec<Item>,
}

struct Item {
    title: String,
    lines: Vec<String>,
    link: String,
}

/// An edition: subject and body (without greeting or unsubscribe line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edition {
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn pick<'a>(lang: Lang, ro: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::En if !en.trim().is_empty() => en,
        _ => ro,
    }
}

fn date(lang: Lang, day: &str) -> String {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map(|d| i18n::format_date(lang, d)).unwrap_or_else(|_| day.to_string())
}

fn span(lang: Lang, from: &str, to: &str) -> String {
    if from == to { date(lang, from) } else { format!("{} – {}", date(lang, from), date(lang, to)) }
}

/// The edition of `input` in `lang` as the register reads on `today`.
pub(crate) async fn edition(
    conn: &mut SqliteConnection,
    bulletin_id: i64,
    input: &BulletinInput,
    lang: Lang,
    today: NaiveDate,
) -> Result<Edition> {
    let t = |key: &str| i18n::t(lang, key, &[]);
    let mut sections = Vec::new();

    let calls: Vec<CallRow> = sqlx::query_as(
        "SELECT c.title_ro, c.title_en, c.programme, c.funder, c.link, c.opens_on, c.closes_on \
         FROM bulletin_calls b JOIN funding_calls c ON c.id = b.call_id WHERE b.bulletin_id = ? ORDER BY b.position",
    )
    .bind(bulletin_id)
    .fetch_all(&mut *conn)
    .await?;
    let items = calls
        .into_iter()
        .map(|(ro, en, programme, funder, link, opens, closes)| {
            let mut lines =
                vec![[programme, funder].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")];
            if let Some(opens) = opens {
                lines.push(i18n::t(lang, "bulletin.call_opens", &[("date", &date(lang, &opens))]));
            }
            lines.push(match closes {
                Some(closes) => i18n::t(lang, "bulletin.call_closes", &[("date", &date(lang, &closes))]),
                None => t("bulletin.call_open_ended"),
            });
            Item { title: pick(lang, &ro, &en).to_string(), lines, link }
        })
        .collect();
    sections.push(Section { heading: t("bulletin.section_calls"), items });

    let regulations: Vec<RegulationRow> = sqlx::query_as(
        "SELECT r.title_ro, r.title_en, r.reference, r.issued_on, r.effect_ro, r.effect_en, r.link \
         FROM bulletin_regulations b JOIN regulations r ON r.id = b.regulation_id WHERE b.bulletin_id = ? \
         ORDER BY b.position",
    )
    .bind(bulletin_id)
    .fetch_all(&mut *conn)
    .await?;
    let items = regulations
        .into_iter()
        .map(|(ro, en, reference, issued, effect_ro, effect_en, link)| {
            let mut lines = vec![
                [reference, date(lang, &issued)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
            ];
            let effect = pick(lang, &effect_ro, &effect_en);
            if !effect.is_empty() {
                lines.push(effect.to_string());
            }
            Item { title: pick(lang, &ro, &en).to_string(), lines, link }
        })
        .collect();
    sections.push(Section { heading: t("bulletin.section_regulations"), items });

    if input.events_days > 0 {
        let from = today.to_string();
        let until = today.checked_add_days(Days::new(input.events_days.unsigned_abs())).unwrap_or(today).to_string();
        let events: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT title, starts_on, ends_on, place FROM events WHERE status = 'planned' AND starts_on BETWEEN ? AND ? \
             ORDER BY starts_on, id",
        )
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *conn)
        .await?;
        let items = events
            .into_iter()
            .map(|(title, starts, ends, place)| Item {
                title,
                lines: [span(lang, &starts, &ends), place].into_iter().filter(|s| !s.is_empty()).collect(),
                link: String::new(),
            })
            .collect();
        sections.push(Section { heading: t("bulletin.section_events"), items });
        let sessions: Vec<(String, String, String, String, String)> = sqlx::query_as(
            "SELECT c.title_ro, c.title_en, MIN(d.day), MAX(d.day), s.place FROM sessions s \
             JOIN courses c ON c.id = s.course_id JOIN session_days d ON d.session_id = s.id \
             WHERE s.status = 'planned' AND s.id IN (SELECT session_id FROM session_days WHERE day BETWEEN ? AND ?) \
             GROUP BY s.id HAVING MIN(d.day) >= ? ORDER BY MIN(d.day), s.id",
        )
        .bind(&from)
        .bind(&until)
        .bind(&from)
        .fetch_all(&mut *conn)
        .await?;
        let items = sessions
            .into_iter()
            .map(|(ro, en, first, last, place)| Item {
                title: pick(lang, &ro, &en).to_string(),
                lines: [span(lang, &first, &last), place].into_iter().filter(|s| !s.is_empty()).collect(),
                link: String::new(),
            })
            .collect();
        sections.push(Section { heading: t("bulletin.section_trainings"), items });
    }
    sections.retain(|s| !s.items.is_empty());

    let intro = pick(lang, &input.intro_ro, &input.intro_en);
    let closing = pick(lang, &input.closing_ro, &input.closing_en);
    let subject = pick(lang, &input.subject_ro, &input.subject_en).to_string();
    Ok(Edition { subject, text: text(intro, &sections, closing), html: html(intro, &sections, closing) })
}

fn text(intro: &str, sections: &[Section], closing: &str) -> String {
    let mut out = String::new();
    if !intro.is_empty() {
        out.push_str(intro);
        out.push_str("\n\n");
    }
    for s in sections {
        out.push_str(&s.heading.to_uppercase());
        out.push('\n');
        for item in &s.items {
            out.push_str(&format!("\n* {}\n", item.title));
            for line in item.lines.iter().filter(|l| !l.is_empty()) {
                out.push_str(&format!("  {line}\n"));
            }
            if !item.link.is_empty() {
                out.push_str(&format!("  {}\n", item.link));
            }
        }
        out.push('\n');
    }
    if !closing.is_empty() {
        out.push_str(closing);
        out.push('\n');
    }
    out
}

pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>\n", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

fn html(intro: &str, sections: &[Section], closing: &str) -> String {
    let mut out = paragraphs(intro);
    for s in sections {
        out.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape(&s.heading)));
        for item in &s.items {
            out.push_str(&format!("<li><strong>{}</strong>", escape(&item.title)));
            for line in item.lines.iter().filter(|l| !l.is_empty()) {
                out.push_str(&format!("<br>{}", escape(line)));
            }
            // Only web links become anchors: the texts come from staff, the link from the register.
            if item.link.starts_with("https://") || item.link.starts_with("http://") {
                out.push_str(&format!("<br><a href=\"{0}\">{0}</a>", escape(&item.link)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&paragraphs(closing));
    out
}

/// Who a message says it comes from, and where an unsubscription is sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sender {
    pub name: String,
    pub address: String,
}

/// One recipient's message: the greeting, the edition, the unsubscribe line.
pub(crate) fn message(edition: &Edition, lang: Lang, name: &str, sender: &Sender) -> Preview {
    let greeting = i18n::t(lang, "bulletin.greeting", &[("name", name)]);
    let unsubscribe =
        i18n::t(lang, "bulletin.unsubscribe_line", &[("sender", &sender.name), ("address", &sender.address)]);
    Preview {
        subject: edition.subject.clone(),
        text: format!("{greeting}\n\n{}\n-- \n{unsubscribe}\n", edition.text),
        html: format!(
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n<p>{}</p>\n{}<hr>\n<p style=\"font-size:small\">{}</p>\n</body></html>\n",
            lang.code(),
            escape(&edition.subject),
            escape(&greeting),
            edition.html,
            escape(&unsubscribe)
        ),
    }
}
