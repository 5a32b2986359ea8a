//! Export and erasure of a contact's personal data, on a real SQLite file.

use chrono::Days;

use super::*;
use crate::audit::AuditQuery;
use crate::clusters::{self, ClusterInput, ContactInput, Sector};
use crate::registrations::{self, Offering, ParticipantInput, RegisterOptions};
use crate::reports::testing::inspect_pdf;
use crate::trainings::{CourseFormat, CourseInput, SessionDay, SessionInput};

fn today() -> chrono::NaiveDate {
    crate::clock::Clock::default().today()
}

const OLD_NAME: &str = "Ioana Mărgineanu";
const NAME: &str = "Ioana Vlădescu";
const EMAIL: &str = "ioana.vladescu@textil-brasov.ro";
const PHONE: &str = "0722 555 019";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    cluster: i64,
    contact: i64,
    session: i64,
}

fn ymd(days: u64) -> String {
    (today() + Days::new(days)).format("%Y-%m-%d").to_string()
}

/// A cluster whose contact was renamed once, registered for a training with another person, and
/// named in the cluster's notes.
async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    store.set_staff("Elena Marinescu");
    let cluster = clusters::create(
        &store,
        &ClusterInput {
            name: "Clusterul Textil Brașov".into(),
            cui: "RO 18547290".into(),
            county: "BV".into(),
            sectors: vec![Sector::Textiles],
            notes: format!("Persoana de legătură: {NAME}, tel. {PHONE}."),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut input = ContactInput {
        name: OLD_NAME.into(),
        role: "Manager de cluster".into(),
        email: EMAIL.into(),
        phone: PHONE.into(),
        consent: true,
        consent_date: Some("2026-03-02".into()),
        consent_source: "formular de adeziune".into(),
    };
    let contact = clusters::save_contact(&store, cluster, None, &input).await.unwrap();
    input.name = NAME.into();
    clusters::save_contact(&store, cluster, Some(contact), &input).await.unwrap();

    let course = crate::trainings::create_course(
        &store,
        &CourseInput {
            title_ro: "Managementul clusterelor".into(),
            title_en: "Cluster management".into(),
            format: CourseFormat::OnSite,
            hours: 8.0,
            completion_percent: 80,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let session = crate::trainings::create_session(
        &store,
        &SessionInput {
            course_id: course,
            place: "Brașov".into(),
            capacity: 10,
            enrolment_deadline: ymd(20),
            days: vec![SessionDay { day: ymd(30), hours: 8.0 }],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let by = || RegisterOptions { override_reason: None, by: "Elena Marinescu".into() };
    let participant = registrations::participant_for_contact(&store, contact).await.unwrap();
    registrations::register(&store, Offering::session(session), participant, by()).await.unwrap();
    let other = registrations::create_external_participant(
        &store,
        &ParticipantInput { name: "Radu Stoica".into(), ..Default::default() },
    )
    .await
    .unwrap();
    registrations::register(&store, Offering::session(session), other, by()).await.unwrap();
    Fixture { _dir: dir, store, cluster, contact, session }
}

/// Every text value of every table (shadow tables of the search index included) that contains
/// `needle`, case-insensitively, as "table.column: value".
async fn occurrences(store: &Store, needle: &str) -> Vec<String> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let needle = crate::text::fold(needle);
    let mut found = Vec::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(&table)
            .fetch_all(store.pool())
            .await
            .unwrap();
        for column in columns {
            let values: Vec<Option<Vec<u8>>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT CAST(\"{column}\" AS BLOB) FROM \"{table}\" WHERE typeof(\"{column}\") IN ('text', 'blob')"
            )))
            .fetch_all(store.pool())
            .await
            .unwrap();
            for value in values.into_iter().flatten() {
                let value = String::from_utf8_lossy(&value);
                if crate::text::fold(&value).contains(&needle) {
                    found.push(format!("{table}.{column}: {value}"));
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn the_export_holds_everything_on_the_contact() {
    let f = fixture().await;
    let data = collect(&f.store, f.contact).await.unwrap();
    assert_eq!((data.name.as_str(), data.cluster_name.as_str()), (NAME, "Clusterul Textil Brașov"));
    let contact = &data.records["contacts"][0];
    assert_eq!(contact["email"], EMAIL);
    assert_eq!(contact["consent_source"], "formular de adeziune");
    // Followed through the references: the participant record, its registration and its history.
    assert_eq!(data.records["participants"].len(), 1);
    assert_eq!(data.records["registrations"].len(), 1);
    assert!(!data.records["registration_changes"].is_empty());
    assert!(!data.records.contains_key("clusters"), "only rows that refer to the person");
    assert_eq!(data.trainings.len(), 1);
    assert_eq!(data.trainings[0].title_ro, "Managementul clusterelor");
    // The log remembers the former name.
    assert!(data.audit_log.iter().any(|e| e.changes.iter().any(|c| c.before.as_deref() == Some(OLD_NAME))));

    let json = export(&f.store, f.contact, ExportFormat::Json, Lang::Ro).await.unwrap();
    let json: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["records"]["contacts"][0]["phone"], PHONE);
    record_export(&f.store, f.contact, ExportFormat::Json).await.unwrap();

    let pdf = export(&f.store, f.contact, ExportFormat::Pdf, Lang::Ro).await.unwrap();
    record_export(&f.store, f.contact, ExportFormat::Pdf).await.unwrap();
    let pdf = inspect_pdf("personal-data", &pdf);
    pdf.assert_fonts_embedded_subsets();
    for text in [NAME, EMAIL, "Managementul clusterelor", "formular de adeziune", "02.03.2026", "Jurnalul de audit"] {
        assert!(pdf.contains_wrapped(text), "{text} missing from:\n{}", pdf.text);
    }
    assert!(pdf.text.contains("Pagina 1 din"));
    // Both exports are in the log, without personal data.
    let exports =
        crate::audit::entries(&f.store, &AuditQuery { action: Some(AuditAction::Export), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(exports.total, 2);
    assert!(exports.rows.iter().all(|e| e.entity_id == Some(f.contact) && e.label.is_empty()));
}

#[tokio::test]
async fn erasure_leaves_no_trace_and_keeps_the_counts() {
    let f = fixture().await;
    for needle in [NAME, OLD_NAME, EMAIL, PHONE] {
        assert!(!occurrences(&f.store, needle).await.is_empty(), "the fixture holds {needle}");
    }
    let roster_before = registrations::roster(&f.store, Offering::session(f.session)).await.unwrap().len();
    let report = erase(&f.store, f.contact).await.unwrap();
    assert_eq!((report.participants_anonymised, report.registrations_kept), (1, 1));

    for needle in [NAME, OLD_NAME, EMAIL, PHONE, "ioana", "vladescu", "margineanu"] {
        assert_eq!(occurrences(&f.store, needle).await, Vec::<String>::new(), "{needle} is still in the database");
    }
    // The training still counts two people; the erased one is anonymised.
    let roster = registrations::roster(&f.store, Offering::session(f.session)).await.unwrap();
    assert_eq!(roster.len(), roster_before);
    let erased_name = crate::i18n::t(Lang::Ro, "privacy.erased_name", &[]);
    assert!(roster.iter().any(|r| r.name == erased_name), "{roster:?}");
    assert!(roster.iter().any(|r| r.name == "Radu Stoica"));
    // The contact is gone from the cluster; the rest of the cluster is there.
    let detail = clusters::get(&f.store, f.cluster).await.unwrap();
    assert!(detail.contacts.is_empty());
    assert!(detail.record.notes.starts_with("Persoana de legătură: "));
    // The erasure is recorded, by whom, with no personal data.
    let erased =
        crate::audit::entries(&f.store, &AuditQuery { action: Some(AuditAction::Erase), ..Default::default() })
            .await
            .unwrap();
    assert_eq!(erased.total, 1);
    assert_eq!((erased.rows[0].staff.as_str(), erased.rows[0].entity_id), ("Elena Marinescu", Some(f.contact)));
    assert!(matches!(erase(&f.store, f.contact).await, Err(Error::NotFound { .. })));
}
