package clinic

import (
	"errors"
	"fmt"
	"time"
)

// ErrDateFormat is returned for a date that is not a real YYYY-MM-DD day.
var ErrDateFormat = errors.New("clinic: date is not YYYY-MM-DD")

// Date is a calendar day with no time and no zone, such as a date of birth.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a YYYY-MM-DD day and refuses days the calendar lacks
// (2024-02-30, and year 0000, which PostgreSQL has no room for).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) || t.Year() < 1 {
		return Date{}, ErrDateFormat
	}
	return DateOf(t), nil
}

// DateOf returns the day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool { return d.Time().After(o.Time()) }

// MarshalJSON writes d as a "YYYY-MM-DD" string.
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads a "YYYY-MM-DD" string.
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return ErrDateFormat
	}
	v, err := ParseDate(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// AgeMonths returns the whole months from birth to the day on, never less
// than zero.
func AgeMonths(birth, on Date) int {
	months := (on.Year-birth.Year)*12 + int(on.Month-birth.Month)
	if on.Day < birth.Day {
		months--
	}
	return max(months, 0)
}
