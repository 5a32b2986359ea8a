//! The data behind an event's documents: the event page's [`EventDetail`], rendered by
//! [`crate::reports::event_docs`], and the participants as a table for CSV and XLSX.

use chrono::NaiveDate;

use super::model::EventDetail;
use super::read::event_detail;
use crate::Result;
use crate::i18n::{Lang, t};
use crate::reports::event_docs::{self, country_name, event_dates};
use crate::reports::tables::{Cell, Table};
use crate::store::Store;

pub async fn event_report(store: &Store, event_id: i64, lang: Lang) -> Result<Vec<u8>> {
    event_docs::event_report_pdf(&event_detail(store, event_id).await?, lang, store.today())
}

pub async fn participant_list(store: &Store, event_id: i64, lang: Lang) -> Result<Vec<u8>> {
    event_docs::participant_list_pdf(&event_detail(store, event_id).await?, lang, store.today())
}

pub async fn meeting_schedule(store: &Store, event_id: i64, lang: Lang) -> Result<Vec<u8>> {
    event_docs::meeting_schedule_pdf(&event_detail(store, event_id).await?, lang, store.today())
}

pub async fn badges(store: &Store, event_id: i64, lang: Lang) -> Result<Vec<u8>> {
    event_docs::badges_pdf(&event_detail(store, event_id).await?, lang, store.today())
}

/// Everyone registered for the event (for CSV and XLSX), in roster order: those with a place,
/// then the waitlist, then the cancelled.
pub async fn participants_table(store: &Store, event_id: i64, lang: Lang) -> Result<Table> {
    Ok(table_of(&event_detail(store, event_id).await?, lang))
}

fn table_of(detail: &EventDetail, lang: Lang) -> Table {
    let headers = ["number", "name", "organisation", "cluster", "country", "email", "state", "waitlist", "registered"]
        .iter()
        .map(|k| t(lang, &format!("event.participants.{k}"), &[]))
        .collect();
    let text = |s: &str| if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_string()) };
    let rows = detail
        .roster
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                Cell::Integer(i as i64 + 1),
                Cell::Text(r.name.clone()),
                text(&r.organisation),
                r.cluster_name.as_deref().map_or(Cell::Empty, text),
                text(&country_name(lang, &r.country)),
                text(&r.email),
                Cell::Text(t(lang, &format!("enrolment.state.{}", r.state.code()), &[])),
                r.waitlist_position.map_or(Cell::Empty, Cell::Integer),
                r.registered_at
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .map_or(Cell::Empty, Cell::Date),
            ]
        })
        .collect();
    let input = &detail.event.input;
    let name =
        format!("{} {}", t(lang, "event.participants.sheet", &[]), event_dates(lang, &input.starts_on, &input.ends_on));
    Table { name, headers, rows, widths: None }
}
