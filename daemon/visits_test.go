package daemon

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// visitJSON is the part of a visit answer the tests read.
type visitJSON struct {
	ID             int64  `json:"id"`
	Patient        int64  `json:"patient"`
	PatientName    string `json:"patient_name"`
	VisitDate      string `json:"visit_date"`
	VisitType      string `json:"visit_type"`
	ChiefComplaint string `json:"chief_complaint"`
	Plan           string `json:"plan"`
	VitalSigns     []struct {
		ID       int64   `json:"id"`
		WeightKg *string `json:"weight_kg"`
	} `json:"vital_signs"`
}

// newPatientFor creates a patient through the API and returns its id.
func newPatientFor(t *testing.T, ts *testServer, first, last string) int64 {
	t.Helper()
	status, _, raw := ts.do(t, "POST", "/api/patients/", ts.doctor.access, map[string]any{
		"first_name": first, "last_name": last, "sex": "F",
		"date_of_birth": "2025-09-01", "address": "12 rue des Lilas",
	})
	if status != http.StatusCreated {
		t.Fatalf("create patient: status %d, body %s", status, raw)
	}
	return decode[struct{ ID int64 }](t, raw).ID
}

// newVisitFor records a visit through the API and returns it.
func newVisitFor(t *testing.T, ts *testServer, body map[string]any) visitJSON {
	t.Helper()
	status, _, raw := ts.do(t, "POST", "/api/visits/", ts.doctor.access, body)
	if status != http.StatusCreated {
		t.Fatalf("create visit %v: status %d, body %s", body, status, raw)
	}
	return decode[visitJSON](t, raw)
}

func TestVisitCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")

		status, _, raw := ts.do(t, "POST", "/api/visits/", ts.doctor.access, map[string]any{
			"patient": pid, "visit_date": "2026-12-03T09:30:00Z", "visit_type": "FOLLOW_UP",
			"chief_complaint": "Capture test", "assessment": "Well", "notes": "line1\nline2",
		})
		wantShapeOf(t, status, raw, "visits_create_ok")
		v := decode[visitJSON](t, raw)
		if v.PatientName != "Alice Dumas" || v.VisitType != "FOLLOW_UP" || v.VisitDate != "2026-12-03T09:30:00Z" {
			t.Errorf("created visit = %+v", v)
		}

		before := time.Now().UTC().Add(-time.Second)
		minimal := newVisitFor(t, ts, map[string]any{"patient": pid})
		at, err := time.Parse(time.RFC3339Nano, minimal.VisitDate)
		if err != nil || at.Before(before) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("visit without a date dated %q, want now", minimal.VisitDate)
		}
		wantUTC(t, "visit_date", minimal.VisitDate)
		if minimal.VisitType != "CONSULTATION" {
			t.Errorf("default visit_type %q, want CONSULTATION", minimal.VisitType)
		}

		dates := []struct{ in, want string }{
			{"2026-12-03T10:30:00", "2026-12-03T10:30:00Z"},
			{"2026-12-03T10:30:00+01:00", "2026-12-03T09:30:00Z"},
			{"2026-12-03T10:30", "2026-12-03T10:30:00Z"},
			{"2026-12-03T10:30:00.250-05:00", "2026-12-03T15:30:00.25Z"},
		}
		for _, d := range dates {
			got := newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": d.in})
			if got.VisitDate != d.want {
				t.Errorf("visit_date %q stored as %q, want %q", d.in, got.VisitDate, d.want)
			}
		}
	})
}

func TestVisitCreateRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		tests := []struct {
			fixture string
			body    map[string]any
		}{
			{"visits_create_bad_date", map[string]any{"patient": pid, "visit_date": "yesterday"}},
			{"visits_create_date_only", map[string]any{"patient": pid, "visit_date": "2026-12-03"}},
			{"visits_create_bad_type", map[string]any{"patient": pid, "visit_type": "SURGERY"}},
			{"visits_create_missing_patient", map[string]any{"visit_type": "CONSULTATION"}},
			{"visits_create_null_patient", map[string]any{"patient": nil}},
			{"visits_create_patient_string", map[string]any{"patient": "abc"}},
			{"visits_create_unknown_patient", map[string]any{"patient": 999999}},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/visits/", ts.doctor.access, tt.body)
				wantBodyOf(t, status, raw, tt.fixture)
			})
		}
		status, _, raw := ts.do(t, "POST", "/api/visits/", ts.doctor.access,
			map[string]any{"patient": pid, "chief_complaint": strings.Repeat("x", 256)})
		wantReply(t, status, raw, 400, `{"chief_complaint": ["Ensure this field has no more than 255 characters."]}`)

		status, _, raw = ts.do(t, "POST", "/api/visits/", ts.doctor.access, map[string]any{"patient": pid, "plan": true})
		wantReply(t, status, raw, 400, `{"plan": ["Not a valid string."]}`)

		if n, _ := st.CountVisits(t.Context(), store.VisitFilter{}); n != 0 {
			t.Errorf("refused writes left %d visits", n)
		}
		status, _, raw = ts.do(t, "POST", "/api/visits/", "", map[string]any{"patient": pid})
		wantBodyOf(t, status, raw, "visits_list_no_token")
	})
}

func TestVisitDetailUpdateDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		v := newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": "2026-12-03T09:30:00Z",
			"visit_type": "FOLLOW_UP", "chief_complaint": "Capture test"})
		path := fmt.Sprintf("/api/visits/%d/", v.ID)
		for _, at := range []string{"2026-12-03T09:40:00Z", "2026-12-03T09:50:00Z"} {
			status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access,
				map[string]any{"visit": v.ID, "measured_at": at, "weight_kg": "12.5"})
			if status != http.StatusCreated {
				t.Fatalf("create vitals: %d %s", status, raw)
			}
		}

		status, _, raw := ts.do(t, "GET", path, ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "visits_detail")
		got := decode[visitJSON](t, raw)
		if len(got.VitalSigns) != 2 || got.VitalSigns[0].ID < got.VitalSigns[1].ID {
			t.Errorf("vital_signs = %+v, want both, newest first", got.VitalSigns)
		}

		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access,
			map[string]any{"plan": "Review in 1 week", "visit_type": "CONSULTATION"})
		wantShapeOf(t, status, raw, "visits_patch_ok")
		if p := decode[visitJSON](t, raw); p.Plan != "Review in 1 week" || p.ChiefComplaint != "Capture test" {
			t.Errorf("PATCH answer = %+v, want the plan changed and the complaint kept", p)
		}
		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"visit_type": "X"})
		wantBodyOf(t, status, raw, "visits_patch_bad_type")
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"chief_complaint": "no patient"})
		wantBodyOf(t, status, raw, "visits_put_missing_patient")
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"patient": pid,
			"visit_date": "2026-12-03T09:30:00Z", "visit_type": "FOLLOW_UP", "chief_complaint": "Put"})
		wantShapeOf(t, status, raw, "visits_put_ok")
		// As in the original, PUT keeps an optional field it does not send.
		if p := decode[visitJSON](t, raw); p.Plan != "Review in 1 week" || p.ChiefComplaint != "Put" {
			t.Errorf("PUT answer = %+v, want the plan kept and the complaint replaced", p)
		}

		status, _, raw = ts.do(t, "POST", path, ts.doctor.access, map[string]any{})
		wantReply(t, status, raw, 405, `{"detail": "Method \"POST\" not allowed."}`)

		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantReply(t, status, raw, 204, "")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "visits_delete_404")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "visits_detail_404")
		if n, _ := st.CountVitalSigns(t.Context(), v.ID); n != 0 {
			t.Errorf("%d vital signs outlived their visit", n)
		}
		for _, p := range []string{"/api/visits/999999/", "/api/visits/abc/"} {
			status, _, raw = ts.do(t, "GET", p, ts.doctor.access, nil)
			wantReply(t, status, raw, 404, `{"detail": "Not found."}`)
		}
	})
}

func TestVisitList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		alice := newPatientFor(t, ts, "Alice", "Dumas")
		helene := newPatientFor(t, ts, "Hélène", "Vincent")
		newVisitFor(t, ts, map[string]any{"patient": alice, "visit_date": "2026-01-01T10:00:00Z", "chief_complaint": "Toux"})
		newVisitFor(t, ts, map[string]any{"patient": helene, "visit_date": "2026-03-01T10:00:00Z", "chief_complaint": "Fièvre"})
		newVisitFor(t, ts, map[string]any{"patient": alice, "visit_date": "2026-02-01T10:00:00Z", "chief_complaint": "Fièvre et toux"})

		status, _, raw := ts.do(t, "GET", "/api/visits/", ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "visits_list")
		all := decode[page[visitJSON]](t, raw)
		var dates []string
		for _, v := range all.Results {
			dates = append(dates, v.VisitDate[:10])
		}
		if strings.Join(dates, " ") != "2026-03-01 2026-02-01 2026-01-01" {
			t.Errorf("visits in order %v, want newest first", dates)
		}

		tests := []struct {
			query string
			count int
		}{
			{fmt.Sprintf("?patient=%d", alice), 2},
			{"?patient=999999", 0},
			{"?search=fievre", 2},
			{"?search=FIÈVRE+toux", 1},
			{"?search=helene", 1},
			{"?search=dumas,toux", 2},
			{fmt.Sprintf("?patient=%d&search=fievre", helene), 1},
			{"?page_size=1&page=3", 3},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, "GET", "/api/visits/"+tt.query, ts.nurse.access, nil)
			if status != 200 {
				t.Fatalf("GET %s: %d %s", tt.query, status, raw)
			}
			if got := decode[page[visitJSON]](t, raw).Count; got != tt.count {
				t.Errorf("GET /api/visits/%s: count %d, want %d", tt.query, got, tt.count)
			}
		}

		status, _, raw = ts.do(t, "GET", "/api/visits/?patient=abc", ts.doctor.access, nil)
		wantReply(t, status, raw, 400, `{"patient": ["A valid integer is required."]}`)
		status, _, raw = ts.do(t, "GET", "/api/visits/?page=999", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "visits_list_page_999")
		status, _, raw = ts.do(t, "GET", "/api/visits/", "", nil)
		wantBodyOf(t, status, raw, "visits_list_no_token")
	})
}

func TestPatientFollowsVisitsAndVitals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Zoé", "Lefèvre-Nguyễn")
		past := newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": "2026-06-01T09:00:00Z"})
		latest := newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": "2026-09-01T09:00:00Z"})
		future := time.Now().UTC().Add(30 * 24 * time.Hour).Truncate(time.Second)
		newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": future.Format(time.RFC3339)})

		addVitals := func(visit int64, at, weight string) {
			status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
				map[string]any{"visit": visit, "measured_at": at, "weight_kg": weight, "head_circumference_cm": 45.5})
			if status != http.StatusCreated {
				t.Fatalf("vitals: %d %s", status, raw)
			}
		}
		addVitals(latest.ID, "2026-09-01T09:10:00Z", "10.2")
		addVitals(past.ID, "2026-06-01T09:10:00Z", "8.75")
		addVitals(latest.ID, "2026-09-01T09:20:00Z", "12.35")

		status, _, raw := ts.do(t, "GET", fmt.Sprintf("/api/patients/%d/", pid), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_detail")
		want := fmt.Sprintf(`"last_visit_date":"2026-09-01T09:00:00Z","next_visit_date":%q,"latest_weight_kg":12.35,"last_visit_id":%d`,
			future.Format(time.RFC3339), latest.ID)
		if !strings.Contains(string(raw), want) {
			t.Errorf("patient = %s\nwant it to contain %s", raw, want)
		}
	})
}
