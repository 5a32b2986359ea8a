-- The audit log: who changed which record, when, from what to what. Rows are written by triggers
-- that the core generates at start-up from the live schema (crates/core/src/audit/triggers.rs), so
-- that every domain table is covered, including the tables later migrations add; and by the core
-- itself for what is not a row change (a restore, an import, an export or erasure of personal data).

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    -- RFC 3339 UTC, to the second; `id` gives the order within a second.
    at            TEXT NOT NULL,
    -- The staff profile that made the change (see audit_actor).
    staff         TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('create','update','archive','unarchive','delete','import','restore','export','erase')),
    -- The table of the record, its id (NULL for a table without a single integer key, and for
    -- actions on the whole database), and the record it belongs to (a contact's cluster).
    entity        TEXT NOT NULL,
    entity_id     INTEGER,
    parent_entity TEXT,
    parent_id     INTEGER,
    -- A human label at the time of the change: the record's name, or its parent's.
    label         TEXT NOT NULL DEFAULT '',
    -- JSON objects of the row before and after (NULL for a create / a delete); for an action that
    -- is not a row change, `after` holds its details.
    before        TEXT,
    after         TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);
CREATE INDEX audit_log_parent ON audit_log(parent_entity, parent_id, id) WHERE parent_id IS NOT NULL;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_staff ON audit_log(staff, id);

-- Who is writing: one row, set by the core at the start of every write transaction (the write
-- lock is held from BEGIN IMMEDIATE to COMMIT, so the row is this transaction's own even when the
-- app and the CLI write the same file). The triggers read it.
CREATE TABLE audit_actor (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    staff TEXT NOT NULL
) STRICT;
INSERT INTO audit_actor (id, staff) VALUES (1, '');

-- What the triggers were generated from: the schema version they were made for (a fast check at
-- open) and a hash of their SQL (regenerated only when it differs).
CREATE TABLE audit_schema (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    schema_version INTEGER NOT NULL,
    sql_hash       TEXT NOT NULL
) STRICT;

-- The staff profiles known on this database: chosen at first start, switched in the header.
CREATE TABLE staff_profiles (
    name         TEXT PRIMARY KEY,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
