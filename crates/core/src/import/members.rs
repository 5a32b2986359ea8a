//! Member organisations written in bulk, at a cost that does not grow with what is stored.
//!
//! The form's path (`clusters::save_organisation_in`) reads the cluster's members to rebuild its
//! search text on every save, and the import used to read them again to find the row's match: an
//! import of n members into one cluster cost n² rows read. Here a cluster's members are read once,
//! into maps by CUI and by name that the import keeps up to date; rows are checked by the form's
//! own checks (`clusters::clean_organisation`, which reads nothing stored) and written in batches
//! of one prepared statement over a JSON array, so that SQLite runs its triggers (audit log,
//! member counts) row by row in the file's order; each touched cluster's search text is rebuilt
//! once, at the end. The ids are the ones single saves would get (the largest plus one), given
//! here so that a later row can update an organisation an earlier one created.

use std::collections::{BTreeSet, HashMap, HashSet};

use sqlx::{Sqlite, Transaction};

use crate::caen::CaenRevision;
use crate::clock::At;
use crate::clusters::{self, CaenCode, CleanOrganisation, OrgKind, OrganisationInput};
use crate::text::{fold, tidy};
use crate::{Result, cui};

/// Rows per statement: large enough that the statement's own cost disappears, small enough that
/// the JSON text stays small.
const BATCH: usize = 512;

/// The organisation a row describes, by the rule the import has always used: same CUI, or same
/// name when either has no CUI; the oldest first.
pub(super) struct Lookup<'a> {
    pub name: Option<&'a str>,
    pub cui: Option<&'a str>,
}

type Key = (i64, String);

#[derive(Default)]
pub(super) struct Members {
    /// Clusters whose members are in the maps below.
    loaded: HashSet<i64>,
    stored: HashMap<i64, (i64, OrganisationInput)>,
    by_cui: HashMap<Key, BTreeSet<i64>>,
    by_name: HashMap<Key, BTreeSet<i64>>,
    by_name_without_cui: HashMap<Key, BTreeSet<i64>>,
    /// The id the next new organisation gets; read at the first one.
    next_id: Option<i64>,
    inserts: Vec<Pending>,
    updates: Vec<Pending>,
    updating: HashSet<i64>,
    /// Clusters whose search text must be rebuilt.
    touched: BTreeSet<i64>,
}

/// One row for the batch statements: id, cluster, name, kind, CUI, CAEN revision and code,
/// employees, turnover, e-mail, phone.
type Pending =
    (i64, i64, String, &'static str, String, Option<i64>, Option<String>, Option<i64>, Option<i64>, String, String);

const INSERT: &str = "INSERT INTO organisations (id, cluster_id, name, kind, cui, caen_revision, caen_code, employees, \
     turnover_ron, email, phone, created_at, updated_at) \
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, \
     value ->> 8, value ->> 9, value ->> 10, ?2, ?2 FROM json_each(?1)";
const UPDATE: &str = "UPDATE organisations SET name = j.value ->> 2, kind = j.value ->> 3, cui = j.value ->> 4, \
     caen_revision = j.value ->> 5, caen_code = j.value ->> 6, employees = j.value ->> 7, turnover_ron = j.value ->> 8, \
     email = j.value ->> 9, phone = j.value ->> 10, updated_at = ?2 FROM json_each(?1) AS j \
     WHERE organisations.id = j.value ->> 0";

impl Members {
    /// The organisation of `cluster` the row describes, as it is now (this import's writes included).
    pub async fn find(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        cluster: i64,
        row: &Lookup<'_>,
    ) -> Result<Option<(i64, OrganisationInput)>> {
        self.load(tx, cluster).await?;
        let name = row.name.map(|n| fold(&tidy(n)));
        let code = row.cui.and_then(cui::normalize).unwrap_or_default();
        let first = |map: &HashMap<Key, BTreeSet<i64>>, key: &str| {
            map.get(&(cluster, key.to_string())).and_then(|ids| ids.first().copied())
        };
        let by_name = |map| name.as_deref().and_then(|n| first(map, n));
        let found = if code.is_empty() {
            by_name(&self.by_name)
        } else {
            [first(&self.by_cui, &code), by_name(&self.by_name_without_cui)].into_iter().flatten().min()
        };
        Ok(found.and_then(|id| self.stored.get(&id).map(|(_, input)| (id, input.clone()))))
    }

    async fn load(&mut self, tx: &mut Transaction<'_, Sqlite>, cluster: i64) -> Result<()> {
        if !self.loaded.insert(cluster) {
            return Ok(());
        }
        type Stored =
            (i64, String, String, String, Option<i64>, Option<String>, Option<i64>, Option<i64>, String, String);
        let rows: Vec<Stored> = sqlx::query_as(
            "SELECT id, name, kind, cui, caen_revision, caen_code, employees, turnover_ron, email, phone \
             FROM organisations WHERE cluster_id = ?",
        )
        .bind(cluster)
        .fetch_all(&mut **tx)
        .await?;
        for (id, name, kind, cui, revision, code, employees, turnover_ron, email, phone) in rows {
            let caen = match (revision.and_then(CaenRevision::from_number), code) {
                (Some(revision), Some(code)) => Some(CaenCode { revision, code }),
                _ => None,
            };
            let kind = OrgKind::parse(&kind);
            self.remember(id, cluster, OrganisationInput { name, kind, cui, caen, employees, turnover_ron, email, phone });
        }
        Ok(())
    }

    fn remember(&mut self, id: i64, cluster: i64, input: OrganisationInput) {
        let name = fold(&input.name);
        if !input.cui.is_empty() {
            self.by_cui.entry((cluster, input.cui.clone())).or_default().insert(id);
        } else {
            self.by_name_without_cui.entry((cluster, name.clone())).or_default().insert(id);
        }
        self.by_name.entry((cluster, name)).or_default().insert(id);
        self.stored.insert(id, (cluster, input));
    }

    fn forget(&mut self, id: i64) {
        let Some((cluster, input)) = self.stored.remove(&id) else { return };
        let name = fold(&input.name);
        let drop_from = |map: &mut HashMap<Key, BTreeSet<i64>>, key: String| {
            if let Some(ids) = map.get_mut(&(cluster, key.clone())) {
                ids.remove(&id);
                if ids.is_empty() {
                    map.remove(&(cluster, key));
                }
            }
        };
        drop_from(&mut self.by_cui, input.cui.clone());
        drop_from(&mut self.by_name_without_cui, name.clone());
        drop_from(&mut self.by_name, name);
    }

    /// Writes a checked organisation (a new one when `id` is `None`) in the import's transaction.
    pub async fn write(
        &mut self,
        tx: &mut Transaction<'_, Sqlite>,
        cluster: i64,
        id: Option<i64>,
        org: CleanOrganisation,
        at: &At,
    ) -> Result<()> {
        // The batches keep the file's order: a change of statement, or a second update of one
        // organisation, sends what is waiting first.
        let must_flush = match id {
            None => !self.updates.is_empty(),
            Some(id) => !self.inserts.is_empty() || self.updating.contains(&id),
        };
        if must_flush {
            self.flush(tx, at).await?;
        }
        let update = id.is_some();
        let id = match id {
            Some(id) => id,
            None => {
                let next = match self.next_id {
                    Some(next) => next,
                    None => {
                        let max: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM organisations")
                            .fetch_one(&mut **tx)
                            .await?;
                        max + 1
                    }
                };
                self.next_id = Some(next + 1);
                next
            }
        };
        let (revision, code) = org.caen_columns();
        let pending = (
            id,
            cluster,
            org.name.clone(),
            org.kind.code(),
            org.cui.clone(),
            revision,
            code.map(String::from),
            org.employees,
            org.turnover_ron,
            org.email.clone(),
            org.phone.clone(),
        );
        if update {
            self.forget(id);
            self.updating.insert(id);
            self.updates.push(pending);
        } else {
            self.inserts.push(pending);
        }
        if self.loaded.contains(&cluster) {
            self.remember(id, cluster, org.input());
        }
        self.touched.insert(cluster);
        if self.inserts.len() + self.updates.len() >= BATCH {
            self.flush(tx, at).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, tx: &mut Transaction<'_, Sqlite>, at: &At) -> Result<()> {
        for (rows, sql) in [(&mut self.inserts, INSERT), (&mut self.updates, UPDATE)] {
            if rows.is_empty() {
                continue;
            }
            let json = serde_json::to_string(rows).map_err(|e| crate::Error::Io(std::io::Error::other(e)))?;
            sqlx::query(sql).bind(json).bind(&at.stamp).execute(&mut **tx).await?;
            rows.clear();
        }
        self.updating.clear();
        Ok(())
    }

    /// Sends what is waiting and rebuilds the search text of every cluster written to, once.
    pub async fn finish(&mut self, tx: &mut Transaction<'_, Sqlite>, at: &At) -> Result<()> {
        self.flush(tx, at).await?;
        for cluster in std::mem::take(&mut self.touched) {
            clusters::refresh_search(tx, cluster).await?;
        }
        Ok(())
    }
}
