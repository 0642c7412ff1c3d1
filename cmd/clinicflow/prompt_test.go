package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// ttyIn and ttyOut stand for a person's terminal.
type ttyIn struct{ io.Reader }

func (ttyIn) Terminal() bool { return true }

type ttyOut struct{ bytes.Buffer }

func (*ttyOut) Terminal() bool { return true }

// runAtTerminal runs a command line as a person at a terminal typing
// typed, and returns what it printed on stdout and stderr.
func runAtTerminal(t *testing.T, typed string, args ...string) (code int, out, errOut string) {
	t.Helper()
	var o, e ttyOut
	code = run(args, ttyIn{strings.NewReader(typed)}, &o, &e)
	return code, o.String(), e.String()
}

func TestPromptsAskAgainForAWrongAnswer(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	typed := strings.Join([]string{"Zoé", "Lefèvre", "X", "f", "2019-3-4", "2019-03-04",
		"12 rue des Lilas, Lyon", ""}, "\n") + "\n"
	code, _, errOut := runAtTerminal(t, typed, "patients", "create")
	if code != 0 {
		t.Fatalf("patients create at a terminal: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{`"X": want M or F`, `"2019-3-4": want a date written YYYY-MM-DD`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the prompts do not say %q:\n%s", want, errOut)
		}
	}
	if n := strings.Count(errOut, "SEX (M/F): "); n != 2 {
		t.Errorf("sex asked %d times, want 2:\n%s", n, errOut)
	}

	var p struct {
		Sex         string `json:"sex"`
		DateOfBirth string `json:"date_of_birth"`
		Address     string `json:"address"`
	}
	if err := json.Unmarshal([]byte(w.mustRun(t, "", "patients", "show", "1", "-o", "json")), &p); err != nil {
		t.Fatal(err)
	}
	if p.Sex != "F" || p.DateOfBirth != "2019-03-04" || p.Address != "12 rue des Lilas, Lyon" {
		t.Errorf("created %+v, want sex F, born 2019-03-04, the address typed", p)
	}

	code, _, errOut = runAtTerminal(t, "PT-abc\nPT-000001\nsoon\n2031-01-05 09:30\n",
		"appointments", "book", "--reason", "Vaccin")
	if code != 0 {
		t.Fatalf("appointments book at a terminal: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{`"PT-abc": want a patient ID or code`, `"soon": want "YYYY-MM-DD HH:MM"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the booking prompts do not say %q:\n%s", want, errOut)
		}
	}
}

func TestDeleteAsksAtATerminal(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	w.mustRun(t, "", "patients", "create", "--first-name", "Zoé", "--last-name", "Lefèvre",
		"--sex", "F", "--born", "2025-09-01", "--address", "Lyon")
	w.mustRun(t, "", "visits", "add", "--patient", "1", "--complaint", "Fièvre")

	code, _, errOut := runAtTerminal(t, "n\n", "visits", "delete", "1")
	if code != 0 || !strings.Contains(errOut, "Zoé Lefèvre") {
		t.Errorf("visits delete answered no: exit %d, the question %q does not name the patient",
			code, errOut)
	}
	if r := w.run(t, "", "visits", "show", "1"); r.code != 0 {
		t.Fatalf("the visit is gone after a no: exit %d %s", r.code, r.errOut)
	}

	if code, _, errOut = runAtTerminal(t, "oui\n", "visits", "delete", "1"); code != 0 {
		t.Fatalf("visits delete answered oui: exit %d %s", code, errOut)
	}
	if r := w.run(t, "", "visits", "show", "1"); r.code != exitError {
		t.Errorf("visits show after deleting it: exit %d, want 1 (not found)", r.code)
	}
	if code, _, _ = runAtTerminal(t, "y\n", "visits", "delete", "1"); code != exitError {
		t.Errorf("deleting a visit already gone: exit %d, want 1", code)
	}
	if code, _, _ = runAtTerminal(t, "y\n", "visits", "delete", "x"); code != exitUsage {
		t.Errorf("visits delete x: exit %d, want 2", code)
	}
}
