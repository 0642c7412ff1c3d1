package client_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
)

// tomorrowAt is a time of tomorrow, UTC, the test server's clinic zone.
func tomorrowAt(hour, minute int) time.Time {
	d := time.Now().UTC().AddDate(0, 0, 1)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, minute, 0, 0, time.UTC)
}

// bookAppointment makes an appointment for patient at t through c.
func bookAppointment(t *testing.T, c *client.Client, patient int64, at time.Time,
	reason string) *clinic.Appointment {
	t.Helper()
	a, err := c.CreateAppointment(t.Context(), client.AppointmentFields{
		PatientID: &patient, ScheduledAt: &at, Reason: &reason})
	if err != nil {
		t.Fatalf("book %s: %v", at, err)
	}
	return a
}

func TestAppointmentLifecycle(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "nurse1")
	p := newPatient(t, c, "Zoé", "Lefèvre")
	doctors, err := c.Doctors(t.Context())
	if err != nil || len(doctors) != 2 || doctors[0].Username != "drhouse" ||
		doctors[1].Role != clinic.RoleNurse {
		t.Fatalf("Doctors = %+v, %v; want drhouse then nurse1", doctors, err)
	}

	at := tomorrowAt(9, 30)
	paris := at.In(time.FixedZone("CET", 3600))
	a, err := c.CreateAppointment(t.Context(), client.AppointmentFields{PatientID: &p.ID,
		Doctor: &doctors[0].ID, ScheduledAt: &paris, Reason: client.String("Fièvre")})
	if err != nil {
		t.Fatal(err)
	}
	if !a.ScheduledAt.Equal(at) || a.Status != clinic.StatusScheduled || a.Patient.Code != p.Code ||
		a.Doctor == nil || a.Doctor.Username != "drhouse" || a.Reason != "Fièvre" {
		t.Errorf("CreateAppointment = %+v", a)
	}

	later := at.Add(90 * time.Minute)
	a, err = c.UpdateAppointment(t.Context(), a.ID, client.AppointmentFields{ScheduledAt: &later,
		Status: client.String(clinic.StatusConfirmed), Doctor: new(int64(0))})
	if err != nil {
		t.Fatal(err)
	}
	if !a.ScheduledAt.Equal(later) || a.Status != clinic.StatusConfirmed || a.DoctorID != nil ||
		a.Reason != "Fièvre" {
		t.Errorf("UpdateAppointment (move, confirm, unlink the doctor) = %+v", a)
	}
	got, err := c.Appointment(t.Context(), a.ID)
	if err != nil || !got.ScheduledAt.Equal(later) || got.Status != clinic.StatusConfirmed {
		t.Errorf("Appointment(%d) = %+v, %v", a.ID, got, err)
	}

	if err := c.DeleteAppointment(t.Context(), a.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.Appointment(t.Context(), a.ID)
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("Appointment after delete: %v, want 404", err)
	}
}

func TestAppointmentRefusals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	p := newPatient(t, c, "Zoé", "Lefèvre")
	past := time.Now().Add(-time.Hour)
	tests := []struct {
		name  string
		f     client.AppointmentFields
		field string
		want  string
	}{
		{"in the past", client.AppointmentFields{PatientID: &p.ID, ScheduledAt: &past},
			"scheduled_at", "Appointment cannot be in the past."},
		{"no patient", client.AppointmentFields{ScheduledAt: new(tomorrowAt(9, 0))},
			"patient_id", "This field is required."},
		{"bad status", client.AppointmentFields{PatientID: &p.ID,
			ScheduledAt: new(tomorrowAt(9, 0)), Status: client.String("LATE")},
			"status", `"LATE" is not a valid choice.`},
	}
	for _, tt := range tests {
		_, err := c.CreateAppointment(t.Context(), tt.f)
		var apiErr *client.Error
		if !errors.As(err, &apiErr) || apiErr.Status != 400 || len(apiErr.Fields) != 1 ||
			apiErr.Fields[0].Field != tt.field || apiErr.Fields[0].Messages[0] != tt.want {
			t.Errorf("%s: %v, want 400 with %s: %s", tt.name, err, tt.field, tt.want)
		}
	}
}

func TestAppointmentQueries(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	zoe := newPatient(t, c, "Zoé", "Lefèvre")
	marc := newPatient(t, c, "Marc", "Dupont")
	first := bookAppointment(t, c, zoe.ID, tomorrowAt(8, 0), "a")
	second := bookAppointment(t, c, marc.ID, tomorrowAt(10, 0), "b")
	third := bookAppointment(t, c, zoe.ID, tomorrowAt(8, 0).AddDate(0, 0, 2), "c")
	if _, err := c.UpdateAppointment(t.Context(), second.ID,
		client.AppointmentFields{Status: client.String(clinic.StatusCancelled)}); err != nil {
		t.Fatal(err)
	}
	tomorrow := tomorrowAt(0, 0).Format(time.DateOnly)

	tests := []struct {
		name string
		q    client.AppointmentQuery
		want []int64 // latest first
	}{
		{"all", client.AppointmentQuery{}, []int64{third.ID, second.ID, first.ID}},
		{"one patient", client.AppointmentQuery{Patient: zoe.ID}, []int64{third.ID, first.ID}},
		{"one status", client.AppointmentQuery{Status: clinic.StatusCancelled}, []int64{second.ID}},
		{"upcoming", client.AppointmentQuery{Upcoming: true}, []int64{third.ID, first.ID}},
		{"one day", client.AppointmentQuery{StartDate: tomorrow, EndDate: tomorrow},
			[]int64{second.ID, first.ID}},
		{"from a day on",
			client.AppointmentQuery{StartDate: third.ScheduledAt.Format(time.DateOnly)},
			[]int64{third.ID}},
	}
	for _, tt := range tests {
		list, err := client.All(c.Appointments(t.Context(), tt.q))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := appointmentIDs(list); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ids %v, want %v", tt.name, got, tt.want)
		}
	}

	page, err := c.ListAppointments(t.Context(), client.AppointmentQuery{Patient: zoe.ID},
		client.ListOptions{Page: 2, PageSize: 1})
	if err != nil || page.Count != 2 || len(page.Results) != 1 || page.Results[0].ID != first.ID ||
		page.Next != nil {
		t.Errorf("ListAppointments page 2 of 1 row = %+v, %v", page, err)
	}
	_, err = c.ListAppointments(t.Context(), client.AppointmentQuery{StartDate: "05/01/2027"},
		client.ListOptions{})
	if status, field := refusal(err); status != 400 || field != "start_date" {
		t.Errorf("a start date that is not YYYY-MM-DD: %v, want 400 on start_date", err)
	}
}

// The iterator walks past the first page.
func TestAppointmentsWalksEveryPage(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	p := newPatient(t, c, "Zoé", "Lefèvre")
	const n = 105
	for i := range n {
		bookAppointment(t, c, p.ID, tomorrowAt(0, 0).Add(time.Duration(i)*time.Minute), "")
	}
	list, err := client.All(c.Appointments(t.Context(), client.AppointmentQuery{Patient: p.ID}))
	if err != nil || len(list) != n {
		t.Fatalf("Appointments: %d rows, %v; want %d", len(list), err, n)
	}
	if !list[0].ScheduledAt.After(list[n-1].ScheduledAt) {
		t.Errorf("first %s, last %s: want the latest first",
			list[0].ScheduledAt, list[n-1].ScheduledAt)
	}
}

// refusal is the status of the API's refusal err, and the first field it
// names ("" for none); 0 when err is not a refusal.
func refusal(err error) (status int, field string) {
	var apiErr *client.Error
	if !errors.As(err, &apiErr) {
		return 0, ""
	}
	if len(apiErr.Fields) > 0 {
		field = apiErr.Fields[0].Field
	}
	return apiErr.Status, field
}

func appointmentIDs(list []clinic.Appointment) []int64 {
	out := make([]int64, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}

// A change sends the fields set and nothing else: a link to 0 as null (to
// unlink), and the time in UTC.
func TestAppointmentFieldsJSON(t *testing.T) {
	at := time.Date(2027, 1, 5, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	tests := []struct {
		name string
		f    client.AppointmentFields
		want string
	}{
		{"nothing", client.AppointmentFields{}, `{}`},
		{"a status", client.AppointmentFields{Status: client.String("CONFIRMED")},
			`{"status":"CONFIRMED"}`},
		{"a time", client.AppointmentFields{ScheduledAt: &at},
			`{"scheduled_at":"2027-01-05T08:30:00Z"}`},
		{"links", client.AppointmentFields{Doctor: new(int64(3)), Visit: new(int64(7))},
			`{"doctor":3,"visit":7}`},
		{"unlinks", client.AppointmentFields{Doctor: new(int64(0)), Visit: new(int64(0))},
			`{"doctor":null,"visit":null}`},
		{"a patient and a reason", client.AppointmentFields{PatientID: new(int64(12)),
			Reason: client.String("")}, `{"patient_id":12,"reason":""}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.f)
		if err != nil || string(b) != tt.want {
			t.Errorf("%s: %s (%v), want %s", tt.name, b, err, tt.want)
		}
	}
}
