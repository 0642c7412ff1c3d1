package daemon

import (
	"net/http"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// isActive reads a patient back and reports whether it is active.
func (ts *testServer) isActive(tb testing.TB, id int64) bool {
	tb.Helper()
	status, _, raw := ts.do(tb, "GET", patientPath(id), ts.admin.access, nil)
	wantReply(tb, status, raw, http.StatusOK, "")
	return decode[patientJSON](tb, raw).IsActive
}

func TestArchivePatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		wilson := ts.addAccount(t, testUser("drwilson", "doctor"))
		mine := ts.createPatient(t, ts.doctor, zoe(nil))
		theirs := ts.createPatient(t, wilson, zoe(kv{"first_name": "Other"}))
		byNurse := ts.createPatient(t, ts.nurse,
			zoe(kv{"first_name": "Nursemade"}))

		tests := []struct {
			name    string
			who     account
			id      int64
			fixture string
			active  bool // afterwards
		}{
			{"not the creator", ts.doctor, theirs.ID, "patients_archive_not_own_doctor", true},
			{"nurse, not the creator", ts.nurse, mine.ID, "patients_archive_not_own_doctor", true},
			{"the creator", ts.doctor, mine.ID, "patients_archive_ok", false},
			{"already archived", ts.doctor, mine.ID, "patients_archive_already", false},
			{"nurse, the creator", ts.nurse, byNurse.ID, "patients_archive_ok", false},
			{"admin, any patient", ts.admin, theirs.ID, "patients_archive_admin_any", false},
			{"unknown patient", ts.admin, 999999, "patients_archive_404", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				path := patientPath(tt.id, "archive/")
				status, _, raw := ts.do(t, "POST", path, tt.who.access, nil)
				wantBodyOf(t, status, raw, tt.fixture)
				if tt.id != 999999 && ts.isActive(t, tt.id) != tt.active {
					t.Errorf("patient %d active = %v, want %v", tt.id,
						!tt.active, tt.active)
				}
			})
		}

		status, _, raw := ts.do(t, "POST", "/api/patients/abc/archive/",
			ts.admin.access, nil)
		wantReply(t, status, raw, http.StatusNotFound,
			`{"detail": "Not found."}`)
		status, h, raw := ts.do(t, "GET", patientPath(mine.ID, "archive/"),
			ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patients_archive_get_not_allowed")
		wantAllow(t, h, "POST", "OPTIONS")
	})
}

func TestRestorePatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		active := ts.createPatient(t, ts.doctor,
			zoe(kv{"first_name": "Active"}))
		status, _, raw := ts.do(t, "POST", patientPath(p.ID, "archive/"),
			ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")

		tests := []struct {
			name    string
			who     account
			id      int64
			fixture string
			active  bool // afterwards
		}{
			{"doctor", ts.doctor, p.ID, "patients_restore_doctor_forbidden", false},
			{"nurse", ts.nurse, p.ID, "patients_restore_doctor_forbidden", false},
			{"admin, not archived", ts.admin, active.ID, "patients_restore_not_archived", true},
			{"admin", ts.admin, p.ID, "patients_restore_admin_ok", true},
			{"unknown patient", ts.admin, 999999, "patients_restore_404", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				path := patientPath(tt.id, "restore/")
				status, _, raw := ts.do(t, "POST", path, tt.who.access, nil)
				wantBodyOf(t, status, raw, tt.fixture)
				if tt.id != 999999 && ts.isActive(t, tt.id) != tt.active {
					t.Errorf("patient %d active = %v, want %v", tt.id,
						!tt.active, tt.active)
				}
			})
		}
	})
}

func TestArchivedPatientsListedForAdminsOnly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		kept := ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Kept"}))
		gone := ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Gone"}))
		status, _, raw := ts.do(t, "DELETE", patientPath(gone.ID),
			ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusNoContent, "")

		tests := []struct {
			name    string
			who     account
			query   string
			fixture string
			want    []int64
		}{
			{"default", ts.admin, "", "patients_list", []int64{kept.ID}},
			{"admin", ts.admin, "?archived=true&page_size=3", "patients_list_archived_admin",
				[]int64{gone.ID, kept.ID}},
			{"doctor", ts.doctor, "?archived=true&page_size=3",
				"patients_list_archived_doctor_ignored", []int64{kept.ID}},
			{"nurse", ts.nurse, "?archived=true", "patients_list_nurse", []int64{kept.ID}},
			{"admin, not true", ts.admin, "?archived=yes", "patients_list", []int64{kept.ID}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "GET", "/api/patients/"+tt.query,
					tt.who.access, nil)
				wantShapeOf(t, status, raw, tt.fixture)
				wantIDs(t, raw, tt.want...)
			})
		}
	})
}

func TestPatchActiveFollowsArchiveRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		wilson := ts.addAccount(t, testUser("drwilson", "doctor"))
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		const denied = `{"detail": "Patient not found or you don't have permission."}`
		const adminsOnly = `{"detail": "Only administrators can restore patients."}`
		tests := []struct {
			name   string
			who    account
			method string
			active bool
			status int
			want   string
		}{
			{"another doctor archives", wilson, "PATCH", false, http.StatusNotFound, denied},
			{"the nurse archives", ts.nurse, "PUT", false, http.StatusNotFound, denied},
			{"the creator archives", ts.doctor, "PATCH", false, http.StatusOK, ""},
			{"the creator restores", ts.doctor, "PATCH", true, http.StatusForbidden, adminsOnly},
			{"another doctor restores", wilson, "PUT", true, http.StatusForbidden, adminsOnly},
			{"the admin restores", ts.admin, "PATCH", true, http.StatusOK, ""},
			{"the admin archives", ts.admin, "PUT", false, http.StatusOK, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				was := ts.isActive(t, p.ID)
				body := kv{"is_active": tt.active, "phone": "+1 555 0100"}
				if tt.method == "PUT" {
					body = zoe(body)
				}
				status, _, raw := ts.do(t, tt.method, patientPath(p.ID),
					tt.who.access, body)
				wantReply(t, status, raw, tt.status, tt.want)
				want := tt.active
				if tt.status != http.StatusOK {
					want = was
				}
				if got := ts.isActive(t, p.ID); got != want {
					t.Errorf("active = %v, want %v", got, want)
				}
			})
		}
		// Writes that leave is_active as it is stay open to everyone.
		status, _, raw := ts.do(t, "PATCH", patientPath(p.ID), wilson.access,
			kv{"is_active": false, "phone": "+1 555 0199"})
		wantReply(t, status, raw, http.StatusOK, "")
	})
}
