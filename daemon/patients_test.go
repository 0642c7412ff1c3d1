package daemon

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// patientJSON is a patient as the API answers it.
type patientJSON struct {
	ID             int64    `json:"id"`
	Code           string   `json:"patient_code"`
	FirstName      string   `json:"first_name"`
	LastName       string   `json:"last_name"`
	Sex            string   `json:"sex"`
	DateOfBirth    string   `json:"date_of_birth"`
	Phone          string   `json:"phone"`
	Email          string   `json:"email"`
	Address        string   `json:"address"`
	IsActive       bool     `json:"is_active"`
	CreatedAt      string   `json:"created_at"`
	LastVisitDate  *string  `json:"last_visit_date"`
	NextVisitDate  *string  `json:"next_visit_date"`
	LatestWeightKg *float64 `json:"latest_weight_kg"`
	LastVisitID    *int64   `json:"last_visit_id"`
}

// zoe is the patient of the reference captures, with changes on top.
func zoe(changes map[string]any) map[string]any {
	p := map[string]any{
		"first_name": "Zoé", "last_name": "Capture", "sex": "F", "date_of_birth": "2024-02-29",
		"phone": "+243 810 123 456", "email": "zoe.capture@example.org",
		"address": "1 Rue de Test\nKinshasa",
	}
	maps.Copy(p, changes)
	for k, v := range p {
		if v == omit {
			delete(p, k)
		}
	}
	return p
}

// omit, as a value in zoe's changes, leaves the field out.
const omit = "\x00omit"

// createPatient creates a patient as who and fails the test unless it
// answers 201.
func (ts *testServer) createPatient(tb testing.TB, who account, body map[string]any) patientJSON {
	tb.Helper()
	status, _, raw := ts.do(tb, "POST", "/api/patients/", who.access, body)
	if status != http.StatusCreated {
		tb.Fatalf("create patient: status %d, want 201; body %s", status, raw)
	}
	return decode[patientJSON](tb, raw)
}

// patientPath is the path of a patient, with an optional action after it.
func patientPath(id int64, action ...string) string {
	return fmt.Sprintf("/api/patients/%d/", id) + strings.Join(action, "/")
}

// countPatients counts every patient row, archived ones included.
func countPatients(tb testing.TB, st *store.Store) int {
	tb.Helper()
	n, err := st.CountPatients(tb.Context(), store.PatientFilter{Archived: true})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestCreatePatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "POST", "/api/patients/", ts.doctor.access, zoe(nil))
		wantShapeOf(t, status, raw, "patients_create_ok")
		p := decode[patientJSON](t, raw)
		want := patientJSON{ID: p.ID, Code: fmt.Sprintf("PT-%06d", p.ID), FirstName: "Zoé",
			LastName: "Capture", Sex: "F", DateOfBirth: "2024-02-29", Phone: "+243 810 123 456",
			Email: "zoe.capture@example.org", Address: "1 Rue de Test\nKinshasa", IsActive: true,
			CreatedAt: p.CreatedAt}
		if p != want {
			t.Errorf("created\n%+v\nwant\n%+v (computed fields null)", p, want)
		}
		wantUTC(t, "created_at", p.CreatedAt)
		body := decode[map[string]any](t, raw)
		for _, k := range []string{"last_visit_date", "next_visit_date",
			"latest_weight_kg", "last_visit_id"} {
			if v, ok := body[k]; !ok || v != nil {
				t.Errorf("%s = %v (present %v), want null", k, v, ok)
			}
		}

		status, _, raw = ts.do(t, "GET", patientPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_detail_new")
		if got := decode[patientJSON](t, raw); got != p {
			t.Errorf("read back\n%+v\nwant\n%+v", got, p)
		}
	})
}

func TestCreatePatientVariants(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		minimal := kv{"first_name": "Min", "last_name": "Imal", "sex": "M",
			"date_of_birth": "1990-01-01", "address": "x"}
		status, _, raw := ts.do(t, "POST", "/api/patients/", ts.doctor.access, minimal)
		wantShapeOf(t, status, raw, "patients_create_minimal")
		if p := decode[patientJSON](t, raw); p.Phone != "" || p.Email != "" {
			t.Errorf("optional fields phone %q email %q, want empty strings",
				p.Phone, p.Email)
		}

		readonly := zoe(kv{"patient_code": "XX-1", "id": 123456, "is_active": false,
			"unknown_field": "ignored"})
		status, _, raw = ts.do(t, "POST", "/api/patients/", ts.doctor.access, readonly)
		wantShapeOf(t, status, raw, "patients_create_readonly_ignored")
		p := decode[patientJSON](t, raw)
		if p.ID == 123456 || p.Code != fmt.Sprintf("PT-%06d", p.ID) || p.IsActive {
			t.Errorf("id %d code %s active %v, want the database's id, its code, and inactive",
				p.ID, p.Code, p.IsActive)
		}

		status, _, raw = ts.do(t, "POST", "/api/patients/", ts.nurse.access,
			zoe(kv{"first_name": "Nursemade"}))
		wantShapeOf(t, status, raw, "patients_create_nurse")
	})
}

func TestCreatePatientInvalid(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			name    string
			body    any
			fixture string
			want    string
		}{
			{"missing fields", kv{}, "patients_create_missing_fields", ""},
			{"blank names", zoe(kv{"first_name": "", "address": ""}),
				"patients_create_blank_names", ""},
			{"too long", zoe(kv{"first_name": strings.Repeat("A", 101)}),
				"patients_create_too_long", ""},
			{"bad choice", zoe(kv{"sex": "X"}), "patients_create_bad_sex", ""},
			{"bad date format", zoe(kv{"date_of_birth": "29/02/2024"}),
				"patients_create_bad_date_format", ""},
			{"impossible date", zoe(kv{"date_of_birth": "2024-02-30"}),
				"patients_create_bad_date", ""},
			{"bad email", zoe(kv{"email": "nope"}), "patients_create_bad_email", ""},
			{"born in the future", zoe(kv{"date_of_birth": "2999-01-01"}), "",
				`{"date_of_birth": ["Date cannot be in the future."]}`},
			{"blank last name", zoe(kv{"last_name": "   "}), "",
				`{"last_name": ["This field may not be blank."]}`},
			{"phone too long", zoe(kv{"phone": strings.Repeat("1", 31)}), "",
				`{"phone": ["Ensure this field has no more than 30 characters."]}`},
			{"missing address", zoe(kv{"address": omit}), "",
				`{"address": ["This field is required."]}`},
			{"null first name", zoe(kv{"first_name": nil}), "",
				`{"first_name": ["This field may not be null."]}`},
			{"object last name", zoe(kv{"last_name": kv{}}), "",
				`{"last_name": ["Not a valid string."]}`},
			{"number for is_active", zoe(kv{"is_active": 5}), "",
				`{"is_active": ["Must be a valid boolean."]}`},
			{"word for is_active", zoe(kv{"is_active": "maybe"}), "",
				`{"is_active": ["Must be a valid boolean."]}`},
			{"a date that is not text", zoe(kv{"date_of_birth": []int{2024}}), "",
				`{"date_of_birth": ["Not a valid string."]}`},
			{"NUL character", zoe(kv{"address": "1 Rue\x00X"}), "",
				`{"address": ["Not a valid string."]}`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				status, _, raw := ts.do(t, "POST", "/api/patients/",
					ts.doctor.access, tt.body)
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
					return
				}
				wantReply(t, status, raw, http.StatusBadRequest, tt.want)
			})
		}
		if n := countPatients(t, st); n != 0 {
			t.Errorf("%d patients after refused creations, want 0", n)
		}
	})
}

func TestGetPatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		for _, who := range []account{ts.doctor, ts.nurse, ts.admin} {
			status, _, raw := ts.do(t, "GET", patientPath(p.ID), who.access, nil)
			wantShapeOf(t, status, raw, "patients_detail")
		}
		status, _, raw := ts.do(t, "GET", "/api/patients/999999/",
			ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patients_detail_404")
		for _, id := range []string{"abc", "0", "-1", "1.5", "99999999999999999999"} {
			status, _, raw := ts.do(t, "GET", "/api/patients/"+id+"/",
				ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusNotFound,
				`{"detail": "Not found."}`)
		}
		status, _, raw = ts.do(t, "GET", patientPath(p.ID), "", nil)
		wantBodyOf(t, status, raw, "patients_detail_no_token")
	})
}

func TestUpdatePatient(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))

		status, _, raw := ts.do(t, "PUT", patientPath(p.ID), ts.doctor.access,
			zoe(kv{"first_name": "Zoé-Put"}))
		wantShapeOf(t, status, raw, "patients_put_ok")
		put := decode[patientJSON](t, raw)
		if put.FirstName != "Zoé-Put" || put.ID != p.ID || put.Code != p.Code ||
			put.CreatedAt != p.CreatedAt {
			t.Errorf("after PUT %+v, want the new first name and the same id, "+
				"code and created_at", put)
		}

		status, _, raw = ts.do(t, "PUT", patientPath(p.ID), ts.doctor.access,
			kv{"first_name": "Only"})
		wantBodyOf(t, status, raw, "patients_put_missing_fields")

		status, _, raw = ts.do(t, "PATCH", patientPath(p.ID), ts.doctor.access,
			kv{"phone": "+243 899 000 000", "address": "2 Rue de Test"})
		wantShapeOf(t, status, raw, "patients_patch_ok")
		want := put
		want.Phone, want.Address = "+243 899 000 000", "2 Rue de Test"
		if got := decode[patientJSON](t, raw); got != want {
			t.Errorf("after PATCH\n%+v\nwant\n%+v", got, want)
		}

		status, _, raw = ts.do(t, "PATCH", patientPath(p.ID), ts.doctor.access, kv{"sex": "Z"})
		wantBodyOf(t, status, raw, "patients_patch_bad_sex")
		status, _, raw = ts.do(t, "PATCH", "/api/patients/999999/", ts.doctor.access,
			kv{"phone": "1"})
		wantBodyOf(t, status, raw, "patients_patch_404")

		// A write with one bad field changes nothing, not even the good one.
		status, _, raw = ts.do(t, "PATCH", patientPath(p.ID), ts.doctor.access,
			kv{"last_name": "Changed", "date_of_birth": "2024-02-30"})
		wantReply(t, status, raw, http.StatusBadRequest,
			`{"date_of_birth": ["Date has wrong format. `+
				`Use one of these formats instead: YYYY-MM-DD."]}`)
		status, _, raw = ts.do(t, "GET", patientPath(p.ID), ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusOK, "")
		if got := decode[patientJSON](t, raw); got != want {
			t.Errorf("after a refused PATCH\n%+v\nwant it unchanged\n%+v", got, want)
		}

		status, _, raw = ts.do(t, "PATCH", patientPath(p.ID), ts.doctor.access, kv{})
		wantReply(t, status, raw, http.StatusOK, "")
		if got := decode[patientJSON](t, raw); got != want {
			t.Errorf("after an empty PATCH\n%+v\nwant it unchanged\n%+v", got, want)
		}
	})
}

func TestDeletePatientArchives(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		other := ts.addAccount(t, testUser("drwilson", "doctor"))

		status, _, raw := ts.do(t, "DELETE", patientPath(p.ID), other.access, nil)
		wantReply(t, status, raw, http.StatusNotFound,
			`{"detail": "Not found."}`)

		status, _, raw = ts.do(t, "DELETE", patientPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, []byte("null"), "patients_delete_soft")
		if len(raw) != 0 {
			t.Errorf("204 body %q, want none", raw)
		}
		status, _, raw = ts.do(t, "GET", patientPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, raw, "patients_detail_after_delete")
		if decode[patientJSON](t, raw).IsActive {
			t.Errorf("deleted patient is still active")
		}
		if n := countPatients(t, st); n != 1 {
			t.Errorf("%d patient rows after DELETE, want 1: it archives, never deletes", n)
		}

		status, _, _ = ts.do(t, "DELETE", patientPath(p.ID), ts.doctor.access, nil)
		wantShapeOf(t, status, []byte("null"), "patients_delete_again")
		status, _, raw = ts.do(t, "DELETE", "/api/patients/999999/",
			ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "patients_delete_404")
	})
}
