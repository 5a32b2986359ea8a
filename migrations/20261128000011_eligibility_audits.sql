-- Eligibility checks, innovation audits at member SMEs, and the label register's editing.

-- What the eligibility checks need that the cluster record did not hold: the cluster management's
-- staff in full-time equivalents (NULL: not recorded, which no criterion counts as met) and whether
-- the website has an English version (the EU Cluster Collaboration Platform asks for one).
ALTER TABLE clusters ADD COLUMN management_fte REAL CHECK (management_fte IS NULL OR management_fte >= 0);
ALTER TABLE clusters ADD COLUMN website_english INTEGER NOT NULL DEFAULT 0 CHECK (website_english IN (0, 1));

-- Members by helix type, kept by the triggers below on every change of an organisation, so that
-- the list's eligibility filter reads four columns instead of counting 100,000 members per query.
-- The types follow the organisation kinds as crates/core/src/eligibility maps them: micro, small,
-- medium and large firms are companies; 'other' is civil society.
ALTER TABLE clusters ADD COLUMN members_companies INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clusters ADD COLUMN members_research  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clusters ADD COLUMN members_public    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clusters ADD COLUMN members_civil     INTEGER NOT NULL DEFAULT 0;

UPDATE clusters SET
    members_companies = (SELECT count(*) FROM organisations o WHERE o.cluster_id = clusters.id AND o.kind IN ('micro', 'small', 'medium', 'large')),
    members_research  = (SELECT count(*) FROM organisations o WHERE o.cluster_id = clusters.id AND o.kind = 'research'),
    members_public    = (SELECT count(*) FROM organisations o WHERE o.cluster_id = clusters.id AND o.kind = 'public_authority'),
    members_civil     = (SELECT count(*) FROM organisations o WHERE o.cluster_id = clusters.id AND o.kind = 'other');

CREATE TRIGGER organisations_count_insert AFTER INSERT ON organisations BEGIN
    UPDATE clusters SET
        members_companies = members_companies + (new.kind IN ('micro', 'small', 'medium', 'large')),
        members_research  = members_research + (new.kind = 'research'),
        members_public    = members_public + (new.kind = 'public_authority'),
        members_civil     = members_civil + (new.kind = 'other')
    WHERE id = new.cluster_id;
END;

CREATE TRIGGER organisations_count_delete AFTER DELETE ON organisations BEGIN
    UPDATE clusters SET
        members_companies = members_companies - (old.kind IN ('micro', 'small', 'medium', 'large')),
        members_research  = members_research - (old.kind = 'research'),
        members_public    = members_public - (old.kind = 'public_authority'),
        members_civil     = members_civil - (old.kind = 'other')
    WHERE id = old.cluster_id;
END;

CREATE TRIGGER organisations_count_update AFTER UPDATE OF kind, cluster_id ON organisations BEGIN
    UPDATE clusters SET
        members_companies = members_companies - (old.kind IN ('micro', 'small', 'medium', 'large')),
        members_research  = members_research - (old.kind = 'research'),
        members_public    = members_public - (old.kind = 'public_authority'),
        members_civil     = members_civil - (old.kind = 'other')
    WHERE id = old.cluster_id;
    UPDATE clusters SET
        members_companies = members_companies + (new.kind IN ('micro', 'small', 'medium', 'large')),
        members_research  = members_research + (new.kind = 'research'),
        members_public    = members_public + (new.kind = 'public_authority'),
        members_civil     = members_civil + (new.kind = 'other')
    WHERE id = new.cluster_id;
END;

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
CREATE TABLE sme_audit_actions (
    id         INTEGER PRIMARY KEY,
    audit_id   INTEGER NOT NULL REFERENCES sme_audits(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    due_on     TEXT,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    position   INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX audit_actions_audit ON sme_audit_actions(audit_id, position);
