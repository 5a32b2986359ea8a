//! A contact's personal data as a PDF for the person: who they are in the records, their
//! consent, their trainings, every other row that refers to them, and the audit log about them.

use serde_json::{Map, Value};

use super::PersonalData;
use crate::i18n::{self, Lang, t};
use crate::reports::pdf::{Colour, Document, PageSize, TableColumn, TableLayout, TextStyle};

const STRIPE: Colour = Colour::hex(0xf4f6f9);

/// A value as read: text as is, `null` as a dash, dates and stamps in the language's format.
fn value_text(lang: Lang, value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) => stamp_text(lang, s)
            .or_else(|| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| i18n::format_date(lang, d)))
            .unwrap_or_else(|| s.clone()),
        other => other.to_string(),
    }
}

/// "27.11.2026 14:03 UTC" from a stored RFC 3339 stamp.
fn stamp_text(lang: Lang, stamp: &str) -> Option<String> {
    let at = chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%SZ").ok()?;
    Some(format!("{} {} UTC", i18n::format_date(lang, at.date()), at.format("%H:%M")))
}

/// A field name as the forms say it, else as stored.
fn field_name(lang: Lang, table: &str, field: &str) -> String {
    let prefix = match table {
        "contacts" => "contact",
        "participants" => "enrolment",
        _ => "",
    };
    for key in [format!("{prefix}.field.{field}"), format!("audit.field.{field}")] {
        let text = t(lang, &key, &[]);
        if text != key {
            return text;
        }
    }
    field.to_string()
}

fn entity_name(lang: Lang, table: &str) -> String {
    let key = format!("audit.entity.{table}");
    let text = t(lang, &key, &[]);
    if text == key { table.to_string() } else { text }
}

struct Page {
    doc: Document,
    lang: Lang,
    y: f32,
}

impl Page {
    fn left(&self) -> f32 {
        self.doc.margins().left
    }

    fn width(&self) -> f32 {
        self.doc.content_width()
    }

    fn heading(&mut self, text: &str) {
        if self.y + 30.0 > self.doc.content_bottom() {
            self.doc.add_page(PageSize::A4Portrait);
            self.y = self.doc.margins().top;
        }
        self.y += 8.0;
        let left = self.left();
        self.doc.text(left, self.y, text, &TextStyle::new(12.5).bold().colour(Colour::DEEP_BLUE));
        self.doc.hline(left, left + 14.0, self.y + 2.2, Colour::GOLD, 1.4);
        self.y += 5.0;
    }

    fn note(&mut self, text: &str) {
        let style = TextStyle::new(9.0).colour(Colour::MUTED).line_height(1.3);
        let (left, width) = (self.left(), self.width());
        self.y += self.doc.paragraph(left, self.y, width, text, &style) + 1.0;
    }

    fn table(&mut self, headers: &[(String, f32)], rows: Vec<Vec<String>>) {
        let width = self.width();
        let total: f32 = headers.iter().map(|h| h.1).sum();
        let mut layout = TableLayout::new(
            self.left(),
            headers.iter().map(|(h, w)| TableColumn::new(h.clone(), w / total * width)).collect(),
        );
        layout.stripe = Some(STRIPE);
        layout.size = 9.0;
        layout.header_size = 8.5;
        layout.min_row_height = 6.2;
        let mut continuation = |doc: &mut Document| doc.margins().top;
        self.y = self.doc.table(&layout, &rows, self.y + 1.0, &mut continuation) + 2.0;
    }

    /// One record: field and value per row.
    fn record(&mut self, table: &str, row: &Map<String, Value>) {
        let lang = self.lang;
        let rows = row
            .iter()
            .map(|(f, v)| {
                let value = match (f.as_str(), v.as_i64()) {
                    ("consent", Some(1)) => t(lang, "contact.consent_yes", &[]),
                    ("consent", Some(0)) => t(lang, "contact.consent_no", &[]),
                    _ => value_text(lang, v),
                };
                vec![field_name(lang, table, f), value]
            })
            .collect();
        self.table(&[(t(lang, "audit.col.field", &[]), 1.0), (t(lang, "privacy.pdf.value", &[]), 2.0)], rows);
    }
}

/// The PDF of `data` in `lang`.
pub fn pdf(data: &PersonalData, lang: Lang) -> crate::Result<Vec<u8>> {
    // The day the data was collected, in Bucharest.
    let made_on = crate::clock::local_time_of_stamp(&data.generated_at).map(|t| t.date()).unwrap_or_default();
    let title = t(lang, "privacy.pdf.title", &[]);
    let mut page = Page { doc: Document::new(&title, lang, made_on), lang, y: 0.0 };
    page.doc.add_page(PageSize::A4Portrait);
    let (left, width) = (page.left(), page.width());
    page.y = page.doc.margins().top + 6.0;
    page.doc.text(left, page.y, &title, &TextStyle::new(18.0).bold().colour(Colour::DEEP_BLUE));
    page.y += 8.0;
    page.doc.text(left, page.y, &data.name, &TextStyle::new(13.0).bold());
    page.y += 3.0;
    let intro =
        t(lang, "privacy.pdf.intro", &[("cluster", &data.cluster_name), ("date", &i18n::format_date(lang, made_on))]);
    let style = TextStyle::new(9.5).line_height(1.35);
    page.y += page.doc.paragraph(left, page.y + 2.0, width, &intro, &style) + 2.0;

    page.heading(&t(lang, "privacy.pdf.contact", &[]));
    if let Some(contact) = data.records.get("contacts").and_then(|rows| rows.first()) {
        page.record("contacts", contact);
    }

    page.heading(&t(lang, "privacy.pdf.trainings", &[]));
    if data.trainings.is_empty() {
        page.note(&t(lang, "privacy.pdf.none", &[]));
    } else {
        let rows = data
            .trainings
            .iter()
            .map(|r| {
                vec![
                    if lang == Lang::En { r.title_en.clone() } else { r.title_ro.clone() },
                    format!(
                        "{} – {}",
                        value_text(lang, &r.first_day.clone().into()),
                        value_text(lang, &r.last_day.clone().into())
                    ),
                    t(lang, &format!("enrolment.state.{}", r.state.code()), &[]),
                    r.certificate_number.clone().unwrap_or_else(|| "—".into()),
                ]
            })
            .collect();
        let headers = [
            (t(lang, "privacy.pdf.course", &[]), 3.0),
            (t(lang, "privacy.pdf.dates", &[]), 2.0),
            (t(lang, "privacy.pdf.state", &[]), 1.3),
            (t(lang, "privacy.pdf.certificate", &[]), 1.7),
        ];
        page.table(&headers, rows);
    }

    page.heading(&t(lang, "privacy.pdf.records", &[]));
    page.note(&t(lang, "privacy.pdf.records_note", &[]));
    for (table, rows) in data.records.iter().filter(|(table, _)| table.as_str() != "contacts") {
        for row in rows {
            let label = entity_name(lang, table);
            page.y += 2.0;
            page.note(&label);
            page.record(table, row);
        }
    }

    page.heading(&t(lang, "privacy.pdf.audit", &[]));
    if data.audit_log.is_empty() {
        page.note(&t(lang, "privacy.pdf.none", &[]));
    } else {
        let rows = data
            .audit_log
            .iter()
            .map(|e| {
                let changes: Vec<String> = e
                    .changes
                    .iter()
                    .map(|c| {
                        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
                        format!("{}: {} → {}", field_name(lang, &e.entity, &c.field), show(&c.before), show(&c.after))
                    })
                    .collect();
                vec![
                    stamp_text(lang, &e.at).unwrap_or_else(|| e.at.clone()),
                    e.staff.clone(),
                    format!(
                        "{} · {}",
                        t(lang, &format!("audit.action.{}", e.action.code()), &[]),
                        entity_name(lang, &e.entity)
                    ),
                    changes.join("; "),
                ]
            })
            .collect();
        let headers = [
            (t(lang, "audit.col.at", &[]), 1.6),
            (t(lang, "audit.col.staff", &[]), 1.4),
            (t(lang, "audit.col.action", &[]), 1.8),
            (t(lang, "privacy.pdf.changes", &[]), 4.0),
        ];
        page.table(&headers, rows);
    }
    page.doc.finish()
}
