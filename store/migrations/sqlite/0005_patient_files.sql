-- Patient files: documents kept in a patient's record, their bytes in the
-- database itself, so that one backup holds everything. Times are UTC text
-- in the fixed width of 0001. The bytes come last in each row: a list that
-- does not ask for them never reads their pages.

CREATE TABLE patient_files (
    id                INTEGER PRIMARY KEY,
    patient_id        INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    original_filename TEXT NOT NULL,
    file_size         INTEGER NOT NULL CHECK (file_size >= 0),
    file_type         TEXT NOT NULL,
    category          TEXT NOT NULL DEFAULT 'other'
        CHECK (category IN ('lab_result', 'imaging', 'prescription', 'consent', 'insurance', 'other')),
    description       TEXT NOT NULL DEFAULT '',
    uploaded_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    uploaded_at       TEXT NOT NULL,
    content           BLOB NOT NULL
);
CREATE INDEX patient_files_by_patient ON patient_files (patient_id, uploaded_at, id);
CREATE INDEX patient_files_by_uploader ON patient_files (uploaded_by);
