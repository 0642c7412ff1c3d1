package clinic

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Availability slots.
const (
	SlotMorning     = "morning"
	SlotAfternoon   = "afternoon"
	SlotEvening     = "evening"
	SlotFullDay     = "full_day"
	SlotUnavailable = "unavailable"
)

// Slots lists every slot, in the order the API lists them.
var Slots = []string{SlotMorning, SlotAfternoon, SlotEvening, SlotFullDay, SlotUnavailable}

var slotLabels = map[string]string{
	SlotMorning:     "Morning (8:00-12:00)",
	SlotAfternoon:   "Afternoon (12:00-17:00)",
	SlotEvening:     "Evening (17:00-21:00)",
	SlotFullDay:     "Full Day",
	SlotUnavailable: "Unavailable",
}

// SlotLabel is the label the API shows for a slot; an unknown slot is
// shown as it is.
func SlotLabel(slot string) string {
	if l, ok := slotLabels[slot]; ok {
		return l
	}
	return slot
}

// slotChoices lists the slots the way the original API quotes them in its
// messages: ['morning', 'afternoon', ...].
func slotChoices() string {
	quoted := make([]string, len(Slots))
	for i, s := range Slots {
		quoted[i] = "'" + s + "'"
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// ErrTimeFormat is returned for a time of day that is not HH:MM or
// HH:MM:SS.
var ErrTimeFormat = errors.New("clinic: time of day is not HH:MM[:SS]")

// TimeOfDay is a wall-clock time with no day and no zone, to the second.
type TimeOfDay struct {
	Hour, Minute, Second int
}

// ParseTimeOfDay reads HH:MM or HH:MM:SS on a 24-hour clock.
func ParseTimeOfDay(s string) (TimeOfDay, error) {
	for _, layout := range []string{time.TimeOnly, "15:04"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err != nil {
			break
		}
		return TimeOfDay{Hour: t.Hour(), Minute: t.Minute(), Second: t.Second()}, nil
	}
	return TimeOfDay{}, ErrTimeFormat
}

// String formats t as HH:MM:SS.
func (t TimeOfDay) String() string {
	return fmt.Sprintf("%02d:%02d:%02d", t.Hour, t.Minute, t.Second)
}

// Before reports whether t comes earlier in the day than o.
func (t TimeOfDay) Before(o TimeOfDay) bool { return t.String() < o.String() }

// MarshalJSON writes t as an "HH:MM:SS" string.
func (t TimeOfDay) MarshalJSON() ([]byte, error) {
	return []byte(`"` + t.String() + `"`), nil
}

// UnmarshalJSON reads an "HH:MM" or "HH:MM:SS" string.
func (t *TimeOfDay) UnmarshalJSON(b []byte) error {
	v, err := ParseTimeOfDay(strings.Trim(string(b), `"`))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Availability is what one account says of one day: the slot it works, or
// that it does not. There is at most one per account and day.
type Availability struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"doctor"`
	Date      Date       `json:"date"`
	Slot      string     `json:"slot"`
	StartTime *TimeOfDay `json:"start_time"`
	EndTime   *TimeOfDay `json:"end_time"`
	Notes     string     `json:"notes"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// MarshalJSON writes the availability with its slot's label.
func (a Availability) MarshalJSON() ([]byte, error) {
	type plain Availability
	return json.Marshal(struct {
		plain
		SlotDisplay string `json:"slot_display"`
	}{plain(a), SlotLabel(a.Slot)})
}

// Message ids of the availability rules. These routes answer
// {"error": "..."}, one message, rather than problems by field.
const (
	MsgAvailDateRequired = "availability.date_required"
	MsgAvailDateFormat   = "availability.date_format"
	MsgAvailEntryDate    = "availability.entry_date_format"
	MsgAvailEntryField   = "availability.entry_field_required"
	MsgAvailInvalidSlot  = "availability.invalid_slot"
	MsgAvailTimeFormat   = "availability.time_format"
	MsgAvailTimeOrder    = "availability.time_order"
	MsgAvailNotText      = "availability.not_text"
	MsgAvailNotFound     = "availability.not_found"
)

// AvailabilityInput is one day's availability as a request gives it; nil
// means absent (or null). Absent fields take their defaults: the full day,
// no notes, no times.
type AvailabilityInput struct {
	Date      *string
	Slot      *string
	Notes     *string
	StartTime *string
	EndTime   *string
}

// Availability validates the input and returns the day it describes for
// the account, or the first problem found. An entry of a bulk request
// (bulk true) must name its slot, and a bad date is quoted.
func (in AvailabilityInput) Availability(userID int64, bulk bool) (Availability, *Message) {
	a := Availability{UserID: userID, Slot: SlotFullDay}
	if m := in.date(&a, bulk); m != nil {
		return a, m
	}
	if in.Slot == nil && bulk {
		return a, availProblem(MsgAvailEntryField, "Field", "slot")
	}
	if in.Slot != nil {
		if !slices.Contains(Slots, *in.Slot) {
			return a, availProblem(MsgAvailInvalidSlot, "Value", *in.Slot, "Choices", slotChoices())
		}
		a.Slot = *in.Slot
	}
	if in.Notes != nil {
		a.Notes = *in.Notes
	}
	var err *Message
	a.StartTime, err = timeOfDay("start_time", in.StartTime)
	if err != nil {
		return a, err
	}
	a.EndTime, err = timeOfDay("end_time", in.EndTime)
	if err != nil {
		return a, err
	}
	if a.StartTime != nil && a.EndTime != nil && !a.StartTime.Before(*a.EndTime) {
		return a, availProblem(MsgAvailTimeOrder)
	}
	return a, nil
}

func (in AvailabilityInput) date(a *Availability, bulk bool) *Message {
	switch {
	case in.Date == nil && bulk:
		return availProblem(MsgAvailEntryField, "Field", "date")
	case in.Date == nil || *in.Date == "":
		return availProblem(MsgAvailDateRequired)
	}
	d, err := ParseDate(*in.Date)
	switch {
	case err != nil && bulk:
		return availProblem(MsgAvailEntryDate, "Value", *in.Date)
	case err != nil:
		return availProblem(MsgAvailDateFormat)
	}
	a.Date = d
	return nil
}

// timeOfDay reads an optional time; "" means none.
func timeOfDay(field string, s *string) (*TimeOfDay, *Message) {
	if s == nil || *s == "" {
		return nil, nil
	}
	t, err := ParseTimeOfDay(*s)
	if err != nil {
		return nil, availProblem(MsgAvailTimeFormat, "Field", field, "Value", *s)
	}
	return &t, nil
}

// availProblem is one availability message, as the routes answer it.
func availProblem(id string, pairs ...any) *Message {
	m := Msg(id, pairs...)
	return &m
}
