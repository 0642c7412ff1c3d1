package daemon

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// seedAppointment saves an appointment through the store, past ones too,
// and returns its id.
func seedAppointment(tb testing.TB, st *store.Store, patientID int64, at time.Time,
	status string) int64 {
	tb.Helper()
	a := &clinic.Appointment{Patient: clinic.PatientRef{ID: patientID}, ScheduledAt: at,
		Status: status}
	if err := st.CreateAppointment(tb.Context(), a, nil); err != nil {
		tb.Fatalf("seed appointment at %v: %v", at, err)
	}
	return a.ID
}

// wantApptIDs checks that a page of appointments lists exactly these ids,
// in order, and returns the page.
func wantApptIDs(tb testing.TB, raw []byte, want ...int64) pageJSON[apptJSON] {
	tb.Helper()
	page := decode[pageJSON[apptJSON]](tb, raw)
	got := []int64{}
	for _, a := range page.Results {
		got = append(got, a.ID)
	}
	if want == nil {
		want = []int64{}
	}
	if !slices.Equal(got, want) {
		tb.Errorf("ids %v, want %v", got, want)
	}
	return page
}

// agenda lists appointments as the doctor.
func (ts *testServer) agenda(tb testing.TB, query string) (int, []byte) {
	tb.Helper()
	status, _, raw := ts.do(tb, "GET", "/api/appointments/"+query, ts.doctor.access, nil)
	return status, raw
}

func TestAppointmentListFilters(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		alice := ts.createPatient(t, ts.doctor, zoe(map[string]any{"first_name": "Alice"}))
		bruno := ts.createPatient(t, ts.doctor, zoe(map[string]any{"first_name": "Bruno"}))
		now, day := time.Now(), 24*time.Hour
		done := seedAppointment(t, st, alice.ID, now.Add(-10*day), clinic.StatusCompleted)
		late := seedAppointment(t, st, alice.ID, now.Add(-time.Hour), clinic.StatusScheduled)
		soon := seedAppointment(t, st, bruno.ID, now.Add(day), clinic.StatusConfirmed)
		off := seedAppointment(t, st, alice.ID, now.Add(2*day), clinic.StatusCancelled)
		next := seedAppointment(t, st, bruno.ID, now.Add(3*day), clinic.StatusScheduled)
		absent := seedAppointment(t, st, alice.ID, now.Add(4*day), clinic.StatusNoShow)

		all := []int64{absent, next, off, soon, late, done}
		tests := []struct {
			query   string
			fixture string
			want    []int64
		}{
			{"", "appointments_list", all},
			{fmt.Sprintf("?patient=%d", bruno.ID), "appointments_list_patient",
				[]int64{next, soon}},
			{"?status=SCHEDULED", "appointments_list_status", []int64{next, late}},
			{"?status=BOGUS", "appointments_list_status_unknown", nil},
			{"?upcoming=true", "appointments_list_upcoming", []int64{next, soon}},
			{"?upcoming=false&page_size=2", "appointments_list_upcoming_false", all[:2]},
			{"?upcoming=true&status=CONFIRMED&page_size=3", "appointments_list_upcoming_status",
				[]int64{soon}},
			{"?page_size=500", "appointments_list_page_size_500", all},
			{"?patient=999999", "", nil},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				status, raw := ts.agenda(t, tt.query)
				if tt.fixture != "" {
					wantShapeOf(t, status, raw, tt.fixture)
				}
				wantReply(t, status, raw, http.StatusOK, "")
				wantApptIDs(t, raw, tt.want...)
			})
		}
	})
}

func TestAppointmentListPages(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		var ids []int64 // latest first
		for i := 5; i > 0; i-- {
			at := time.Now().Add(time.Duration(i) * time.Hour)
			ids = append(ids, seedAppointment(t, st, p.ID, at, clinic.StatusScheduled))
		}
		base := ts.url + "/api/appointments/"
		status, raw := ts.agenda(t, "?page=2&page_size=2&upcoming=true")
		wantReply(t, status, raw, http.StatusOK, "")
		page := wantApptIDs(t, raw, ids[2:4]...)
		if page.Count != 5 {
			t.Errorf("count %d, want 5", page.Count)
		}
		wantLink(t, "next", page.Next, base+"?page=3&page_size=2&upcoming=true")
		wantLink(t, "previous", page.Previous, base+"?page_size=2&upcoming=true")

		status, raw = ts.agenda(t, "?page=last&page_size=2")
		wantReply(t, status, raw, http.StatusOK, "")
		wantApptIDs(t, raw, ids[4])

		status, raw = ts.agenda(t, "?page=999")
		wantBodyOf(t, status, raw, "appointments_list_page_999")
		status, raw = ts.agenda(t, "?page_size=1000")
		if page := wantApptIDs(t, raw, ids...); status != http.StatusOK || page.Next != nil {
			t.Errorf("page_size=1000: status %d, next %v; want 200 and every appointment",
				status, deref(page.Next))
		}
	})
}

func TestAppointmentListRefusesBadFilters(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		dateFormat := `["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]`
		notInt := `["A valid integer is required."]`
		tests := []struct{ query, want string }{
			{"?patient=abc", `{"patient": ` + notInt + `}`},
			{"?patient=0", `{"patient": ` + notInt + `}`},
			{"?start_date=2026-13-01", `{"start_date": ` + dateFormat + `}`},
			{"?end_date=tomorrow", `{"end_date": ` + dateFormat + `}`},
			{"?start_date=2027-02-30&end_date=10/03/2027&patient=x", `{"patient": ` + notInt +
				`, "start_date": ` + dateFormat + `, "end_date": ` + dateFormat + `}`},
		}
		for _, tt := range tests {
			status, raw := ts.agenda(t, tt.query)
			wantReply(t, status, raw, http.StatusBadRequest, tt.want)
		}
	})
}

func TestAppointmentListByDayInTheClinicsZone(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		// Ten hours east of UTC, 10 March 2027 runs from 9 March 14:00 UTC
		// to 10 March 14:00 UTC.
		east := time.FixedZone("UTC+10", 10*3600)
		ts := newTestServer(t, st, func(c *Config) { c.Location = east })
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		at := func(s string) int64 {
			t.Helper()
			when, err := time.Parse(time.RFC3339, s)
			if err != nil {
				t.Fatal(err)
			}
			return seedAppointment(t, st, p.ID, when, clinic.StatusScheduled)
		}
		before := at("2027-03-09T13:59:59Z")
		first := at("2027-03-09T14:00:00Z")
		last := at("2027-03-10T13:59:59Z")
		after := at("2027-03-10T14:00:00Z")

		tests := []struct {
			query string
			want  []int64
		}{
			{"?start_date=2027-03-10&end_date=2027-03-10", []int64{last, first}},
			{"?start_date=2027-03-11", []int64{after}},
			{"?end_date=2027-03-09", []int64{before}},
			{"?start_date=2027-03-09&end_date=2027-03-11", []int64{after, last, first, before}},
			{"?start_date=2027-03-11&end_date=2027-03-10", nil},
		}
		for _, tt := range tests {
			status, raw := ts.agenda(t, tt.query)
			wantReply(t, status, raw, http.StatusOK, "")
			wantApptIDs(t, raw, tt.want...)
		}
	})
}
