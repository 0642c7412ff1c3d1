package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
)

// seedPractice fills the world's store with n patients, each with a visit
// carrying a set of vital signs, every other one with a prescription of two
// lines, and every third with an appointment.
func seedPractice(t testing.TB, w *cliWorld, n int) {
	t.Helper()
	st := w.store
	ctx := t.Context()
	doctor, err := st.UserByUsername(ctx, "drhouse")
	if err != nil {
		t.Fatal(err)
	}
	med := &clinic.Medication{Name: "Amoxicilline", Strength: "250 mg", IsActive: true}
	if err := st.CreateMedication(ctx, med, nil); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		p := &clinic.Patient{FirstName: "Zoé", LastName: "Lefèvre\n" + strings.Repeat("x", i%3), Sex: "F",
			DateOfBirth: clinic.Date{Year: 2025, Month: 9, Day: 1}, Address: "12 rue des Lilas, Lyon", IsActive: true}
		if err := st.CreatePatient(ctx, p, nil); err != nil {
			t.Fatal(err)
		}
		v := &clinic.Visit{PatientID: p.ID, VisitDate: time.Now().Add(-time.Hour), VisitType: "CONSULTATION",
			ChiefComplaint: "Fièvre, toux"}
		if err := st.CreateVisit(ctx, v, nil); err != nil {
			t.Fatal(err)
		}
		vs := &clinic.VitalSigns{VisitID: v.ID, MeasuredAt: time.Now(), WeightKg: &clinic.Decimal{Units: 1035, Places: 2}}
		if err := st.CreateVitalSigns(ctx, vs, nil); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			rx := &clinic.Prescription{PatientID: p.ID, VisitID: &v.ID, PrescriberID: doctor.ID,
				Items: []clinic.Item{{MedicationID: med.ID, Dosage: "5 mL"}, {MedicationID: med.ID, Dosage: "10 mL"}}}
			if err := st.CreatePrescription(ctx, rx, nil); err != nil {
				t.Fatal(err)
			}
		}
		if i%3 == 0 {
			a := &clinic.Appointment{Patient: clinic.PatientRef{ID: p.ID}, ScheduledAt: time.Now().Add(48 * time.Hour),
				Status: "SCHEDULED", Reason: "Contrôle"}
			if err := st.CreateAppointment(ctx, a, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestExportCountsEveryRecord(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	const n = 130 // more than one page of every list
	seedPractice(t, w, n)
	want := map[string]int{"patients": n, "visits": n, "vitals": n, "prescriptions": n / 2,
		"prescription_items": n, "appointments": (n + 2) / 3}

	for _, format := range []string{"json", "csv"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			w.mustRun(t, "", "export", "--format", format, "--out", dir)
			var m manifest
			b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
			if err != nil || json.Unmarshal(b, &m) != nil {
				t.Fatalf("manifest: %v %s", err, b)
			}
			for name, n := range want {
				if m.Counts[name] != n {
					t.Errorf("manifest counts %s = %d, want %d", name, m.Counts[name], n)
				}
				file := name
				if format == "json" && name == "prescription_items" {
					continue
				}
				if got := countRecords(t, filepath.Join(dir, file+"."+format), format); got != n {
					t.Errorf("%s.%s holds %d records, want %d", file, format, got, n)
				}
			}
		})
	}

	dir := filepath.Join(t.TempDir(), "since")
	w.mustRun(t, "", "export", "--format", "json", "--out", dir, "--since", time.Now().Add(48*time.Hour).Format("2006-01-02"))
	if got := countRecords(t, filepath.Join(dir, "patients.json"), "json"); got != 0 {
		t.Errorf("export --since the day after tomorrow holds %d patients, want 0", got)
	}
}

// countRecords reads an export file back and counts its records.
func countRecords(t *testing.T, path, format string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if format == "csv" {
		rows, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return len(rows) - 1
	}
	var rows []map[string]any
	if err := json.NewDecoder(f).Decode(&rows); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return len(rows)
}

func TestExportRefusesBadFlags(t *testing.T) {
	w := newCLIWorld(t, "drhouse")
	for _, args := range [][]string{
		{"export", "--format", "xml", "--out", t.TempDir()},
		{"export", "--format", "csv"},
		{"export", "--out", t.TempDir(), "--since", "yesterday"},
	} {
		if r := w.run(t, "", args...); r.code != exitUsage {
			t.Errorf("clinicflow %s: exit %d, want 2 (stderr %q)",
				strings.Join(args, " "), r.code, r.errOut)
		}
	}
}

func TestExportReportsAFailedWrite(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full on this system")
	}
	w := newCLIWorld(t, "drhouse")
	seedPractice(t, w, 2)
	for _, name := range []string{"patients.csv", "prescription_items.csv"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Symlink("/dev/full", filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			r := w.run(t, "", "export", "--format", "csv", "--out", dir)
			if r.code != exitError || !strings.Contains(r.errOut, "no space") {
				t.Errorf("export into a full %s: exit %d, stderr %q; want 1 and the write error",
					name, r.code, r.errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
				t.Error("a failed export wrote its manifest")
			}
		})
	}
}
