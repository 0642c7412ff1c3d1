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
