package daemon

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// rxWorld is a practice ready to prescribe in: two medications (one
// withdrawn), a template, a patient with a visit and another patient.
type rxWorld struct {
	ts                *testServer
	amox, para, gone  int64
	patient, other    int64
	visit, otherVisit int64
	template          int64
}

func newRxWorld(t *testing.T, st *store.Store) rxWorld {
	t.Helper()
	ts := newTestServer(t, st)
	w := rxWorld{ts: ts}
	med := func(name, form, strength string) int64 {
		status, _, raw := ts.do(t, "POST", "/api/prescriptions/medications/", ts.nurse.access,
			map[string]any{"name": name, "form": form, "strength": strength})
		if status != http.StatusCreated {
			t.Fatalf("create medication: %d %s", status, raw)
		}
		return decode[struct{ ID int64 }](t, raw).ID
	}
	w.amox = med("Amoxicillin", "capsule", "250 mg")
	w.para = med("Paracétamol", "oral solution", "160 mg/5 mL")
	w.gone = med("Withdrawn", "", "")
	if status, _, raw := ts.do(t, "DELETE", fmt.Sprintf("/api/prescriptions/medications/%d/", w.gone), ts.doctor.access, nil); status != 204 {
		t.Fatalf("deactivate: %d %s", status, raw)
	}
	w.patient = newPatientFor(t, ts, "Zoé", "Lefèvre-Nguyễn")
	w.other = newPatientFor(t, ts, "Other", "Patient")
	w.visit = newVisitFor(t, ts, map[string]any{"patient": w.patient}).ID
	w.otherVisit = newVisitFor(t, ts, map[string]any{"patient": w.other}).ID
	status, _, raw := ts.do(t, "POST", "/api/prescriptions/templates/", ts.doctor.access, map[string]any{
		"name": "Uncomplicated fever", "name_fr": "Fièvre simple",
		"items": []any{map[string]any{"medication": w.para, "dosage": "5 mL", "frequency": "tid"}},
	})
	if status != http.StatusCreated {
		t.Fatalf("create template: %d %s", status, raw)
	}
	w.template = decode[struct{ ID int64 }](t, raw).ID
	return w
}

func (w rxWorld) body(items ...map[string]any) map[string]any {
	list := make([]any, len(items))
	for i, it := range items {
		list[i] = it
	}
	return map[string]any{"patient": w.patient, "visit": w.visit, "template_used": w.template,
		"notes": "Capture Rx\nSecond line", "items": list}
}

func TestMedications(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		status, _, raw := ts.do(t, "GET", "/api/prescriptions/medications/", ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "medications_list")
		list := decode[page[struct{ Name string }]](t, raw)
		if list.Count != 2 || list.Results[0].Name != "Amoxicillin" || list.Results[1].Name != "Paracétamol" {
			t.Errorf("active medications by name = %+v", list)
		}
		for q, want := range map[string]int{"amox": 1, "paracetamol": 1, "oral": 1, "mg": 2, "withdrawn": 0} {
			_, _, raw := ts.do(t, "GET", "/api/prescriptions/medications/?search="+q, ts.nurse.access, nil)
			if got := decode[page[struct{ ID int64 }]](t, raw).Count; got != want {
				t.Errorf("?search=%s: %d medications, want %d", q, got, want)
			}
		}
		path := fmt.Sprintf("/api/prescriptions/medications/%d/", w.amox)
		status, _, raw = ts.do(t, "GET", path, ts.admin.access, nil)
		wantShapeOf(t, status, raw, "medications_detail")
		status, _, raw = ts.do(t, "PATCH", path, ts.admin.access, map[string]any{"strength": "500 mg"})
		wantReply(t, status, raw, 200, fmt.Sprintf(`{"id": %d, "name": "Amoxicillin", "form": "capsule", "strength": "500 mg", "is_active": true}`, w.amox))
		status, _, raw = ts.do(t, "PUT", path, ts.admin.access, map[string]any{"form": "tablet"})
		wantBodyOf(t, status, raw, "medications_create_missing_name")

		bad := []struct {
			fixture string
			body    map[string]any
		}{
			{"medications_create_missing_name", map[string]any{"form": "tablet"}},
			{"medications_create_too_long", map[string]any{"name": strings.Repeat("x", 121)}},
		}
		for _, b := range bad {
			status, _, raw := ts.do(t, "POST", "/api/prescriptions/medications/", ts.doctor.access, b.body)
			wantBodyOf(t, status, raw, b.fixture)
		}
		status, _, raw = ts.do(t, "GET", fmt.Sprintf("/api/prescriptions/medications/%d/", w.gone), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "medications_detail_inactive_404")
		status, _, raw = ts.do(t, "DELETE", fmt.Sprintf("/api/prescriptions/medications/%d/", w.gone), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "medications_delete_again_404")
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/medications/", "", nil)
		wantBodyOf(t, status, raw, "medications_no_token")
	})
}

func TestTemplates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		status, _, raw := ts.do(t, "POST", "/api/prescriptions/templates/", ts.doctor.access, map[string]any{
			"name": "Capture template", "name_fr": "Modèle capture", "description": "d", "description_fr": "d fr",
			"items": []any{map[string]any{"medication": w.amox, "dosage": "5 mL", "route": "oral",
				"frequency": "bid", "duration": "3 days", "instructions": ""}, map[string]any{"medication": w.para}},
		})
		wantShapeOf(t, status, raw, "templates_create_ok")
		id := decode[struct{ ID int64 }](t, raw).ID
		path := fmt.Sprintf("/api/prescriptions/templates/%d/", id)

		status, _, raw = ts.do(t, "GET", path, ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "templates_detail_new")
		if !strings.Contains(string(raw), `"medication_display":"Amoxicillin 250 mg capsule"`) {
			t.Errorf("detail %s: want medication_display Amoxicillin 250 mg capsule", raw)
		}
		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"description": "patched", "is_active": false})
		wantShapeOf(t, status, raw, "templates_patch_ok")
		if got := strings.Count(string(raw), `"medication":`); got != 2 {
			t.Errorf("PATCH without items kept %d lines, want 2", got)
		}
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"name": "v2", "items": []any{map[string]any{"medication": w.amox}}})
		wantShapeOf(t, status, raw, "templates_put_ok")
		_, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		if got := strings.Count(string(raw), `"medication":`); got != 1 {
			t.Errorf("after PUT with one item the template has %d lines, want 1", got)
		}

		status, _, raw = ts.do(t, "GET", "/api/prescriptions/templates/?search=fievre", ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "templates_list_search")
		if got := decode[page[struct{ ID int64 }]](t, raw).Count; got != 1 {
			t.Errorf("?search=fievre found %d templates, want 1 (by its French name)", got)
		}

		bad := []struct {
			name string
			body map[string]any
			want string
		}{
			{"templates_create_missing_name", map[string]any{"items": []any{}}, ""},
			{"templates_create_bad_medication", map[string]any{"name": "x", "items": []any{map[string]any{"medication": 999999}}}, ""},
			{"inactive", map[string]any{"name": "x", "items": []any{map[string]any{"medication": w.amox}, map[string]any{"medication": w.gone}}},
				`{"items": [{}, {"medication": ["The medication \"Withdrawn\" is no longer in use."]}]}`},
			{"not a list", map[string]any{"name": "x", "items": "x"},
				`{"items": {"non_field_errors": ["Expected a list of items but got type \"str\"."]}}`},
			{"not an object", map[string]any{"name": "x", "items": []any{"x"}},
				`{"items": [{"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}]}`},
		}
		for _, b := range bad {
			status, _, raw := ts.do(t, "POST", "/api/prescriptions/templates/", ts.doctor.access, b.body)
			if b.want == "" {
				wantBodyOf(t, status, raw, b.name)
			} else {
				wantReply(t, status, raw, 400, b.want)
			}
		}
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"description": "x"})
		wantBodyOf(t, status, raw, "templates_put_missing_name")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantReply(t, status, raw, 204, "")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "templates_delete_404")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "templates_detail_404")
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/templates/", "", nil)
		wantBodyOf(t, status, raw, "templates_no_token")
	})
}

func TestPrescriptionLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		body := w.body(map[string]any{"medication": w.para, "dosage": "5 mL", "route": "oral",
			"frequency": "twice daily", "duration": "5 days", "instructions": "After meals",
			"allow_outside_purchase": true}, map[string]any{"medication": w.amox, "dosage": "1 tablet"})
		for _, who := range []account{ts.nurse, ts.admin} {
			status, _, raw := ts.do(t, "POST", "/api/prescriptions/", who.access, body)
			wantBodyOf(t, status, raw, "prescriptions_create_nurse_forbidden")
		}
		status, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access, body)
		wantShapeOf(t, status, raw, "prescriptions_create_ok")
		id := decode[struct{ ID int64 }](t, raw).ID
		path := fmt.Sprintf("/api/prescriptions/%d/", id)

		status, _, raw = ts.do(t, "GET", path, ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "prescriptions_detail_new")
		if !strings.Contains(string(raw), `"first_name":"Zoé"`) || !strings.Contains(string(raw), `"name":"Paracétamol"`) {
			t.Errorf("detail %s: want the nested patient and medications", raw)
		}

		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"notes": "patched"})
		wantShapeOf(t, status, raw, "prescriptions_patch_ok")
		status, _, raw = ts.do(t, "PATCH", path, ts.doctor.access, map[string]any{"items": []any{map[string]any{"medication": w.amox, "dosage": "10 mL"}}})
		wantShapeOf(t, status, raw, "prescriptions_patch_items")
		if strings.Count(string(raw), `"medication":`) != 1 || !strings.Contains(string(raw), `"notes":"patched"`) {
			t.Errorf("PATCH items: %s, want one line and the notes kept", raw)
		}
		status, _, raw = ts.do(t, "PATCH", path, ts.nurse.access, map[string]any{"notes": "x"})
		wantBodyOf(t, status, raw, "prescriptions_patch_nurse_forbidden")
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, map[string]any{"patient": w.patient})
		wantBodyOf(t, status, raw, "prescriptions_put_missing_items")
		status, _, raw = ts.do(t, "PUT", path, ts.doctor.access, body)
		wantShapeOf(t, status, raw, "prescriptions_put_ok")

		status, _, raw = ts.do(t, "GET", fmt.Sprintf("/api/prescriptions/?patient=%d", w.patient), ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "prescriptions_list_patient")
		status, _, raw = ts.do(t, "GET", fmt.Sprintf("/api/prescriptions/?visit=%d", w.otherVisit), ts.nurse.access, nil)
		if got := decode[page[struct{ ID int64 }]](t, raw).Count; status != 200 || got != 0 {
			t.Errorf("?visit= of another visit: %d prescriptions, want 0", got)
		}
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/?patient=abc", ts.nurse.access, nil)
		wantReply(t, status, raw, 400, `{"patient": ["A valid integer is required."]}`)

		status, _, raw = ts.do(t, "DELETE", path, ts.nurse.access, nil)
		wantBodyOf(t, status, raw, "prescriptions_delete_nurse_forbidden")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantReply(t, status, raw, 204, "")
		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "prescriptions_delete_404")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "prescriptions_detail_404")
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/", "", nil)
		wantBodyOf(t, status, raw, "prescriptions_list_no_token")
	})
}

func TestPrescriptionRefusesBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		tests := []struct {
			name string
			body map[string]any
			want string
		}{
			{"prescriptions_create_missing_fields", map[string]any{}, ""},
			{"prescriptions_create_missing_items", map[string]any{"patient": w.patient}, ""},
			{"prescriptions_create_items_not_list", map[string]any{"patient": w.patient, "items": "x"}, ""},
			{"prescriptions_create_item_missing_medication", map[string]any{"patient": w.patient, "items": []any{map[string]any{"dosage": "1"}}}, ""},
			{"prescriptions_create_bad_medication", map[string]any{"patient": w.patient, "items": []any{map[string]any{"medication": 999999}}}, ""},
			{"prescriptions_create_unknown_patient", map[string]any{"patient": 999999, "items": []any{}}, ""},
			{"prescriptions_create_unknown_visit", map[string]any{"patient": w.patient, "visit": 999999, "items": []any{}}, ""},
			{"visit of another patient", map[string]any{"patient": w.patient, "visit": w.otherVisit, "items": []any{}},
				`{"visit": ["This visit belongs to another patient."]}`},
			{"inactive medication", map[string]any{"patient": w.patient, "items": []any{map[string]any{"medication": w.gone}}},
				`{"items": [{"medication": ["The medication \"Withdrawn\" is no longer in use."]}]}`},
			{"unknown template", map[string]any{"patient": w.patient, "template_used": 999999, "items": []any{}},
				`{"template_used": ["Invalid pk \"999999\" - object does not exist."]}`},
			{"long dosage", map[string]any{"patient": w.patient, "items": []any{map[string]any{"medication": w.amox, "dosage": strings.Repeat("x", 121)}}},
				`{"items": [{"dosage": ["Ensure this field has no more than 120 characters."]}]}`},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access, tt.body)
			if tt.want == "" {
				wantBodyOf(t, status, raw, tt.name)
			} else {
				wantReply(t, status, raw, 400, tt.want)
			}
		}
		if n, _ := st.CountPrescriptions(t.Context(), store.PrescriptionFilter{}); n != 0 {
			t.Errorf("refused writes left %d prescriptions", n)
		}
		status, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access, map[string]any{"patient": w.patient, "items": []any{}})
		wantShapeOf(t, status, raw, "prescriptions_create_empty_items")
	})
}

func TestVisitDeletionKeepsPrescriptions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		_, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access, w.body(map[string]any{"medication": w.amox}))
		id := decode[struct{ ID int64 }](t, raw).ID
		if status, _, raw := ts.do(t, "DELETE", fmt.Sprintf("/api/visits/%d/", w.visit), ts.doctor.access, nil); status != 204 {
			t.Fatalf("delete visit: %d %s", status, raw)
		}
		status, _, raw := ts.do(t, "GET", fmt.Sprintf("/api/prescriptions/%d/", id), ts.doctor.access, nil)
		if status != 200 || !strings.Contains(string(raw), `"visit":null`) {
			t.Errorf("prescription after its visit was deleted: %d %s, want it kept with visit null",
				status, raw)
		}
	})
}
