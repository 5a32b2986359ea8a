//! The assessment report: rendering one report to PDF with the core (printpdf), measured over many
//! runs, and the same report printed to PDF from HTML by headless Chromium (Debian's `chromium`) in
//! the same run, as the baseline a web-stack app would have. Prints p50/p95 of both and their
//! ratio. Targets: under 50 ms per report, and at least 50 times faster than Chromium.
//!
//! `cargo bench -p clusterdesk-core --bench assessment` (`make bench` installs chromium first,
//! through scripts/setup-bench.sh). The HTML is made here, from the same report data, with the same
//! texts, tables and radar chart; it is not a feature of the app.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::measure;

use clusterdesk_core::Store;
use clusterdesk_core::assessments::framework::Part;
use clusterdesk_core::assessments::report::{self, ReportData, one_decimal, thresholds_text, value_text};
use clusterdesk_core::demo::{self, DemoOptions};
use clusterdesk_core::i18n::{Lang, t};

/// Today by the clock the tests' stores run on (the system's, in Bucharest).
fn today() -> chrono::NaiveDate {
    clusterdesk_core::clock::Clock::default().today()
}

const RUNS: usize = 60;
const CHROMIUM_RUNS: usize = 5;

fn main() {
    if !common::wanted("assessment") {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(&dir.path().join("bench.sqlite")).await.expect("open");
    demo::generate(&store, &DemoOptions::default()).await.expect("demo data");
    let (cluster, year): (i64, i64) = sqlx::query_as(
        "SELECT cluster_id, year FROM assessments WHERE level = 'gold' AND status = 'final' ORDER BY year DESC LIMIT 1",
    )
    .fetch_one(store.pool())
    .await
    .expect("the demo's gold assessment");
    let data = report::report_for(&store, cluster, year, Lang::Ro, today()).await.expect("report data");
    let pdf = report::pdf(&data).expect("pdf");
    println!("report: {} {}, {} KB PDF", data.cluster, year, pdf.len() / 1024);

    let mut rows = vec![
        measure("render the report (PDF, printpdf)", RUNS, || async {
            report::pdf(&data).expect("pdf");
        })
        .await,
        measure("read the data + render the report", RUNS, || async {
            let data = report::report_for(&store, cluster, year, Lang::Ro, today()).await.expect("data");
            report::pdf(&data).expect("pdf");
        })
        .await,
    ];
    let ours = rows[0].1;

    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, html(&data)).expect("write the HTML");
    match chromium_times(dir.path(), &html_path) {
        Ok(times) => {
            let mut sorted = times.clone();
            sorted.sort();
            let p50 = sorted[sorted.len() / 2];
            let max = sorted[sorted.len() - 1];
            rows.push((format!("headless chromium: HTML → PDF ({CHROMIUM_RUNS} runs)"), p50, max, max));
            common::print("assessment report", &rows);
            let ratio = p50.as_secs_f64() / ours.as_secs_f64().max(1e-9);
            println!(
                "\nprintpdf {:.2} ms vs chromium {:.0} ms (p50): {ratio:.0}× faster (target: < 50 ms and ≥ 50×: {})",
                ours.as_secs_f64() * 1000.0,
                p50.as_secs_f64() * 1000.0,
                if ours < Duration::from_millis(50) && ratio >= 50.0 { "met" } else { "NOT met" }
            );
        }
        Err(why) => {
            common::print("assessment report", &rows);
            println!("\nchromium baseline not measured: {why} (make bench installs it: scripts/setup-bench.sh)");
        }
    }
    store.close().await;
}

/// Prints `html` to PDF with a fresh headless Chromium process per run, as an app would.
fn chromium_times(dir: &Path, html: &Path) -> Result<Vec<Duration>, String> {
    let mut times = Vec::new();
    for run in 0..=CHROMIUM_RUNS {
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
fn html(data: &ReportData) -> String {
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
