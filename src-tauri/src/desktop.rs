//! How the app behaves on the desktop it runs on: the WebKitGTK rendering guard, one window per
//! database file, and the window's size and position kept between starts.

use std::ffi::OsStr;
use std::path::Path;

use tauri::{AppHandle, Manager, Runtime, plugin::TauriPlugin};
use tauri_plugin_window_state::StateFlags;

/// WebKitGTK's DMA-BUF renderer shows a blank window on some GPUs and Wayland compositors, and
/// costs about 100 MiB more in the web process under X11 without a GPU (measured in issue 16).
/// The shared-memory renderer it falls back to draws the same pages.
const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
/// `CLUSTERDESK_DMABUF=1` leaves WebKit's own choice of renderer, for a GPU that draws well and
/// faster with DMA-BUF.
const KEEP_DMABUF: &str = "CLUSTERDESK_DMABUF";

/// Sets `WEBKIT_DISABLE_DMABUF_RENDERER=1` when [`disable_dmabuf`] says so. Must run before any
/// thread starts (the first thing in `run()`).
pub fn webkit_guard() {
    if cfg!(target_os = "linux")
        && disable_dmabuf(std::env::var_os(DMABUF_SWITCH).as_deref(), std::env::var_os(KEEP_DMABUF).as_deref())
    {
        // SAFETY: called at the start of `run()`, while the process has its main thread only, so
        // nothing reads the environment concurrently.
        unsafe { std::env::set_var(DMABUF_SWITCH, "1") };
    }
}

/// Whether to turn DMA-BUF off, given the user's `WEBKIT_DISABLE_DMABUF_RENDERER` and
/// `CLUSTERDESK_DMABUF`: a value the user gave WebKit wins (WebKit reads `0` as "not disabled"),
/// then the app's own switch.
fn disable_dmabuf(user_value: Option<&OsStr>, keep_dmabuf: Option<&OsStr>) -> bool {
    user_value.is_none() && keep_dmabuf.is_none_or(|v| v != "1")
}

/// A second start on the same database file hands over to the running app, which brings its
/// window to the front, and exits. On Linux the running app is found on the session's D-Bus under
/// a name made from the file's path, so that two different files can be open at once (the
/// end-to-end tests run many); on Windows and macOS the plugin knows one instance per user.
/// Without a session bus (a bare X server) the app starts normally.
pub fn single_instance<R: Runtime>(db_path: &Path) -> TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(instance_id(db_path))
        .callback(|app, _args, _cwd| focus_main_window(app))
        .build()
}

/// The window's size, position and maximised state, in the app's config folder
/// (`.window-state.json`), saved when the window closes and restored when it opens. Visibility and
/// decorations are not restored: the window always opens visible.
pub fn window_state<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        .build()
}

fn focus_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        // Each step may fail on a desktop that refuses it (focus stealing prevention); the
        // others still help, and there is nothing more the app could do.
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// A D-Bus name for the database file: the app identifier and a hash of the file's absolute path
/// (the file may not exist yet on a first start; its folder usually does).
fn instance_id(db_path: &Path) -> String {
    let absolute = std::fs::canonicalize(db_path)
        .or_else(|_| match (db_path.parent(), db_path.file_name()) {
            (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => {
                std::fs::canonicalize(dir).map(|d| d.join(name))
            }
            _ => std::path::absolute(db_path),
        })
        .or_else(|_| std::path::absolute(db_path))
        .unwrap_or_else(|_| db_path.to_path_buf());
    format!("ro.clustero.clusterdesk.db_{:016x}", fnv1a(absolute.as_os_str().as_encoded_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions (the std hasher is not), so that two builds of
/// the app agree on the name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dmabuf_is_off_unless_the_user_chose() {
        let (one, zero) = (Some(OsStr::new("1")), Some(OsStr::new("0")));
        assert!(disable_dmabuf(None, None), "nothing set: the guard applies");
        assert!(disable_dmabuf(None, zero), "CLUSTERDESK_DMABUF=0 keeps the guard");
        assert!(!disable_dmabuf(None, one), "CLUSTERDESK_DMABUF=1 turns the guard off");
        assert!(!disable_dmabuf(zero, None), "the user's WEBKIT_DISABLE_DMABUF_RENDERER=0 is kept");
        assert!(!disable_dmabuf(one, one), "and so is their =1, set or not");
    }

    #[test]
    fn one_name_per_database_file_whatever_the_spelling() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.sqlite");
        let same = dir.path().join(".").join("a.sqlite");
        assert_eq!(instance_id(&file), instance_id(&same), "before the file exists");
        std::fs::write(&file, b"").expect("write");
        assert_eq!(instance_id(&file), instance_id(&same), "once it exists");
        assert_ne!(instance_id(&file), instance_id(&dir.path().join("b.sqlite")));
    }

    #[test]
    fn the_name_is_a_valid_dbus_name() {
        let id = instance_id(Path::new("/tmp/Date ș ț/x.sqlite"));
        // Elements of letters, digits and '_', none starting with a digit; the plugin adds
        // ".SingleInstance".
        for element in id.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()), "{id}");
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'), "{id}");
        }
        assert!(id.len() + ".SingleInstance".len() < 255);
    }

    #[test]
    fn the_hash_is_fnv1a() {
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
