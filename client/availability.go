package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"clinicflow/clinic"
)

// The availability routes refuse with {"error": "..."}; *Error reads that
// message into Detail.

// AvailabilityFields are what an account says of one day. Saving a day
// replaces what was said of it: fields left empty take their defaults (the
// full day, no notes, no times).
type AvailabilityFields struct {
	// Date is the day, YYYY-MM-DD.
	Date string `json:"date"`
	// Slot is morning, afternoon, evening, full_day or unavailable; the
	// bulk route needs it.
	Slot  string `json:"slot,omitempty"`
	Notes string `json:"notes,omitempty"`
	// StartTime and EndTime are HH:MM or HH:MM:SS, or "" for none.
	StartTime string `json:"start_time,omitempty"`
	EndTime   string `json:"end_time,omitempty"`
}

// monthValues asks for one month (year and month), one year (month 0) or
// every date (year 0).
func monthValues(year, month int) url.Values {
	v := url.Values{}
	if year == 0 {
		return v
	}
	v.Set("year", strconv.Itoa(year))
	if month != 0 {
		v.Set("month", strconv.Itoa(month))
	}
	return v
}

// MyAvailability returns the signed-in account's days of one month, by
// date; month 0 asks for the whole year, year 0 for every date.
func (c *Client) MyAvailability(ctx context.Context,
	year, month int) ([]clinic.Availability, error) {
	return c.availability(ctx, "/api/auth/availability/", year, month)
}

// DoctorAvailability returns another account's days, as MyAvailability
// does. An unknown account has none.
func (c *Client) DoctorAvailability(ctx context.Context, userID int64,
	year, month int) ([]clinic.Availability, error) {
	path := fmt.Sprintf("/api/auth/doctors/%d/availability/", userID)
	return c.availability(ctx, path, year, month)
}

func (c *Client) availability(ctx context.Context, path string,
	year, month int) ([]clinic.Availability, error) {
	var list []clinic.Availability
	if err := c.do(ctx, "GET", path, monthValues(year, month), nil, &list); err != nil {
		return nil, err
	}
	return list, nil
}

// SetAvailability saves what the signed-in account says of one day, and
// reports whether the day was new (false: it replaced what was said).
func (c *Client) SetAvailability(ctx context.Context,
	f AvailabilityFields) (a *clinic.Availability, created bool, err error) {
	const path = "/api/auth/availability/"
	r, err := jsonRequest("POST", path, nil, f)
	if err != nil {
		return nil, false, err
	}
	resp, err := c.send(ctx, r)
	if err != nil {
		return nil, false, err
	}
	defer resp.Body.Close()
	a = new(clinic.Availability)
	if err := json.NewDecoder(resp.Body).Decode(a); err != nil {
		return nil, false, fmt.Errorf("client: decode POST %s: %w", path, err)
	}
	return a, resp.StatusCode == http.StatusCreated, nil
}

// ClearAvailability forgets what the signed-in account said of a day
// (YYYY-MM-DD); a day with nothing said answers 404.
func (c *Client) ClearAvailability(ctx context.Context, date string) error {
	return c.do(ctx, "DELETE", "/api/auth/availability/", url.Values{"date": {date}}, nil, nil)
}

// BulkAvailability saves several days at once, every one or none, and
// returns them as saved. Each needs its date and slot.
func (c *Client) BulkAvailability(ctx context.Context,
	days []AvailabilityFields) ([]clinic.Availability, error) {
	if days == nil {
		days = []AvailabilityFields{}
	}
	in := struct {
		Availabilities []AvailabilityFields `json:"availabilities"`
	}{days}
	var out struct {
		Availabilities []clinic.Availability `json:"availabilities"`
	}
	if err := c.do(ctx, "POST", "/api/auth/availability/bulk/", nil, in, &out); err != nil {
		return nil, err
	}
	return out.Availabilities, nil
}
