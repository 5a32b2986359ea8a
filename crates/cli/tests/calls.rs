//! `clusterdesk calls list` and `calls match --call ID` on the demo: the calls with their state by
//! the Bucharest day, and who fits one, each criterion with why.

use std::path::Path;
use std::process::Command;

fn ok(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env("CLUSTERDESK_NOW", "2026-11-20T10:00")
        .output()
        .expect("the clusterdesk binary runs");
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn calls_are_listed_and_matched_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    ok(&db, &["demo"]);

    let open = ok(&db, &["calls", "list", "--state", "open"]);
    assert!(open.contains("Digitalisation of SMEs in the Centre Region"), "{open}");
    assert!(!open.contains("Cross-border cooperation in renewable energy"), "a closed call is not open: {open}");
    let closed = ok(&db, &["calls", "list", "--state", "closed"]);
    assert!(closed.contains("Cross-border cooperation in renewable energy"), "{closed}");

    // The wood and furniture call: SMEs of the Centre and North-West regions with its CAEN codes.
    let id = open
        .lines()
        .find(|l| l.contains("Innovation in wood and furniture SMEs"))
        .and_then(|l| l.split('┆').next())
        .map(|cell| cell.trim_matches(|c: char| !c.is_ascii_digit()).to_string())
        .expect("the call's row");
    let matched = ok(&db, &["calls", "match", "--call", &id, "--limit", "5"]);
    assert!(matched.contains("Clusters: 0 fit"), "the call is for SMEs only: {matched}");
    assert!(matched.contains("[Fits]"), "{matched}");
    assert!(matched.contains("✓ Region: It is in the"), "{matched}");
    assert!(matched.contains("✓ CAEN code: CAEN code"), "{matched}");
}
