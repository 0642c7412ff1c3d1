package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
)

// rxJSON decodes a command's JSON output.
func rxJSON[T any](t *testing.T, out string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("decode %s: %v", out, err)
	}
	return v
}

// rxCSV parses a command's CSV output.
func rxCSV(t *testing.T, out string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("parse CSV %q: %v", out, err)
	}
	return recs
}

// rxLines splits a pipe's table into its rows.
func rxLines(out string) []string { return strings.Split(strings.TrimSpace(out), "\n") }

// otitisTemplate sets up, as the signed-in doctor, Zoé Lefèvre-Nguyễn
// (15 months old, patient 1), two medications (1 and 2) and template 1:
// amoxicillin 5 mL, then paracetamol 15 mg/kg.
func (w *cliWorld) otitisTemplate(t *testing.T) {
	t.Helper()
	now := time.Now().UTC()
	born := time.Date(now.Year(), now.Month()-15, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	w.mustRun(t, "", "patients", "create", "--first-name", "Zoé", "--last-name", "Lefèvre-Nguyễn",
		"--sex", "F", "--born", born, "--address", "12 rue des Lilas, Lyon")
	w.mustRun(t, "", "meds", "create", "--name", "Amoxicilline", "--strength", "250 mg/5 mL",
		"--form", "suspension")
	w.mustRun(t, "", "meds", "create", "--name", "Paracétamol", "--strength", "2,4 %")
	w.mustRun(t, "", "templates", "create", "--name", "Acute otitis", "--name-fr", "Otite aiguë",
		"--item", "med=amoxicilline; dosage=5 mL; route=orale; frequency=3 fois par jour; "+
			"duration=8 jours",
		"--item", "med=2; dosage=15 mg/kg; frequency=toutes les 6 h; "+
			"instructions=si fièvre > 38,5 °C")
}

// rxPDFText is a PDF's text as pdftotext reads it, or "" when pdftotext is
// not installed.
func rxPDFText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
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

// rxStoreCode is the verification code the daemon prints on prescription
// id as it stands, made with the practice's key from the store.
func (w *cliWorld) rxStoreCode(t *testing.T, id int64) string {
	t.Helper()
	kept, err := w.store.Setting(t.Context(), "prescriptions.signing_key")
	if err != nil {
		t.Fatalf("signing key: %v", err)
	}
	seed, _ := base64.StdEncoding.DecodeString(kept)
	p, err := w.store.Prescription(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	sig := ed25519.Sign(ed25519.NewKeyFromSeed(seed), p.SigningPayload())
	return clinic.FormatVerifyCode(id, sig)
}

var verifyCodeRE = regexp.MustCompile(`RX-[0-9]+-[0-9A-Z]{16}`)

func TestRxFromTemplateWithAnOverride(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)

	out := w.mustRun(t, "", "rx", "create", "--patient", "1", "--from-template", "1",
		"--set", "2.dosage=10 mL", "--outside", "1", "--notes", "Revoir dans 48 h", "-o", "json")
	p := rxJSON[clinic.PrescriptionDetail](t, out)
	if p.ID != 1 || p.Patient.LastName != "Lefèvre-Nguyễn" || p.TemplateUsed == nil ||
		*p.TemplateUsed != 1 || p.Notes != "Revoir dans 48 h" || len(p.Items) != 2 {
		t.Fatalf("rx create -o json = %s", out)
	}
	first, second := p.Items[0], p.Items[1]
	if first.Medication.Name != "Amoxicilline" || first.Dosage != "5 mL" ||
		first.Duration != "8 jours" || !first.AllowOutsidePurchase {
		t.Errorf("line 1 = %+v, want the template's amoxicillin, bought outside", first)
	}
	if second.Medication.Name != "Paracétamol" || second.Dosage != "10 mL" ||
		second.Instructions != "si fièvre > 38,5 °C" || second.AllowOutsidePurchase {
		t.Errorf("line 2 = %+v, want the template's paracetamol at 10 mL", second)
	}

	// The table (a pipe: no headers): the fields, a blank line, the lines.
	out = w.mustRun(t, "", "rx", "show", "1")
	head, lines, ok := strings.Cut(out, "\n\n")
	if !ok || !strings.Contains(head, "PT-000001 Zoé Lefèvre-Nguyễn") ||
		!strings.Contains(head, "Revoir dans 48 h") {
		t.Errorf("rx show: fields\n%s", head)
	}
	rows := rxLines(lines)
	if len(rows) != 2 || !strings.HasPrefix(rows[0], "1 ") ||
		!strings.Contains(rows[1], "Paracétamol 2,4 %") || !strings.Contains(rows[1], "10 mL") {
		t.Errorf("rx show: lines\n%s", lines)
	}

	recs := rxCSV(t, w.mustRun(t, "", "rx", "show", "1", "-o", "csv"))
	header := "line,medication,medication_display,dosage,route,frequency,duration,instructions," +
		"allow_outside_purchase"
	if len(recs) != 3 || strings.Join(recs[0], ",") != header || recs[2][3] != "10 mL" ||
		recs[1][8] != "true" {
		t.Errorf("rx show -o csv = %q", recs)
	}

	w.checkPDFVerifies(t)
}

// checkPDFVerifies prints prescription 1, reads its code and verifies it,
// then edits the prescription: the old code stops verifying.
func (w *cliWorld) checkPDFVerifies(t *testing.T) {
	file := filepath.Join(t.TempDir(), "zoe.pdf")
	r := w.run(t, "", "rx", "pdf", "1", "-o", file)
	doc, err := os.ReadFile(file)
	if r.code != exitOK || err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) ||
		!strings.Contains(r.errOut, file) {
		t.Fatalf("rx pdf -o FILE: exit %d, stderr %q (%v); want a PDF, and where",
			r.code, r.errOut, err)
	}
	code := w.rxStoreCode(t, 1)
	if text := rxPDFText(t, doc); text == "" {
		t.Log("pdftotext not installed: the code comes from the store, not from the printed text")
	} else {
		for _, want := range []string{"MEDICAL PRESCRIPTION", "Zoé", "Lefèvre-Nguyễn", "15 months",
			"10 mL"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF (CLI in English) lacks %q:\n%s", want, text)
			}
		}
		if code = verifyCodeRE.FindString(text); code == "" {
			t.Fatalf("no verification code in the PDF's text:\n%s", text)
		}
	}

	out := w.mustRun(t, "", "rx", "verify", code)
	today := time.Now().UTC().Format(time.DateOnly)
	for _, want := range []string{"yes", today, "Dr. Test drhouse"} {
		if !strings.Contains(out, want) {
			t.Errorf("rx verify %s printed\n%s\nwant %q", code, out, want)
		}
	}
	out = w.mustRun(t, "", "rx", "verify", strings.ToLower(code), "-o", "json")
	if v := rxJSON[clinic.Verification](t, out); !v.Valid || v.Prescription != 1 || v.Items != 2 {
		t.Errorf("rx verify (lower case) -o json = %+v", v)
	}

	w.mustRun(t, "", "rx", "edit", "1", "--set", "1.dosage=7 mL")
	r = w.run(t, "", "rx", "verify", code)
	if r.code != exitError || !strings.Contains(r.out, "no") ||
		!strings.Contains(r.errOut, "not a genuine") {
		t.Errorf("rx verify after an edit: exit %d, out %q, stderr %q; want 1 and not genuine",
			r.code, r.out, r.errOut)
	}
	// Anyone may verify: no sign-in, the server named.
	w.mustRun(t, "", "logout")
	if r := w.run(t, "", "rx", "verify", w.rxStoreCode(t, 1), "--server", w.url); r.code != exitOK {
		t.Errorf("rx verify signed out: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestRxListEditDelete(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	w.mustRun(t, "", "patients", "create", "--first-name", "Marc", "--last-name", "Dupont",
		"--sex", "M", "--born", "1980-01-02", "--address", "3 place Bellecour")
	w.mustRun(t, "", "rx", "create", "--patient", "1", "--from-template", "1")
	w.mustRun(t, "", "rx", "create", "--patient", "2",
		"--item", "med=Paracétamol; dosage=1 g; frequency=toutes les 6 h")

	out := w.mustRun(t, "", "rx", "list")
	if rows := rxLines(out); len(rows) != 2 || !strings.HasPrefix(rows[0], "2 ") ||
		!strings.Contains(rows[0], "Dupont") {
		t.Errorf("rx list (a pipe: no header, newest first) =\n%s", out)
	}
	out = w.mustRun(t, "", "rx", "list", "--patient", "1", "-o", "json")
	if list := rxJSON[[]clinic.PrescriptionSummary](t, out); len(list) != 1 || list[0].ID != 1 ||
		list[0].PatientID != 1 {
		t.Errorf("rx list --patient 1 -o json = %+v", list)
	}
	recs := rxCSV(t, w.mustRun(t, "", "rx", "list", "--all", "-o", "csv"))
	header := "id,created_at,patient_id,patient_name,visit_id,updated_at"
	if len(recs) != 3 || strings.Join(recs[0], ",") != header ||
		recs[2][0] != "1" || recs[2][2] != "1" {
		t.Errorf("rx list -o csv = %q", recs)
	}

	// Edit: drop the template's line 1, change line 2, add a line.
	out = w.mustRun(t, "", "rx", "edit", "1", "--drop", "1", "--set", "2.duration=5 jours",
		"--item", "med=1; dosage=2,5 mL; instructions=matin", "--notes", "J3", "-o", "json")
	p := rxJSON[clinic.PrescriptionDetail](t, out)
	if len(p.Items) != 2 || p.Items[0].Medication.ID != 2 || p.Items[0].Duration != "5 jours" ||
		p.Items[1].Medication.ID != 1 || p.Items[1].Dosage != "2,5 mL" || p.Notes != "J3" {
		t.Errorf("rx edit = %s", out)
	}
	out = w.mustRun(t, "", "rx", "edit", "1", "--set", "2.instructions=matin ; soir", "-o", "json")
	if p := rxJSON[clinic.PrescriptionDetail](t, out); p.Items[1].Instructions != "matin ; soir" ||
		p.Items[0].Duration != "5 jours" {
		t.Errorf("rx edit --set instructions with ';' = %s", out)
	}

	r := w.run(t, "", "rx", "delete", "2")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--yes") {
		t.Errorf("rx delete from a script without --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	w.mustRun(t, "", "rx", "show", "2")
	w.mustRun(t, "", "rx", "delete", "2", "--yes")
	r = w.run(t, "", "rx", "show", "2")
	if r.code != exitError || !strings.Contains(r.errOut, "404") {
		t.Errorf("rx show after delete: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestRxPDFWhereItGoes(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	w.mustRun(t, "", "rx", "create", "--patient", "1", "--from-template", "1")
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct {
		lang, file, title string
	}{
		{"en", "prescription_1.pdf", "MEDICAL PRESCRIPTION"},
		{"fr", "ordonnance_1.pdf", "ORDONNANCE MÉDICALE"},
	}
	for _, tt := range tests {
		r := w.run(t, "", "rx", "pdf", "1", "--lang", tt.lang)
		path := filepath.Join(dir, tt.file)
		doc, err := os.ReadFile(path)
		if r.code != exitOK || err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) ||
			!strings.Contains(r.errOut, path) {
			t.Errorf("rx pdf --lang %s: exit %d, stderr %q (%v); want %s here, and said",
				tt.lang, r.code, r.errOut, err, tt.file)
			continue
		}
		if text := rxPDFText(t, doc); text != "" && !strings.Contains(text, tt.title) {
			t.Errorf("rx pdf --lang %s reads\n%s\nwant %s", tt.lang, text, tt.title)
		}
	}
	// A language the CLI only guessed from the locale does not override
	// the practice's, French here.
	t.Setenv("CLINICFLOW_LANG", "")
	t.Setenv("LC_ALL", "en_US.UTF-8")
	r := w.run(t, "", "rx", "pdf", "1", "-o", "guessed.pdf")
	doc, err := os.ReadFile(filepath.Join(dir, "guessed.pdf"))
	if r.code != exitOK || err != nil || !strings.Contains(r.errOut, "Wrote") {
		t.Fatalf("rx pdf under an English locale: exit %d, stderr %q (%v)", r.code, r.errOut, err)
	}
	if text := rxPDFText(t, doc); text != "" && !strings.Contains(text, "ORDONNANCE MÉDICALE") {
		t.Errorf("rx pdf under an English locale, no --lang, reads\n%s\nwant the practice's French", text)
	}
	t.Setenv("CLINICFLOW_LANG", "en")
	if out := w.mustRun(t, "", "rx", "pdf", "1", "-o", "-"); !strings.HasPrefix(out, "%PDF-") {
		t.Errorf("rx pdf -o - wrote %q…, want the PDF", out[:min(len(out), 8)])
	}
}

func TestRxCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	w.mustRun(t, "", "meds", "create", "--name", "Amoxicilline", "--strength", "500 mg")
	w.mustRun(t, "", "rx", "create", "--patient", "1", "--from-template", "1")
	create := func(flags ...string) []string {
		return append([]string{"rx", "create", "--patient", "1"}, flags...)
	}
	fromTemplate := func(flags ...string) []string {
		return create(append([]string{"--from-template", "1"}, flags...)...)
	}
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"rx", "create", "--item", "med=1"}, exitUsage, "missing --patient"},
		{[]string{"rx", "create", "--patient", "x"}, exitUsage, "--patient"},
		{create("--item", "dosage=5 mL"), exitUsage, "which medication"},
		{create("--item", "med=1; colour=red"), exitUsage, `unknown field "colour"`},
		{create("--item", "med=1; outside=maybe"), exitUsage, "want yes or no"},
		{create("--item", "med=1; instructions=matin ; soir"), exitUsage, `"soir" is not FIELD=`},
		{fromTemplate("--set", "3.dosage=1"), exitUsage, "no line 3 (the lines are numbered 1 to"},
		{fromTemplate("--set", "dosage=1"), exitUsage, "N.FIELD=VALUE"},
		{fromTemplate("--drop", "x"), exitUsage, "--drop"},
		{fromTemplate("--drop", "1", "--set", "1.dosage=2"), exitUsage, "line 1 is dropped"},
		{create("--outside", "abc"), exitUsage, "--outside"},
		{create("--from-template", "9"), exitError, "404"},
		{create("--item", "med=999"), exitError, "items[0].medication"},
		{create("--item", "med=ibuprofene"), exitError, `no medication matches "ibuprofene"`},
		{create("--item", "med=amox"), exitError, `"amox" matches 2 medications`},
		{[]string{"rx", "create", "--patient", "9", "--from-template", "1"}, exitError, "patient:"},
		{[]string{"rx", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"rx", "edit", "1", "--from-template", "0"}, exitUsage, "--from-template"},
		{[]string{"rx", "show", "abc"}, exitUsage, "prescription"},
		{[]string{"rx", "show", "9"}, exitError, "404"},
		{[]string{"rx", "list", "-o", "yaml"}, exitUsage, "-o"},
		{[]string{"rx", "pdf", "9", "-o", filepath.Join(t.TempDir(), "x.pdf")}, exitError, "404"},
		{[]string{"rx", "verify", "not-a-code"}, exitError, "400"},
		{[]string{"rx", "verify", " "}, exitUsage, "empty"},
		{[]string{"rx", "verify", "RX-1-0000000000000000"}, exitError, "not a genuine"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
		if strings.Contains(r.errOut, "(ID):") || strings.Contains(r.errOut, "empty for none") {
			t.Errorf("clinicflow %s asked a script: %q", strings.Join(tt.args, " "), r.errOut)
		}
	}
	out := w.mustRun(t, "", "rx", "list", "-o", "json")
	if list := rxJSON[[]clinic.PrescriptionSummary](t, out); len(list) != 1 {
		t.Errorf("a refused command wrote a prescription: %s", out)
	}
}

func TestRxNurseMayReadButNotPrescribe(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.otitisTemplate(t)
	w.mustRun(t, "", "rx", "create", "--patient", "1", "--from-template", "1")
	w.mustRun(t, cliPassword+"\n", "login", "--server", w.url, "-u", "nurse1", "--password-stdin")

	tests := [][]string{
		{"rx", "create", "--patient", "1", "--from-template", "1", "--set", "1.dosage=4 mL"},
		{"rx", "edit", "1", "--notes", "x"},
		{"rx", "delete", "1", "--yes"},
	}
	for _, args := range tests {
		r := w.run(t, "", args...)
		if r.code != exitError || !strings.Contains(r.errOut, "403") {
			t.Errorf("a nurse runs %s: exit %d, stderr %q; want 1 and 403",
				strings.Join(args, " "), r.code, r.errOut)
		}
	}
	if out := w.mustRun(t, "", "rx", "show", "1"); !strings.Contains(out, "Amoxicilline") {
		t.Errorf("rx show by a nurse =\n%s", out)
	}
}
