//! The assessment report as one HTML page, printed to PDF by headless Chromium (Debian's
//! `chromium`): the baseline a web-stack app would have, for the benchmarks that compare the
//! report against it (`benches/assessment.rs` here, `crates/cli/benches/report_process.rs`).
//! The HTML has the same texts, tables and radar chart as the PDF; it is not a feature of the app.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use clusterdesk_core::assessments::framework::Part;
use clusterdesk_core::assessments::report::{ReportData, one_decimal, thresholds_text, value_text};
use clusterdesk_core::i18n::t;

/// Prints `html` to PDF with a fresh headless Chromium process per run, as an app would.
pub fn chromium_times(dir: &Path, html: &Path, runs: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::new();
    for run in 0..=runs {
        let profile = tempfile::tempdir_in(dir).map_err(|e| e.to_string())?;
        let out = dir.join(format!("chromium-{run}.pdf"));
        let started = Instant::now();
        let status = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", html.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("chromium: {e}"))?;
        let elapsed = started.elapsed();
        if !status.success() || !out.exists() {
            return Err(format!("chromium failed ({status})"));
        }
        // The first run warms the disk cache, as `measure` does for ours.
        if run > 0 {
            times.push(elapsed);
        }
    }
    Ok(times)
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The report as one HTML page with print CSS: the same texts, tables and chart as the PDF.
pub fn html(data: &ReportData) -> String {
    let lang = data.lang;
    let def = &data.detail.framework.def;
    let result = &data.detail.result;
    let tr = |key: &str| esc(&t(lang, key, &[]));
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"ro\"><head><meta charset=\"utf-8\"><style>\
         @page {{ size: A4; margin: 16mm 18mm 20mm; }} body {{ font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #1d232b; }}\
         .cover {{ page-break-after: always; }} .band {{ background: #1f4e79; color: white; padding: 20mm 10mm; }}\
         h1 {{ font-size: 24pt; }} h2 {{ color: #1f4e79; page-break-before: always; }} h3 {{ font-size: 11pt; }}\
         table {{ width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; }} th {{ background: #e3ebf4; text-align: left; }}\
         td, th {{ border-bottom: 0.5pt solid #8d98a5; padding: 1.4mm; }} td.n {{ text-align: right; }}\
         </style></head><body><div class=\"cover\"><div class=\"band\"><p>{}</p><h1>{}</h1><p>{}</p></div>",
        esc(&t(lang, "report.association", &[])),
        tr("assessment.report.title"),
        esc(&data.cluster)
    );
    let row = &data.detail.row;
    let _ = write!(
        h,
        "<table><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr></table></div>",
        tr("assessment.report.reference_year"),
        row.year,
        tr("assessment.report.assessor"),
        esc(&row.assessor),
        tr("assessment.report.assessed_on"),
        row.assessed_on
    );
    let _ = write!(
        h,
        "<h2>{}</h2><p>{}: {} / 100 · {}: {}/{} · {}: {}</p>",
        tr("assessment.report.summary"),
        tr("assessment.report.overall"),
        one_decimal(lang, result.overall),
        tr("assessment.report.quality"),
        result.quality_met,
        result.quality_total,
        tr("assessment.report.level"),
        result.level.map(|l| t(lang, &format!("label.{}", l.code()), &[])).unwrap_or_default()
    );
    // The radar chart as SVG polygons, as in the PDF.
    let n = def.areas.len() as f64;
    let point = |i: usize, score: f64| {
        let a = -std::f64::consts::FRAC_PI_2 + i as f64 * 2.0 * std::f64::consts::PI / n;
        (150.0 + 1.1 * score * a.cos(), 130.0 + 1.1 * score * a.sin())
    };
    let polygon = |scores: &[f64], style: &str| {
        let points: Vec<String> =
            scores.iter().enumerate().map(|(i, &s)| format!("{:.1},{:.1}", point(i, s).0, point(i, s).1)).collect();
        format!("<polygon points=\"{}\" style=\"{style}\"/>", points.join(" "))
    };
    let current: Vec<f64> = result.areas.iter().map(|a| a.score).collect();
    let _ = write!(h, "<svg width=\"300\" height=\"260\">");
    for ring in [25.0, 50.0, 75.0, 100.0] {
        h.push_str(&polygon(&vec![ring; def.areas.len()], "fill:none;stroke:#b7c0ca"));
    }
    h.push_str(&polygon(&current, "fill:#d6e4f0;stroke:#1f4e79;stroke-width:2"));
    if let Some(previous) = &data.previous {
        h.push_str(&polygon(&previous.areas, "fill:none;stroke:#d08a1e"));
    }
    if let Some(national) = &data.national {
        h.push_str(&polygon(&national.areas, "fill:none;stroke:#7a8590"));
    }
    h.push_str("</svg>");
    let _ = write!(h, "<h2>{}</h2>", tr("assessment.report.areas"));
    for area in &def.areas {
        let _ = write!(h, "<h3>{}</h3>", esc(area.name.get(lang)));
        for part in [Part::Benchmarking, Part::Quality] {
            let _ = write!(
                h,
                "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                tr("assessment.report.col.code"),
                tr("assessment.col.indicator"),
                tr("assessment.report.col.value"),
                tr("assessment.report.col.thresholds"),
                tr("assessment.report.col.score")
            );
            for score in result.indicators.iter().filter(|s| s.area == area.code && s.part == part) {
                let Some(indicator) = def.indicator(&score.code) else { continue };
                let value =
                    data.detail.values.iter().find(|v| v.indicator == score.code).and_then(|v| v.value.as_ref());
                let _ = write!(
                    h,
                    "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    score.code,
                    esc(indicator.name.get(lang)),
                    esc(&value_text(lang, indicator, value)),
                    esc(&thresholds_text(lang, indicator)),
                    score.score.map(|s| format!("{s:.0}")).unwrap_or_default()
                );
            }
            h.push_str("</table>");
        }
    }
    let _ = write!(h, "<h2>{}</h2></body></html>", tr("assessment.report.recommendations"));
    h
}
