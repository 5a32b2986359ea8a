-- Member information: funding calls and regulations on record, matched to the clusters they
-- concern (crates/core/src/funding).

-- A call for funding. Amounts are whole cents of the call's currency (bani for RON); the own
-- contribution the applicant must bring is in hundredths of a percent (1500 = 15,00 %).
CREATE TABLE funding_calls (
    id                INTEGER PRIMARY KEY,
    title_ro          TEXT NOT NULL,
    title_en          TEXT NOT NULL DEFAULT '',
    programme         TEXT NOT NULL,
    funder            TEXT NOT NULL DEFAULT '',
    reference         TEXT NOT NULL DEFAULT '',
    link              TEXT NOT NULL DEFAULT '',
    opens_on          TEXT,
    -- NULL: open until the budget is spent.
    closes_on         TEXT,
    budget_cents      INTEGER CHECK (budget_cents >= 0),
    currency          TEXT NOT NULL DEFAULT 'ron' CHECK (currency IN ('ron', 'eur')),
    cofinancing_bp    INTEGER CHECK (cofinancing_bp BETWEEN 0 AND 10000),
    -- Who may apply beyond the lists below: a current ESCA label of at least this level, the
    -- national minimum criteria, the EU Cluster Collaboration Platform's profile.
    min_label         TEXT CHECK (min_label IN ('bronze', 'silver', 'gold')),
    requires_national INTEGER NOT NULL DEFAULT 0 CHECK (requires_national IN (0, 1)),
    requires_eccp     INTEGER NOT NULL DEFAULT 0 CHECK (requires_eccp IN (0, 1)),
    notes             TEXT NOT NULL DEFAULT '',
    sort_title        TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on)
) STRICT;
CREATE INDEX funding_calls_closes ON funding_calls(closes_on);
CREATE INDEX funding_calls_opens ON funding_calls(opens_on);

-- Who may apply: the cluster itself (its managing association) and/or member organisations of
-- these kinds. Empty lists of regions, sectors and CAEN codes put no condition.
CREATE TABLE funding_call_applicants (
    call_id   INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    applicant TEXT NOT NULL CHECK (applicant IN ('cluster','micro','small','medium','large','research','public_authority','other')),
    PRIMARY KEY (call_id, applicant)
) STRICT, WITHOUT ROWID;

CREATE TABLE funding_call_regions (
    call_id INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    region  TEXT NOT NULL CHECK (region IN ('nord_est','sud_est','sud_muntenia','sud_vest_oltenia','vest','nord_vest','centru','bucuresti_ilfov')),
    PRIMARY KEY (call_id, region)
) STRICT, WITHOUT ROWID;

CREATE TABLE funding_call_sectors (
    call_id INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    sector  TEXT NOT NULL,
    PRIMARY KEY (call_id, sector)
) STRICT, WITHOUT ROWID;

-- Codes of either revision: the matching reads them through the INS correspondence.
CREATE TABLE funding_call_caen (
    call_id  INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL CHECK (revision IN (2, 3)),
    code     TEXT NOT NULL,
    PRIMARY KEY (call_id, revision, code)
) STRICT, WITHOUT ROWID;

-- Every code of either revision that meets a code of the call: the code itself and its
-- correspondents in the other revision (the INS correspondence, both ways), with the call's code
-- it came from (`via_*`), so that the matching explains itself. Written by the core with the
-- call's codes at every save (derived, never typed, so not audited: the `_cache` suffix).
CREATE TABLE funding_call_caen_cache (
    call_id      INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    revision     INTEGER NOT NULL CHECK (revision IN (2, 3)),
    code         TEXT NOT NULL,
    via_revision INTEGER NOT NULL CHECK (via_revision IN (2, 3)),
    via_code     TEXT NOT NULL,
    PRIMARY KEY (call_id, revision, code, via_revision, via_code)
) STRICT, WITHOUT ROWID;

-- A regulation or news item the members should know of.
CREATE TABLE regulations (
    id          INTEGER PRIMARY KEY,
    title_ro    TEXT NOT NULL,
    title_en    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('monitorul_oficial','government','ministry','eu','other')),
    -- "M. Of. nr. 512 din 12.06.2026", "Regulamentul (UE) 2023/2831".
    reference   TEXT NOT NULL DEFAULT '',
    issued_on   TEXT NOT NULL,
    effect_ro   TEXT NOT NULL DEFAULT '',
    effect_en   TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    sort_title  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX regulations_issued ON regulations(issued_on);

CREATE TABLE regulation_sectors (
    regulation_id INTEGER NOT NULL REFERENCES regulations(id) ON DELETE CASCADE,
    sector        TEXT NOT NULL,
    PRIMARY KEY (regulation_id, sector)
) STRICT, WITHOUT ROWID;

