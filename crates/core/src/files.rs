//! Writing the files people keep (PDFs, exports): whole or not at all.

use std::io::Write;
use std::path::Path;

use crate::Result;
use crate::text::strip_marks;

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it over
/// `path`, so that a crash or a kill leaves either the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A file name made of the given parts, safe on every system: "Certificate_Managementul
/// clusterelor_2026" -> "Certificate_Managementul_clusterelor_2026" (letters without diacritics,
/// digits, '-' and '_' only), with the extension.
pub fn safe_file_name(parts: &[&str], extension: &str) -> String {
    let mut name = String::new();
    for part in parts {
        let mut word = String::new();
        for c in strip_marks(part).chars() {
            if c.is_ascii_alphanumeric() || c == '-' {
                word.push(c);
            } else if !word.ends_with('_') && !word.is_empty() {
                word.push('_');
            }
        }
        let word = word.trim_matches('_');
        if !word.is_empty() {
            if !name.is_empty() {
                name.push('_');
            }
            name.push_str(word);
        }
    }
    name.truncate(120);
    format!("{}.{extension}", if name.is_empty() { "ClusterDesk" } else { &name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            safe_file_name(&["Certificate", "Managementul clusterelor: nivel de bază", "2026-03-12"], "pdf"),
            "Certificate_Managementul_clusterelor_nivel_de_baza_2026-03-12.pdf"
        );
        assert_eq!(safe_file_name(&["../../etc"], "csv"), "etc.csv");
        assert_eq!(safe_file_name(&[], "pdf"), "ClusterDesk.pdf");
    }

    #[test]
    fn writes_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out").join("a.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 1, "no temporary file left");
    }
}
