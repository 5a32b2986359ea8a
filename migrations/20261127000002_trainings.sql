-- Trainings, and the one registration model that trainings (and later events) share.
-- Dates are ISO 'YYYY-MM-DD' text, stamps RFC 3339 UTC text, hours REAL, amounts whole bani.

-- ---------------------------------------------------------------------------------------------
-- Registrations: one way to register people for anything.

-- The people who take part. A person of a member cluster is a link to their contact (at most one
-- participant per contact); anyone else is an external person with their organisation. For a
-- contact, name / organisation / email are a copy that the views do not use while the contact
-- exists; the trigger below refreshes it when the contact goes, so that history keeps its names.
CREATE TABLE participants (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    -- The language of their certificates and letters.
    language     TEXT NOT NULL DEFAULT 'ro' CHECK (language IN ('ro','en')),
    sort_name    TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX participants_contact ON participants(contact_id) WHERE contact_id IS NOT NULL;

CREATE TRIGGER participants_keep_contact_name BEFORE DELETE ON contacts
BEGIN
    UPDATE participants
       SET name = OLD.name,
           email = OLD.email,
           organisation = COALESCE((SELECT name FROM clusters WHERE id = OLD.cluster_id), organisation)
     WHERE contact_id = OLD.id;
END;

-- A registration of a participant for an offering: a training session, later an event. The
-- offering is (kind, id); the core reads its capacity and deadline from the kind's own table.
CREATE TABLE registrations (
    id                   INTEGER PRIMARY KEY,
    offering_kind        TEXT NOT NULL CHECK (offering_kind IN ('session','event')),
    offering_id          INTEGER NOT NULL,
    participant_id       INTEGER NOT NULL REFERENCES participants(id),
    state                TEXT NOT NULL CHECK (state IN ('enrolled','waitlisted','cancelled','completed','no_show','confirmed','attended')),
    -- Arrival order: one increasing sequence over all registrations, assigned at insert inside
    -- the (serialised) write transaction. The waitlist is served in this order.
    arrival              INTEGER NOT NULL UNIQUE,
    registered_at        TEXT NOT NULL,
    -- Why staff accepted a registration after the deadline; NULL when it came in time.
    late_override_reason TEXT,
    updated_at           TEXT NOT NULL
) STRICT;
-- One live (not cancelled) registration per person and offering.
CREATE UNIQUE INDEX registrations_live ON registrations(offering_kind, offering_id, participant_id) WHERE state <> 'cancelled';
CREATE INDEX registrations_offering ON registrations(offering_kind, offering_id, state, arrival);
CREATE INDEX registrations_participant ON registrations(participant_id);

-- Every change of state, including the first one (from_state NULL): who, when, why.
CREATE TABLE registration_changes (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    from_state      TEXT,
    to_state        TEXT NOT NULL,
    changed_at      TEXT NOT NULL,
    changed_by      TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX registration_changes_registration ON registration_changes(registration_id, id);

-- Certificates: a number per completed registration, CLUSTERO-<year>-<seq>, the sequence per year
-- of issue. A number is never given twice: the counter only grows, and a certificate whose
-- registration is no longer completed is marked revoked (and restored if it completes again).
CREATE TABLE certificate_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

CREATE TABLE certificates (
    registration_id INTEGER PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
    number          TEXT NOT NULL UNIQUE,
    year            INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    issued_on       TEXT NOT NULL,
    revoked_at      TEXT,
    UNIQUE (year, seq)
) STRICT;

-- ---------------------------------------------------------------------------------------------
-- Trainings.

-- The association's partner organisations; for now the training providers.
CREATE TABLE partners (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    country        TEXT NOT NULL DEFAULT '',      -- ISO 3166 alpha-2 ('FR')
    website        TEXT NOT NULL DEFAULT '',
    contact_person TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    sort_name      TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX partners_name ON partners(sort_name);

INSERT INTO partners (name, country, website, sort_name, created_at, updated_at) VALUES
 ('France Clusters', 'FR', 'https://franceclusters.fr', 'france clusters', '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z'),
 ('Business Upper Austria', 'AT', 'https://www.biz-up.at', 'business upper austria', '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z'),
 ('Lucia Seel Consulting', 'DE', '', 'lucia seel consulting', '2026-11-27T00:00:00Z', '2026-11-27T00:00:00Z');

CREATE TABLE courses (
    id                 INTEGER PRIMARY KEY,
    title_ro           TEXT NOT NULL,
    title_en           TEXT NOT NULL,
    topic              TEXT NOT NULL DEFAULT '',
    partner_id         INTEGER REFERENCES partners(id),   -- NULL: held by the association itself
    format             TEXT NOT NULL CHECK (format IN ('on_site','online','hybrid')),
    hours              REAL NOT NULL CHECK (hours > 0),
    fee_bani           INTEGER NOT NULL DEFAULT 0 CHECK (fee_bani >= 0),
    -- The share of a session's hours a participant must attend to complete it.
    completion_percent INTEGER NOT NULL DEFAULT 80 CHECK (completion_percent BETWEEN 1 AND 100),
    description        TEXT NOT NULL DEFAULT '',
    sort_title         TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX courses_partner ON courses(partner_id);

CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    course_id          INTEGER NOT NULL REFERENCES courses(id),
    place              TEXT NOT NULL DEFAULT '',
    link               TEXT NOT NULL DEFAULT '',
    trainer            TEXT NOT NULL DEFAULT '',
    capacity           INTEGER NOT NULL CHECK (capacity > 0),
    enrolment_deadline TEXT NOT NULL,
    status             TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','cancelled')),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_course ON sessions(course_id);

-- The registrations of a session go with it (the offering has no foreign key of its own).
CREATE TRIGGER sessions_delete_registrations AFTER DELETE ON sessions
BEGIN
    DELETE FROM registrations WHERE offering_kind = 'session' AND offering_id = OLD.id;
END;

CREATE TABLE session_days (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    hours      REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
    PRIMARY KEY (session_id, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_days_day ON session_days(day, session_id);

-- Presence per registration and session day; a day without a row counts as absent.
CREATE TABLE attendance (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    day             TEXT NOT NULL,
    present         INTEGER NOT NULL CHECK (present IN (0, 1)),
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (registration_id, day)
) STRICT, WITHOUT ROWID;
