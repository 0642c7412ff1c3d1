package store_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// equalPatient reports whether two patients agree on every field.
func equalPatient(a, b clinic.Patient) bool { return reflect.DeepEqual(a, b) }

// loadPatient reads the patient with the given id.
func loadPatient(t *testing.T, s *store.Store, id int64) *clinic.Patient {
	t.Helper()
	p, err := s.Patient(t.Context(), id)
	if err != nil {
		t.Fatalf("Patient(%d): %v", id, err)
	}
	return p
}

func TestCreatePatientSetsIDCodeAndTimes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		// The clock is an hour east of UTC and finer than a microsecond.
		east := time.FixedZone("UTC+1", 3600)
		local := time.Date(2025, time.March, 14, 10, 26, 53, 589793999, east)
		s.SetClock(func() time.Time { return local })

		var last int64
		for _, name := range []string{"Hélène", "Zoé"} {
			p := createPatient(t, s, newPatient(name, "Dupont"))
			if p.ID <= last {
				t.Errorf("%s: ID %d, want above %d", name, p.ID, last)
			}
			last = p.ID
			if want := fmt.Sprintf("PT-%06d", p.ID); p.Code != want {
				t.Errorf("%s: Code %q, want %q", name, p.Code, want)
			}
			for _, got := range []time.Time{p.CreatedAt, p.UpdatedAt} {
				if !got.Equal(epoch) || got.Location() != time.UTC {
					t.Errorf("%s: time %v, want %v", name, got, epoch)
				}
			}
		}
	})
}

func TestPatientRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		author := createUser(t, s, "ada")
		zoe := &clinic.Patient{
			FirstName:   "Zoé",
			LastName:    "Lefèvre-Nguyễn",
			Sex:         clinic.SexFemale,
			DateOfBirth: clinic.Date{Year: 2000, Month: time.February, Day: 29},
			Phone:       "+33 6 12 34 56 78",
			Email:       "zoé.lefèvre@exemple.fr",
			Address:     "8 quai Saint-Vincent\n69001 Lyon",
			IsActive:    true,
			CreatedBy:   author.ID,
		}
		marc := newPatient("Marc", "Martin")
		marc.Sex, marc.IsActive = clinic.SexMale, false

		for _, p := range []*clinic.Patient{zoe, marc} {
			createPatient(t, s, p)
			if got := loadPatient(t, s, p.ID); !equalPatient(*got, *p) {
				t.Errorf("Patient(%d)\n got %+v\nwant %+v", p.ID, *got, *p)
			}
		}
	})
}

func TestPatientNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		missing := newPatient("Nobody", "Here")
		missing.ID = 404
		calls := map[string]func() error{
			"Patient": func() error { _, err := s.Patient(ctx, 404); return err },
			"UpdatePatient": func() error {
				return s.UpdatePatient(ctx, missing, auditEvent("patient.update"))
			},
			"SetPatientActive": func() error {
				ev := auditEvent("patient.archive")
				return s.SetPatientActive(ctx, 404, false, ev)
			},
		}
		for name, call := range calls {
			if err := call(); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s of a missing patient: got %v, want ErrNotFound", name, err)
			}
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_events"); n != 0 {
			t.Errorf("failed writes left %d audit events, want 0", n)
		}
	})
}

func TestUpdatePatient(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		tickingClock(s)
		before := createPatient(t, s, newPatient("Hélène", "Dupont"))

		edit := *before
		edit.FirstName, edit.LastName = "Zoé", "Lefèvre-Nguyễn"
		edit.Sex = clinic.SexMale
		edit.DateOfBirth = clinic.Date{Year: 1990, Month: time.January, Day: 2}
		edit.Phone, edit.Email = "+33 4 00 00 00 00", "zoe@example.fr"
		edit.Address, edit.IsActive = "3 avenue Foch, Lyon", false
		if err := s.UpdatePatient(t.Context(), &edit, nil); err != nil {
			t.Fatalf("UpdatePatient: %v", err)
		}
		if !edit.UpdatedAt.After(before.UpdatedAt) {
			t.Errorf("UpdatedAt = %v, want after %v", edit.UpdatedAt, before.UpdatedAt)
		}
		if got := loadPatient(t, s, before.ID); !equalPatient(*got, edit) {
			t.Errorf("after UpdatePatient\n got %+v\nwant %+v", *got, edit)
		}

		// The search follows the new name.
		for term, want := range map[string]int{"dupont": 0, "nguyen": 1} {
			f := store.PatientFilter{Terms: []string{term}, Archived: true}
			if n, _ := s.CountPatients(t.Context(), f); n != want {
				t.Errorf("search %q after the update finds %d, want %d", term, n, want)
			}
		}
	})
}

func TestSetPatientActive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := createPatient(t, s, newPatient("Hélène", "Dupont"))
		createPatient(t, s, newPatient("Zoé", "Lefèvre"))
		steps := []struct {
			active    bool
			wantShown int
		}{
			{active: false, wantShown: 1},
			{active: true, wantShown: 2},
		}
		for _, st := range steps {
			err := s.SetPatientActive(t.Context(), p.ID, st.active, nil)
			if err != nil {
				t.Fatalf("SetPatientActive(%v): %v", st.active, err)
			}
			if got := loadPatient(t, s, p.ID).IsActive; got != st.active {
				t.Errorf("after SetPatientActive(%v): IsActive %v", st.active, got)
			}
			n, _ := s.CountPatients(t.Context(), store.PatientFilter{})
			if n != st.wantShown {
				t.Errorf("after SetPatientActive(%v): %d active patients, want %d",
					st.active, n, st.wantShown)
			}
		}
	})
}
