-- Services to members on record: requests and consulting, introductions between clusters (network
-- formation), joint projects, representation (consultations and positions). Dates are ISO
-- 'YYYY-MM-DD' text; time spent is whole minutes (a sum of hours stays exact); amounts are whole
-- minor units (bani, euro cents) of the currency named beside them; an exchange rate is RON per EUR
-- in ten-thousandths (BNR publishes four decimals: 4,9763 is 49763).
--
-- A person named here is a contact where one exists (ON DELETE SET NULL, so that an erasure keeps
-- the record and loses the person), with a copy of the name for history and for people who are
-- not contacts (a group founding a cluster).

-- ---------------------------------------------------------------------------------------------
-- Requests and consulting.

-- A request from a member cluster, or from a group founding one (cluster_id NULL, group_name set).
CREATE TABLE service_requests (
    id             INTEGER PRIMARY KEY,
    cluster_id     INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
    group_name     TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL CHECK (topic IN ('founding','governance','strategy','funding','internationalisation','digitalisation','other')),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    contact_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    requester_name TEXT NOT NULL DEFAULT '',
    received_on    TEXT NOT NULL,
    -- The staff member in charge (a staff profile's name).
    owner          TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','in_progress','waiting','done','dropped')),
    due_on         TEXT,
    -- Set when the request is done or dropped, cleared when it is reopened.
    closed_on      TEXT,
    outcome        TEXT NOT NULL DEFAULT '',
    sort_title     TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (cluster_id IS NOT NULL OR group_name <> ''),
    CHECK (due_on IS NULL OR due_on >= received_on),
    CHECK (closed_on IS NULL OR closed_on >= received_on),
    CHECK ((status IN ('done','dropped')) = (closed_on IS NOT NULL))
) STRICT;
CREATE INDEX service_requests_cluster ON service_requests(cluster_id, received_on);
CREATE INDEX service_requests_owner ON service_requests(owner, status);
CREATE INDEX service_requests_status ON service_requests(status, due_on);
CREATE INDEX service_requests_received ON service_requests(received_on);
CREATE INDEX service_requests_contact ON service_requests(contact_id) WHERE contact_id IS NOT NULL;

-- Time spent on a request: one person, one day, one kind of work.
CREATE TABLE service_activities (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES service_requests(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('meeting','call','visit','written_advice','document_review')),
    done_on    TEXT NOT NULL,
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1440),
    staff      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX service_activities_request ON service_activities(request_id, done_on);
-- The 24-hours-a-day rule sums a person's day.
CREATE INDEX service_activities_staff_day ON service_activities(staff, done_on);
CREATE INDEX service_activities_day ON service_activities(done_on);

-- Where an activity's documents are kept. Paths are text for people to follow; never opened.
CREATE TABLE service_activity_files (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL REFERENCES service_activities(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX service_activity_files_activity ON service_activity_files(activity_id);

CREATE TABLE service_follow_ups (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES service_requests(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    owner      TEXT NOT NULL,
    done_on    TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX service_follow_ups_request ON service_follow_ups(request_id, due_on);
CREATE INDEX service_follow_ups_open ON service_follow_ups(due_on) WHERE done_on IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Joint projects.

CREATE TABLE projects (
    id             INTEGER PRIMARY KEY,
    acronym        TEXT NOT NULL,
    title          TEXT NOT NULL,
    programme      TEXT NOT NULL CHECK (programme IN ('interreg','horizon_europe','single_market','cosme','national','other')),
    call           TEXT NOT NULL DEFAULT '',
    -- The association's role.
    role           TEXT NOT NULL CHECK (role IN ('lead','partner','associate')),
    status         TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea','submitted','funded','rejected','running','closed')),
    submitted_on   TEXT,
    starts_on      TEXT,
    ends_on        TEXT,
    -- The currency the amounts were given in, and the BNR rate (RON per EUR, ten-thousandths) of
    -- rate_on that converts them to the other.
    currency       TEXT NOT NULL DEFAULT 'eur' CHECK (currency IN ('eur','ron')),
    budget_total   INTEGER NOT NULL DEFAULT 0 CHECK (budget_total >= 0),
    own_share      INTEGER NOT NULL DEFAULT 0 CHECK (own_share >= 0),
    eur_rate       INTEGER CHECK (eur_rate > 0),
    rate_on        TEXT,
    description    TEXT NOT NULL DEFAULT '',
    sort_acronym   TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    CHECK ((eur_rate IS NULL) = (rate_on IS NULL))
) STRICT;
CREATE INDEX projects_status ON projects(status, starts_on);

CREATE TABLE project_partners (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    partner_id INTEGER NOT NULL REFERENCES partners(id),
    role       TEXT NOT NULL CHECK (role IN ('lead','partner','associate')),
    share      INTEGER NOT NULL DEFAULT 0 CHECK (share >= 0),
    PRIMARY KEY (project_id, partner_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_partners_partner ON project_partners(partner_id, project_id);

CREATE TABLE project_clusters (
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    share      INTEGER NOT NULL DEFAULT 0 CHECK (share >= 0),
    PRIMARY KEY (project_id, cluster_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX project_clusters_cluster ON project_clusters(cluster_id, project_id);

CREATE TABLE project_milestones (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('milestone','deliverable')),
    title      TEXT NOT NULL,
    due_on     TEXT NOT NULL,
    done_on    TEXT,
    position   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX project_milestones_project ON project_milestones(project_id, position);
CREATE INDEX project_milestones_open ON project_milestones(due_on) WHERE done_on IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Network formation: introductions between a member cluster (or one of its organisations) and
-- another member cluster (or organisation), or a partner abroad.

CREATE TABLE introductions (
    id                INTEGER PRIMARY KEY,
    a_cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    a_organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    a_contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    b_cluster_id      INTEGER REFERENCES clusters(id) ON DELETE CASCADE,
    b_organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    b_contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    b_partner_id      INTEGER REFERENCES partners(id),
    introduced_on     TEXT NOT NULL,
    -- The staff member who made the introduction.
    introduced_by     TEXT NOT NULL,
    -- Why: the suggestion's reasons as staff kept them, or their own words.
    reason            TEXT NOT NULL DEFAULT '',
    outcome           TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','met','joint_project','nothing')),
    outcome_on        TEXT,
    project_id        INTEGER REFERENCES projects(id) ON DELETE SET NULL,
    notes             TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK ((b_cluster_id IS NULL) <> (b_partner_id IS NULL)),
    CHECK (b_cluster_id IS NULL OR b_cluster_id <> a_cluster_id),
    CHECK (outcome_on IS NULL OR outcome_on >= introduced_on),
    CHECK ((outcome = 'pending') = (outcome_on IS NULL))
) STRICT;
CREATE INDEX introductions_a ON introductions(a_cluster_id, introduced_on);
CREATE INDEX introductions_b ON introductions(b_cluster_id, introduced_on) WHERE b_cluster_id IS NOT NULL;
CREATE INDEX introductions_partner ON introductions(b_partner_id) WHERE b_partner_id IS NOT NULL;
CREATE INDEX introductions_day ON introductions(introduced_on);
CREATE INDEX introductions_a_contact ON introductions(a_contact_id) WHERE a_contact_id IS NOT NULL;
CREATE INDEX introductions_b_contact ON introductions(b_contact_id) WHERE b_contact_id IS NOT NULL;

-- Suggestions match organisations on their CAEN class.
CREATE INDEX organisations_caen ON organisations(caen_code, caen_revision) WHERE caen_code IS NOT NULL;

-- ---------------------------------------------------------------------------------------------
-- Representation: consultations by public bodies, the members asked, the position sent.

CREATE TABLE consultations (
    id               INTEGER PRIMARY KEY,
    body             TEXT NOT NULL CHECK (body IN ('government','ministry','parliament','european_commission','managing_authority','other')),
    -- The body as it names itself ("Ministerul Economiei, Digitalizării, Antreprenoriatului și Turismului").
    body_name        TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL,
    opened_on        TEXT NOT NULL,
    deadline_on      TEXT,
    position_sent_on TEXT,
    position_path    TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','adopted','partly_adopted','not_adopted','no_answer')),
    outcome_notes    TEXT NOT NULL DEFAULT '',
    -- The staff member who follows it.
    owner            TEXT NOT NULL,
    sort_title       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (deadline_on IS NULL OR deadline_on >= opened_on),
    CHECK (position_sent_on IS NULL OR position_sent_on >= opened_on),
    CHECK (outcome = 'pending' OR position_sent_on IS NOT NULL)
) STRICT;
CREATE INDEX consultations_opened ON consultations(opened_on);
CREATE INDEX consultations_sent ON consultations(position_sent_on) WHERE position_sent_on IS NOT NULL;

-- The members asked, and what they said.
CREATE TABLE consultation_members (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
    cluster_id      INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    person_name     TEXT NOT NULL DEFAULT '',
    asked_on        TEXT NOT NULL,
    answered_on     TEXT,
    response        TEXT NOT NULL DEFAULT '',
    UNIQUE (consultation_id, cluster_id),
    CHECK (answered_on IS NULL OR answered_on >= asked_on)
) STRICT;
CREATE INDEX consultation_members_cluster ON consultation_members(cluster_id, asked_on);
CREATE INDEX consultation_members_contact ON consultation_members(contact_id) WHERE contact_id IS NOT NULL;
