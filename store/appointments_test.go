package store_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// agenda is a small practice for the appointment tests: two patients, a
// doctor and a nurse, and a visit of the first patient.
type agenda struct {
	alice, bruno *clinic.Patient
	doctor       *clinic.User
	nurse        *clinic.User
	visit        int64
}

func newAgenda(t *testing.T, s *store.Store) agenda {
	t.Helper()
	a := agenda{
		alice:  createPatient(t, s, newPatient("Alice", "Dumas")),
		bruno:  createPatient(t, s, newPatient("Bruno", "Martin")),
		doctor: createUser(t, s, "house"),
	}
	nurse := newUser("nora")
	nurse.Role, nurse.FirstName, nurse.LastName = clinic.RoleNurse, "Nora", "Nightingale"
	if err := s.CreateUser(t.Context(), nurse); err != nil {
		t.Fatalf("CreateUser(nora): %v", err)
	}
	a.nurse = nurse
	a.visit = addVisit(t, s, a.alice.ID, epoch.Add(-day))
	return a
}

// newAppointment returns a scheduled appointment of p at the given time.
func newAppointment(p *clinic.Patient, at time.Time) *clinic.Appointment {
	return &clinic.Appointment{
		Patient:     clinic.PatientRef{ID: p.ID},
		ScheduledAt: at,
		Status:      clinic.StatusScheduled,
	}
}

// createAppointment saves a with no audit event and returns it.
func createAppointment(t testing.TB, s *store.Store, a *clinic.Appointment) *clinic.Appointment {
	t.Helper()
	if err := s.CreateAppointment(t.Context(), a, nil); err != nil {
		t.Fatalf("CreateAppointment(%v): %v", a.ScheduledAt, err)
	}
	return a
}

func loadAppointment(t *testing.T, s *store.Store, id int64) *clinic.Appointment {
	t.Helper()
	a, err := s.Appointment(t.Context(), id)
	if err != nil {
		t.Fatalf("Appointment(%d): %v", id, err)
	}
	return a
}

// lastEvent returns the newest audit event.
func lastEvent(t *testing.T, s *store.Store) clinic.AuditEvent {
	t.Helper()
	evs, err := s.AuditEvents(t.Context(), store.AuditFilter{}, 1, 0)
	if err != nil || len(evs) != 1 {
		t.Fatalf("AuditEvents = %d events, %v; want 1", len(evs), err)
	}
	return evs[0]
}

func TestCreateAppointmentReadsBackPatientAndDoctor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		ag := newAgenda(t, s)
		a := newAppointment(ag.alice, epoch.Add(48*time.Hour))
		a.DoctorID, a.Reason, a.Notes = &ag.doctor.ID, "Vaccin", "À jeun"
		a.VisitID = &ag.visit
		ev := auditEvent("create")
		ev.Resource = "appointment"
		if err := s.CreateAppointment(t.Context(), a, ev); err != nil {
			t.Fatal(err)
		}

		doctor := clinic.ClinicianOf(ag.doctor)
		want := clinic.Appointment{
			ID: a.ID,
			Patient: clinic.PatientRef{ID: ag.alice.ID, Code: ag.alice.Code,
				FirstName: "Alice", LastName: "Dumas"},
			DoctorID: &doctor.ID, Doctor: &doctor, ScheduledAt: epoch.Add(48 * time.Hour),
			Status: clinic.StatusScheduled, Reason: "Vaccin", Notes: "À jeun",
			VisitID: &ag.visit, CreatedAt: s.Now(), UpdatedAt: s.Now(),
		}
		if !reflect.DeepEqual(*a, want) {
			t.Errorf("after create\n got %+v\nwant %+v", *a, want)
		}
		if got := loadAppointment(t, s, a.ID); !reflect.DeepEqual(*got, want) {
			t.Errorf("Appointment(%d)\n got %+v\nwant %+v", a.ID, *got, want)
		}
		got := lastEvent(t, s)
		if got.Resource != "appointment" || got.ResourceID != itoa(a.ID) ||
			got.PatientID == nil || *got.PatientID != ag.alice.ID {
			t.Errorf("audit event %+v, want appointment %d of patient %d", got, a.ID, ag.alice.ID)
		}
	})
}

func TestAppointmentNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ag := newAgenda(t, s)
		missing := newAppointment(ag.alice, epoch)
		missing.ID = 999
		checks := map[string]error{
			"Appointment": func() error {
				_, err := s.Appointment(t.Context(), 999)
				return err
			}(),
			"UpdateAppointment": s.UpdateAppointment(t.Context(), missing, nil),
			"DeleteAppointment": s.DeleteAppointment(t.Context(), 999, nil),
		}
		for name, err := range checks {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s(999) = %v, want ErrNotFound", name, err)
			}
		}
	})
}

func TestUpdateAppointment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		tickingClock(s)
		ag := newAgenda(t, s)
		a := newAppointment(ag.alice, epoch.Add(day))
		a.DoctorID = &ag.doctor.ID
		createAppointment(t, s, a)
		created := a.CreatedAt

		a.Patient = clinic.PatientRef{ID: ag.bruno.ID}
		a.DoctorID, a.Doctor = &ag.nurse.ID, nil
		a.ScheduledAt, a.Status, a.Notes = epoch.Add(2*day), clinic.StatusConfirmed, "moved"
		if err := s.UpdateAppointment(t.Context(), a, nil); err != nil {
			t.Fatal(err)
		}
		got := loadAppointment(t, s, a.ID)
		if !reflect.DeepEqual(*got, *a) {
			t.Errorf("after update\n got %+v\nwant %+v", *got, *a)
		}
		if got.Patient.LastName != "Martin" || got.Doctor == nil ||
			got.Doctor.Role != clinic.RoleNurse {
			t.Errorf("patient %+v, doctor %+v; want Bruno Martin and the nurse",
				got.Patient, got.Doctor)
		}
		if !got.CreatedAt.Equal(created) || !got.UpdatedAt.After(created) {
			t.Errorf("times %v, %v; want created %v kept and updated later",
				got.CreatedAt, got.UpdatedAt, created)
		}

		a.DoctorID = nil
		if err := s.UpdateAppointment(t.Context(), a, nil); err != nil {
			t.Fatal(err)
		}
		if got := loadAppointment(t, s, a.ID); got.DoctorID != nil || got.Doctor != nil {
			t.Errorf("doctor %v, %+v after clearing it; want nil", got.DoctorID, got.Doctor)
		}
	})
}

func TestDeleteAppointment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ag := newAgenda(t, s)
		a := createAppointment(t, s, newAppointment(ag.bruno, epoch))
		keep := createAppointment(t, s, newAppointment(ag.bruno, epoch.Add(day)))
		ev := auditEvent("delete")
		if err := s.DeleteAppointment(t.Context(), a.ID, ev); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Appointment(t.Context(), a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Appointment(%d) after delete: %v, want ErrNotFound", a.ID, err)
		}
		loadAppointment(t, s, keep.ID)
		got := lastEvent(t, s)
		if got.ResourceID != itoa(a.ID) || got.PatientID == nil || *got.PatientID != ag.bruno.ID {
			t.Errorf("audit event %+v, want appointment %d of patient %d", got, a.ID, ag.bruno.ID)
		}
	})
}

func TestAppointmentVisitIsLinkedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ag := newAgenda(t, s)
		first := newAppointment(ag.alice, epoch)
		first.VisitID = &ag.visit
		createAppointment(t, s, first)

		second := newAppointment(ag.alice, epoch.Add(day))
		second.VisitID = &ag.visit
		err := s.CreateAppointment(t.Context(), second, nil)
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("second appointment on visit %d: %v, want ErrConflict", ag.visit, err)
		}
		for _, tt := range []struct {
			self  int64
			taken bool
		}{{0, true}, {first.ID, false}} {
			refs, err := s.AppointmentRefs(t.Context(), 0, 0, ag.visit, tt.self)
			if err != nil || refs.VisitTaken != tt.taken || refs.VisitPatient != ag.alice.ID {
				t.Errorf("AppointmentRefs(visit %d, self %d) = %+v, %v; want taken %v, patient %d",
					ag.visit, tt.self, refs, err, tt.taken, ag.alice.ID)
			}
		}
	})
}

func TestAppointmentRefs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ag := newAgenda(t, s)
		if err := s.SetPatientActive(t.Context(), ag.bruno.ID, false, nil); err != nil {
			t.Fatal(err)
		}
		refs, err := s.AppointmentRefs(t.Context(), ag.alice.ID, ag.nurse.ID, ag.visit, 0)
		if err != nil {
			t.Fatal(err)
		}
		wantAlice := clinic.PatientRef{ID: ag.alice.ID, Code: ag.alice.Code,
			FirstName: "Alice", LastName: "Dumas"}
		if refs.Patient == nil || *refs.Patient != wantAlice || !refs.PatientActive {
			t.Errorf("patient %+v, active %v; want %+v, active",
				refs.Patient, refs.PatientActive, wantAlice)
		}
		if refs.Doctor == nil || refs.Doctor.Username != "nora" ||
			refs.VisitPatient != ag.alice.ID || refs.VisitTaken {
			t.Errorf("refs %+v, want the nurse and Alice's free visit", refs)
		}

		refs, err = s.AppointmentRefs(t.Context(), ag.bruno.ID, 0, 0, 0)
		if err != nil || refs.Patient == nil || refs.PatientActive {
			t.Errorf("archived patient: %+v, %v; want found and inactive", refs, err)
		}

		refs, err = s.AppointmentRefs(t.Context(), 999, 999, 999, 0)
		if err != nil || refs.Patient != nil || refs.Doctor != nil || refs.VisitPatient != 0 {
			t.Errorf("unknown ids: %+v, %v; want nothing found", refs, err)
		}
	})
}

func TestDeletionsReachAppointments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ag := newAgenda(t, s)
		linked := newAppointment(ag.alice, epoch)
		linked.VisitID, linked.DoctorID = &ag.visit, &ag.nurse.ID
		createAppointment(t, s, linked)
		gone := createAppointment(t, s, newAppointment(ag.bruno, epoch))

		exec(t, s, "DELETE FROM visits WHERE id = ?", ag.visit)
		exec(t, s, "DELETE FROM users WHERE id = ?", ag.nurse.ID)
		exec(t, s, "DELETE FROM patients WHERE id = ?", ag.bruno.ID)

		got := loadAppointment(t, s, linked.ID)
		if got.VisitID != nil || got.DoctorID != nil || got.Doctor != nil {
			t.Errorf("visit %v, doctor %v after their deletion; want both nil",
				got.VisitID, got.DoctorID)
		}
		if _, err := s.Appointment(t.Context(), gone.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("appointment of a deleted patient: %v, want ErrNotFound", err)
		}
	})
}

// reasons returns the reasons of appointments, in order.
func reasons(as []clinic.Appointment) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Reason
	}
	return out
}

func TestListAppointments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		fixedClock(s)
		ag := newAgenda(t, s)
		for _, a := range []struct {
			p      *clinic.Patient
			at     time.Time
			status string
		}{
			{ag.alice, epoch.Add(-2 * day), clinic.StatusCompleted},
			{ag.alice, epoch.Add(-time.Hour), clinic.StatusScheduled},
			{ag.bruno, epoch.Add(time.Hour), clinic.StatusConfirmed},
			{ag.alice, epoch.Add(day), clinic.StatusCancelled},
			{ag.bruno, epoch.Add(3 * day), clinic.StatusScheduled},
		} {
			ap := newAppointment(a.p, a.at)
			ap.Status, ap.Reason = a.status, a.p.FirstName+" "+a.status
			createAppointment(t, s, ap)
		}
		dayStart := time.Date(2025, time.March, 14, 0, 0, 0, 0, time.UTC)
		tests := []struct {
			name string
			f    store.AppointmentFilter
			want []string
		}{
			{"all, latest first", store.AppointmentFilter{}, []string{"Bruno SCHEDULED",
				"Alice CANCELLED", "Bruno CONFIRMED", "Alice SCHEDULED", "Alice COMPLETED"}},
			{"patient", store.AppointmentFilter{PatientID: ag.bruno.ID},
				[]string{"Bruno SCHEDULED", "Bruno CONFIRMED"}},
			{"status", store.AppointmentFilter{Status: clinic.StatusScheduled},
				[]string{"Bruno SCHEDULED", "Alice SCHEDULED"}},
			{"unknown status", store.AppointmentFilter{Status: "BOGUS"}, []string{}},
			{"upcoming", store.AppointmentFilter{Upcoming: true},
				[]string{"Bruno SCHEDULED", "Bruno CONFIRMED"}},
			{"upcoming of a status",
				store.AppointmentFilter{Upcoming: true, Status: clinic.StatusConfirmed},
				[]string{"Bruno CONFIRMED"}},
			{"one day", store.AppointmentFilter{From: dayStart, Until: dayStart.Add(day)},
				[]string{"Bruno CONFIRMED", "Alice SCHEDULED"}},
			{"from", store.AppointmentFilter{From: dayStart.Add(day)},
				[]string{"Bruno SCHEDULED", "Alice CANCELLED"}},
			{"until", store.AppointmentFilter{Until: dayStart}, []string{"Alice COMPLETED"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.ListAppointments(t.Context(), tt.f, 100, 0)
				if err != nil || !slices.Equal(reasons(got), tt.want) {
					t.Errorf("ListAppointments(%+v) = %q, %v; want %q",
						tt.f, reasons(got), err, tt.want)
				}
				n, err := s.CountAppointments(t.Context(), tt.f)
				if err != nil || n != len(tt.want) {
					t.Errorf("CountAppointments(%+v) = %d, %v; want %d", tt.f, n, err, len(tt.want))
				}
			})
		}

		page, err := s.ListAppointments(t.Context(), store.AppointmentFilter{}, 2, 2)
		want := []string{"Bruno CONFIRMED", "Alice SCHEDULED"}
		if err != nil || !slices.Equal(reasons(page), want) {
			t.Errorf("second page of 2 = %q, %v; want %q", reasons(page), err, want)
		}
	})
}

func TestClinicians(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		add := func(username, first, last string, role clinic.Role, active bool) {
			u := newUser(username)
			u.FirstName, u.LastName, u.Role, u.IsActive = first, last, role, active
			if err := s.CreateUser(t.Context(), u); err != nil {
				t.Fatalf("CreateUser(%s): %v", username, err)
			}
		}
		add("zoe", "Zoé", "Martin", clinic.RoleDoctor, true)
		add("eve", "Ève", "Durand", clinic.RoleNurse, true)
		add("adam", "adam", "Smith", clinic.RoleDoctor, true)
		add("adele", "Adam", "Dupont", clinic.RoleNurse, true)
		add("boss", "Anne", "Admin", clinic.RoleAdmin, true)
		add("gone", "Aaron", "Left", clinic.RoleDoctor, false)

		got, err := s.Clinicians(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var usernames []string
		for _, c := range got {
			usernames = append(usernames, c.Username)
			if c.FullName != c.FirstName+" "+c.LastName {
				t.Errorf("%s: full name %q, want %q",
					c.Username, c.FullName, c.FirstName+" "+c.LastName)
			}
		}
		if want := []string{"adele", "adam", "eve", "zoe"}; !slices.Equal(usernames, want) {
			t.Errorf("Clinicians = %q, want %q", usernames, want)
		}
	})
}
