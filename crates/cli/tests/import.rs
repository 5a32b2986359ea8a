//! `clusterdesk import clusters`: the preview's report, the exit status when rows are refused,
//! --dry-run, --skip-invalid, --update and --encoding.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/import").join(name)
}

fn import(db: &Path, file: &str, flags: &[&str]) -> (Output, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "import", "clusters"])
        .arg(fixture(file))
        .args(flags)
        .output()
        .expect("the clusterdesk binary runs");
    let text = String::from_utf8(out.stdout.clone()).expect("UTF-8 output");
    (out, text)
}

fn cluster_count(db: &Path) -> usize {
    let out = Command::new(env!("CARGO_BIN_EXE_clusterdesk"))
        .arg("--db")
        .arg(db)
        .args(["clusters", "list", "--format", "csv"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().lines().count().saturating_sub(1)
}

#[test]
fn refused_rows_fail_the_command_and_write_nothing_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");

    let (out, report) = import(&db, "clustere-randuri-gresite.csv", &[]);
    assert!(!out.status.success(), "refused rows make the command fail");
    assert!(report.contains("Unknown county: “Transilvania”."), "{report}");
    assert!(report.contains("C: County → County; D: Region → Region (checked)"), "{report}");
    assert!(report.contains("To create: 2; to update: 0; refused: 7"), "{report}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing was written: 7 rows are refused"));
    assert_eq!(cluster_count(&db), 0);

    let (out, _) = import(&db, "clustere-randuri-gresite.csv", &["--dry-run", "--skip-invalid"]);
    assert!(out.status.success());
    assert_eq!(cluster_count(&db), 0, "a dry run writes nothing");

    let (out, report) = import(&db, "clustere-randuri-gresite.csv", &["--skip-invalid"]);
    assert!(out.status.success());
    assert!(report.contains("Import written without the refused rows: 2 created, 0 updated, 7 left out."), "{report}");
    assert_eq!(cluster_count(&db), 2);
}

#[test]
fn an_old_excel_file_then_its_update() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let (out, report) = import(&db, "clustere-excel-vechi-1250.csv", &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("encoding Windows-1250 (old Excel) (detected), separator semicolon"), "{report}");
    assert!(report.contains("Clusterul Textil „Țara Bârsei”"), "{report}");
    assert_eq!(cluster_count(&db), 4);

    let (out, report) = import(&db, "clustere-excel-vechi-1250.csv", &[]);
    assert!(!out.status.success(), "the same CUIs again, without --update");
    assert!(report.contains("choose “update” to change it"), "{report}");
    let (out, report) = import(&db, "clustere-excel-vechi-1250.csv", &["--update", "--encoding", "iso-8859-2"]);
    assert!(out.status.success());
    assert!(report.contains("encoding ISO-8859-2 (Latin-2) (detected: Windows-1250 (old Excel))"), "{report}");
    assert!(report.contains("To create: 0; to update: 4; refused: 0"), "{report}");
    assert_eq!(cluster_count(&db), 4);
}
