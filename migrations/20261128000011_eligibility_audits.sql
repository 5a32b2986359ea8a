-- Eligibility checks, innovation audits at member SMEs, and the label register's editing.

-- What the eligibility checks need that the cluster record did not hold: the cluster management's
-- staff in full-time equivalents (NULL: not recorded, which no criterion counts as met) and whether
-- the website has an English version (the EU Cluster Collaboration Platform asks for one).
ALTER TABLE clusters ADD COLUMN management_fte REAL CHECK (management_fte IS NULL OR management_fte >= 0);
ALTER TABLE clusters ADD COLUMN website_english INTEGER NOT NULL DEFAULT 0 CHECK (website_english IN (0, 1));

-- Innovation audits and business reviews held at a member SME. The six scores of the standard grid
-- go from 1 (weak) to 5 (excellent).
CREATE TABLE sme_audits (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('innovation_audit', 'business_review')),
    audited_on          TEXT NOT NULL,
    auditor             TEXT NOT NULL,
    score_strategy      INTEGER NOT NULL CHECK (score_strategy BETWEEN 1 AND 5),
    score_organisation  INTEGER NOT NULL CHECK (score_organisation BETWEEN 1 AND 5),
    score_processes     INTEGER NOT NULL CHECK (score_processes BETWEEN 1 AND 5),
    score_resources     INTEGER NOT NULL CHECK (score_resources BETWEEN 1 AND 5),
    score_products      INTEGER NOT NULL CHECK (score_products BETWEEN 1 AND 5),
    score_international INTEGER NOT NULL CHECK (score_international BETWEEN 1 AND 5),
    findings            TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
CREATE INDEX sme_audits_organisation ON sme_audits(organisation_id, audited_on);

-- The actions an audit recommends, followed up until done or dropped.
CREATE TABLE audit_actions (
    id         INTEGER PRIMARY KEY,
    audit_id   INTEGER NOT NULL REFERENCES sme_audits(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    due_on     TEXT,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    position   INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX audit_actions_audit ON audit_actions(audit_id, position);
