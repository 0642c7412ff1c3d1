package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteSamples writes a sample of each document in each language to
// the folder named by CLINICFLOW_PDF_SAMPLES, to look at them:
//
//	CLINICFLOW_PDF_SAMPLES=/tmp/pdf go test ./pdf -run WriteSamples
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("CLINICFLOW_PDF_SAMPLES")
	if dir == "" {
		t.Skip("CLINICFLOW_PDF_SAMPLES is not set")
	}
	long := samplePrescription()
	long.Items = manyItems(40)
	wrapped := samplePrescription()
	wrapped.Patient = Patient{FirstName: "Νικόλαος Łukasz", LastName: "Ørsted-Иванов"}
	wrapped.WeightKg = nil
	wrapped.Items[0] = Item{
		Medication: "Amoxicillin and clavulanic acid 875 mg/125 mg film-coated tablet",
		Dosage:     "one tablet in the morning and one in the evening",
		Route:      "oral",
		Frequency:  "every twelve hours with a meal",
		Duration:   "ten days",
		Instructions: "Take with a full glass of water at the start of a meal. " +
			"Stop and call the clinic at once if a rash, swelling of the face " +
			"or difficulty breathing appears.",
	}
	samples := map[string][]byte{
		"prescription_fr.pdf":         renderPrescription(t, samplePrescription(), frOptions),
		"prescription_en.pdf":         renderPrescription(t, samplePrescription(), enOptions),
		"prescription_long_fr.pdf":    renderPrescription(t, long, frOptions),
		"prescription_wrapped_en.pdf": renderPrescription(t, wrapped, enOptions),
		"visit_fr.pdf":                renderVisit(t, sampleVisit(), frOptions),
		"visit_en.pdf":                renderVisit(t, sampleVisit(), enOptions),
	}
	for name, doc := range samples {
		if err := os.WriteFile(filepath.Join(dir, name), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
