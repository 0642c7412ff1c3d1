package clinic

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestParseTimeOfDay(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for an error
	}{
		{"09:00", "09:00:00"},
		{"13:30", "13:30:00"},
		{"23:59:59", "23:59:59"},
		{"00:00:00", "00:00:00"},
		{"24:00", ""},
		{"12:60", ""},
		{"9:00", ""},
		{"09:00:00.5", ""},
		{"0900", ""},
		{"nope", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := ParseTimeOfDay(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseTimeOfDay(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && (err != nil || got.String() != tt.want):
			t.Errorf("ParseTimeOfDay(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
}

func TestAvailabilityJSONCarriesTheSlotLabel(t *testing.T) {
	a := Availability{ID: 4, UserID: 1, Date: Date{Year: 2027, Month: 1, Day: 4},
		Slot: SlotMorning, StartTime: &TimeOfDay{Hour: 8}}
	raw, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	json.Unmarshal(raw, &got)
	want := map[string]any{"slot_display": "Morning (8:00-12:00)", "date": "2027-01-04",
		"start_time": "08:00:00", "end_time": nil, "doctor": float64(1)}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (in %s)", k, got[k], v, raw)
		}
	}
	if SlotLabel("bogus") != "bogus" {
		t.Errorf("SlotLabel(bogus) = %q, want the slot itself", SlotLabel("bogus"))
	}
}

// optText makes an optional input field.
func optText(s string) *string { return &s }

func TestAvailabilityInput(t *testing.T) {
	date := optText("2026-12-15")
	hours := func(start, end string) AvailabilityInput {
		return AvailabilityInput{Date: date, StartTime: optText(start), EndTime: optText(end)}
	}
	tests := []struct {
		name string
		in   AvailabilityInput
		bulk bool
		want string // the message id and its arguments, or "" when valid
	}{
		{"date alone", AvailabilityInput{Date: date}, false, ""},
		{"no date", AvailabilityInput{}, false, MsgAvailDateRequired},
		{"empty date", AvailabilityInput{Date: optText("")}, false, MsgAvailDateRequired},
		{"bad date", AvailabilityInput{Date: optText("15/12/2026")}, false, MsgAvailDateFormat},
		{"bulk bad date", AvailabilityInput{Date: optText("x"), Slot: optText("morning")}, true,
			MsgAvailEntryDate + " Value=x"},
		{"bulk no date", AvailabilityInput{Slot: optText("morning")}, true,
			MsgAvailEntryField + " Field=date"},
		{"bulk no slot", AvailabilityInput{Date: date}, true, MsgAvailEntryField + " Field=slot"},
		{"unknown slot", AvailabilityInput{Date: date, Slot: optText("night")}, false,
			MsgAvailInvalidSlot + " Choices=['morning', 'afternoon', 'evening', 'full_day', " +
				"'unavailable'] Value=night"},
		{"bad start", AvailabilityInput{Date: date, StartTime: optText("8h")}, false,
			MsgAvailTimeFormat + " Field=start_time Value=8h"},
		{"empty times", hours("", ""), false, ""},
		{"end first", hours("10:00", "09:59"), false, MsgAvailTimeOrder},
		{"same times", hours("10:00", "10:00"), false, MsgAvailTimeOrder},
	}
	for _, tt := range tests {
		_, m := tt.in.Availability(1, tt.bulk)
		if got := describeMessage(m); got != tt.want {
			t.Errorf("%s: message %q, want %q", tt.name, got, tt.want)
		}
	}

	in := AvailabilityInput{Date: date, StartTime: optText("09:00"), Notes: optText("n")}
	a, m := in.Availability(7, false)
	if m != nil || a.UserID != 7 || a.Slot != SlotFullDay || a.StartTime.String() != "09:00:00" ||
		a.EndTime != nil || a.Notes != "n" {
		t.Errorf("valid input: %+v, %v; want user 7's full day from 09:00:00", a, m)
	}
}

// describeMessage writes a message as its id and its arguments in name order, ""
// for none.
func describeMessage(m *Message) string {
	if m == nil {
		return ""
	}
	parts := []string{m.ID}
	for _, k := range []string{"Choices", "Field", "ID", "Value"} {
		if v, ok := m.Args[k]; ok {
			parts = append(parts, k+"="+strings.TrimSpace(argText(v)))
		}
	}
	return strings.Join(parts, " ")
}

func argText(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}
