package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// addChild creates the patient every visit test starts from: Zoé, born
// 2025-09-01, patient 1.
func (w *cliWorld) addChild(t *testing.T) {
	t.Helper()
	w.mustRun(t, "", "patients", "create", "--first-name", "Zoé", "--last-name", "Lefèvre-Nguyễn",
		"--sex", "F", "--born", "2025-09-01", "--address", "12 rue des Lilas")
}

// decodeVisitJSON decodes a command's JSON output into v.
func decodeVisitJSON(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("not JSON (%v):\n%s", err, out)
	}
}

func TestVisitsCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	t.Setenv("CLINICFLOW_CLINIC_TIMEZONE", "Europe/Paris")
	w.addChild(t)
	w.mustRun(t, "", "patients", "create", "--first-name", "Marc", "--last-name", "Dupont",
		"--sex", "M", "--born", "1980-01-02", "--address", "3 place Bellecour")

	out := w.mustRun(t, "", "visits", "add", "--patient", "1", "--date", "2026-01-05 10:30",
		"--complaint", "Fièvre depuis 48 h", "--exam", "Otite droite\nTympan bombé")
	for _, want := range []string{"DATE:", "2026-01-05 10:30", "Zoé Lefèvre-Nguyễn", "CONSULTATION",
		"Otite droite ⏎ Tympan bombé"} {
		if !strings.Contains(out, want) {
			t.Errorf("visits add printed\n%s\nwant %q in it", out, want)
		}
	}
	w.mustRun(t, "", "visits", "add", "--patient", "2", "--date", "2026-02-01T08:00:00Z",
		"--type", "follow-up", "--complaint", "Contrôle tension")

	out = w.mustRun(t, "", "visits", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "2 ") ||
		!strings.Contains(lines[0], "2026-02-01 09:00") || !strings.Contains(lines[0], "FOLLOW_UP") ||
		!strings.Contains(lines[1], "Fièvre depuis 48 h") {
		t.Errorf("visits list (a pipe: no header, newest first, clinic time) =\n%s", out)
	}

	out = w.mustRun(t, "", "visits", "list", "--patient", "1", "-o", "json")
	var rows []map[string]any
	decodeVisitJSON(t, out, &rows)
	if len(rows) != 1 || rows[0]["visit_date"] != "2026-01-05T09:30:00Z" ||
		rows[0]["patient_name"] != "Zoé Lefèvre-Nguyễn" {
		t.Errorf("visits list --patient 1 -o json = %v; want the one visit, dated in UTC", rows)
	}

	out = w.mustRun(t, "", "visits", "list", "--search", "fievre", "--all", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	wantHeader := "id,visit_date,patient,patient_name,visit_type,chief_complaint"
	if err != nil || len(recs) != 2 || strings.Join(recs[0], ",") != wantHeader ||
		recs[1][5] != "Fièvre depuis 48 h" {
		t.Errorf("visits list --search fievre -o csv = %q (%v); want the header %s and one row",
			recs, err, wantHeader)
	}

	out = w.mustRun(t, "", "visits", "edit", "1", "--plan", "Amoxicilline 7 jours",
		"--type", "FOLLOW_UP")
	if !strings.Contains(out, "Amoxicilline 7 jours") || !strings.Contains(out, "Fièvre depuis 48 h") {
		t.Errorf("visits edit printed\n%s\nwant the new plan and the complaint kept", out)
	}
	var v map[string]any
	decodeVisitJSON(t, w.mustRun(t, "", "visits", "show", "1", "-o", "json"), &v)
	if v["plan"] != "Amoxicilline 7 jours" || v["visit_type"] != "FOLLOW_UP" ||
		v["physical_exam"] != "Otite droite\nTympan bombé" {
		t.Errorf("visits show -o json after the edit = %v", v)
	}
}

func TestVisitsShowWithVitals(t *testing.T) {
	w := newCLIWorld(t, "nurse1")
	w.addChild(t)
	w.mustRun(t, "", "visits", "add", "--patient", "1", "--complaint", "Fièvre",
		"--date", "2026-01-05 10:00")
	out := w.mustRun(t, "", "vitals", "add", "--visit", "1", "--weight", "10.35", "--height", "78",
		"--temp", "38.9", "--head", "45.2", "--notes", "Pleure", "--at", "2026-01-05 10:05")
	if !strings.Contains(out, "10.35") || !strings.Contains(out, "78.00") ||
		!strings.Contains(out, "45.2") {
		t.Errorf("vitals add printed\n%s\nwant the measurements as stored", out)
	}
	var second map[string]any
	decodeVisitJSON(t, w.mustRun(t, "", "vitals", "add", "--visit", "1", "--temp", "38.1",
		"--bp", "95/60", "--hr", "120", "--rr", "30", "--spo2", "98", "--at", "2026-01-05 10:40",
		"-o", "json"), &second)
	if second["bp_systolic"] != 95.0 || second["bp_diastolic"] != 60.0 ||
		second["temperature_c"] != "38.1" || second["weight_kg"] != nil {
		t.Errorf("vitals add -o json = %v", second)
	}

	out = w.mustRun(t, "", "visits", "show", "1")
	head, table, found := strings.Cut(out, "\nVital signs:\n")
	rows := strings.Split(strings.TrimSpace(table), "\n")
	if !found || !strings.Contains(head, "COMPLAINT:") || !strings.Contains(head, "Fièvre") ||
		len(rows) != 2 {
		t.Fatalf("visits show =\n%s\nwant the visit's fields, then its two sets of vital signs",
			out)
	}
	for i, want := range [][]string{
		{"2026-01-05 10:40", "38.1", "95", "60", "120", "30", "98"},
		{"2026-01-05 10:05", "10.35", "78.00", "38.9", "45.2", "Pleure"},
	} {
		for _, cell := range want {
			if !strings.Contains(rows[i], cell) {
				t.Errorf("visits show, vital signs row %d = %q; want %q in it (newest first)",
					i+1, rows[i], cell)
			}
		}
	}

	var v struct {
		VitalSigns []map[string]any `json:"vital_signs"`
	}
	decodeVisitJSON(t, w.mustRun(t, "", "visits", "show", "1", "-o", "json"), &v)
	if len(v.VitalSigns) != 2 || v.VitalSigns[1]["head_circumference_cm"] != "45.2" {
		t.Errorf("visits show -o json vital_signs = %v", v.VitalSigns)
	}
	out = w.mustRun(t, "", "visits", "show", "1", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][0] != "id" || recs[0][len(recs[0])-1] != "updated_at" ||
		recs[1][5] != "Fièvre" {
		t.Errorf("visits show -o csv = %q (%v)", recs, err)
	}

	out = w.mustRun(t, "", "patients", "show", "1")
	if !strings.Contains(out, "WEIGHT (KG):") || !strings.Contains(out, "10.35") {
		t.Errorf("patients show =\n%s\nwant the latest weight, 10.35", out)
	}
	out = w.mustRun(t, "", "vitals", "edit", "1", "--weight", "10.4", "-o", "csv")
	recs, err = csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 || recs[0][3] != "weight_kg" || recs[1][3] != "10.40" ||
		recs[1][6] != "45.2" {
		t.Errorf("vitals edit --weight -o csv = %q (%v); want 10.40 and the rest kept", recs, err)
	}
	var p map[string]any
	decodeVisitJSON(t, w.mustRun(t, "", "patients", "show", "1", "-o", "json"), &p)
	if p["latest_weight_kg"] != 10.4 {
		t.Errorf("patients show -o json latest_weight_kg = %v, want 10.4", p["latest_weight_kg"])
	}

	r := w.run(t, "", "vitals", "delete", "2", "--yes")
	if r.code != exitOK || !strings.Contains(r.errOut, "Vital signs 2 deleted.") {
		t.Errorf("vitals delete 2 --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	_, table, _ = strings.Cut(w.mustRun(t, "", "visits", "show", "1"), "\nVital signs:\n")
	rows = strings.Split(strings.TrimSpace(table), "\n")
	if len(rows) != 1 || !strings.Contains(rows[0], "10.40") {
		t.Errorf("visits show after deleting a set of vital signs: %q, want the other one alone",
			rows)
	}
}

func TestVisitsDeleteCommand(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.addChild(t)
	w.mustRun(t, "", "visits", "add", "--patient", "1")
	w.mustRun(t, "", "vitals", "add", "--visit", "1", "--weight", "10")

	r := w.run(t, "y\n", "visits", "delete", "1")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--yes") ||
		strings.Contains(r.errOut, "[y/N]") {
		t.Errorf("visits delete from a script without --yes: exit %d, stderr %q; "+
			"want 2, no question",
			r.code, r.errOut)
	}
	w.mustRun(t, "", "visits", "show", "1")

	r = w.run(t, "", "visits", "delete", "1", "--yes")
	if r.code != exitOK || !strings.Contains(r.errOut, "Visit 1 deleted") {
		t.Errorf("visits delete --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	for _, args := range [][]string{{"visits", "show", "1"}, {"vitals", "edit", "1", "--temp", "37"}} {
		if r := w.run(t, "", args...); r.code != exitError || !strings.Contains(r.errOut, "404") {
			t.Errorf("clinicflow %s after the delete: exit %d, stderr %q; want 1 and 404",
				strings.Join(args, " "), r.code, r.errOut)
		}
	}
}

func TestVisitsPDFCommand(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.addChild(t)
	w.mustRun(t, "", "visits", "add", "--patient", "1", "--complaint", "Fièvre")
	dir := t.TempDir()

	file := filepath.Join(dir, "summary.pdf")
	r := w.run(t, "", "visits", "pdf", "1", "-o", file)
	doc, err := os.ReadFile(file)
	if r.code != exitOK || err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) ||
		!strings.Contains(r.errOut, file) {
		t.Fatalf("visits pdf -o FILE: exit %d, stderr %q, file %q… (%v); want a PDF and where it went",
			r.code, r.errOut, doc[:min(len(doc), 8)], err)
	}
	if text := summaryText(t, doc); text != "" && !strings.Contains(text, "VISIT SUMMARY") {
		t.Errorf("visits pdf (CLI in English) reads\n%s\nwant VISIT SUMMARY", text)
	}

	out := w.mustRun(t, "", "visits", "pdf", "1", "-o", "-", "--lang", "fr")
	if !strings.HasPrefix(out, "%PDF-") {
		t.Errorf("visits pdf -o - wrote %q…, want the PDF on stdout", out[:min(len(out), 8)])
	}
	text := summaryText(t, []byte(out))
	if text != "" && !strings.Contains(text, "RÉSUMÉ DE CONSULTATION") {
		t.Errorf("visits pdf --lang fr reads\n%s\nwant RÉSUMÉ DE CONSULTATION", text)
	}

	t.Chdir(dir)
	r = w.run(t, "", "visits", "pdf", "1")
	doc, err = os.ReadFile(filepath.Join(dir, "resume_visite_1.pdf"))
	if r.code != exitOK || err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) ||
		!strings.Contains(r.errOut, "resume_visite_1.pdf") {
		t.Errorf("visits pdf without -o: exit %d, stderr %q (%v); "+
			"want resume_visite_1.pdf here, and said",
			r.code, r.errOut, err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".clinicflow-*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

// summaryText is a PDF's text as pdftotext reads it, or "" when it is not
// installed (the text is not checked then).
func summaryText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return ""
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestVisitsAndVitalsCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.addChild(t)
	w.mustRun(t, "", "visits", "add", "--patient", "1")
	w.mustRun(t, "", "vitals", "add", "--visit", "1", "--weight", "10")
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"visits", "add", "--complaint", "x"}, exitUsage, "missing --patient"},
		{[]string{"visits", "add", "--patient", "999"}, exitError,
			`patient: Invalid pk "999" - object does not exist.`},
		{[]string{"visits", "add", "--patient", "x1"}, exitUsage, "--patient"},
		{[]string{"visits", "add", "--patient", "1", "--type", "HOME"}, exitUsage, "--type"},
		{[]string{"visits", "add", "--patient", "1", "--date", "05/01/2026"}, exitUsage, "--date"},
		{[]string{"visits", "list", "--patient", "-3"}, exitUsage, "--patient"},
		{[]string{"visits", "list", "-o", "yaml"}, exitUsage, "-o"},
		{[]string{"visits", "show", "abc"}, exitUsage, "visit"},
		{[]string{"visits", "show", "999"}, exitError, "404"},
		{[]string{"visits", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"visits", "edit", "1", "-o", "json"}, exitUsage, "nothing to change"},
		{[]string{"visits", "pdf", "999"}, exitError, "404"},
		{[]string{"vitals", "add", "--weight", "10"}, exitUsage, "missing --visit"},
		{[]string{"vitals", "add", "--visit", "1", "--temp", "50"}, exitError,
			"temperature_c: Ensure this value is between 25.0 and 45.0 °C."},
		{[]string{"vitals", "add", "--visit", "1", "--spo2", "101"}, exitError,
			"oxygen_saturation_pct: Ensure this value is between 40 and 100 %."},
		{[]string{"vitals", "add", "--visit", "1", "--bp", "80/120"}, exitError,
			"bp_diastolic: Diastolic pressure must be lower than systolic pressure."},
		{[]string{"vitals", "add", "--visit", "1", "--weight", "10.355"}, exitError,
			"weight_kg: Ensure that there are no more than 2 decimal places."},
		{[]string{"vitals", "add", "--visit", "1", "--bp", "120"}, exitUsage, "--bp"},
		{[]string{"vitals", "add", "--visit", "1", "--bp", "120/eighty"}, exitUsage, "--bp"},
		{[]string{"vitals", "add", "--visit", "1", "--hr", "fast"}, exitUsage, "--hr"},
		{[]string{"vitals", "add", "--visit", "1", "--at", "yesterday"}, exitUsage, "--at"},
		{[]string{"vitals", "add", "--visit", "999"}, exitError,
			`visit: Invalid pk "999" - object does not exist.`},
		{[]string{"vitals", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"vitals", "edit", "999", "--temp", "37"}, exitError, "404"},
		{[]string{"vitals", "delete", "1"}, exitUsage, "--yes"},
		{[]string{"vitals", "delete", "999", "--yes"}, exitError, "404"},
	}
	for _, tt := range tests {
		r := w.run(t, "1\n", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
		if strings.Contains(r.errOut, "(ID):") || strings.Contains(r.errOut, "[y/N]") {
			t.Errorf("clinicflow %s asked from a script: stderr %q",
				strings.Join(tt.args, " "), r.errOut)
		}
	}
}
