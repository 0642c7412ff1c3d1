package daemon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// These tests hold the visit and vital-sign routes to reference responses
// of the original API: each makes the request a capture made, on records
// of its own, and compares our answer with the captured one. Ids and the
// times a server sets differ by nature; everything else the request
// decides is compared as a value.

// visitsRefBody is the body of a reference request with the ids it sent
// replaced by ours; every key of ids must be in the request.
func visitsRefBody(tb testing.TB, name string, ids kv) kv {
	tb.Helper()
	body := decode[kv](tb, loadFixture(tb, name).Request.Body)
	for k, v := range ids {
		if _, ok := body[k]; !ok {
			tb.Fatalf("reference request %s sends no %q: %v", name, k, body)
		}
		body[k] = v
	}
	return body
}

// wantVisitsRefValues checks that our body holds the reference body's
// values, once the keys of ours (ids, server-set times) are set in it.
func wantVisitsRefValues(tb testing.TB, raw []byte, name string, ours kv) {
	tb.Helper()
	var want map[string]any
	if err := json.Unmarshal(loadFixture(tb, name).Body, &want); err != nil {
		tb.Fatalf("reference %s: %v", name, err)
	}
	for k, v := range ours {
		want[k] = v
	}
	wantJSON, err := json.Marshal(want)
	if err != nil {
		tb.Fatalf("encode the values of %s: %v", name, err)
	}
	if !sameJSON(raw, wantJSON) {
		tb.Errorf("body\n%s\nwant the values of %s\n%s", raw, name, wantJSON)
	}
}

// visitsRefStamps returns our created_at and updated_at, after checking
// that they read as API.md writes datetimes: they come from our clock.
func visitsRefStamps(tb testing.TB, raw []byte) kv {
	tb.Helper()
	stamps := decode[struct {
		CreatedAt string `json:"created_at"`
		UpdatedAt string `json:"updated_at"`
	}](tb, raw)
	wantUTC(tb, "created_at", stamps.CreatedAt)
	wantUTC(tb, "updated_at", stamps.UpdatedAt)
	return kv{"created_at": stamps.CreatedAt, "updated_at": stamps.UpdatedAt}
}

// wantVisitsRefNoBody checks the status of a reference answer that had no
// body, and that ours has none either.
func wantVisitsRefNoBody(tb testing.TB, status int, raw []byte, name string) {
	tb.Helper()
	wantReply(tb, status, raw, loadFixture(tb, name).Status, "")
	if len(raw) != 0 {
		tb.Errorf("body %q, want none as in %s", raw, name)
	}
}

func TestReferenceVisitsCreate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		tests := []struct {
			fixture string
			date    string // the visit_date API.md makes of the one sent; "" for now
		}{
			{"visits_create_minimal", ""},
			// API.md: a datetime without offset is taken as UTC.
			{"visits_create_naive_datetime", "2026-12-03T10:30:00Z"},
			// API.md: one with an offset is converted to UTC, with a Z.
			{"visits_create_offset_datetime", "2026-12-03T09:30:00Z"},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				before := time.Now().Truncate(time.Millisecond)
				status, _, raw := ts.do(t, "POST", "/api/visits/", ts.doctor.access,
					visitsRefBody(t, tt.fixture, kv{"patient": pid}))
				after := time.Now()
				wantShapeOf(t, status, raw, tt.fixture)

				got := decode[visitJSON](t, raw)
				wantUTC(t, "visit_date", got.VisitDate)
				if tt.date == "" {
					at, err := time.Parse(time.RFC3339Nano, got.VisitDate)
					if err != nil || at.Before(before) || at.After(after) {
						t.Errorf("visit_date %q, want now, between %v and %v",
							got.VisitDate, before.UTC(), after.UTC())
					}
				} else if got.VisitDate != tt.date {
					t.Errorf("visit_date %q, want %q", got.VisitDate, tt.date)
				}
				ours := visitsRefStamps(t, raw)
				ours["id"], ours["patient"], ours["visit_date"] = got.ID, pid, got.VisitDate
				wantVisitsRefValues(t, raw, tt.fixture, ours)
			})
		}
	})
}

func TestReferenceVisitsDetailAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		// visits_detail_new reads the visit visits_create_ok made.
		v := newVisitFor(t, ts, visitsRefBody(t, "visits_create_ok", kv{"patient": pid}))
		path := fmt.Sprintf("/api/visits/%d/", v.ID)

		status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "visits_detail_new")
		ours := visitsRefStamps(t, raw)
		ours["id"], ours["patient"] = v.ID, pid
		wantVisitsRefValues(t, raw, "visits_detail_new", ours)

		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantVisitsRefNoBody(t, status, raw, "visits_delete")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "visits_detail_404")
		if n, err := st.CountVisits(t.Context(), store.VisitFilter{}); err != nil || n != 0 {
			t.Errorf("after DELETE: %d visits (%v), want 0", n, err)
		}
	})
}

func TestReferenceVisitsVitalsDetailAndDelete(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		// vitals_detail_new reads the vital signs vitals_create_ok made.
		status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
			visitsRefBody(t, "vitals_create_ok", kv{"visit": visit}))
		if status != http.StatusCreated {
			t.Fatalf("create vital signs: status %d, body %s", status, raw)
		}
		id := decode[vitalsJSON](t, raw).ID
		path := fmt.Sprintf("/api/visits/vitals/%d/", id)

		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "vitals_detail_new")
		wantVisitsRefValues(t, raw, "vitals_detail_new", kv{"id": id, "visit": visit})

		status, _, raw = ts.do(t, "DELETE", path, ts.doctor.access, nil)
		wantVisitsRefNoBody(t, status, raw, "vitals_delete")
		status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "vitals_detail_404")

		status, _, raw = ts.do(t, "GET", fmt.Sprintf("/api/visits/%d/", visit),
			ts.doctor.access, nil)
		if got := decode[visitJSON](t, raw); status != http.StatusOK || len(got.VitalSigns) != 0 {
			t.Errorf("the visit after its vital signs went: %d %s, want 200 and none left",
				status, raw)
		}
	})
}

func TestReferenceVisitsVitalsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visit := newVitalsVisit(t, ts)
		tests := []struct {
			fixture string
			want    string // the body API.md gives where the reference's is a defect
		}{
			{"vitals_create_too_many_decimals", ""},
			// The original answered 500 (a CHECK constraint failing on
			// SQLite). API.md (beyond) and clinic.HeartRateRange refuse a
			// heart rate outside 20-300 /min with a 400 naming the field.
			{"vitals_create_negative_int",
				`{"heart_rate_bpm": ["Ensure this value is between 20 and 300 /min."]}`},
			// The original stored an SpO2 of 40000 %. API.md (beyond) and
			// clinic.SaturationRange refuse SpO2 outside 40-100 %.
			{"vitals_create_int_over_32767",
				`{"oxygen_saturation_pct": ["Ensure this value is between 40 and 100 %."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.doctor.access,
					visitsRefBody(t, tt.fixture, kv{"visit": visit}))
				if tt.want == "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		if n, err := st.CountVitalSigns(t.Context(), visit); err != nil || n != 0 {
			t.Errorf("refused writes left %d vital signs (%v), want 0", n, err)
		}
	})
}

func TestReferenceVisitsFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		alice, ids, vitals := seedVisitsRefFilters(t, ts)
		tests := []struct {
			fixture, path string
			key           string  // the field the filter matches
			match         int64   // its value
			want          []int64 // ids of the rows, newest first
		}{
			{"visits_list_patient", fmt.Sprintf("/api/visits/?patient=%d", alice),
				"patient", alice, []int64{ids[2], ids[4], ids[0]}},
			{"vitals_list_visit", fmt.Sprintf("/api/visits/vitals/?visit=%d", ids[2]),
				"visit", ids[2], []int64{vitals[2], vitals[0]}},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", tt.path, ts.doctor.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				wantVisitsRefRows(t, raw, tt.key, tt.match, tt.want)
			})
		}

		status, _, raw := ts.do(t, "GET", "/api/visits/?patient=999999", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "visits_list_patient_unknown")

		// The original answered 500 with an HTML page to a filter that is
		// not a number. API.md never answers 500 to bad input: a bad
		// parameter is a 400 validation error naming it.
		notInt := []struct{ fixture, path, want string }{
			{"visits_list_patient_not_int", "/api/visits/?patient=abc",
				`{"patient": ["A valid integer is required."]}`},
			{"vitals_list_visit_not_int", "/api/visits/vitals/?visit=abc",
				`{"visit": ["A valid integer is required."]}`},
		}
		for _, tt := range notInt {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", tt.path, ts.doctor.access, nil)
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
	})
}

// seedVisitsRefFilters records five visits of two patients, Alice (the
// first patient) having visits 0, 2 and 4, and three vital signs, 0 and 2
// on visit 2. It returns Alice's id and the ids of both, in creation order.
func seedVisitsRefFilters(t *testing.T, ts *testServer) (alice int64, visits, vitals []int64) {
	t.Helper()
	alice = newPatientFor(t, ts, "Alice", "Dumas")
	bob := newPatientFor(t, ts, "Bob", "Martin")
	for _, v := range []struct {
		patient int64
		date    string
	}{
		{alice, "2026-01-01T10:00:00Z"}, {bob, "2026-04-01T10:00:00Z"},
		{alice, "2026-03-01T10:00:00Z"}, {bob, "2026-02-01T10:00:00Z"},
		{alice, "2026-02-15T10:00:00Z"},
	} {
		body := kv{"patient": v.patient, "visit_date": v.date}
		visits = append(visits, newVisitFor(t, ts, body).ID)
	}
	for _, s := range []struct {
		visit int64
		at    string
	}{
		{visits[2], "2026-03-01T10:05:00Z"}, {visits[1], "2026-04-01T10:05:00Z"},
		{visits[2], "2026-03-01T10:15:00Z"},
	} {
		status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, kv{
			"visit": s.visit, "measured_at": s.at, "weight_kg": "12.5", "heart_rate_bpm": 110})
		if status != http.StatusCreated {
			t.Fatalf("create vital signs: status %d, body %s", status, raw)
		}
		vitals = append(vitals, decode[vitalsJSON](t, raw).ID)
	}
	return alice, visits, vitals
}

// wantVisitsRefRows checks that a one-page list holds exactly the rows
// want, in order, each with key set to match.
func wantVisitsRefRows(tb testing.TB, raw []byte, key string, match int64, want []int64) {
	tb.Helper()
	list := decode[pageJSON[map[string]any]](tb, raw)
	var got []int64
	for _, row := range list.Results {
		id, _ := row["id"].(float64)
		got = append(got, int64(id))
		if v, _ := row[key].(float64); int64(v) != match {
			tb.Errorf("row %v has %s %v, want %d", row["id"], key, row[key], match)
		}
	}
	if !slices.Equal(got, want) || list.Count != len(want) {
		tb.Errorf("count %d, rows %v; want %d, rows %v", list.Count, got, len(want), want)
	}
	if list.Next != nil || list.Previous != nil {
		tb.Errorf("next %v, previous %v, want both null", deref(list.Next), deref(list.Previous))
	}
}

// seedVisitsRefPages stores 501 visits of one patient, a minute apart,
// and two vital signs on each: more rows than the largest page of either
// list. It returns the ids of both, newest first.
func seedVisitsRefPages(t *testing.T, ts *testServer) (visits, vitals []int64) {
	t.Helper()
	pid := newPatientFor(t, ts, "Alice", "Dumas")
	top := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	weight := clinic.Decimal{Units: 1250, Places: 2}
	temperature := clinic.Decimal{Units: 378, Places: 1}
	rate := int64(110)
	for i := range 501 {
		at := top.Add(-time.Duration(i) * time.Minute)
		v := &clinic.Visit{PatientID: pid, VisitDate: at, VisitType: clinic.VisitConsultation}
		if err := ts.store.CreateVisit(t.Context(), v, nil); err != nil {
			t.Fatalf("seed visit %d: %v", i, err)
		}
		visits = append(visits, v.ID)
		for j := range 2 {
			vs := &clinic.VitalSigns{VisitID: v.ID,
				MeasuredAt: at.Add(-time.Duration(j) * time.Second), WeightKg: &weight,
				TemperatureC: &temperature, HeartRateBPM: &rate, Notes: "seed"}
			if err := ts.store.CreateVitalSigns(t.Context(), vs, nil); err != nil {
				t.Fatalf("seed vital signs %d.%d: %v", i, j, err)
			}
			vitals = append(vitals, vs.ID)
		}
	}
	return visits, vitals
}

func TestReferenceVisitsPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		visits, vitals := seedVisitsRefPages(t, ts)
		// API.md: page_size is capped at 500 outside patients, silently;
		// next and previous keep the other parameters as sent, and the
		// link to page 1 has no page parameter.
		tests := []struct {
			fixture, path  string
			count          int
			want           []int64 // the page's rows, newest first
			next, previous string  // paths, "" for null
		}{
			{"visits_list_page2", "/api/visits/?page=2", 501, visits[10:20],
				"/api/visits/?page=3", "/api/visits/"},
			{"visits_list_page_size_500", "/api/visits/?page_size=500", 501, visits[:500],
				"/api/visits/?page=2&page_size=500", ""},
			{"visits_list_page_size_1000", "/api/visits/?page_size=1000", 501, visits[:500],
				"/api/visits/?page=2&page_size=1000", ""},
			{"vitals_list_page_size_1000", "/api/visits/vitals/?page_size=1000&page=2", 1002,
				vitals[500:1000], "/api/visits/vitals/?page=3&page_size=1000",
				"/api/visits/vitals/?page_size=1000"},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", tt.path, ts.doctor.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				list := decode[pageJSON[struct{ ID int64 }]](t, raw)
				var got []int64
				for _, row := range list.Results {
					got = append(got, row.ID)
				}
				if list.Count != tt.count || !slices.Equal(got, tt.want) {
					t.Errorf("count %d, %d rows from %v; want %d, %d rows from %d",
						list.Count, len(got), visitsRefFirst(got),
						tt.count, len(tt.want), tt.want[0])
				}
				wantLink(t, "next", list.Next, visitsRefURL(ts, tt.next))
				wantLink(t, "previous", list.Previous, visitsRefURL(ts, tt.previous))
			})
		}
	})
}

// visitsRefURL is path on the test server as an absolute URL, or "" for "".
func visitsRefURL(ts *testServer, path string) string {
	if path == "" {
		return ""
	}
	return ts.url + path
}

// visitsRefFirst is the first id of a list, or "none".
func visitsRefFirst(ids []int64) string {
	if len(ids) == 0 {
		return "none"
	}
	return fmt.Sprint(ids[0])
}

func TestReferenceVisitsPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Alice", "Dumas")
		v := newVisitFor(t, ts, visitsRefBody(t, "visits_create_ok", kv{"patient": pid}))
		ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access,
			visitsRefBody(t, "vitals_create_ok", kv{"visit": v.ID}))

		// The original answered this 404 with an HTML page saying "Visit
		// not found", unlike every other 404 of its API, the prescription
		// PDF's included. We keep its status and answer the JSON body of
		// API.md's error table, as the prescription PDF does.
		status, h, raw := ts.do(t, "GET", "/api/visits/999999/pdf/", ts.doctor.access, nil)
		if ref := loadFixture(t, "visits_pdf_404"); status != ref.Status {
			t.Errorf("status %d, want %d as in visits_pdf_404", status, ref.Status)
		}
		wantReply(t, status, raw, 404, `{"detail": "Not found."}`)
		wantHeader(t, h, "Content-Type", "application/json; charset=utf-8")

		// The summary is signed by whoever asks for it, a nurse too.
		tests := []struct {
			fixture        string
			who            account
			signer, absent string
		}{
			{"visits_pdf", ts.doctor, "Dr. Test Drhouse", "Nurse1"},
			{"visits_pdf_nurse", ts.nurse, "Dr. Test Nurse1", "Drhouse"},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, h, doc := ts.do(t, "GET", fmt.Sprintf("/api/visits/%d/pdf/", v.ID),
					tt.who.access, nil)
				wantVisitsRefPDF(t, status, h, doc, tt.fixture, v.ID)
				text := pdfText(t, doc)
				if !strings.Contains(text, tt.signer) || strings.Contains(text, tt.absent) {
					t.Errorf("summary asked by %s: want it signed %q, naming no %q:\n%s",
						tt.who.user.Username, tt.signer, tt.absent, text)
				}
			})
		}
	})
}

// wantVisitsRefPDF checks a visit summary download against a reference
// one of visit 1: status, Content-Type, Content-Disposition (API.md:
// attachment; filename="resume_visite_{id}.pdf") and a PDF body.
func wantVisitsRefPDF(tb testing.TB, status int, h http.Header, doc []byte, name string, id int64) {
	tb.Helper()
	ref := loadFixture(tb, name)
	if status != ref.Status {
		tb.Fatalf("status %d, want %d as in %s; body %.200q", status, ref.Status, name, doc)
	}
	if got, want := h.Get("Content-Type"), ref.Headers["content-type"]; got != want {
		tb.Errorf("Content-Type %q, want %q as in %s", got, want, name)
	}
	want := strings.Replace(ref.Headers["content-disposition"], `resume_visite_1.pdf"`,
		fmt.Sprintf(`resume_visite_%d.pdf"`, id), 1)
	if got := h.Get("Content-Disposition"); got != want ||
		want != fmt.Sprintf(`attachment; filename="resume_visite_%d.pdf"`, id) {
		tb.Errorf("Content-Disposition %q, want %q as in %s", got, want, name)
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) ||
		!bytes.HasSuffix(bytes.TrimSpace(doc), []byte("%%EOF")) {
		tb.Errorf("body of %d bytes starting %.16q, want a whole PDF", len(doc), doc)
	}
}
