//! Test helpers: write a PDF to a temporary folder and ask poppler-utils what is in it.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

pub fn ro_date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid test date")
}

/// What poppler-utils read from a PDF.
#[derive(Debug)]
pub struct InspectedPdf {
    pub size: usize,
    /// `pdftotext -layout`
    pub text: String,
    /// `pdftotext -raw` (the order the text was drawn in, no de-hyphenation) with all whitespace
    /// runs as single spaces: a text wrapped
    /// over two lines is found whole here.
    pub flat: String,
    /// `pdftotext -layout` per page, to check what is on which page.
    pub page_texts: Vec<String>,
    /// `pdffonts`
    pub fonts: String,
    /// `pdfinfo`
    pub info: String,
    pub pages: usize,
    pub title: Option<String>,
    _dir: tempfile::TempDir,
}

fn run(program: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("{program} (poppler-utils) must be installed: {e}"));
    assert!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("poppler writes UTF-8")
}

/// Writes `bytes` to `<tmp>/<name>.pdf` and runs `pdftotext`, `pdffonts` and `pdfinfo` on it.
pub fn inspect_pdf(name: &str, bytes: &[u8]) -> InspectedPdf {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write the PDF");
    if let Ok(keep) = std::env::var("CLUSTERDESK_KEEP_PDFS") {
        // For looking at the output: CLUSTERDESK_KEEP_PDFS=/tmp/pdf-look cargo test …
        let _ = std::fs::create_dir_all(&keep);
        let _ = std::fs::write(Path::new(&keep).join(format!("{name}.pdf")), bytes);
    }
    let info = run("pdfinfo", &[], &path);
    let field = |key: &str| {
        info.lines().find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string())).filter(|v| !v.is_empty())
    };
    let pages: usize = field("Pages:").and_then(|v| v.parse().ok()).expect("pdfinfo reports the pages");
    let page_texts = (1..=pages)
        .map(|p| run("pdftotext", &["-layout", "-f", &p.to_string(), "-l", &p.to_string()], &path))
        .collect();
    InspectedPdf {
        size: bytes.len(),
        text: run("pdftotext", &["-layout"], &path),
        flat: run("pdftotext", &["-raw"], &path).split_whitespace().collect::<Vec<_>>().join(" "),
        page_texts,
        fonts: run("pdffonts", &[], &path),
        title: field("Title:"),
        info,
        pages,
        _dir: dir,
    }
}

impl InspectedPdf {
    /// Whether the text holds `needle`, however it was broken over lines.
    pub fn contains_wrapped(&self, needle: &str) -> bool {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        squeeze(&self.flat).contains(&squeeze(needle))
    }

    /// Every font in the file is embedded, as a subset, with a ToUnicode map (`pdffonts`:
    /// `emb yes  sub yes  uni yes`), and they are the bundled DejaVu fonts.
    pub fn assert_fonts_embedded_subsets(&self) {
        let rows: Vec<&str> = self.fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "no fonts:\n{}", self.fonts);
        for row in rows {
            let columns: Vec<&str> = row.split_whitespace().collect();
            let flags = &columns[columns.len() - 5..columns.len() - 2];
            assert_eq!(flags, ["yes", "yes", "yes"], "font not embedded as a subset with ToUnicode:\n{}", self.fonts);
            assert!(columns[0].contains('+') && columns[0].contains("DejaVuSans"), "unexpected font {row}");
        }
    }
}
