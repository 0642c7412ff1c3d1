package store_test

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// dec is a day of December 2026.
func dec(day int) clinic.Date { return clinic.Date{Year: 2026, Month: time.December, Day: day} }

// hhmm is a time of day.
func hhmm(h, m int) *clinic.TimeOfDay { return &clinic.TimeOfDay{Hour: h, Minute: m} }

// saveDay saves what an account says of a day.
func saveDay(t *testing.T, s *store.Store, a *clinic.Availability) {
	t.Helper()
	if err := s.SaveAvailability(t.Context(), a, nil); err != nil {
		t.Fatalf("SaveAvailability(%s): %v", a.Date, err)
	}
}

// listDays returns every day u said something of.
func listDays(t *testing.T, s *store.Store, userID int64) []clinic.Availability {
	t.Helper()
	list, err := s.ListAvailability(t.Context(), userID, clinic.Date{}, clinic.Date{})
	if err != nil {
		t.Fatalf("ListAvailability(%d): %v", userID, err)
	}
	return list
}

// dates returns the dates of a list, in order.
func dates(list []clinic.Availability) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Date.String())
	}
	return out
}

func TestSaveAvailabilityReplacesTheDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		tickingClock(s)
		u := createUser(t, s, "house")
		first := &clinic.Availability{UserID: u.ID, Date: dec(15), Slot: clinic.SlotMorning,
			StartTime: hhmm(8, 30), EndTime: &clinic.TimeOfDay{Hour: 12, Minute: 15, Second: 30},
			Notes: "Clinic A"}
		_, err := s.AvailabilityOn(t.Context(), u.ID, dec(15))
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("AvailabilityOn before any save: %v, want ErrNotFound", err)
		}
		saveDay(t, s, first)
		got, err := s.AvailabilityOn(t.Context(), u.ID, dec(15))
		if err != nil || !sameDay(*got, *first) {
			t.Errorf("after create: %+v, %v; want %+v", got, err, *first)
		}

		again := &clinic.Availability{UserID: u.ID, Date: dec(15), Slot: clinic.SlotAfternoon}
		saveDay(t, s, again)
		if again.ID != first.ID || !again.CreatedAt.Equal(first.CreatedAt) ||
			!again.UpdatedAt.After(first.UpdatedAt) {
			t.Errorf("second save: id %d, times %v %v; want id %d, created %v kept, updated later",
				again.ID, again.CreatedAt, again.UpdatedAt, first.ID, first.CreatedAt)
		}
		list := listDays(t, s, u.ID)
		if len(list) != 1 || !sameDay(list[0], *again) || list[0].Notes != "" ||
			list[0].StartTime != nil {
			t.Errorf("after update: %+v, want %+v with no notes and no times", list, *again)
		}
	})
}

// sameDay compares what two availabilities say, ids and times included.
func sameDay(a, b clinic.Availability) bool {
	sameTime := func(x, y *clinic.TimeOfDay) bool {
		return (x == nil) == (y == nil) && (x == nil || *x == *y)
	}
	return a.ID == b.ID && a.UserID == b.UserID && a.Date == b.Date && a.Slot == b.Slot &&
		a.Notes == b.Notes && sameTime(a.StartTime, b.StartTime) &&
		sameTime(a.EndTime, b.EndTime) && a.CreatedAt.Equal(b.CreatedAt) &&
		a.UpdatedAt.Equal(b.UpdatedAt)
}

func TestListAvailabilityByMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u, other := createUser(t, s, "house"), createUser(t, s, "wilson")
		days := []clinic.Date{dec(31), dec(1), {Year: 2027, Month: time.January, Day: 4},
			{Year: 2026, Month: time.November, Day: 30}}
		for _, d := range days {
			saveDay(t, s, &clinic.Availability{UserID: u.ID, Date: d, Slot: clinic.SlotFullDay})
		}
		saveDay(t, s, &clinic.Availability{UserID: other.ID, Date: dec(2),
			Slot: clinic.SlotEvening})

		tests := []struct {
			name        string
			from, until clinic.Date
			want        []string
		}{
			{"all", clinic.Date{}, clinic.Date{},
				[]string{"2026-11-30", "2026-12-01", "2026-12-31", "2027-01-04"}},
			{"December", dec(1), clinic.Date{Year: 2027, Month: time.January, Day: 1},
				[]string{"2026-12-01", "2026-12-31"}},
			{"from", dec(2), clinic.Date{}, []string{"2026-12-31", "2027-01-04"}},
			{"until", clinic.Date{}, dec(1), []string{"2026-11-30"}},
		}
		for _, tt := range tests {
			got, err := s.ListAvailability(t.Context(), u.ID, tt.from, tt.until)
			if err != nil || !slices.Equal(dates(got), tt.want) {
				t.Errorf("%s: ListAvailability = %q, %v; want %q",
					tt.name, dates(got), err, tt.want)
			}
		}
		if got := dates(listDays(t, s, 999)); len(got) != 0 {
			t.Errorf("unknown user: %q, want none", got)
		}
	})
}

func TestSaveAvailabilitiesIsAllOrNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "house")
		saveDay(t, s, &clinic.Availability{UserID: u.ID, Date: dec(15),
			Slot: clinic.SlotMorning, Notes: "keep"})

		bad := []clinic.Availability{
			{UserID: u.ID, Date: dec(15), Slot: clinic.SlotEvening},
			{UserID: u.ID, Date: dec(16), Slot: clinic.SlotMorning},
			{UserID: u.ID, Date: dec(17), Slot: "bogus"}, // the CHECK constraint refuses it
		}
		if err := s.SaveAvailabilities(t.Context(), bad, auditEvent("bulk")); err == nil {
			t.Fatal("SaveAvailabilities with a bad slot: nil error, want one")
		}
		got := listDays(t, s, u.ID)
		if len(got) != 1 || got[0].Slot != clinic.SlotMorning || got[0].Notes != "keep" {
			t.Errorf("after a failed bulk save: %+v, want the morning of the 15th alone", got)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_events"); n != 0 {
			t.Errorf("%d audit events after a failed bulk save, want 0", n)
		}

		good := bad[:2]
		if err := s.SaveAvailabilities(t.Context(), good, auditEvent("bulk")); err != nil {
			t.Fatal(err)
		}
		if good[0].ID != got[0].ID || good[1].ID == 0 {
			t.Errorf("ids %d, %d; want %d kept and a new one", good[0].ID, good[1].ID, got[0].ID)
		}
		after := dates(listDays(t, s, u.ID))
		if !slices.Equal(after, []string{"2026-12-15", "2026-12-16"}) {
			t.Errorf("after bulk save: %q", after)
		}
		if ev := lastEvent(t, s); ev.Action != "bulk" || ev.PatientID != nil {
			t.Errorf("audit event %+v, want the bulk save with no patient", ev)
		}
	})
}

func TestDeleteAvailability(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "house")
		a := &clinic.Availability{UserID: u.ID, Date: dec(17), Slot: clinic.SlotUnavailable}
		saveDay(t, s, a)
		saveDay(t, s, &clinic.Availability{UserID: u.ID, Date: dec(18), Slot: clinic.SlotFullDay})

		err := s.DeleteAvailability(t.Context(), u.ID, dec(17), auditEvent("delete"))
		if err != nil {
			t.Fatal(err)
		}
		if got := dates(listDays(t, s, u.ID)); !slices.Equal(got, []string{"2026-12-18"}) {
			t.Errorf("after delete: %q, want the 18th alone", got)
		}
		if ev := lastEvent(t, s); ev.ResourceID != itoa(a.ID) || ev.PatientID != nil {
			t.Errorf("audit event %+v, want row %d and no patient", ev, a.ID)
		}
		err = s.DeleteAvailability(t.Context(), u.ID, dec(17), nil)
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v, want ErrNotFound", err)
		}
	})
}

func TestAvailabilityGoesWithItsAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		u := createUser(t, s, "house")
		saveDay(t, s, &clinic.Availability{UserID: u.ID, Date: dec(17), Slot: clinic.SlotMorning})
		exec(t, s, "DELETE FROM users WHERE id = ?", u.ID)
		if n := count(t, s, "SELECT COUNT(*) FROM availability"); n != 0 {
			t.Errorf("%d availability rows after the account was deleted, want 0", n)
		}
	})
}
