-- ANAF's public data by CUI (PlatitorTvaRest). ANAF's answers are kept apart from what staff
-- typed: a lookup proposes changes to the record, staff accept them field by field, and the
-- answer stays here with its date as the source. Keyed by the CUI in the registry's form (no RO,
-- no leading zeros), so one answer serves every record with that CUI.
CREATE TABLE anaf_answers (
    cui                TEXT PRIMARY KEY,
    found              INTEGER NOT NULL CHECK (found IN (0, 1)),
    -- The day the answer is valid for (the "data" sent to ANAF), ISO.
    answer_date        TEXT NOT NULL,
    name               TEXT NOT NULL DEFAULT '',
    legal_form         TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    street             TEXT NOT NULL DEFAULT '',
    city               TEXT NOT NULL DEFAULT '',
    county             TEXT REFERENCES counties(code),
    postal_code        TEXT NOT NULL DEFAULT '',
    reg_number         TEXT NOT NULL DEFAULT '',
    caen_code          TEXT,
    caen_revision      INTEGER CHECK (caen_revision IN (2, 3)),
    vat                INTEGER NOT NULL DEFAULT 0 CHECK (vat IN (0, 1)),
    inactive           INTEGER NOT NULL DEFAULT 0 CHECK (inactive IN (0, 1)),
    struck_off         INTEGER NOT NULL DEFAULT 0 CHECK (struck_off IN (0, 1)),
    registration_state TEXT NOT NULL DEFAULT '',
    -- Set when a check finds the name or the address different from the previous answer; kept
    -- until staff review the record (a lookup applied, or dismissed), so that a change seen by a
    -- night's check is not lost by the next one.
    name_changed       INTEGER NOT NULL DEFAULT 0 CHECK (name_changed IN (0, 1)),
    address_changed    INTEGER NOT NULL DEFAULT 0 CHECK (address_changed IN (0, 1)),
    -- When the answer was last fetched (UTC). Named updated_at so that a check that finds nothing
    -- new writes no audit entry (the audit triggers skip updates of updated_at alone).
    updated_at         TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The flags the lists filter on and the dashboard counts: only flagged answers are indexed.
CREATE INDEX anaf_answers_flagged ON anaf_answers(cui)
    WHERE found = 0 OR inactive = 1 OR struck_off = 1 OR name_changed = 1 OR address_changed = 1;
-- Whether a CUI is due for a check (--since DAYS).
CREATE INDEX anaf_answers_fetched ON anaf_answers(updated_at);

-- Records find their answer by CUI; members had no CUI index.
CREATE INDEX organisations_cui ON organisations(cui) WHERE cui <> '';
CREATE INDEX clusters_cui ON clusters(cui) WHERE cui <> '';

-- The membership check: one row per run. The cursor is the last CUI done (in text order, the
-- order of the CUI indexes), so a run closed by the app or cut by the network goes on from there.
CREATE TABLE anaf_checks (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    -- CUIs whose answer is newer than this are skipped (--since DAYS); NULL: check every CUI.
    fresh_after   TEXT,
    total         INTEGER NOT NULL CHECK (total >= 0),
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done >= 0),
    requests      INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
    cursor        TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'interrupted', 'finished')),
    -- The message code of what interrupted it (no network, ANAF's error), for the window.
    last_error    TEXT,
    finished_at   TEXT,
    updated_at    TEXT NOT NULL
) STRICT;
