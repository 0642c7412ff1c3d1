package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"clinicflow/clinic"
)

// Prescription returns a prescription with its lines (each with its
// medication), its patient and its visit.
func (s *Store) Prescription(ctx context.Context, id int64) (*clinic.Prescription, error) {
	c := s.conn()
	var p clinic.Prescription
	var visit, template, prescriber sql.NullInt64
	err := c.queryRow(ctx, `SELECT id, patient_id, visit_id, template_id, prescriber_id, notes,
		created_at, updated_at FROM prescriptions WHERE id = ?`, id).Scan(&p.ID, &p.PatientID,
		&visit, &template, &prescriber, &p.Notes, ts{&p.CreatedAt}, ts{&p.UpdatedAt})
	if err != nil {
		return nil, fmt.Errorf("store: prescription %d: %w", id, mapErr(err))
	}
	p.VisitID, p.TemplateUsed, p.PrescriberID = nullable(visit), nullable(template), prescriber.Int64
	if p.Items, err = prescriptionItems.load(ctx, c, id); err != nil {
		return nil, err
	}
	if p.Patient, err = s.Patient(ctx, p.PatientID); err != nil {
		return nil, fmt.Errorf("store: prescription %d: %w", id, err)
	}
	if p.VisitID != nil {
		if p.Visit, err = s.Visit(ctx, *p.VisitID); err != nil {
			return nil, fmt.Errorf("store: prescription %d: %w", id, err)
		}
	}
	return &p, nil
}

// nullable turns a NULL id into nil.
func nullable(n sql.NullInt64) *int64 {
	if !n.Valid {
		return nil
	}
	return &n.Int64
}

// PrescriptionFilter chooses which prescriptions a list shows; zero fields
// do not filter.
type PrescriptionFilter struct {
	PatientID int64
	VisitID   int64
}

func (f PrescriptionFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "rx.patient_id = ?"), append(args, f.PatientID)
	}
	if f.VisitID != 0 {
		conds, args = append(conds, "rx.visit_id = ?"), append(args, f.VisitID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountPrescriptions returns how many prescriptions the filter keeps.
func (s *Store) CountPrescriptions(ctx context.Context, f PrescriptionFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM prescriptions rx"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count prescriptions: %w", err)
	}
	return n, nil
}

// ListPrescriptions returns one page of summaries, newest first.
func (s *Store) ListPrescriptions(ctx context.Context, f PrescriptionFilter, limit, offset int) ([]clinic.PrescriptionSummary, error) {
	where, args := f.where()
	rows, err := s.conn().query(ctx, `SELECT rx.id, rx.visit_id, rx.patient_id, p.first_name,
		p.last_name, rx.created_at, rx.updated_at FROM prescriptions rx
		JOIN patients p ON p.id = rx.patient_id`+where+
		" ORDER BY rx.created_at DESC, rx.id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list prescriptions: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.PrescriptionSummary, 0, limit)
	for rows.Next() {
		var r clinic.PrescriptionSummary
		var first, last string
		if err := rows.Scan(&r.ID, &r.VisitID, &r.PatientID, &first, &last, ts{&r.CreatedAt},
			ts{&r.UpdatedAt}); err != nil {
			return nil, fmt.Errorf("store: list prescriptions: %w", err)
		}
		r.PatientName = first + " " + last
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreatePrescription adds a prescription with its lines and records ev.
func (s *Store) CreatePrescription(ctx context.Context, p *clinic.Prescription, ev *clinic.AuditEvent) error {
	now := s.Now()
	p.CreatedAt, p.UpdatedAt = now, now
	return s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO prescriptions (patient_id, visit_id, template_id,
			prescriber_id, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.PatientID, p.VisitID, p.TemplateUsed, nullID(p.PrescriberID), p.Notes, tv(now), tv(now),
		).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("store: create prescription: %w", mapErr(err))
		}
		if err := prescriptionItems.replace(ctx, c, p.ID, p.Items); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, p.ID, p.PatientID)
	})
}

// UpdatePrescription saves p, replacing all its lines when items is true,
// in one transaction, and records ev. The prescriber stays who wrote it.
func (s *Store) UpdatePrescription(ctx context.Context, p *clinic.Prescription, items bool, ev *clinic.AuditEvent) error {
	p.UpdatedAt = s.Now()
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE prescriptions SET patient_id = ?, visit_id = ?,
			template_id = ?, notes = ?, updated_at = ? WHERE id = ?`,
			p.PatientID, p.VisitID, p.TemplateUsed, p.Notes, tv(p.UpdatedAt), p.ID)
		if err := affectedOne(res, err, "update prescription", p.ID); err != nil {
			return err
		}
		if items {
			if err := prescriptionItems.replace(ctx, c, p.ID, p.Items); err != nil {
				return err
			}
		}
		return auditChange(ctx, c, ev, p.ID, p.PatientID)
	})
}

// DeletePrescription removes a prescription and its lines and records ev.
func (s *Store) DeletePrescription(ctx context.Context, id int64, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		var patientID int64
		if err := c.queryRow(ctx, "SELECT patient_id FROM prescriptions WHERE id = ?", id).Scan(&patientID); err != nil {
			return fmt.Errorf("store: delete prescription %d: %w", id, mapErr(err))
		}
		if _, err := c.exec(ctx, "DELETE FROM prescriptions WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete prescription %d: %w", id, mapErr(err))
		}
		return auditChange(ctx, c, ev, id, patientID)
	})
}
