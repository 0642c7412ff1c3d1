package clinic

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// apptNow is the current time of the appointment tests.
var apptNow = time.Date(2026, time.December, 3, 18, 0, 0, 0, time.UTC)

// apptRefs are the records of the appointment tests: patient 8, active;
// doctor 1; visit 23 of patient 8, free.
func apptRefs() AppointmentRefs {
	return AppointmentRefs{
		Patient: &PatientRef{ID: 8, Code: "PT-000008", FirstName: "Gaston",
			LastName: "Morel"},
		PatientActive: true,
		Doctor: &User{ID: 1, Username: "drhouse", FirstName: "Gregory", LastName: "House",
			Role: RoleDoctor},
		VisitPatient: 8,
	}
}

func pk(n int64) *int64 { return &n }

// problemsOf lists each field with problems and its first message id.
func problemsOf(p *Problems) string {
	var out []string
	for _, f := range p.Fields() {
		out = append(out, f+":"+p.Messages(f)[0].ID)
	}
	return strings.Join(out, " ")
}

func TestAppointmentInputCreates(t *testing.T) {
	tomorrow := apptNow.Add(24 * time.Hour).Format(time.RFC3339)
	var a Appointment
	var probs Problems
	in := AppointmentInput{PatientID: pk(8), Doctor: pk(1), ScheduledAt: optText(tomorrow),
		Reason: optText("Check-up"), Visit: pk(23)}
	in.Apply(&a, false, apptRefs(), apptNow, &probs)
	if !probs.Empty() {
		t.Fatalf("problems %s, want none", problemsOf(&probs))
	}
	want := Clinician{ID: 1, Username: "drhouse", FirstName: "Gregory", LastName: "House",
		FullName: "Gregory House", Role: RoleDoctor}
	if a.Patient != *apptRefs().Patient || a.Doctor == nil || *a.Doctor != want ||
		*a.DoctorID != 1 || a.Status != StatusScheduled || a.Reason != "Check-up" ||
		*a.VisitID != 23 || !a.ScheduledAt.Equal(apptNow.Add(24*time.Hour)) {
		t.Errorf("appointment %+v, want Gaston Morel with drhouse tomorrow, visit 23", a)
	}
}

func TestAppointmentInputRefuses(t *testing.T) {
	soon := optText(apptNow.Add(time.Hour).Format(time.RFC3339))
	past := optText("2020-01-01T09:00:00Z")
	admin := apptRefs()
	admin.Doctor = &User{ID: 3, Role: RoleAdmin}
	archived, taken, others, none := apptRefs(), apptRefs(), apptRefs(), AppointmentRefs{}
	archived.PatientActive, taken.VisitTaken, others.VisitPatient = false, true, 9
	tests := []struct {
		name string
		in   AppointmentInput
		refs AppointmentRefs
		want string
	}{
		{"nothing", AppointmentInput{}, apptRefs(),
			"patient_id:field.required scheduled_at:field.required"},
		{"unknown records", AppointmentInput{PatientID: pk(9), Doctor: pk(9), ScheduledAt: soon,
			Visit: pk(9)}, none,
			"patient_id:field.pk_missing doctor:field.pk_missing visit:field.pk_missing"},
		{"archived patient", AppointmentInput{PatientID: pk(8), ScheduledAt: soon}, archived,
			"patient_id:" + MsgPatientArchived},
		{"administrator", AppointmentInput{PatientID: pk(8), Doctor: pk(3), ScheduledAt: soon},
			admin, "doctor:" + MsgNotClinician},
		{"visit taken", AppointmentInput{PatientID: pk(8), ScheduledAt: soon, Visit: pk(23)}, taken,
			"visit:" + MsgVisitTaken},
		{"another patient's visit",
			AppointmentInput{PatientID: pk(8), ScheduledAt: soon, Visit: pk(23)},
			others, "visit:" + MsgVisitOtherPatient},
		{"in the past", AppointmentInput{PatientID: pk(8), ScheduledAt: past}, apptRefs(),
			"scheduled_at:" + MsgAppointmentPast},
		{"confirmed in the past", AppointmentInput{PatientID: pk(8), ScheduledAt: past,
			Status: optText(StatusConfirmed)}, apptRefs(), "scheduled_at:" + MsgAppointmentPast},
		{"past rule waits for valid fields", AppointmentInput{PatientID: pk(8), ScheduledAt: past,
			Status: optText("DONE")}, apptRefs(), "status:" + MsgInvalidChoice},
		{"bad time", AppointmentInput{PatientID: pk(8), ScheduledAt: optText("2027-01-10")},
			apptRefs(), "scheduled_at:" + MsgDatetimeFormat},
		{"long reason", AppointmentInput{PatientID: pk(8), ScheduledAt: soon,
			Reason: optText(strings.Repeat("é", 256))}, apptRefs(), "reason:" + MsgMaxLength},
	}
	for _, tt := range tests {
		var probs Problems
		tt.in.Apply(&Appointment{}, false, tt.refs, apptNow, &probs)
		if got := problemsOf(&probs); got != tt.want {
			t.Errorf("%s: problems %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestAppointmentPatchOfAPastAppointment(t *testing.T) {
	done := Appointment{Patient: *apptRefs().Patient, Status: StatusCompleted, VisitID: pk(23),
		ScheduledAt: apptNow.Add(-90 * 24 * time.Hour)}
	stale := done
	stale.Status = StatusScheduled
	tests := []struct {
		name string
		a    Appointment
		in   AppointmentInput
		want string
	}{
		{"notes of a done one", done, AppointmentInput{Notes: optText("after")}, ""},
		{"notes of a stale one", stale, AppointmentInput{Notes: optText("after")}, ""},
		{"back to scheduled", done, AppointmentInput{Status: optText(StatusScheduled)},
			"scheduled_at:" + MsgAppointmentPast},
		{"stale marked done", stale, AppointmentInput{Status: optText(StatusCompleted)}, ""},
		{"doctor removed", done, AppointmentInput{Doctor: pk(0)}, ""},
		{"visit unlinked", done, AppointmentInput{Visit: pk(0)}, ""},
	}
	for _, tt := range tests {
		var probs Problems
		a := tt.a
		tt.in.Apply(&a, true, AppointmentRefs{}, apptNow, &probs)
		if got := problemsOf(&probs); got != tt.want {
			t.Errorf("%s: problems %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPendingStatuses(t *testing.T) {
	var pending []string
	for _, s := range AppointmentStatuses {
		if Pending(s) {
			pending = append(pending, s)
		}
	}
	if want := []string{StatusScheduled, StatusConfirmed}; !slices.Equal(pending, want) {
		t.Errorf("pending statuses %q, want %q", pending, want)
	}
}
