package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"clinicflow/clinic"
)

const visitSelect = `SELECT v.id, v.patient_id, p.first_name, p.last_name, v.visit_date,
	v.visit_type, v.chief_complaint, v.medical_history, v.history_of_present_illness,
	v.physical_exam, v.complementary_exam, v.assessment, v.plan, v.treatment, v.notes,
	v.created_by, v.created_at, v.updated_at
	FROM visits v JOIN patients p ON p.id = v.patient_id`

func scanVisit(row scanner) (*clinic.Visit, error) {
	var v clinic.Visit
	var first, last string
	var createdBy sql.NullInt64
	err := row.Scan(&v.ID, &v.PatientID, &first, &last, ts{&v.VisitDate}, &v.VisitType,
		&v.ChiefComplaint, &v.MedicalHistory, &v.HistoryOfPresentIllness, &v.PhysicalExam,
		&v.ComplementaryExam, &v.Assessment, &v.Plan, &v.Treatment, &v.Notes, &createdBy,
		ts{&v.CreatedAt}, ts{&v.UpdatedAt})
	if err != nil {
		return nil, mapErr(err)
	}
	v.PatientName = first + " " + last
	v.CreatedBy = createdBy.Int64
	v.VitalSigns = []clinic.VitalSigns{}
	return &v, nil
}

// Visit returns the visit with the given id and its vital signs, newest
// first.
func (s *Store) Visit(ctx context.Context, id int64) (*clinic.Visit, error) {
	c := s.conn()
	v, err := scanVisit(c.queryRow(ctx, visitSelect+" WHERE v.id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("store: visit %d: %w", id, err)
	}
	visits := []clinic.Visit{*v}
	if err := attachVitals(ctx, c, visits); err != nil {
		return nil, err
	}
	return &visits[0], nil
}

// VisitFilter chooses which visits a list shows; zero fields do not filter.
type VisitFilter struct {
	PatientID int64
	// Terms are folded search terms, each found in the patient's first or
	// last name or the chief complaint.
	Terms []string
}

func (f VisitFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "v.patient_id = ?"), append(args, f.PatientID)
	}
	for _, t := range f.Terms {
		like := "%" + escapeLike(t) + "%"
		conds = append(conds, `(p.first_name_key LIKE ? ESCAPE '\' OR p.last_name_key LIKE ? ESCAPE '\'
			OR v.complaint_key LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountVisits returns how many visits the filter keeps.
func (s *Store) CountVisits(ctx context.Context, f VisitFilter) (int, error) {
	where, args := f.where()
	var n int
	err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM visits v JOIN patients p ON p.id = v.patient_id"+where,
		args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count visits: %w", err)
	}
	return n, nil
}

// ListVisits returns one page of the visits the filter keeps, newest first,
// each with its vital signs: two queries whatever the page size.
func (s *Store) ListVisits(ctx context.Context, f VisitFilter, limit, offset int) ([]clinic.Visit, error) {
	where, args := f.where()
	c := s.conn()
	rows, err := c.query(ctx, visitSelect+where+" ORDER BY v.visit_date DESC, v.id DESC LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list visits: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.Visit, 0, limit)
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list visits: %w", err)
		}
		out = append(out, *v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list visits: %w", err)
	}
	rows.Close()
	if err := attachVitals(ctx, c, out); err != nil {
		return nil, err
	}
	return out, nil
}

// attachVitals loads the vital signs of the visits in one query.
func attachVitals(ctx context.Context, c conn, visits []clinic.Visit) error {
	if len(visits) == 0 {
		return nil
	}
	ids := make([]any, len(visits))
	at := make(map[int64]int, len(visits))
	for i, v := range visits {
		ids[i] = v.ID
		at[v.ID] = i
	}
	rows, err := c.query(ctx, vitalsSelect+" WHERE vs.visit_id IN ("+placeholders(len(ids))+
		") ORDER BY vs.measured_at DESC, vs.id DESC", ids...)
	if err != nil {
		return fmt.Errorf("store: vital signs of visits: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		vs, err := scanVitals(rows)
		if err != nil {
			return fmt.Errorf("store: vital signs of visits: %w", err)
		}
		i := at[vs.VisitID]
		visits[i].VitalSigns = append(visits[i].VitalSigns, *vs)
	}
	return rows.Err()
}

// CreateVisit adds a visit and records ev; ErrReference when the patient
// does not exist.
func (s *Store) CreateVisit(ctx context.Context, v *clinic.Visit, ev *clinic.AuditEvent) error {
	now := s.Now()
	v.CreatedAt, v.UpdatedAt = now, now
	return s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO visits (patient_id, visit_date, visit_type,
			chief_complaint, medical_history, history_of_present_illness, physical_exam,
			complementary_exam, assessment, plan, treatment, notes, created_by, created_at,
			updated_at, complaint_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			v.PatientID, tv(v.VisitDate), v.VisitType, v.ChiefComplaint, v.MedicalHistory,
			v.HistoryOfPresentIllness, v.PhysicalExam, v.ComplementaryExam, v.Assessment,
			v.Plan, v.Treatment, v.Notes, nullID(v.CreatedBy), tv(now), tv(now),
			clinic.Fold(v.ChiefComplaint)).Scan(&v.ID)
		if err != nil {
			return fmt.Errorf("store: create visit: %w", mapErr(err))
		}
		return auditChange(ctx, c, ev, v.ID, v.PatientID)
	})
}

// UpdateVisit saves the writable fields of v and records ev.
func (s *Store) UpdateVisit(ctx context.Context, v *clinic.Visit, ev *clinic.AuditEvent) error {
	v.UpdatedAt = s.Now()
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE visits SET patient_id = ?, visit_date = ?,
			visit_type = ?, chief_complaint = ?, medical_history = ?,
			history_of_present_illness = ?, physical_exam = ?, complementary_exam = ?,
			assessment = ?, plan = ?, treatment = ?, notes = ?, updated_at = ?,
			complaint_key = ? WHERE id = ?`,
			v.PatientID, tv(v.VisitDate), v.VisitType, v.ChiefComplaint, v.MedicalHistory,
			v.HistoryOfPresentIllness, v.PhysicalExam, v.ComplementaryExam, v.Assessment,
			v.Plan, v.Treatment, v.Notes, tv(v.UpdatedAt), clinic.Fold(v.ChiefComplaint), v.ID)
		if err := affectedOne(res, err, "update visit", v.ID); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, v.ID, v.PatientID)
	})
}

// DeleteVisit removes a visit and its vital signs and records ev. What
// pointed at it (prescriptions, appointments) stays, pointing at nothing.
func (s *Store) DeleteVisit(ctx context.Context, id int64, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		var patientID int64
		if err := c.queryRow(ctx, "SELECT patient_id FROM visits WHERE id = ?", id).Scan(&patientID); err != nil {
			return fmt.Errorf("store: delete visit %d: %w", id, mapErr(err))
		}
		if _, err := c.exec(ctx, "DELETE FROM visits WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete visit %d: %w", id, mapErr(err))
		}
		return auditChange(ctx, c, ev, id, patientID)
	})
}

// nullID is an optional reference as a query argument: NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
