//! `clusterdesk report assessment` on the demo database, with no display: the gold cluster's
//! report prints, found by its name; a year without an assessment and an ambiguous name
//! are refused with a message.

use std::collections::HashSet;
use std::process::Command;

use clusterdesk_core::assessments::{self, AssessmentQuery, AssessmentStatus};

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

/// `--all` prints, in one process, one PDF per cluster assessed that year: as many files as
/// clusters with an assessment, each one a report; a year without any is refused.
#[test]
fn all_prints_every_assessed_clusters_report_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    assert!(clusterdesk(&db, &["demo"]).status.success());
    let this_year: i32 = chrono::Datelike::year(&clusterdesk_core::clock::Clock::default().today());
    let out = dir.path().join("reports");
    let out_text = out.to_str().unwrap();
    let (year, run) = (this_year - 3..this_year)
        .rev()
        .map(|year| (year, clusterdesk(&db, &["report", "assessment", "--all", "--year", &year.to_string(), "--out", out_text])))
        .find(|(_, run)| run.status.success())
        .expect("the demo has assessments in one of the last three years");
    let printed: Vec<String> = String::from_utf8(run.stdout).unwrap().lines().map(str::to_string).collect();
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(printed.len() > 1, "{printed:?}");
    assert_eq!(files.len(), printed.len(), "one file per cluster, none overwritten");
    for file in &files {
        assert!(std::fs::read(file).unwrap().starts_with(b"%PDF-"), "{}", file.display());
    }
    // As many as the assessment list names clusters for that year (the demo archives none).
    let listed = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let store = clusterdesk_core::Store::open(&db).await.unwrap();
        let query = AssessmentQuery { year: Some(year.into()), ..Default::default() };
        let rows = assessments::list(&store, &query).await.unwrap();
        rows.iter().filter(|r| r.status != AssessmentStatus::Superseded).map(|r| r.cluster_id).collect::<HashSet<_>>().len()
    });
    assert_eq!(files.len(), listed);

    let none = clusterdesk(&db, &["report", "assessment", "--all", "--year", "1995", "--out", out_text]);
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("1995"));
}
