-- The agenda: appointments, and the days each account says it works.
-- Times are UTC text in the fixed width of 0001; dates YYYY-MM-DD text;
-- times of day HH:MM:SS text.

CREATE TABLE appointments (
    id           INTEGER PRIMARY KEY,
    patient_id   INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    doctor_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    scheduled_at TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'SCHEDULED'
        CHECK (status IN ('SCHEDULED', 'CONFIRMED', 'CANCELLED', 'COMPLETED', 'NO_SHOW')),
    reason       TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    visit_id     INTEGER UNIQUE REFERENCES visits (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX appointments_by_time ON appointments (scheduled_at, id);
CREATE INDEX appointments_by_patient ON appointments (patient_id, scheduled_at);
CREATE INDEX appointments_by_doctor ON appointments (doctor_id);

CREATE TABLE availability (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    slot       TEXT NOT NULL DEFAULT 'full_day'
        CHECK (slot IN ('morning', 'afternoon', 'evening', 'full_day', 'unavailable')),
    start_time TEXT,
    end_time   TEXT,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_id, date)
);
