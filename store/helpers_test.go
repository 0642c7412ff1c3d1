package store_test

import (
	"sync"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// epoch is the "now" of tests that set the store's clock.
var epoch = time.Date(2025, time.March, 14, 9, 26, 53, 589793000, time.UTC)

// stamp writes a time the way raw rows hold it; both databases read it.
func stamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000Z")
}

// fixedClock makes s read epoch as the current time, always.
func fixedClock(s *store.Store) {
	s.SetClock(func() time.Time { return epoch })
}

// tickingClock makes s read epoch first, then one second more on each
// read, so that writes made one after another have ordered times.
func tickingClock(s *store.Store) {
	var mu sync.Mutex
	next := epoch
	s.SetClock(func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now := next
		next = next.Add(time.Second)
		return now
	})
}

// newPatient returns an active patient with every required field set.
func newPatient(first, last string) *clinic.Patient {
	return &clinic.Patient{
		FirstName:   first,
		LastName:    last,
		Sex:         clinic.SexFemale,
		DateOfBirth: clinic.Date{Year: 1984, Month: time.May, Day: 17},
		Address:     "12 rue des Lilas, Paris",
		IsActive:    true,
	}
}

// createPatient saves p with no audit event and returns it.
func createPatient(t testing.TB, s *store.Store,
	p *clinic.Patient) *clinic.Patient {
	t.Helper()
	if err := s.CreatePatient(t.Context(), p, nil); err != nil {
		t.Fatalf("CreatePatient(%s): %v", p.FullName(), err)
	}
	return p
}

// newUser returns an active doctor with every profile field set.
func newUser(username string) *clinic.User {
	return &clinic.User{
		Username:       username,
		PasswordHash:   "hash-of-" + username,
		Email:          username + "@example.org",
		FirstName:      "Ada",
		LastName:       "Lovelace",
		IsStaff:        true,
		IsActive:       true,
		Role:           clinic.RoleDoctor,
		Phone:          "+33 1 23 45 67 89",
		Specialization: "Pédiatrie",
		LicenseNumber:  "10001234567",
		Department:     "Consultations",
		DisplayName:    "Dr Lovelace",
		Bio:            "Médecin généraliste.",
		ClinicAddress:  "3 avenue Foch, Lyon",
	}
}

// createUser saves a new user named username and returns it.
func createUser(t testing.TB, s *store.Store, username string) *clinic.User {
	t.Helper()
	u := newUser(username)
	if err := s.CreateUser(t.Context(), u); err != nil {
		t.Fatalf("CreateUser(%q): %v", username, err)
	}
	return u
}

// exec runs one raw statement written with ? placeholders.
func exec(t testing.TB, s *store.Store, query string, args ...any) {
	t.Helper()
	_, err := s.DB().ExecContext(t.Context(), s.Rebind(query), args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// insertID runs one raw INSERT ... RETURNING id and returns the id.
func insertID(t testing.TB, s *store.Store, query string, args ...any) int64 {
	t.Helper()
	var id int64
	row := s.DB().QueryRowContext(t.Context(), s.Rebind(query), args...)
	if err := row.Scan(&id); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return id
}

// count returns the number of rows a raw SELECT COUNT(*) finds.
func count(t testing.TB, s *store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	row := s.DB().QueryRowContext(t.Context(), s.Rebind(query), args...)
	if err := row.Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// names returns "First Last" for each patient, in order.
func names(ps []clinic.Patient) []string {
	out := make([]string, len(ps))
	for i := range ps {
		out[i] = ps[i].FullName()
	}
	return out
}

// everyone is the filter that keeps archived patients too.
var everyone = store.PatientFilter{Archived: true}

// listAll returns every patient the filter keeps, in the given order.
func listAll(t testing.TB, s *store.Store, f store.PatientFilter,
	order ...store.Order) []clinic.Patient {
	t.Helper()
	ps, err := s.ListPatients(t.Context(), f, order, 1000, 0)
	if err != nil {
		t.Fatalf("ListPatients(%+v, %v): %v", f, order, err)
	}
	return ps
}
