package client_test

import (
	"log/slog"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
	"clinicflow/daemon"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// password is every test account's password.
const password = "Secret-pass-1"

var passwordHash = sync.OnceValue(func() string {
	h, err := daemon.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
})

// server is a real daemon on a fresh SQLite store, with a doctor, a nurse
// and an administrator.
type server struct {
	URL   string
	Store *store.Store
}

// newServer starts a daemon for one test. cfg may change its configuration
// (short token lifetimes, say).
func newServer(t *testing.T, cfg ...func(*daemon.Config)) *server {
	t.Helper()
	st := storetest.Open(t, "sqlite")
	c := daemon.Config{Store: st, Secret: []byte("client-test-secret-of-32-bytes!!"),
		Logger: slog.New(slog.DiscardHandler), Location: time.UTC}
	for _, f := range cfg {
		f(&c)
	}
	srv, err := daemon.New(c)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	for _, a := range []struct {
		name  string
		role  clinic.Role
		admin bool
	}{{"drhouse", clinic.RoleDoctor, false}, {"nurse1", clinic.RoleNurse, false}, {"admin1", clinic.RoleAdmin, true}} {
		u := &clinic.User{Username: a.name, PasswordHash: passwordHash(), Role: a.role, IsActive: true,
			IsSuperuser: a.admin, IsStaff: a.admin, FirstName: "Test", LastName: a.name}
		if err := st.CreateUser(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	return &server{URL: hs.URL, Store: st}
}

// signIn returns a client signed in as username.
func (s *server) signIn(t *testing.T, username string, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(s.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(t.Context(), username, password); err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return c
}

// newPatient creates a patient through c.
func newPatient(t *testing.T, c *client.Client, first, last string) *clinic.Patient {
	t.Helper()
	p, err := c.CreatePatient(t.Context(), client.PatientFields{FirstName: &first, LastName: &last,
		Sex: client.String("F"), DateOfBirth: client.String("2025-09-01"), Address: client.String("12 rue des Lilas")})
	if err != nil {
		t.Fatalf("create patient: %v", err)
	}
	return p
}
