package client_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/daemon"
)

func TestLoginAndMe(t *testing.T) {
	s := newServer(t)
	c, _ := client.New(s.URL)
	if _, err := c.Me(t.Context()); !errors.Is(err, client.ErrNotSignedIn) {
		t.Errorf("Me before login: %v, want ErrNotSignedIn", err)
	}
	err := c.Login(t.Context(), "drhouse", "wrong")
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 401 || apiErr.Detail != "No active account found with the given credentials" {
		t.Errorf("login with a wrong password: %v", err)
	}
	var saved string
	c, _ = client.New(s.URL, client.WithTokenHook(func(_, refresh string) { saved = refresh }))
	if err := c.Login(t.Context(), "drhouse", password); err != nil {
		t.Fatal(err)
	}
	if _, refresh := c.Tokens(); saved == "" || saved != refresh {
		t.Errorf("token hook saw %q, want the refresh token", saved)
	}
	me, err := c.Me(t.Context())
	if err != nil || me.Username != "drhouse" || me.Profile.Role != "doctor" {
		t.Errorf("Me = %+v, %v", me, err)
	}
	me, err = c.UpdateProfile(t.Context(), client.ProfileChange{Specialization: client.String("Pédiatrie")})
	if err != nil || me.Profile.Specialization != "Pédiatrie" {
		t.Errorf("UpdateProfile = %+v, %v", me, err)
	}
}

func TestExpiredAccessTokenIsRenewed(t *testing.T) {
	s := newServer(t, func(c *daemon.Config) { c.AccessTTL = time.Second })
	refreshes := 0
	c := s.signIn(t, "nurse1", client.WithTokenHook(func(_, _ string) { refreshes++ }))
	access, _ := c.Tokens()
	refreshes = 0
	time.Sleep(2100 * time.Millisecond) // the JWT's seconds must tick past its expiry
	if _, err := c.Me(t.Context()); err != nil {
		t.Fatalf("Me with an expired access token: %v", err)
	}
	if now, _ := c.Tokens(); now == access || refreshes != 1 {
		t.Errorf("access token not renewed (renewals %d)", refreshes)
	}

	// A client started from a refresh token alone renews before its first call.
	_, refresh := c.Tokens()
	fresh, _ := client.New(s.URL, client.WithTokens("", refresh))
	if _, err := fresh.Me(t.Context()); err != nil {
		t.Errorf("Me from a saved refresh token: %v", err)
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	_, refresh := c.Tokens()
	if err := c.Logout(t.Context()); err != nil {
		t.Fatal(err)
	}
	again, _ := client.New(s.URL, client.WithTokens("", refresh))
	if _, err := again.Me(t.Context()); !errors.Is(err, client.ErrNotSignedIn) {
		t.Errorf("Me with a revoked refresh token: %v, want ErrNotSignedIn", err)
	}
}

func TestErrorsCarryTheFields(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse", client.WithLanguage("fr"))
	_, err := c.CreatePatient(t.Context(), client.PatientFields{FirstName: client.String(""), Sex: client.String("X")})
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Fatalf("create with bad fields: %v", err)
	}
	got := map[string]string{}
	for _, f := range apiErr.Fields {
		got[f.Field] = strings.Join(f.Messages, " ")
	}
	want := map[string]string{
		"first_name":    "Ce champ ne peut être vide.",
		"last_name":     "Ce champ est obligatoire.",
		"sex":           "« X » n'est pas un choix valide.",
		"date_of_birth": "Ce champ est obligatoire.",
		"address":       "Ce champ est obligatoire.",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("field %s: %q, want %q", k, got[k], v)
		}
	}
	if apiErr.Fields[0].Field != "first_name" {
		t.Errorf("fields in order %v, want first_name first", apiErr.Fields)
	}
	if _, err := c.Patient(t.Context(), 999); !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("unknown patient: %v, want a 404 *Error", err)
	}
}

func TestPatients(t *testing.T) {
	s := newServer(t)
	doctor, admin := s.signIn(t, "drhouse"), s.signIn(t, "admin1")
	var ids []int64
	for _, name := range []string{"Hélène", "Zoé", "Adèle", "Marc"} {
		ids = append(ids, newPatient(t, doctor, name, "Dupont").ID)
	}
	for i := 0; i < 120; i++ {
		newPatient(t, doctor, "Filler", "Zz")
	}
	page, err := doctor.ListPatients(t.Context(), client.PatientQuery{Search: "helene"}, client.ListOptions{})
	if err != nil || page.Count != 1 || page.Results[0].FirstName != "Hélène" {
		t.Errorf("ListPatients(helene) = %+v, %v", page, err)
	}
	all, err := client.All(doctor.Patients(t.Context(), client.PatientQuery{Ordering: []string{"-created_at"}}))
	if err != nil || len(all) != 124 || all[123].ID != ids[0] {
		t.Fatalf("Patients walked %d rows (%v), want 124, oldest last", len(all), err)
	}
	p, err := doctor.UpdatePatient(t.Context(), ids[1], client.PatientFields{Phone: client.String("+33 1")})
	if err != nil || p.Phone != "+33 1" || p.FirstName != "Zoé" {
		t.Errorf("UpdatePatient = %+v, %v", p, err)
	}
	if err := doctor.ArchivePatient(t.Context(), ids[1]); err != nil {
		t.Fatal(err)
	}
	var apiErr *client.Error
	if err := doctor.RestorePatient(t.Context(), ids[1]); !errors.As(err, &apiErr) || apiErr.Status != 403 {
		t.Errorf("restore by a doctor: %v, want 403", err)
	}
	if err := admin.RestorePatient(t.Context(), ids[1]); err != nil {
		t.Errorf("restore by an administrator: %v", err)
	}
}
