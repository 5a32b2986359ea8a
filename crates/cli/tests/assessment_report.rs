//! `clusterdesk report assessment` on the demo database, with no display: the gold cluster's
//! report prints, found by its name; a year without an assessment and an ambiguous name
//! are refused with a message.

use std::process::Command;

fn clusterdesk(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the clusterdesk binary runs")
}

#[test]
fn the_report_of_the_gold_cluster_prints_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    assert!(clusterdesk(&db, &["demo"]).status.success());
    let out = dir.path().join("Evaluare.pdf");
    let out_text = out.to_str().unwrap();
    // The gold cluster, by its name as the list gives it.
    let list = clusterdesk(&db, &["clusters", "list", "--label", "gold", "--format", "csv"]);
    let csv = String::from_utf8(list.stdout).unwrap();
    let gold = csv.lines().nth(1).and_then(|l| l.split(',').next()).expect("the demo has a gold cluster").to_string();
    // The demo's dates follow today: the gold cluster's assessment is of one of the last three years.
    let this_year: i32 = chrono::Datelike::year(&clusterdesk_core::clock::Clock::default().today());
    let printed = (this_year - 3..this_year).any(|year| {
        let year = year.to_string();
        clusterdesk(&db, &["report", "assessment", "--cluster", &gold, "--year", &year, "--out", out_text])
            .status
            .success()
    });
    assert!(printed, "no report of the gold cluster {gold}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() < 150_000);

    let missing = clusterdesk(&db, &["report", "assessment", "--cluster", &gold, "--year", "1995", "--out", out_text]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nu are o evaluare pentru anul 1995"));
    let ambiguous = clusterdesk(
        &db,
        &["--lang", "en", "report", "assessment", "--cluster", "textil", "--year", "2024", "--out", out_text],
    );
    assert!(
        String::from_utf8_lossy(&ambiguous.stderr).contains("matches"),
        "{}",
        String::from_utf8_lossy(&ambiguous.stderr)
    );
}
