//! Who is a member on a given day: the one rule every count of members uses.
//!
//! A cluster's membership is recorded as a joining **year** (`clusters.joined_year`) and a status
//! timeline: every status it has had (`active`, `suspended`, `left`) with the day it took effect
//! (`cluster_status_history`, to which every change is added, and `clusters.status` /
//! `status_since`, the status now).
//!
//! **The rule.** A cluster is a member on day D when
//! 1. its record is not archived (an archived record is out of the register altogether: a cluster
//!    that leaves is marked "left", not archived),
//! 2. it had joined by then: its joining year is D's year or earlier (with the year alone known,
//!    a cluster counts from 1 January of its joining year; no joining year recorded counts as
//!    joined before any year the register reports on), and
//! 3. the status in force on D is not "left". The status in force on D is the one of the latest
//!    timeline entry that took effect on or before D (of entries taking effect on the same day, the
//!    one recorded last); an entry without a day is taken as in force from the start; before the
//!    first entry the cluster is active. A **suspended** cluster is still a member: its rights
//!    are suspended (usually for unpaid fees), its membership and its fees are not, so it is counted
//!    and shown apart as "of which suspended".
//!
//! For a year Y, the summary reports:
//! - members **at 1 January**: members at the opening of the year, i.e. on 31 December of Y-1 (so a
//!   cluster joining in Y is not among them, and one leaving on 1 January of Y is);
//! - members **at the year end**: members on 31 December of Y, or today while Y runs;
//! - **joined**: clusters whose joining year is Y, and clusters re-admitted in Y (a change from
//!   "left" to another status taking effect in Y);
//! - **left**: clusters with a change to "left" taking effect in Y (up to the year end above) while
//!   they were members.
//!
//! So that, but for a cluster leaving twice in one year, start + joined − left = end.

use chrono::{Datelike, NaiveDate};

use crate::clusters::MembershipStatus;

/// One entry of a cluster's status timeline, in the order they were recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusEntry {
    pub status: MembershipStatus,
    /// The day it took effect; None: not known, taken as in force from the start.
    pub since: Option<NaiveDate>,
}

/// What the rule needs to know of one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Membership {
    pub joined_year: Option<i32>,
    /// In the order recorded; the status now is the last entry.
    pub timeline: Vec<StatusEntry>,
}

impl Membership {
    /// The status in force on `date`: the latest entry that took effect on or before it (the one
    /// recorded last among entries of the same day); active before the first entry.
    pub fn status_on(&self, date: NaiveDate) -> MembershipStatus {
        self.timeline
            .iter()
            .enumerate()
            .filter(|(_, e)| e.since.is_none_or(|since| since <= date))
            .max_by_key(|(index, e)| (e.since.unwrap_or(NaiveDate::MIN), *index))
            .map(|(_, e)| e.status)
            .unwrap_or(MembershipStatus::Active)
    }

    /// Whether the cluster had joined by `date`'s year.
    pub fn joined_by(&self, date: NaiveDate) -> bool {
        self.joined_year.is_none_or(|year| year <= date.year())
    }

    /// Whether the cluster is a member on `date` (an archived record never is; the caller leaves
    /// those out).
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        self.joined_by(date) && self.status_on(date) != MembershipStatus::Left
    }

    /// Whether the cluster is a suspended member on `date`.
    pub fn is_suspended_on(&self, date: NaiveDate) -> bool {
        self.joined_by(date) && self.status_on(date) == MembershipStatus::Suspended
    }

    /// Whether the cluster joined (or was re-admitted) in `year`, up to `until`.
    pub fn joined_in(&self, year: i32, until: NaiveDate) -> bool {
        if self.joined_year == Some(year) {
            return true;
        }
        self.changes_in(year, until)
            .any(|(before, after)| before == MembershipStatus::Left && after != MembershipStatus::Left)
    }

    /// Whether the cluster's membership ended on a day of `year`, up to `until`.
    pub fn left_in(&self, year: i32, until: NaiveDate) -> bool {
        self.changes_in(year, until)
            .any(|(before, after)| before != MembershipStatus::Left && after == MembershipStatus::Left)
    }

    /// The status changes taking effect on a day of `year` up to `until`, as (status the day
    /// before, status that day), for the days on which the cluster had joined.
    fn changes_in(
        &self,
        year: i32,
        until: NaiveDate,
    ) -> impl Iterator<Item = (MembershipStatus, MembershipStatus)> + '_ {
        let mut days: Vec<NaiveDate> = self
            .timeline
            .iter()
            .filter_map(|e| e.since)
            .filter(|day| day.year() == year && *day <= until && self.joined_by(*day))
            .collect();
        days.sort();
        days.dedup();
        days.into_iter().map(move |day| {
            let before = day.pred_opt().map(|d| self.status_on(d)).unwrap_or(MembershipStatus::Active);
            (before, self.status_on(day))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MembershipStatus::{Active, Left, Suspended};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn entry(status: MembershipStatus, since: Option<NaiveDate>) -> StatusEntry {
        StatusEntry { status, since }
    }

    fn cluster(joined: i32, timeline: &[(MembershipStatus, Option<NaiveDate>)]) -> Membership {
        Membership { joined_year: Some(joined), timeline: timeline.iter().map(|&(s, d)| entry(s, d)).collect() }
    }

    #[test]
    fn a_cluster_counts_from_1_january_of_its_joining_year() {
        let c = cluster(2024, &[(Active, Some(day(2024, 5, 10)))]);
        assert!(!c.is_member_on(day(2023, 12, 31)), "not at the opening of its joining year");
        assert!(c.is_member_on(day(2024, 1, 1)), "the year alone is known: from 1 January");
        assert!(c.is_member_on(day(2024, 12, 31)));
        assert!(c.joined_in(2024, day(2024, 12, 31)));
        assert!(!c.joined_in(2025, day(2025, 12, 31)));
    }

    #[test]
    fn leaving_ends_membership_on_its_day() {
        let c = cluster(2015, &[(Active, Some(day(2015, 3, 1))), (Left, Some(day(2025, 7, 15)))]);
        assert!(c.is_member_on(day(2025, 7, 14)));
        assert!(!c.is_member_on(day(2025, 7, 15)), "not a member from the day it left");
        assert!(c.left_in(2025, day(2025, 12, 31)));
        assert!(!c.left_in(2025, day(2025, 7, 14)), "a year end before the departure does not see it");
        assert!(!c.left_in(2024, day(2024, 12, 31)) && !c.left_in(2026, day(2026, 12, 31)));
    }

    #[test]
    fn leaving_on_1_january_counts_at_the_opening_and_in_the_new_year() {
        let c = cluster(2015, &[(Active, None), (Left, Some(day(2026, 1, 1)))]);
        // Members at 1 January 2026 are those on 31 December 2025.
        assert!(c.is_member_on(day(2025, 12, 31)));
        assert!(c.left_in(2026, day(2026, 12, 31)));
        assert!(!c.left_in(2025, day(2025, 12, 31)));
        // Leaving on 31 December is leaving in that year.
        let d = cluster(2015, &[(Left, Some(day(2025, 12, 31)))]);
        assert!(!d.is_member_on(day(2025, 12, 31)));
        assert!(d.left_in(2025, day(2025, 12, 31)) && !d.left_in(2026, day(2026, 12, 31)));
    }

    #[test]
    fn a_suspended_cluster_is_still_a_member() {
        let c = cluster(2012, &[(Active, Some(day(2012, 1, 1))), (Suspended, Some(day(2025, 9, 1)))]);
        assert!(c.is_member_on(day(2025, 12, 31)));
        assert!(c.is_suspended_on(day(2025, 12, 31)));
        assert!(!c.is_suspended_on(day(2025, 8, 31)));
        assert!(!c.left_in(2025, day(2025, 12, 31)), "a suspension is no departure");
        // Leaving while suspended is leaving.
        let d = cluster(2012, &[(Suspended, Some(day(2024, 2, 1))), (Left, Some(day(2025, 3, 1)))]);
        assert!(d.left_in(2025, day(2025, 12, 31)));
    }

    #[test]
    fn re_admission_counts_as_joining_again() {
        let c = cluster(
            2013,
            &[(Active, Some(day(2013, 1, 1))), (Left, Some(day(2022, 6, 30))), (Active, Some(day(2025, 2, 1)))],
        );
        assert!(!c.is_member_on(day(2024, 12, 31)));
        assert!(c.is_member_on(day(2025, 2, 1)));
        assert!(c.joined_in(2025, day(2025, 12, 31)));
        assert!(c.left_in(2022, day(2022, 12, 31)));
        assert!(!c.joined_in(2024, day(2024, 12, 31)));
    }

    #[test]
    fn the_last_recorded_entry_wins_on_the_same_day() {
        // Left by mistake, corrected on the same effective day.
        let c = cluster(2015, &[(Left, Some(day(2025, 4, 1))), (Active, Some(day(2025, 4, 1)))]);
        assert!(c.is_member_on(day(2025, 4, 1)));
        assert!(!c.left_in(2025, day(2025, 12, 31)));
        // A later effective day beats a later recording with an earlier day.
        let d = cluster(2015, &[(Left, Some(day(2025, 6, 1))), (Active, Some(day(2020, 1, 1)))]);
        assert!(!d.is_member_on(day(2025, 6, 1)));
    }

    #[test]
    fn unknown_days_and_years() {
        // A status without a day holds from the start, until a dated change.
        let c = cluster(2015, &[(Left, None)]);
        assert!(!c.is_member_on(day(2016, 1, 1)));
        assert!(!c.left_in(2016, day(2016, 12, 31)), "no day, no year to count the departure in");
        // No joining year: a member as far back as the register goes; no timeline: active.
        let d = Membership { joined_year: None, timeline: Vec::new() };
        assert!(d.is_member_on(day(1990, 1, 1)));
        assert_eq!(d.status_on(day(2026, 1, 1)), Active);
        assert!(!d.joined_in(2026, day(2026, 12, 31)));
    }

    #[test]
    fn joining_and_leaving_in_the_same_year_shows_in_both() {
        let c = cluster(2025, &[(Active, Some(day(2025, 2, 1))), (Left, Some(day(2025, 11, 1)))]);
        assert!(!c.is_member_on(day(2024, 12, 31)) && !c.is_member_on(day(2025, 12, 31)));
        assert!(c.joined_in(2025, day(2025, 12, 31)) && c.left_in(2025, day(2025, 12, 31)));
    }
}
