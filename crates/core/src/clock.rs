//! The one clock: every "now" and "today" of the core comes from a [`Clock`], which the [`Store`]
//! carries (`store.clock()`, `store.at()`). Nothing else reads the system time.
//!
//! **What "today" means.** The association works in Romania, its deadlines and fee years are
//! Romanian days, and its staff (and, with team sync, their laptops) must agree on them even when
//! a laptop travels to a mission in Brussels: "today" is the calendar day in **Europe/Bucharest**,
//! whatever the laptop's time zone. Stamps (`created_at`, the audit log) are UTC instants and are
//! shown in Bucharest time.
//!
//! `CLUSTERDESK_NOW` (a test aid, honoured only when set) starts the clock at a chosen moment —
//! `2027-01-01T00:30` (Bucharest time) or an RFC 3339 instant — from which it runs on, so that an
//! end-to-end scenario about a year end or a label expiring runs the same on any day.
//!
//! [`Store`]: crate::store::Store

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The time zone of the association's days.
pub const TIME_ZONE: Tz = chrono_tz::Europe::Bucharest;

/// The environment variable that starts the clock at a chosen moment (for tests).
pub const NOW_ENV: &str = "CLUSTERDESK_NOW";

static PROCESS: OnceLock<std::result::Result<Clock, String>> = OnceLock::new();

fn settle(text: &str) -> std::result::Result<Clock, String> {
    parse_moment(text).map(Clock::starting_at).map_err(|_| text.trim().to_string())
}

/// A source of "now": the system's time, moved by a fixed shift (zero unless `CLUSTERDESK_NOW`
/// says otherwise), or one frozen instant (for unit tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    Shifted(TimeDelta),
    Frozen(DateTime<Utc>),
}

impl Default for Clock {
    fn default() -> Self {
        Clock::Shifted(TimeDelta::zero())
    }
}

impl Clock {
    /// This process's clock: the moment [`Clock::start_process_at`] was given (the app's `--now`),
    /// else the one `CLUSTERDESK_NOW` names, else the system's. A value that is not a moment is
    /// refused (`error.clock_bad_now`) rather than ignored: a test that meant a date must not run
    /// today. It is settled once per process, so that every store the process opens (again after
    /// a restore, say) runs on the same clock rather than starting over.
    pub fn from_env() -> Result<Clock> {
        let read = PROCESS.get_or_init(|| match std::env::var(NOW_ENV) {
            Ok(text) if !text.trim().is_empty() => settle(&text),
            _ => Ok(Clock::default()),
        });
        read.clone().map_err(|text| bad_now(&text))
    }

    /// Starts this process's clock at `text` (a test aid, like `CLUSTERDESK_NOW`); refused when
    /// `text` is not a moment or the clock has been read already.
    pub fn start_process_at(text: &str) -> Result<()> {
        let clock = settle(text).map_err(|text| bad_now(&text))?;
        PROCESS.set(Ok(clock)).map_err(|_| bad_now(text))
    }

    /// A clock that reads `moment` now and runs on from there.
    pub fn starting_at(moment: DateTime<Utc>) -> Clock {
        Clock::Shifted(moment - Utc::now())
    }

    /// A clock that always reads `moment`.
    pub fn frozen(moment: DateTime<Utc>) -> Clock {
        Clock::Frozen(moment)
    }

    /// A frozen clock at a Bucharest wall-clock time (`"2026-12-31 23:30"`); for tests.
    pub fn frozen_local(text: &str) -> Result<Clock> {
        Ok(Clock::Frozen(parse_moment(text)?))
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::Shifted(shift) => Utc::now() + *shift,
            Clock::Frozen(at) => *at,
        }
    }

    /// Now as RFC 3339 in UTC, to the millisecond (for the window's clock).
    pub fn now_text(&self) -> String {
        self.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    /// Today in Bucharest.
    pub fn today(&self) -> NaiveDate {
        local_date(self.now())
    }

    pub fn year(&self) -> i64 {
        i64::from(self.today().year())
    }

    /// Now as a write records it: the day its rules compare with and the stamp it keeps.
    pub fn at(&self) -> At {
        At::of(self.now())
    }
}

/// One moment of a write: `date` is the Bucharest day the rules compare with (deadlines, fee years,
/// label validity), `stamp` what `created_at`/`updated_at` and the audit log keep (UTC, RFC 3339 to
/// the second). A write transaction takes one `At` and uses it throughout, so that its rows agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    pub date: NaiveDate,
    pub stamp: String,
}

impl At {
    pub fn of(instant: DateTime<Utc>) -> At {
        At { date: local_date(instant), stamp: stamp(instant) }
    }

    /// A moment on `date` (noon in Bucharest): for writes that record the past, such as the demo.
    pub fn on(date: NaiveDate) -> At {
        let noon = date.and_hms_opt(12, 0, 0).unwrap_or_default();
        At::of(local_to_utc(noon))
    }

    pub fn year(&self) -> i64 {
        i64::from(self.date.year())
    }
}

/// The stored form of an instant: UTC, RFC 3339, to the second.
pub fn stamp(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The Bucharest day of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&TIME_ZONE).date_naive()
}

/// The Bucharest wall-clock time of an instant.
pub fn local_time(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&TIME_ZONE).naive_local()
}

/// A stored stamp (`2026-12-31T21:30:00Z`) as Bucharest wall-clock time; `None` when it is not one.
pub fn local_time_of_stamp(stamp: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(stamp).ok().map(|t| local_time(t.with_timezone(&Utc)))
}

/// The instant of a Bucharest wall-clock time. In the autumn hour that happens twice the earlier is
/// taken; a time skipped by the spring change (03:00–04:00) is read an hour later, as clocks do.
pub fn local_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match TIME_ZONE.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => local_to_utc(local + TimeDelta::hours(1)),
    }
}

/// `2027-01-01T00:30`, `2027-01-01 00:30[:00]` or `2027-01-01` (Bucharest time), or an RFC 3339
/// instant with its offset (`2026-12-31T22:30:00Z`).
fn parse_moment(text: &str) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let normalized = text.replacen(' ', "T", 1);
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(&normalized, format) {
            return Ok(local_to_utc(local));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(local_to_utc(date.and_hms_opt(12, 0, 0).unwrap_or_default()));
    }
    Err(bad_now(text))
}

fn bad_now(text: &str) -> Error {
    Error::Refused {
        code: "error.clock_bad_now",
        params: std::collections::BTreeMap::from([("value".to_string(), text.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn today_is_the_day_in_bucharest_not_in_utc() {
        // 01.01.2027 00:30 in Bucharest is still 31.12.2026 in UTC.
        let clock = Clock::frozen(utc("2026-12-31T22:30:00Z"));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        assert_eq!(clock.year(), 2027);
        // 31.12.2026 23:30 in Bucharest.
        let clock = Clock::frozen(utc("2026-12-31T21:30:00Z"));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
        // Summer time: UTC+3. 23:30 on 30 June in Bucharest is 20:30 UTC.
        let clock = Clock::frozen(utc("2027-06-30T21:30:00Z"));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2027, 7, 1).unwrap());
    }

    #[test]
    fn the_test_aid_reads_bucharest_wall_clock_times_and_instants() {
        assert_eq!(parse_moment("2027-01-01T00:30").unwrap(), utc("2026-12-31T22:30:00Z"));
        assert_eq!(parse_moment("2027-01-01 00:30:00").unwrap(), utc("2026-12-31T22:30:00Z"));
        assert_eq!(parse_moment("2027-07-01T00:30").unwrap(), utc("2027-06-30T21:30:00Z"));
        assert_eq!(parse_moment("2026-12-31T22:30:00Z").unwrap(), utc("2026-12-31T22:30:00Z"));
        assert_eq!(parse_moment("2028-02-29").unwrap(), utc("2028-02-29T10:00:00Z"));
        let err = parse_moment("next tuesday").unwrap_err();
        assert_eq!(err.to_user().code, "error.clock_bad_now");
    }

    #[test]
    fn clock_changes_have_no_missing_or_double_days() {
        // 28.03.2027 03:30 does not exist in Bucharest (03:00 -> 04:00): read as 04:30 (UTC+3).
        let skipped = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap().and_hms_opt(3, 30, 0).unwrap();
        assert_eq!(local_to_utc(skipped), utc("2027-03-28T01:30:00Z"));
        // 31.10.2027 03:30 happens twice: the first (summer time, UTC+3) is taken.
        let twice = NaiveDate::from_ymd_opt(2027, 10, 31).unwrap().and_hms_opt(3, 30, 0).unwrap();
        assert_eq!(local_to_utc(twice), utc("2027-10-31T00:30:00Z"));
        // Every hour across both changes falls on its own Bucharest day.
        for (start, day) in [("2027-03-27T22:00:00Z", 28), ("2027-10-30T21:00:00Z", 31)] {
            let start = utc(start);
            for h in 0..20 {
                let t = start + TimeDelta::hours(h);
                assert_eq!(local_date(t).day(), day, "{t}");
            }
        }
    }

    #[test]
    fn a_shifted_clock_runs_on_from_its_moment() {
        let moment = utc("2028-02-29T10:00:00Z");
        let clock = Clock::starting_at(moment);
        let read = clock.now();
        assert!(read >= moment && read - moment < TimeDelta::seconds(5));
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2028, 2, 29).unwrap());
    }

    #[test]
    fn stamps_are_utc_and_shown_in_bucharest_time() {
        let at = At::of(utc("2026-12-31T22:30:00Z"));
        assert_eq!(at.stamp, "2026-12-31T22:30:00Z");
        assert_eq!(at.date, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
        let shown = local_time_of_stamp(&at.stamp).unwrap();
        assert_eq!(shown.to_string(), "2027-01-01 00:30:00");
        assert_eq!(At::on(NaiveDate::from_ymd_opt(2027, 3, 28).unwrap()).stamp, "2027-03-28T09:00:00Z");
    }
}
