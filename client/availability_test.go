package client_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"clinicflow/client"
	"clinicflow/clinic"
)

// availabilityDays lists the days of a list of availability, with their
// slots, as "2027-01-05 morning".
func availabilityDays(list []clinic.Availability) []string {
	out := make([]string, len(list))
	for i, a := range list {
		out[i] = a.Date.String() + " " + a.Slot
	}
	return out
}

func TestSetAndClearAvailability(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	a, created, err := c.SetAvailability(t.Context(), client.AvailabilityFields{Date: "2027-01-05",
		Slot: clinic.SlotMorning, StartTime: "08:30", EndTime: "12:00", Notes: "Bloc"})
	if err != nil || !created {
		t.Fatalf("SetAvailability: created %v, %v; want a new day", created, err)
	}
	if a.Slot != clinic.SlotMorning || a.StartTime == nil || a.StartTime.String() != "08:30:00" ||
		a.EndTime == nil || a.EndTime.String() != "12:00:00" || a.Notes != "Bloc" ||
		a.Date.String() != "2027-01-05" {
		t.Errorf("SetAvailability = %+v", a)
	}

	// Saving the day again replaces it: the times left out are gone.
	a, created, err = c.SetAvailability(t.Context(), client.AvailabilityFields{Date: "2027-01-05"})
	if err != nil || created || a.Slot != clinic.SlotFullDay || a.StartTime != nil ||
		a.Notes != "" {
		t.Errorf("SetAvailability again = %+v, created %v, %v; want the full day, replaced",
			a, created, err)
	}

	if err := c.ClearAvailability(t.Context(), "2027-01-05"); err != nil {
		t.Fatal(err)
	}
	list, err := c.MyAvailability(t.Context(), 2027, 1)
	if err != nil || len(list) != 0 {
		t.Errorf("MyAvailability after clear = %v, %v; want none", availabilityDays(list), err)
	}
	err = c.ClearAvailability(t.Context(), "2027-01-05")
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 ||
		apiErr.Detail != "No availability found for this date." {
		t.Errorf("ClearAvailability of a day with nothing: %v, want 404 with the API's error", err)
	}
}

// The availability routes refuse with {"error": ...}, read into Detail.
func TestAvailabilityRefusals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse", client.WithLanguage("en"))
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"bad date", func() error {
			f := client.AvailabilityFields{Date: "05/01/2027"}
			_, _, err := c.SetAvailability(t.Context(), f)
			return err
		}, "Invalid date format. Use YYYY-MM-DD."},
		{"no date", func() error {
			_, _, err := c.SetAvailability(t.Context(), client.AvailabilityFields{})
			return err
		}, "Date is required."},
		{"clear a bad date", func() error { return c.ClearAvailability(t.Context(), "tomorrow") },
			"Invalid date format. Use YYYY-MM-DD."},
	}
	for _, tt := range tests {
		err := tt.call()
		var apiErr *client.Error
		if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Detail != tt.want {
			t.Errorf("%s: %v, want 400 %q", tt.name, err, tt.want)
		}
	}
}

func TestBulkAvailability(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	days := []client.AvailabilityFields{
		{Date: "2027-01-04", Slot: clinic.SlotMorning},
		{Date: "2027-01-05", Slot: clinic.SlotUnavailable, Notes: "Congrès"},
		{Date: "2027-02-01", Slot: clinic.SlotEvening, StartTime: "17:00", EndTime: "20:00"},
	}
	saved, err := c.BulkAvailability(t.Context(), days)
	if err != nil || len(saved) != 3 || saved[1].Notes != "Congrès" {
		t.Fatalf("BulkAvailability = %v, %v", availabilityDays(saved), err)
	}

	// One bad entry and nothing is saved.
	_, err = c.BulkAvailability(t.Context(), []client.AvailabilityFields{
		{Date: "2027-03-01", Slot: clinic.SlotMorning}, {Date: "2027-03-02", Slot: "night"}})
	if status, field := refusal(err); status != 400 || field != "availabilities" {
		t.Errorf("BulkAvailability with an unknown slot: %v, want 400 on availabilities", err)
	}

	tests := []struct {
		year, month int
		want        []string
	}{
		{2027, 1, []string{"2027-01-04 morning", "2027-01-05 unavailable"}},
		{2027, 2, []string{"2027-02-01 evening"}},
		{2027, 3, []string{}},
		{2027, 0, []string{"2027-01-04 morning", "2027-01-05 unavailable", "2027-02-01 evening"}},
		{0, 0, []string{"2027-01-04 morning", "2027-01-05 unavailable", "2027-02-01 evening"}},
	}
	for _, tt := range tests {
		list, err := c.MyAvailability(t.Context(), tt.year, tt.month)
		if got := availabilityDays(list); err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("MyAvailability(%d, %d) = %v, %v; want %v",
				tt.year, tt.month, got, err, tt.want)
		}
	}

	// Another account sees the doctor's days; the doctor's own list is theirs.
	me, _ := c.Me(t.Context())
	nurse := s.signIn(t, "nurse1")
	list, err := nurse.DoctorAvailability(t.Context(), me.ID, 2027, 2)
	got := availabilityDays(list)
	if err != nil || !slices.Equal(got, []string{"2027-02-01 evening"}) {
		t.Errorf("DoctorAvailability = %v, %v", got, err)
	}
	if list, err := nurse.MyAvailability(t.Context(), 0, 0); err != nil || len(list) != 0 {
		t.Errorf("the nurse's own availability = %v, %v; want none", availabilityDays(list), err)
	}
}

// The availability routes' {"error": ...} comes in the client's language.
func TestAvailabilityRefusalInFrench(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse", client.WithLanguage("fr"))
	err := c.ClearAvailability(t.Context(), "2027-01-05")
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 404 ||
		apiErr.Detail != "Aucune disponibilité trouvée pour cette date." {
		t.Errorf("ClearAvailability in French: %v", err)
	}
	if !strings.Contains(err.Error(), "404 Not Found: Aucune disponibilité") {
		t.Errorf("Error() = %q, want the status and the message", err.Error())
	}
}
