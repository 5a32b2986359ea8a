//! The audit log through the core's public API, on real SQLite files: every action on clusters,
//! contacts, organisations and trainings is logged with its staff profile and its before/after
//! values; no-op updates are not; restores are; the triggers follow the schema.

use clusterdesk_core::audit::{self, AuditAction, AuditEntry, AuditQuery, staff};
use clusterdesk_core::backup::{self, BackupKind};
use clusterdesk_core::clusters::{self, ClusterInput, ContactInput, OrgKind, OrganisationInput, Sector};
use clusterdesk_core::registrations::{self, Offering, RegisterOptions};
use clusterdesk_core::trainings::{self, CourseFormat, CourseInput, SessionDay, SessionInput};
use clusterdesk_core::{Store, cui};

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    store.set_staff("Elena Marinescu");
    (dir, store)
}

fn cluster_input(name: &str) -> ClusterInput {
    let body = "20000017";
    ClusterInput {
        name: name.into(),
        cui: format!("{body}{}", cui::check_digit(body).unwrap()),
        county: "BV".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    }
}

async fn all(store: &Store) -> Vec<AuditEntry> {
    let page = audit::entries(store, &AuditQuery { limit: 10_000, ..Default::default() }).await.unwrap();
    assert_eq!(page.total as usize, page.rows.len());
    page.rows
}

/// The entries after the first `skip` (oldest first).
async fn since(store: &Store, skip: usize) -> Vec<AuditEntry> {
    let mut rows = all(store).await;
    rows.reverse();
    rows.into_iter().skip(skip).collect()
}

async fn count(store: &Store) -> usize {
    all(store).await.len()
}

fn change<'a>(entry: &'a AuditEntry, field: &str) -> (Option<&'a str>, Option<&'a str>) {
    let c =
        entry.changes.iter().find(|c| c.field == field).unwrap_or_else(|| panic!("no change of {field} in {entry:?}"));
    (c.before.as_deref(), c.after.as_deref())
}

fn one<'a>(entries: &'a [AuditEntry], entity: &str, action: AuditAction) -> &'a AuditEntry {
    let found: Vec<&AuditEntry> = entries.iter().filter(|e| e.entity == entity && e.action == action).collect();
    assert_eq!(found.len(), 1, "one {action:?} of {entity} in {entries:#?}");
    found[0]
}

#[tokio::test]
async fn cluster_actions_are_logged_with_staff_and_values() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &cluster_input("Clusterul Textil Brașov")).await.unwrap();
    let created = since(&store, 0).await;
    let c = one(&created, "clusters", AuditAction::Create);
    assert_eq!(
        (c.entity_id, c.staff.as_str(), c.label.as_str()),
        (Some(id), "Elena Marinescu", "Clusterul Textil Brașov")
    );
    assert_eq!(change(c, "name"), (None, Some("Clusterul Textil Brașov")));
    // The sector row belongs to the cluster and carries its name.
    let sector = one(&created, "cluster_sectors", AuditAction::Create);
    assert_eq!((sector.parent_entity.as_deref(), sector.parent_id), (Some("clusters"), Some(id)));
    assert_eq!(sector.label, "Clusterul Textil Brașov");

    store.set_staff("Mihai Ionescu");
    let before = count(&store).await;
    let mut edited = cluster_input("Clusterul Textil Brașov");
    edited.city = "Brașov".into();
    edited.sectors = vec![Sector::Textiles, Sector::CreativeIndustries];
    clusters::update(&store, id, &edited).await.unwrap();
    let updated = since(&store, before).await;
    assert_eq!(updated.len(), 2, "{updated:#?}");
    let u = one(&updated, "clusters", AuditAction::Update);
    assert_eq!(u.staff, "Mihai Ionescu");
    // Only what changed: not updated_at, not the folded sort name.
    assert_eq!(u.changes.len(), 1, "{u:?}");
    assert_eq!(change(u, "city"), (Some(""), Some("Brașov")));
    assert_eq!(
        change(one(&updated, "cluster_sectors", AuditAction::Create), "sector"),
        (None, Some("creative_industries"))
    );

    let before = count(&store).await;
    clusters::archive(&store, id).await.unwrap();
    clusters::restore(&store, id).await.unwrap();
    let archived = since(&store, before).await;
    assert_eq!(archived.iter().map(|e| e.action).collect::<Vec<_>>(), [AuditAction::Archive, AuditAction::Unarchive]);
    assert_eq!(change(&archived[0], "archived_at").0, None);
    assert!(change(&archived[0], "archived_at").1.is_some());

    clusters::archive(&store, id).await.unwrap();
    let before = count(&store).await;
    clusters::delete_permanently(&store, id, "Clusterul Textil Brașov").await.unwrap();
    let deleted = since(&store, before).await;
    let d = one(&deleted, "clusters", AuditAction::Delete);
    assert_eq!(change(d, "name"), (Some("Clusterul Textil Brașov"), None));
    // What went with it is logged too.
    assert_eq!(deleted.iter().filter(|e| e.entity == "cluster_sectors").count(), 2);
}

#[tokio::test]
async fn an_update_that_changes_nothing_is_not_logged() {
    let (_dir, store) = store().await;
    let mut input = cluster_input("Clusterul de Mobilă Transilvania");
    input.sectors = vec![Sector::WoodFurniture, Sector::Construction];
    let id = clusters::create(&store, &input).await.unwrap();
    let contact = ContactInput { name: "Ioana Pop".into(), email: "ioana@example.ro".into(), ..Default::default() };
    let contact_id = clusters::save_contact(&store, id, None, &contact).await.unwrap();
    let org = OrganisationInput { name: "Mobila SRL".into(), kind: Some(OrgKind::Small), ..Default::default() };
    let org_id = clusters::save_organisation(&store, id, None, &org).await.unwrap();
    let before = count(&store).await;
    // The same values again (sectors in another order), saved through every form.
    input.sectors.reverse();
    clusters::update(&store, id, &input).await.unwrap();
    clusters::save_contact(&store, id, Some(contact_id), &contact).await.unwrap();
    clusters::save_organisation(&store, id, Some(org_id), &org).await.unwrap();
    assert_eq!(count(&store).await, before, "{:#?}", since(&store, before).await);
}

#[tokio::test]
async fn contacts_and_organisations_are_logged_with_their_cluster() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &cluster_input("Electronic Cluster Cluj")).await.unwrap();
    let before = count(&store).await;
    let mut contact = ContactInput { name: "Andrei Mureșan".into(), role: "Director".into(), ..Default::default() };
    let contact_id = clusters::save_contact(&store, id, None, &contact).await.unwrap();
    contact.role = "Președinte".into();
    clusters::save_contact(&store, id, Some(contact_id), &contact).await.unwrap();
    clusters::delete_contact(&store, contact_id).await.unwrap();
    let org = OrganisationInput { name: "Softech SRL".into(), kind: Some(OrgKind::Micro), ..Default::default() };
    let org_id = clusters::save_organisation(&store, id, None, &org).await.unwrap();
    clusters::save_organisation(&store, id, Some(org_id), &OrganisationInput { employees: Some(12), ..org.clone() })
        .await
        .unwrap();
    clusters::delete_organisation(&store, org_id).await.unwrap();

    let logged = since(&store, before).await;
    let actions: Vec<(&str, AuditAction)> = logged.iter().map(|e| (e.entity.as_str(), e.action)).collect();
    assert_eq!(
        actions,
        [
            ("contacts", AuditAction::Create),
            ("contacts", AuditAction::Update),
            ("contacts", AuditAction::Delete),
            ("organisations", AuditAction::Create),
            ("organisations", AuditAction::Update),
            ("organisations", AuditAction::Delete),
        ]
    );
    assert!(logged.iter().all(|e| e.parent_entity.as_deref() == Some("clusters") && e.parent_id == Some(id)));
    assert_eq!(change(&logged[1], "role"), (Some("Director"), Some("Președinte")));
    assert_eq!(logged[1].label, "Andrei Mureșan");
    assert_eq!(change(&logged[4], "employees"), (None, Some("12")));

    // A record's history: its own entries and its children's, newest first.
    let history = audit::history(&store, "clusters", id).await.unwrap();
    assert_eq!(history.first().map(|e| (e.entity.as_str(), e.action)), Some(("organisations", AuditAction::Delete)));
    assert_eq!(history.last().map(|e| (e.entity.as_str(), e.action)), Some(("clusters", AuditAction::Create)));
    let contact_history = audit::history(&store, "contacts", contact_id).await.unwrap();
    assert_eq!(contact_history.len(), 3);
}

#[tokio::test]
async fn trainings_are_logged() {
    let (_dir, store) = store().await;
    let course = trainings::create_course(
        &store,
        &CourseInput {
            title_ro: "Marketingul clusterelor".into(),
            title_en: "Cluster marketing".into(),
            format: CourseFormat::Online,
            hours: 8.0,
            completion_percent: 80,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let day = (store.today() + chrono::Days::new(40)).format("%Y-%m-%d").to_string();
    let deadline = (store.today() + chrono::Days::new(30)).format("%Y-%m-%d").to_string();
    let session = trainings::create_session(
        &store,
        &SessionInput {
            course_id: course,
            link: "https://meet.example.ro/clustero".into(),
            capacity: 10,
            enrolment_deadline: deadline,
            days: vec![SessionDay { day, hours: 8.0 }],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let person = registrations::create_external_participant(
        &store,
        &registrations::ParticipantInput { name: "Radu Stoica".into(), ..Default::default() },
    )
    .await
    .unwrap();
    let registration = registrations::register(
        &store,
        Offering::session(session),
        person,
        RegisterOptions { override_reason: None, by: "Elena Marinescu".into() },
    )
    .await
    .unwrap();
    registrations::cancel(&store, registration.id, "Elena Marinescu").await.unwrap();

    let logged = all(&store).await;
    let course_entry = one(&logged, "courses", AuditAction::Create);
    assert_eq!((course_entry.entity_id, course_entry.label.as_str()), (Some(course), "Marketingul clusterelor"));
    let session_entry = one(&logged, "sessions", AuditAction::Create);
    assert_eq!(session_entry.label, "Marketingul clusterelor");
    assert_eq!((session_entry.parent_entity.as_deref(), session_entry.parent_id), (Some("courses"), Some(course)));
    assert_eq!(one(&logged, "participants", AuditAction::Create).label, "Radu Stoica");
    let reg = one(&logged, "registrations", AuditAction::Update);
    assert_eq!(reg.label, "Radu Stoica");
    assert_eq!(change(reg, "state"), (Some("enrolled"), Some("cancelled")));
    assert!(logged.iter().all(|e| e.staff == "Elena Marinescu"));
}

#[tokio::test]
async fn two_processes_on_one_file_write_under_their_own_names() {
    let (dir, app) = store().await;
    // The CLI: another pool on the same file, another name.
    let cli = Store::open(&dir.path().join("test.sqlite")).await.unwrap();
    cli.set_staff("cli-user");
    let a = clusters::create(&app, &cluster_input("Cluster A")).await.unwrap();
    let mut b_input = cluster_input("Cluster B");
    b_input.cui = "RO 18547290".into();
    let b = clusters::create(&cli, &b_input).await.unwrap();
    clusters::archive(&app, b).await.unwrap();
    clusters::archive(&cli, a).await.unwrap();
    let logged = all(&app).await;
    let who = |entity_id: i64, action: AuditAction| {
        logged
            .iter()
            .find(|e| e.entity == "clusters" && e.entity_id == Some(entity_id) && e.action == action)
            .map(|e| e.staff.clone())
            .unwrap()
    };
    assert_eq!(who(a, AuditAction::Create), "Elena Marinescu");
    assert_eq!(who(b, AuditAction::Create), "cli-user");
    assert_eq!(who(b, AuditAction::Archive), "Elena Marinescu");
    assert_eq!(who(a, AuditAction::Archive), "cli-user");
}

#[tokio::test]
async fn filters_sort_and_pages() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &cluster_input("Clusterul Agroalimentar Vest")).await.unwrap();
    store.set_staff("Mihai Ionescu");
    clusters::archive(&store, id).await.unwrap();
    let q = |query: AuditQuery| {
        let store = store.clone();
        async move { audit::entries(&store, &query).await.unwrap() }
    };
    let by_staff = q(AuditQuery { staff: Some("Mihai Ionescu".into()), ..Default::default() }).await;
    assert_eq!(by_staff.total, 1);
    assert_eq!(by_staff.rows[0].action, AuditAction::Archive);
    assert_eq!(by_staff.staff_names, ["Elena Marinescu", "Mihai Ionescu"]);
    let archives = q(AuditQuery { action: Some(AuditAction::Archive), ..Default::default() }).await;
    assert_eq!(archives.total, 1);
    let text =
        q(AuditQuery { search: "agroalimentar".into(), entity: Some("clusters".into()), ..Default::default() }).await;
    assert_eq!(text.total, 2);
    let today = store.today().format("%Y-%m-%d").to_string();
    // The cluster, its sector and its first status, then the archive.
    let everything = all(&store).await.len() as i64;
    assert_eq!(everything, 4);
    let dated = q(AuditQuery { since: Some(today.clone()), until: Some(today), ..Default::default() }).await;
    assert_eq!(dated.total, everything);
    let none = q(AuditQuery { until: Some("2020-01-01".into()), ..Default::default() }).await;
    assert_eq!(none.total, 0);
    let paged = q(AuditQuery { limit: 1, offset: 1, ..Default::default() }).await;
    assert_eq!((paged.total, paged.rows.len()), (everything, 1));
    let oldest_first = q(AuditQuery { descending: true, ..Default::default() }).await;
    assert_eq!(oldest_first.rows[0].action, AuditAction::Create);
    assert!(
        audit::entries(&store, &AuditQuery { since: Some("27.11.2026".into()), ..Default::default() }).await.is_err()
    );
}

#[tokio::test]
async fn a_restore_is_recorded_in_the_restored_database() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &cluster_input("Cluster înainte")).await.unwrap();
    let copy = backup::create(&store, BackupKind::Manual).await.unwrap();
    clusters::archive(&store, id).await.unwrap();
    store.set_staff("Ana Restaurescu");
    staff::choose(&store, "Ana Restaurescu").await.unwrap();
    let restored = backup::restore(store, std::path::Path::new(&copy.path)).await.unwrap().store;
    let logged = all(&restored).await;
    let r = &logged[0];
    assert_eq!((r.action, r.entity.as_str(), r.staff.as_str()), (AuditAction::Restore, "database", "Ana Restaurescu"));
    assert_eq!(r.label, copy.file_name);
    assert_eq!(change(r, "clusters"), (None, Some("1")));
    // The archive made after the copy is gone with it; the window's profile stays.
    assert!(!logged.iter().any(|e| e.action == AuditAction::Archive));
    assert_eq!(staff::profiles(&restored).await.unwrap().current.as_deref(), Some("Ana Restaurescu"));
}

#[tokio::test]
async fn profiles_are_chosen_switched_and_listed() {
    let (_dir, store) = store().await;
    let profiles = staff::profiles(&store).await.unwrap();
    assert_eq!(profiles.current, None);
    assert!(profiles.known.is_empty());
    assert!(staff::choose(&store, "  ").await.is_err());
    staff::choose(&store, "Elena  Marinescu").await.unwrap();
    let profiles = staff::choose(&store, "Mihai Ionescu").await.unwrap();
    assert_eq!(profiles.current.as_deref(), Some("Mihai Ionescu"));
    assert_eq!(profiles.known.len(), 2);
    assert_eq!(store.staff(), "Mihai Ionescu");
    assert!(staff::forget(&store, "Mihai Ionescu").await.is_err());
    assert_eq!(staff::forget(&store, "Elena Marinescu").await.unwrap().known.len(), 1);
    // Another store on the file (the app started again) finds the saved profile.
    let again = Store::open(store.path()).await.unwrap();
    staff::apply_saved(&again).await.unwrap();
    assert_eq!(again.staff(), "Mihai Ionescu");
    // Switching profiles is not itself an audited change.
    assert_eq!(count(&store).await, 0);
}

#[tokio::test]
async fn a_table_added_later_is_audited_and_open_does_not_regenerate_needlessly() {
    let (dir, store) = store().await;
    let path = dir.path().join("test.sqlite");
    let triggers = |pool: sqlx::SqlitePool| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT group_concat(name, ',') FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let first = triggers(store.pool().clone()).await;
    assert!(first.contains("audit_clusters_update"));
    assert!(!first.contains("audit_settings"));
    assert!(!first.contains("audit_cluster_search"));
    let version: i64 = sqlx::query_scalar("PRAGMA schema_version").fetch_one(store.pool()).await.unwrap();
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    let again: i64 = sqlx::query_scalar("PRAGMA schema_version").fetch_one(store.pool()).await.unwrap();
    assert_eq!(version, again, "an open with no schema change recreated the triggers");

    // What another feature's migration would do: a new table, with a blob column.
    sqlx::query("CREATE TABLE later_records (id INTEGER PRIMARY KEY, cluster_id INTEGER REFERENCES clusters(id), name TEXT NOT NULL, poster BLOB) STRICT")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    let store = Store::open(&path).await.unwrap();
    store.set_staff("Elena Marinescu");
    let id = clusters::create(&store, &cluster_input("Cluster cu evenimente")).await.unwrap();
    let mut tx = store.write().await.unwrap();
    sqlx::query("INSERT INTO later_records (cluster_id, name, poster) VALUES (?, 'Forumul clusterelor', x'0102')")
        .bind(id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let logged = all(&store).await;
    let event = one(&logged, "later_records", AuditAction::Create);
    assert_eq!((event.label.as_str(), event.parent_id), ("Forumul clusterelor", Some(id)));
    assert_eq!(change(event, "poster"), (None, Some("<2 bytes>")));
}

#[tokio::test]
async fn a_consent_has_a_date_that_is_not_in_the_future() {
    let (_dir, store) = store().await;
    let id = clusters::create(&store, &cluster_input("Cluster cu acorduri")).await.unwrap();
    let tomorrow = (store.today() + chrono::Days::new(1)).format("%Y-%m-%d").to_string();
    let mut contact = ContactInput { name: "Dana Pop".into(), consent: true, ..Default::default() };
    for (date, code) in [(None, "consent_date_required"), (Some(tomorrow), "date_in_future")] {
        contact.consent_date = date;
        match clusters::save_contact(&store, id, None, &contact).await {
            Err(clusterdesk_core::Error::Invalid(fields)) => {
                assert!(fields.iter().any(|f| f.field == "consent_date" && f.code == code), "{fields:?}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
    contact.consent_date = Some("2026-01-15".into());
    contact.consent_source = "formular semnat".into();
    let contact_id = clusters::save_contact(&store, id, None, &contact).await.unwrap();
    let logged = audit::history(&store, "contacts", contact_id).await.unwrap();
    assert_eq!(change(&logged[0], "consent_source"), (None, Some("formular semnat")));
}
