package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"clinicflow/clinic"
)

// patientSelect reads a patient with its computed fields. Its three
// placeholders all take the current time.
const patientSelect = `SELECT p.id, p.patient_code, p.first_name, p.last_name, p.sex,
	p.date_of_birth, p.phone, p.email, p.address, p.is_active, p.created_by,
	p.created_at, p.updated_at,
	(SELECT MAX(v.visit_date) FROM visits v
		WHERE v.patient_id = p.id AND v.visit_date <= ?) AS last_visit_date,
	(SELECT MIN(v.visit_date) FROM visits v
		WHERE v.patient_id = p.id AND v.visit_date > ?) AS next_visit_date,
	(SELECT vs.weight_kg_e2 FROM vital_signs vs JOIN visits v ON v.id = vs.visit_id
		WHERE v.patient_id = p.id AND vs.weight_kg_e2 IS NOT NULL
		ORDER BY vs.measured_at DESC, vs.id DESC LIMIT 1) AS latest_weight,
	(SELECT v.id FROM visits v WHERE v.patient_id = p.id AND v.visit_date <= ?
		ORDER BY v.visit_date DESC, v.id DESC LIMIT 1) AS last_visit_id
	FROM patients p`

func scanPatient(row scanner) (*clinic.Patient, error) {
	var p clinic.Patient
	var createdBy, weight sql.NullInt64
	err := row.Scan(&p.ID, &p.Code, &p.FirstName, &p.LastName, &p.Sex,
		dateScan{&p.DateOfBirth}, &p.Phone, &p.Email, &p.Address, &p.IsActive,
		&createdBy, ts{&p.CreatedAt}, ts{&p.UpdatedAt},
		nullTS{&p.LastVisitDate}, nullTS{&p.NextVisitDate}, &weight, &p.LastVisitID)
	if err != nil {
		return nil, mapErr(err)
	}
	p.CreatedBy = createdBy.Int64
	if weight.Valid {
		p.LatestWeightKg = &clinic.Number{Decimal: clinic.Decimal{Units: weight.Int64, Places: 2}}
	}
	return &p, nil
}

// Patient returns the patient with the given id, archived or not, with its
// computed fields as of now.
func (s *Store) Patient(ctx context.Context, id int64) (*clinic.Patient, error) {
	now := tv(s.Now())
	row := s.conn().queryRow(ctx, patientSelect+" WHERE p.id = ?", now, now, now, id)
	p, err := scanPatient(row)
	if err != nil {
		return nil, fmt.Errorf("store: patient %d: %w", id, err)
	}
	return p, nil
}

// PatientFilter chooses which patients a list shows.
type PatientFilter struct {
	// Terms are folded search terms; each must be found in one of the
	// patient's searchable fields.
	Terms []string
	// Archived includes archived patients.
	Archived bool
}

func (f PatientFilter) where() (string, []any) {
	var conds []string
	var args []any
	if !f.Archived {
		conds = append(conds, "p.is_active = ?")
		args = append(args, true)
	}
	for _, t := range f.Terms {
		conds = append(conds, `p.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(t)+"%")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// escapeLike makes a search term match itself only.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Order is one key of a list's ordering.
type Order struct {
	Field string
	Desc  bool
}

// orderKey is the SQL of an ordering name, and whether it can be NULL.
type orderKey struct {
	expr     string
	nullable bool
}

// patientOrderings maps the API's ordering names to SQL.
var patientOrderings = map[string]orderKey{
	"last_name":       {expr: "p.last_name_key"},
	"first_name":      {expr: "p.first_name_key"},
	"created_at":      {expr: "p.created_at"},
	"patient_code":    {expr: "p.id"},
	"last_visit_date": {expr: "last_visit_date", nullable: true},
	"next_visit_date": {expr: "next_visit_date", nullable: true},
}

// PatientOrderings lists the fields a patient list can be ordered by.
func PatientOrderings() []string {
	return []string{"last_name", "first_name", "created_at", "patient_code",
		"last_visit_date", "next_visit_date"}
}

// orderBy writes the ORDER BY clause of the known orderings asked for, or
// of fallback when none is known. Only nullable keys say NULLS LAST: on
// the others it would keep SQLite from walking an index in order.
func orderBy(orders []Order, known map[string]orderKey, fallback []Order, tiebreak string) string {
	var keys []string
	for _, o := range orders {
		key, ok := known[o.Field]
		if !ok {
			continue
		}
		k := key.expr + " ASC"
		if o.Desc {
			k = key.expr + " DESC"
		}
		if key.nullable {
			k += " NULLS LAST"
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 && fallback != nil {
		return orderBy(fallback, known, nil, tiebreak)
	}
	return " ORDER BY " + strings.Join(append(keys, tiebreak), ", ")
}

// CountPatients returns how many patients the filter keeps.
func (s *Store) CountPatients(ctx context.Context, f PatientFilter) (int, error) {
	where, args := f.where()
	var n int
	err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM patients p"+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count patients: %w", err)
	}
	return n, nil
}

// ListPatients returns one page of the patients the filter keeps, in the
// given order (last name, then first name, when none is usable), with their
// computed fields: one query whatever the page size.
func (s *Store) ListPatients(ctx context.Context, f PatientFilter, order []Order, limit, offset int) ([]clinic.Patient, error) {
	where, args := f.where()
	now := tv(s.Now())
	sort := orderBy(order, patientOrderings,
		[]Order{{Field: "last_name"}, {Field: "first_name"}}, "p.id ASC")
	query := patientSelect + where + sort + " LIMIT ? OFFSET ?"
	rows, err := s.conn().query(ctx, query, append(append([]any{now, now, now}, args...), limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list patients: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.Patient, 0, limit)
	for rows.Next() {
		p, err := scanPatient(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list patients: %w", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// CreatePatient adds a patient, sets its id, code and times, and records ev
// in the audit trail in the same transaction.
func (s *Store) CreatePatient(ctx context.Context, p *clinic.Patient, ev *clinic.AuditEvent) error {
	now := s.Now()
	p.CreatedAt, p.UpdatedAt = now, now
	return s.tx(ctx, func(c conn) error {
		var createdBy any
		if p.CreatedBy != 0 {
			createdBy = p.CreatedBy
		}
		err := c.queryRow(ctx, `INSERT INTO patients (first_name, last_name, sex,
			date_of_birth, phone, email, address, is_active, created_by, created_at,
			updated_at, first_name_key, last_name_key)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			p.FirstName, p.LastName, p.Sex, dateArg(p.DateOfBirth), p.Phone, p.Email,
			p.Address, p.IsActive, createdBy, tv(now), tv(now),
			clinic.Fold(p.FirstName), clinic.Fold(p.LastName)).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("store: create patient: %w", mapErr(err))
		}
		p.Code = clinic.PatientCode(p.ID)
		if _, err := c.exec(ctx, "UPDATE patients SET patient_code = ?, search_text = ? WHERE id = ?",
			p.Code, p.SearchText(), p.ID); err != nil {
			return fmt.Errorf("store: create patient %d: %w", p.ID, mapErr(err))
		}
		return auditChange(ctx, c, ev, p.ID, p.ID)
	})
}

// UpdatePatient saves the writable fields of p and records ev.
func (s *Store) UpdatePatient(ctx context.Context, p *clinic.Patient, ev *clinic.AuditEvent) error {
	p.UpdatedAt = s.Now()
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE patients SET first_name = ?, last_name = ?,
			sex = ?, date_of_birth = ?, phone = ?, email = ?, address = ?,
			is_active = ?, updated_at = ?, first_name_key = ?, last_name_key = ?,
			search_text = ? WHERE id = ?`,
			p.FirstName, p.LastName, p.Sex, dateArg(p.DateOfBirth), p.Phone, p.Email,
			p.Address, p.IsActive, tv(p.UpdatedAt), clinic.Fold(p.FirstName),
			clinic.Fold(p.LastName), p.SearchText(), p.ID)
		if err := affectedOne(res, err, "update patient", p.ID); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, p.ID, p.ID)
	})
}

// SetPatientActive archives (false) or restores (true) a patient and
// records ev.
func (s *Store) SetPatientActive(ctx context.Context, id int64, active bool, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "UPDATE patients SET is_active = ?, updated_at = ? WHERE id = ?",
			active, tv(s.Now()), id)
		if err := affectedOne(res, err, "set active of patient", id); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, id, id)
	})
}

// auditChange records a change's event inside the change's transaction,
// naming the record and the patient it touched when the handler could not
// (a new record's id). A nil event records nothing.
func auditChange(ctx context.Context, c conn, ev *clinic.AuditEvent, resourceID, patientID int64) error {
	if ev == nil {
		return nil
	}
	if ev.PatientID == nil && patientID != 0 {
		ev.PatientID = &patientID
	}
	if ev.ResourceID == "" && resourceID != 0 {
		ev.ResourceID = strconv.FormatInt(resourceID, 10)
	}
	return appendAudit(ctx, c, ev)
}
