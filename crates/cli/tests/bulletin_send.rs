//! Bulletins sent to a real SMTP server (aiosmtpd, tests/python/smtp_server.py) with STARTTLS on a
//! certificate made at test time and a login: what the server received, temporary then permanent
//! refusals with their retries and reasons, and the `clusterdesk bulletin send` process killed
//! mid-run and started again.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use clusterdesk_core::Store;
use clusterdesk_core::bulletins::{self, Audience, BulletinInput, MessageState, SmtpSecurity, SmtpSettings};
use clusterdesk_core::clusters::{self, ClusterInput, ContactInput, Sector};
use clusterdesk_core::i18n::Lang;
use serde_json::Value;

const PASSWORD: &str = "parola-ș";

struct SmtpServer {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    fn start(args: &[&str]) -> SmtpServer {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/python");
        let python = root.join(".venv/bin/python");
        assert!(python.exists(), "run scripts/setup-test-python.sh first (the aiosmtpd test server)");
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(python)
            .arg(root.join("smtp_server.py"))
            .arg(dir.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the test SMTP server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("PORT ").and_then(|p| p.parse().ok()).expect("the server says its port");
        SmtpServer { child, port, dir }
    }

    fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: "localhost".into(),
            port: self.port.into(),
            security: SmtpSecurity::StartTls,
            user: "bulletin".into(),
            from_name: "Asociația CLUSTERO".into(),
            from_address: "buletin@clustero.ro".into(),
            ca_file: self.dir.path().join("ca.pem").display().to_string(),
            pace_ms: 0,
            retry_base_s: 0,
            max_attempts: 3,
        }
    }

    fn log(&self, name: &str) -> Vec<Value> {
        let text = std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        // A line being written when read is left for the next read.
        text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
    }

    fn received(&self) -> Vec<Value> {
        self.log("received.jsonl")
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn address(n: usize) -> String {
    format!("persoana{n:03}@membru.ro")
}

/// A database with `n` consenting contacts over four clusters (every fifth in English) and one
/// queued bulletin to all of them; returns the bulletin's id.
async fn queued_bulletin(db: &Path, n: usize, settings: &SmtpSettings) -> (Store, i64) {
    let store = Store::open(db).await.unwrap();
    let mut clusters_ids = Vec::new();
    for (i, (name, cui, county)) in [
        ("Clusterul Mobilei Transilvania", "18547290", "BV"),
        ("Clusterul Textil Nord-Est", "14399840", "IS"),
        ("Energie Verde Dobrogea", "34502010", "CT"),
        ("Agro-Food Oltenia", "27015461", "DJ"),
    ]
    .into_iter()
    .enumerate()
    {
        let input = ClusterInput {
            name: name.into(),
            cui: cui.into(),
            county: county.into(),
            sectors: vec![[Sector::WoodFurniture, Sector::Textiles, Sector::RenewableEnergy, Sector::Agrofood][i]],
            ..Default::default()
        };
        clusters_ids.push(clusters::create(&store, &input).await.unwrap());
    }
    for i in 0..n {
        let contact = ContactInput {
            name: format!("Ștefan Țăranu {i:03}"),
            email: address(i),
            consent: true,
            consent_date: Some("2026-01-10".into()),
            consent_source: "formular de înscriere".into(),
            ..Default::default()
        };
        let id = clusters::save_contact(&store, clusters_ids[i % 4], None, &contact).await.unwrap();
        if i % 5 == 4 {
            bulletins::set_contact_language(&store, id, Lang::En).await.unwrap();
        }
    }
    bulletins::save_smtp_settings(&store, settings).await.unwrap();
    let input = BulletinInput {
        title: "Buletin decembrie 2026".into(),
        subject_ro: "Buletinul CLUSTERO: finanțări și știri din decembrie".into(),
        subject_en: "CLUSTERO bulletin: funding and news in December".into(),
        intro_ro: "Stimați membri, vă prezentăm oportunitățile lunii.".into(),
        intro_en: "Dear members, here are this month's opportunities.".into(),
        audience: Audience::default(),
        ..Default::default()
    };
    let id = bulletins::save_bulletin(&store, None, &input).await.unwrap();
    assert_eq!(bulletins::queue_bulletin(&store, id).await.unwrap(), n as i64);
    (store, id)
}

fn header<'a>(message: &'a Value, name: &str) -> &'a str {
    message["headers"][name].as_str().unwrap_or_default()
}

#[tokio::test]
async fn a_bulletin_reaches_200_recipients_through_starttls() {
    let server = SmtpServer::start(&[]);
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = queued_bulletin(&dir.path().join("db.sqlite"), 200, &server.settings()).await;

    let mut updates = 0;
    let report = bulletins::send_with(&store, id, &server.settings(), Some(PASSWORD.into()), &mut |_| updates += 1)
        .await
        .unwrap();
    assert_eq!((report.counts.sent, report.counts.failed, report.stopped.as_str()), (200, 0, ""));
    assert_eq!(updates, 200, "the progress is reported after each message");

    let received = server.received();
    assert_eq!(received.len(), 200);
    let mut to: Vec<&str> = received.iter().map(|m| m["rcpt_tos"][0].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(to, (0..200).map(address).collect::<Vec<_>>());
    assert!(received.iter().all(|m| m["tls"] == true && m["authenticated"] == true));

    let first = received.iter().find(|m| m["rcpt_tos"][0] == address(0)).unwrap();
    assert_eq!(header(first, "Subject"), "Buletinul CLUSTERO: finanțări și știri din decembrie");
    assert_eq!(header(first, "From"), "Asociația CLUSTERO <buletin@clustero.ro>");
    assert_eq!(header(first, "To"), "Ștefan Țăranu 000 <persoana000@membru.ro>");
    assert_eq!(header(first, "List-Unsubscribe"), "<mailto:buletin@clustero.ro?subject=unsubscribe>");
    let sent = bulletins::bulletin_messages(&store, id).await.unwrap();
    assert_eq!(header(first, "Message-ID"), sent[0].message_id, "the Message-ID on record is the one sent");
    let parts = first["parts"].as_array().unwrap();
    assert_eq!(parts.iter().map(|p| p["type"].as_str().unwrap()).collect::<Vec<_>>(), ["text/plain", "text/html"]);
    let text = parts[0]["text"].as_str().unwrap();
    assert!(text.starts_with("Bună ziua, Ștefan Țăranu 000,"), "{text}");
    assert!(text.contains("vă prezentăm oportunitățile lunii"));
    assert!(text.contains("răspundeți la acest mesaj cu cuvântul „DEZABONARE” sau scrieți la buletin@clustero.ro"));
    assert!(parts[1]["text"].as_str().unwrap().contains("<p>Bună ziua, Ștefan Țăranu 000,</p>"));

    let english = received.iter().find(|m| m["rcpt_tos"][0] == address(4)).unwrap();
    assert_eq!(header(english, "Subject"), "CLUSTERO bulletin: funding and news in December");
    assert!(english["parts"][0]["text"].as_str().unwrap().contains("To unsubscribe, reply to this message"));

    assert!(sent.iter().all(|m| m.state == MessageState::Sent && m.attempts == 1 && m.sent_at.is_some()));
    let theirs = bulletins::contact_messages(&store, sent[0].contact_id.unwrap()).await.unwrap();
    assert_eq!(theirs[0].bulletin_title, "Buletin decembrie 2026");

    // Sending again finds nothing to send.
    let again = bulletins::send_with(&store, id, &server.settings(), Some(PASSWORD.into()), &mut |_| {}).await.unwrap();
    assert_eq!(again.counts.sent, 200);
    assert_eq!(server.received().len(), 200);
}

#[tokio::test]
async fn temporary_refusals_are_retried_and_permanent_ones_kept_with_their_reason() {
    let server = SmtpServer::start(&["--temp-then-perm", &address(1), "--temp-once", &address(2)]);
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = queued_bulletin(&dir.path().join("db.sqlite"), 4, &server.settings()).await;
    let report =
        bulletins::send_with(&store, id, &server.settings(), Some(PASSWORD.into()), &mut |_| {}).await.unwrap();
    assert_eq!((report.counts.sent, report.counts.failed, report.counts.queued), (3, 1, 0));

    let messages = bulletins::bulletin_messages(&store, id).await.unwrap();
    let by = |n: usize| messages.iter().find(|m| m.address == address(n)).unwrap();
    assert_eq!((by(0).state, by(0).attempts), (MessageState::Sent, 1));
    assert_eq!((by(1).state, by(1).attempts), (MessageState::Failed, 2));
    assert!(
        by(1).last_error.contains("550") && by(1).last_error.contains("Mailbox unavailable"),
        "{}",
        by(1).last_error
    );
    assert_eq!((by(2).state, by(2).attempts), (MessageState::Sent, 2));
    assert_eq!(by(2).last_error, "", "a later success clears the reason");

    let answers: Vec<(String, String)> = server
        .log("rcpt.jsonl")
        .iter()
        .map(|e| (e["rcpt"].as_str().unwrap().to_string(), e["answer"].as_str().unwrap()[..3].to_string()))
        .filter(|(rcpt, _)| *rcpt != address(0) && *rcpt != address(3))
        .collect();
    assert_eq!(
        answers,
        [
            (address(1), "451".to_string()),
            (address(1), "550".to_string()),
            (address(2), "451".to_string()),
            (address(2), "250".to_string()),
        ]
    );
    let mut to: Vec<String> =
        server.received().iter().map(|m| m["rcpt_tos"][0].as_str().unwrap().to_string()).collect();
    to.sort();
    assert_eq!(to, [address(0), address(2), address(3)]);
}

#[tokio::test]
async fn an_unreachable_server_stops_the_run_with_the_reason_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: closed.into(),
        security: SmtpSecurity::None,
        user: String::new(),
        ..SmtpSettings::default()
    };
    let settings = SmtpSettings { from_address: "buletin@clustero.ro".into(), ..settings };
    let (store, id) = queued_bulletin(&dir.path().join("db.sqlite"), 3, &settings).await;
    let report = bulletins::send_with(&store, id, &settings, None, &mut |_| {}).await.unwrap();
    assert_eq!((report.counts.queued, report.counts.sent), (3, 0));
    assert!(!report.stopped.is_empty());
    assert_eq!(bulletins::get_bulletin(&store, id).await.unwrap().send_error, report.stopped);
}

fn cli(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_clusterdesk"));
    command.arg("--db").arg(db).args(["--lang", "en"]).env(bulletins::PASSWORD_STORE_ENV, "file");
    command
}

fn wait_for(server: &SmtpServer, count: usize) {
    for _ in 0..6000 {
        if server.received().len() >= count {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the server received {} messages, expected {count}", server.received().len());
}

#[tokio::test]
async fn a_killed_sender_loses_nothing_and_sends_at_most_the_message_in_flight_twice() {
    // Each message takes the server 20 ms, so that the kill finds one in flight most times.
    let server = SmtpServer::start(&["--delay-ms", "20"]);
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("db.sqlite");
    let (store, id) = queued_bulletin(&db, 200, &server.settings()).await;
    store.close().await;

    let mut password =
        cli(&db).args(["bulletin", "password"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(password.stdin.as_mut().unwrap(), PASSWORD.as_bytes()).unwrap();
    let out = password.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("a file only the user can read"));

    let dry = cli(&db).args(["bulletin", "send", "--id", &id.to_string(), "--dry-run"]).output().unwrap();
    assert!(String::from_utf8_lossy(&dry.stdout).contains("200 messages would be sent now"));
    assert!(server.received().is_empty());

    let mut sender =
        cli(&db).args(["bulletin", "send", "--id", &id.to_string()]).stderr(Stdio::null()).spawn().unwrap();
    wait_for(&server, 60);
    sender.kill().unwrap(); // SIGKILL
    sender.wait().unwrap();
    let before = server.received().len();
    assert!(before < 200, "killed mid-run");

    let rest = cli(&db).args(["bulletin", "send", "--id", &id.to_string()]).output().unwrap();
    assert!(rest.status.success(), "{}", String::from_utf8_lossy(&rest.stderr));
    assert!(String::from_utf8_lossy(&rest.stdout).contains("Sent: 200, failed: 0, waiting: 0"));

    let received = server.received();
    let mut ids: Vec<&str> = received.iter().map(|m| header(m, "Message-ID")).collect();
    ids.sort();
    let total = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), 200, "every message arrived");
    assert!(total - ids.len() <= 1, "at most the message in flight arrived twice ({total} received)");
    let store = Store::open(&db).await.unwrap();
    let messages = bulletins::bulletin_messages(&store, id).await.unwrap();
    assert!(messages.iter().all(|m| m.state == MessageState::Sent));
    assert!(messages.iter().filter(|m| m.interrupted).count() <= 1);
}
