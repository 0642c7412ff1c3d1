package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"

	"clinicflow/clinic"
)

const availabilityColumns = `id, user_id, date, slot, start_time, end_time, notes,
	created_at, updated_at`

func scanAvailability(row scanner) (*clinic.Availability, error) {
	var a clinic.Availability
	err := row.Scan(&a.ID, &a.UserID, dateScan{&a.Date}, &a.Slot,
		timeOfDayScan{&a.StartTime}, timeOfDayScan{&a.EndTime}, &a.Notes,
		ts{&a.CreatedAt}, ts{&a.UpdatedAt})
	if err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// ListAvailability returns what the account said of each day from from
// (included) to until (excluded), by date; a zero bound does not bound.
func (s *Store) ListAvailability(ctx context.Context, userID int64,
	from, until clinic.Date) ([]clinic.Availability, error) {
	conds, args := []string{"user_id = ?"}, []any{userID}
	if !from.IsZero() {
		conds, args = append(conds, "date >= ?"), append(args, dateArg(from))
	}
	if !until.IsZero() {
		conds, args = append(conds, "date < ?"), append(args, dateArg(until))
	}
	rows, err := s.conn().query(ctx, "SELECT "+availabilityColumns+" FROM availability WHERE "+
		strings.Join(conds, " AND ")+" ORDER BY date", args...)
	if err != nil {
		return nil, fmt.Errorf("store: list availability of user %d: %w", userID, err)
	}
	defer rows.Close()
	out := []clinic.Availability{}
	for rows.Next() {
		a, err := scanAvailability(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list availability of user %d: %w", userID, err)
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// AvailabilityOn returns what the account said of the day; ErrNotFound
// when it said nothing.
func (s *Store) AvailabilityOn(ctx context.Context, userID int64,
	day clinic.Date) (*clinic.Availability, error) {
	row := s.conn().queryRow(ctx, "SELECT "+availabilityColumns+
		" FROM availability WHERE user_id = ? AND date = ?", userID, dateArg(day))
	a, err := scanAvailability(row)
	if err != nil {
		return nil, fmt.Errorf("store: availability of user %d on %s: %w", userID, day, err)
	}
	return a, nil
}

// SaveAvailability writes what a's account says of a's day, replacing what
// it said before, sets a's id and times, and records ev.
func (s *Store) SaveAvailability(ctx context.Context, a *clinic.Availability,
	ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		if err := upsertAvailability(ctx, c, a, s.Now()); err != nil {
			return err
		}
		return auditAvailability(ctx, c, ev, a.ID)
	})
}

// SaveAvailabilities writes several days at once, each as SaveAvailability
// does, in one transaction: all of them or, on error, none. It records ev
// once for the whole.
func (s *Store) SaveAvailabilities(ctx context.Context, list []clinic.Availability,
	ev *clinic.AuditEvent) error {
	now := s.Now()
	return s.tx(ctx, func(c conn) error {
		for i := range list {
			if err := upsertAvailability(ctx, c, &list[i], now); err != nil {
				return err
			}
		}
		return auditAvailability(ctx, c, ev, 0)
	})
}

func upsertAvailability(ctx context.Context, c conn, a *clinic.Availability, now time.Time) error {
	a.UpdatedAt = now
	err := c.queryRow(ctx, `INSERT INTO availability (user_id, date, slot, start_time,
		end_time, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, date) DO UPDATE SET slot = excluded.slot,
		start_time = excluded.start_time, end_time = excluded.end_time,
		notes = excluded.notes, updated_at = excluded.updated_at
		RETURNING id, created_at`,
		a.UserID, dateArg(a.Date), a.Slot, timeOfDayArg(a.StartTime),
		timeOfDayArg(a.EndTime), a.Notes, tv(now), tv(now)).Scan(&a.ID, ts{&a.CreatedAt})
	if err != nil {
		return fmt.Errorf("store: save availability of user %d on %s: %w",
			a.UserID, a.Date, mapErr(err))
	}
	return nil
}

// DeleteAvailability removes what the account said of the day and records
// ev; ErrNotFound when it said nothing.
func (s *Store) DeleteAvailability(ctx context.Context, userID int64, day clinic.Date,
	ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		var id int64
		err := c.queryRow(ctx, `DELETE FROM availability WHERE user_id = ? AND date = ?
			RETURNING id`, userID, dateArg(day)).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: delete availability of user %d on %s: %w",
				userID, day, mapErr(err))
		}
		return auditAvailability(ctx, c, ev, id)
	})
}

// auditAvailability records a change's event, naming the row when id is
// not 0, inside the change's transaction. Availability is no patient's
// data. A nil event records nothing.
func auditAvailability(ctx context.Context, c conn, ev *clinic.AuditEvent, id int64) error {
	if ev == nil {
		return nil
	}
	if id != 0 {
		ev.ResourceID = strconv.FormatInt(id, 10)
	}
	return appendAudit(ctx, c, ev)
}

// timeOfDayArg makes an optional time of day a query argument: HH:MM:SS,
// which SQLite keeps as text and PostgreSQL reads as a TIME.
func timeOfDayArg(t *clinic.TimeOfDay) any {
	if t == nil {
		return nil
	}
	return timeOfDayValue(*t)
}

type timeOfDayValue clinic.TimeOfDay

// Value writes the time as HH:MM:SS.
func (v timeOfDayValue) Value() (driver.Value, error) { return clinic.TimeOfDay(v).String(), nil }

// timeOfDayScan reads an optional time of day from either driver.
type timeOfDayScan struct{ t **clinic.TimeOfDay }

// Scan reads HH:MM:SS text, a time, or NULL.
func (d timeOfDayScan) Scan(src any) error {
	var text string
	switch v := src.(type) {
	case nil:
		*d.t = nil
		return nil
	case time.Time:
		*d.t = &clinic.TimeOfDay{Hour: v.Hour(), Minute: v.Minute(), Second: v.Second()}
		return nil
	case string:
		text = v
	case []byte:
		text = string(v)
	default:
		return fmt.Errorf("store: cannot read %T as a time of day", src)
	}
	if text = strings.TrimSpace(text); len(text) > len(time.TimeOnly) {
		text = text[:len(time.TimeOnly)] // PostgreSQL may add a fraction
	}
	t, err := clinic.ParseTimeOfDay(text)
	if err != nil {
		return fmt.Errorf("store: read time of day %q: %w", text, err)
	}
	*d.t = &t
	return nil
}
