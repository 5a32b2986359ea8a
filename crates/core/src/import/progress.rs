//! How far an import has gone, and how it is stopped: the edge (the window, the CLI) passes a
//! [`Control`], the rows loop reports to it and checks it between rows. A cancelled import rolls
//! its transaction back, so nothing is written.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

/// Rows done out of the file's rows, with the time so far and an estimate of the time left
/// (`None` until a few rows tell the pace). Times measure the work, not the time of day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    pub elapsed_ms: u64,
    pub remaining_ms: Option<u64>,
}

type Report = dyn Fn(&ImportProgress) + Send + Sync;

/// Shared by the import and whoever may stop it; clones share the cancel flag.
#[derive(Clone, Default)]
pub struct Control {
    cancelled: Arc<AtomicBool>,
    report: Option<Arc<Report>>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control").field("cancelled", &self.is_cancelled()).finish_non_exhaustive()
    }
}

impl Control {
    /// Calls `report` as rows get done (about 200 times over a file, and at its end).
    pub fn reporting(report: impl Fn(&ImportProgress) + Send + Sync + 'static) -> Control {
        Control { cancelled: Arc::default(), report: Some(Arc::new(report)) }
    }

    /// Asks the import to stop: it rolls back and returns `error.import_cancelled`.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// The rows loop's side of a [`Control`].
pub(super) struct Tracker<'a> {
    control: &'a Control,
    total: usize,
    done: usize,
    step: usize,
    started: Instant,
}

impl<'a> Tracker<'a> {
    pub fn new(control: &'a Control, total: usize) -> Tracker<'a> {
        Tracker { control, total, done: 0, step: (total / 200).max(1), started: Instant::now() }
    }

    /// One more row done; `Err` when the import was cancelled.
    pub fn row_done(&mut self) -> crate::Result<()> {
        self.done += 1;
        if self.done % self.step == 0 || self.done == self.total {
            self.report();
        }
        self.check()
    }

    pub fn check(&self) -> crate::Result<()> {
        if self.control.is_cancelled() { Err(crate::Error::refused("error.import_cancelled")) } else { Ok(()) }
    }

    pub fn report(&self) {
        let Some(report) = &self.control.report else { return };
        let elapsed = self.started.elapsed();
        // The pace is known after a few rows; a linear estimate is right because a row costs the
        // same at the end as at the start.
        let remaining = (self.done >= 50).then(|| {
            let per_row = elapsed.as_secs_f64() / self.done as f64;
            Duration::from_secs_f64(per_row * self.total.saturating_sub(self.done) as f64)
        });
        report(&ImportProgress {
            done: self.done,
            total: self.total,
            elapsed_ms: elapsed.as_millis() as u64,
            remaining_ms: remaining.map(|r| r.as_millis() as u64),
        });
    }
}
