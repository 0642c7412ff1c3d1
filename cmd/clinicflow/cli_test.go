package main

import (
	"bytes"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/daemon"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// cliPassword is the password of every account of the CLI tests.
const cliPassword = "Secret-pass-1"

var cliHash = sync.OnceValue(func() string {
	h, err := daemon.HashPassword(cliPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// cliWorld is a daemon on a temporary store, reached by the commands run in
// process, with its own config folder for the saved session.
type cliWorld struct {
	url   string
	store *store.Store
}

// newCLIWorld starts the daemon, creates drhouse (doctor), nurse1 and
// admin1, and signs in as user (none when user is "").
func newCLIWorld(t testing.TB, user string) *cliWorld {
	t.Helper()
	st := storetest.Open(t, "sqlite")
	srv, err := daemon.New(daemon.Config{Store: st, Secret: []byte("cli-test-secret-of-at-least-32-b"),
		Logger: slog.New(slog.DiscardHandler), Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	for _, a := range []struct {
		name string
		role clinic.Role
	}{{"drhouse", clinic.RoleDoctor}, {"nurse1", clinic.RoleNurse}, {"admin1", clinic.RoleAdmin}} {
		u := &clinic.User{Username: a.name, PasswordHash: cliHash(), Role: a.role, IsActive: true,
			IsSuperuser: a.role == clinic.RoleAdmin, FirstName: "Test", LastName: a.name}
		if err := st.CreateUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("CLINICFLOW_SERVER", "")
	t.Setenv("CLINICFLOW_LANG", "en")
	t.Setenv("CLINICFLOW_CLINIC_TIMEZONE", "UTC")
	w := &cliWorld{url: hs.URL, store: st}
	if user != "" {
		w.mustRun(t, cliPassword+"\n", "login", "--server", hs.URL, "-u", user, "--password-stdin")
	}
	return w
}

// cliResult is what one command did.
type cliResult struct {
	code        int
	out, errOut string
}

// run runs a command line in process with stdin, as a script would.
func (w *cliWorld) run(t testing.TB, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return cliResult{code: code, out: out.String(), errOut: errOut.String()}
}

// mustRun runs a command that must succeed and returns its output.
func (w *cliWorld) mustRun(t testing.TB, stdin string, args ...string) string {
	t.Helper()
	r := w.run(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("clinicflow %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.errOut)
	}
	return r.out
}
