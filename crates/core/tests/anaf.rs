//! ANAF's lookup and the membership check against a local server speaking ANAF's format
//! (tests/python/anaf_server.py, fixtures in tests/fixtures/anaf/), started on a free port.

mod common;

use std::time::Duration;

use clusterdesk_core::anaf::check::{self, AnafFlag, CheckState};
use clusterdesk_core::anaf::{self, AnafError, Client, ClientConfig};
use clusterdesk_core::caen::CaenRevision;
use clusterdesk_core::clock::Clock;
use clusterdesk_core::clusters::{self, CaenCode, ClusterInput, ClusterQuery, OrgKind, OrganisationInput, Sector};
use clusterdesk_core::{Error, Store};
use common::anaf_server::AnafServer;

const FOUND: &str = "40218730";
const INACTIVE: &str = "33509613";
const STRUCK_OFF: &str = "19074424";
const UNKNOWN: &str = "10000008";

async fn store(dir: &tempfile::TempDir) -> Store {
    let clock = Clock::frozen_local("2026-12-03T10:00").unwrap();
    Store::open_with_clock(&dir.path().join("t.sqlite"), clock).await.unwrap()
}

fn client(url: &str) -> Client {
    let mut config = ClientConfig::new(url);
    config.pace = Duration::from_millis(200);
    config.backoff = Duration::from_millis(50);
    config.timeout = Duration::from_millis(1500);
    Client::new(config).unwrap()
}

async fn answers(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM anaf_answers").fetch_one(store.pool()).await.unwrap()
}

fn anaf_error(result: Result<impl std::fmt::Debug, Error>) -> AnafError {
    match result {
        Err(Error::Anaf(e)) => e,
        other => panic!("expected an ANAF error, got {other:?}"),
    }
}

#[tokio::test]
async fn found_company_is_read_with_comma_below_letters_and_our_county() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let got = anaf::lookup(&store, &mut client(&server.url("anaf")), &[format!("RO {FOUND}")]).await.unwrap();
    let c = &got[0].company;
    assert!(c.found);
    assert_eq!(c.cui, FOUND);
    assert_eq!(c.name, "TEXTILA MODERNĂ ȚESĂTORIA S.R.L.");
    assert_eq!(c.street, "Str. Ștefan cel Mare nr. 12");
    assert_eq!(c.city, "Brașov");
    assert_eq!(c.county.as_deref(), Some("BV"));
    assert_eq!(c.reg_number, "J08/1234/2010");
    assert_eq!(c.legal_form, "SOCIETATE COMERCIALĂ CU RĂSPUNDERE LIMITATĂ");
    // 1392 exists in both revisions: read as Rev.3, the registries' classification since 2025.
    assert_eq!(c.caen, Some(CaenCode { revision: CaenRevision::Rev3, code: "1392".into() }));
    assert!(c.vat && !c.inactive && !c.struck_off);
    assert_eq!(c.registration_state, "INREGISTRAT din data 12.03.2010");
    assert_eq!(c.answer_date, "2026-12-03");
    assert_eq!(got[0].fetched_on, "2026-12-03");
    // Only CUIs and the date went out.
    let sent = server.received();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].cuis, vec![40218730]);
    // Nothing with a cedilla was stored.
    let cedillas: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM anaf_answers WHERE name || address || street || city || legal_form GLOB '*[şţŞŢ]*'",
    )
    .fetch_one(store.pool())
    .await
    .unwrap();
    assert_eq!(cedillas, 0);
    let audited: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'anaf_answers'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(audited, 1, "the answer is in the audit log");
}

#[tokio::test]
async fn unknown_inactive_and_struck_off() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let cuis = [UNKNOWN, INACTIVE, STRUCK_OFF].map(String::from);
    let got = anaf::lookup(&store, &mut client(&server.url("anaf")), &cuis).await.unwrap();
    assert_eq!(got.len(), 3);
    assert!(!got[0].company.found && got[0].company.name.is_empty());
    let inactive = &got[1].company;
    assert!(inactive.inactive && !inactive.struck_off);
    assert_eq!(inactive.county.as_deref(), Some("TM"));
    assert_eq!(inactive.street, "Str. Piața Victoriei nr. 3, Ap. 4");
    // 6210 exists only in Rev.3, 3109 only in Rev.2.
    assert_eq!(inactive.caen, Some(CaenCode { revision: CaenRevision::Rev3, code: "6210".into() }));
    let gone = &got[2].company;
    assert!(gone.struck_off);
    assert_eq!(gone.county.as_deref(), Some("B"));
    assert_eq!(gone.street, "Str. Țepeș Vodă nr. 7");
    assert_eq!(gone.caen, Some(CaenCode { revision: CaenRevision::Rev2, code: "3109".into() }));
    assert_eq!(answers(&store).await, 3);
}

#[tokio::test]
async fn a_batch_of_250_goes_in_three_paced_requests() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let cuis: Vec<String> = (1..=250).map(|n| (1_000_000 + n).to_string()).collect();
    let got = anaf::lookup(&store, &mut client(&server.url("generated")), &cuis).await.unwrap();
    assert_eq!(got.len(), 250);
    assert!(got.iter().all(|a| a.company.found));
    let sent = server.received();
    assert_eq!(sent.iter().map(|r| r.cuis.len()).collect::<Vec<_>>(), vec![100, 100, 50]);
    // Paced: the server saw them at least the pace apart (a lower bound, never flaky).
    for pair in sent.windows(2) {
        assert!(pair[1].at - pair[0].at >= 0.19, "requests {:.3} s apart", pair[1].at - pair[0].at);
    }
}

#[tokio::test]
async fn too_many_requests_and_server_errors_are_retried_after_a_wait() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    for mode in ["429-once", "500-once"] {
        let got = anaf::lookup(&store, &mut client(&server.url(mode)), &[FOUND.to_string()]).await.unwrap();
        assert!(got[0].company.found, "{mode}");
    }
    let sent = server.received();
    assert_eq!(sent.len(), 4, "each refused once, then answered");
    assert!(sent[1].at - sent[0].at >= 0.04 && sent[3].at - sent[2].at >= 0.04, "a backoff before the retry");

    let dir = tempfile::tempdir().unwrap();
    let store = self::store(&dir).await;
    let e = anaf_error(anaf::lookup(&store, &mut client(&server.url("500-always")), &[FOUND.to_string()]).await);
    assert_eq!(e, AnafError::Server(503));
    assert_eq!(e.code(), "error.anaf_server");
    assert_eq!(server.received().iter().filter(|r| r.path.starts_with("/500-always")).count(), 4, "three retries");
    assert_eq!(answers(&store).await, 0);
}

#[tokio::test]
async fn a_malformed_answer_changes_nothing() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    anaf::lookup(&store, &mut client(&server.url("anaf")), &[FOUND.to_string()]).await.unwrap();
    let before = common::dump_pool(store.pool()).await;
    let e = anaf_error(anaf::lookup(&store, &mut client(&server.url("malformed")), &[FOUND.to_string()]).await);
    assert!(matches!(e, AnafError::Malformed(_)), "{e:?}");
    assert_eq!(e.code(), "error.anaf_malformed");
    assert_eq!(common::dump_pool(store.pool()).await, before);
}

#[tokio::test]
async fn a_slow_service_times_out_and_no_network_is_said_in_one_line() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let e = anaf_error(anaf::lookup(&store, &mut client(&server.url("slow")), &[FOUND.to_string()]).await);
    assert_eq!(e, AnafError::Timeout);

    // A port nobody listens on: refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{closed}/PlatitorTvaRest/v9/tva");
    let e = anaf_error(anaf::lookup(&store, &mut client(&url), &[FOUND.to_string()]).await);
    assert_eq!(e, AnafError::Offline);
    let text = clusterdesk_core::i18n::t(clusterdesk_core::i18n::Lang::Ro, e.code(), &[]);
    assert!(!text.contains('\n') && text != e.code(), "{text}");
    assert_eq!(answers(&store).await, 0);
}

#[tokio::test]
async fn a_proxy_is_used_when_set() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let mut config = ClientConfig::new("http://anaf.invalid/anaf/PlatitorTvaRest/v9/tva");
    config.proxy = Some(format!("http://127.0.0.1:{}", server.port));
    let got = anaf::lookup(&store, &mut Client::new(config).unwrap(), &[FOUND.to_string()]).await.unwrap();
    assert!(got[0].company.found);
    assert!(server.received()[0].via_proxy);
}

#[tokio::test]
async fn turned_off_nothing_is_sent() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    anaf::set_settings(&store, false, &server.url("anaf")).await.unwrap();
    let e = anaf_error(anaf::client(&store).await.map(|_| ()));
    assert_eq!(e, AnafError::Disabled);
    assert!(server.received().is_empty());
    assert!(anaf::set_settings(&store, true, "not a url").await.is_err());
}

#[tokio::test]
async fn a_lookup_proposes_field_by_field_and_overwrites_only_what_is_accepted() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let company =
        anaf::lookup(&store, &mut client(&server.url("anaf")), &[FOUND.to_string()]).await.unwrap()[0].company.clone();
    let typed = ClusterInput {
        name: "Clusterul Textil".into(),
        cui: FOUND.into(),
        city: "Brasov".into(), // the same place, typed without diacritics: no change
        reg_number: "J08/1/2000".into(),
        county: "BV".into(),
        ..Default::default()
    };
    let changes = anaf::propose::for_cluster(&typed, &company);
    let fields: Vec<(&str, bool)> = changes.iter().map(|c| (c.field.as_str(), c.overwrites)).collect();
    assert_eq!(fields, vec![("legal_name", false), ("reg_number", true), ("address", false), ("caen", false)]);
    let accepted = vec!["legal_name".to_string(), "address".to_string()];
    let applied = anaf::propose::apply_to_cluster(&typed, &company, &accepted);
    assert_eq!(applied.legal_name, "TEXTILA MODERNĂ ȚESĂTORIA S.R.L.");
    assert_eq!(applied.address, "Str. Ștefan cel Mare nr. 12");
    assert_eq!(applied.reg_number, "J08/1/2000", "not accepted: kept as typed");
    assert_eq!(applied.name, "Clusterul Textil");
    assert!(applied.caen.is_empty());

    let org = OrganisationInput {
        name: "Textila".into(),
        kind: Some(OrgKind::Small),
        cui: FOUND.into(),
        ..Default::default()
    };
    let changes = anaf::propose::for_organisation(&org, &company);
    assert_eq!(changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), vec!["name", "caen"]);
    let applied = anaf::propose::apply_to_organisation(&org, &company, &["caen".to_string()]);
    assert_eq!((applied.name.as_str(), applied.caen.map(|c| c.code)), ("Textila", Some("1392".to_string())));
}

/// Two clusters with members carrying the fixtures' CUIs, and a demo cluster's unknown ones.
async fn members(store: &Store) -> (i64, i64) {
    let cluster = |name: &str, cui: &str| ClusterInput {
        name: name.into(),
        cui: cui.into(),
        county: "BV".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    };
    let a = clusters::create(store, &cluster("Clusterul A", FOUND)).await.unwrap();
    let b = clusters::create(store, &cluster("Clusterul B", UNKNOWN)).await.unwrap();
    for (cluster, name, cui) in [(a, "Inactivă", INACTIVE), (b, "Radiată", STRUCK_OFF), (b, "Alta", "44444447")] {
        let org =
            OrganisationInput { name: name.into(), kind: Some(OrgKind::Small), cui: cui.into(), ..Default::default() };
        clusters::save_organisation(store, cluster, None, &org).await.unwrap();
    }
    (a, b)
}

#[tokio::test]
async fn the_membership_check_flags_and_filters() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let (a, b) = members(&store).await;
    // A name changed since the answer before.
    sqlx::query("INSERT INTO anaf_answers (cui, found, answer_date, name, updated_at) VALUES (?, 1, '2026-01-01', 'TEXTILA VECHE SRL', '2026-01-01T00:00:00Z')")
        .bind(FOUND)
        .execute(store.pool())
        .await
        .unwrap();
    let run = check::start(&store, None).await.unwrap();
    assert_eq!(run.total, 5);
    let mut seen = Vec::new();
    let done =
        check::run(&store, &mut client(&server.url("anaf")), run, |p| seen.push((p.done, p.total))).await.unwrap();
    assert_eq!(done.state, CheckState::Finished);
    assert_eq!((done.done, done.total, done.requests), (5, 5, 1));
    assert_eq!(seen.last(), Some(&(5, 5)));

    let counts = check::flag_counts(&store).await.unwrap();
    // The struck-off company is inactive too (ANAF lists it so).
    assert_eq!((counts.inactive, counts.struck_off, counts.unknown, counts.name_changed), (2, 1, 2, 1));
    let list = |flag| {
        let store = store.clone();
        async move {
            let query = ClusterQuery { anaf: Some(flag), ..Default::default() };
            clusters::list(&store, &query).await.unwrap().rows.iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    assert_eq!(list(AnafFlag::StruckOff).await, vec![b]);
    assert_eq!(list(AnafFlag::Changed).await, vec![a]);
    assert_eq!(list(AnafFlag::Unknown).await, vec![b]);
    assert_eq!(list(AnafFlag::Inactive).await.len(), 2);

    // --since: everything was fetched today, so a new run has nothing to do.
    let again = check::start(&store, Some(7)).await.unwrap();
    assert_eq!(again.total, 0);
    anaf::dismiss_changes(&store, FOUND).await.unwrap();
    assert_eq!(check::flag_counts(&store).await.unwrap().name_changed, 0);
}

#[tokio::test]
async fn a_check_cut_by_the_network_goes_on_where_it_stopped() {
    let (dir, server) = (tempfile::tempdir().unwrap(), AnafServer::start());
    let store = store(&dir).await;
    let cluster = ClusterInput {
        name: "Mare".into(),
        cui: "26683101".into(),
        county: "CJ".into(),
        sectors: vec![Sector::Textiles],
        ..Default::default()
    };
    let id = clusters::create(&store, &cluster).await.unwrap();
    for n in 0..450u32 {
        let body = format!("{}", 2_000_000 + n);
        let check = clusterdesk_core::cui::check_digit(&body).unwrap();
        let org = OrganisationInput {
            name: format!("Firma {n}"),
            kind: Some(OrgKind::Micro),
            cui: format!("{body}{check}"),
            ..Default::default()
        };
        clusters::save_organisation(&store, id, None, &org).await.unwrap();
    }
    let run = check::start(&store, None).await.unwrap();
    assert_eq!(run.total, 451);
    let e = check::run(&store, &mut client(&server.url("down-after-2/generated")), run, |_| {}).await.unwrap_err();
    assert_eq!(e.to_user().code, "error.anaf_server");
    let stopped = check::latest(&store).await.unwrap().unwrap();
    assert_eq!((stopped.state, stopped.done), (CheckState::Interrupted, 200));
    assert_eq!(stopped.last_error.as_deref(), Some("error.anaf_server"));
    assert_eq!(answers(&store).await, 200);

    // The app closed and opened again: the same run, from where it was.
    let path = store.path().to_path_buf();
    store.close().await;
    let store = Store::open_with_clock(&path, Clock::frozen_local("2026-12-03T11:00").unwrap()).await.unwrap();
    let resumed = check::start(&store, None).await.unwrap();
    assert_eq!((resumed.id, resumed.done), (stopped.id, 200));
    let finished = check::run(&store, &mut client(&server.url("generated")), resumed, |_| {}).await.unwrap();
    assert_eq!((finished.state, finished.done), (CheckState::Finished, 451));
    assert_eq!(answers(&store).await, 451);
    let resumed_requests: Vec<usize> =
        server.received().iter().filter(|r| r.path.starts_with("/generated")).map(|r| r.cuis.len()).collect();
    assert_eq!(resumed_requests, vec![100, 100, 51], "only the CUIs not yet checked");
}
