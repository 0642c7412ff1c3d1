package daemon

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// wantAllow checks that the Allow header names exactly these methods.
func wantAllow(tb testing.TB, h http.Header, methods ...string) {
	tb.Helper()
	var got []string
	for _, m := range strings.Split(h.Get("Allow"), ",") {
		if m = strings.TrimSpace(m); m != "" {
			got = append(got, m)
		}
	}
	slices.Sort(got)
	want := slices.Sorted(slices.Values(methods))
	if !slices.Equal(got, want) {
		tb.Errorf("Allow %q, want the methods %v", h.Get("Allow"), want)
	}
}

// headerList splits a comma-separated header into lower-case items.
func headerList(h http.Header, name string) []string {
	var out []string
	for _, v := range strings.Split(h.Get(name), ",") {
		if v = strings.ToLower(strings.TrimSpace(v)); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func TestTrailingSlashOptional(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		p := ts.createPatient(t, ts.doctor, zoe(nil))
		id := patientPath(p.ID)
		id = id[:len(id)-1]
		tests := []struct {
			method, path string
			body         any
			status       int
		}{
			{"GET", "/api/patients", nil, http.StatusOK},
			{"GET", "/api/auth/me", nil, http.StatusOK},
			{"GET", id, nil, http.StatusOK},
			{"PATCH", id, kv{"phone": "12"}, http.StatusOK},
			{"POST", "/api/patients", zoe(nil), http.StatusCreated},
			{"POST", id + "/archive", nil, http.StatusOK},
			{"POST", "/api/auth/login", kv{"username": "nurse1", "password": testPassword},
				http.StatusOK},
			{"GET", "/api/schema", nil, http.StatusOK},
		}
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.path, func(t *testing.T) {
				status, h, raw := ts.do(t, tt.method, tt.path, ts.doctor.access, tt.body)
				wantReply(t, status, raw, tt.status, "")
				if loc := h.Get("Location"); loc != "" {
					t.Errorf("Location %q, want no redirect", loc)
				}
			})
		}
	})
}

func TestMethodNotAllowed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			method, path string
			fixture      string
			allow        []string
		}{
			{"GET", "/api/auth/login/", "auth_login_get_not_allowed", []string{"POST", "OPTIONS"}},
			{"POST", "/api/auth/me/", "auth_me_post_not_allowed", []string{"GET", "HEAD", "OPTIONS"}},
			{"GET", "/api/auth/profile/", "auth_profile_get_not_allowed",
				[]string{"PATCH", "OPTIONS"}},
			{"PUT", "/api/auth/profile/", "auth_profile_put_not_allowed",
				[]string{"PATCH", "OPTIONS"}},
			{"PUT", "/api/patients/", "", []string{"GET", "HEAD", "POST", "OPTIONS"}},
			{"POST", "/api/patients/1/", "",
				[]string{"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"}},
			{"DELETE", "/api/audit", "", []string{"GET", "HEAD", "OPTIONS"}},
		}
		for _, tt := range tests {
			t.Run(tt.method+" "+tt.path, func(t *testing.T) {
				status, h, raw := ts.do(t, tt.method, tt.path, ts.doctor.access, kv{})
				if tt.fixture != "" {
					wantBodyOf(t, status, raw, tt.fixture)
				}
				wantReply(t, status, raw, http.StatusMethodNotAllowed,
					`{"detail": "Method \"`+tt.method+`\" not allowed."}`)
				wantAllow(t, h, tt.allow...)
			})
		}
	})
}

func TestUnknownPath(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, path := range []string{"/api/nope/", "/api/patients/1/nope/", "/nope", "/"} {
			status, h, raw := ts.do(t, "GET", path, ts.doctor.access, nil)
			wantReply(t, status, raw, http.StatusNotFound,
				`{"detail": "Not found."}`)
			if ct := h.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("%s: Content-Type %q, want JSON", path, ct)
			}
		}
	})
}

// origins are the browser origins of the CORS tests: the web frontend's,
// allowed by default, and a foreign one.
var origins = []struct {
	origin  string
	allowed bool
}{
	{"http://localhost:5173", true},
	{"http://127.0.0.1:5173", true},
	{"http://evil.example", false},
}

func TestCORSPreflight(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, o := range origins {
			req := ts.request(t, "OPTIONS", "/api/patients/", "", nil)
			req.Header.Set("Origin", o.origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
			status, h, raw := ts.send(t, req)
			wantReply(t, status, raw, http.StatusOK, "")
			want := ""
			if o.allowed {
				want = o.origin
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != want {
				t.Errorf("%s: Access-Control-Allow-Origin %q, want %q",
					o.origin, got, want)
			}
			if !o.allowed {
				continue
			}
			methods := headerList(h, "Access-Control-Allow-Methods")
			headers := headerList(h, "Access-Control-Allow-Headers")
			if !slices.Contains(methods, "post") || !slices.Contains(headers, "authorization") ||
				!slices.Contains(headers, "content-type") {
				t.Errorf("%s: allowed methods %v and headers %v, want POST, "+
					"authorization and content-type", o.origin, methods, headers)
			}
		}
	})
}

func TestCORSRequest(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		for _, o := range origins {
			req := ts.request(t, "GET", "/api/patients/?page_size=1",
				ts.doctor.access, nil)
			req.Header.Set("Origin", o.origin)
			status, h, raw := ts.send(t, req)
			wantShapeOf(t, status, raw, "patients_list_cors_origin")
			want := ""
			if o.allowed {
				want = o.origin
			}
			if got := h.Get("Access-Control-Allow-Origin"); got != want {
				t.Errorf("%s: Access-Control-Allow-Origin %q, want %q",
					o.origin, got, want)
			}
			exposed := headerList(h, "Access-Control-Expose-Headers")
			if o.allowed && !slices.Contains(exposed, "content-disposition") {
				t.Errorf("%s: Access-Control-Expose-Headers %v, want Content-Disposition in it",
					o.origin, exposed)
			}
		}
	})
}

func TestEveryAnswerCarriesSecurityHeaders(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			method, path, token string
			status              int
		}{
			{"GET", "/api/patients/", ts.doctor.access, http.StatusOK},
			{"GET", "/api/patients/", "", http.StatusUnauthorized},
			{"GET", "/api/nope/", "", http.StatusNotFound},
			{"PUT", "/api/auth/me/", ts.doctor.access, http.StatusMethodNotAllowed},
			{"GET", "/healthz", "", http.StatusOK},
		}
		for _, tt := range tests {
			status, h, raw := ts.do(t, tt.method, tt.path, tt.token, nil)
			wantReply(t, status, raw, tt.status, "")
			for name, want := range map[string]string{"X-Content-Type-Options": "nosniff",
				"X-Frame-Options": "DENY", "Content-Type": "application/json; charset=utf-8"} {
				if got := h.Get(name); got != want {
					t.Errorf("%s %s: %s %q, want %q", tt.method, tt.path, name, got, want)
				}
			}
		}
	})
}

var generatedID = regexp.MustCompile(`^[0-9a-f]{24}$`)

func TestRequestID(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		get := func(given string) string {
			req := ts.request(t, "GET", "/healthz", "", nil)
			if given != "" {
				req.Header.Set("X-Request-ID", given)
			}
			_, h, _ := ts.send(t, req)
			return h.Get("X-Request-ID")
		}
		if got := get("trace-42.a_b"); got != "trace-42.a_b" {
			t.Errorf("X-Request-ID %q, want the one given echoed", got)
		}
		first, second := get(""), get("")
		if !generatedID.MatchString(first) || first == second {
			t.Errorf("generated ids %q and %q, want two different 24-digit hex ids", first, second)
		}
		bad := []string{"has space", "new\tline", strings.Repeat("a", 65), "<script>"}
		for _, bad := range bad {
			if got := get(bad); !generatedID.MatchString(got) {
				t.Errorf("given %q: X-Request-ID %q, want a generated one instead", bad, got)
			}
		}
	})
}

func TestHealthAndDatabaseDown(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		status, _, raw := ts.do(t, "GET", "/healthz", "", nil)
		wantReply(t, status, raw, http.StatusOK, `{"status": "ok"}`)
		status, _, raw = ts.do(t, "GET", "/readyz", "", nil)
		wantReply(t, status, raw, http.StatusOK,
			`{"status": "ok", "database": "`+st.Kind()+`"}`)

		ts.settle(t)
		st.Close()
		status, _, raw = ts.do(t, "GET", "/readyz", "", nil)
		wantReply(t, status, raw, http.StatusServiceUnavailable,
			`{"status": "unavailable", "database": "down"}`)
		status, _, raw = ts.do(t, "GET", "/healthz", "", nil)
		wantReply(t, status, raw, http.StatusOK, `{"status": "ok"}`)

		// A failure below answers 500 without its cause, which goes to the
		// log once, at error level.
		ts.logs.Reset()
		status, h, raw := ts.do(t, "GET", "/api/patients/", ts.doctor.access, nil)
		wantReply(t, status, raw, http.StatusInternalServerError,
			`{"detail": "Internal server error."}`)
		ts.settle(t)
		var found bool
		for _, l := range ts.logLines(t) {
			if l.RequestID == h.Get("X-Request-ID") {
				found = true
				if l.Level != "ERROR" || l.keys["error"] == nil {
					t.Errorf("log line %v, want level ERROR with the error", l.keys)
				}
			}
		}
		if !found {
			t.Errorf("no log line for the 500")
		}
	})
}

func TestBadBodies(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		huge := `{"first_name": "` + strings.Repeat("a", 1<<20) + `"}`
		tests := []struct {
			name, contentType, body string
			status                  int
			want                    string
		}{
			{"array", "application/json", `[1, 2]`, http.StatusBadRequest,
				`{"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}`},
			{"string", "application/json", `"x"`, http.StatusBadRequest,
				`{"non_field_errors": ["Invalid data. Expected a dictionary, but got str."]}`},
			{"text", "text/plain", `{}`, http.StatusUnsupportedMediaType,
				`{"detail": "Unsupported media type \"text/plain\" in request."}`},
			{"too large", "application/json", huge, http.StatusRequestEntityTooLarge,
				`{"detail": "Request body is too large: the limit is 1 MiB."}`},
			{"trailing garbage", "application/json", `{} x`, http.StatusBadRequest, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := ts.request(t, "POST", "/api/patients/", ts.doctor.access, tt.body)
				req.Header.Set("Content-Type", tt.contentType)
				status, _, raw := ts.send(t, req)
				wantReply(t, status, raw, tt.status, tt.want)
			})
		}
		t.Run("malformed", func(t *testing.T) {
			status, _, raw := ts.do(t, "POST", "/api/patients/",
				ts.doctor.access, "{not json")
			wantReply(t, status, raw, http.StatusBadRequest, "")
			detail := decode[map[string]string](t, raw)["detail"]
			const prefix = "JSON parse error - "
			if !strings.HasPrefix(detail, prefix) || len(detail) <= len(prefix) {
				t.Errorf("detail %q, want \"JSON parse error - \" and the cause", detail)
			}
		})
		if n := countPatients(t, st); n != 0 {
			t.Errorf("%d patients after refused bodies, want 0", n)
		}
	})
}

func TestLanguage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		tests := []struct {
			name, acceptLanguage, query, lang string
			fixture                           string
		}{
			{"french", "fr", "", "fr", "patients_create_missing_fields_fr"},
			{"french first", "fr-FR,fr;q=0.9,en;q=0.5", "", "fr",
				"patients_create_missing_fields_fr"},
			{"query", "", "?lang=fr", "fr", "patients_create_missing_fields_fr"},
			{"default", "", "", "en", "patients_create_missing_fields"},
			{"unknown language", "de", "", "en", "patients_create_missing_fields"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req := ts.request(t, "POST", "/api/patients/"+tt.query,
					ts.doctor.access, kv{})
				if tt.acceptLanguage != "" {
					req.Header.Set("Accept-Language", tt.acceptLanguage)
				}
				status, h, raw := ts.send(t, req)
				wantBodyOf(t, status, raw, tt.fixture)
				if got := h.Get("Content-Language"); got != tt.lang {
					t.Errorf("Content-Language %q, want %q", got, tt.lang)
				}
			})
		}
		req := ts.request(t, "GET", "/api/auth/me/", "", nil)
		req.Header.Set("Accept-Language", "fr")
		status, _, raw := ts.send(t, req)
		wantReply(t, status, raw, http.StatusUnauthorized,
			`{"detail": "Informations d'authentification non fournies."}`)
	})
}

func TestHeadAnswersLikeGetWithoutABody(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Zoé", "Lefèvre")
		tests := []struct {
			path, token string
			status      int
		}{
			{"/healthz", "", http.StatusOK},
			{"/readyz", "", http.StatusOK},
			{"/api/patients/", ts.doctor.access, http.StatusOK},
			{fmt.Sprintf("/api/patients/%d", pid), ts.doctor.access, http.StatusOK},
			{"/api/patients/", "", http.StatusUnauthorized},
			{"/api/patients/999999/", ts.doctor.access, http.StatusNotFound},
		}
		for _, tt := range tests {
			_, getHeader, _ := ts.do(t, "GET", tt.path, tt.token, nil)
			status, h, raw := ts.do(t, "HEAD", tt.path, tt.token, nil)
			if status != tt.status || len(raw) != 0 {
				t.Errorf("HEAD %s: %d with %d bytes of body, want %d and none",
					tt.path, status, len(raw), tt.status)
			}
			if got, want := h.Get("Content-Type"), getHeader.Get("Content-Type"); got != want {
				t.Errorf("HEAD %s: Content-Type %q, want GET's %q", tt.path, got, want)
			}
		}
		status, h, _ := ts.do(t, "HEAD", "/api/auth/login/", "", nil)
		if status != http.StatusMethodNotAllowed {
			t.Errorf("HEAD on a POST-only route: %d, want 405", status)
		}
		wantAllow(t, h, "POST", "OPTIONS")
	})
}
