//! The `clusterdesk` binary: the audit log with its filters and formats, the staff name it records,
//! a restore in the log, and a contact's personal data exported and erased.

use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env_remove("CLUSTERDESK_STAFF")
        .output()
        .expect("the clusterdesk binary runs")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(db: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(db, &all)).expect("JSON output")
}

#[test]
fn audit_restore_and_personal_data_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    ok(&db, &["--staff", "Elena Marinescu", "demo", "--clusters", "2"]);

    // Every change the demo made is recorded under the name given.
    let created = json(&db, &["audit", "--entity", "clusters", "--action", "create"]);
    assert_eq!(created.len(), 2);
    assert!(created.iter().all(|e| e["staff"] == "Elena Marinescu"));
    let cluster_id = created[0]["entity_id"].as_i64().unwrap();
    let history = json(&db, &["audit", "--entity", "clusters", "--id", &cluster_id.to_string()]);
    assert!(history.iter().any(|e| e["entity"] == "contacts"), "a cluster's history holds its contacts");
    assert!(json(&db, &["audit", "--staff", "nobody"]).is_empty());
    let table = ok(&db, &["audit", "--entity", "clusters", "--limit", "1"]);
    assert!(table.contains("created") && table.contains("Elena Marinescu"), "{table}");
    let csv = ok(&db, &["audit", "--entity", "clusters", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().contains("Date and time"));
    assert_eq!(csv.lines().count(), 3);
    assert!(!run(&db, &["audit", "--since", "27.11.2026"]).status.success());

    // Backup, then a restore by another person: in the restored database's log.
    let copy = dir.path().join("copy.sqlite");
    ok(&db, &["backup", "--out", copy.to_str().unwrap()]);
    ok(&db, &["--staff", "Mihai Ionescu", "restore", copy.to_str().unwrap()]);
    let restores = json(&db, &["audit", "--action", "restore"]);
    assert_eq!(restores.len(), 1);
    assert_eq!(
        (restores[0]["staff"].as_str(), restores[0]["label"].as_str()),
        (Some("Mihai Ionescu"), Some("copy.sqlite"))
    );

    // A contact's personal data, then their erasure.
    let contact = json(&db, &["audit", "--entity", "contacts", "--action", "create", "--limit", "1"]);
    let (contact_id, name) =
        (contact[0]["entity_id"].as_i64().unwrap().to_string(), contact[0]["label"].as_str().unwrap().to_string());
    let out_json = dir.path().join("contact.json");
    ok(&db, &["contact", "export", "--id", &contact_id, "--out", out_json.to_str().unwrap()]);
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(&out_json).unwrap()).unwrap();
    assert_eq!(data["records"]["contacts"][0]["name"], name.as_str());
    let out_pdf = dir.path().join("contact.pdf");
    ok(&db, &["contact", "export", "--id", &contact_id, "--out", out_pdf.to_str().unwrap()]);
    assert!(std::fs::read(&out_pdf).unwrap().starts_with(b"%PDF-"));
    assert!(!run(&db, &["contact", "export", "--id", &contact_id, "--out", "x.txt"]).status.success());

    assert!(!run(&db, &["contact", "erase", "--id", &contact_id]).status.success(), "erasing asks for --yes");
    ok(&db, &["contact", "erase", "--id", &contact_id, "--yes"]);
    let erased = json(&db, &["audit", "--action", "erase"]);
    assert_eq!(erased.len(), 1);
    assert!(json(&db, &["audit", "--search", &name]).is_empty(), "{name} is still in the log");
}
