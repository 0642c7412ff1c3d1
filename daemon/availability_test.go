package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// availJSON is an availability as the API answers it.
type availJSON struct {
	ID          int64   `json:"id"`
	Doctor      int64   `json:"doctor"`
	Date        string  `json:"date"`
	Slot        string  `json:"slot"`
	SlotDisplay string  `json:"slot_display"`
	StartTime   *string `json:"start_time"`
	EndTime     *string `json:"end_time"`
	Notes       string  `json:"notes"`
	CreatedAt   string  `json:"created_at"`
	UpdatedAt   string  `json:"updated_at"`
}

const availPath = "/api/auth/availability/"

// slotChoices is how the refusals list the slots.
const slotChoices = "['morning', 'afternoon', 'evening', 'full_day', 'unavailable']"

// availDays lists the dates, with their slots, of an availability array.
func availDays(tb testing.TB, raw []byte) []string {
	tb.Helper()
	out := []string{}
	for _, a := range decode[[]availJSON](tb, raw) {
		out = append(out, a.Date+" "+a.Slot)
	}
	return out
}

// doctorDo sends a request as the doctor.
func (ts *testServer) doctorDo(tb testing.TB, method, path string, body any) (int, []byte) {
	tb.Helper()
	status, _, raw := ts.do(tb, method, path, ts.doctor.access, body)
	return status, raw
}

// days is a bulk request's body.
func days(entries ...any) kv { return kv{"availabilities": append([]any{}, entries...)} }

// wantDays checks what GET path answers: 200 and these days, in order.
func (ts *testServer) wantDays(tb testing.TB, who account, path string, want ...string) {
	tb.Helper()
	status, _, raw := ts.do(tb, "GET", path, who.access, nil)
	wantReply(tb, status, raw, http.StatusOK, "")
	if got := availDays(tb, raw); !slices.Equal(got, append([]string{}, want...)) {
		tb.Errorf("GET %s = %q, want %q", path, got, want)
	}
}

func TestAvailabilityLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, raw := ts.doctorDo(t, "GET", availPath, nil)
		wantBodyOf(t, status, raw, "auth_availability_get_empty")

		status, raw = ts.doctorDo(t, "POST", availPath,
			kv{"date": "2026-12-15", "slot": "morning", "notes": "Clinic A"})
		wantShapeOf(t, status, raw, "auth_availability_post_create")
		created := decode[availJSON](t, raw)
		if created.Doctor != ts.doctor.user.ID || created.SlotDisplay != "Morning (8:00-12:00)" ||
			created.Notes != "Clinic A" || created.StartTime != nil {
			t.Errorf("created %+v, want drhouse's morning with its notes and no times", created)
		}
		wantUTC(t, "created_at", created.CreatedAt)

		status, raw = ts.doctorDo(t, "POST", availPath,
			kv{"date": "2026-12-16", "start_time": "09:00", "end_time": "13:30"})
		wantShapeOf(t, status, raw, "auth_availability_post_default_slot_with_times")
		a := decode[availJSON](t, raw)
		if a.Slot != "full_day" || a.SlotDisplay != "Full Day" ||
			deref(a.StartTime) != "09:00:00" || deref(a.EndTime) != "13:30:00" {
			t.Errorf("day with times %+v, want the full day from 09:00:00 to 13:30:00", a)
		}

		afternoon := kv{"date": "2026-12-15", "slot": "afternoon"}
		status, raw = ts.doctorDo(t, "POST", availPath, afternoon)
		wantShapeOf(t, status, raw, "auth_availability_post_update")
		updated := decode[availJSON](t, raw)
		if updated.ID != created.ID || updated.CreatedAt != created.CreatedAt ||
			updated.Notes != "" || updated.SlotDisplay != "Afternoon (12:00-17:00)" {
			t.Errorf("updated %+v, want row %d, created_at kept, notes cleared",
				updated, created.ID)
		}
		ts.wantDays(t, ts.nurse, availPath)

		status, raw = ts.doctorDo(t, "DELETE", availPath+"?date=2026-12-15", nil)
		wantReply(t, status, raw, http.StatusNoContent, "")
		status, raw = ts.doctorDo(t, "DELETE", availPath+"?date=2026-12-15", nil)
		wantBodyOf(t, status, raw, "auth_availability_delete_not_found")
		ts.wantDays(t, ts.doctor, availPath, "2026-12-16 full_day")
	})
}

func TestAvailabilityByMonth(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.doctorDo(t, "POST", availPath+"bulk/", days(
			kv{"date": "2026-11-30", "slot": "morning"},
			kv{"date": "2026-12-15", "slot": "afternoon"},
			kv{"date": "2026-12-16", "slot": "full_day"},
			kv{"date": "2027-01-04", "slot": "evening"}))
		december := []string{"2026-12-15 afternoon", "2026-12-16 full_day"}
		all := []string{"2026-11-30 morning", "2026-12-15 afternoon", "2026-12-16 full_day",
			"2027-01-04 evening"}
		tests := []struct {
			query string
			want  []string
		}{
			{"?year=2026&month=12", december},
			{"?year=2026", all[:3]},
			{"?year=x&month=12", all},
			{"?year=2026&month=13", all[:3]},
			{"?month=12", all},
			{"", all},
		}
		for _, tt := range tests {
			status, raw := ts.doctorDo(t, "GET", availPath+tt.query, nil)
			wantShapeOf(t, status, raw, "auth_availability_get_month")
			if got := availDays(t, raw); !slices.Equal(got, tt.want) {
				t.Errorf("GET %s = %q, want %q", tt.query, got, tt.want)
			}
		}
		status, raw := ts.doctorDo(t, "GET", availPath+"?year=2027&month=2", nil)
		wantBodyOf(t, status, raw, "auth_availability_get_other_month")
	})
}

func TestSaveAvailabilityRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.doctorDo(t, "POST", availPath, kv{"date": "2026-12-18", "slot": "morning"})
		day := func(changes kv) kv {
			changes["date"] = "2026-12-18"
			return changes
		}
		badDate := `{"error": "Invalid date format. Use YYYY-MM-DD."}`
		tests := []struct {
			name    string
			body    any
			fixture string
			want    string
		}{
			{"missing date", kv{"slot": "morning"}, "auth_availability_post_missing_date", ""},
			{"bad date", kv{"date": "15/12/2026"}, "auth_availability_post_bad_date", ""},
			{"empty body", kv{}, "", `{"error": "Date is required."}`},
			{"null date", kv{"date": nil}, "", `{"error": "Date is required."}`},
			{"impossible date", kv{"date": "2026-02-30"}, "", badDate},
			{"numeric date", kv{"date": 20261218}, "", badDate},
			{"bad time", day(kv{"start_time": "nope"}), "",
				`{"error": "Invalid start_time: nope. Use HH:MM or HH:MM:SS."}`},
			{"hour 25", day(kv{"end_time": "25:00"}), "",
				`{"error": "Invalid end_time: 25:00. Use HH:MM or HH:MM:SS."}`},
			{"end before start", day(kv{"start_time": "14:00", "end_time": "09:00"}), "",
				`{"error": "end_time must be after start_time."}`},
			{"unknown slot", day(kv{"slot": "bogus"}), "",
				`{"error": "Invalid slot: bogus. Must be one of ` + slotChoices + `"}`},
			{"numeric slot", day(kv{"slot": 5}), "",
				`{"error": "Invalid slot: 5. Must be one of ` + slotChoices + `"}`},
			{"notes not text", day(kv{"notes": []string{"a"}}), "",
				`{"error": "Invalid notes: expected text."}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, raw := ts.doctorDo(t, "POST", availPath, tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		ts.wantDays(t, ts.doctor, availPath, "2026-12-18 morning")

		req := ts.request(t, "POST", availPath, ts.doctor.access, kv{})
		req.Header.Set("Accept-Language", "fr")
		status, _, raw := ts.send(t, req)
		wantReply(t, status, raw, http.StatusBadRequest, `{"error": "La date est obligatoire."}`)
	})
}

func TestDeleteAvailabilityRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.do(t, "POST", availPath, ts.nurse.access, kv{"date": "2026-12-17"})
		status, raw := ts.doctorDo(t, "DELETE", availPath, nil)
		wantBodyOf(t, status, raw, "auth_availability_delete_missing_date")
		status, raw = ts.doctorDo(t, "DELETE", availPath+"?date=17-12-2026", nil)
		wantBodyOf(t, status, raw, "auth_availability_delete_bad_date")
		// The nurse's day is not the doctor's to delete.
		status, raw = ts.doctorDo(t, "DELETE", availPath+"?date=2026-12-17", nil)
		wantBodyOf(t, status, raw, "auth_availability_delete_not_found")
		ts.wantDays(t, ts.nurse, availPath, "2026-12-17 full_day")
	})
}

func TestBulkAvailability(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.doctorDo(t, "POST", availPath, kv{"date": "2026-12-15", "slot": "morning", "notes": "x"})
		status, raw := ts.doctorDo(t, "POST", availPath+"bulk/", days(
			kv{"date": "2027-01-04", "slot": "morning", "notes": "Mon"},
			kv{"date": "2027-01-05", "slot": "full_day"},
			kv{"date": "2026-12-15", "slot": "evening",
				"start_time": "17:00", "end_time": "20:00"}))
		wantShapeOf(t, status, raw, "auth_availability_bulk_ok")
		reply := decode[struct {
			Updated        int         `json:"updated"`
			Availabilities []availJSON `json:"availabilities"`
		}](t, raw)
		var got []string
		for _, a := range reply.Availabilities {
			got = append(got, a.Date+" "+a.Slot+" "+deref(a.StartTime)+" "+a.Notes)
		}
		want := []string{"2027-01-04 morning null Mon", "2027-01-05 full_day null ",
			"2026-12-15 evening 17:00:00 "}
		if reply.Updated != 3 || !slices.Equal(got, want) {
			t.Errorf("bulk answer: updated %d, %q; want 3, %q", reply.Updated, got, want)
		}

		status, raw = ts.doctorDo(t, "POST", availPath+"bulk/", days())
		wantBodyOf(t, status, raw, "auth_availability_bulk_empty")
		ts.wantDays(t, ts.doctor, availPath,
			"2026-12-15 evening", "2027-01-04 morning", "2027-01-05 full_day")
	})
}

func TestBulkAvailabilityIsAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.doctorDo(t, "POST", availPath, kv{"date": "2027-01-04", "slot": "morning"})
		good := kv{"date": "2027-01-04", "slot": "evening"}
		tests := []struct {
			name    string
			body    any
			fixture string
			want    string
		}{
			{"missing list", kv{}, "auth_availability_bulk_missing_list", ""},
			{"not a list", kv{"availabilities": "x"}, "auth_availability_bulk_not_a_list", ""},
			{"missing slot", days(good, kv{"date": "2027-01-06"}),
				"auth_availability_bulk_missing_slot", ""},
			{"unknown slot", days(good, kv{"date": "2027-01-06", "slot": "night"}),
				"auth_availability_bulk_invalid_slot", ""},
			{"null list", kv{"availabilities": nil}, "",
				`{"availabilities": ["This field may not be null."]}`},
			{"an object", kv{"availabilities": kv{}}, "",
				`{"availabilities": ["Expected a list of items but got type \"dict\"."]}`},
			{"unparsable date", days(good, kv{"date": "not-a-date", "slot": "morning"}), "",
				`{"availabilities": ["Invalid date: not-a-date. Use YYYY-MM-DD."]}`},
			{"missing date", days(good, kv{"slot": "morning"}), "",
				`{"availabilities": ["Each availability must have a 'date' field."]}`},
			{"entry not an object", days(good, "2027-01-06"), "",
				`{"availabilities": ["Invalid data. Expected a dictionary, but got str."]}`},
			{"bad time", days(good, kv{"date": "2027-01-06", "slot": "morning",
				"start_time": "8h"}), "",
				`{"availabilities": ["Invalid start_time: 8h. Use HH:MM or HH:MM:SS."]}`},
			{"two bad entries", days(good, kv{"date": "x", "slot": "morning"},
				kv{"date": "2027-01-07", "slot": "noon"}), "", `{"availabilities": [` +
				`"Invalid date: x. Use YYYY-MM-DD.", ` +
				`"Invalid slot: noon. Must be one of ` + slotChoices + `"]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, raw := ts.doctorDo(t, "POST", availPath+"bulk/", tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		ts.wantDays(t, ts.doctor, availPath, "2027-01-04 morning")
	})
}

func TestDoctorAvailability(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.doctorDo(t, "POST", availPath+"bulk/", days(kv{"date": "2026-12-15", "slot": "evening"},
			kv{"date": "2027-01-04", "slot": "morning", "notes": "Mon"},
			kv{"date": "2027-01-05", "slot": "full_day"}))
		path := fmt.Sprintf("/api/auth/doctors/%d/availability/", ts.doctor.user.ID)
		status, _, raw := ts.do(t, "GET", path, ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "auth_doctor_availability")
		status, _, raw = ts.do(t, "GET", path+"?year=2027&month=1", ts.nurse.access, nil)
		wantShapeOf(t, status, raw, "auth_doctor_availability_month")
		got := availDays(t, raw)
		if want := []string{"2027-01-04 morning", "2027-01-05 full_day"}; !slices.Equal(got, want) {
			t.Errorf("January: %q, want %q", got, want)
		}
		ts.wantDays(t, ts.admin, path+"?year=2026", "2026-12-15 evening")
		nursePath := fmt.Sprintf("/api/auth/doctors/%d/availability/", ts.nurse.user.ID)
		ts.wantDays(t, ts.nurse, nursePath)

		status, raw = ts.doctorDo(t, "GET", "/api/auth/doctors/99999/availability/", nil)
		wantBodyOf(t, status, raw, "auth_doctor_availability_unknown_doctor")
		status, raw = ts.doctorDo(t, "GET", "/api/auth/doctors/abc/availability/", nil)
		wantReply(t, status, raw, http.StatusNotFound, `{"detail": "Not found."}`)
		status, h, raw := ts.do(t, "POST", path, ts.doctor.access, kv{})
		wantBodyOf(t, status, raw, "auth_doctor_availability_post_not_allowed")
		wantAllow(t, h, "GET", "HEAD", "OPTIONS")
	})
}

func TestAvailabilityNeedsAToken(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "GET", availPath, "", nil)
		wantBodyOf(t, status, raw, "auth_availability_no_token")
		for _, r := range []struct{ method, path string }{{"POST", availPath},
			{"DELETE", availPath + "?date=2026-12-15"}, {"POST", availPath + "bulk/"},
			{"GET", "/api/auth/doctors/1/availability/"}} {
			status, _, raw := ts.do(t, r.method, r.path, "", kv{})
			wantReply(t, status, raw, http.StatusUnauthorized, noCredentials)
		}
	})
}

func TestAvailabilityIsAudited(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		day := kv{"date": "2026-12-15", "slot": "morning"}
		status, _, raw := ts.do(t, "POST", availPath, ts.nurse.access, day)
		if status != http.StatusCreated {
			t.Fatalf("first save: status %d, want 201", status)
		}
		id := decode[availJSON](t, raw).ID
		ts.do(t, "POST", availPath, ts.nurse.access, day)
		ts.do(t, "POST", availPath, ts.nurse.access, kv{"date": "nope"})
		ts.settle(t) // refusals and reads are recorded in the background
		ts.do(t, "POST", availPath+"bulk/", ts.nurse.access, days(day))
		ts.do(t, "GET", availPath, ts.nurse.access, nil)
		ts.settle(t)
		ts.do(t, "DELETE", availPath+"?date=2026-12-15", ts.nurse.access, nil)

		trail := ts.auditTrail(t, url.Values{"user": {fmt.Sprint(ts.nurse.user.ID)}})
		var got []string
		for _, e := range slices.Backward(trail.Results) {
			if e.Resource == "availability" {
				got = append(got, fmt.Sprintf("%s %s %s %d",
					e.Action, e.ResourceID, optID(e.Patient), e.Status))
			}
		}
		want := []string{
			fmt.Sprintf("create %d null 201", id),
			fmt.Sprintf("update %d null 200", id),
			"create  null 400",
			"bulk_save  null 200",
			fmt.Sprintf("list %d null 200", ts.nurse.user.ID),
			fmt.Sprintf("delete %d null 204", id),
		}
		if !slices.Equal(got, want) {
			t.Errorf("nurse's availability trail\n%q\nwant\n%q", got, want)
		}
	})
}
