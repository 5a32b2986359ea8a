//! The HTTP side of ANAF's PlatitorTvaRest service.
//!
//! ureq (blocking, rustls with ring and the webpki roots) rather than reqwest: the app needs one
//! POST a second, and ureq adds about a dozen small crates and no async HTTP stack, no OpenSSL and
//! no aws-lc (a C build of minutes on CI's two cores). Certificates are checked against the
//! webpki roots; a proxy in the environment (HTTPS_PROXY, ALL_PROXY, HTTP_PROXY, NO_PROXY) is
//! honoured. Requests run on tokio's blocking pool.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::AnafError;

/// ANAF's limits: at most 100 CUIs a request and about one request a second.
pub const MAX_BATCH: usize = 100;

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The service's address (a setting, so that tests and the bench use a local server).
    pub url: String,
    /// The least time between two requests (ANAF asks for one a second).
    pub pace: Duration,
    /// How long a request may take in all; short, because the app works offline as a rule.
    pub timeout: Duration,
    /// Retries after HTTP 429 or 5xx, waiting `backoff`, then twice that, and so on (or what a
    /// Retry-After header asks, up to a minute).
    pub retries: u32,
    pub backoff: Duration,
    /// `None`: the proxy of the environment, if any. Tests name one.
    pub proxy: Option<String>,
}

impl ClientConfig {
    pub fn new(url: &str) -> ClientConfig {
        ClientConfig {
            url: url.to_string(),
            pace: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_secs(2),
            proxy: None,
        }
    }
}

#[derive(Serialize)]
struct Query<'a> {
    cui: u64,
    data: &'a str,
}

pub struct Client {
    config: ClientConfig,
    agent: ureq::Agent,
    next_request: Option<Instant>,
    /// Requests sent, retries included (the check job's progress shows it).
    pub requests: u64,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, AnafError> {
        let proxy = match &config.proxy {
            Some(url) => Some(ureq::Proxy::new(url).map_err(|_| AnafError::BadSetting)?),
            None => ureq::Proxy::try_from_env(),
        };
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .timeout_connect(Some(config.timeout.min(Duration::from_secs(5))))
            .http_status_as_error(false)
            .proxy(proxy)
            .user_agent(concat!("ClusterDesk/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(Client { config, agent, next_request: None, requests: 0 })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// One POST of at most [`MAX_BATCH`] CUIs for `date` (ISO), paced, retried after 429 and 5xx.
    /// Returns the body of the successful answer.
    pub async fn post(&mut self, cuis: &[u64], date: &str) -> Result<Vec<u8>, AnafError> {
        assert!(cuis.len() <= MAX_BATCH, "callers split the CUIs in batches of {MAX_BATCH}");
        let body = serde_json::to_vec(&cuis.iter().map(|&cui| Query { cui, data: date }).collect::<Vec<_>>())
            .map_err(|e| AnafError::Malformed(e.to_string()))?;
        let mut attempt = 0;
        loop {
            self.wait_turn().await;
            self.requests += 1;
            let (agent, url, body) = (self.agent.clone(), self.config.url.clone(), body.clone());
            let outcome = tokio::task::spawn_blocking(move || send(&agent, &url, &body))
                .await
                .map_err(|e| AnafError::Malformed(e.to_string()))?;
            match outcome {
                Ok(body) => return Ok(body),
                Err(Failure::Retry { retry_after, .. }) if attempt < self.config.retries => {
                    tokio::time::sleep(retry_after.unwrap_or(self.config.backoff * 2u32.pow(attempt))).await;
                    attempt += 1;
                }
                Err(Failure::Retry { status, .. }) => {
                    return Err(if status == 429 { AnafError::RateLimited } else { AnafError::Server(status) });
                }
                Err(Failure::Fatal(e)) => return Err(e),
            }
        }
    }

    async fn wait_turn(&mut self) {
        if let Some(at) = self.next_request {
            tokio::time::sleep_until(at.into()).await;
        }
        self.next_request = Some(Instant::now() + self.config.pace);
    }
}

enum Failure {
    Retry { status: u16, retry_after: Option<Duration> },
    Fatal(AnafError),
}

fn send(agent: &ureq::Agent, url: &str, body: &[u8]) -> Result<Vec<u8>, Failure> {
    let response = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(body)
        .map_err(|e| Failure::Fatal(network_error(e)))?;
    let status = response.status().as_u16();
    if status == 429 || status >= 500 {
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|s| Duration::from_secs(s.min(60)));
        return Err(Failure::Retry { status, retry_after });
    }
    if status != 200 {
        return Err(Failure::Fatal(AnafError::Server(status)));
    }
    let mut response = response;
    response.body_mut().with_config().limit(32 << 20).read_to_vec().map_err(|e| Failure::Fatal(network_error(e)))
}

fn network_error(error: ureq::Error) -> AnafError {
    match error {
        ureq::Error::Timeout(_) => AnafError::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => AnafError::Offline,
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => AnafError::Timeout,
            std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::NotConnected
            | std::io::ErrorKind::AddrNotAvailable
            | std::io::ErrorKind::NetworkUnreachable
            | std::io::ErrorKind::HostUnreachable => AnafError::Offline,
            _ => AnafError::Network(e.to_string()),
        },
        ureq::Error::Tls(e) => AnafError::Certificate(e.to_string()),
        ureq::Error::Rustls(e) => AnafError::Certificate(e.to_string()),
        ureq::Error::BadUri(_) | ureq::Error::InvalidProxyUrl => AnafError::BadSetting,
        other => AnafError::Network(other.to_string()),
    }
}
