package pdf

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"clinicflow/clinic"
)

// clinicZone is the clinic's zone in the tests: one hour east of UTC, so a
// date printed in UTC by mistake shows.
var clinicZone = time.FixedZone("clinic", 3600)

// frOptions and enOptions read on 3 November 2025, in the clinic's zone.
var (
	readingDay = time.Date(2025, 11, 3, 9, 0, 0, 0, clinicZone)
	frOptions  = Options{Lang: "fr", Location: clinicZone, Now: readingDay}
	enOptions  = Options{Lang: "en", Location: clinicZone, Now: readingDay}
)

func house() Prescriber {
	return Prescriber{
		DisplayName:    "Dr Gregory House",
		Specialization: "pédiatrie",
		Bio:            "Board-certified pediatrician\n\n   \nConsultations Mon-Fri 8:00-17:00",
		LicenseNumber:  "COM-12345",
		ClinicAddress:  "221B Baker Street\n\nPrinceton-Plainsboro, NJ 08540",
	}
}

// zoe is 15 months old on 3 November 2025.
func zoe() Patient {
	return Patient{
		FirstName:   "Zoé",
		LastName:    "Lefèvre-Nguyễn",
		Code:        "PT-000042",
		DateOfBirth: clinic.Date{Year: 2024, Month: time.August, Day: 1},
	}
}

func samplePrescription() Prescription {
	return Prescription{
		ID:       933,
		Date:     time.Date(2025, 11, 3, 14, 55, 0, 0, time.UTC),
		Patient:  zoe(),
		WeightKg: &clinic.Decimal{Units: 721, Places: 2},
		Items: []Item{
			{Medication: "Clarithromycin 500 mg tablet", Dosage: "2 puffs", Route: "oral",
				Frequency: "at bedtime", Duration: "5 days"},
			{Medication: "Bisoprolol 5 mg tablet", Dosage: "10 mL", Route: "ophthalmic",
				Frequency: "once daily", Duration: "5 jours",
				Instructions: "Stop if rash appears."},
			{Medication: "Fexofenadine 120 mg tablet", Dosage: "1 drop", Route: "ophthalmic",
				Frequency: "once daily", Duration: "3 days", Instructions: "Take after meals."},
		},
		Notes:      "Drink plenty of fluids.\nRest.",
		Prescriber: house(),
		VerifyCode: "7K3Q-9XW2",
		VerifyURL:  "https://clinic.example/verify/7K3Q-9XW2/",
	}
}

func sampleVisit() VisitSummary {
	return VisitSummary{
		ID:                      1,
		Patient:                 zoe(),
		VisitDate:               time.Date(2025, 6, 21, 13, 0, 0, 0, time.UTC),
		VisitType:               clinic.VisitConsultation,
		ChiefComplaint:          "Routine check-up",
		MedicalHistory:          "Premature birth (34 weeks).\nNo hospitalisations.",
		HistoryOfPresentIllness: "Début brutal hier soir.",
		PhysicalExam:            "Pharynx erythematous.",
		ComplementaryExam:       "Malaria RDT negative.",
		Vitals: &VitalSigns{
			TemperatureC:        &clinic.Decimal{Units: 380, Places: 1},
			BPSystolic:          new(int64(95)),
			BPDiastolic:         new(int64(60)),
			HeartRateBPM:        new(int64(111)),
			RespiratoryRateRPM:  new(int64(29)),
			OxygenSaturationPct: new(int64(97)),
			WeightKg:            &clinic.Decimal{Units: 1421, Places: 2},
			HeightCm:            &clinic.Decimal{Units: 8971, Places: 2},
			HeadCircumferenceCm: &clinic.Decimal{Units: 465, Places: 1},
		},
		Assessment: "Paludisme simple",
		Plan:       "Continue current treatment.\nRecheck in one month.",
		Treatment:  "Paracetamol as needed.",
		Notes:      "Parent counselled on warning signs.",
		Prescriber: house(),
	}
}

// renderPrescription renders p and fails the test on an error.
func renderPrescription(t testing.TB, p Prescription, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderPrescription(&buf, p, o); err != nil {
		t.Fatalf("RenderPrescription: %v", err)
	}
	return buf.Bytes()
}

// renderVisit renders v and fails the test on an error.
func renderVisit(t testing.TB, v VisitSummary, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderVisitSummary(&buf, v, o); err != nil {
		t.Fatalf("RenderVisitSummary: %v", err)
	}
	return buf.Bytes()
}

// poppler runs one of poppler-utils' tools on the PDF doc, named by the
// argument "{}", and returns what it prints; the test is skipped when the
// tool is not installed.
func poppler(t *testing.T, tool string, doc []byte, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Skipf("%s not found: install poppler-utils "+
			"(apt-get install poppler-utils) to run this test", tool)
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		if a == "{}" {
			args[i] = file
		}
	}
	out, err := exec.Command(path, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// pdfText is the text of doc as pdftotext -layout lays it out, pages
// separated by form feeds.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	return poppler(t, "pdftotext", doc, "-layout", "-enc", "UTF-8", "{}", "-")
}

// pages splits pdftotext's output into its pages.
func pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f\n"), "\f")
}

// lineWith returns the first line of text that holds every part, in
// order, or "" when none does.
func lineWith(text string, parts ...string) string {
	for _, line := range strings.Split(text, "\n") {
		if inOrder(line, parts...) {
			return line
		}
	}
	return ""
}

// inOrder reports whether s holds every part, one after the other.
func inOrder(s string, parts ...string) bool {
	for _, p := range parts {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return true
}

// word is one word pdftotext found, with its box in millimetres.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageTag = regexp.MustCompile(`<page `)
	wordTag = regexp.MustCompile(
		`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words is every word of doc with its page and box, as pdftotext -bbox
// finds them.
func words(t *testing.T, doc []byte) []word {
	t.Helper()
	out := poppler(t, "pdftotext", doc, "-bbox", "{}", "-")
	var ws []word
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if pageTag.MatchString(line) {
			page++
			continue
		}
		m := wordTag.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w := word{page: page, text: html.UnescapeString(m[5])}
		for i, dst := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
			pt, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatalf("pdftotext -bbox: %v", err)
			}
			*dst = pt * 25.4 / 72
		}
		ws = append(ws, w)
	}
	return ws
}
