//! A bulletin as a PDF to print or attach: the message its reader gets, laid out with the
//! reports' toolkit (DejaVu, ș ț).

use crate::Result;
use crate::i18n::Lang;
use crate::reports::pdf::{Colour, Document, PageSize, TextStyle};
use crate::store::Store;

/// The bulletin as `contact_id` (or a sample reader in `lang`) reads it.
pub async fn bulletin_pdf(store: &Store, bulletin_id: i64, lang: Lang, contact_id: Option<i64>) -> Result<Vec<u8>> {
    let message = super::preview(store, bulletin_id, lang, contact_id).await?;
    let mut doc = Document::new(&message.subject, lang, store.today());
    doc.add_page(PageSize::A4Portrait);
    let (left, width) = (doc.margins().left, doc.content_width());
    let mut y = doc.margins().top;
    let title = TextStyle::new(15.0).bold().colour(Colour::DEEP_BLUE).line_height(1.25);
    y += doc.paragraph(left, y, width, &message.subject, &title) + 4.0;
    let body = TextStyle::new(10.0).line_height(1.35);
    let item = TextStyle::new(10.0).bold().line_height(1.35);
    let heading = TextStyle::new(12.0).bold().colour(Colour::DEEP_BLUE);
    let lines: Vec<&str> = message.text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        // The plain text marks its sections as a line in capitals followed by an item.
        let is_heading = !line.is_empty()
            && line.chars().any(char::is_alphabetic)
            && line.to_uppercase() == *line
            && lines.get(i + 2).is_some_and(|next| next.starts_with("* "));
        let (text, style, indent) = if is_heading {
            (line.to_string(), &heading, 0.0)
        } else if let Some(title) = line.strip_prefix("* ") {
            (title.to_string(), &item, 0.0)
        } else if let Some(rest) = line.strip_prefix("  ") {
            (rest.to_string(), &body, 5.0)
        } else {
            (line.to_string(), &body, 0.0)
        };
        if text.is_empty() || text == "-- " {
            y += 2.5;
            continue;
        }
        let height = doc.measure_paragraph(width - indent, &text, style);
        if y + height > doc.content_bottom() {
            doc.add_page(PageSize::A4Portrait);
            y = doc.margins().top;
        }
        if is_heading {
            y += 3.0;
        }
        y += doc.paragraph(left + indent, y, width - indent, &text, style) + 0.6;
    }
    doc.finish()
}
