package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommandsNeedALogin(t *testing.T) {
	w := newCLIWorld(t, "")
	r := w.run(t, "", "patients", "list")
	if r.code != exitError || !strings.Contains(r.errOut, "clinicflow login") {
		t.Errorf("patients list before login: exit %d, stderr %q; want 1 and how to log in",
			r.code, r.errOut)
	}
	r = w.run(t, "wrong\n", "login", "--server", w.url, "-u", "drhouse", "--password-stdin")
	if r.code != exitError || !strings.Contains(r.errOut, "401") {
		t.Errorf("login with a wrong password: exit %d, stderr %q", r.code, r.errOut)
	}
	r = w.run(t, "", "login", "--server", w.url, "-u", "drhouse")
	if r.code != exitUsage || !strings.Contains(r.errOut, "--password-stdin") {
		t.Errorf("login from a script without a password: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestLoginKeepsTheSessionPrivately(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	path := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "clinicflow", "session.json")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("session file mode %v, want 0600", info.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if strings.Contains(string(b), cliPassword) || !strings.Contains(string(b), w.url) {
		t.Errorf("session file %s: want the server and no password", b)
	}
	w.mustRun(t, "", "logout")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("session file after logout: %v, want it gone", err)
	}
	if r := w.run(t, "", "patients", "list"); r.code != exitError {
		t.Errorf("patients list after logout: exit %d, want 1", r.code)
	}
}

func TestPatientsCommands(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.mustRun(t, "", "patients", "create", "--first-name", "Zoé", "--last-name", "Lefèvre-Nguyễn",
		"--sex", "F", "--born", "2025-09-01", "--address", "12 rue des Lilas")
	w.mustRun(t, "", "patients", "create", "--first-name", "Marc", "--last-name", "Dupont",
		"--sex", "M", "--born", "1980-01-02", "--address", "3 place Bellecour", "--phone", "+33 4")

	out := w.mustRun(t, "", "patients", "list")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "Dupont") || !strings.Contains(lines[1], "Zoé") {
		t.Errorf("patients list (a pipe: no header, by last name) =\n%s", out)
	}

	out = w.mustRun(t, "", "patients", "list", "--search", "zoe", "-o", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 || rows[0]["first_name"] != "Zoé" {
		t.Errorf("patients list -o json = %s (%v)", out, err)
	}

	out = w.mustRun(t, "", "patients", "list", "--all", "-o", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 3 || recs[0][0] != "id" || recs[0][1] != "patient_code" || recs[2][3] != "Zoé" {
		t.Errorf("patients list -o csv = %q (%v)", recs, err)
	}

	out = w.mustRun(t, "", "patients", "edit", "2", "--phone", "+33 4 00")
	if !strings.Contains(out, "+33 4 00") || !strings.Contains(out, "Dupont") {
		t.Errorf("patients edit printed %q", out)
	}
	out = w.mustRun(t, "", "patients", "show", "1", "-o", "json")
	if !strings.Contains(out, `"patient_code": "PT-000001"`) {
		t.Errorf("patients show -o json = %s", out)
	}
	w.mustRun(t, "", "patients", "archive", "1")
	if out := w.mustRun(t, "", "patients", "list"); strings.Contains(out, "Zoé") {
		t.Errorf("an archived patient is still listed:\n%s", out)
	}
	if r := w.run(t, "", "patients", "restore", "1"); r.code != exitError || !strings.Contains(r.errOut, "403") {
		t.Errorf("restore by a doctor: exit %d, stderr %q", r.code, r.errOut)
	}
}

func TestPatientsCommandErrors(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"patients", "create", "--first-name", "X"}, exitUsage, "--last-name"},
		{[]string{"patients", "create", "--first-name", "X", "--last-name", "Y", "--sex", "Q",
			"--born", "2025-13-01", "--address", "a"}, exitError, "sex: \"Q\" is not a valid choice."},
		{[]string{"patients", "show", "abc"}, exitUsage, "patient"},
		{[]string{"patients", "show", "999"}, exitError, "404"},
		{[]string{"patients", "edit", "1"}, exitUsage, "nothing to change"},
		{[]string{"patients", "edit", "1", "-o", "json"}, exitUsage, "nothing to change"},
		{[]string{"patients", "list", "-o", "yaml"}, exitUsage, "-o"},
		{[]string{"patients", "list", "--lang", "de"}, exitUsage, "--lang"},
	}
	for _, tt := range tests {
		r := w.run(t, "", tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.errOut, tt.wantErr) {
			t.Errorf("clinicflow %s: exit %d, stderr %q; want %d and %q",
				strings.Join(tt.args, " "), r.code, r.errOut, tt.wantCode, tt.wantErr)
		}
	}
}
