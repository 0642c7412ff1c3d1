package store

import (
	"database/sql/driver"
	"fmt"
	"time"

	"clinicflow/clinic"
)

// timeLayout is how SQLite keeps a time: UTC with microseconds, one fixed
// width, so that text order is time order. PostgreSQL reads it too.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// Now returns the current time as the store keeps it: UTC, to the
// microsecond.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// ts is a time as a query argument and a scan target.
type ts struct{ t *time.Time }

// tv makes a time a query argument.
func tv(t time.Time) driver.Valuer { return tsArg(t) }

type tsArg time.Time

// Value writes the time in timeLayout.
func (a tsArg) Value() (driver.Value, error) {
	return time.Time(a).UTC().Format(timeLayout), nil
}

// Scan reads a time from either driver.
func (d ts) Scan(src any) error {
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*d.t = t
	return nil
}

func scanTime(src any) (time.Time, error) {
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		return parseStoredTime(v)
	case []byte:
		return parseStoredTime(string(v))
	}
	return time.Time{}, fmt.Errorf("store: cannot read %T as a time", src)
}

func parseStoredTime(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: read time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// nullTS scans a nullable time.
type nullTS struct{ t **time.Time }

// Scan reads a time or NULL.
func (d nullTS) Scan(src any) error {
	if src == nil {
		*d.t = nil
		return nil
	}
	t, err := scanTime(src)
	if err != nil {
		return err
	}
	*d.t = &t
	return nil
}

// dateArg makes a calendar day a query argument.
type dateArg clinic.Date

// Value writes the day as YYYY-MM-DD.
func (a dateArg) Value() (driver.Value, error) { return clinic.Date(a).String(), nil }

// nullDateArg makes an optional day a query argument.
func nullDateArg(d *clinic.Date) any {
	if d == nil {
		return nil
	}
	return dateArg(*d)
}

// dateScan reads a day from either driver.
type dateScan struct{ d *clinic.Date }

// Scan reads a day.
func (s dateScan) Scan(src any) error {
	d, err := scanDate(src)
	if err != nil {
		return err
	}
	*s.d = d
	return nil
}

// nullDateScan reads an optional day.
type nullDateScan struct{ d **clinic.Date }

// Scan reads a day or NULL.
func (s nullDateScan) Scan(src any) error {
	if src == nil {
		*s.d = nil
		return nil
	}
	d, err := scanDate(src)
	if err != nil {
		return err
	}
	*s.d = &d
	return nil
}

func scanDate(src any) (clinic.Date, error) {
	switch v := src.(type) {
	case time.Time:
		return clinic.DateOf(v), nil
	case string:
		return clinic.ParseDate(v)
	case []byte:
		return clinic.ParseDate(string(v))
	}
	return clinic.Date{}, fmt.Errorf("store: cannot read %T as a date", src)
}
