package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

// auditEvent returns a successful event by user 7 with the given action.
func auditEvent(action string) *clinic.AuditEvent {
	return &clinic.AuditEvent{
		UserID:     new(int64(7)),
		Username:   "ada",
		Action:     action,
		Resource:   "patient",
		RemoteAddr: "192.0.2.10",
		RequestID:  "req-" + action,
		Outcome:    clinic.OutcomeSuccess,
		Status:     200,
	}
}

// trail returns one event per action about patient 10, an hour apart
// from epoch on.
func trail(actions ...string) []*clinic.AuditEvent {
	var evs []*clinic.AuditEvent
	for i, a := range actions {
		ev := auditEvent(a)
		ev.At = epoch.Add(time.Duration(i) * time.Hour)
		ev.PatientID, ev.ResourceID = new(int64(10)), "10"
		evs = append(evs, ev)
	}
	return evs
}

// appendAll appends events in one call.
func appendAll(t *testing.T, s *store.Store, evs []*clinic.AuditEvent) {
	t.Helper()
	if err := s.AppendAudit(t.Context(), evs...); err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
}

// actions lists the actions of events, in order.
func actions(evs []clinic.AuditEvent) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Action)
	}
	return out
}

func TestAuditFilters(t *testing.T) {
	tests := []struct {
		f    store.AuditFilter
		want []string
	}{
		{store.AuditFilter{}, []string{"archive", "update", "view", "login"}},
		{store.AuditFilter{PatientID: 10}, []string{"update", "view"}},
		{store.AuditFilter{UserID: 1}, []string{"view", "login"}},
		{store.AuditFilter{UserID: 2, PatientID: 10}, []string{"update"}},
		{store.AuditFilter{Since: epoch.Add(time.Hour)},
			[]string{"archive", "update", "view"}},
		{store.AuditFilter{Since: epoch.Add(90 * time.Minute)},
			[]string{"archive", "update"}},
		{store.AuditFilter{PatientID: 99}, nil},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		evs := trail("login", "view", "update", "archive")
		users := []int64{1, 1, 2, 2}
		patients := []*int64{nil, new(int64(10)), new(int64(10)), new(int64(11))}
		for i, ev := range evs {
			ev.UserID, ev.PatientID = &users[i], patients[i]
		}
		appendAll(t, s, evs)

		for _, tt := range tests {
			got, err := s.AuditEvents(t.Context(), tt.f, 100, 0)
			if err != nil {
				t.Fatalf("AuditEvents(%+v): %v", tt.f, err)
			}
			if !slices.Equal(actions(got), tt.want) {
				t.Errorf("AuditEvents(%+v) = %q, want %q", tt.f, actions(got), tt.want)
			}
			n, err := s.CountAudit(t.Context(), tt.f)
			if err != nil || n != len(tt.want) {
				t.Errorf("CountAudit(%+v) = %d, %v; want %d, nil",
					tt.f, n, err, len(tt.want))
			}
		}
	})
}

func TestAuditEventsRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		evs := trail("login", "view", "logout")
		// Finer than a microsecond, and not in UTC: kept as UTC
		// microseconds.
		east := time.FixedZone("UTC+2", 2*3600)
		evs[1].At = time.Date(2025, 3, 14, 11, 0, 0, 999, east)
		evs[1].UserID, evs[1].PatientID = nil, nil
		appendAll(t, s, evs)

		if want := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC); evs[1].At != want {
			t.Errorf("AppendAudit set At to %v, want %v", evs[1].At, want)
		}
		if !(evs[0].ID < evs[1].ID && evs[1].ID < evs[2].ID) {
			t.Errorf("AppendAudit set ids %d, %d, %d; want increasing",
				evs[0].ID, evs[1].ID, evs[2].ID)
		}
		got, err := s.AuditEvents(t.Context(), store.AuditFilter{}, 1, 1)
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], *evs[1]) {
			t.Errorf("AuditEvents(limit 1, offset 1) = %+v, %v; want [%+v]",
				got, err, *evs[1])
		}
	})
}

func TestWritesRecordOneAuditEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		p := newPatient("Hélène", "Dupont")
		writes := []struct {
			action string
			write  func(ev *clinic.AuditEvent) error
			want   int // audit events afterwards
		}{
			{"patient.create", func(ev *clinic.AuditEvent) error {
				return s.CreatePatient(ctx, p, ev)
			}, 1},
			{"patient.update", func(ev *clinic.AuditEvent) error {
				p.Phone = "+33 1 00 00 00 00"
				return s.UpdatePatient(ctx, p, ev)
			}, 2},
			{"patient.archive", func(ev *clinic.AuditEvent) error {
				return s.SetPatientActive(ctx, p.ID, false, ev)
			}, 3},
			{"", func(*clinic.AuditEvent) error { // no event, no row
				return s.UpdatePatient(ctx, p, nil)
			}, 3},
		}
		for i, w := range writes {
			if err := w.write(auditEvent(w.action)); err != nil {
				t.Fatalf("write %d (%s): %v", i, w.action, err)
			}
			if n, _ := s.CountAudit(ctx, store.AuditFilter{}); n != w.want {
				t.Errorf("after write %d (%s): %d audit events, want %d",
					i, w.action, n, w.want)
			}
		}
		checkPatientTrail(t, s, p.ID, []string{
			"patient.archive", "patient.update", "patient.create"})
	})
}

// checkPatientTrail checks the actions recorded about a patient, newest
// first, and that each names the patient.
func checkPatientTrail(t *testing.T, s *store.Store, id int64, want []string) {
	t.Helper()
	got, err := s.AuditEvents(t.Context(), store.AuditFilter{PatientID: id}, 100, 0)
	if err != nil {
		t.Fatalf("AuditEvents: %v", err)
	}
	if !slices.Equal(actions(got), want) {
		t.Errorf("trail of patient %d = %q, want %q", id, actions(got), want)
	}
	for _, ev := range got {
		named := ev.PatientID != nil && *ev.PatientID == id
		if !named || ev.ResourceID != fmt.Sprint(id) {
			t.Errorf("event %s names patient %v, resource %q; want %d",
				ev.Action, ev.PatientID, ev.ResourceID, id)
		}
	}
}

func TestVerifyAuditIntact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		batches := [][]string{nil, {"login", "view", "print", "logout"}, {"login"}}
		for _, batch := range batches {
			appendAll(t, s, trail(batch...))
			want, _ := s.CountAudit(t.Context(), store.AuditFilter{})
			n, brk, err := s.VerifyAudit(t.Context())
			if n != want || brk != nil || err != nil {
				t.Errorf("VerifyAudit = %d, %+v, %v; want %d, nil, nil",
					n, brk, err, want)
			}
		}
	})
}

// allowTampering drops the triggers that keep the audit trail append-only.
func allowTampering(t *testing.T, s *store.Store) {
	t.Helper()
	if s.Kind() == "sqlite" {
		exec(t, s, "DROP TRIGGER audit_events_no_update")
		exec(t, s, "DROP TRIGGER audit_events_no_delete")
		return
	}
	exec(t, s, "DROP TRIGGER audit_events_no_change ON audit_events")
}

func TestVerifyAuditFindsTampering(t *testing.T) {
	// target and wantBreak index the five events of the trail.
	tests := []struct {
		name              string
		sql               string
		target, wantBreak int
	}{
		{"action edited", "UPDATE audit_events SET action = 'x' WHERE id = ?", 2, 2},
		{"user edited", "UPDATE audit_events SET user_id = 8 WHERE id = ?", 2, 2},
		{"patient unlinked",
			"UPDATE audit_events SET patient_id = NULL WHERE id = ?", 2, 2},
		{"status edited", "UPDATE audit_events SET status = 403 WHERE id = ?", 4, 4},
		{"time edited", `UPDATE audit_events
			SET at = '2024-01-01T00:00:00.000000Z' WHERE id = ?`, 0, 0},
		{"middle row deleted", "DELETE FROM audit_events WHERE id = ?", 2, 3},
		{"first row deleted", "DELETE FROM audit_events WHERE id = ?", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.Each(t, func(t *testing.T, s *store.Store) {
				evs := trail("login", "view", "update", "print", "logout")
				appendAll(t, s, evs)
				allowTampering(t, s)
				exec(t, s, tt.sql, evs[tt.target].ID)

				n, brk, err := s.VerifyAudit(t.Context())
				if err != nil || brk == nil || brk.ID != evs[tt.wantBreak].ID {
					t.Fatalf("VerifyAudit = %d, %+v, %v; want a break at id %d",
						n, brk, err, evs[tt.wantBreak].ID)
				}
				// Every event before the tampered one is still sound.
				if n != tt.target {
					t.Errorf("VerifyAudit checked %d events, want %d", n, tt.target)
				}
			})
		})
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		evs := trail("login", "view", "logout")
		appendAll(t, s, evs)
		for _, q := range []string{
			"UPDATE audit_events SET action = 'x' WHERE id = ?",
			"DELETE FROM audit_events WHERE id = ?",
		} {
			_, err := s.DB().ExecContext(t.Context(), s.Rebind(q), evs[1].ID)
			if err == nil {
				t.Errorf("%s: got nil error, want the trail to refuse it", q)
			}
		}
		n, brk, err := s.VerifyAudit(t.Context())
		if n != len(evs) || brk != nil || err != nil {
			t.Errorf("VerifyAudit = %d, %+v, %v; want %d, nil, nil",
				n, brk, err, len(evs))
		}
	})
}
