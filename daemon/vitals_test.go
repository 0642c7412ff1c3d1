package daemon

import (
	"fmt"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// vitalsJSON is a vital-signs answer as the tests read it.
type vitalsJSON struct {
	ID                  int64   `json:"id"`
	Visit               int64   `json:"visit"`
	MeasuredAt          string  `json:"measured_at"`
	WeightKg            *string `json:"weight_kg"`
	HeightCm            *string `json:"height_cm"`
	TemperatureC        *string `json:"temperature_c"`
	BPSystolic          *int    `json:"bp_systolic"`
	HeadCircumferenceCm *string `json:"head_circumference_cm"`
	Notes               string  `json:"notes"`
}

func orNull(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

// newVitalsVisit makes a patient and a visit for vital-signs tests.
func newVitalsVisit(t *testing.T, ts *testServer) int64 {
	t.Helper()
	pid := newPatientFor(t, ts, "Alice", "Dumas")
	return newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": "2026-12-03T09:30:00Z"}).ID
}

func TestVitalsCreateAndRead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{
			"visit": visit, "measured_at": "2026-12-03T09:40:00Z", "weight_kg": "12.5", "height_cm": 88,
			"temperature_c": 37.8, "bp_systolic": 95, "bp_diastolic": 60, "heart_rate_bpm": 110,
			"respiratory_rate_rpm": 28, "oxygen_saturation_pct": 98, "head_circumference_cm": "48.2",
			"notes": "capture",
		})
		wantShapeOf(t, status, raw, "vitals_create_ok")
		vs := decode[vitalsJSON](t, raw)
		if orNull(vs.WeightKg) != "12.50" || orNull(vs.HeightCm) != "88.00" || orNull(vs.TemperatureC) != "37.8" ||
			orNull(vs.HeadCircumferenceCm) != "48.2" {
			t.Errorf("decimals = %s %s %s %s, want 12.50 88.00 37.8 48.2", orNull(vs.WeightKg),
				orNull(vs.HeightCm), orNull(vs.TemperatureC), orNull(vs.HeadCircumferenceCm))
		}

		status, _, raw = ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{"visit": visit})
		wantShapeOf(t, status, raw, "vitals_create_minimal")

		path := fmt.Sprintf("/api/visits/vitals/%d/", vs.ID)
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "vitals_detail")

		// 12.35 is not a binary fraction: it must come back as it went in.
		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"weight_kg": 12.35, "notes": "patched"})
		wantShapeOf(t, status, raw, "vitals_patch_ok")
		got := decode[vitalsJSON](t, raw)
		if orNull(got.WeightKg) != "12.35" || orNull(got.HeightCm) != "88.00" || got.Notes != "patched" {
			t.Errorf("after PATCH: weight %s height %s notes %q",
				orNull(got.WeightKg), orNull(got.HeightCm), got.Notes)
		}
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		if got := decode[vitalsJSON](t, raw); status != 200 || orNull(got.WeightKg) != "12.35" {
			t.Errorf("stored weight %s, want 12.35", orNull(got.WeightKg))
		}

		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"height_cm": nil})
		if got := decode[vitalsJSON](t, raw); status != 200 || got.HeightCm != nil || orNull(got.WeightKg) != "12.35" {
			t.Errorf("PATCH height_cm null: %d %s", status, raw)
		}

		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"visit": visit, "weight_kg": "13"})
		wantShapeOf(t, status, raw, "vitals_put_ok")
		if got := decode[vitalsJSON](t, raw); orNull(got.WeightKg) != "13.00" || orNull(got.TemperatureC) != "37.8" {
			t.Errorf("PUT: weight %s temperature %s, want 13.00 and the temperature kept",
				orNull(got.WeightKg), orNull(got.TemperatureC))
		}
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"weight_kg": "13"})
		wantReply(t, status, raw, 400, `{"visit": ["This field is required."]}`)
	})
}

func TestVitalsRefuseBadValues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		fixtures := []struct {
			name string
			body map[string]any
		}{
			{"vitals_create_bad_decimal", map[string]any{"visit": visit, "weight_kg": "heavy", "temperature_c": "37.55"}},
			{"vitals_create_too_many_digits", map[string]any{"visit": visit, "weight_kg": "1234.5"}},
			{"vitals_create_missing_visit", map[string]any{"weight_kg": "10"}},
			{"vitals_create_unknown_visit", map[string]any{"visit": 999999}},
		}
		for _, f := range fixtures {
			status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access, f.body)
			wantBodyOf(t, status, raw, f.name)
		}

		ranges := []struct {
			field string
			value any
			want  string
		}{
			{"weight_kg", "0.1", "Ensure this value is between 0.20 and 650.00 kg."},
			{"weight_kg", 700, "Ensure this value is between 0.20 and 650.00 kg."},
			{"height_cm", 300, "Ensure this value is between 20.00 and 275.00 cm."},
			{"temperature_c", 24.9, "Ensure this value is between 25.0 and 45.0 °C."},
			{"temperature_c", "45.1", "Ensure this value is between 25.0 and 45.0 °C."},
			{"head_circumference_cm", 80, "Ensure this value is between 15.0 and 75.0 cm."},
			{"bp_systolic", 301, "Ensure this value is between 40 and 300 mmHg."},
			{"bp_diastolic", 5, "Ensure this value is between 10 and 200 mmHg."},
			{"heart_rate_bpm", -1, "Ensure this value is between 20 and 300 /min."},
			{"respiratory_rate_rpm", 200, "Ensure this value is between 4 and 120 /min."},
			{"oxygen_saturation_pct", 101, "Ensure this value is between 40 and 100 %."},
			{"oxygen_saturation_pct", 40000, "Ensure this value is between 40 and 100 %."},
			{"heart_rate_bpm", 80.5, "A valid integer is required."},
			{"heart_rate_bpm", "fast", "A valid integer is required."},
			{"weight_kg", true, "A valid number is required."},
			{"head_circumference_cm", "48.25", "Ensure that there are no more than 1 decimal places."},
		}
		for _, r := range ranges {
			status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
				map[string]any{"visit": visit, r.field: r.value})
			want := fmt.Sprintf(`{%q: [%q]}`, r.field, r.want)
			if status != 400 || !sameJSON(raw, []byte(want)) {
				t.Errorf("%s = %v: %d %s, want 400 %s", r.field, r.value, status, raw, want)
			}
		}

		status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
			map[string]any{"visit": visit, "bp_systolic": 80, "bp_diastolic": 80})
		wantReply(t, status, raw, 400, `{"bp_diastolic": ["Diastolic pressure must be lower than systolic pressure."]}`)

		req := ts.request(t, "POST", "/api/visits/vitals/", ts.doctor.access, map[string]any{"visit": visit, "temperature_c": 47})
		req.Header.Set("Accept-Language", "fr")
		status, _, raw = ts.send(t, req)
		wantReply(t, status, raw, 400, `{"temperature_c": ["Assurez-vous que cette valeur est comprise entre 25.0 et 45.0 °C."]}`)

		if n, _ := st.CountVitalSigns(t.Context(), 0); n != 0 {
			t.Errorf("refused writes left %d rows", n)
		}
	})
}

func TestVitalsFailedPatchChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		_, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
			map[string]any{"visit": visit, "weight_kg": "10.00", "temperature_c": "37.0"})
		path := fmt.Sprintf("/api/visits/vitals/%d/", decode[vitalsJSON](t, raw).ID)

		status, _, _ := ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"weight_kg": "11", "temperature_c": 99})
		if status != 400 {
			t.Fatalf("PATCH with a bad temperature: %d, want 400", status)
		}
		_, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		if got := decode[vitalsJSON](t, raw); orNull(got.WeightKg) != "10.00" {
			t.Errorf("weight after a refused PATCH = %s, want 10.00", orNull(got.WeightKg))
		}
		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"visit": 999999})
		wantReply(t, status, raw, 400, `{"visit": ["Invalid pk \"999999\" - object does not exist."]}`)
	})
}

func TestVitalsListAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		first := newVitalsVisit(t, ts)
		second := newVisitFor(t, ts, map[string]any{"patient": newPatientFor(t, ts, "B", "B")}).ID
		for _, v := range []struct {
			visit int64
			at    string
		}{{first, "2026-01-01T10:00:00Z"}, {second, "2026-03-01T10:00:00Z"}, {first, "2026-02-01T10:00:00Z"}} {
			ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access, map[string]any{"visit": v.visit, "measured_at": v.at})
		}
		status, _, raw := ts.do(t, "GET", "/api/visits/vitals/", ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "vitals_list")
		list := decode[page[vitalsJSON]](t, raw)
		if list.Count != 3 || list.Results[0].MeasuredAt != "2026-03-01T10:00:00Z" || list.Results[2].MeasuredAt != "2026-01-01T10:00:00Z" {
			t.Errorf("list = %+v, want three, newest first", list)
		}
		status, _, raw = ts.do(t, "GET", fmt.Sprintf("/api/visits/vitals/?visit=%d", first), ts.doctor.access, nil)
		if got := decode[page[vitalsJSON]](t, raw); status != 200 || got.Count != 2 {
			t.Errorf("?visit=%d: %d %s, want 2 rows", first, status, raw)
		}
		status, _, raw = ts.do(t, "GET", "/api/visits/vitals/?visit=abc", ts.doctor.access, nil)
		wantReply(t, status, raw, 400, `{"visit": ["A valid integer is required."]}`)
		status, _, raw = ts.do(t, "GET", "/api/visits/vitals/", "", nil)
		wantBodyOf(t, status, raw, "vitals_no_token")

		path := fmt.Sprintf("/api/visits/vitals/%d/", list.Results[0].ID)
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantReply(t, status, raw, 204, "")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "vitals_delete_404")
		status, _, raw = ts.do(t, "GET", "/api/visits/vitals/999999/", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "vitals_detail_404")
	})
}

func TestVisitWritesAreAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{"visit": visit})
		ts.do(t, "GET", fmt.Sprintf("/api/visits/%d/", visit), ts.nurse.access, nil)
		ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{"visit": visit, "temperature_c": 99})
		ts.settle(t)

		events, err := st.AuditEvents(t.Context(), store.AuditFilter{UserID: ts.nurse.user.ID}, 3, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range events {
			if e.Outcome == "success" && e.PatientID == nil {
				t.Errorf("event %+v names no patient", e)
			}
			got = append(got, e.Action+" "+e.Resource+" "+e.Outcome)
		}
		want := "create vital_signs invalid|read visit success|create vital_signs success"
		if fmt.Sprint(got) != fmt.Sprint(strings.Split(want, "|")) {
			t.Errorf("nurse's audit events = %v, want %v", got, strings.Split(want, "|"))
		}
	})
}
