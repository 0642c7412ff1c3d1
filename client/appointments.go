package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"time"

	"clinicflow/clinic"
)

// AppointmentQuery filters the agenda. The API lists the latest
// appointment first.
type AppointmentQuery struct {
	// Patient keeps one patient's appointments; 0 keeps every patient's.
	Patient int64
	// Status keeps one status: SCHEDULED, CONFIRMED, CANCELLED, COMPLETED
	// or NO_SHOW. An unknown status finds nothing.
	Status string
	// Upcoming keeps appointments from now on that are still to happen
	// (neither cancelled, completed nor missed).
	Upcoming bool
	// StartDate and EndDate (YYYY-MM-DD, both included) bound the days, in
	// the time zone of the server's clinic; "" leaves that side open.
	StartDate string
	EndDate   string
}

func (q AppointmentQuery) values() url.Values {
	v := url.Values{}
	if q.Patient != 0 {
		v.Set("patient", strconv.FormatInt(q.Patient, 10))
	}
	if q.Status != "" {
		v.Set("status", q.Status)
	}
	if q.Upcoming {
		v.Set("upcoming", "true")
	}
	if q.StartDate != "" {
		v.Set("start_date", q.StartDate)
	}
	if q.EndDate != "" {
		v.Set("end_date", q.EndDate)
	}
	return v
}

// ListAppointments returns one page of the agenda.
func (c *Client) ListAppointments(ctx context.Context, q AppointmentQuery,
	o ListOptions) (*Page[clinic.Appointment], error) {
	return getPage[clinic.Appointment](ctx, c, "/api/appointments/", o.apply(q.values()))
}

// Appointments walks every appointment the query keeps, latest first.
func (c *Client) Appointments(ctx context.Context,
	q AppointmentQuery) iter.Seq2[clinic.Appointment, error] {
	return each[clinic.Appointment](ctx, c, "/api/appointments/", q.values())
}

// Appointment returns one appointment.
func (c *Client) Appointment(ctx context.Context, id int64) (*clinic.Appointment, error) {
	var a clinic.Appointment
	if err := c.do(ctx, "GET", appointmentPath(id), nil, nil, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// AppointmentFields are an appointment's writable fields. For an update,
// nil fields stay as they are; a create needs the patient and the time.
// Doctor and Visit pointing at 0 unlink the doctor or the visit.
type AppointmentFields struct {
	PatientID   *int64     `json:"patient_id,omitempty"`
	Doctor      *int64     `json:"doctor,omitempty"`
	ScheduledAt *time.Time `json:"scheduled_at,omitempty"`
	Status      *string    `json:"status,omitempty"`
	Reason      *string    `json:"reason,omitempty"`
	Notes       *string    `json:"notes,omitempty"`
	Visit       *int64     `json:"visit,omitempty"`
}

// MarshalJSON writes the fields that are set, a link to 0 as null and the
// time in UTC.
func (f AppointmentFields) MarshalJSON() ([]byte, error) {
	type plain AppointmentFields
	var at *time.Time
	if f.ScheduledAt != nil {
		at = new(f.ScheduledAt.UTC())
	}
	return json.Marshal(struct {
		plain
		Doctor      any        `json:"doctor,omitempty"`
		Visit       any        `json:"visit,omitempty"`
		ScheduledAt *time.Time `json:"scheduled_at,omitempty"`
	}{plain(f), nullableID(f.Doctor), nullableID(f.Visit), at})
}

// nullableID is how a link is sent: absent (nil), null for 0, else the id.
func nullableID(id *int64) any {
	switch {
	case id == nil:
		return nil
	case *id == 0:
		return json.RawMessage("null")
	}
	return *id
}

// CreateAppointment books an appointment; its status is SCHEDULED unless
// the fields say otherwise.
func (c *Client) CreateAppointment(ctx context.Context,
	f AppointmentFields) (*clinic.Appointment, error) {
	var a clinic.Appointment
	if err := c.do(ctx, "POST", "/api/appointments/", nil, f, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// UpdateAppointment changes the given fields of an appointment (PATCH):
// move it, confirm it, cancel it...
func (c *Client) UpdateAppointment(ctx context.Context, id int64,
	f AppointmentFields) (*clinic.Appointment, error) {
	var a clinic.Appointment
	if err := c.do(ctx, "PATCH", appointmentPath(id), nil, f, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// DeleteAppointment removes an appointment from the agenda.
func (c *Client) DeleteAppointment(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", appointmentPath(id), nil, nil, nil)
}

// Doctors returns the accounts appointments may be given with: doctors
// and nurses, by first then last name.
func (c *Client) Doctors(ctx context.Context) ([]clinic.Clinician, error) {
	var list []clinic.Clinician
	if err := c.do(ctx, "GET", "/api/appointments/doctors/", nil, nil, &list); err != nil {
		return nil, err
	}
	return list, nil
}

func appointmentPath(id int64) string { return fmt.Sprintf("/api/appointments/%d/", id) }
