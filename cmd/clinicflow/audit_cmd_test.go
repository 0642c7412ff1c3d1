package main

import (
	"encoding/csv"
	"strings"
	"testing"
	"time"
)

func TestAuditList(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	for _, name := range []string{"Zoé", "Hugo"} {
		w.mustRun(t, "", "patients", "create", "--first-name", name, "--last-name", "Lefèvre",
			"--sex", "F", "--born", "2025-09-01", "--address", "Lyon")
	}
	w.mustRun(t, "", "patients", "show", "1")
	if r := w.run(t, "", "audit", "list"); r.code != exitError || !strings.Contains(r.errOut, "permission") {
		t.Errorf("audit list as a doctor: exit %d, stderr %q; want 1 and the 403's words",
			r.code, r.errOut)
	}

	w.mustRun(t, cliPassword+"\n", "login", "--server", w.url, "-u", "admin1", "--password-stdin")
	// Reads are recorded in the background; the patient's creation and
	// its read come back newest first.
	var rows [][]string
	for range 100 {
		out := w.mustRun(t, "", "audit", "list", "--patient", "PT-000001", "--all", "-o", "csv")
		var err error
		if rows, err = csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil {
			t.Fatal(err)
		}
		if len(rows) >= 3 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(rows) != 3 || strings.Join(rows[0], ",") != "id,at,username,action,resource,resource_id,patient,outcome,status,remote_addr" {
		t.Fatalf("audit list --patient PT-000001 -o csv = %q, want a header and 2 events", rows)
	}
	for i, want := range []string{"read", "create"} {
		if got := rows[i+1]; got[2] != "drhouse" || got[3] != want || got[6] != "1" || got[7] != "success" {
			t.Errorf("event %d = %q, want drhouse's %s of patient 1, a success", i+1, got, want)
		}
	}
	future := time.Now().Add(48 * time.Hour).Format("2006-01-02")
	if out := w.mustRun(t, "", "audit", "list", "--since", future, "-o", "csv"); strings.Count(out, "\n") != 1 {
		t.Errorf("audit list --since %s = %q, want the header alone", future, out)
	}
	for _, args := range [][]string{
		{"audit", "list", "--since", "last week"},
		{"audit", "list", "--patient", "zoé"},
		{"audit", "list", "-o", "xml"},
	} {
		if r := w.run(t, "", args...); r.code != exitUsage {
			t.Errorf("clinicflow %s: exit %d, want 2", strings.Join(args, " "), r.code)
		}
	}
}
