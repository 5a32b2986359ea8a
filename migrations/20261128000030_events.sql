-- Events and international cooperation: partner networks and agreements, events, their
-- participants (registrations of the shared model, offering_kind 'event') and brokerage meetings.
-- Dates are ISO 'YYYY-MM-DD' text, meeting slots 'YYYY-MM-DDTHH:MM' local time, amounts whole bani.
--
-- The registrations table needs no change: its CHECKs already admit offering_kind 'event' and the
-- states 'confirmed' and 'attended' (20261127000002_trainings.sql).

-- ---------------------------------------------------------------------------------------------
-- Partners: the training providers become one kind among the association's partner
-- organisations and networks.
ALTER TABLE partners ADD COLUMN kind TEXT NOT NULL DEFAULT 'training_provider'
    CHECK (kind IN ('training_provider','een_contact_point','cluster_association','public_body','other'));
-- The network the partner belongs to, as staff name it ('Enterprise Europe Network', 'Vukovar Agreement').
ALTER TABLE partners ADD COLUMN network TEXT NOT NULL DEFAULT '';
ALTER TABLE partners ADD COLUMN notes TEXT NOT NULL DEFAULT '';

CREATE TABLE partner_contacts (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX partner_contacts_partner ON partner_contacts(partner_id);

-- Cooperation agreements. The association is always a party; the partners named here are the others.
CREATE TABLE agreements (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    signed_on  TEXT NOT NULL,
    scope      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    partner_id   INTEGER NOT NULL REFERENCES partners(id),
    PRIMARY KEY (agreement_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agreement_parties_partner ON agreement_parties(partner_id, agreement_id);

-- Where the signed documents are kept. Paths are text for people to follow; the app never opens them.
CREATE TABLE agreement_documents (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    path         TEXT NOT NULL,
    label        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX agreement_documents_agreement ON agreement_documents(agreement_id);

-- ---------------------------------------------------------------------------------------------
-- Participants: a person may stand for a member organisation of a cluster, and comes from a country.
-- `organisation` keeps a copy of the organisation's name, refreshed when the organisation goes.
ALTER TABLE participants ADD COLUMN organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL;
ALTER TABLE participants ADD COLUMN country TEXT NOT NULL DEFAULT 'RO';
CREATE INDEX participants_organisation ON participants(organisation_id) WHERE organisation_id IS NOT NULL;

CREATE TRIGGER participants_keep_organisation_name BEFORE DELETE ON organisations
BEGIN
    UPDATE participants SET organisation = OLD.name WHERE organisation_id = OLD.id;
END;

-- ---------------------------------------------------------------------------------------------
-- Events.
CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
    kind                  TEXT NOT NULL CHECK (kind IN ('inward_mission','outward_mission','brokerage','conference','workshop','other')),
    title                 TEXT NOT NULL,
    starts_on             TEXT NOT NULL,
    ends_on               TEXT NOT NULL,
    place                 TEXT NOT NULL DEFAULT '',
    country               TEXT NOT NULL DEFAULT 'RO',   -- ISO 3166 alpha-2
    -- NULL: the association organises it itself.
    organiser_id          INTEGER REFERENCES partners(id),
    budget_bani           INTEGER NOT NULL DEFAULT 0 CHECK (budget_bani >= 0),
    capacity              INTEGER NOT NULL CHECK (capacity > 0),
    registration_deadline TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','held','cancelled')),
    description           TEXT NOT NULL DEFAULT '',
    -- The staff's evaluation after the event.
    evaluation            TEXT NOT NULL DEFAULT '',
    sort_title            TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
) STRICT;
CREATE INDEX events_starts ON events(starts_on);
CREATE INDEX events_organiser ON events(organiser_id);

CREATE TABLE event_co_organisers (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    PRIMARY KEY (event_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX event_co_organisers_partner ON event_co_organisers(partner_id, event_id);

CREATE TABLE event_sectors (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sector   TEXT NOT NULL,
    PRIMARY KEY (event_id, sector)
) STRICT, WITHOUT ROWID;

-- Brokerage: bilateral meetings between two registrations of the same event. A person (and an
-- organisation) is in at most one meeting per slot; the core checks it, as it needs the
-- organisation of each side.
CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    requester_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    invitee_id   INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    slot         TEXT,
    table_label  TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','held','not_held')),
    outcome      TEXT NOT NULL DEFAULT 'none' CHECK (outcome IN ('none','follow_up','agreement')),
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (requester_id <> invitee_id),
    CHECK (status = 'held' OR outcome = 'none')
) STRICT;
CREATE INDEX meetings_event ON meetings(event_id, slot);
CREATE INDEX meetings_requester ON meetings(requester_id);
CREATE INDEX meetings_invitee ON meetings(invitee_id);

-- The registrations of an event go with it (the offering has no foreign key of its own); their
-- meetings follow by cascade.
CREATE TRIGGER events_delete_registrations AFTER DELETE ON events
BEGIN
    DELETE FROM registrations WHERE offering_kind = 'event' AND offering_id = OLD.id;
END;
