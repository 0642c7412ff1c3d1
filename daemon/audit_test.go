package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// auditJSON is an audit event as GET /api/audit/ answers it.
type auditJSON struct {
	ID         int64  `json:"id"`
	At         string `json:"at"`
	User       *int64 `json:"user"`
	Username   string `json:"username"`
	Action     string `json:"action"`
	Resource   string `json:"resource"`
	ResourceID string `json:"resource_id"`
	Patient    *int64 `json:"patient"`
	RemoteAddr string `json:"remote_addr"`
	RequestID  string `json:"request_id"`
	Outcome    string `json:"outcome"`
	Status     int    `json:"status"`
}

// auditTrail reads the audit trail through the API, as the admin, after
// every request made so far is recorded.
func (ts *testServer) auditTrail(tb testing.TB, query url.Values) pageJSON[auditJSON] {
	tb.Helper()
	ts.settle(tb)
	query.Set("page_size", "500")
	status, _, raw := ts.do(tb, "GET", "/api/audit/?"+query.Encode(),
		ts.admin.access, nil)
	wantReply(tb, status, raw, http.StatusOK, "")
	return decode[pageJSON[auditJSON]](tb, raw)
}

// eventSummary is what an audit event says, in one line.
func eventSummary(action, resource, outcome string, status int, user, patient *int64) string {
	return fmt.Sprintf("%s %s %s %d user %s patient %s", action, resource, outcome, status,
		optID(user), optID(patient))
}

func optID(id *int64) string {
	if id == nil {
		return "null"
	}
	return fmt.Sprint(*id)
}

// auditStep is one request of an audited session and the event it must
// leave.
type auditStep struct {
	name                     string
	method, path, token      string
	body                     any
	action, resource, result string
	status                   int
	user, patient            *int64
}

// runAudited makes the steps' requests and returns the step of each request
// id. A creation's event must name the patient created.
func (ts *testServer) runAudited(tb testing.TB, steps []auditStep) map[string]int {
	tb.Helper()
	byRequest := map[string]int{}
	for i, s := range steps {
		status, h, raw := ts.do(tb, s.method, s.path, s.token, s.body)
		wantReply(tb, status, raw, s.status, "")
		if status == http.StatusCreated {
			id := decode[patientJSON](tb, raw).ID
			steps[i].patient = &id
		}
		byRequest[h.Get("X-Request-ID")] = i
	}
	return byRequest
}

// wantEvents checks that each step left exactly its event in the trail.
func wantEvents(tb testing.TB, trail []auditJSON, steps []auditStep, byRequest map[string]int) {
	tb.Helper()
	found := map[int]bool{}
	for _, ev := range trail {
		i, ok := byRequest[ev.RequestID]
		if !ok {
			continue
		}
		s := steps[i]
		if found[i] {
			tb.Errorf("%s: recorded twice", s.name)
		}
		found[i] = true
		got := eventSummary(ev.Action, ev.Resource, ev.Outcome, ev.Status, ev.User, ev.Patient)
		want := eventSummary(s.action, s.resource, s.result, s.status, s.user, s.patient)
		if got != want {
			tb.Errorf("%s: event %s, want %s", s.name, got, want)
		}
		if ev.Username == "" || ev.RemoteAddr != "127.0.0.1" {
			tb.Errorf("%s: username %q remote_addr %q, want a name and 127.0.0.1",
				s.name, ev.Username, ev.RemoteAddr)
		}
		wantUTC(tb, "at", ev.At)
	}
	for i, s := range steps {
		if !found[i] {
			tb.Errorf("%s: no audit event", s.name)
		}
	}
}

func TestAuditTrail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.nurse, zoe(nil))
		doctor, nurse := &ts.doctor.user.ID, &ts.nurse.user.ID
		id, unknown := &p.ID, int64(999999)
		wrong := kv{"username": "drhouse", "password": "x"}
		right := kv{"username": "drhouse", "password": testPassword}
		archive, restore := patientPath(p.ID, "archive/"), patientPath(p.ID, "restore/")
		steps := []auditStep{
			{"failed sign-in", "POST", "/api/auth/login/", "", wrong,
				"login", "session", "denied", 401, nil, nil},
			{"sign-in", "POST", "/api/auth/login/", "", right,
				"login", "session", "success", 200, doctor, nil},
			{"create", "POST", "/api/patients/", ts.doctor.access, zoe(kv{"first_name": "Audited"}),
				"create", "patient", "success", 201, doctor, nil},
			{"invalid create", "POST", "/api/patients/", ts.doctor.access, zoe(kv{"sex": "X"}),
				"create", "patient", "invalid", 400, doctor, nil},
			{"read", "GET", patientPath(p.ID), ts.doctor.access, nil,
				"read", "patient", "success", 200, doctor, id},
			{"read unknown", "GET", patientPath(unknown), ts.doctor.access, nil,
				"read", "patient", "not_found", 404, doctor, &unknown},
			{"update", "PATCH", patientPath(p.ID), ts.doctor.access, kv{"phone": "1"},
				"update", "patient", "success", 200, doctor, id},
			{"invalid update", "PATCH", patientPath(p.ID), ts.doctor.access, kv{"sex": "X"},
				"update", "patient", "invalid", 400, doctor, id},
			{"archive, not the creator", "POST", archive, ts.doctor.access, nil,
				"archive", "patient", "not_found", 404, doctor, id},
			{"archive", "POST", archive, ts.nurse.access, nil,
				"archive", "patient", "success", 200, nurse, id},
			{"restore, not admin", "POST", restore, ts.nurse.access, nil,
				"restore", "patient", "denied", 403, nurse, id},
			{"list", "GET", "/api/patients/", ts.nurse.access, nil,
				"list", "patient", "success", 200, nurse, nil},
		}
		byRequest := ts.runAudited(t, steps)
		wantEvents(t, ts.auditTrail(t, url.Values{}).Results, steps, byRequest)
		if n := countPatients(t, st); n != 2 {
			t.Errorf("%d patients, want 2: a refused create leaves no row", n)
		}
	})
}

func TestAuditFilters(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.settle(t)
		start := time.Now().UTC() // after the three sign-ins of the set-up
		p := ts.createPatient(t, ts.nurse, zoe(nil))
		other := ts.createPatient(t, ts.doctor, zoe(kv{"first_name": "Other"}))
		for _, path := range []string{patientPath(p.ID), patientPath(other.ID), patientPath(p.ID)} {
			status, _, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusOK, "")
		}
		all := ts.auditTrail(t, url.Values{}).Count
		tests := []struct {
			filter, value string
			count         int
			each          func(auditJSON) bool
		}{
			{"patient", fmt.Sprint(p.ID), 3, func(ev auditJSON) bool {
				return optID(ev.Patient) == fmt.Sprint(p.ID)
			}},
			{"user", fmt.Sprint(ts.nurse.user.ID), 2, func(ev auditJSON) bool {
				return optID(ev.User) == fmt.Sprint(ts.nurse.user.ID)
			}},
			{"since", "2000-01-01", all, nil},
			{"since", start.Format(time.RFC3339Nano), all - 3, nil},
			{"since", start.Format("2006-01-02T15:04:05.999999"), all - 3, nil}, // no offset: UTC
			{"since", "2999-01-01", 0, nil},
		}
		for _, tt := range tests {
			t.Run(tt.filter+"="+tt.value, func(t *testing.T) {
				page := ts.auditTrail(t, url.Values{tt.filter: {tt.value}})
				if page.Count != tt.count || len(page.Results) != tt.count {
					t.Errorf("count %d with %d results, want %d",
						page.Count, len(page.Results), tt.count)
				}
				for _, ev := range page.Results {
					if tt.each != nil && !tt.each(ev) {
						t.Errorf("lists %s", eventSummary(ev.Action, ev.Resource, ev.Outcome,
							ev.Status, ev.User, ev.Patient))
					}
				}
			})
		}
	})
}

func TestAuditListRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		const denied = `{"detail": "You do not have permission to perform this action."}`
		for _, who := range []account{ts.doctor, ts.nurse} {
			status, _, raw := ts.do(t, "GET", "/api/audit/", who.access, nil)
			wantReply(t, status, raw, http.StatusForbidden, denied)
		}
		const notInteger = `["A valid integer is required."]`
		const badSince = `{"since": ["Datetime has wrong format. Use one of these ` +
			`formats instead: YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ."]}`
		tests := []struct {
			query, want string
		}{
			{"?patient=abc", `{"patient": ` + notInteger + `}`},
			{"?patient=0", `{"patient": ` + notInteger + `}`},
			{"?user=-1", `{"user": ` + notInteger + `}`},
			{"?since=yesterday", badSince},
			{"?since=2024-02-30", badSince},
		}
		for _, tt := range tests {
			status, _, raw := ts.do(t, "GET", "/api/audit/"+tt.query,
				ts.admin.access, nil)
			wantReply(t, status, raw, http.StatusBadRequest, tt.want)
		}
		status, _, raw := ts.do(t, "GET", "/api/audit/?page=99",
			ts.admin.access, nil)
		wantReply(t, status, raw, http.StatusNotFound,
			`{"detail": "Invalid page."}`)
	})
}
