package store

import (
	"context"
	"database/sql"
	"fmt"

	"clinicflow/clinic"
)

// fileColumns are a patient file's fields with its uploader's names: never
// its bytes, which only PatientFileContent reads.
const fileColumns = `SELECT f.id, f.patient_id, f.original_filename, f.file_size,
	f.file_type, f.category, f.description, f.uploaded_by, u.username,
	u.first_name, u.last_name, f.uploaded_at`

const fileFrom = ` FROM patient_files f LEFT JOIN users u ON u.id = f.uploaded_by`

// scanFile reads fileColumns, then whatever more the query selected into
// extra.
func scanFile(row scanner, extra ...any) (*clinic.PatientFile, error) {
	var f clinic.PatientFile
	var username, first, last sql.NullString
	dest := []any{&f.ID, &f.PatientID, &f.OriginalFilename, &f.Size, &f.Type,
		&f.Category, &f.Description, &f.UploadedBy, &username, &first, &last,
		ts{&f.UploadedAt}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, mapErr(err)
	}
	if f.UploadedBy != nil {
		u := clinic.User{Username: username.String, FirstName: first.String,
			LastName: last.String}
		f.UploadedByName = u.FullName()
	}
	return &f, nil
}

// PatientFile returns the file with the given id, without its bytes;
// ErrNotFound unless it belongs to the patient.
func (s *Store) PatientFile(ctx context.Context, patientID, id int64) (
	*clinic.PatientFile, error) {
	f, err := loadFile(ctx, s.conn(), patientID, id)
	if err != nil {
		return nil, fmt.Errorf("store: file %d of patient %d: %w", id, patientID, err)
	}
	return f, nil
}

func loadFile(ctx context.Context, c conn, patientID, id int64) (*clinic.PatientFile, error) {
	return scanFile(c.queryRow(ctx, fileColumns+fileFrom+
		" WHERE f.id = ? AND f.patient_id = ?", id, patientID))
}

// PatientFileContent returns the file with the given id and its bytes;
// ErrNotFound unless it belongs to the patient.
func (s *Store) PatientFileContent(ctx context.Context, patientID, id int64) (
	*clinic.PatientFile, []byte, error) {
	var content []byte
	row := s.conn().queryRow(ctx, fileColumns+", f.content"+fileFrom+
		" WHERE f.id = ? AND f.patient_id = ?", id, patientID)
	f, err := scanFile(row, &content)
	if err != nil {
		return nil, nil, fmt.Errorf("store: content of file %d of patient %d: %w",
			id, patientID, err)
	}
	return f, content, nil
}

// CountPatientFiles returns how many files the patient has; ErrNotFound
// when the patient does not exist.
func (s *Store) CountPatientFiles(ctx context.Context, patientID int64) (int, error) {
	var n int
	err := s.conn().queryRow(ctx, `SELECT (SELECT COUNT(*) FROM patient_files f
		WHERE f.patient_id = p.id) FROM patients p WHERE p.id = ?`, patientID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count files of patient %d: %w",
			patientID, mapErr(err))
	}
	return n, nil
}

// ListPatientFiles returns one page of the patient's files, newest first,
// without their bytes, in one query.
func (s *Store) ListPatientFiles(ctx context.Context, patientID int64,
	limit, offset int) ([]clinic.PatientFile, error) {
	rows, err := s.conn().query(ctx, fileColumns+fileFrom+` WHERE f.patient_id = ?
		ORDER BY f.uploaded_at DESC, f.id DESC LIMIT ? OFFSET ?`,
		patientID, limit, offset)
	if err != nil {
		return nil, fmt.Errorf("store: list files of patient %d: %w", patientID, err)
	}
	defer rows.Close()
	out := make([]clinic.PatientFile, 0, min(limit, 100))
	for rows.Next() {
		f, err := scanFile(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list files of patient %d: %w", patientID, err)
		}
		out = append(out, *f)
	}
	return out, rows.Err()
}

// CreatePatientFile keeps f with its bytes, sets its id, upload time and
// uploader's name, and records ev in the same transaction; ErrNotFound
// when the patient does not exist.
func (s *Store) CreatePatientFile(ctx context.Context, f *clinic.PatientFile,
	content []byte, ev *clinic.AuditEvent) error {
	f.UploadedAt = s.Now()
	f.Size = int64(len(content))
	return s.tx(ctx, func(c conn) error {
		var one int
		err := c.queryRow(ctx, "SELECT 1 FROM patients WHERE id = ?", f.PatientID).
			Scan(&one)
		if err != nil {
			return fmt.Errorf("store: create file of patient %d: %w",
				f.PatientID, mapErr(err))
		}
		var id int64
		err = c.queryRow(ctx, `INSERT INTO patient_files (patient_id, original_filename,
			file_size, file_type, category, description, uploaded_by, uploaded_at, content)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			f.PatientID, f.OriginalFilename, f.Size, f.Type, f.Category, f.Description,
			f.UploadedBy, tv(f.UploadedAt), content).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: create file of patient %d: %w",
				f.PatientID, mapErr(err))
		}
		saved, err := loadFile(ctx, c, f.PatientID, id)
		if err != nil {
			return fmt.Errorf("store: create file %d of patient %d: %w",
				id, f.PatientID, err)
		}
		*f = *saved
		return auditChange(ctx, c, ev, f.ID, f.PatientID)
	})
}

// UpdatePatientFile saves f's category and description, its only writable
// fields, and records ev; ErrNotFound unless the file belongs to
// f.PatientID.
func (s *Store) UpdatePatientFile(ctx context.Context, f *clinic.PatientFile,
	ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE patient_files
			SET category = ?, description = ? WHERE id = ? AND patient_id = ?`,
			f.Category, f.Description, f.ID, f.PatientID)
		if err := affectedOne(res, err, "update file", f.ID); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, f.ID, f.PatientID)
	})
}

// DeletePatientFile removes a file and its bytes and records ev;
// ErrNotFound unless the file belongs to the patient.
func (s *Store) DeletePatientFile(ctx context.Context, patientID, id int64,
	ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx,
			"DELETE FROM patient_files WHERE id = ? AND patient_id = ?", id, patientID)
		if err := affectedOne(res, err, "delete file", id); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, id, patientID)
	})
}
