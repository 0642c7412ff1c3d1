package daemon

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// logLine is one access-log line.
type logLine struct {
	Level      string  `json:"level"`
	RequestID  string  `json:"request_id"`
	Method     string  `json:"method"`
	Route      string  `json:"route"`
	Status     int     `json:"status"`
	DurationMS float64 `json:"duration_ms"`
	UserID     int64   `json:"user_id"`
	// keys is the whole line.
	keys map[string]any
}

// logLines decodes the server's log, one JSON object a line.
func (ts *testServer) logLines(tb testing.TB) []logLine {
	tb.Helper()
	var out []logLine
	for _, line := range strings.Split(strings.TrimSpace(ts.logs.String()), "\n") {
		if line == "" {
			continue
		}
		l := decode[logLine](tb, []byte(line))
		l.keys = decode[map[string]any](tb, []byte(line))
		out = append(out, l)
	}
	return out
}

// logStep is one request of a logged session and the line it must leave.
type logStep struct {
	method, path, token string
	body                any
	route               string
	status              int
	user                int64
}

// wantLogLine checks the access-log line of one request: its fields, and
// its level (warn for a 4xx).
func wantLogLine(tb testing.TB, l logLine, s logStep) {
	tb.Helper()
	fields := []string{"request_id", "method", "route", "status", "duration_ms", "user_id"}
	for _, k := range fields {
		if _, ok := l.keys[k]; !ok {
			tb.Errorf("log line %v lacks %s", l.keys, k)
		}
	}
	level := "INFO"
	if s.status >= 400 {
		level = "WARN"
	}
	got := fmt.Sprintf("%s %s %s %d user %d", l.Level, l.Method, l.Route, l.Status, l.UserID)
	want := fmt.Sprintf("%s %s %s %d user %d", level, s.method, s.route, s.status, s.user)
	if got != want || l.DurationMS < 0 {
		tb.Errorf("log line %s, duration %v; want %s", got, l.DurationMS, want)
	}
}

// loggedSession signs in, creates a patient with a name and a phone that
// must never reach the log, and returns the requests of a session with
// them, and the texts the log must not hold.
func loggedSession(tb testing.TB, ts *testServer) ([]logStep, []string) {
	tb.Helper()
	const wrongPassword = "Wrong-Secret-9"
	access, refresh := ts.login(tb, "drhouse", testPassword)
	p := ts.createPatient(tb, ts.doctor, zoe(kv{"first_name": "Zyxwvut",
		"last_name": "Qopmlk", "phone": "+243 777 654 321", "address": "3 Rue Vbnmkj"}))
	search := "/api/patients/?" + url.Values{"search": {"zyxwv"}}.Encode()
	doctor := ts.doctor.user.ID
	steps := []logStep{
		{"POST", "/api/auth/login/", "", kv{"username": "drhouse", "password": testPassword},
			"/api/auth/login/", http.StatusOK, 0},
		{"POST", "/api/auth/login/", "", kv{"username": "drhouse", "password": wrongPassword},
			"/api/auth/login/", http.StatusUnauthorized, 0},
		{"GET", search, access, nil, "/api/patients/", http.StatusOK, doctor},
		{"GET", patientPath(p.ID), access, nil, "/api/patients/:id/", http.StatusOK, doctor},
		{"PATCH", patientPath(p.ID), access, kv{"last_name": "Qopmlkj"},
			"/api/patients/:id/", http.StatusOK, doctor},
		{"POST", "/api/auth/refresh/", "", kv{"refresh": refresh},
			"/api/auth/refresh/", http.StatusOK, 0},
		{"GET", "/api/patients/", "not-a-token", nil,
			"/api/patients/", http.StatusUnauthorized, 0},
		{"GET", "/api/nowhere/", access, nil, "unmatched", http.StatusNotFound, 0},
	}
	secrets := []string{testPassword, wrongPassword, access, refresh, ts.doctor.access,
		ts.doctor.refresh, "zyxwv", "qopmlk", "777 654", "vbnmkj"}
	return steps, secrets
}

func TestAccessLog(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		ts.settle(t)
		ts.logs.Reset()
		steps, secrets := loggedSession(t, ts)
		ts.settle(t)
		setup := ts.logs.String()
		ts.logs.Reset()
		byID := map[string]int{} // request id -> step
		for i, s := range steps {
			status, h, raw := ts.do(t, s.method, s.path, s.token, s.body)
			wantReply(t, status, raw, s.status, "")
			byID[h.Get("X-Request-ID")] = i
		}
		ts.settle(t)

		logs := ts.logs.String()
		for _, s := range secrets {
			if strings.Contains(strings.ToLower(setup+logs), strings.ToLower(s)) {
				t.Errorf("the log holds %q", s)
			}
		}
		lines := ts.logLines(t)
		if len(lines) != len(steps) {
			t.Fatalf("%d log lines for %d requests:\n%s", len(lines),
				len(steps), logs)
		}
		seen := map[int]bool{}
		for _, l := range lines {
			i, ok := byID[l.RequestID]
			if !ok || seen[i] {
				t.Errorf("log line for request %q: unknown or repeated", l.RequestID)
				continue
			}
			seen[i] = true
			wantLogLine(t, l, steps[i])
		}
	})
}
