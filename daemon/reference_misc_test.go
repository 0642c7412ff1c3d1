package daemon

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// These tests hold the daemon to reference responses of the original
// ClinicFlow API that no other test uses: list queries, archived patients,
// files, availability, appointments, CORS and unknown paths. Where a
// reference shows a defect of the original (a 500, a bad value accepted),
// they test what API.md says instead, and say so.

// notFoundJSON is API.md's 404 body.
const notFoundJSON = `{"detail": "Not found."}`

// wantEmptyOf checks that an answer has the reference answer's status and,
// like it, no body: a 204, or a CORS preflight.
func wantEmptyOf(tb testing.TB, status int, raw []byte, name string) {
	tb.Helper()
	if want := loadFixture(tb, name).Status; status != want {
		tb.Fatalf("status %d, want %d as in %s; body %s", status, want, name, raw)
	}
	if len(raw) != 0 {
		tb.Errorf("body %q, want none as in %s", raw, name)
	}
}

// wantHeader checks one header of an answer.
func wantHeader(tb testing.TB, h http.Header, name, want string) {
	tb.Helper()
	if got := h.Get(name); got != want {
		tb.Errorf("%s %q, want %q", name, got, want)
	}
}

// varies lists, in lower case, every name the Vary headers of an answer
// give.
func varies(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Vary") {
		for _, name := range strings.Split(v, ",") {
			if name = strings.ToLower(strings.TrimSpace(name)); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

func TestReferenceMiscPatientSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		alice := ts.createPatient(t, ts.doctor,
			zoe(kv{"first_name": "Alice", "last_name": "Dumas"}))
		ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Marie", "last_name": "Martin"}))
		ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Jean", "last_name": "Dupont"}))
		search := func(term string) (int, []byte) {
			t.Helper()
			path := "/api/patients/?" + url.Values{"search": {term}}.Encode()
			status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
			return status, raw
		}

		// A patient code finds that patient alone.
		status, raw := search(alice.Code)
		wantShapeOf(t, status, raw, "patients_list_search_code")
		wantIDs(t, raw, alice.ID)
		if n := decode[pageJSON[patientJSON]](t, raw).Count; n != 1 {
			t.Errorf("search %s: count %d, want 1", alice.Code, n)
		}

		// Each term matches someone, nobody matches both: the reference's
		// empty page, exactly.
		status, raw = search("marie dupont")
		wantBodyOf(t, status, raw, "patients_list_search_two_terms")

		marie := ts.createPatient(t, ts.doctor,
			zoe(kv{"first_name": "Marie", "last_name": "Dupont"}))
		status, raw = search("marie dupont")
		wantShapeOf(t, status, raw, "patients_list_search_two_terms")
		wantIDs(t, raw, marie.ID)
	})
}

func TestReferenceMiscPatientOrderingIgnored(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		// By name: Amina Amara, Beno Amara, Zed Bakari, Ana Cole. By
		// address: Zed, Beno, Amina, Ana.
		var ids []int64
		for _, p := range [][3]string{{"Beno", "Amara", "1 Rue A"}, {"Ana", "Cole", "3 Rue D"},
			{"Zed", "Bakari", "0 Rue C"}, {"Amina", "Amara", "2 Rue B"}} {
			body := zoe(kv{"first_name": p[0], "last_name": p[1], "address": p[2]})
			ids = append(ids, ts.createPatient(t, ts.doctor, body).ID)
		}
		status, _, raw := ts.do(t, "GET", "/api/patients/?ordering=address&page_size=3",
			ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_list_ordering_invalid_ignored")
		// address is no ordering field: the default, by last then first name.
		wantIDs(t, raw, ids[3], ids[0], ids[2])
		page := decode[pageJSON[patientJSON]](t, raw)
		if page.Count != 4 {
			t.Errorf("count %d, want 4", page.Count)
		}
		wantLink(t, "next", page.Next,
			ts.url+"/api/patients/?ordering=address&page=2&page_size=3")
		wantLink(t, "previous", page.Previous, "")
	})
}

func TestReferenceMiscPatientOrderingByLastVisit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		// Patient i's last visit was ago[i] days ago, after an older one;
		// the names run the other way, so the default order is not the one
		// asked.
		ago := []int{30, 2, 90, 10, 45, 5}
		ids := make([]int64, len(ago))
		last := map[int64]string{}
		for i, days := range ago {
			body := zoe(kv{"first_name": "Ana", "last_name": fmt.Sprintf("Pat%d", len(ago)-i)})
			ids[i] = ts.createPatient(t, ts.doctor, body).ID
			last[ids[i]] = inDays(-days)
			newVisitFor(t, ts, kv{"patient": ids[i], "visit_date": inDays(-days - 100)})
			newVisitFor(t, ts, kv{"patient": ids[i], "visit_date": last[ids[i]]})
		}
		// A visit yet to come is no last visit.
		newVisitFor(t, ts, kv{"patient": ids[2], "visit_date": inDays(60)})

		desc := []int64{ids[1], ids[5], ids[3], ids[0], ids[4], ids[2]}
		asc := slices.Clone(desc)
		slices.Reverse(asc)
		for _, tt := range []struct {
			ordering string
			want     []int64
		}{{"-last_visit_date", desc[:5]}, {"last_visit_date", asc[:5]}} {
			t.Run(tt.ordering, func(t *testing.T) {
				query := "?ordering=" + tt.ordering + "&page_size=5"
				status, _, raw := ts.do(t, "GET", "/api/patients/"+query, ts.doctor.access, nil)
				wantShapeOf(t, status, raw, "patients_list_ordering_last_visit")
				wantIDs(t, raw, tt.want...)
				page := decode[pageJSON[patientJSON]](t, raw)
				for _, p := range page.Results {
					if got := deref(p.LastVisitDate); got != last[p.ID] {
						t.Errorf("patient %d: last_visit_date %s, want %s", p.ID, got, last[p.ID])
					}
				}
				wantLink(t, "next", page.Next, ts.url+"/api/patients/"+query+"&page=2")
			})
		}
	})
}

// The original redirected a path without its final slash (301 to
// /api/patients/); API.md asks us to answer it as is, without a redirect.
func TestReferenceMiscPatientListNoTrailingSlash(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.createPatient(t, ts.doctor, zoe(nil))
		status, h, raw := ts.do(t, "GET", "/api/patients", ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_list")
		if loc := h.Get("Location"); loc != "" {
			t.Errorf("Location %q, want no redirect", loc)
		}
		_, _, withSlash := ts.do(t, "GET", "/api/patients/", ts.doctor.access, nil)
		if !sameJSON(raw, withSlash) {
			t.Errorf("GET /api/patients = %s, want what /api/patients/ answers: %s",
				raw, withSlash)
		}
	})
}

func TestReferenceMiscArchivedPatientDetail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		visitDate := inDays(-45)
		visit := newVisitFor(t, ts, kv{"patient": p.ID, "visit_date": visitDate})
		status, _, raw := ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access,
			kv{"visit": visit.ID, "measured_at": visitDate, "weight_kg": "5.89"})
		wantReply(t, status, raw, http.StatusCreated, "")
		status, _, raw = ts.do(t, "POST", patientPath(p.ID, "archive/"), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")

		status, _, raw = ts.do(t, "GET", patientPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_detail_archived")
		want := p
		want.IsActive, want.LastVisitDate, want.LastVisitID = false, &visitDate, &visit.ID
		weight := 5.89
		want.LatestWeightKg = &weight
		if got := decode[patientJSON](t, raw); !reflect.DeepEqual(got, want) {
			t.Errorf("archived patient\n%+v\nwant\n%+v", got, want)
		}
		status, _, raw = ts.do(t, "GET", "/api/patients/", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		wantIDs(t, raw)
	})
}

func TestReferenceMiscRestoreByAdmin(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		// The admin restores a patient it neither created nor archived.
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		status, _, raw := ts.do(t, "POST", patientPath(p.ID, "archive/"), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		status, _, raw = ts.do(t, "POST", patientPath(p.ID, "restore/"), ts.admin.access, nil)
		wantBodyOf(t, status, raw, "patients_restore_admin_any")
		if !ts.isActive(t, p.ID) {
			t.Errorf("patient %d still archived after the restore", p.ID)
		}
	})
}

func TestReferenceMiscCreatePatientInvalidJSON(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "POST", "/api/patients/", ts.doctor.access, "{not json")
		// The status, the key and the message's opening are the original's;
		// what follows the dash is the parser's own account of the fault,
		// and Go's words differ from Python's.
		wantShapeOf(t, status, raw, "patients_create_invalid_json")
		const opening = "JSON parse error - "
		if got := decode[struct{ Detail string }](t, raw).Detail; !strings.HasPrefix(got, opening) {
			t.Errorf("detail %q, want it to open with %q as in the original", got, opening)
		}
		if n := countPatients(t, st); n != 0 {
			t.Errorf("%d patients after a malformed body, want 0", n)
		}
	})
}

func TestReferenceMiscFileDownload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, field("category", "lab_result"),
			filePart("cbc result.pdf", "application/pdf", testPDF))

		status, h, raw := ts.do(t, "GET", filesPath(p.ID, f.ID, "download"), ts.doctor.access, nil)
		ref := loadFixture(t, "patient_files_download")
		if status != ref.Status {
			t.Fatalf("status %d, want %d; body %s", status, ref.Status, raw)
		}
		wantHeader(t, h, "Content-Type", "application/pdf")
		wantHeader(t, h, "Content-Disposition", `attachment; filename="cbc result.pdf"`)
		if !bytes.Equal(raw, testPDF) {
			t.Errorf("downloaded %d bytes, want the %d uploaded", len(raw), len(testPDF))
		}
		summary := decode[struct {
			FirstBytesHex string `json:"first_bytes_hex"`
		}](t, ref.Body)
		head, err := hex.DecodeString(summary.FirstBytesHex)
		if err != nil || len(head) == 0 || !bytes.HasPrefix(raw, head) {
			t.Errorf("download starts %q, want the reference's first bytes %q (%v)",
				raw[:min(len(raw), len(head))], head, err)
		}
	})
}

func TestReferenceMiscFileDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		f := ts.upload(t, p.ID, filePart("cbc result.pdf", "application/pdf", testPDF))

		status, _, raw := ts.do(t, "DELETE", filesPath(p.ID, f.ID), ts.doctor.access, nil)
		wantEmptyOf(t, status, raw, "patient_files_delete")
		for _, path := range []string{filesPath(p.ID, f.ID), filesPath(p.ID, f.ID, "download")} {
			status, _, raw = ts.do(t, "GET", path, ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusNotFound, notFoundJSON)
		}
		if n := countFiles(t, st, p.ID); n != 0 {
			t.Errorf("%d files after the delete, want 0", n)
		}
	})
}

func TestReferenceMiscFilesOfUnknownPatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		// The reference answers an empty page, with no note of a defect,
		// and API.md names no 404 for this list; listFiles and TestFileList
		// answer 404 instead, a departure still to settle.
		status, _, raw := ts.do(t, "GET", filesPath(999999), ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patient_files_list_unknown_patient")
	})
}

func TestReferenceMiscAvailabilityDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, day := range []string{"2026-12-16", "2026-12-17"} {
			status, raw := ts.doctorDo(t, "POST", availPath, kv{"date": day, "slot": "morning"})
			wantReply(t, status, raw, http.StatusCreated, "")
		}
		status, raw := ts.doctorDo(t, "DELETE", availPath+"?date=2026-12-17", nil)
		wantEmptyOf(t, status, raw, "auth_availability_delete_ok")
		ts.wantDays(t, ts.doctor, availPath, "2026-12-16 morning")
	})
}

func TestReferenceMiscAvailabilityBadYearIgnored(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, day := range []kv{{"date": "2026-12-15", "slot": "afternoon"},
			{"date": "2026-12-16", "start_time": "09:00", "end_time": "13:30"},
			{"date": "2027-01-04", "slot": "evening"}} {
			status, raw := ts.doctorDo(t, "POST", availPath, day)
			wantReply(t, status, raw, http.StatusCreated, "")
		}
		// A year that is no number drops the filter: every date, January
		// 2027 included, as when year and month are absent.
		status, raw := ts.doctorDo(t, "GET", availPath+"?year=x&month=12", nil)
		wantShapeOf(t, status, raw, "auth_availability_get_bad_month_ignored")
		got := availDays(t, raw)
		want := []string{"2026-12-15 afternoon", "2026-12-16 full_day", "2027-01-04 evening"}
		if !slices.Equal(got, want) {
			t.Errorf("GET ?year=x&month=12 = %q, want %q", got, want)
		}
	})
}

// The original answered 500 to a bad time and saved an unknown slot; API.md
// answers availability errors with 400 {"error": "..."}, and the bulk route
// refuses an unknown slot, so the single-date route does too.
func TestReferenceMiscAvailabilityRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			fixture string
			body    kv
			want    string
		}{
			{"auth_availability_post_bad_time", kv{"date": "2026-12-18", "start_time": "nope"},
				`{"error": "Invalid start_time: nope. Use HH:MM or HH:MM:SS."}`},
			{"auth_availability_post_invalid_slot_accepted",
				kv{"date": "2026-12-17", "slot": "bogus"},
				`{"error": "Invalid slot: bogus. Must be one of ` + slotChoices + `"}`},
		}
		for _, tt := range tests {
			t.Run(tt.fixture, func(t *testing.T) {
				status, raw := ts.doctorDo(t, "POST", availPath, tt.body)
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		ts.wantDays(t, ts.doctor, availPath)
	})
}

func TestReferenceMiscPastAppointmentDetail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		visit := ts.agendaVisit(t, p.ID)
		a := ts.book(t, kv{"patient_id": p.ID, "doctor": ts.doctor.user.ID,
			"scheduled_at": past, "status": clinic.StatusCompleted, "reason": "Check-up",
			"notes": "Patient prefers morning.", "visit": visit})

		status, raw := ts.onAppt(t, "GET", a.ID, nil)
		wantShapeOf(t, status, raw, "appointments_detail_past")
		got := decode[apptJSON](t, raw)
		if !reflect.DeepEqual(got, a) {
			t.Errorf("detail\n%+v\nwant what the booking answered\n%+v", got, a)
		}
		if got.ScheduledAt != past || got.Status != clinic.StatusCompleted ||
			got.Visit == nil || *got.Visit != visit || got.DoctorDetails == nil ||
			got.DoctorDetails.ID != ts.doctor.user.ID || got.Patient.ID != p.ID {
			t.Errorf("detail %+v, want patient %d seen by drhouse at %s, COMPLETED, visit %d",
				got, p.ID, past, visit)
		}
	})
}

// The original answered 500 (an HTML page) to a patient filter that is no
// number; API.md answers a bad field with a 400 naming it.
func TestReferenceMiscAppointmentsPatientNotInt(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, h, raw := ts.do(t, "GET", "/api/appointments/?patient=abc", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusBadRequest,
			`{"patient": ["A valid integer is required."]}`)
		wantHeader(t, h, "Content-Type", "application/json; charset=utf-8")
	})
}

// The original still accepted an access token issued before a password
// change, as its note says; a password change ends every session of the
// account here (see TestChangePasswordEndsEveryToken), so the old token
// gets API.md's 401 for a bad token and a new one the reference's answer.
func TestReferenceMiscOldTokenAfterPasswordChange(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "POST", "/api/auth/change-password/", ts.nurse.access,
			changePassword(testPassword, newPassword, newPassword))
		wantBodyOf(t, status, raw, "auth_change_password_ok")

		status, _, raw = ts.do(t, "GET", "/api/auth/me/", ts.nurse.access, nil)
		wantReply(t, status, raw, http.StatusUnauthorized, accessBad)

		access, _ := ts.login(t, "nurse1", newPassword)
		status, _, raw = ts.do(t, "GET", "/api/auth/me/", access, nil)
		wantShapeOf(t, status, raw, "auth_me_old_token_after_password_change")
		if me := decode[clinic.Me](t, raw); me.Username != "nurse1" || me.Profile.Role != "nurse" {
			t.Errorf("me: %s (%s), want nurse1 (nurse)", me.Username, me.Profile.Role)
		}
	})
}

func TestReferenceMiscCORSPreflight(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		// A preflight asks for one method at a time: each of API.md's must
		// be allowed, from either default origin, without a token.
		for _, origin := range DefaultCORSOrigins {
			for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
				t.Run(origin+" "+method, func(t *testing.T) {
					req := ts.request(t, "OPTIONS", "/api/patients/", "", nil)
					req.Header.Set("Origin", origin)
					req.Header.Set("Access-Control-Request-Method", method)
					req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
					status, h, raw := ts.send(t, req)
					wantEmptyOf(t, status, raw, "patients_cors_preflight")
					wantHeader(t, h, "Access-Control-Allow-Origin", origin)
					wantHeader(t, h, "Access-Control-Max-Age", "86400")
					methods := headerList(h, "Access-Control-Allow-Methods")
					headers := headerList(h, "Access-Control-Allow-Headers")
					if !slices.Contains(methods, strings.ToLower(method)) ||
						!slices.Contains(headers, "authorization") ||
						!slices.Contains(headers, "content-type") {
						t.Errorf("allowed methods %v and headers %v, want %s, "+
							"authorization and content-type", methods, headers, method)
					}
					if !slices.Contains(varies(h), "origin") {
						t.Errorf("Vary %q, want Origin in it", h.Values("Vary"))
					}
				})
			}
		}
	})
}

func TestReferenceMiscOptions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, h, raw := ts.do(t, "OPTIONS", "/api/patients/", ts.doctor.access, nil)
		if want := loadFixture(t, "patients_options").Status; status != want {
			t.Fatalf("status %d, want %d; body %s", status, want, raw)
		}
		wantAllow(t, h, "GET", "POST", "HEAD", "OPTIONS")
	})
}

// The original answered an HTML page to paths it did not know; API.md's
// conventions give every 404 the JSON body {"detail": "Not found."}.
func TestReferenceMiscUnknownPaths(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, tt := range []struct{ path, fixture string }{
			{"/", "root_path"},
			{"/api/nothing-here/", "unknown_api_path"},
		} {
			t.Run(tt.fixture, func(t *testing.T) {
				status, h, raw := ts.do(t, "GET", tt.path, ts.doctor.access, nil)
				wantReply(t, status, raw, loadFixture(t, tt.fixture).Status, notFoundJSON)
				wantHeader(t, h, "Content-Type", "application/json; charset=utf-8")
			})
		}
	})
}
