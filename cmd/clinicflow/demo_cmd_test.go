package main

import (
	"strings"
	"testing"

	"clinicflow/store"
)

func TestDemoFillsAPractice(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	r := w.run(t, "", "demo", "--patients", "12", "--seed", "3")
	if r.code != 0 {
		t.Fatalf("demo: exit %d, stderr %s", r.code, r.errOut)
	}
	ctx := t.Context()
	if n, _ := w.store.CountPatients(ctx, store.PatientFilter{}); n != 12 {
		t.Errorf("demo made %d patients, want 12", n)
	}
	visits, _ := w.store.CountVisits(ctx, store.VisitFilter{})
	vitals, _ := w.store.CountVitalSigns(ctx, 0)
	if visits < 12 || vitals != visits {
		t.Errorf("demo made %d visits and %d sets of vitals, want at least one visit each, each measured",
			visits, vitals)
	}
	if n, _ := w.store.CountTemplates(ctx, nil); n != 4 {
		t.Errorf("demo made %d templates, want 4", n)
	}
	if n, _ := w.store.CountPrescriptions(ctx, store.PrescriptionFilter{}); n == 0 {
		t.Error("demo made no prescription")
	}
	if !strings.Contains(r.errOut, "12 patients") {
		t.Errorf("demo's summary %q does not count the patients", r.errOut)
	}
	// The agenda command it suggests lists every appointment it booked.
	_, suggested, ok := strings.Cut(r.errOut, "clinicflow agenda ")
	if !ok {
		t.Fatalf("demo's summary %q suggests no agenda command", r.errOut)
	}
	args := append([]string{"agenda"}, strings.Fields(suggested)...)
	rows := strings.Count(w.mustRun(t, "", append(args, "-o", "csv")...), "\n") - 1
	if booked, _ := w.store.CountAppointments(ctx, store.AppointmentFilter{}); booked != 12 || rows != booked {
		t.Errorf("demo booked %d appointments and %v lists %d, want 12 and all of them",
			booked, args, rows)
	}

	// The same seed makes the same names.
	out := w.mustRun(t, "", "patients", "list", "--all", "-o", "csv")
	w2 := newCLIWorld(t, "drhouse")
	w2.mustRun(t, "", "demo", "--patients", "12", "--seed", "3")
	if out2 := w2.mustRun(t, "", "patients", "list", "--all", "-o", "csv"); firstNames(out) != firstNames(out2) {
		t.Errorf("two demos with one seed differ:\n%s\n%s", out, out2)
	}
	if r := w.run(t, "", "demo", "--patients", "0"); r.code != exitUsage {
		t.Errorf("demo --patients 0: exit %d, want 2", r.code)
	}
}

// firstNames keeps the name columns of a patients CSV.
func firstNames(csv string) string {
	var b strings.Builder
	for _, line := range strings.Split(csv, "\n") {
		if f := strings.Split(line, ","); len(f) > 3 {
			b.WriteString(f[2] + f[3] + ";")
		}
	}
	return b.String()
}
