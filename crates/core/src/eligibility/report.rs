//! The eligibility checks as a section of a printed report, with the report toolkit.

use super::{CriterionCheck, Eligibility, SchemeCheck};
use crate::i18n::{Lang, format_decimal, format_integer, t};
use crate::reports::pdf::{Align, Colour, Document, TableColumn, TableLayout, TextStyle};

/// Draws the eligibility of a cluster from `y` (mm from the top of the current page): a heading,
/// then per scheme a table of its criteria (met or not, the value against the threshold, what is
/// missing). Returns the y below the section; tables continue on new pages when needed.
pub fn pdf_section(doc: &mut Document, eligibility: &Eligibility, y: f32) -> f32 {
    let lang = doc.lang();
    let x = doc.margins().left;
    let width = doc.content_width();
    // The look of a report's section titles: deep blue, a short gold rule under it.
    let heading = TextStyle::new(15.0).bold().colour(Colour::DEEP_BLUE);
    let mut y = y;
    if y + 40.0 > doc.content_bottom() {
        doc.add_page(doc.page_size());
        y = doc.margins().top;
    }
    y += heading.line_mm();
    doc.text(x, y, &t(lang, "eligibility.title", &[]), &heading);
    doc.hline(x, x + 24.0, y + 2.5, Colour::GOLD, 1.6);
    y += 5.0;
    for scheme in [&eligibility.eccp, &eligibility.national] {
        y = scheme_table(doc, scheme, x, width, y + 3.0);
    }
    y
}

fn scheme_table(doc: &mut Document, scheme: &SchemeCheck, x: f32, width: f32, y: f32) -> f32 {
    let lang = doc.lang();
    let title = TextStyle::new(10.5).bold();
    let verdict = if scheme.met { "eligibility.scheme_met" } else { "eligibility.scheme_not_met" };
    let line = format!(
        "{} — {}",
        t(lang, &format!("eligibility.scheme.{}", scheme.scheme.code()), &[]),
        t(lang, verdict, &[])
    );
    let mut y = y + title.line_mm();
    doc.text(x, y, &line, &title.colour(if scheme.met { Colour::TEXT } else { Colour::hex(0xa4262c) }));
    y += 2.0;
    let columns = vec![
        TableColumn::new(t(lang, "eligibility.col.criterion", &[]), width * 0.40),
        TableColumn::new(t(lang, "eligibility.col.status", &[]), width * 0.13),
        TableColumn::new(t(lang, "eligibility.col.value", &[]), width * 0.14).align(Align::Right),
        TableColumn::new(t(lang, "eligibility.col.missing", &[]), width * 0.33),
    ];
    let layout = TableLayout::new(x, columns);
    let rows: Vec<Vec<String>> = scheme
        .criteria
        .iter()
        .map(|c| {
            vec![
                criterion_text(lang, c),
                t(lang, if c.met { "eligibility.met" } else { "eligibility.not_met" }, &[]),
                value_text(lang, c),
                missing_text(lang, c).unwrap_or_default(),
            ]
        })
        .collect();
    let top = doc.margins().top;
    doc.table(&layout, &rows, y, &mut |_| top)
}

/// The criterion as a sentence with its threshold ("At least 15 members").
pub fn criterion_text(lang: Lang, c: &CriterionCheck) -> String {
    t(lang, &format!("eligibility.criterion.{}", c.criterion.code()), &[("required", &number(lang, c.required))])
}

/// What is missing, in words, when the criterion is not met.
pub fn missing_text(lang: Lang, c: &CriterionCheck) -> Option<String> {
    let key = c.missing.as_ref()?;
    let value = c.value.map(|v| number(lang, v)).unwrap_or_else(|| "—".into());
    let required = number(lang, c.required);
    let mut params: Vec<(&str, &str)> = vec![("value", &value), ("required", &required)];
    params.extend(c.params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    Some(t(lang, &format!("eligibility.missing.{key}"), &params))
}

fn value_text(lang: Lang, c: &CriterionCheck) -> String {
    match (c.criterion.is_yes_no(), c.value) {
        (_, None) => "—".into(),
        (true, Some(v)) => t(lang, if v > 0.0 { "eligibility.yes" } else { "eligibility.no" }, &[]),
        (false, Some(v)) => format!("{} / {}", number(lang, v), number(lang, c.required)),
    }
}

/// A count as a whole number, an FTE with its decimals ("0,5" in Romanian).
fn number(lang: Lang, v: f64) -> String {
    if v.fract() == 0.0 {
        format_integer(lang, v as i64)
    } else {
        let text = format_decimal(lang, (v * 100.0).round() as i64);
        text.strip_suffix('0').map(str::to_string).unwrap_or(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(Lang::Ro, 0.5), "0,5");
        assert_eq!(number(Lang::En, 1.25), "1.25");
        assert_eq!(number(Lang::Ro, 15.0), "15");
    }
}
