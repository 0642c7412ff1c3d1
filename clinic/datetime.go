package clinic

import (
	"errors"
	"strings"
	"time"
)

// ErrDatetimeFormat is returned for a time that is not ISO 8601.
var ErrDatetimeFormat = errors.New("clinic: time is not YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")

// DatetimeFormat is how the API describes the times it accepts.
const DatetimeFormat = "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]"

// ParseDatetime reads an ISO 8601 date and time, with or without seconds,
// fraction and offset; a time without an offset is taken as UTC. A date
// alone is refused. The result is in UTC, to the microsecond.
func ParseDatetime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) < len("2006-01-02T15:04") {
		return time.Time{}, ErrDatetimeFormat
	}
	if s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	for _, layout := range []string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04:05.999999999",
		"2006-01-02T15:04",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Truncate(time.Microsecond), nil
		}
	}
	return time.Time{}, ErrDatetimeFormat
}
