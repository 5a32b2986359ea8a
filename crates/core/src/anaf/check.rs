//! The membership check: every CUI of the member clusters and their organisations asked of ANAF,
//! 100 a request at the service's pace, the answers kept and flagged (inactive, struck off, name
//! or address changed, unknown CUI). Its state is a row of `anaf_checks` written with each batch,
//! so that a run stopped by closing the app or by the network goes on where it was.

use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{AnafError, Client, MAX_BATCH, parse, registry_number, save_in};
use crate::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckState {
    Running,
    Interrupted,
    Finished,
}

/// Where a run is: the window's progress bar and the CLI's line.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct CheckProgress {
    pub id: i64,
    pub state: CheckState,
    pub total: i64,
    pub done: i64,
    pub requests: i64,
    pub started_at: String,
    pub finished_at: Option<String>,
    /// The message code of what interrupted the run.
    pub last_error: Option<String>,
}

/// How many records (current clusters and member organisations) carry each flag.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export)]
pub struct FlagCounts {
    pub inactive: i64,
    pub struck_off: i64,
    pub name_changed: i64,
    pub address_changed: i64,
    pub unknown: i64,
}

/// The flags as a list filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AnafFlag {
    Inactive,
    StruckOff,
    Changed,
    Unknown,
}

impl AnafFlag {
    /// The condition on `anaf_answers a`; each implies the partial index's, so SQLite reads the
    /// flagged answers from it.
    pub(crate) fn condition(self) -> &'static str {
        match self {
            AnafFlag::Inactive => "a.inactive = 1",
            AnafFlag::StruckOff => "a.struck_off = 1",
            AnafFlag::Changed => "(a.name_changed = 1 OR a.address_changed = 1)",
            AnafFlag::Unknown => "a.found = 0",
        }
    }

    pub fn parse(value: &str) -> Option<AnafFlag> {
        Some(match value {
            "inactive" => AnafFlag::Inactive,
            "struck_off" => AnafFlag::StruckOff,
            "changed" => AnafFlag::Changed,
            "unknown" => AnafFlag::Unknown,
            _ => return None,
        })
    }
}

/// The newest run, if any.
pub async fn latest(store: &Store) -> Result<Option<CheckProgress>> {
    Ok(sqlx::query_as(
        "SELECT id, state, total, done, requests, started_at, finished_at, last_error FROM anaf_checks ORDER BY id DESC LIMIT 1",
    )
    .fetch_optional(store.pool())
    .await?)
}

/// The run to work on: the unfinished one, else a new one over every CUI not fetched within
/// `since_days` days (`None`: every CUI).
pub async fn start(store: &Store, since_days: Option<u32>) -> Result<CheckProgress> {
    if let Some(run) = latest(store).await?
        && run.state != CheckState::Finished
    {
        return Ok(run);
    }
    let at = store.at();
    let fresh_after =
        since_days.map(|days| crate::clock::stamp(store.clock().now() - chrono::Duration::days(i64::from(days))));
    let mut tx = store.write_at(&at).await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM (SELECT cui FROM organisations WHERE cui <> '' UNION SELECT cui FROM clusters WHERE cui <> '') u
         LEFT JOIN anaf_answers a ON a.cui = u.cui
         WHERE ?1 IS NULL OR a.updated_at IS NULL OR a.updated_at < ?1",
    )
    .bind(&fresh_after)
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO anaf_checks (started_at, fresh_after, total, updated_at) VALUES (?1, ?2, ?3, ?1) RETURNING id",
    )
    .bind(&at.stamp)
    .bind(&fresh_after)
    .bind(total)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(CheckProgress {
        id,
        state: CheckState::Running,
        total,
        done: 0,
        requests: 0,
        started_at: at.stamp,
        finished_at: None,
        last_error: None,
    })
}

/// The next CUIs to ask after `cursor`, at most one request's worth, and the new cursor (the last
/// CUI looked at, skipped ones included).
async fn next_batch(
    conn: &mut SqliteConnection,
    cursor: &str,
    fresh_after: Option<&str>,
) -> Result<(Vec<u64>, Option<String>)> {
    const PAGE: i64 = 500;
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut cursor = cursor.to_string();
    let mut moved = None;
    loop {
        let page: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT u.cui, a.updated_at FROM (
                 SELECT cui FROM (SELECT cui FROM organisations WHERE cui <> '' AND cui > ?1 ORDER BY cui LIMIT ?2)
                 UNION
                 SELECT cui FROM (SELECT cui FROM clusters WHERE cui <> '' AND cui > ?1 ORDER BY cui LIMIT ?2)
             ) u LEFT JOIN anaf_answers a ON a.cui = u.cui ORDER BY u.cui LIMIT ?2",
        )
        .bind(&cursor)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        let exhausted = (page.len() as i64) < PAGE;
        for (cui, fetched) in page {
            cursor.clone_from(&cui);
            moved = Some(cui.clone());
            let fresh = matches!((fresh_after, fetched.as_deref()), (Some(after), Some(at)) if at >= after);
            // A CUI that is not one (letters left by an old import) is not sent.
            if let (false, Ok(number)) = (fresh, registry_number(&cui)) {
                batch.push(number);
                if batch.len() == MAX_BATCH {
                    return Ok((batch, moved));
                }
            }
        }
        if exhausted {
            return Ok((batch, moved));
        }
    }
}

/// Runs (or resumes) `run` to its end, calling `progress` after each batch. A failure (no
/// network, ANAF's error, a malformed answer) leaves the run interrupted with its cause and the
/// batch unwritten; the next call goes on from there.
pub async fn run(
    store: &Store,
    client: &mut Client,
    run: CheckProgress,
    mut progress: impl FnMut(&CheckProgress),
) -> Result<CheckProgress> {
    let mut run = run;
    let counties = crate::geo::counties(store.pool()).await?;
    let (mut cursor, fresh_after): (String, Option<String>) =
        sqlx::query_as("SELECT cursor, fresh_after FROM anaf_checks WHERE id = ?")
            .bind(run.id)
            .fetch_one(store.pool())
            .await?;
    run.state = CheckState::Running;
    run.last_error = None;
    loop {
        let (batch, moved) = {
            let mut conn = store.pool().acquire().await?;
            next_batch(&mut conn, &cursor, fresh_after.as_deref()).await?
        };
        let Some(moved) = moved else { break };
        let sent_before = client.requests;
        let answers = if batch.is_empty() {
            Vec::new()
        } else {
            let date = store.today().to_string();
            let outcome = match client.post(&batch, &date).await {
                Ok(body) => parse::read(&body, &date, &counties),
                Err(e) => Err(e),
            };
            match outcome {
                Ok(answers) => answers,
                Err(e) => {
                    interrupt(store, &mut run, client.requests - sent_before, &e).await?;
                    progress(&run);
                    return Err(e.into());
                }
            }
        };
        let at = store.at();
        let mut tx = store.write_at(&at).await?;
        for answer in &answers {
            save_in(&mut tx, answer, &at.stamp).await?;
        }
        // The total was counted at the start; records added since may make the run longer.
        let done = run.done + batch.len() as i64;
        sqlx::query(
            "UPDATE anaf_checks SET done = ?1, total = max(total, ?1), requests = requests + ?2, cursor = ?3,
                 state = 'running', last_error = NULL, updated_at = ?4 WHERE id = ?5",
        )
        .bind(done)
        .bind((client.requests - sent_before) as i64)
        .bind(&moved)
        .bind(&at.stamp)
        .bind(run.id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        cursor = moved;
        run = reread(store, run.id).await?;
        progress(&run);
    }
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    sqlx::query(
        "UPDATE anaf_checks SET state = 'finished', done = total, finished_at = ?1, updated_at = ?1 WHERE id = ?2",
    )
    .bind(&at.stamp)
    .bind(run.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let run = reread(store, run.id).await?;
    progress(&run);
    Ok(run)
}

async fn reread(store: &Store, id: i64) -> Result<CheckProgress> {
    Ok(sqlx::query_as(
        "SELECT id, state, total, done, requests, started_at, finished_at, last_error FROM anaf_checks WHERE id = ?",
    )
    .bind(id)
    .fetch_one(store.pool())
    .await?)
}

async fn interrupt(store: &Store, run: &mut CheckProgress, sent: u64, error: &AnafError) -> Result<()> {
    let at = store.at();
    let mut tx = store.write_at(&at).await?;
    sqlx::query(
        "UPDATE anaf_checks SET state = 'interrupted', requests = requests + ?, last_error = ?, updated_at = ? WHERE id = ?",
    )
    .bind(sent as i64)
    .bind(error.code())
        .bind(&at.stamp)
        .bind(run.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    *run = reread(store, run.id).await?;
    Ok(())
}

/// At most one check runs in a process (the window's button may be pressed twice).
static RUNNING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A run claimed for this process, with its client: [`begin`] checks the settings and claims it,
/// so that the window hears "turned off" at once; [`Claimed::finish`] runs it in the background.
pub struct Claimed {
    client: Client,
    run: CheckProgress,
}

impl Drop for Claimed {
    fn drop(&mut self) {
        RUNNING.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Claimed {
    pub fn progress(&self) -> &CheckProgress {
        &self.run
    }

    /// Runs the claimed check to its end (or to its interruption, recorded in the run).
    pub async fn finish(mut self, store: &Store) -> Result<CheckProgress> {
        let run = self.run.clone();
        self::run(store, &mut self.client, run, |_| {}).await
    }
}

/// Claims the process's check: the unfinished run, else a new one (`since_days` as in [`start`]).
/// `None` when a check is running already.
pub async fn begin(store: &Store, since_days: Option<u32>) -> Result<Option<Claimed>> {
    let client = super::client(store).await?;
    if RUNNING.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return Ok(None);
    }
    // From here the claim is released on drop, whatever fails.
    let mut claimed = Claimed { client, run: placeholder() };
    claimed.run = start(store, since_days).await?;
    Ok(Some(claimed))
}

fn placeholder() -> CheckProgress {
    CheckProgress {
        id: 0,
        state: CheckState::Running,
        total: 0,
        done: 0,
        requests: 0,
        started_at: String::new(),
        finished_at: None,
        last_error: None,
    }
}

/// What the window shows: the newest run, whether it is running in this process, the counts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CheckStatus {
    pub run: Option<CheckProgress>,
    pub running: bool,
    pub counts: FlagCounts,
}

pub async fn status(store: &Store) -> Result<CheckStatus> {
    Ok(CheckStatus {
        run: latest(store).await?,
        running: RUNNING.load(std::sync::atomic::Ordering::SeqCst),
        counts: flag_counts(store).await?,
    })
}

/// The dashboard's counts: records (current clusters and member organisations) by flag.
pub async fn flag_counts(store: &Store) -> Result<FlagCounts> {
    // The condition is the partial index's, so only flagged answers are read.
    Ok(sqlx::query_as(
        "WITH flagged AS (SELECT * FROM anaf_answers
                          WHERE found = 0 OR inactive = 1 OR struck_off = 1 OR name_changed = 1 OR address_changed = 1),
              records AS (
                  SELECT f.* FROM flagged f JOIN organisations o ON o.cui = f.cui
                  UNION ALL
                  SELECT f.* FROM flagged f JOIN clusters c ON c.cui = f.cui AND c.archived_at IS NULL)
         SELECT coalesce(sum(inactive), 0) AS inactive, coalesce(sum(struck_off), 0) AS struck_off,
                coalesce(sum(name_changed), 0) AS name_changed, coalesce(sum(address_changed), 0) AS address_changed,
                coalesce(sum(found = 0), 0) AS unknown
         FROM records",
    )
    .fetch_one(store.pool())
    .await?)
}
