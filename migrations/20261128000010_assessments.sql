-- Cluster performance assessments against a framework that is data: each version of the framework
-- is kept whole (the JSON of data/assessment-framework.json, as edited by staff), and every
-- assessment points at the version it was made with.

CREATE TABLE assessment_frameworks (
    id         INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL UNIQUE CHECK (version >= 1),
    definition TEXT NOT NULL,   -- JSON: areas, label rules, indicators
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

-- One assessment per cluster and reference year; a correction of a final assessment is a new
-- revision of it (revision + 1, previous_id the one corrected), and the corrected one is kept.
CREATE TABLE assessments (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    previous_id     INTEGER REFERENCES assessments(id) ON DELETE CASCADE,
    revision_reason TEXT NOT NULL DEFAULT '',
    framework_id    INTEGER NOT NULL REFERENCES assessment_frameworks(id),
    assessor        TEXT NOT NULL,
    assessed_on     TEXT NOT NULL,
    notes           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','superseded')),
    finalised_at    TEXT,
    -- Frozen at finalisation: the scores as computed then (JSON), and their headline figures.
    result          TEXT,
    overall_score   REAL,
    quality_share   REAL,
    level           TEXT CHECK (level IN ('bronze','silver','gold')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (cluster_id, year, revision),
    CHECK ((status = 'draft') = (result IS NULL)),
    CHECK ((revision = 1) = (previous_id IS NULL))
) STRICT;
CREATE INDEX assessments_year ON assessments(year, status);
CREATE INDEX assessments_framework ON assessments(framework_id);

CREATE TABLE assessment_values (
    assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    indicator     TEXT NOT NULL,
    number        REAL,          -- a number, or 1/0 for yes/no
    choice        TEXT,          -- the option's code
    evidence      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (assessment_id, indicator),
    CHECK (number IS NULL OR choice IS NULL)
) STRICT, WITHOUT ROWID;

-- The database's own guard behind the core's: a final assessment is read-only. The only change
-- it accepts is being marked superseded when its correction is finalised.
CREATE TRIGGER assessments_final_read_only BEFORE UPDATE ON assessments
WHEN old.status <> 'draft'
     AND NOT (old.status = 'final' AND new.status = 'superseded'
              AND new.result IS old.result AND new.overall_score IS old.overall_score
              AND new.level IS old.level AND new.quality_share IS old.quality_share)
BEGIN
    SELECT RAISE(ABORT, 'a final assessment is read-only');
END;
CREATE TRIGGER assessment_values_final_insert BEFORE INSERT ON assessment_values
WHEN (SELECT status FROM assessments WHERE id = new.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'a final assessment is read-only');
END;
CREATE TRIGGER assessment_values_final_update BEFORE UPDATE ON assessment_values
WHEN (SELECT status FROM assessments WHERE id = old.assessment_id) <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'a final assessment is read-only');
END;
