package daemon

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// rxSummaryJSON is a line of the prescriptions list as the API answers it.
type rxSummaryJSON struct {
	ID          int64  `json:"id"`
	VisitID     *int64 `json:"visit_id"`
	PatientID   int64  `json:"patient_id"`
	PatientName string `json:"patient_name"`
}

// rxDetailJSON is the part of a prescription detail the tests read.
type rxDetailJSON struct {
	ID      int64 `json:"id"`
	Patient struct {
		ID        int64  `json:"id"`
		FirstName string `json:"first_name"`
	} `json:"patient"`
	Visit *struct {
		ID int64 `json:"id"`
	} `json:"visit"`
	Items []struct {
		Medication struct {
			ID int64 `json:"id"`
		} `json:"medication"`
		Dosage string `json:"dosage"`
	} `json:"items"`
}

// prescribe writes a prescription as the doctor and returns its id,
// failing the test unless it is created.
func (w rxWorld) prescribe(t *testing.T, body map[string]any) int64 {
	t.Helper()
	status, _, raw := w.ts.do(t, "POST", "/api/prescriptions/", w.ts.doctor.access, body)
	if status != http.StatusCreated {
		t.Fatalf("create prescription %v: status %d, body %s", body, status, raw)
	}
	return decode[struct{ ID int64 }](t, raw).ID
}

// captureBody is the prescription the reference captures wrote: two lines,
// the first with every field, on the patient's visit, from the template.
func (w rxWorld) captureBody() map[string]any {
	return w.body(map[string]any{"medication": w.para, "dosage": "5 mL", "route": "oral",
		"frequency": "twice daily", "duration": "5 days", "instructions": "After meals",
		"allow_outside_purchase": true},
		map[string]any{"medication": w.amox, "dosage": "1 tablet"})
}

// rxPath is a prescription's route, with an optional action after it.
func rxPath(id int64, action ...string) string {
	return fmt.Sprintf("/api/prescriptions/%d/", id) + strings.Join(action, "")
}

// rxList lists prescriptions with a query as who and returns the answer.
func (ts *testServer) rxList(tb testing.TB, who account, query string) (int, []byte) {
	tb.Helper()
	status, _, raw := ts.do(tb, "GET", "/api/prescriptions/"+query, who.access, nil)
	return status, raw
}

// wantRxIDs checks that a page of prescriptions lists exactly these ids,
// in order, and returns the page.
func wantRxIDs(tb testing.TB, raw []byte, want ...int64) pageJSON[rxSummaryJSON] {
	tb.Helper()
	page := decode[pageJSON[rxSummaryJSON]](tb, raw)
	got := []int64{}
	for _, r := range page.Results {
		got = append(got, r.ID)
	}
	if want == nil {
		want = []int64{}
	}
	if !slices.Equal(got, want) {
		tb.Errorf("ids %v, want %v", got, want)
	}
	return page
}

// rxListWorld is an rxWorld with eleven prescriptions, one page and one
// more: eight without a visit, then one on the other patient's visit, then
// two on the patient's visit. newest lists their ids newest first.
type rxListWorld struct {
	rxWorld
	newest  []int64
	onVisit []int64 // on w.visit, newest first
}

func newRxListWorld(t *testing.T, st *store.Store) rxListWorld {
	t.Helper()
	w := rxListWorld{rxWorld: newRxWorld(t, st)}
	var ids []int64
	for i := range 8 {
		ids = append(ids, w.prescribe(t, map[string]any{"patient": w.patient,
			"items": []any{map[string]any{"medication": w.amox, "dosage": strconv.Itoa(i)}}}))
	}
	ids = append(ids, w.prescribe(t, map[string]any{"patient": w.other, "visit": w.otherVisit,
		"items": []any{map[string]any{"medication": w.para}}}))
	for range 2 {
		ids = append(ids, w.prescribe(t, map[string]any{"patient": w.patient, "visit": w.visit,
			"notes": "Drink plenty of fluids.\nRest.", "items": []any{
				map[string]any{"medication": w.amox, "dosage": "2 puffs",
					"frequency": "at bedtime"},
				map[string]any{"medication": w.para, "dosage": "10 mL",
					"route": "oral"},
			}}))
	}
	slices.Reverse(ids)
	w.newest, w.onVisit = ids, ids[:2]
	return w
}

func TestReferencePrescriptionsList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxListWorld(t, st)
		ts := w.ts
		base := ts.url + "/api/prescriptions/"

		status, raw := ts.rxList(t, ts.doctor, "")
		wantShapeOf(t, status, raw, "prescriptions_list")
		page := wantRxIDs(t, raw, w.newest[:10]...)
		if page.Count != 11 {
			t.Errorf("count %d, want 11", page.Count)
		}
		wantLink(t, "next", page.Next, base+"?page=2")
		wantLink(t, "previous", page.Previous, "")
		if len(page.Results) > 0 {
			if got, want := page.Results[0].PatientName, "Zoé Lefèvre-Nguyễn"; got != want {
				t.Errorf("patient_name %q, want %q", got, want)
			}
		}

		status, raw = ts.rxList(t, ts.nurse, "?page_size=2")
		wantShapeOf(t, status, raw, "prescriptions_list_nurse")
		page = wantRxIDs(t, raw, w.newest[:2]...)
		wantLink(t, "next", page.Next, base+"?page=2&page_size=2")
		wantLink(t, "previous", page.Previous, "")

		status, raw = ts.rxList(t, ts.doctor, fmt.Sprintf("?visit=%d", w.visit))
		wantShapeOf(t, status, raw, "prescriptions_list_visit")
		page = wantRxIDs(t, raw, w.onVisit...)
		for _, r := range page.Results {
			if r.VisitID == nil || *r.VisitID != w.visit || r.PatientID != w.patient {
				t.Errorf("?visit=%d listed %+v, want only that visit's prescriptions",
					w.visit, r)
			}
		}
		if page.Count != 2 || page.Next != nil || page.Previous != nil {
			t.Errorf("?visit=%d: count %d, next %s, previous %s; want 2, null, null",
				w.visit, page.Count, deref(page.Next), deref(page.Previous))
		}
	})
}

func TestReferencePrescriptionsListRefusals(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		w.prescribe(t, w.body(map[string]any{"medication": w.amox}))

		status, raw := ts.rxList(t, ts.doctor, "?page=999")
		wantBodyOf(t, status, raw, "prescriptions_list_page_999")

		// prescriptions_list_patient_not_int: the original answered 500 with
		// an HTML page (an unhandled ValueError). API.md wants a 400
		// validation error naming the field, in JSON.
		status, h, raw := ts.do(t, "GET", "/api/prescriptions/?patient=abc", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusBadRequest,
			`{"patient": ["A valid integer is required."]}`)
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("?patient=abc: Content-Type %q, want application/json", ct)
		}

		status, _, raw = ts.do(t, "GET", "/api/prescriptions/unknown-thing/", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "prescriptions_api_root_unknown")
	})
}

func TestReferencePrescriptionsPageSizeCap(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		vid := newVisitFor(t, ts, map[string]any{"patient": pid}).ID
		// Two full pages of 500 and one more, as the reference's third page
		// of 500 was its last; seeded through the store, newest last.
		oldest := int64(0)
		for i := range 1001 {
			p := &clinic.Prescription{PatientID: pid, VisitID: &vid,
				PrescriberID: ts.doctor.user.ID}
			if err := st.CreatePrescription(t.Context(), p, nil); err != nil {
				t.Fatalf("seed prescription %d: %v", i, err)
			}
			if i == 0 {
				oldest = p.ID
			}
		}
		base := ts.url + "/api/prescriptions/"

		status, raw := ts.rxList(t, ts.doctor, "?page_size=500&page=3")
		wantShapeOf(t, status, raw, "prescriptions_list_page_size_500")
		page := wantRxIDs(t, raw, oldest)
		if page.Count != 1001 {
			t.Errorf("count %d, want 1001", page.Count)
		}
		wantLink(t, "next", page.Next, "")
		wantLink(t, "previous", page.Previous, base+"?page=2&page_size=500")

		// API.md caps page_size at 500 outside patients, silently.
		tests := []struct{ query, next string }{
			{"?page_size=500", base + "?page=2&page_size=500"},
			{"?page_size=501", base + "?page=2&page_size=501"},
			{"?page_size=100000", base + "?page=2&page_size=100000"},
		}
		for _, tt := range tests {
			status, raw := ts.rxList(t, ts.doctor, tt.query)
			wantReply(t, status, raw, http.StatusOK, "")
			page := decode[pageJSON[rxSummaryJSON]](t, raw)
			if len(page.Results) != 500 {
				t.Errorf("%s: %d results, want 500", tt.query, len(page.Results))
			}
			wantLink(t, tt.query+" next", page.Next, tt.next)
		}
		status, raw = ts.rxList(t, ts.doctor, "?page_size=100000&page=3")
		wantReply(t, status, raw, http.StatusOK, "")
		wantRxIDs(t, raw, oldest)
	})
}

func TestReferencePrescriptionsDetail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxListWorld(t, st)
		id := w.onVisit[0]
		tests := []struct {
			fixture string
			who     account
		}{
			{"prescriptions_detail", w.ts.doctor},
			{"prescriptions_detail_nurse", w.ts.nurse},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := w.ts.do(t, "GET", rxPath(id), tt.who.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				got := decode[rxDetailJSON](t, raw)
				if got.ID != id || got.Patient.ID != w.patient || got.Patient.FirstName != "Zoé" {
					t.Errorf("id %d, patient %+v; want %d, patient %d Zoé",
						got.ID, got.Patient, id, w.patient)
				}
				if got.Visit == nil || got.Visit.ID != w.visit {
					t.Errorf("visit %+v, want %d", got.Visit, w.visit)
				}
				if len(got.Items) != 2 || got.Items[0].Medication.ID != w.amox ||
					got.Items[0].Dosage != "2 puffs" || got.Items[1].Medication.ID != w.para {
					t.Errorf("items %+v, want Amoxicillin 2 puffs then Paracétamol", got.Items)
				}
			})
		}
	})
}

func TestReferencePrescriptionsCreateRefusals(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		body := w.captureBody()
		tests := []struct {
			fixture string
			token   string
		}{
			{"prescriptions_create_admin_forbidden", w.ts.admin.access},
			{"prescriptions_create_no_token", ""},
		}
		for _, tt := range tests {
			status, _, raw := w.ts.do(t, "POST", "/api/prescriptions/", tt.token, body)
			wantBodyOf(t, status, raw, tt.fixture)
		}
		n, err := st.CountPrescriptions(t.Context(), store.PrescriptionFilter{})
		if err != nil || n != 0 {
			t.Errorf("refused writes left %d prescriptions (%v), want 0", n, err)
		}
	})
}

func TestReferencePrescriptionsCreateAndDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		kept := w.prescribe(t, w.body(map[string]any{"medication": w.para}))

		status, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access,
			map[string]any{"patient": w.patient,
				"items": []any{map[string]any{"medication": w.amox}}})
		wantShapeOf(t, status, raw, "prescriptions_create_no_visit")
		made := decode[struct {
			ID        int64  `json:"id"`
			CreatedAt string `json:"created_at"`
			UpdatedAt string `json:"updated_at"`
		}](t, raw)
		wantUTC(t, "created_at", made.CreatedAt)
		wantUTC(t, "updated_at", made.UpdatedAt)
		wantReply(t, status, raw, http.StatusCreated, fmt.Sprintf(`{"id": %d, "patient": %d,
			"visit": null, "template_used": null, "notes": "", "items": [{"medication": %d,
			"dosage": "", "route": "", "frequency": "", "duration": "", "instructions": "",
			"allow_outside_purchase": false}], "created_at": %q, "updated_at": %q}`,
			made.ID, w.patient, w.amox, made.CreatedAt, made.UpdatedAt))

		status, _, raw = ts.do(t, "DELETE", rxPath(made.ID), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNoContent, "")
		if len(raw) != 0 {
			t.Errorf("DELETE answered a body %q, want none as in prescriptions_delete", raw)
		}
		status, _, raw = ts.do(t, "GET", rxPath(made.ID), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
		status, raw = ts.rxList(t, ts.doctor, "")
		wantReply(t, status, raw, http.StatusOK, "")
		wantRxIDs(t, raw, kept)
	})
}

// refRxID finds the prescription id in a reference PDF request's path.
var refRxID = regexp.MustCompile(`^/api/prescriptions/(\d+)/pdf/$`)

// wantPDFOf checks a PDF answer against a reference capture: its status,
// its Content-Type, its Content-Disposition with the reference's id
// replaced by ours, and a body that is a whole PDF document.
func wantPDFOf(tb testing.TB, status int, h http.Header, doc []byte, id int64, name string) {
	tb.Helper()
	ref := loadFixture(tb, name)
	if status != ref.Status {
		tb.Fatalf("status %d, want %d as in %s", status, ref.Status, name)
	}
	if got, want := h.Get("Content-Type"), ref.Headers["content-type"]; got != want {
		tb.Errorf("Content-Type %q, want %q as in %s", got, want, name)
	}
	m := refRxID.FindStringSubmatch(ref.Request.Path)
	if m == nil {
		tb.Fatalf("reference %s: no prescription id in path %q", name, ref.Request.Path)
	}
	want := strings.Replace(ref.Headers["content-disposition"], "_"+m[1]+".pdf",
		fmt.Sprintf("_%d.pdf", id), 1)
	if got := h.Get("Content-Disposition"); got != want {
		tb.Errorf("Content-Disposition %q, want %q", got, want)
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) ||
		!bytes.Contains(doc[max(0, len(doc)-32):], []byte("%%EOF")) {
		tb.Errorf("body of %d bytes, starting %q, is not a whole PDF", len(doc),
			doc[:min(len(doc), 8)])
	}
}

func TestReferencePrescriptionsPDF(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxListWorld(t, st)
		ts := w.ts
		fresh := w.prescribe(t, w.captureBody())
		tests := []struct {
			fixture string
			who     account
			id      int64
		}{
			{"prescriptions_pdf", ts.doctor, w.onVisit[0]},
			{"prescriptions_pdf_nurse", ts.nurse, w.onVisit[0]},
			{"prescriptions_pdf_new", ts.doctor, fresh},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, h, doc := ts.do(t, "GET", rxPath(tt.id, "pdf/"), tt.who.access, nil)
				wantPDFOf(t, status, h, doc, tt.id, tt.fixture)
			})
		}
	})
}
