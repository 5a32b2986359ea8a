-- Member clusters: the association's core records. Amounts are whole bani (1 RON = 100 bani) so
-- that sums are exact; dates are ISO 'YYYY-MM-DD' text so that they sort and compare as text.

-- Romania's 41 counties and Bucharest, with the development region each belongs to. Regions are
-- derived from the county, never typed, so that a cluster cannot sit in a county of another region.
CREATE TABLE counties (
    code   TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    region TEXT NOT NULL CHECK (region IN ('nord_est','sud_est','sud_muntenia','sud_vest_oltenia','vest','nord_vest','centru','bucuresti_ilfov'))
) STRICT, WITHOUT ROWID;

INSERT INTO counties (code, name, region) VALUES
 ('BC','Bacău','nord_est'),('BT','Botoșani','nord_est'),('IS','Iași','nord_est'),('NT','Neamț','nord_est'),('SV','Suceava','nord_est'),('VS','Vaslui','nord_est'),
 ('BR','Brăila','sud_est'),('BZ','Buzău','sud_est'),('CT','Constanța','sud_est'),('GL','Galați','sud_est'),('TL','Tulcea','sud_est'),('VN','Vrancea','sud_est'),
 ('AG','Argeș','sud_muntenia'),('CL','Călărași','sud_muntenia'),('DB','Dâmbovița','sud_muntenia'),('GR','Giurgiu','sud_muntenia'),('IL','Ialomița','sud_muntenia'),('PH','Prahova','sud_muntenia'),('TR','Teleorman','sud_muntenia'),
 ('DJ','Dolj','sud_vest_oltenia'),('GJ','Gorj','sud_vest_oltenia'),('MH','Mehedinți','sud_vest_oltenia'),('OT','Olt','sud_vest_oltenia'),('VL','Vâlcea','sud_vest_oltenia'),
 ('AR','Arad','vest'),('CS','Caraș-Severin','vest'),('HD','Hunedoara','vest'),('TM','Timiș','vest'),
 ('BH','Bihor','nord_vest'),('BN','Bistrița-Năsăud','nord_vest'),('CJ','Cluj','nord_vest'),('MM','Maramureș','nord_vest'),('SM','Satu Mare','nord_vest'),('SJ','Sălaj','nord_vest'),
 ('AB','Alba','centru'),('BV','Brașov','centru'),('CV','Covasna','centru'),('HR','Harghita','centru'),('MS','Mureș','centru'),('SB','Sibiu','centru'),
 ('B','București','bucuresti_ilfov'),('IF','Ilfov','bucuresti_ilfov');

CREATE TABLE clusters (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    legal_name   TEXT NOT NULL DEFAULT '',
    cui          TEXT NOT NULL DEFAULT '',          -- digits only; the RO prefix is a VAT marker, not part of the code
    reg_number   TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    county       TEXT NOT NULL REFERENCES counties(code),
    website      TEXT NOT NULL DEFAULT '',
    founded_year INTEGER,
    joined_year  INTEGER,
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended','left')),
    status_since TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    archived_at  TEXT,
    -- The folded name (lower case, no diacritics), written by the core: "Ștefan" sorts with "S".
    sort_name    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX clusters_sort_name ON clusters(archived_at, sort_name);

-- What the list's search matches: the cluster's fields and its members' names, folded by the core
-- (lower case, no diacritics). Trigram FTS5 answers LIKE '%word%' from its index, so a substring
-- search stays fast at 5,000 clusters with 100,000 members. rowid = clusters.id.
CREATE VIRTUAL TABLE cluster_search USING fts5(text, tokenize = 'trigram', detail = 'none');
CREATE TRIGGER clusters_forget_search AFTER DELETE ON clusters BEGIN
    DELETE FROM cluster_search WHERE rowid = old.id;
END;
CREATE INDEX clusters_county ON clusters(county);
-- The database's own guard behind the core's friendlier duplicate check.
CREATE UNIQUE INDEX clusters_unique_active_cui ON clusters(cui) WHERE archived_at IS NULL AND cui <> '';

CREATE TABLE cluster_status_history (
    id          INTEGER PRIMARY KEY,
    cluster_id  INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    status      TEXT NOT NULL CHECK (status IN ('active','suspended','left')),
    since       TEXT,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX cluster_status_history_cluster ON cluster_status_history(cluster_id);

CREATE TABLE cluster_sectors (
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    sector     TEXT NOT NULL,
    PRIMARY KEY (cluster_id, sector)
) STRICT, WITHOUT ROWID;
CREATE INDEX cluster_sectors_sector ON cluster_sectors(sector, cluster_id);

-- A CAEN code is ambiguous without its revision (4791 changed meaning in Rev.3), so both are kept.
CREATE TABLE cluster_caen (
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL CHECK (revision IN (2, 3)),
    code       TEXT NOT NULL,
    PRIMARY KEY (cluster_id, revision, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE contacts (
    id             INTEGER PRIMARY KEY,
    cluster_id     INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    consent        INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    consent_date   TEXT,
    consent_source TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_cluster ON contacts(cluster_id);

CREATE TABLE organisations (
    id            INTEGER PRIMARY KEY,
    cluster_id    INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('micro','small','medium','large','research','public_authority','other')),
    cui           TEXT NOT NULL DEFAULT '',
    caen_revision INTEGER CHECK (caen_revision IN (2, 3)),
    caen_code     TEXT,
    employees     INTEGER CHECK (employees >= 0),
    turnover_ron  INTEGER CHECK (turnover_ron >= 0),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((caen_revision IS NULL) = (caen_code IS NULL))
) STRICT;
CREATE INDEX organisations_cluster ON organisations(cluster_id, kind);

CREATE TABLE membership_fees (
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    due_bani   INTEGER NOT NULL CHECK (due_bani >= 0),
    PRIMARY KEY (cluster_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE fee_payments (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    paid_on    TEXT NOT NULL,
    amount_bani INTEGER NOT NULL CHECK (amount_bani > 0),
    note       TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (cluster_id, year) REFERENCES membership_fees(cluster_id, year) ON DELETE CASCADE
) STRICT;
CREATE INDEX fee_payments_fee ON fee_payments(cluster_id, year);

-- What is still owed for each fee year; never negative (an overpayment is not a debt). No GROUP
-- BY, so that SQLite flattens the view and a filter on cluster_id uses the primary key.
CREATE VIEW fee_balances AS
SELECT cluster_id, year, due_bani, paid_bani, MAX(due_bani - paid_bani, 0) AS owed_bani
FROM (SELECT f.cluster_id, f.year, f.due_bani,
             (SELECT COALESCE(SUM(p.amount_bani), 0) FROM fee_payments p
              WHERE p.cluster_id = f.cluster_id AND p.year = f.year) AS paid_bani
      FROM membership_fees f);

-- ESCA labels of cluster-management excellence. The register itself is built on in the assessments
-- work; the list needs the current level now.
CREATE TABLE labels (
    id              INTEGER PRIMARY KEY,
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    level           TEXT NOT NULL CHECK (level IN ('bronze','silver','gold')),
    awarded_on      TEXT NOT NULL,
    valid_until     TEXT NOT NULL,
    certificate_ref TEXT NOT NULL DEFAULT '',
    CHECK (valid_until >= awarded_on)
) STRICT;
CREATE INDEX labels_cluster ON labels(cluster_id, valid_until);

-- Preferences kept with the data (the UI language, for one).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
