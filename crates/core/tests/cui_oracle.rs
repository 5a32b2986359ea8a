//! The CUI rule against an independent implementation: PyPI's `cui-ro` (ANAF's published key),
//! run in the shared test virtual environment (`tests/python/.venv`, made by
//! `scripts/setup-test-python.sh` from the pinned `tests/python/requirements.txt`). A few
//! thousand generated codes, each in the ways people and registries write them: both must give
//! the same verdict and the same stored (registry) form.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use clusterdesk_core::cui;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The oracle's Python, installing it first when it is missing.
fn oracle_python() -> PathBuf {
    let python = root().join("tests/python/.venv/bin/python");
    if !python.exists() {
        let status = Command::new("bash").arg(root().join("scripts/setup-test-python.sh")).status().unwrap();
        assert!(status.success(), "scripts/setup-test-python.sh failed: cui-ro could not be installed");
    }
    python
}

/// Codes with a right or a wrong check digit, of every length, in many written forms.
fn written_forms() -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(17);
    let mut forms = vec![
        String::new(),
        "RO".into(),
        "ro".into(),
        "0".into(),
        "00".into(),
        "RO0".into(),
        "RO 00".into(),
        "RORO18547290".into(),
        "RO-18547290".into(),
        "18.547.290".into(),
        "18547290RO".into(),
        "R O18547290".into(),
        "１８５４７２９０".into(),  // full-width digits
        "١٨٥٤٧٢٩٠".into(),          // Arabic-Indic digits
        "18547290\u{200b}".into(), // a zero-width space is not whitespace
        "\u{1c}18547290\u{1f}".into(),
        "\u{85}RO\u{3000}18547290\u{2029}".into(),
        format!("{}18547290", "0".repeat(56)),
        format!("{}18547290", "0".repeat(57)),
        format!("RO{}18547290", "0".repeat(54)),
        format!("RO{}18547290", "0".repeat(55)),
        "12345678901".into(),
        "1234567890".into(),
    ];
    for _ in 0..400 {
        let len = rng.random_range(1..=9);
        let body: String = (0..len).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
        let check = cui::check_digit(&body).unwrap();
        let last = if rng.random_bool(0.75) { check } else { (check + rng.random_range(1..10u8)) % 10 };
        let code = format!("{body}{last}");
        let spaced: String = code
            .chars()
            .enumerate()
            .flat_map(|(i, c)| if i > 0 && i % 3 == 0 { vec![' ', c] } else { vec![c] })
            .collect();
        let zeros = "0".repeat(rng.random_range(1..6));
        forms.extend([
            code.clone(),
            format!("RO{code}"),
            format!("ro{code}"),
            format!("Ro {code}"),
            format!("rO\t{code}\n"),
            format!("  {code}  "),
            format!("RO {spaced}"),
            format!("{zeros}{code}"),
            format!("RO{zeros}{code}"),
            format!("RO\u{a0}{zeros}{code}"),
            format!("{code}\u{202f}"),
            format!("{code}{}", rng.random_range(0..10)), // one digit too many
            format!("{code}-"),
        ]);
    }
    forms
}

#[test]
fn the_rule_agrees_with_cui_ro() {
    let forms = written_forms();
    assert!(forms.len() > 5000, "{} forms", forms.len());
    let mut child = Command::new(oracle_python())
        .arg(root().join("tests/python/cui_ro_oracle.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(serde_json::to_string(&forms).unwrap().as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the oracle failed");
    let verdicts: Vec<(Option<String>, bool)> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(verdicts.len(), forms.len());

    let mut disagreements = Vec::new();
    let mut valid = 0;
    for (form, (their_form, their_verdict)) in forms.iter().zip(&verdicts) {
        let ours = cui::parse(form);
        valid += usize::from(ours.is_ok());
        if cui::normalize(form) != *their_form || ours.is_ok() != *their_verdict {
            disagreements.push(format!("{form:?}: ours {:?} / {ours:?}, cui-ro {their_form:?} / {their_verdict}", cui::normalize(form)));
        }
        if let Ok(stored) = &ours {
            assert_eq!(Some(stored), their_form.as_ref(), "{form:?}: the stored form");
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    // The sample holds both verdicts in number.
    assert!(valid > 1000 && forms.len() - valid > 1000, "{valid} valid of {}", forms.len());
}
