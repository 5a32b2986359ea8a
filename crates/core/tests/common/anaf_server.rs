//! The local ANAF server (tests/python/anaf_server.py) on a free port, for the tests and the bench.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub struct AnafServer {
    child: Child,
    pub port: u16,
}

#[derive(Debug, serde::Deserialize)]
pub struct Received {
    pub path: String,
    pub cuis: Vec<u64>,
    /// Seconds since the server started (its monotonic clock).
    pub at: f64,
    pub via_proxy: bool,
}

impl AnafServer {
    pub fn start() -> AnafServer {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let venv = root.join("tests/python/.venv/bin/python");
        let python = if venv.exists() { venv } else { PathBuf::from("python3") };
        let mut child = Command::new(python)
            .arg(root.join("tests/python/anaf_server.py"))
            .args(["--port", "0", "--slow", "3"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 starts the ANAF test server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("the server's first line");
        let port = line.trim().strip_prefix("listening ").and_then(|p| p.parse().ok()).expect("listening PORT");
        AnafServer { child, port }
    }

    /// The service's address under a behaviour path ("anaf", "generated", "slow", "429-once"…).
    pub fn url(&self, mode: &str) -> String {
        format!("http://127.0.0.1:{}/{mode}/PlatitorTvaRest/v9/tva", self.port)
    }

    pub fn received(&self) -> Vec<Received> {
        let body = ureq::get(format!("http://127.0.0.1:{}/_requests", self.port))
            .call()
            .expect("the request log")
            .body_mut()
            .read_to_string()
            .expect("its text");
        serde_json::from_str(&body).expect("a JSON list")
    }
}

impl Drop for AnafServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
