-- Medications, prescription templates and prescriptions. Item lines keep
-- their order in a position column.

CREATE TABLE medications (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    form        TEXT NOT NULL DEFAULT '',
    strength    TEXT NOT NULL DEFAULT '',
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    name_key    TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX medications_by_name ON medications (is_active, name_key, id);

CREATE TABLE prescription_templates (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    name_fr        TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL DEFAULT '',
    description_fr TEXT NOT NULL DEFAULT '',
    is_active      BOOLEAN NOT NULL DEFAULT TRUE,
    name_key       TEXT NOT NULL DEFAULT '',
    search_text    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX prescription_templates_by_name ON prescription_templates (name_key, id);

CREATE TABLE template_items (
    id            INTEGER PRIMARY KEY,
    template_id   INTEGER NOT NULL REFERENCES prescription_templates (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    medication_id INTEGER NOT NULL REFERENCES medications (id),
    dosage        TEXT NOT NULL DEFAULT '',
    route         TEXT NOT NULL DEFAULT '',
    frequency     TEXT NOT NULL DEFAULT '',
    duration      TEXT NOT NULL DEFAULT '',
    instructions  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX template_items_by_template ON template_items (template_id, position);

CREATE TABLE prescriptions (
    id            INTEGER PRIMARY KEY,
    patient_id    INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    visit_id      INTEGER REFERENCES visits (id) ON DELETE SET NULL,
    template_id   INTEGER REFERENCES prescription_templates (id) ON DELETE SET NULL,
    prescriber_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX prescriptions_by_created ON prescriptions (created_at, id);
CREATE INDEX prescriptions_by_patient ON prescriptions (patient_id, created_at);
CREATE INDEX prescriptions_by_visit ON prescriptions (visit_id);

CREATE TABLE prescription_items (
    id                     INTEGER PRIMARY KEY,
    prescription_id        INTEGER NOT NULL REFERENCES prescriptions (id) ON DELETE CASCADE,
    position               INTEGER NOT NULL,
    medication_id          INTEGER NOT NULL REFERENCES medications (id),
    dosage                 TEXT NOT NULL DEFAULT '',
    route                  TEXT NOT NULL DEFAULT '',
    frequency              TEXT NOT NULL DEFAULT '',
    duration               TEXT NOT NULL DEFAULT '',
    instructions           TEXT NOT NULL DEFAULT '',
    allow_outside_purchase BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX prescription_items_by_prescription ON prescription_items (prescription_id, position);
