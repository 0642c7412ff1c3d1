package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clinicflow/clinic"
)

// writeSamplePDF writes a small PDF-looking file with bytes of every
// value, so that a byte changed on the way shows, and returns its path.
func writeSamplePDF(t *testing.T, name string) (string, []byte) {
	t.Helper()
	data := []byte("%PDF-1.7\n")
	for i := range 4096 {
		data = append(data, byte(i*13))
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, data
}

func TestFilesCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	path, data := writeSamplePDF(t, "Bilan sanguin.pdf")

	out := w.mustRun(t, "", "files", "upload", "--patient", "1", path, "--category", "lab_result",
		"--description", "NFS, ferritine", "-o", "json")
	var f clinic.PatientFile
	err := json.Unmarshal([]byte(out), &f)
	if err != nil || f.ID != 1 || f.OriginalFilename != "Bilan sanguin.pdf" ||
		f.Size != int64(len(data)) || f.Category != "lab_result" || f.Type != clinic.TypePDF {
		t.Fatalf("files upload -o json = %s (%v)", out, err)
	}

	out = w.mustRun(t, "", "files", "list", "--patient", "PT-000001")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], "Bilan sanguin.pdf") ||
		!strings.Contains(lines[0], "NFS, ferritine") {
		t.Errorf("files list (a pipe: no header) =\n%s", out)
	}
	out = w.mustRun(t, "", "files", "list", "--patient", "1", "--all", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	wantHeader := []string{"id", "original_filename", "category", "file_size", "file_type",
		"description", "uploaded_by_name", "uploaded_at"}
	if err != nil || len(recs) != 2 || !slices.Equal(recs[0], wantHeader) ||
		recs[1][3] != "4105" || recs[1][6] != "Test drhouse" {
		t.Errorf("files list -o csv = %q (%v)", recs, err)
	}
	out = w.mustRun(t, "", "files", "list", "--patient", "2", "-o", "json")
	if strings.TrimSpace(out) != "[\n]" {
		t.Errorf("another patient's files = %s, want []", out)
	}

	target := filepath.Join(t.TempDir(), "copie.pdf")
	r := w.run(t, "", "files", "download", "--patient", "1", "1", "-o", target)
	if got, err := os.ReadFile(target); r.code != 0 || err != nil || !bytes.Equal(got, data) {
		t.Errorf("download -o FILE: exit %d (%s), %d bytes (%v); want the %d bytes uploaded",
			r.code, r.errOut, len(got), err, len(data))
	}
	if !strings.Contains(r.errOut, target) {
		t.Errorf("download -o FILE said %q, want where it wrote", r.errOut)
	}
	out = w.mustRun(t, "", "files", "download", "--patient", "1", "1", "-o", "-")
	if out != string(data) {
		t.Errorf("download -o -: %d bytes on stdout, want the %d uploaded", len(out), len(data))
	}
	here := t.TempDir()
	t.Chdir(here)
	w.mustRun(t, "", "files", "download", "--patient", "1", "1")
	got, err := os.ReadFile(filepath.Join(here, "Bilan sanguin.pdf"))
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("download with no -o: %d bytes (%v) under the original name, want the %d uploaded",
			len(got), err, len(data))
	}

	r = w.run(t, "", "files", "delete", "--patient", "1", "1")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--yes") {
		t.Errorf("delete from a script without --yes: exit %d, stderr %q", r.code, r.errOut)
	}
	w.mustRun(t, "", "files", "delete", "--patient", "1", "1", "--yes")
	r = w.run(t, "", "files", "download", "--patient", "1", "1", "-o", "-")
	if r.code != exitError || !strings.Contains(r.errOut, "404") {
		t.Errorf("download after delete: exit %d, stderr %q; want 1 and 404", r.code, r.errOut)
	}
}

func TestFilesCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	pdf, _ := writeSamplePDF(t, "a.pdf")
	text := filepath.Join(t.TempDir(), "notes.pdf")
	os.WriteFile(text, []byte("plain text, not a PDF"), 0o600)
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"files", "list"}, exitUsage, "missing --patient (not asked"},
		{[]string{"files", "upload", pdf}, exitUsage, "missing --patient"},
		{[]string{"files", "upload", "--patient", "1", pdf, "--category", "x"}, exitUsage,
			"--category"},
		{[]string{"files", "upload", "--patient", "1", "missing.pdf"}, exitError, "missing.pdf"},
		{[]string{"files", "upload", "--patient", "1", text}, exitError, "file:"},
		{[]string{"files", "upload", "--patient", "99", pdf}, exitError, "404"},
		{[]string{"files", "upload", "--patient", "1"}, exitUsage, "arg"},
		{[]string{"files", "download", "--patient", "1", "7", "-o", "-"}, exitError, "404"},
		{[]string{"files", "download", "--patient", "1", "seven"}, exitUsage, "file"},
		{[]string{"files", "list", "--patient", "1", "-o", "yaml"}, exitUsage, "-o"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
	}
}

// files list shows one page unless --all, newest first.
func TestFilesListPages(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.agendaPatients(t)
	for _, name := range []string{"a.pdf", "b.pdf", "c.pdf"} {
		path, _ := writeSamplePDF(t, name)
		w.mustRun(t, "", "files", "upload", "--patient", "2", path, "--category", "consent")
	}
	names := func(args ...string) []string {
		args = append([]string{"files", "list", "--patient", "2", "-o", "json"}, args...)
		var list []clinic.PatientFile
		if err := json.Unmarshal([]byte(w.mustRun(t, "", args...)), &list); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range list {
			got = append(got, f.OriginalFilename)
		}
		return got
	}
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"c.pdf", "b.pdf", "a.pdf"}},
		{[]string{"--page-size", "2"}, []string{"c.pdf", "b.pdf"}},
		{[]string{"--page-size", "2", "--page", "2"}, []string{"a.pdf"}},
		{[]string{"--page-size", "2", "--all"}, []string{"c.pdf", "b.pdf", "a.pdf"}},
	}
	for _, tt := range tests {
		if got := names(tt.args...); !slices.Equal(got, tt.want) {
			t.Errorf("files list %s = %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}
