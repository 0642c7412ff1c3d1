package daemon

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// testPassword is every test account's password when it is created.
const testPassword = "Secret-pass-1"

// testSecret signs the test server's tokens: 32 bytes, the least New takes.
var testSecret = []byte("clinicflow-test-secret-32-bytes!")

// testHash is the argon2id hash of testPassword, made once: hashing costs
// tens of milliseconds, and every test server creates three accounts.
var testHash = sync.OnceValue(func() string {
	h, err := HashPassword(testPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// kv is a JSON object, as a request body.
type kv = map[string]any

// account is an account of the test server, signed in at start.
type account struct {
	user    *clinic.User
	access  string
	refresh string
}

// testServer is a Server behind a real HTTP listener, over a real store,
// with the three accounts of the reference captures: drhouse (doctor),
// nurse1 (nurse) and admin1 (superuser, role admin).
type testServer struct {
	srv    *Server
	store  *store.Store
	url    string
	client *http.Client
	logs   *syncBuffer
	// busy counts requests whose handler has not returned yet: the access
	// log line and the audit event of a request are written after its
	// answer has reached the client.
	busy atomic.Int64

	doctor, nurse, admin account
}

// newTestServer starts a server over st; tweaks may change its Config.
func newTestServer(tb testing.TB, st *store.Store, tweaks ...func(*Config)) *testServer {
	tb.Helper()
	ts := &testServer{store: st, logs: &syncBuffer{}}
	cfg := Config{
		Store:  st,
		Secret: testSecret,
		Logger: slog.New(slog.NewJSONHandler(ts.logs, nil)),
	}
	for _, tweak := range tweaks {
		tweak(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	ts.srv = srv
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.busy.Add(1)
		defer ts.busy.Add(-1)
		srv.Handler().ServeHTTP(w, r)
	}))
	tb.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	ts.url = hs.URL
	ts.client = &http.Client{
		Timeout: 30 * time.Second,
		// A redirect must show, not be followed.
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	ts.doctor = ts.addAccount(tb, testUser("drhouse", clinic.RoleDoctor))
	ts.nurse = ts.addAccount(tb, testUser("nurse1", clinic.RoleNurse))
	admin := testUser("admin1", clinic.RoleAdmin)
	admin.IsSuperuser, admin.IsStaff = true, true
	ts.admin = ts.addAccount(tb, admin)
	return ts
}

// testUser returns an active account whose password is testPassword.
func testUser(username string, role clinic.Role) *clinic.User {
	return &clinic.User{
		Username:     username,
		PasswordHash: testHash(),
		Email:        username + "@example.org",
		FirstName:    "Test",
		LastName:     strings.ToUpper(username[:1]) + username[1:],
		IsActive:     true,
		Role:         role,
	}
}

// addAccount saves u through the store and signs it in over HTTP.
func (ts *testServer) addAccount(tb testing.TB, u *clinic.User) account {
	tb.Helper()
	if err := ts.store.CreateUser(tb.Context(), u); err != nil {
		tb.Fatalf("CreateUser(%s): %v", u.Username, err)
	}
	access, refresh := ts.login(tb, u.Username, testPassword)
	return account{user: u, access: access, refresh: refresh}
}

// login signs in through POST /api/auth/login/ and fails the test unless
// it answers 200 with a token pair.
func (ts *testServer) login(tb testing.TB, username, password string) (access, refresh string) {
	tb.Helper()
	status, _, raw := ts.do(tb, "POST", "/api/auth/login/", "",
		kv{"username": username, "password": password})
	if status != http.StatusOK {
		tb.Fatalf("login %s: status %d, want 200; body %s", username, status, raw)
	}
	pair := decode[struct{ Access, Refresh string }](tb, raw)
	if pair.Access == "" || pair.Refresh == "" {
		tb.Fatalf("login %s: body %s, want an access and a refresh token", username, raw)
	}
	return pair.Access, pair.Refresh
}

// request builds a request to the test server. A string or []byte body is
// sent as is, any other non-nil body as JSON; both as application/json. An
// empty token sends no Authorization header.
func (ts *testServer) request(tb testing.TB, method, path, token string, body any) *http.Request {
	tb.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			tb.Fatalf("encode body of %s %s: %v", method, path, err)
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, ts.url+path, r)
	if err != nil {
		tb.Fatalf("new request %s %s: %v", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return req
}

// send makes the request and returns the status, headers and whole body.
func (ts *testServer) send(tb testing.TB, req *http.Request) (int, http.Header, []byte) {
	tb.Helper()
	resp, err := ts.client.Do(req)
	if err != nil {
		tb.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	return resp.StatusCode, resp.Header, raw
}

// do is send(request(...)).
func (ts *testServer) do(tb testing.TB, method, path, token string,
	body any) (int, http.Header, []byte) {
	tb.Helper()
	return ts.send(tb, ts.request(tb, method, path, token, body))
}

// settle waits until every request made so far has finished, its log line
// written and its audit event stored.
func (ts *testServer) settle(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for ts.busy.Load() > 0 {
		if time.Now().After(deadline) {
			tb.Fatalf("settle: %d requests still running after 10s", ts.busy.Load())
		}
		time.Sleep(time.Millisecond)
	}
	ts.srv.audit.flush()
}

// decode unmarshals a JSON body into a T, failing the test when it cannot.
func decode[T any](tb testing.TB, raw []byte) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.Fatalf("decode %T from %s: %v", v, raw, err)
	}
	return v
}

// wantReply checks a status and, unless want is "", that the body is the
// JSON value want (key order and spacing aside).
func wantReply(tb testing.TB, status int, raw []byte, wantStatus int, want string) {
	tb.Helper()
	if status != wantStatus {
		tb.Fatalf("status %d, want %d; body %s", status, wantStatus, raw)
	}
	if want == "" {
		return
	}
	if !sameJSON(raw, []byte(want)) {
		tb.Errorf("body\n%s\nwant\n%s", raw, want)
	}
}

// sameJSON reports whether a and b hold equal JSON values.
func sameJSON(a, b []byte) bool {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// syncBuffer is a log sink that the server's goroutines write to while
// the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Reset()
}
