package main

import (
	"strings"
	"testing"

	"clinicflow/clinic"
)

func TestMedsCommands(t *testing.T) {
	w := newCLIWorld(t, "nurse1")
	out := w.mustRun(t, "", "meds", "create", "--name", "Paracétamol", "--strength", "2,4 %",
		"--form", "suspension buvable", "-o", "json")
	if m := rxJSON[clinic.Medication](t, out); m.ID != 1 || m.Name != "Paracétamol" || !m.IsActive {
		t.Errorf("meds create -o json = %+v", m)
	}
	w.mustRun(t, "", "meds", "create", "--name", "Amoxicilline", "--strength", "250 mg/5 mL")

	out = w.mustRun(t, "", "meds", "list")
	if rows := rxLines(out); len(rows) != 2 || !strings.HasPrefix(rows[0], "2 ") ||
		!strings.Contains(rows[1], "suspension buvable") {
		t.Errorf("meds list (a pipe: no header, by name) =\n%s", out)
	}
	out = w.mustRun(t, "", "meds", "list", "--search", "paracetamol", "-o", "json")
	if list := rxJSON[[]clinic.Medication](t, out); len(list) != 1 || list[0].Strength != "2,4 %" {
		t.Errorf("meds list --search -o json = %+v", list)
	}
	recs := rxCSV(t, w.mustRun(t, "", "meds", "list", "--all", "-o", "csv"))
	if len(recs) != 3 || strings.Join(recs[0], ",") != "id,name,strength,form" ||
		recs[2][2] != "2,4 %" {
		t.Errorf("meds list -o csv = %q", recs)
	}

	out = w.mustRun(t, "", "meds", "edit", "2", "--strength", "500 mg/5 mL", "--form", "sirop")
	if !strings.Contains(out, "500 mg/5 mL") || !strings.Contains(out, "Amoxicilline") {
		t.Errorf("meds edit printed\n%s", out)
	}
	recs = rxCSV(t, w.mustRun(t, "", "meds", "show", "2", "-o", "csv"))
	if len(recs) != 2 || strings.Join(recs[1], ",") != "2,Amoxicilline,500 mg/5 mL,sirop,true" {
		t.Errorf("meds show -o csv = %q", recs)
	}

	r := w.run(t, "", "meds", "delete", "2")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--yes") {
		t.Errorf("meds delete from a script without --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	r = w.run(t, "", "meds", "delete", "2", "--yes")
	if r.code != exitOK || !strings.Contains(r.errOut, "deactivated") {
		t.Errorf("meds delete --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	if out := w.mustRun(t, "", "meds", "list"); strings.Contains(out, "Amoxicilline") {
		t.Errorf("a deactivated medication is still listed:\n%s", out)
	}
}

func TestMedsCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.mustRun(t, "", "meds", "create", "--name", "Paracétamol")
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"meds", "create", "--form", "sirop"}, exitUsage, "missing --name"},
		{[]string{"meds", "create", "--name", strings.Repeat("x", 121)}, exitError, "name: "},
		{[]string{"meds", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"meds", "edit", "1", "--name", ""}, exitError, "name: "},
		{[]string{"meds", "edit", "9", "--form", "sirop"}, exitError, "404"},
		{[]string{"meds", "show", "0"}, exitUsage, "medication"},
		{[]string{"meds", "show", "9"}, exitError, "404"},
		{[]string{"meds", "list", "-o", "yaml"}, exitUsage, "-o"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
	}
	out := w.mustRun(t, "", "meds", "show", "1", "-o", "json")
	if m := rxJSON[clinic.Medication](t, out); m.Name != "Paracétamol" {
		t.Errorf("a refused edit changed the medication: %+v", m)
	}
}
