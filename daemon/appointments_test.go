package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// apptJSON is an appointment as the API answers it.
type apptJSON struct {
	ID      int64 `json:"id"`
	Patient struct {
		ID        int64  `json:"id"`
		Code      string `json:"patient_code"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	} `json:"patient"`
	Doctor        *int64         `json:"doctor"`
	DoctorDetails *clinicianJSON `json:"doctor_details"`
	ScheduledAt   string         `json:"scheduled_at"`
	Status        string         `json:"status"`
	Reason        string         `json:"reason"`
	Notes         string         `json:"notes"`
	Visit         *int64         `json:"visit"`
	CreatedAt     string         `json:"created_at"`
	UpdatedAt     string         `json:"updated_at"`
}

// clinicianJSON is a doctor or nurse as the agenda shows them.
type clinicianJSON struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	FullName  string `json:"full_name"`
	Role      string `json:"role"`
}

// inDays is a time whole days from now, to the second, as the API writes
// it.
func inDays(days int) string {
	return time.Now().UTC().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Second).
		Format(time.RFC3339)
}

// apptPath is the path of an appointment.
func apptPath(id int64) string { return fmt.Sprintf("/api/appointments/%d/", id) }

// onAppt sends a request about an appointment as the doctor.
func (ts *testServer) onAppt(tb testing.TB, method string, id int64, body any) (int, []byte) {
	tb.Helper()
	status, _, raw := ts.do(tb, method, apptPath(id), ts.doctor.access, body)
	return status, raw
}

// past is a time long gone, for appointments already done.
const past = "2026-09-17T17:00:00Z"

// book creates an appointment as the doctor and fails the test unless it
// answers 201.
func (ts *testServer) book(tb testing.TB, body kv) apptJSON {
	tb.Helper()
	status, _, raw := ts.do(tb, "POST", "/api/appointments/", ts.doctor.access, body)
	if status != http.StatusCreated {
		tb.Fatalf("book %v: status %d, want 201; body %s", body, status, raw)
	}
	return decode[apptJSON](tb, raw)
}

// agendaVisit records a visit of the patient through the API and returns
// its id.
func (ts *testServer) agendaVisit(tb testing.TB, patientID int64) int64 {
	tb.Helper()
	status, _, raw := ts.do(tb, "POST", "/api/visits/", ts.doctor.access,
		kv{"patient": patientID, "visit_date": past})
	if status != http.StatusCreated {
		tb.Fatalf("create visit: status %d, want 201; body %s", status, raw)
	}
	return decode[struct{ ID int64 }](tb, raw).ID
}

// countAppointments counts every appointment.
func countAppointments(tb testing.TB, st *store.Store) int {
	tb.Helper()
	n, err := st.CountAppointments(tb.Context(), store.AppointmentFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestCreateAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.nurse, zoe(nil))
		at := time.Now().Add(40 * 24 * time.Hour).Truncate(time.Second)
		status, _, raw := ts.do(t, "POST", "/api/appointments/", ts.doctor.access, kv{
			"patient_id": p.ID, "doctor": ts.doctor.user.ID, "reason": "Capture", "notes": "n",
			"scheduled_at": at.In(time.FixedZone("", 3600)).Format(time.RFC3339)})
		wantShapeOf(t, status, raw, "appointments_create_ok")
		a := decode[apptJSON](t, raw)
		doctor := clinicianJSON{ID: ts.doctor.user.ID, Username: "drhouse", FirstName: "Test",
			LastName: "Drhouse", FullName: "Test Drhouse", Role: "doctor"}
		if a.Patient.ID != p.ID || a.Patient.Code != p.Code || a.Patient.FirstName != "Zoé" ||
			a.Patient.LastName != "Capture" || a.DoctorDetails == nil ||
			*a.DoctorDetails != doctor || a.Doctor == nil || *a.Doctor != doctor.ID {
			t.Errorf("patient %+v, doctor %v %+v; want Zoé Capture and drhouse",
				a.Patient, a.Doctor, a.DoctorDetails)
		}
		want := at.UTC().Format(time.RFC3339)
		if a.ScheduledAt != want || a.Status != "SCHEDULED" || a.Visit != nil {
			t.Errorf("scheduled_at %s, status %s, visit %v; want %s, SCHEDULED, null",
				a.ScheduledAt, a.Status, a.Visit, want)
		}
		wantUTC(t, "created_at", a.CreatedAt)
		wantUTC(t, "updated_at", a.UpdatedAt)

		status, _, raw = ts.do(t, "GET", apptPath(a.ID), ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "appointments_detail_new")
		if got := decode[apptJSON](t, raw); !reflect.DeepEqual(got, a) {
			t.Errorf("read back\n%+v\nwant\n%+v", got, a)
		}
	})
}

func TestCreateAppointmentVariants(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.nurse, zoe(nil))
		status, _, raw := ts.do(t, "POST", "/api/appointments/", ts.nurse.access,
			kv{"patient_id": p.ID, "scheduled_at": inDays(41), "status": "CONFIRMED"})
		wantShapeOf(t, status, raw, "appointments_create_nurse_no_doctor")
		a := decode[apptJSON](t, raw)
		if a.Doctor != nil || a.DoctorDetails != nil || a.Status != "CONFIRMED" {
			t.Errorf("doctor %v %v, status %s; want null, null, CONFIRMED",
				a.Doctor, a.DoctorDetails, a.Status)
		}

		status, _, raw = ts.do(t, "POST", "/api/appointments/", ts.doctor.access, kv{
			"patient_id": p.ID, "doctor": ts.nurse.user.ID, "scheduled_at": "2020-01-01T09:00:00Z",
			"status": "COMPLETED", "reason": "Capture", "notes": "n"})
		wantShapeOf(t, status, raw, "appointments_create_past_completed")
		a = decode[apptJSON](t, raw)
		if a.DoctorDetails == nil || a.DoctorDetails.Role != "nurse" {
			t.Errorf("doctor_details %+v, want the nurse", a.DoctorDetails)
		}
	})
}

// refusedAppointments is a practice in which appointments get refused: a
// patient with a visit already linked, another patient with a visit, and
// an archived patient.
type refusedAppointments struct {
	ts                 *testServer
	patient, archived  int64
	visit, othersVisit int64
}

func newRefusedAppointments(t *testing.T, st *store.Store) refusedAppointments {
	ts := newTestServer(t, st)
	p := ts.createPatient(t, ts.doctor, zoe(nil)).ID
	other := ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Other"})).ID
	archived := ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Gone"})).ID
	ts.do(t, "POST", patientPath(archived, "archive/"), ts.doctor.access, nil)
	r := refusedAppointments{ts: ts, patient: p, archived: archived,
		visit: ts.agendaVisit(t, p), othersVisit: ts.agendaVisit(t, other)}
	ts.book(t, kv{"patient_id": p, "scheduled_at": past, "status": "COMPLETED", "visit": r.visit})
	return r
}

// post books an appointment as the doctor.
func (r refusedAppointments) post(t *testing.T, body kv) (int, []byte) {
	t.Helper()
	status, _, raw := r.ts.do(t, "POST", "/api/appointments/", r.ts.doctor.access, body)
	return status, raw
}

// valid is a valid appointment of the patient, with changes on top.
func (r refusedAppointments) valid(changes kv) kv {
	body := kv{"patient_id": r.patient, "doctor": r.ts.doctor.user.ID,
		"scheduled_at": inDays(30), "reason": "Capture", "notes": "n"}
	for k, v := range changes {
		body[k] = v
	}
	return body
}

func TestCreateAppointmentRefusedAsTheOriginal(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRefusedAppointments(t, st)
		tests := []struct {
			body    kv
			fixture string
		}{
			{kv{}, "appointments_create_missing_fields"},
			{kv{"patient": r.patient, "scheduled_at": inDays(30)},
				"appointments_create_patient_key_ignored"},
			{r.valid(kv{"scheduled_at": "2027-02-30T09:00:00Z"}), "appointments_create_bad_date"},
			{r.valid(kv{"status": "DONE"}), "appointments_create_bad_status"},
			{r.valid(kv{"scheduled_at": "2020-01-01T09:00:00Z"}), "appointments_create_past"},
			{r.valid(kv{"doctor": 999999}), "appointments_create_unknown_doctor"},
			{r.valid(kv{"patient_id": 999999}), "appointments_create_unknown_patient"},
			{r.valid(kv{"visit": r.visit, "status": "COMPLETED"}),
				"appointments_create_visit_taken"},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, raw := r.post(t, tt.body)
				wantBodyOf(t, status, raw, tt.fixture)
			})
		}
		req := r.ts.request(t, "POST", "/api/appointments/", r.ts.doctor.access, kv{})
		req.Header.Set("Accept-Language", "fr")
		status, _, raw := r.ts.send(t, req)
		wantBodyOf(t, status, raw, "appointments_create_missing_fields_fr")
		if n := countAppointments(t, st); n != 1 {
			t.Errorf("%d appointments after refused creations, want the 1 booked first", n)
		}
	})
}

func TestCreateAppointmentRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRefusedAppointments(t, st)
		pkType := `["Incorrect type. Expected pk value, received str."]`
		tests := []struct {
			name string
			body kv
			want string
		}{
			{"confirmed in the past",
				r.valid(kv{"scheduled_at": "2020-01-01T09:00:00Z", "status": "CONFIRMED"}),
				`{"scheduled_at": ["Appointment cannot be in the past."]}`},
			{"archived patient", r.valid(kv{"patient_id": r.archived}), fmt.Sprintf(`{"patient_id":
				["Patient %d is archived: restore the patient first."]}`, r.archived)},
			{"an administrator as doctor", r.valid(kv{"doctor": r.ts.admin.user.ID}), fmt.Sprintf(
				`{"doctor": ["User %d is not a doctor or a nurse."]}`, r.ts.admin.user.ID)},
			{"text patient id", r.valid(kv{"patient_id": "abc"}), `{"patient_id": ` + pkType + `}`},
			{"null patient id", r.valid(kv{"patient_id": nil}),
				`{"patient_id": ["This field may not be null."]}`},
			{"text doctor", r.valid(kv{"doctor": "x"}), `{"doctor": ` + pkType + `}`},
			{"doctor zero", r.valid(kv{"doctor": 0}),
				`{"doctor": ["Invalid pk \"0\" - object does not exist."]}`},
			{"unknown visit", r.valid(kv{"visit": 999999}),
				`{"visit": ["Invalid pk \"999999\" - object does not exist."]}`},
			{"another patient's visit", r.valid(kv{"visit": r.othersVisit}), fmt.Sprintf(
				`{"visit": ["Visit %d belongs to another patient."]}`, r.othersVisit)},
			{"reason too long", r.valid(kv{"reason": strings.Repeat("r", 256)}),
				`{"reason": ["Ensure this field has no more than 255 characters."]}`},
			{"a date alone", r.valid(kv{"scheduled_at": "2027-01-10"}), `{"scheduled_at": [` +
				`"Datetime has wrong format. Use one of these formats instead: ` +
				`YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}`},
			{"lower-case status", r.valid(kv{"status": "scheduled"}),
				`{"status": ["\"scheduled\" is not a valid choice."]}`},
			{"null notes", r.valid(kv{"notes": nil}), `{"notes": ["This field may not be null."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, raw := r.post(t, tt.body)
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		if n := countAppointments(t, st); n != 1 {
			t.Errorf("%d appointments after refused creations, want the 1 booked first", n)
		}
	})
}

func TestGetAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		a := ts.book(t, kv{"patient_id": p.ID, "doctor": ts.doctor.user.ID,
			"scheduled_at": inDays(3), "status": "CONFIRMED", "reason": "Review results"})
		for _, who := range []account{ts.doctor, ts.nurse, ts.admin} {
			status, _, raw := ts.do(t, "GET", apptPath(a.ID), who.access, nil)
			wantShapeOf(t, status, raw, "appointments_detail")
		}
		status, raw := ts.onAppt(t, "GET", 999999, nil)
		wantBodyOf(t, status, raw, "appointments_detail_404")
		for _, id := range []string{"abc", "0", "-1"} {
			status, _, raw := ts.do(t, "GET", "/api/appointments/"+id+"/", ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
		}
	})
}

func TestUpdateAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		a := ts.book(t, kv{"patient_id": p.ID, "doctor": ts.doctor.user.ID,
			"scheduled_at": inDays(30), "reason": "Capture", "notes": "n"})

		later := inDays(32)
		status, raw := ts.onAppt(t, "PUT", a.ID, kv{"patient_id": p.ID, "doctor": ts.doctor.user.ID,
			"scheduled_at": later, "reason": "Capture", "notes": "n", "status": "SCHEDULED"})
		wantShapeOf(t, status, raw, "appointments_put_ok")
		put := decode[apptJSON](t, raw)
		if put.ScheduledAt != later || put.CreatedAt != a.CreatedAt ||
			put.UpdatedAt == a.UpdatedAt {
			t.Errorf("after PUT: scheduled %s, created %s, updated %s; "+
				"want %s, %s kept, updated changed",
				put.ScheduledAt, put.CreatedAt, put.UpdatedAt, later, a.CreatedAt)
		}
		status, raw = ts.onAppt(t, "PUT", a.ID, kv{"reason": "x"})
		wantBodyOf(t, status, raw, "appointments_put_missing_fields")

		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"status": "CONFIRMED"})
		wantShapeOf(t, status, raw, "appointments_patch_status")
		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"status": "nope"})
		wantBodyOf(t, status, raw, "appointments_patch_bad_status")

		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"doctor": nil})
		got := decode[apptJSON](t, raw)
		if status != http.StatusOK || got.Doctor != nil || got.DoctorDetails != nil ||
			got.Status != "CONFIRMED" || got.Notes != "n" || got.ScheduledAt != later {
			t.Errorf("PATCH doctor null: status %d, %+v; want 200, no doctor, the rest kept",
				status, got)
		}
		status, raw = ts.onAppt(t, "PATCH", 999999, kv{"notes": "x"})
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
	})
}

func TestUpdatePastAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		visit := ts.agendaVisit(t, p.ID)
		a := ts.book(t, kv{"patient_id": p.ID, "doctor": ts.doctor.user.ID,
			"scheduled_at": past, "status": "COMPLETED", "visit": visit})

		status, raw := ts.onAppt(t, "PATCH", a.ID, kv{"notes": "post-visit note"})
		wantShapeOf(t, status, raw, "appointments_patch_past_completed_notes")
		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"status": "SCHEDULED"})
		wantBodyOf(t, status, raw, "appointments_patch_past_to_scheduled")
		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"visit": visit})
		wantReply(t, status, raw, http.StatusOK, "")

		ts.do(t, "POST", patientPath(p.ID, "archive/"), ts.doctor.access, nil)
		status, raw = ts.onAppt(t, "PATCH", a.ID, kv{"reason": "kept"})
		got := decode[apptJSON](t, raw)
		if status != http.StatusOK || got.Reason != "kept" || got.Notes != "post-visit note" {
			t.Errorf("PATCH of an archived patient's appointment: %d %+v, want 200 and the change",
				status, got)
		}
		status, raw = ts.onAppt(t, "PUT", a.ID,
			kv{"patient_id": p.ID, "scheduled_at": past, "status": "COMPLETED"})
		wantReply(t, status, raw, http.StatusBadRequest, fmt.Sprintf(
			`{"patient_id": ["Patient %d is archived: restore the patient first."]}`, p.ID))
	})
}

func TestDeleteAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		visit := ts.agendaVisit(t, p.ID)
		done := kv{"patient_id": p.ID, "scheduled_at": past, "status": "COMPLETED", "visit": visit}
		a := ts.book(t, done)
		keep := ts.book(t, kv{"patient_id": p.ID, "scheduled_at": inDays(5)})

		status, raw := ts.onAppt(t, "DELETE", a.ID, nil)
		wantReply(t, status, raw, loadFixture(t, "appointments_delete").Status, "")
		if len(raw) != 0 {
			t.Errorf("DELETE answered %q, want no body", raw)
		}
		status, raw = ts.onAppt(t, "DELETE", a.ID, nil)
		wantBodyOf(t, status, raw, "appointments_delete_404")
		status, raw = ts.onAppt(t, "GET", a.ID, nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)

		visitPath := fmt.Sprintf("/api/visits/%d/", visit)
		for _, path := range []string{apptPath(keep.ID), patientPath(p.ID), visitPath} {
			status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
			if status != http.StatusOK {
				t.Errorf("GET %s after the delete: %d %s, want 200", path, status, raw)
			}
		}
		ts.book(t, done) // the visit is free again
	})
}

func TestDeletingAVisitUnlinksItsAppointment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		visit := ts.agendaVisit(t, p.ID)
		a := ts.book(t, kv{"patient_id": p.ID, "scheduled_at": past, "status": "COMPLETED",
			"visit": visit})
		status, _, raw := ts.do(t, "DELETE", fmt.Sprintf("/api/visits/%d/", visit),
			ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNoContent, "")
		status, raw = ts.onAppt(t, "GET", a.ID, nil)
		if got := decode[apptJSON](t, raw); status != http.StatusOK || got.Visit != nil {
			t.Errorf("appointment after its visit was deleted: %d, visit %v; want 200, null",
				status, got.Visit)
		}
	})
}

func TestAppointmentsNeedAToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "GET", "/api/appointments/", "", nil)
		wantBodyOf(t, status, raw, "appointments_list_no_token")
		status, _, raw = ts.do(t, "GET", "/api/appointments/doctors/", "", nil)
		wantBodyOf(t, status, raw, "appointments_doctors_no_token")
		for _, r := range []struct{ method, path string }{{"POST", "/api/appointments/"},
			{"GET", "/api/appointments/1/"}, {"PUT", "/api/appointments/1/"},
			{"PATCH", "/api/appointments/1/"}, {"DELETE", "/api/appointments/1/"}} {
			status, _, raw := ts.do(t, r.method, r.path, "", kv{})
			wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
		}
		status, h, raw := ts.do(t, "POST", "/api/appointments/5/", ts.doctor.access, kv{})
		wantReply(t, status, raw, http.StatusMethodNotAllowed,
			`{"detail": "Method \"POST\" not allowed."}`)
		wantAllow(t, h, "GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS")
	})
}

func TestListDoctors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, u := range []struct {
			username, first, last string
			role                  clinic.Role
			active                bool
		}{
			{"zhivago", "Youri", "Jivago", clinic.RoleDoctor, true},
			{"eve", "Ève", "Durand", clinic.RoleNurse, true},
			{"aaron", "Aaron", "Left", clinic.RoleDoctor, false},
			{"boss", "Anne", "Admin", clinic.RoleAdmin, true},
		} {
			acct := testUser(u.username, u.role)
			acct.FirstName, acct.LastName, acct.IsActive = u.first, u.last, u.active
			if err := st.CreateUser(t.Context(), acct); err != nil {
				t.Fatal(err)
			}
		}
		status, _, raw := ts.do(t, "GET", "/api/appointments/doctors/", ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "appointments_doctors")
		var got []string
		for _, c := range decode[[]clinicianJSON](t, raw) {
			got = append(got, c.Username+" "+c.Role+" "+c.FullName)
		}
		want := []string{"eve nurse Ève Durand", "drhouse doctor Test Drhouse",
			"nurse1 nurse Test Nurse1", "zhivago doctor Youri Jivago"}
		if !slices.Equal(got, want) {
			t.Errorf("doctors = %q, want %q", got, want)
		}
	})
}

func TestAppointmentsAreAudited(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		a := ts.book(t, kv{"patient_id": p.ID, "scheduled_at": inDays(2)})
		// Reads and refusals are recorded in the background: settle keeps
		// the trail in the order of the requests.
		ts.do(t, "GET", apptPath(a.ID), ts.nurse.access, nil)
		ts.settle(t)
		ts.do(t, "PATCH", apptPath(a.ID), ts.nurse.access, kv{"status": "nope"})
		ts.settle(t)
		ts.do(t, "PATCH", apptPath(a.ID), ts.nurse.access, kv{"status": "CONFIRMED"})
		ts.do(t, "GET", fmt.Sprintf("/api/appointments/?patient=%d", p.ID), ts.nurse.access, nil)
		ts.settle(t)
		ts.do(t, "DELETE", apptPath(a.ID), ts.nurse.access, nil)

		trail := ts.auditTrail(t, url.Values{"user": {fmt.Sprint(ts.nurse.user.ID)}})
		var got []string
		for _, e := range slices.Backward(trail.Results) {
			if e.Resource != "appointment" {
				continue
			}
			got = append(got, fmt.Sprintf("%s %s %s %s %d", e.Action, e.Resource, e.ResourceID,
				optID(e.Patient), e.Status))
		}
		id, pid := a.ID, p.ID
		want := []string{
			fmt.Sprintf("read appointment %d %d 200", id, pid),
			fmt.Sprintf("update appointment %d %d 400", id, pid),
			fmt.Sprintf("update appointment %d %d 200", id, pid),
			fmt.Sprintf("list appointment  %d 200", pid),
			fmt.Sprintf("delete appointment %d %d 204", id, pid),
		}
		if !slices.Equal(got, want) {
			t.Errorf("nurse's audit trail\n%q\nwant\n%q", got, want)
		}
	})
}
