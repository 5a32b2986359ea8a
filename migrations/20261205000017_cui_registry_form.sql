-- CUIs in the registry's form (crates/core/src/cui.rs): no "RO", no whitespace, no leading zeros.
-- Earlier versions kept leading zeros, so "0012345678" and "12345678" could be two clusters, or
-- one company twice in a cluster. This rewrites every stored CUI in the registry's form and
-- REPORTS the duplicates that reveals in `cui_duplicates`, merging nothing: staff decide (archive
-- or correct one of the clusters, delete the extra organisation). The cluster page, the dashboard
-- and `clusterdesk cui duplicates` show the report while a duplicate still stands.
--
-- Two current clusters cannot hold the same CUI (clusters_unique_active_cui), so of two current
-- clusters that turn out to share one, only the one already in the registry's form (else the
-- older one) is rewritten; the other keeps its code as it was until staff resolve it.
-- Migrations are not audited (the triggers are dropped while they run); the report is the record.

CREATE TABLE cui_duplicates (
    id                    INTEGER PRIMARY KEY,
    -- The registry's form the two records share.
    cui                   TEXT NOT NULL,
    -- The cluster reported (for organisations: the cluster both belong to).
    cluster_id            INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    -- Two clusters: the other one. Two organisations of one cluster: both.
    other_cluster_id      INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
    organisation_id       INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    other_organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    -- Both codes as they were stored before.
    typed                 TEXT NOT NULL,
    other_typed           TEXT NOT NULL,
    CHECK ((other_cluster_id IS NOT NULL AND organisation_id IS NULL AND other_organisation_id IS NULL)
        OR (other_cluster_id IS NULL AND organisation_id IS NOT NULL AND other_organisation_id IS NOT NULL))
) STRICT;
CREATE INDEX cui_duplicates_cluster ON cui_duplicates(cluster_id);
CREATE INDEX cui_duplicates_other_cluster ON cui_duplicates(other_cluster_id) WHERE other_cluster_id IS NOT NULL;
CREATE INDEX cui_duplicates_organisation ON cui_duplicates(organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX cui_duplicates_other_organisation ON cui_duplicates(other_organisation_id) WHERE other_organisation_id IS NOT NULL;

-- Every stored CUI with its registry form. A value that is not digits once "RO" and whitespace
-- are set aside is left as it is (the core never stored one; a hand-edited file might have).
CREATE TEMP TABLE cui_forms (
    kind       TEXT NOT NULL,      -- 'cluster' | 'organisation'
    id         INTEGER NOT NULL,
    cluster_id INTEGER NOT NULL,   -- the cluster itself, or the organisation's
    current    INTEGER NOT NULL,   -- a cluster not archived (organisations: always)
    typed      TEXT NOT NULL,
    form       TEXT NOT NULL
);

INSERT INTO cui_forms (kind, id, cluster_id, current, typed, form)
WITH compact AS (
    SELECT 'cluster' AS kind, id, id AS cluster_id, archived_at IS NULL AS current, cui AS typed,
           upper(replace(replace(replace(replace(replace(cui, ' ', ''), char(9), ''), char(10), ''), char(13), ''), char(160), '')) AS c
    FROM clusters WHERE cui <> ''
    UNION ALL
    SELECT 'organisation', id, cluster_id, 1, cui,
           upper(replace(replace(replace(replace(replace(cui, ' ', ''), char(9), ''), char(10), ''), char(13), ''), char(160), ''))
    FROM organisations WHERE cui <> ''
), number AS (
    SELECT kind, id, cluster_id, current, typed, CASE WHEN substr(c, 1, 2) = 'RO' THEN substr(c, 3) ELSE c END AS n
    FROM compact
)
SELECT kind, id, cluster_id, current, typed,
       CASE WHEN n = '' OR n GLOB '*[^0-9]*' THEN typed
            WHEN ltrim(n, '0') = '' THEN '0'
            ELSE ltrim(n, '0') END
FROM number;

-- The rewrites below look the forms up by record.
CREATE INDEX temp.cui_forms_record ON cui_forms(kind, id);

-- Which record of a group sharing one form keeps it: current clusters across the register,
-- organisations within their cluster. The one already in the registry's form first, else the oldest.
-- One window over the forms (a correlated lookup per record would take minutes at 100,000).
CREATE TEMP TABLE cui_keepers AS
SELECT f.kind, f.id, f.typed, f.form, f.cluster_id,
       first_value(f.id) OVER w AS keeper,
       first_value(f.typed) OVER w AS keeper_typed
FROM cui_forms f
WHERE f.current
WINDOW w AS (PARTITION BY f.kind, f.form, CASE f.kind WHEN 'cluster' THEN 0 ELSE f.cluster_id END
             ORDER BY f.typed = f.form DESC, f.id);

INSERT INTO cui_duplicates (cui, cluster_id, other_cluster_id, typed, other_typed)
SELECT form, id, keeper, typed, keeper_typed
FROM cui_keepers
WHERE kind = 'cluster' AND keeper <> id
ORDER BY id;

-- Two organisations that already had the same code were duplicates before: nothing new to report.
INSERT INTO cui_duplicates (cui, cluster_id, organisation_id, other_organisation_id, typed, other_typed)
SELECT form, cluster_id, id, keeper, typed, keeper_typed
FROM cui_keepers
WHERE kind = 'organisation' AND keeper <> id AND typed <> keeper_typed
ORDER BY cluster_id, id;

UPDATE clusters SET cui = (SELECT f.form FROM cui_forms f WHERE f.kind = 'cluster' AND f.id = clusters.id)
WHERE id IN (SELECT f.id FROM cui_forms f WHERE f.kind = 'cluster' AND f.typed <> f.form)
  AND id NOT IN (SELECT cluster_id FROM cui_duplicates WHERE other_cluster_id IS NOT NULL);

UPDATE organisations SET cui = (SELECT f.form FROM cui_forms f WHERE f.kind = 'organisation' AND f.id = organisations.id)
WHERE id IN (SELECT f.id FROM cui_forms f WHERE f.kind = 'organisation' AND f.typed <> f.form);

DROP TABLE cui_keepers;
DROP TABLE cui_forms;
