package main

import (
	"strings"
	"testing"

	"clinicflow/clinic"
)

func TestTemplatesCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	w.mustRun(t, "", "templates", "create", "--name", "Bronchiolitis", "--name-fr", "Bronchiolite",
		"--description", "Under 2 years")

	out := w.mustRun(t, "", "templates", "list")
	if rows := rxLines(out); len(rows) != 2 || !strings.HasPrefix(rows[0], "1 ") ||
		!strings.Contains(rows[0], "Otite aiguë") || !strings.Contains(rows[1], "Bronchiolite") {
		t.Errorf("templates list (a pipe: no header, by name) =\n%s", out)
	}
	out = w.mustRun(t, "", "templates", "list", "--search", "otite aigue", "-o", "json")
	list := rxJSON[[]clinic.TemplateSummary](t, out)
	if len(list) != 1 || list[0].Name != "Acute otitis" {
		t.Errorf("templates list --search -o json = %+v", list)
	}
	recs := rxCSV(t, w.mustRun(t, "", "templates", "list", "--all", "-o", "csv"))
	if len(recs) != 3 || strings.Join(recs[0], ",") != "id,name,name_fr,description" ||
		recs[2][3] != "Under 2 years" {
		t.Errorf("templates list -o csv = %q", recs)
	}

	out = w.mustRun(t, "", "templates", "show", "1")
	head, lines, _ := strings.Cut(out, "\n\n")
	rows := rxLines(lines)
	if !strings.Contains(head, "Otite aiguë") || len(rows) != 2 ||
		!strings.Contains(rows[0], "Amoxicilline 250 mg/5 mL suspension") ||
		!strings.Contains(rows[1], "si fièvre > 38,5 °C") {
		t.Errorf("templates show =\n%s", out)
	}
	recs = rxCSV(t, w.mustRun(t, "", "templates", "show", "1", "-o", "csv"))
	header := "line,medication,medication_display,dosage,route,frequency,duration,instructions"
	if len(recs) != 3 || strings.Join(recs[0], ",") != header || recs[1][1] != "1" ||
		recs[2][3] != "15 mg/kg" {
		t.Errorf("templates show -o csv = %q", recs)
	}

	// Line flags start from the template's lines; other flags leave them.
	out = w.mustRun(t, "", "templates", "edit", "1", "--set", "1.duration=10 jours", "--drop", "2",
		"--item", "med=paracetamol; dosage=10 mg/kg", "-o", "json")
	d := rxJSON[clinic.TemplateDetail](t, out)
	if len(d.Items) != 2 || d.Items[0].Duration != "10 jours" || d.Items[0].Dosage != "5 mL" ||
		d.Items[1].Dosage != "10 mg/kg" || d.Items[1].Instructions != "" {
		t.Errorf("templates edit (lines) = %s", out)
	}
	out = w.mustRun(t, "", "templates", "edit", "1", "--description-fr", "Enfant", "-o", "json")
	if d := rxJSON[clinic.TemplateDetail](t, out); d.DescriptionFr != "Enfant" ||
		d.Name != "Acute otitis" || len(d.Items) != 2 {
		t.Errorf("templates edit --description-fr = %+v, want the rest kept", d)
	}

	r := w.run(t, "", "templates", "delete", "2")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--yes") {
		t.Errorf("templates delete from a script without --yes: exit %d, stderr %q",
			r.code, r.errOut)
	}
	w.mustRun(t, "", "templates", "delete", "2", "--yes")
	r = w.run(t, "", "templates", "show", "2")
	if r.code != exitError || !strings.Contains(r.errOut, "404") {
		t.Errorf("templates show after delete: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestTemplatesCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	create := func(flags ...string) []string {
		return append([]string{"templates", "create", "--name", "X"}, flags...)
	}
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"templates", "create", "--item", "med=1"}, exitUsage, "missing --name"},
		{create("--item", "med=1; outside"), exitUsage, "no outside purchase"},
		{create("--outside", "1"), exitUsage, "unknown flag: --outside"},
		{create("--set", "1.dosage=2"), exitUsage, "there are no lines"},
		{create("--item", "med=999"), exitError, "items[0].medication"},
		{[]string{"templates", "create", "--name", strings.Repeat("x", 151)}, exitError, "name: "},
		{[]string{"templates", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"templates", "edit", "1", "--drop", "3"}, exitUsage, "no line 3"},
		{[]string{"templates", "edit", "9", "--name", "Y"}, exitError, "404"},
		{[]string{"templates", "show", "0"}, exitUsage, "template"},
		{[]string{"templates", "list", "-o", "xml"}, exitUsage, "-o"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
	}
	out := w.mustRun(t, "", "templates", "list", "-o", "json")
	if list := rxJSON[[]clinic.TemplateSummary](t, out); len(list) != 1 {
		t.Errorf("a refused command wrote a template: %s", out)
	}
}
