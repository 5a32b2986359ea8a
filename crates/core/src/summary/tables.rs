//! The summary's tables: the one place where its figures become rows. The XLSX has a sheet per
//! table, the CSV zip a file per table, and the PDF draws the same tables (with their notes under
//! them), so the three formats cannot disagree.

use chrono::NaiveDate;

use super::model::*;
use crate::clusters::LabelLevel;
use crate::i18n::{self, Lang, t};
use crate::reports::tables::{Cell, Table};

/// Which part of the report a table belongs to (the PDF places it, and draws its chart, by this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartKey {
    Overview,
    Members,
    Sectors,
    Regions,
    Organisations,
    Labels,
    Assessments,
    Trainings,
    Events,
    EventCountries,
    Fees,
    ServiceRequests,
    ServiceHours,
    Introductions,
    Projects,
    Positions,
}

/// One table of the summary and the note printed under it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub key: PartKey,
    pub table: Table,
    pub note: Option<String>,
}

/// The summary's tables, in the report's order, the last one holding the notes of the others.
pub fn tables(summary: &AnnualSummary, lang: Lang) -> Vec<Table> {
    let parts = parts(summary, lang);
    let mut tables: Vec<Table> = parts.iter().map(|p| p.table.clone()).collect();
    tables.push(notes_table(&parts, lang));
    tables
}

fn tr(lang: Lang, key: &str) -> String {
    t(lang, key, &[])
}

fn parse(day: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// "31.12.2026" in the language's format (the text itself if it is not a date).
pub(crate) fn date_text(lang: Lang, day: &str) -> String {
    parse(day).map(|d| i18n::format_date(lang, d)).unwrap_or_else(|| day.to_string())
}

fn text(value: impl Into<String>) -> Cell {
    Cell::Text(value.into())
}

fn share(part: i64, whole: i64) -> Cell {
    Cell::Decimal(super::compute::rate(part, whole))
}

/// Gold first: the order a report lists the levels in.
pub(crate) const LEVELS_TOP_DOWN: [LabelLevel; 3] = [LabelLevel::Gold, LabelLevel::Silver, LabelLevel::Bronze];

pub(crate) fn parts(s: &AnnualSummary, lang: Lang) -> Vec<Part> {
    let year = s.year.to_string();
    let end = date_text(lang, &s.as_of);
    let y = [("year", year.as_str())];
    let at = [("date", end.as_str())];
    let m = &s.members;
    let members = m.at_end.members;

    let overview = Table {
        name: t(lang, "summary.table.overview", &y),
        headers: vec![tr(lang, "summary.col.indicator"), tr(lang, "summary.col.value")],
        rows: vec![
            vec![text(t(lang, "summary.row.members_start", &y)), Cell::Integer(m.at_start)],
            vec![text(t(lang, "summary.row.joined", &y)), Cell::Integer(m.joined)],
            vec![text(t(lang, "summary.row.left", &y)), Cell::Integer(m.left)],
            vec![text(t(lang, "summary.row.members_end", &at)), Cell::Integer(members)],
            vec![text(t(lang, "summary.row.organisations", &[])), Cell::Integer(s.organisations.total.organisations)],
            vec![text(t(lang, "summary.row.employees", &[])), Cell::Integer(s.organisations.total.employees)],
            vec![text(t(lang, "summary.row.labels_valid", &at)), Cell::Integer(s.labels.valid_total)],
            vec![text(t(lang, "summary.row.sessions", &y)), Cell::Integer(s.trainings.total.sessions)],
            vec![text(t(lang, "summary.row.participants", &y)), Cell::Integer(s.trainings.total.participants)],
            vec![text(t(lang, "summary.row.completion", &[])), Cell::Decimal(s.trainings.total.completion_rate)],
            vec![text(t(lang, "summary.row.events", &y)), Cell::Integer(s.events.total.events)],
            vec![text(t(lang, "summary.row.event_participants", &y)), Cell::Integer(s.events.total.participants)],
            vec![text(t(lang, "summary.row.fees_due", &y)), Cell::Money(s.fees.due_bani)],
            vec![text(t(lang, "summary.row.fees_paid", &y)), Cell::Money(s.fees.paid_bani)],
            vec![text(t(lang, "summary.row.fees_outstanding", &y)), Cell::Money(s.fees.outstanding_bani)],
            vec![text(t(lang, "summary.row.fees_arrears", &y)), Cell::Money(s.fees.arrears_bani)],
            vec![text(t(lang, "summary.row.requests", &y)), Cell::Integer(s.services.requests.received)],
            vec![text(t(lang, "summary.row.consulting_hours", &y)), hours(s.services.minutes)],
            vec![text(t(lang, "summary.row.introductions", &y)), Cell::Integer(s.services.introductions)],
            vec![text(t(lang, "summary.row.positions", &y)), Cell::Integer(s.services.positions.len() as i64)],
            vec![text(t(lang, "summary.row.calls_published", &y)), Cell::Integer(s.services.calls_published)],
            vec![text(t(lang, "summary.row.bulletins_sent", &y)), Cell::Integer(s.services.bulletins_sent)],
            vec![text(t(lang, "summary.row.recipients_reached", &y)), Cell::Integer(s.services.recipients_reached)],
        ],
        widths: None,
    };
    let overview_note = if s.year_complete {
        None
    } else {
        Some(t(lang, "summary.note.year_running", &[("year", &year), ("date", &end)]))
    };

    let membership = Table {
        name: t(lang, "summary.table.members", &[]),
        headers: vec![tr(lang, "summary.col.indicator"), tr(lang, "summary.col.clusters")],
        rows: vec![
            vec![text(t(lang, "summary.row.members_start", &y)), Cell::Integer(m.at_start)],
            vec![text(t(lang, "summary.row.joined", &y)), Cell::Integer(m.joined)],
            vec![text(t(lang, "summary.row.left", &y)), Cell::Integer(m.left)],
            vec![text(t(lang, "summary.row.members_end", &at)), Cell::Integer(members)],
            vec![text(tr(lang, "summary.row.suspended")), Cell::Integer(m.at_end.suspended)],
        ],
        widths: None,
    };

    let mut sector_rows: Vec<Vec<Cell>> = m
        .at_end
        .by_sector
        .iter()
        .filter(|c| c.count > 0)
        .map(|c| {
            vec![
                text(tr(lang, &format!("sector.{}", c.sector.code()))),
                Cell::Integer(c.count),
                share(c.count, members),
            ]
        })
        .collect();
    if m.at_end.without_sector > 0 {
        sector_rows.push(vec![
            text(tr(lang, "summary.row.no_sector")),
            Cell::Integer(m.at_end.without_sector),
            share(m.at_end.without_sector, members),
        ]);
    }
    let sectors = Table {
        name: tr(lang, "summary.table.sectors"),
        headers: vec![
            tr(lang, "summary.col.sector"),
            t(lang, "summary.col.members_at", &at),
            tr(lang, "summary.col.share_of_members"),
        ],
        rows: sector_rows,
        widths: None,
    };
    let sectors_note = t(
        lang,
        "summary.note.sectors",
        &[
            ("mentions", &i18n::format_integer(lang, m.at_end.sector_mentions)),
            ("members", &i18n::format_integer(lang, members)),
        ],
    );

    let mut region_rows: Vec<Vec<Cell>> = m
        .at_end
        .by_region
        .iter()
        .map(|c| {
            vec![
                text(tr(lang, &format!("region.{}", c.region.code()))),
                Cell::Integer(c.count),
                share(c.count, members),
            ]
        })
        .collect();
    region_rows.push(vec![
        text(tr(lang, "summary.row.total")),
        Cell::Integer(m.at_end.by_region.iter().map(|c| c.count).sum()),
        share(members, members),
    ]);
    let regions = Table {
        name: tr(lang, "summary.table.regions"),
        headers: vec![
            tr(lang, "summary.col.region"),
            t(lang, "summary.col.members_at", &at),
            tr(lang, "summary.col.share_of_members"),
        ],
        rows: region_rows,
        widths: None,
    };

    let org_row = |label: String, f: &OrgFigures| {
        vec![text(label), Cell::Integer(f.organisations), Cell::Integer(f.employees), Cell::Integer(f.turnover_ron)]
    };
    let mut org_rows: Vec<Vec<Cell>> = s
        .organisations
        .by_kind
        .iter()
        .map(|k| org_row(tr(lang, &format!("org_kind.{}", k.kind.code())), &k.figures))
        .collect();
    org_rows.push(org_row(tr(lang, "summary.row.total"), &s.organisations.total));
    let organisations = Table {
        name: tr(lang, "summary.table.organisations"),
        headers: vec![
            tr(lang, "summary.col.org_kind"),
            tr(lang, "summary.col.organisations"),
            tr(lang, "summary.col.employees"),
            tr(lang, "summary.col.turnover"),
        ],
        rows: org_rows,
        widths: None,
    };

    let mut label_rows: Vec<Vec<Cell>> = LEVELS_TOP_DOWN
        .iter()
        .filter_map(|level| s.labels.by_level.iter().find(|l| l.level == *level))
        .map(|l| {
            vec![
                text(tr(lang, &format!("label.{}", l.level.code()))),
                Cell::Integer(l.valid),
                Cell::Integer(l.awarded),
                Cell::Integer(l.expired),
            ]
        })
        .collect();
    label_rows.push(vec![
        text(tr(lang, "summary.row.total")),
        Cell::Integer(s.labels.valid_total),
        Cell::Integer(s.labels.awarded_total),
        Cell::Integer(s.labels.expired_total),
    ]);
    let labels = Table {
        name: tr(lang, "summary.table.labels"),
        headers: vec![
            tr(lang, "summary.col.level"),
            t(lang, "summary.col.labels_valid_at", &at),
            t(lang, "summary.col.labels_awarded", &y),
            t(lang, "summary.col.labels_expired", &y),
        ],
        rows: label_rows,
        widths: None,
    };

    let a = &s.assessments;
    let assessments = Table {
        name: tr(lang, "summary.table.assessments"),
        headers: vec![tr(lang, "summary.col.indicator"), tr(lang, "summary.col.value")],
        rows: vec![
            vec![text(t(lang, "summary.row.assessments", &y)), Cell::Integer(a.assessments)],
            vec![text(t(lang, "summary.row.audits", &y)), Cell::Integer(a.audits)],
            vec![text(t(lang, "summary.row.moved_up", &y)), Cell::Integer(a.moved_up)],
        ],
        widths: None,
    };

    let training_row = |label: String, f: &TrainingFigures| {
        vec![
            text(label),
            Cell::Integer(f.sessions),
            Cell::Integer(f.courses),
            Cell::Integer(f.participants),
            Cell::Integer(f.seats),
            Cell::Integer(f.completed),
            Cell::Decimal(f.completion_rate),
        ]
    };
    let mut training_rows: Vec<Vec<Cell>> = s
        .trainings
        .by_partner
        .iter()
        .map(|p| training_row(p.partner.clone().unwrap_or_else(|| tr(lang, "summary.row.own_courses")), &p.figures))
        .collect();
    training_rows.push(training_row(tr(lang, "summary.row.total"), &s.trainings.total));
    let trainings = Table {
        name: tr(lang, "summary.table.trainings"),
        headers: vec![
            tr(lang, "summary.col.partner"),
            tr(lang, "summary.col.sessions"),
            tr(lang, "summary.col.courses"),
            tr(lang, "summary.col.participants"),
            tr(lang, "summary.col.seats"),
            tr(lang, "summary.col.completed"),
            tr(lang, "summary.col.completion_rate"),
        ],
        rows: training_rows,
        widths: None,
    };

    let event_row = |label: String, f: &EventYearFigures| {
        vec![
            text(label),
            Cell::Integer(f.events),
            Cell::Integer(f.participants),
            Cell::Integer(f.attended),
            Cell::Integer(f.meetings_held),
            Cell::Integer(f.agreements),
        ]
    };
    let mut event_rows: Vec<Vec<Cell>> = s
        .events
        .by_kind
        .iter()
        .map(|k| event_row(tr(lang, &format!("event.kind.{}", k.kind.code())), &k.figures))
        .collect();
    event_rows.push(event_row(tr(lang, "summary.row.total"), &s.events.total));
    let events = Table {
        name: tr(lang, "summary.table.events"),
        headers: vec![
            tr(lang, "summary.col.event_kind"),
            tr(lang, "summary.col.events"),
            tr(lang, "summary.col.participants"),
            tr(lang, "summary.col.attended"),
            tr(lang, "summary.col.meetings_held"),
            tr(lang, "summary.col.agreements"),
        ],
        rows: event_rows,
        widths: None,
    };
    let event_countries = Table {
        name: tr(lang, "summary.table.event_countries"),
        headers: vec![tr(lang, "summary.col.country"), tr(lang, "summary.col.participants")],
        rows: s
            .events
            .by_country
            .iter()
            .map(|c| vec![text(crate::reports::event_docs::country_name(lang, &c.country)), Cell::Integer(c.count)])
            .collect(),
        widths: None,
    };

    let f = &s.fees;
    let fees = Table {
        name: tr(lang, "summary.table.fees"),
        headers: vec![
            tr(lang, "summary.col.indicator"),
            tr(lang, "summary.col.amount"),
            tr(lang, "summary.col.clusters"),
        ],
        rows: vec![
            vec![text(t(lang, "summary.row.fees_due", &y)), Cell::Money(f.due_bani), Cell::Integer(f.clusters_due)],
            vec![text(t(lang, "summary.row.fees_paid", &y)), Cell::Money(f.paid_bani), Cell::Empty],
            vec![
                text(t(lang, "summary.row.fees_outstanding", &y)),
                Cell::Money(f.outstanding_bani),
                Cell::Integer(f.clusters_outstanding),
            ],
            vec![
                text(t(lang, "summary.row.fees_arrears", &y)),
                Cell::Money(f.arrears_bani),
                Cell::Integer(f.clusters_in_arrears),
            ],
        ],
        widths: None,
    };

    let [requests, hours_table, introductions, projects, positions] = services_tables(s, lang);

    vec![
        Part { key: PartKey::Overview, table: overview, note: overview_note },
        Part { key: PartKey::Members, table: membership, note: Some(tr(lang, "summary.note.members")) },
        Part { key: PartKey::Sectors, table: sectors, note: Some(sectors_note) },
        Part { key: PartKey::Regions, table: regions, note: None },
        Part { key: PartKey::Organisations, table: organisations, note: Some(tr(lang, "summary.note.organisations")) },
        Part { key: PartKey::Labels, table: labels, note: Some(tr(lang, "summary.note.labels")) },
        Part { key: PartKey::Assessments, table: assessments, note: None },
        Part { key: PartKey::Trainings, table: trainings, note: Some(tr(lang, "summary.note.trainings")) },
        Part { key: PartKey::Events, table: events, note: Some(tr(lang, "summary.note.events")) },
        Part { key: PartKey::EventCountries, table: event_countries, note: None },
        Part { key: PartKey::Fees, table: fees, note: Some(t(lang, "summary.note.fees", &at)) },
        Part { key: PartKey::ServiceRequests, table: requests, note: Some(t(lang, "summary.note.requests", &at)) },
        Part { key: PartKey::ServiceHours, table: hours_table, note: None },
        Part { key: PartKey::Introductions, table: introductions, note: None },
        Part { key: PartKey::Projects, table: projects, note: Some(tr(lang, "summary.note.projects")) },
        Part { key: PartKey::Positions, table: positions, note: None },
    ]
}

/// Clusters named in the hours table.
const HOURS_ROWS: usize = 30;

/// Minutes as hours with two decimals (90 minutes: 1,50).
fn hours(minutes: i64) -> Cell {
    Cell::Decimal((minutes * 100 + 30) / 60)
}

/// Requests by topic, hours by cluster, introductions by outcome, projects by status, positions.
fn services_tables(s: &AnnualSummary, lang: Lang) -> [Table; 5] {
    let v = &s.services;
    let request_row = |label: String, f: &RequestFigures| {
        vec![
            text(label),
            Cell::Integer(f.received),
            Cell::Integer(f.done),
            Cell::Integer(f.dropped),
            Cell::Integer(f.open),
            hours(f.minutes),
        ]
    };
    let mut request_rows: Vec<Vec<Cell>> = v
        .requests_by_topic
        .iter()
        .map(|r| request_row(tr(lang, &format!("request.topic.{}", r.topic.code())), &r.figures))
        .collect();
    request_rows.push(request_row(tr(lang, "summary.row.total"), &v.requests));
    let requests = Table {
        name: tr(lang, "summary.table.requests"),
        headers: vec![
            tr(lang, "summary.col.topic"),
            tr(lang, "summary.col.received"),
            tr(lang, "request.status.done"),
            tr(lang, "request.status.dropped"),
            tr(lang, "summary.col.open"),
            tr(lang, "summary.col.hours"),
        ],
        rows: request_rows,
        widths: None,
    };
    // The clusters with most hours by name, the rest in one line, so that the report stays a
    // report at 5,000 clusters.
    let (named, rest) = v.hours_by_cluster.split_at(v.hours_by_cluster.len().min(HOURS_ROWS));
    let mut hour_rows: Vec<Vec<Cell>> = named
        .iter()
        .map(|c| vec![text(c.name.clone()), Cell::Integer(c.requests), Cell::Integer(c.activities), hours(c.minutes)])
        .collect();
    if !rest.is_empty() {
        hour_rows.push(vec![
            text(t(lang, "summary.row.other_clusters", &[("count", &rest.len().to_string())])),
            Cell::Integer(rest.iter().map(|c| c.requests).sum()),
            Cell::Integer(rest.iter().map(|c| c.activities).sum()),
            hours(rest.iter().map(|c| c.minutes).sum()),
        ]);
    }
    hour_rows.push(vec![
        text(tr(lang, "summary.row.total")),
        Cell::Integer(v.hours_by_cluster.iter().map(|c| c.requests).sum()),
        Cell::Integer(v.hours_by_cluster.iter().map(|c| c.activities).sum()),
        hours(v.minutes),
    ]);
    let hours_table = Table {
        name: tr(lang, "summary.table.consulting_hours"),
        headers: vec![
            tr(lang, "summary.col.cluster"),
            tr(lang, "summary.col.requests"),
            tr(lang, "summary.col.activities"),
            tr(lang, "summary.col.hours"),
        ],
        rows: hour_rows,
        widths: None,
    };
    let mut outcome_rows: Vec<Vec<Cell>> = v
        .introductions_by_outcome
        .iter()
        .map(|o| vec![text(tr(lang, &format!("introduction.outcome.{}", o.outcome.code()))), Cell::Integer(o.count)])
        .collect();
    outcome_rows.push(vec![text(tr(lang, "summary.row.total")), Cell::Integer(v.introductions)]);
    let introductions = Table {
        name: tr(lang, "summary.table.introductions"),
        headers: vec![tr(lang, "summary.col.outcome"), tr(lang, "summary.col.introductions")],
        rows: outcome_rows,
        widths: None,
    };
    let projects = Table {
        name: tr(lang, "summary.table.projects"),
        headers: vec![
            tr(lang, "summary.col.status"),
            tr(lang, "summary.col.projects"),
            tr(lang, "summary.col.budget_eur"),
            tr(lang, "summary.col.own_share_eur"),
        ],
        rows: v
            .projects_by_status
            .iter()
            .map(|p| {
                vec![
                    text(tr(lang, &format!("project.status.{}", p.status.code()))),
                    Cell::Integer(p.projects),
                    Cell::Decimal(p.budget_eur),
                    Cell::Decimal(p.own_share_eur),
                ]
            })
            .collect(),
        widths: None,
    };
    let positions = Table {
        name: tr(lang, "summary.table.positions"),
        headers: vec![
            tr(lang, "summary.col.subject"),
            tr(lang, "summary.col.body"),
            tr(lang, "summary.col.sent_on"),
            tr(lang, "summary.col.outcome"),
            tr(lang, "summary.col.members_asked"),
        ],
        rows: v
            .positions
            .iter()
            .map(|p| {
                vec![
                    text(p.title.clone()),
                    text(tr(lang, &format!("consultation.body.{}", p.body.code()))),
                    text(date_text(lang, &p.sent_on)),
                    text(tr(lang, &format!("consultation.outcome.{}", p.outcome.code()))),
                    Cell::Integer(p.members_asked),
                ]
            })
            .collect(),
        widths: None,
    };
    [requests, hours_table, introductions, projects, positions]
}

/// The notes of the tables, for the spreadsheet and the CSV files (the PDF prints each under its
/// table).
fn notes_table(parts: &[Part], lang: Lang) -> Table {
    Table {
        name: tr(lang, "summary.table.notes"),
        headers: vec![tr(lang, "summary.col.table"), tr(lang, "summary.col.note")],
        rows: parts
            .iter()
            .filter_map(|p| p.note.as_ref().map(|note| vec![text(p.table.name.clone()), text(note.clone())]))
            .collect(),
        widths: Some(vec![26.0, 120.0]),
    }
}
