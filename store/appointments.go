package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"clinicflow/clinic"
)

// appointmentSelect reads an appointment with its patient and its doctor.
const appointmentSelect = `SELECT a.id, a.patient_id, p.patient_code, p.first_name,
	p.last_name, a.doctor_id, u.username, u.first_name, u.last_name, u.role,
	a.scheduled_at, a.status, a.reason, a.notes, a.visit_id, a.created_at, a.updated_at
	FROM appointments a JOIN patients p ON p.id = a.patient_id
	LEFT JOIN users u ON u.id = a.doctor_id`

func scanAppointment(row scanner) (*clinic.Appointment, error) {
	var a clinic.Appointment
	var doctor sql.NullInt64
	var username, first, last, role sql.NullString
	err := row.Scan(&a.ID, &a.Patient.ID, &a.Patient.Code, &a.Patient.FirstName,
		&a.Patient.LastName, &doctor, &username, &first, &last, &role,
		ts{&a.ScheduledAt}, &a.Status, &a.Reason, &a.Notes, &a.VisitID,
		ts{&a.CreatedAt}, ts{&a.UpdatedAt})
	if err != nil {
		return nil, mapErr(err)
	}
	if doctor.Valid {
		c := clinic.ClinicianOf(&clinic.User{ID: doctor.Int64, Username: username.String,
			FirstName: first.String, LastName: last.String, Role: clinic.Role(role.String)})
		a.DoctorID, a.Doctor = &c.ID, &c
	}
	return &a, nil
}

// Appointment returns the appointment with the given id.
func (s *Store) Appointment(ctx context.Context, id int64) (*clinic.Appointment, error) {
	a, err := loadAppointment(ctx, s.conn(), id)
	if err != nil {
		return nil, fmt.Errorf("store: appointment %d: %w", id, err)
	}
	return a, nil
}

func loadAppointment(ctx context.Context, c conn, id int64) (*clinic.Appointment, error) {
	return scanAppointment(c.queryRow(ctx, appointmentSelect+" WHERE a.id = ?", id))
}

// AppointmentFilter chooses which appointments a list shows; zero fields
// do not filter.
type AppointmentFilter struct {
	PatientID int64
	Status    string
	// Upcoming keeps the scheduled and confirmed appointments from now on.
	Upcoming bool
	// From and Until bound scheduled_at: From included, Until excluded.
	From, Until time.Time
}

func (f AppointmentFilter) where(now time.Time) (string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "a.patient_id = ?"), append(args, f.PatientID)
	}
	if f.Status != "" {
		conds, args = append(conds, "a.status = ?"), append(args, f.Status)
	}
	if f.Upcoming {
		conds = append(conds, "a.scheduled_at >= ?", "a.status IN (?, ?)")
		args = append(args, tv(now), clinic.StatusScheduled, clinic.StatusConfirmed)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "a.scheduled_at >= ?"), append(args, tv(f.From))
	}
	if !f.Until.IsZero() {
		conds, args = append(conds, "a.scheduled_at < ?"), append(args, tv(f.Until))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountAppointments returns how many appointments the filter keeps.
func (s *Store) CountAppointments(ctx context.Context, f AppointmentFilter) (int, error) {
	where, args := f.where(s.Now())
	var n int
	err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM appointments a"+where, args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count appointments: %w", err)
	}
	return n, nil
}

// ListAppointments returns one page of the appointments the filter keeps,
// the latest first, in one query.
func (s *Store) ListAppointments(ctx context.Context, f AppointmentFilter,
	limit, offset int) ([]clinic.Appointment, error) {
	where, args := f.where(s.Now())
	query := appointmentSelect + where + " ORDER BY a.scheduled_at DESC, a.id DESC LIMIT ? OFFSET ?"
	rows, err := s.conn().query(ctx, query, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list appointments: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.Appointment, 0, min(limit, 100))
	for rows.Next() {
		a, err := scanAppointment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list appointments: %w", err)
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// AppointmentRefs finds the records an appointment's write points at:
// the patient, the doctor and the visit, each skipped when its id is 0.
// self is the appointment being changed (0 for a new one), which may keep
// its own visit.
func (s *Store) AppointmentRefs(ctx context.Context,
	patientID, doctorID, visitID, self int64) (clinic.AppointmentRefs, error) {
	var refs clinic.AppointmentRefs
	c := s.conn()
	if patientID != 0 {
		var p clinic.PatientRef
		err := c.queryRow(ctx, `SELECT id, patient_code, first_name, last_name, is_active
			FROM patients WHERE id = ?`, patientID).
			Scan(&p.ID, &p.Code, &p.FirstName, &p.LastName, &refs.PatientActive)
		if err := ignoreNotFound(err); err != nil {
			return refs, fmt.Errorf("store: appointment patient %d: %w", patientID, err)
		}
		if err == nil {
			refs.Patient = &p
		}
	}
	if doctorID != 0 {
		u, err := s.User(ctx, doctorID)
		if err := ignoreNotFound(err); err != nil {
			return refs, err
		}
		refs.Doctor = u
	}
	if visitID != 0 {
		var taken int
		err := c.queryRow(ctx, `SELECT v.patient_id, (SELECT COUNT(*) FROM appointments a
			WHERE a.visit_id = v.id AND a.id <> ?) FROM visits v WHERE v.id = ?`,
			self, visitID).Scan(&refs.VisitPatient, &taken)
		if err := ignoreNotFound(err); err != nil {
			return refs, fmt.Errorf("store: appointment visit %d: %w", visitID, err)
		}
		refs.VisitTaken = taken > 0
	}
	return refs, nil
}

// ignoreNotFound maps a missing row to nil and any other error through
// mapErr.
func ignoreNotFound(err error) error {
	if err = mapErr(err); errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// CreateAppointment adds an appointment, sets its id and times, reads back
// its patient and doctor, and records ev in the same transaction.
func (s *Store) CreateAppointment(ctx context.Context, a *clinic.Appointment,
	ev *clinic.AuditEvent) error {
	now := s.Now()
	return s.tx(ctx, func(c conn) error {
		var id int64
		err := c.queryRow(ctx, `INSERT INTO appointments (patient_id, doctor_id,
			scheduled_at, status, reason, notes, visit_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.Patient.ID, a.DoctorID, tv(a.ScheduledAt), a.Status, a.Reason, a.Notes,
			a.VisitID, tv(now), tv(now)).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: create appointment: %w", mapErr(err))
		}
		return reloadAppointment(ctx, c, a, id, ev)
	})
}

// UpdateAppointment saves the writable fields of a, reads it back, and
// records ev.
func (s *Store) UpdateAppointment(ctx context.Context, a *clinic.Appointment,
	ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE appointments SET patient_id = ?, doctor_id = ?,
			scheduled_at = ?, status = ?, reason = ?, notes = ?, visit_id = ?,
			updated_at = ? WHERE id = ?`,
			a.Patient.ID, a.DoctorID, tv(a.ScheduledAt), a.Status, a.Reason, a.Notes,
			a.VisitID, tv(s.Now()), a.ID)
		if err := affectedOne(res, err, "update appointment", a.ID); err != nil {
			return err
		}
		return reloadAppointment(ctx, c, a, a.ID, ev)
	})
}

// reloadAppointment reads appointment id into a and records ev naming it
// and its patient.
func reloadAppointment(ctx context.Context, c conn, a *clinic.Appointment, id int64,
	ev *clinic.AuditEvent) error {
	saved, err := loadAppointment(ctx, c, id)
	if err != nil {
		return fmt.Errorf("store: read back appointment %d: %w", id, err)
	}
	*a = *saved
	return auditAppointment(ctx, c, ev, a.ID, a.Patient.ID)
}

// DeleteAppointment removes an appointment and records ev.
func (s *Store) DeleteAppointment(ctx context.Context, id int64, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		var patientID int64
		err := c.queryRow(ctx, "DELETE FROM appointments WHERE id = ? RETURNING patient_id", id).
			Scan(&patientID)
		if err != nil {
			return fmt.Errorf("store: delete appointment %d: %w", id, mapErr(err))
		}
		return auditAppointment(ctx, c, ev, id, patientID)
	})
}

// auditAppointment records a change's event, naming the appointment and
// its patient, inside the change's transaction. A nil event records
// nothing.
func auditAppointment(ctx context.Context, c conn, ev *clinic.AuditEvent,
	id, patientID int64) error {
	if ev == nil {
		return nil
	}
	ev.ResourceID = strconv.FormatInt(id, 10)
	ev.PatientID = &patientID
	return appendAudit(ctx, c, ev)
}

// Clinicians returns the active doctor and nurse accounts, by first then
// last name, accents and case aside.
func (s *Store) Clinicians(ctx context.Context) ([]clinic.Clinician, error) {
	rows, err := s.conn().query(ctx, `SELECT id, username, first_name, last_name, role
		FROM users WHERE role IN (?, ?) AND is_active = ?`,
		string(clinic.RoleDoctor), string(clinic.RoleNurse), true)
	if err != nil {
		return nil, fmt.Errorf("store: list clinicians: %w", err)
	}
	defer rows.Close()
	out := []clinic.Clinician{}
	for rows.Next() {
		var u clinic.User
		var role string
		if err := rows.Scan(&u.ID, &u.Username, &u.FirstName, &u.LastName, &role); err != nil {
			return nil, fmt.Errorf("store: list clinicians: %w", err)
		}
		u.Role = clinic.Role(role)
		out = append(out, clinic.ClinicianOf(&u))
	}
	slices.SortFunc(out, cmpClinicians)
	return out, rows.Err()
}

func cmpClinicians(a, b clinic.Clinician) int {
	if c := strings.Compare(clinic.Fold(a.FirstName), clinic.Fold(b.FirstName)); c != 0 {
		return c
	}
	if c := strings.Compare(clinic.Fold(a.LastName), clinic.Fold(b.LastName)); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}
