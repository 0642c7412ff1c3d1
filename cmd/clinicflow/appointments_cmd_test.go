package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
)

// agendaPatients creates Zoé (patient 1) and Marc (patient 2).
func (w *cliWorld) agendaPatients(t *testing.T) {
	t.Helper()
	w.mustRun(t, "", "patients", "create", "--first-name", "Zoé", "--last-name", "Lefèvre",
		"--sex", "F", "--born", "2025-09-01", "--address", "12 rue des Lilas")
	w.mustRun(t, "", "patients", "create", "--first-name", "Marc", "--last-name", "Dupont",
		"--sex", "M", "--born", "1980-01-02", "--address", "3 place Bellecour")
}

// agendaAPI is a client of the world's daemon, signed in as drhouse, for
// what the commands cannot set up (appointments in the past).
func (w *cliWorld) agendaAPI(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(w.url)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(t.Context(), "drhouse", cliPassword); err != nil {
		t.Fatal(err)
	}
	return c
}

// decodeAppointment reads one appointment printed with -o json.
func decodeAppointment(t *testing.T, out string) clinic.Appointment {
	t.Helper()
	var a clinic.Appointment
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("not an appointment in JSON (%v):\n%s", err, out)
	}
	return a
}

// tomorrowUTC is tomorrow's date in UTC, the test daemon's and, unless a
// test sets another, the commands' clinic time zone.
func tomorrowUTC() string { return time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly) }

func TestAppointmentCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	tomorrow := tomorrowUTC()

	out := w.mustRun(t, "", "appointments", "book", "--patient", "PT-000001",
		"--at", tomorrow+" 09:30", "--doctor", "drhouse", "--reason", "Vaccin DTP", "-o", "json")
	a := decodeAppointment(t, out)
	if a.Status != clinic.StatusScheduled || a.Patient.ID != 1 || a.Doctor == nil ||
		a.Doctor.Username != "drhouse" || a.Reason != "Vaccin DTP" ||
		a.ScheduledAt.Format("2006-01-02 15:04") != tomorrow+" 09:30" {
		t.Fatalf("appointments book -o json = %+v", a)
	}

	out = w.mustRun(t, "", "agenda", "move", "1", "--at", tomorrow+" 11:15", "-o", "json")
	a = decodeAppointment(t, out)
	if a.ScheduledAt.Format("15:04") != "11:15" || a.Status != clinic.StatusScheduled {
		t.Errorf("move: at %s, status %s; want 11:15, still SCHEDULED", a.ScheduledAt, a.Status)
	}
	out = w.mustRun(t, "", "agenda", "confirm", "1", "-o", "json")
	if a := decodeAppointment(t, out); a.Status != clinic.StatusConfirmed {
		t.Errorf("confirm: status %s, want CONFIRMED", a.Status)
	}
	out = w.mustRun(t, "", "agenda", "complete", "1")
	for _, want := range []string{"STATUS:", "COMPLETED", "WHEN:", tomorrow + " 11:15",
		"PT-000001 Zoé Lefèvre", "Vaccin DTP"} {
		if !strings.Contains(out, want) {
			t.Errorf("complete printed\n%s\nwant %q in it", out, want)
		}
	}
	a = decodeAppointment(t, w.mustRun(t, "", "appointments", "show", "1", "-o", "json"))
	if a.Status != clinic.StatusCompleted || a.ScheduledAt.Format("15:04") != "11:15" {
		t.Errorf("show after complete = %+v", a)
	}
}

func TestAgendaOutputs(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	tomorrow := tomorrowUTC()
	// Booked latest first: the API lists them so, the agenda by time.
	for _, b := range []struct{ patient, at, reason string }{
		{"1", "16:00", "Contrôle"}, {"2", "08:30", "Certificat, sport"}, {"1", "10:00", "Fièvre"}} {
		w.mustRun(t, "", "appointments", "book", "--patient", b.patient,
			"--at", tomorrow+" "+b.at, "--reason", b.reason)
	}
	w.mustRun(t, "", "appointments", "cancel", "3")
	agenda := func(args ...string) string {
		return w.mustRun(t, "", append(args, "--from", tomorrow, "--to", tomorrow)...)
	}

	out := agenda("agenda")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("agenda --from --to (a pipe: no header) =\n%s\nwant 3 lines", out)
	}
	for i, at := range []string{"08:30", "10:00", "16:00"} {
		if !strings.Contains(lines[i], tomorrow+" "+at) {
			t.Errorf("line %d = %q, want the %s appointment (by time)", i+1, lines[i], at)
		}
	}
	if !strings.Contains(lines[1], "CANCELLED") ||
		!strings.Contains(lines[0], "PT-000002 Marc Dupont") {
		t.Errorf("agenda lines lack the status or the patient:\n%s", out)
	}

	out = agenda("appointments", "list", "-o", "json")
	var rows []clinic.Appointment
	err := json.Unmarshal([]byte(out), &rows)
	if err != nil || len(rows) != 3 || rows[0].Reason != "Certificat, sport" {
		t.Errorf("list -o json = %s (%v); want 3, by time", out, err)
	}

	out = agenda("agenda", "-o", "csv", "--status", "scheduled")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	wantHeader := []string{"id", "scheduled_at", "status", "patient", "doctor_details", "reason"}
	if err != nil || len(recs) != 3 || !slices.Equal(recs[0], wantHeader) ||
		recs[1][5] != "Certificat, sport" || recs[2][1] != tomorrow+" 16:00" {
		t.Errorf("agenda -o csv --status scheduled = %q (%v)", recs, err)
	}

	out = w.mustRun(t, "", "agenda", "list", "--patient", "1", "--upcoming", "-o", "json")
	err = json.Unmarshal([]byte(out), &rows)
	if err != nil || len(rows) != 1 || rows[0].Reason != "Contrôle" {
		t.Errorf("list --patient 1 --upcoming = %s (%v); want the 16:00 one alone", out, err)
	}
	if out := w.mustRun(t, "", "agenda"); out != "" {
		t.Errorf("today's agenda, with nothing today, printed %q to a pipe", out)
	}
}

// Today is the clinic's today: with the clinic far east of UTC, the
// agenda keeps the appointments of the clinic's day, whatever day it is
// in UTC, and prints their clinic times.
func TestAgendaIsTheClinicsDay(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	const zone = "Pacific/Kiritimati" // UTC+14
	t.Setenv("CLINICFLOW_CLINIC_TIMEZONE", zone)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Skipf("no time zone data for %s: %v", zone, err)
	}
	c := w.agendaAPI(t)
	now := time.Now().In(loc)
	at := func(days, hour, minute int) time.Time {
		return time.Date(now.Year(), now.Month(), now.Day()+days, hour, minute, 0, 0, loc)
	}
	// Done appointments may lie in the past. These are the clinic's
	// yesterday, today twice and tomorrow: whatever the hour, UTC's
	// today holds one that is not the clinic's today, or misses one that
	// is.
	for _, v := range []struct {
		at     time.Time
		reason string
	}{
		{at(-1, 23, 30), "yesterday"}, {at(0, 12, 0), "noon"},
		{at(0, 8, 0), "morning"}, {at(1, 0, 30), "tomorrow"},
	} {
		_, err := c.CreateAppointment(t.Context(), client.AppointmentFields{
			PatientID: new(int64(1)), ScheduledAt: &v.at, Status: new(clinic.StatusCompleted),
			Reason: &v.reason})
		if err != nil {
			t.Fatal(err)
		}
	}

	out := w.mustRun(t, "", "agenda", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("today's agenda in %s = %q (%v); want the 2 of its today", zone, recs, err)
	}
	today := now.Format(time.DateOnly)
	for i, want := range []struct{ when, reason string }{
		{today + " 08:00", "morning"}, {today + " 12:00", "noon"},
	} {
		if got := recs[i+1]; got[1] != want.when || got[5] != want.reason {
			t.Errorf("row %d = %q, want %s at %s (the clinic's time)",
				i+1, got, want.reason, want.when)
		}
	}
}

func TestAgendaDays(t *testing.T) {
	loc := time.FixedZone("UTC+14", 14*3600)
	a := &app{loc: loc}
	now := time.Date(2027, 1, 6, 10, 0, 0, 0, loc) // a Wednesday
	day := func(d int) time.Time { return time.Date(2027, 1, d, 0, 0, 0, 0, loc) }
	tests := []struct {
		name string
		o    agendaOptions
		want span
	}{
		{"today", agendaOptions{}, span{day(6), day(7)}},
		{"week", agendaOptions{week: true}, span{day(4), day(11)}},
		{"from and to", agendaOptions{from: "2027-01-02", to: "2027-01-03"}, span{day(2), day(4)}},
		{"from alone", agendaOptions{from: "2027-01-02"}, span{start: day(2)}},
		{"to alone", agendaOptions{to: "2027-01-03"}, span{end: day(4)}},
		{"upcoming", agendaOptions{upcoming: true}, span{}},
		{"upcoming this week", agendaOptions{upcoming: true, week: true}, span{day(4), day(11)}},
	}
	for _, tt := range tests {
		got, err := tt.o.days(a, now)
		if err != nil || !got.start.Equal(tt.want.start) || !got.end.Equal(tt.want.end) {
			t.Errorf("%s: %v to %v (%v), want %v to %v",
				tt.name, got.start, got.end, err, tt.want.start, tt.want.end)
		}
	}

	// The API reads its dates in its own zone: the dates asked for hold
	// the clinic's day from either side of the world.
	q, _, err := (&agendaOptions{format: formatTable}).query(a, now)
	if err != nil || q.StartDate != "2027-01-04" || q.EndDate != "2027-01-07" {
		t.Errorf("today's query asks for %s to %s (%v), want 2027-01-04 to 2027-01-07",
			q.StartDate, q.EndDate, err)
	}
}

func TestAppointmentCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	tomorrow := tomorrowUTC() + " 09:00"
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly) + " 09:00"
	w.mustRun(t, "", "appointments", "book", "--patient", "1", "--at", tomorrow)
	book := func(args ...string) []string {
		return append([]string{"appointments", "book"}, args...)
	}
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{book("--patient", "1"), exitUsage, "missing --at (not asked"},
		{book("--at", tomorrow), exitUsage, "missing --patient"},
		{book("--patient", "1", "--at", "demain"), exitUsage, `--at "demain"`},
		{book("--patient", "Zoé", "--at", tomorrow), exitUsage, "--patient"},
		{book("--patient", "1", "--at", yesterday), exitError,
			"scheduled_at: Appointment cannot be in the past."},
		{book("--patient", "1", "--at", tomorrow, "--doctor", "admin1"), exitError,
			`--doctor "admin1"`},
		{book("--patient", "9", "--at", tomorrow), exitError, "patient_id:"},
		{[]string{"appointments", "move", "1"}, exitUsage, "missing --at"},
		{[]string{"appointments", "move", "1", "--at", yesterday}, exitError, "scheduled_at:"},
		{[]string{"appointments", "confirm", "x"}, exitUsage, "appointment"},
		{[]string{"appointments", "cancel", "99"}, exitError, "404"},
		{[]string{"appointments", "delete", "1"}, exitUsage, "--yes"},
		{[]string{"agenda", "--week", "--from", "2027-01-04"}, exitUsage, "--week"},
		{[]string{"agenda", "--from", "2027-01-05", "--to", "2027-01-04"}, exitUsage, "after --to"},
		{[]string{"agenda", "--from", "05/01/2027"}, exitUsage, "--from"},
		{[]string{"agenda", "--status", "late"}, exitUsage, "--status"},
		{[]string{"agenda", "-o", "yaml"}, exitUsage, "-o"},
		{[]string{"agenda", "today"}, exitUsage, "arg"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
		if strings.Contains(r.errOut, "HH:MM):") || strings.Contains(r.errOut, "PT-…):") {
			t.Errorf("clinicflow %s asked a script: %q", strings.Join(tt.args, " "), r.errOut)
		}
	}

	w.mustRun(t, "", "appointments", "delete", "1", "--yes")
	r := w.run(t, "", "appointments", "show", "1")
	if r.code != exitError || !strings.Contains(r.errOut, "404") {
		t.Errorf("show after delete: exit %d, stderr %q; want 1 and 404", r.code, r.errOut)
	}
}

// --week is Monday to Sunday of the clinic's week, and --from alone has no
// end.
func TestAgendaWeek(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	c := w.agendaAPI(t)
	today := midnight(time.Now().UTC())
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	for _, v := range []struct {
		at     time.Time
		reason string
	}{
		{monday.Add(-30 * time.Minute), "last Sunday"}, {monday.Add(9 * time.Hour), "Monday"},
		{monday.AddDate(0, 0, 7).Add(-time.Minute), "Sunday"},
		{monday.AddDate(0, 0, 7).Add(9 * time.Hour), "next Monday"},
	} {
		_, err := c.CreateAppointment(t.Context(), client.AppointmentFields{
			PatientID: new(int64(2)), ScheduledAt: &v.at, Status: new(clinic.StatusNoShow),
			Reason: &v.reason})
		if err != nil {
			t.Fatal(err)
		}
	}
	reasons := func(args ...string) []string {
		var rows []clinic.Appointment
		out := w.mustRun(t, "", append([]string{"agenda", "-o", "json"}, args...)...)
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("agenda %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Reason)
		}
		return got
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--week"}, []string{"Monday", "Sunday"}},
		{[]string{"--from", monday.Format(time.DateOnly)},
			[]string{"Monday", "Sunday", "next Monday"}},
		{[]string{"--to", monday.Format(time.DateOnly)}, []string{"last Sunday", "Monday"}},
		{[]string{"--week", "--status", "no-show", "--patient", "1"}, nil},
	}
	for _, tt := range tests {
		if got := reasons(tt.args...); !slices.Equal(got, tt.want) {
			t.Errorf("agenda %s = %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}
