-- clinicflow schema, SQLite. Times are UTC text in one fixed width
-- (2006-01-02T15:04:05.000000Z) so that they sort as they read; dates are
-- YYYY-MM-DD text. Vital-sign decimals are whole counts of their smallest
-- unit: a column named x_e2 holds x times 100.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    username         TEXT NOT NULL UNIQUE,
    password_hash    TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    first_name       TEXT NOT NULL DEFAULT '',
    last_name        TEXT NOT NULL DEFAULT '',
    is_staff         BOOLEAN NOT NULL DEFAULT FALSE,
    is_superuser     BOOLEAN NOT NULL DEFAULT FALSE,
    is_active        BOOLEAN NOT NULL DEFAULT TRUE,
    token_generation INTEGER NOT NULL DEFAULT 0,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'doctor', 'nurse')),
    phone            TEXT NOT NULL DEFAULT '',
    specialization   TEXT NOT NULL DEFAULT '',
    license_number   TEXT NOT NULL DEFAULT '',
    department       TEXT NOT NULL DEFAULT '',
    hire_date        TEXT,
    display_name     TEXT NOT NULL DEFAULT '',
    bio              TEXT NOT NULL DEFAULT '',
    clinic_address   TEXT NOT NULL DEFAULT '',
    date_joined      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE revoked_tokens (
    jti        TEXT PRIMARY KEY,
    expires_at TEXT NOT NULL
);

CREATE TABLE patients (
    id             INTEGER PRIMARY KEY,
    patient_code   TEXT NOT NULL DEFAULT '',
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    sex            TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    date_of_birth  TEXT NOT NULL,
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    first_name_key TEXT NOT NULL DEFAULT '',
    last_name_key  TEXT NOT NULL DEFAULT '',
    search_text    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX patients_by_name ON patients (last_name_key, first_name_key, id);
CREATE INDEX patients_by_created ON patients (created_at);

CREATE TABLE visits (
    id                        INTEGER PRIMARY KEY,
    patient_id                INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    visit_date                TEXT NOT NULL,
    visit_type                TEXT NOT NULL DEFAULT 'CONSULTATION',
    chief_complaint           TEXT NOT NULL DEFAULT '',
    medical_history           TEXT NOT NULL DEFAULT '',
    history_of_present_illness TEXT NOT NULL DEFAULT '',
    physical_exam             TEXT NOT NULL DEFAULT '',
    complementary_exam        TEXT NOT NULL DEFAULT '',
    assessment                TEXT NOT NULL DEFAULT '',
    plan                      TEXT NOT NULL DEFAULT '',
    treatment                 TEXT NOT NULL DEFAULT '',
    notes                     TEXT NOT NULL DEFAULT '',
    created_by                INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL
);
CREATE INDEX visits_by_patient ON visits (patient_id, visit_date);
CREATE INDEX visits_by_date ON visits (visit_date);

CREATE TABLE vital_signs (
    id                       INTEGER PRIMARY KEY,
    visit_id                 INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    measured_at              TEXT NOT NULL,
    weight_kg_e2             INTEGER,
    height_cm_e2             INTEGER,
    temperature_c_e1         INTEGER,
    bp_systolic              INTEGER,
    bp_diastolic             INTEGER,
    heart_rate_bpm           INTEGER,
    respiratory_rate_rpm     INTEGER,
    oxygen_saturation_pct    INTEGER,
    head_circumference_cm_e1 INTEGER,
    notes                    TEXT NOT NULL DEFAULT '',
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
CREATE INDEX vital_signs_by_visit ON vital_signs (visit_id, measured_at);

CREATE TABLE audit_events (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER,
    username    TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    resource    TEXT NOT NULL,
    resource_id TEXT NOT NULL DEFAULT '',
    patient_id  INTEGER,
    remote_addr TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL,
    status      INTEGER NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_events_by_patient ON audit_events (patient_id, id);
CREATE INDEX audit_events_by_user ON audit_events (user_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
