package main

import (
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// monthLines splits a month view printed to a pipe into its lines, each
// with its cells (runs of two spaces or more part them).
func monthLines(t *testing.T, out string) [][]string {
	t.Helper()
	gap := regexp.MustCompile(`\s{2,}`)
	var lines [][]string
	for line := range strings.Lines(strings.TrimRight(out, "\n")) {
		lines = append(lines, gap.Split(strings.TrimSpace(line), -1))
	}
	return lines
}

func TestAvailabilityCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	out := w.mustRun(t, "", "availability", "set", "2027-01-04..2027-01-08", "--slot", "morning",
		"--start", "08:30", "--end", "12:00", "-o", "json")
	var saved []map[string]any
	if err := json.Unmarshal([]byte(out), &saved); err != nil || len(saved) != 5 ||
		saved[4]["date"] != "2027-01-08" || saved[0]["start_time"] != "08:30:00" ||
		saved[0]["slot_display"] != "Morning (8:00-12:00)" {
		t.Fatalf("set a range -o json = %s (%v); want 5 days", out, err)
	}
	w.mustRun(t, "", "availability", "set", "2027-01-06", "--slot", "unavailable",
		"--notes", "Congrès")
	january := func(args ...string) [][]string {
		args = append([]string{"availability", "show", "--month", "2027-01"}, args...)
		return monthLines(t, w.mustRun(t, "", args...))
	}

	lines := january()
	if len(lines) != 31 {
		t.Fatalf("show --month 2027-01: %d lines, want 31 (one a day, no header)", len(lines))
	}
	tests := []struct {
		day  int
		want []string
	}{
		{1, []string{"2027-01-01", "Friday", "-"}},
		{4, []string{"2027-01-04", "Monday", "Morning (8:00-12:00)", "08:30", "12:00"}},
		{6, []string{"2027-01-06", "Wednesday", "Unavailable", "Congrès"}},
		{9, []string{"2027-01-09", "Saturday", "-"}},
		{31, []string{"2027-01-31", "Sunday", "-"}},
	}
	for _, tt := range tests {
		if got := lines[tt.day-1]; !slices.Equal(got, tt.want) {
			t.Errorf("day %d = %q, want %q", tt.day, got, tt.want)
		}
	}
	got, want := january("--lang", "fr")[3],
		[]string{"2027-01-04", "lundi", "Matin (8 h-12 h)", "08:30", "12:00"}
	if !slices.Equal(got, want) {
		t.Errorf("day 4 in French = %q, want %q", got, want)
	}

	out = w.mustRun(t, "", "availability", "show", "--month", "2027-01", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	wantHeader := []string{"id", "date", "slot", "start_time", "end_time", "notes"}
	if err != nil || len(recs) != 6 || !slices.Equal(recs[0], wantHeader) ||
		!slices.Equal(recs[3][1:], []string{"2027-01-06", "unavailable", "", "", "Congrès"}) {
		t.Errorf("show -o csv = %q (%v); want the 5 days said, by date", recs, err)
	}

	w.mustRun(t, "", "availability", "clear", "2027-01-06")
	out = w.mustRun(t, "", "availability", "show", "--month", "2027-01", "-o", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 4 {
		t.Errorf("show -o json after clear = %s (%v); want 4 days", out, err)
	}
	if day := january()[5]; day[2] != "-" {
		t.Errorf("a cleared day shows %q, want -", day)
	}

	// Another account sees the doctor's month with --doctor; its own is empty.
	w.mustRun(t, cliPassword+"\n", "login", "--server", w.url, "-u", "nurse1", "--password-stdin")
	if day := january("--doctor", "drhouse")[3]; day[2] != "Morning (8:00-12:00)" {
		t.Errorf("the nurse's view of drhouse's 4 January = %q", day)
	}
	out = w.mustRun(t, "", "availability", "show", "--month", "2027-01", "-o", "json")
	if strings.TrimSpace(out) != "[\n]" {
		t.Errorf("the nurse's own month = %s, want []", out)
	}
}

func TestAvailabilityCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	set := func(args ...string) []string { return append([]string{"availability", "set"}, args...) }
	backwards := []string{"--slot", "morning", "--start", "12:00", "--end", "08:00"}
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{set("2027-02-01"), exitUsage, "missing --slot (not asked"},
		{set("2027-02-01", "--slot", "night"), exitUsage, "--slot"},
		{set("01/02/2027", "--slot", "morning"), exitUsage, "YYYY-MM-DD"},
		{set("2027-02-03..2027-02-01", "--slot", "morning"), exitUsage, "ends before"},
		{set("2027-01-01..2028-12-31", "--slot", "morning"), exitUsage, "366"},
		{set("2027-02-01", "--slot", "morning", "--start", "8h"), exitUsage, "--start"},
		{set(append([]string{"2027-02-01..2027-02-03"}, backwards...)...), exitError,
			"availabilities:"},
		{set(append([]string{"2027-02-01"}, backwards...)...), exitError, "400"},
		{[]string{"availability", "clear", "2027-03-01"}, exitError,
			"No availability found for this date."},
		{[]string{"availability", "clear", "March"}, exitUsage, "YYYY-MM-DD"},
		{[]string{"availability", "show", "--month", "2027-13"}, exitUsage, "--month"},
		{[]string{"availability", "show", "--doctor", "nobody"}, exitError, `--doctor "nobody"`},
		{[]string{"availability", "show", "-o", "xml"}, exitUsage, "-o"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
	}
	// The refused range saved nothing.
	out := w.mustRun(t, "", "availability", "show", "--month", "2027-02", "-o", "json")
	if strings.TrimSpace(out) != "[\n]" {
		t.Errorf("February after refused sets = %s, want []", out)
	}
}

// One day goes through the single route and prints the day; saving it
// again replaces it. show without --month is this month.
func TestAvailabilitySetOneDay(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	thisMonth := time.Now().UTC()
	first := time.Date(thisMonth.Year(), thisMonth.Month(), 1, 0, 0, 0, 0, time.UTC)
	day := first.AddDate(0, 0, 14).Format(time.DateOnly)
	out := w.mustRun(t, "", "availability", "set", day, "--slot", "afternoon", "--notes", "Visites")
	for _, want := range []string{"DATE:", day, "SLOT:", "afternoon", "NOTES:", "Visites"} {
		if !strings.Contains(out, want) {
			t.Errorf("set one day printed\n%s\nwant %q in it", out, want)
		}
	}
	out = w.mustRun(t, "", "availability", "set", day, "--slot", "evening", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][1] != day || recs[1][2] != "evening" ||
		recs[1][5] != "" {
		t.Errorf("set the day again -o csv = %q (%v); want it replaced", recs, err)
	}

	lines := monthLines(t, w.mustRun(t, "", "availability", "show"))
	if days := first.AddDate(0, 1, -1).Day(); len(lines) != days {
		t.Fatalf("show: %d lines, want %d, this month's days", len(lines), days)
	}
	if got := lines[14]; got[0] != day || got[2] != "Evening (17:00-21:00)" || len(got) != 3 {
		t.Errorf("the 15th = %q, want the evening alone", got)
	}
}
