package daemon

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// appointmentInput reads an appointment's writable fields from the body.
func appointmentInput(b body) clinic.AppointmentInput {
	return clinic.AppointmentInput{
		PatientID:   b.pk("patient_id"),
		Doctor:      nullablePK(b, "doctor"),
		ScheduledAt: b.str("scheduled_at"),
		Status:      b.str("status"),
		Reason:      b.str("reason"),
		Notes:       b.str("notes"),
		Visit:       nullablePK(b, "visit"),
	}
}

// nullablePK reads the id of a record a field may point at: nil when
// absent, a pointer to 0 for null. An id below 1 points at nothing.
func nullablePK(b body, name string) *int64 {
	if raw, ok := b.raw[name]; ok && string(bytes.TrimSpace(raw)) == "null" {
		return new(int64(0))
	}
	id := b.pk(name)
	if id != nil && *id <= 0 {
		b.probs.Add(name, clinic.Msg(clinic.MsgPKMissing, "ID", *id))
		return nil
	}
	return id
}

// appointmentRefs finds the records the input points at; self is the
// appointment being changed, 0 for a new one.
func (s *Server) appointmentRefs(c *call, in clinic.AppointmentInput,
	self int64) (clinic.AppointmentRefs, error) {
	idOf := func(p *int64) int64 {
		if p == nil {
			return 0
		}
		return *p
	}
	return s.store.AppointmentRefs(c.ctx(), idOf(in.PatientID), idOf(in.Doctor),
		idOf(in.Visit), self)
}

// appointmentFilter reads the list's filters: ?patient=, ?status=,
// ?upcoming=true, and ?start_date= and ?end_date=, days of the clinic's
// time zone, both included. A value that cannot be read answers 400
// naming the parameter; an unknown status finds nothing, as it did in the
// original API.
func (c *call) appointmentFilter(probs *clinic.Problems) store.AppointmentFilter {
	return store.AppointmentFilter{
		PatientID: c.intParam("patient", probs),
		Status:    c.query("status"),
		Upcoming:  strings.EqualFold(c.query("upcoming"), "true"),
		From:      c.dayStart("start_date", 0, probs),
		Until:     c.dayStart("end_date", 1, probs),
	}
}

// dayStart reads an optional YYYY-MM-DD parameter and returns when the day
// after days more begins in the clinic's time zone; the zero time when the
// parameter is absent.
func (c *call) dayStart(name string, days int, probs *clinic.Problems) time.Time {
	raw := c.query(name)
	if raw == "" {
		return time.Time{}
	}
	d, err := clinic.ParseDate(raw)
	if err != nil {
		probs.Add(name, clinic.Msg(clinic.MsgDateFormat, "Format", "YYYY-MM-DD"))
		return time.Time{}
	}
	return time.Date(d.Year, d.Month, d.Day+days, 0, 0, 0, 0, c.s.loc)
}

// listAppointments: GET /api/appointments/.
func (s *Server) listAppointments(c *call) {
	var probs clinic.Problems
	f := c.appointmentFilter(&probs)
	c.audit("list", "appointment", 0, f.PatientID)
	if !probs.Empty() {
		c.problems(&probs)
		return
	}
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountAppointments(c.ctx(), f) },
		func(limit, offset int) ([]clinic.Appointment, error) {
			return s.store.ListAppointments(c.ctx(), f, limit, offset)
		})
}

// getAppointment: GET /api/appointments/{id}/.
func (s *Server) getAppointment(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("read", "appointment", id, 0)
	a, err := s.store.Appointment(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = new(a.Patient.ID)
	c.json(http.StatusOK, a)
}

// createAppointment: POST /api/appointments/.
func (s *Server) createAppointment(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	in := appointmentInput(b)
	ev := c.audit("create", "appointment", 0, 0)
	refs, err := s.appointmentRefs(c, in, 0)
	if err != nil {
		c.fail(err)
		return
	}
	var a clinic.Appointment
	in.Apply(&a, false, refs, time.Now(), b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreateAppointment(c.ctx(), &a, ev); err != nil {
		c.appointmentNotSaved(err)
		return
	}
	c.committed()
	c.json(http.StatusCreated, a)
}

// updateAppointment: PUT and PATCH /api/appointments/{id}/.
func (s *Server) updateAppointment(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "appointment", id, 0)
	a, err := s.store.Appointment(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = new(a.Patient.ID)
	in := appointmentInput(b)
	refs, err := s.appointmentRefs(c, in, id)
	if err != nil {
		c.fail(err)
		return
	}
	in.Apply(a, c.r.Method == http.MethodPatch, refs, time.Now(), b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateAppointment(c.ctx(), a, ev); err != nil {
		c.appointmentNotSaved(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, a)
}

// appointmentNotSaved answers for a write the database refused although
// it was checked: another request took the visit, or deleted a record the
// appointment points at, in the meantime.
func (c *call) appointmentNotSaved(err error) {
	switch {
	case errors.Is(err, store.ErrConflict):
		c.fieldError("visit", clinic.Msg(clinic.MsgVisitTaken))
	case errors.Is(err, store.ErrReference):
		c.fieldError("non_field_errors", clinic.Msg("appointment.reference_gone"))
	default:
		c.fail(err)
	}
}

// deleteAppointment: DELETE /api/appointments/{id}/.
func (s *Server) deleteAppointment(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("delete", "appointment", id, 0)
	ev.Status = http.StatusNoContent
	if err := s.store.DeleteAppointment(c.ctx(), id, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}

// listDoctors: GET /api/appointments/doctors/, the accounts an
// appointment may be given with.
func (s *Server) listDoctors(c *call) {
	c.audit("list", "user", 0, 0)
	list, err := s.store.Clinicians(c.ctx())
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, list)
}
