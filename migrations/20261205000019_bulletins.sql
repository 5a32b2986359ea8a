-- Bulletins sent to the contacts who consented, through an outbox in this file.

-- A contact's preferred language (the bulletin edition they get) and their unsubscription, with
-- its date and how it reached the association (a reply, a phone call, a letter).
ALTER TABLE contacts ADD COLUMN language TEXT NOT NULL DEFAULT 'ro' CHECK (language IN ('ro', 'en'));
ALTER TABLE contacts ADD COLUMN unsubscribed_on TEXT;
ALTER TABLE contacts ADD COLUMN unsubscribe_source TEXT NOT NULL DEFAULT '';

-- A bulletin: its texts in both languages, the calls and regulations it presents, whether it
-- lists the events and trainings of the next `events_days` days, and its audience (a JSON
-- filter, see crates/core/src/bulletins). Queued, it is frozen: its editions are rendered once and
-- its messages wait in the outbox.
CREATE TABLE bulletins (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    subject_ro  TEXT NOT NULL DEFAULT '',
    subject_en  TEXT NOT NULL DEFAULT '',
    intro_ro    TEXT NOT NULL DEFAULT '',
    intro_en    TEXT NOT NULL DEFAULT '',
    closing_ro  TEXT NOT NULL DEFAULT '',
    closing_en  TEXT NOT NULL DEFAULT '',
    events_days INTEGER NOT NULL DEFAULT 0 CHECK (events_days BETWEEN 0 AND 365),
    audience    TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'queued')),
    queued_at   TEXT,
    -- Why the last sending run stopped (the server's answer), empty when it did not.
    send_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE bulletin_calls (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
    call_id     INTEGER NOT NULL REFERENCES funding_calls(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bulletin_id, call_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX bulletin_calls_call ON bulletin_calls(call_id);

CREATE TABLE bulletin_regulations (
    bulletin_id   INTEGER NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
    regulation_id INTEGER NOT NULL REFERENCES regulations(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bulletin_id, regulation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX bulletin_regulations_regulation ON bulletin_regulations(regulation_id);

-- What a queued bulletin says in each language, rendered once when it was queued; each message
-- adds only its greeting and unsubscribe line.
CREATE TABLE bulletin_editions (
    bulletin_id INTEGER NOT NULL REFERENCES bulletins(id) ON DELETE CASCADE,
    language    TEXT NOT NULL CHECK (language IN ('ro', 'en')),
    subject     TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    PRIMARY KEY (bulletin_id, language)
) STRICT, WITHOUT ROWID;

-- The outbox: one message per recipient. `claimed_at` is set just before the message is handed
-- to the server and cleared with the outcome, so that a message found claimed after a crash is
-- known to have been in flight (it is sent again, with the same Message-ID).
CREATE TABLE bulletin_messages (
    id              INTEGER PRIMARY KEY,
    bulletin_id     INTEGER NOT NULL REFERENCES bulletins(id),
    contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    cluster_id      INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
    recipient_name  TEXT NOT NULL,
    address         TEXT NOT NULL,
    language        TEXT NOT NULL CHECK (language IN ('ro', 'en')),
    message_id      TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    claimed_at      TEXT,
    interrupted     INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (bulletin_id, contact_id)
) STRICT;
CREATE INDEX bulletin_messages_state ON bulletin_messages(state, bulletin_id);
CREATE INDEX bulletin_messages_contact ON bulletin_messages(contact_id);
CREATE INDEX bulletin_messages_cluster ON bulletin_messages(cluster_id);
