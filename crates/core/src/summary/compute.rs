//! The queries behind the annual summary and the dashboard. Each part is read once, by one
//! function, and both [`annual_on`] and [`headline`] are built from those functions: the register
//! of clusters with their status timelines (then [`super::membership`] decides who is a member on a
//! day), the labels, the fee positions, the organisations and the trainings held.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use sqlx::{Row, SqliteConnection};

use super::membership::{Membership, StatusEntry};
use super::model::*;
use crate::clusters::{FIRST_YEAR, LabelLevel, MembershipStatus, OrgKind, Sector};
use crate::geo::Region;
use crate::registrations::SEATED_SQL;
use crate::store::Store;
use crate::validation::{self as check, Problems};
use crate::{Result, trainings};

/// Labels ending within this many days show on the dashboard.
pub const EXPIRING_WITHIN_DAYS: u64 = 90;
/// Sessions starting within this many days show on the dashboard.
pub const UPCOMING_WITHIN_DAYS: u64 = 60;

/// The annual summary of `year`, as the register stands today. See [`annual_on`].
pub async fn annual(store: &Store, year: i64) -> Result<AnnualSummary> {
    annual_on(store, year, store.today()).await
}

/// The annual summary of `year` computed on `today`: the year-end figures describe 31 December, or
/// `today` when the year is still running. `year` goes from 1990 to `today`'s year.
pub async fn annual_on(store: &Store, year: i64, today: NaiveDate) -> Result<AnnualSummary> {
    let mut problems = Problems::default();
    problems.check("year", check::year(Some(year), FIRST_YEAR, i64::from(today.year())));
    problems.into_result()?;
    let y = year as i32;
    let first = ymd_of(y, 1, 1);
    let last = ymd_of(y, 12, 31);
    let as_of = last.min(today);
    let opening = first.pred_opt().unwrap_or(first);

    let mut conn = store.pool().begin().await?;
    let register = load_register(&mut conn).await?;
    let labels = load_labels(&mut conn).await?;
    let fees = load_fees(&mut conn, y, as_of).await?;
    let members = register.members_on(as_of);
    let organisations = organisations(&mut conn, &members).await?;
    let trainings = trainings_held(&mut conn, first, last).await?;
    let audits = crate::sme_audits::held_between(&mut conn, &ymd(first), &ymd(as_of)).await?;
    let (assessments, moved_up) = crate::assessments::held_between(&mut conn, &ymd(first), &ymd(as_of)).await?;
    let events = events_held(&mut conn, first, last).await?;
    let services = super::services::services_part(&mut conn, &ymd(first), &ymd(as_of)).await?;
    conn.commit().await?;

    let best = best_labels_on(&labels, &members, as_of);
    let by_level = LabelLevel::ALL
        .iter()
        .map(|&level| LabelLevelFigures {
            level,
            valid: best.values().filter(|l| l.level == level).count() as i64,
            awarded: labels
                .iter()
                .filter(|l| l.level == level && l.awarded_on.year() == y && l.awarded_on <= as_of)
                .count() as i64,
            // A label expires the day after its last day of validity.
            expired: labels
                .iter()
                .filter(|l| l.level == level)
                .filter_map(|l| l.valid_until.succ_opt())
                .filter(|expiry| expiry.year() == y && *expiry <= as_of)
                .count() as i64,
        })
        .collect::<Vec<_>>();

    Ok(AnnualSummary {
        year,
        as_of: ymd(as_of),
        year_complete: as_of == last,
        made_on: ymd(today),
        members: MembersPart {
            at_start: register.members_on(opening).len() as i64,
            start_date: ymd(first),
            joined: register.clusters.iter().filter(|c| c.membership.joined_in(y, as_of)).count() as i64,
            left: register.clusters.iter().filter(|c| c.membership.left_in(y, as_of)).count() as i64,
            at_end: register.breakdown(as_of),
        },
        organisations,
        labels: LabelsPart {
            valid_total: by_level.iter().map(|l| l.valid).sum(),
            awarded_total: by_level.iter().map(|l| l.awarded).sum(),
            expired_total: by_level.iter().map(|l| l.expired).sum(),
            by_level,
        },
        assessments: AssessmentsPart { assessments, audits, moved_up },
        trainings,
        events,
        fees: fee_part(&fees),
        services,
    })
}

/// The home page's figures on `today`: members by sector and region, labels (and those ending
/// within 90 days), sessions starting within 60 days, and fees owed for past years — from the
/// same readers and rules as [`annual`].
pub async fn headline(store: &Store, today: NaiveDate) -> Result<Dashboard> {
    let year = today.year();
    let mut conn = store.pool().begin().await?;
    let register = load_register(&mut conn).await?;
    let labels = load_labels(&mut conn).await?;
    let fees = load_fees(&mut conn, year, today).await?;
    conn.commit().await?;

    let members = register.members_on(today);
    let best = best_labels_on(&labels, &members, today);
    let label_counts = LabelLevel::ALL
        .iter()
        .map(|&level| LabelLevelFigures {
            level,
            valid: best.values().filter(|l| l.level == level).count() as i64,
            awarded: 0,
            expired: 0,
        })
        .collect();
    let horizon = today.checked_add_days(Days::new(EXPIRING_WITHIN_DAYS)).unwrap_or(today);
    let mut expiring: Vec<ExpiringLabel> = best
        .values()
        .filter(|l| l.valid_until <= horizon)
        .map(|l| ExpiringLabel {
            cluster_id: l.cluster_id,
            cluster: register.name(l.cluster_id),
            level: l.level,
            valid_until: ymd(l.valid_until),
        })
        .collect();
    expiring.sort_by(|a, b| (&a.valid_until, &a.cluster).cmp(&(&b.valid_until, &b.cluster)));

    let until = today.checked_add_days(Days::new(UPCOMING_WITHIN_DAYS)).unwrap_or(today);
    let upcoming_sessions = trainings::sessions_in(store, &ymd(today), &ymd(until))
        .await?
        .into_iter()
        .filter(|s| s.status == trainings::SessionStatus::Planned && s.first_day.as_str() >= ymd(today).as_str())
        .map(|s| UpcomingSession {
            session_id: s.id,
            title_ro: s.title_ro,
            title_en: s.title_en,
            partner: s.partner_name,
            first_day: s.first_day,
            last_day: s.last_day,
            capacity: s.counts.capacity,
            enrolled: s.counts.enrolled,
            free: s.counts.free,
            open_for_enrolment: s.open_for_enrolment,
        })
        .collect();

    let arrears = arrears_by_cluster(&fees);
    let mut debtors: Vec<Debtor> = arrears
        .iter()
        .map(|(&cluster_id, &owed_bani)| Debtor { cluster_id, cluster: register.name(cluster_id), owed_bani })
        .collect();
    debtors.sort_by(|a, b| b.owed_bani.cmp(&a.owed_bani).then_with(|| a.cluster.cmp(&b.cluster)));

    Ok(Dashboard {
        today: ymd(today),
        year: i64::from(year),
        members: register.breakdown(today),
        labels: label_counts,
        expiring_labels: expiring,
        upcoming_sessions,
        unpaid: UnpaidFees {
            clusters: debtors.len() as i64,
            total_bani: debtors.iter().map(|d| d.owed_bani).sum(),
            debtors,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// The register: clusters with their region, sectors and status timeline

struct ClusterRec {
    id: i64,
    name: String,
    region: Region,
    sectors: Vec<Sector>,
    membership: Membership,
}

struct Register {
    clusters: Vec<ClusterRec>,
    /// Position in `clusters` by id.
    index: HashMap<i64, usize>,
}

impl Register {
    fn members_on(&self, date: NaiveDate) -> HashSet<i64> {
        self.clusters.iter().filter(|c| c.membership.is_member_on(date)).map(|c| c.id).collect()
    }

    fn name(&self, id: i64) -> String {
        self.index.get(&id).map(|&i| self.clusters[i].name.clone()).unwrap_or_default()
    }

    /// Members on `date`, by sector and by region.
    fn breakdown(&self, date: NaiveDate) -> MemberBreakdown {
        let members: Vec<&ClusterRec> = self.clusters.iter().filter(|c| c.membership.is_member_on(date)).collect();
        let mut by_sector: Vec<SectorCount> = Sector::ALL
            .iter()
            .map(|&sector| SectorCount {
                sector,
                count: members.iter().filter(|c| c.sectors.contains(&sector)).count() as i64,
            })
            .collect();
        // Most members first; ties in the list's order (a stable sort).
        by_sector.sort_by_key(|c| std::cmp::Reverse(c.count));
        MemberBreakdown {
            date: ymd(date),
            members: members.len() as i64,
            suspended: members.iter().filter(|c| c.membership.is_suspended_on(date)).count() as i64,
            sector_mentions: by_sector.iter().map(|s| s.count).sum(),
            by_sector,
            without_sector: members.iter().filter(|c| c.sectors.is_empty()).count() as i64,
            by_region: Region::ALL
                .iter()
                .map(|&region| RegionCount {
                    region,
                    count: members.iter().filter(|c| c.region == region).count() as i64,
                })
                .collect(),
        }
    }
}

/// The clusters that are not archived, each with its status timeline: the history in the order
/// recorded, then the status now when the history does not end with it (records made before the
/// history existed, or imported).
async fn load_register(conn: &mut SqliteConnection) -> Result<Register> {
    let rows = sqlx::query(
        "SELECT c.id, c.name, c.joined_year, c.status, c.status_since, k.region \
         FROM clusters c JOIN counties k ON k.code = c.county WHERE c.archived_at IS NULL ORDER BY c.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut history: HashMap<i64, Vec<StatusEntry>> = HashMap::new();
    for row in sqlx::query(
        "SELECT h.cluster_id, h.status, h.since FROM cluster_status_history h \
         JOIN clusters c ON c.id = h.cluster_id WHERE c.archived_at IS NULL ORDER BY h.cluster_id, h.id",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        let since: Option<String> = row.try_get("since")?;
        history
            .entry(row.try_get("cluster_id")?)
            .or_default()
            .push(StatusEntry { status: row.try_get("status")?, since: since.as_deref().and_then(parse_day) });
    }
    let mut sectors: HashMap<i64, Vec<Sector>> = HashMap::new();
    for row in sqlx::query(
        "SELECT s.cluster_id, s.sector FROM cluster_sectors s JOIN clusters c ON c.id = s.cluster_id \
         WHERE c.archived_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?
    {
        sectors.entry(row.try_get(0)?).or_default().push(row.try_get(1)?);
    }
    let mut clusters = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        let status: MembershipStatus = row.try_get("status")?;
        let since: Option<String> = row.try_get("status_since")?;
        let now = StatusEntry { status, since: since.as_deref().and_then(parse_day) };
        let mut timeline = history.remove(&id).unwrap_or_default();
        if timeline.last() != Some(&now) {
            timeline.push(now);
        }
        let joined_year: Option<i64> = row.try_get("joined_year")?;
        clusters.push(ClusterRec {
            id,
            name: row.try_get("name")?,
            region: row.try_get("region")?,
            sectors: sectors.remove(&id).unwrap_or_default(),
            membership: Membership { joined_year: joined_year.and_then(|y| i32::try_from(y).ok()), timeline },
        });
    }
    let index = clusters.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    Ok(Register { clusters, index })
}

// ---------------------------------------------------------------------------------------------
// Labels

struct LabelRec {
    cluster_id: i64,
    level: LabelLevel,
    awarded_on: NaiveDate,
    valid_until: NaiveDate,
}

async fn load_labels(conn: &mut SqliteConnection) -> Result<Vec<LabelRec>> {
    let rows = sqlx::query(
        "SELECT l.cluster_id, l.level, l.awarded_on, l.valid_until FROM labels l \
         JOIN clusters c ON c.id = l.cluster_id WHERE c.archived_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut labels = Vec::with_capacity(rows.len());
    for row in rows {
        let awarded: String = row.try_get("awarded_on")?;
        let until: String = row.try_get("valid_until")?;
        if let (Some(awarded_on), Some(valid_until)) = (parse_day(&awarded), parse_day(&until)) {
            labels.push(LabelRec {
                cluster_id: row.try_get("cluster_id")?,
                level: row.try_get("level")?,
                awarded_on,
                valid_until,
            });
        }
    }
    Ok(labels)
}

/// Each member's best label valid on `date` (awarded on or before it, valid through it): the
/// highest level, and of equal levels the one valid longest — as the cluster list shows it.
fn best_labels_on<'a>(labels: &'a [LabelRec], members: &HashSet<i64>, date: NaiveDate) -> HashMap<i64, &'a LabelRec> {
    let mut best: HashMap<i64, &LabelRec> = HashMap::new();
    for label in labels {
        if !members.contains(&label.cluster_id) || label.awarded_on > date || label.valid_until < date {
            continue;
        }
        let entry = best.entry(label.cluster_id).or_insert(label);
        if (label.level, label.valid_until) > (entry.level, entry.valid_until) {
            *entry = label;
        }
    }
    best
}

// ---------------------------------------------------------------------------------------------
// Fees

/// One cluster's fee position for a year Y, counting the payments made by a day.
struct FeePosition {
    cluster_id: i64,
    /// Whether a fee is set for Y.
    has_fee: bool,
    due: i64,
    paid: i64,
    /// Still owed for Y (never negative).
    owed: i64,
    /// Still owed for the years before Y.
    arrears: i64,
}

/// The fee positions of the clusters not archived for `year`, counting the payments made by
/// `as_of`; one row per cluster with a fee up to `year`, summed by SQLite.
async fn load_fees(conn: &mut SqliteConnection, year: i32, as_of: NaiveDate) -> Result<Vec<FeePosition>> {
    let rows = sqlx::query(
        "SELECT f.cluster_id, MAX(f.year = ?1) AS has_fee, \
         SUM(CASE WHEN f.year = ?1 THEN f.due_bani ELSE 0 END) AS due, \
         SUM(CASE WHEN f.year = ?1 THEN f.paid ELSE 0 END) AS paid, \
         SUM(CASE WHEN f.year = ?1 THEN MAX(f.due_bani - f.paid, 0) ELSE 0 END) AS owed, \
         SUM(CASE WHEN f.year < ?1 THEN MAX(f.due_bani - f.paid, 0) ELSE 0 END) AS arrears \
         FROM (SELECT f.cluster_id, f.year, f.due_bani, \
               (SELECT COALESCE(SUM(p.amount_bani), 0) FROM fee_payments p \
                WHERE p.cluster_id = f.cluster_id AND p.year = f.year AND p.paid_on <= ?2) AS paid \
               FROM membership_fees f WHERE f.year <= ?1) f \
         JOIN clusters c ON c.id = f.cluster_id WHERE c.archived_at IS NULL GROUP BY f.cluster_id",
    )
    .bind(i64::from(year))
    .bind(ymd(as_of))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(FeePosition {
                cluster_id: row.try_get("cluster_id")?,
                has_fee: row.try_get("has_fee")?,
                due: row.try_get("due")?,
                paid: row.try_get("paid")?,
                owed: row.try_get("owed")?,
                arrears: row.try_get("arrears")?,
            })
        })
        .collect()
}

/// What each cluster owes for the years before the positions' year; only clusters that owe.
fn arrears_by_cluster(fees: &[FeePosition]) -> BTreeMap<i64, i64> {
    fees.iter().filter(|f| f.arrears > 0).map(|f| (f.cluster_id, f.arrears)).collect()
}

fn fee_part(fees: &[FeePosition]) -> FeesPart {
    let arrears = arrears_by_cluster(fees);
    FeesPart {
        due_bani: fees.iter().map(|f| f.due).sum(),
        paid_bani: fees.iter().map(|f| f.paid).sum(),
        outstanding_bani: fees.iter().map(|f| f.owed).sum(),
        clusters_due: fees.iter().filter(|f| f.has_fee).count() as i64,
        clusters_outstanding: fees.iter().filter(|f| f.owed > 0).count() as i64,
        arrears_bani: arrears.values().sum(),
        clusters_in_arrears: arrears.len() as i64,
    }
}

// ---------------------------------------------------------------------------------------------
// Organisations

/// The organisations of the `members`, by kind: SQLite sums them, the members' ids passed as one
/// JSON array (5,000 ids are some 30 KB, far below any limit on bound values).
async fn organisations(conn: &mut SqliteConnection, members: &HashSet<i64>) -> Result<OrganisationsPart> {
    let ids = format!("[{}]", members.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
    let rows = sqlx::query(
        "SELECT kind, count(*) AS n, COALESCE(SUM(employees), 0) AS employees, \
         COALESCE(SUM(turnover_ron), 0) AS turnover FROM organisations \
         WHERE cluster_id IN (SELECT value FROM json_each(?)) GROUP BY kind",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_kind: HashMap<OrgKind, OrgFigures> = HashMap::new();
    for row in rows {
        by_kind.insert(
            row.try_get("kind")?,
            OrgFigures {
                organisations: row.try_get("n")?,
                employees: row.try_get("employees")?,
                turnover_ron: row.try_get("turnover")?,
            },
        );
    }
    let by_kind: Vec<OrgKindFigures> = OrgKind::ALL
        .iter()
        .map(|&kind| OrgKindFigures { kind, figures: by_kind.get(&kind).copied().unwrap_or_default() })
        .collect();
    let total = OrgFigures {
        organisations: by_kind.iter().map(|k| k.figures.organisations).sum(),
        employees: by_kind.iter().map(|k| k.figures.employees).sum(),
        turnover_ron: by_kind.iter().map(|k| k.figures.turnover_ron).sum(),
    };
    Ok(OrganisationsPart { by_kind, total })
}

// ---------------------------------------------------------------------------------------------
// Trainings

/// Sessions held whose last day falls between the two days.
const HELD_SESSIONS: &str = "WITH held AS (SELECT s.id, s.course_id, c.partner_id, p.name AS partner_name \
     FROM sessions s JOIN courses c ON c.id = s.course_id LEFT JOIN partners p ON p.id = c.partner_id \
     WHERE s.status = 'held' AND (SELECT MAX(d.day) FROM session_days d WHERE d.session_id = s.id) BETWEEN ? AND ?) ";

async fn trainings_held(conn: &mut SqliteConnection, first: NaiveDate, last: NaiveDate) -> Result<TrainingsPart> {
    let sessions = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{HELD_SESSIONS}SELECT id, course_id, partner_id, partner_name FROM held"
    )))
    .bind(ymd(first))
    .bind(ymd(last))
    .fetch_all(&mut *conn)
    .await?;
    // `SEATED_SQL` is a constant list of states.
    let seats = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{HELD_SESSIONS}SELECT r.offering_id, r.participant_id, r.state = 'completed' AS completed FROM registrations r \
         JOIN held ON held.id = r.offering_id WHERE r.offering_kind = 'session' AND r.state IN {SEATED_SQL}"
    )))
    .bind(ymd(first))
    .bind(ymd(last))
    .fetch_all(&mut *conn)
    .await?;

    #[derive(Default)]
    struct Tally {
        name: Option<String>,
        sessions: HashSet<i64>,
        courses: HashSet<i64>,
        participants: HashSet<i64>,
        seats: i64,
        completed: i64,
    }
    impl Tally {
        fn figures(&self) -> TrainingFigures {
            TrainingFigures {
                sessions: self.sessions.len() as i64,
                courses: self.courses.len() as i64,
                participants: self.participants.len() as i64,
                seats: self.seats,
                completed: self.completed,
                completion_rate: rate(self.completed, self.seats),
            }
        }
    }

    let mut total = Tally::default();
    let mut by_partner: BTreeMap<Option<i64>, Tally> = BTreeMap::new();
    let mut partner_of: HashMap<i64, Option<i64>> = HashMap::new();
    for row in sessions {
        let id: i64 = row.try_get("id")?;
        let course: i64 = row.try_get("course_id")?;
        let partner: Option<i64> = row.try_get("partner_id")?;
        partner_of.insert(id, partner);
        let tally = by_partner.entry(partner).or_default();
        tally.name = row.try_get("partner_name")?;
        for t in [&mut total, tally] {
            t.sessions.insert(id);
            t.courses.insert(course);
        }
    }
    for row in seats {
        let session: i64 = row.try_get("offering_id")?;
        let person: i64 = row.try_get("participant_id")?;
        let completed: bool = row.try_get("completed")?;
        let Some(tally) = partner_of.get(&session).and_then(|p| by_partner.get_mut(p)) else { continue };
        for t in [&mut total, tally] {
            t.participants.insert(person);
            t.seats += 1;
            t.completed += i64::from(completed);
        }
    }
    let mut partners: Vec<PartnerTrainings> = by_partner
        .into_iter()
        .map(|(partner_id, tally)| PartnerTrainings { partner_id, figures: tally.figures(), partner: tally.name })
        .collect();
    // The association's own courses first, then the partners by name.
    partners.sort_by_cached_key(|p| (p.partner_id.is_some(), p.partner.as_deref().map(crate::text::fold)));
    Ok(TrainingsPart { total: total.figures(), by_partner: partners })
}

// ---------------------------------------------------------------------------------------------
// Events

async fn events_held(conn: &mut SqliteConnection, first: NaiveDate, last: NaiveDate) -> Result<EventsPart> {
    let held = crate::events::held_between_in(conn, &ymd(first), &ymd(last)).await?;
    let add = |sum: &mut EventYearFigures, f: &crate::events::EventFigures| {
        sum.events += 1;
        sum.participants += f.participants;
        sum.attended += f.attended;
        sum.meetings_held += f.meetings_held;
        sum.agreements += f.agreements;
    };
    let mut total = EventYearFigures::default();
    let mut by_kind: Vec<EventKindFigures> = crate::events::EventKind::ALL
        .iter()
        .map(|&kind| EventKindFigures { kind, figures: EventYearFigures::default() })
        .collect();
    let mut countries: BTreeMap<String, i64> = BTreeMap::new();
    for (kind, f) in &held {
        add(&mut total, f);
        if let Some(k) = by_kind.iter_mut().find(|k| k.kind == *kind) {
            add(&mut k.figures, f);
        }
        for c in &f.by_country {
            *countries.entry(c.country.clone()).or_default() += c.count;
        }
    }
    let mut by_country: Vec<crate::events::CountryCount> =
        countries.into_iter().map(|(country, count)| crate::events::CountryCount { country, count }).collect();
    by_country.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.country.cmp(&b.country)));
    Ok(EventsPart { by_kind, total, by_country })
}

/// `part / whole` in hundredths of a percent, rounded half up; 0 for an empty whole.
pub(crate) fn rate(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { (part * 10_000 * 2 + whole) / (2 * whole) }
}

// ---------------------------------------------------------------------------------------------

fn ymd_of(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up() {
        assert_eq!(rate(0, 0), 0);
        assert_eq!(rate(1, 3), 3333);
        assert_eq!(rate(2, 3), 6667);
        assert_eq!(rate(7, 8), 8750);
        assert_eq!(rate(5, 5), 10_000);
    }

    #[test]
    fn the_best_label_is_the_highest_valid_one() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let label =
            |cluster_id, level, awarded_on, valid_until| LabelRec { cluster_id, level, awarded_on, valid_until };
        let labels = vec![
            label(1, LabelLevel::Bronze, day(1, 1), day(12, 31)),
            label(1, LabelLevel::Silver, day(3, 1), day(6, 30)),
            label(2, LabelLevel::Gold, day(7, 1), day(12, 31)),
            label(3, LabelLevel::Gold, day(1, 1), day(12, 31)),
        ];
        let members: HashSet<i64> = [1, 2].into();
        let best = best_labels_on(&labels, &members, day(6, 30));
        assert_eq!(best[&1].level, LabelLevel::Silver, "valid through its last day");
        assert!(!best.contains_key(&2), "not yet awarded");
        assert!(!best.contains_key(&3), "not a member");
        assert_eq!(best_labels_on(&labels, &members, day(7, 1))[&1].level, LabelLevel::Bronze);
    }
}
