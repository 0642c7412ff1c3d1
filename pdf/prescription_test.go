package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"clinicflow/clinic"
)

// manyItems is n prescription items, each with instructions.
func manyItems(n int) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{
			Medication:   fmt.Sprintf("Medication %02d 250 mg tablet", i+1),
			Dosage:       "1 tablet",
			Route:        "oral",
			Frequency:    "twice daily",
			Duration:     fmt.Sprintf("%d days", i+1),
			Instructions: fmt.Sprintf("Instruction for item %02d.", i+1),
		}
	}
	return items
}

// rowParts is what the table row of the item at index i shows, in order.
func rowParts(i int, it Item) []string {
	return []string{fmt.Sprint(i + 1), it.Medication, it.Dosage, it.Route,
		it.Frequency, it.Duration}
}

func TestPrescriptionText(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"fr", frOptions, []string{
			"ORDONNANCE MÉDICALE", "Prénom :", "Nom :", "15 mois", "7.21 kg",
			"03/11/2025 15:55", "Médicaments", "Posologie", "Notes supplémentaires",
			"Prescripteur :", "Signature du prescripteur", "Cachet",
			"Vérification", "7K3Q-9XW2",
			"Ordonnance vérifiable sur https://clinic.example/verify/7K3Q-9XW2/",
		}},
		{"en", enOptions, []string{
			"MEDICAL PRESCRIPTION", "First name:", "Last name:", "15 months", "7.21 kg",
			"3 Nov 2025 15:55", "Medications", "Dosage", "Additional notes",
			"Prescriber:", "Prescriber's signature", "Stamp",
			"Verification", "7K3Q-9XW2",
			"This prescription can be verified at https://clinic.example/verify/7K3Q-9XW2/",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := pdfText(t, renderPrescription(t, samplePrescription(), tt.opts))
			for _, want := range tt.want {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q; got:\n%s", want, text)
				}
			}
		})
	}
}

func TestPrescriptionPatientAndPrescriber(t *testing.T) {
	text := pdfText(t, renderPrescription(t, samplePrescription(), frOptions))
	tests := []struct {
		what  string
		parts []string
	}{
		{"letterhead name", []string{"Dr Gregory House"}},
		{"specialization in capitals", []string{"PÉDIATRIE"}},
		{"first bio line", []string{"Board-certified pediatrician"}},
		{"second bio line", []string{"Consultations Mon-Fri 8:00-17:00"}},
		{"names", []string{"Prénom :", "Zoé", "Nom :", "Lefèvre-Nguyễn"}},
		{"age and weight", []string{"Âge :", "15 mois", "Poids :", "7.21 kg"}},
		{"prescriber", []string{"Prescripteur :", "Dr Gregory House"}},
		{"licence", []string{"N° d'ordre :", "COM-12345"}},
		{"place on one line", []string{"Lieu :",
			"221B Baker Street, Princeton-Plainsboro, NJ 08540"}},
		{"first notes line", []string{"Drink plenty of fluids."}},
		{"second notes line", []string{"Rest."}},
		{"first instructions", []string{"Bisoprolol 5 mg tablet :", "Stop if rash appears."}},
		{"second instructions", []string{"Fexofenadine 120 mg tablet :", "Take after meals."}},
	}
	for _, tt := range tests {
		if lineWith(text, tt.parts...) == "" {
			t.Errorf("%s: no line holds %q; got:\n%s", tt.what, tt.parts, text)
		}
	}
	if lineWith(text, "Drink plenty of fluids.", "Rest.") != "" {
		t.Errorf("notes lines were joined; got:\n%s", text)
	}
}

func TestPrescriptionMedicationLines(t *testing.T) {
	p := samplePrescription()
	text := pdfText(t, renderPrescription(t, p, frOptions))
	for i, it := range p.Items {
		if parts := rowParts(i, it); lineWith(text, parts...) == "" {
			t.Errorf("item %d: no line holds %q; got:\n%s", i+1, parts, text)
		}
	}
}

func TestPrescriptionWithoutWeight(t *testing.T) {
	p := samplePrescription()
	p.WeightKg = nil
	text := pdfText(t, renderPrescription(t, p, frOptions))
	if !regexp.MustCompile(`Poids :\s+-(\s|$)`).MatchString(text) {
		t.Errorf("weight: want \"-\" after \"Poids :\"; got:\n%s", text)
	}
}

func TestPrescriptionWithoutItems(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"fr", "Aucun médicament prescrit."},
		{"en", "No medication listed."},
	}
	for _, tt := range tests {
		p := samplePrescription()
		p.Items = nil
		text := pdfText(t, renderPrescription(t, p, Options{Lang: tt.lang, Now: readingDay}))
		if !strings.Contains(text, tt.want) {
			t.Errorf("%s: text lacks %q; got:\n%s", tt.lang, tt.want, text)
		}
		if strings.Contains(text, "Instructions") {
			t.Errorf("%s: an instructions heading with no items; got:\n%s", tt.lang, text)
		}
	}
}

func TestPrescriptionVerification(t *testing.T) {
	tests := []struct {
		name, code, url string
		want, absent    []string
	}{
		{"code and url", "7K3Q-9XW2", "https://clinic.example/v/7K3Q-9XW2/",
			[]string{"Vérification", "7K3Q-9XW2",
				"vérifiable sur https://clinic.example/v/7K3Q-9XW2/"},
			nil},
		{"code alone", "7K3Q-9XW2", "",
			[]string{"Vérification", "7K3Q-9XW2"}, []string{"vérifiable"}},
		{"long url cut short", "7K3Q-9XW2", "https://clinic.example/v/" + strings.Repeat("x", 300),
			[]string{"Ordonnance vérifiable sur https://clinic.example/v/xxxx", "xx…"}, nil},
		{"none", "", "https://clinic.example/v/",
			nil, []string{"Vérification", "vérifiable"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := samplePrescription()
			p.VerifyCode, p.VerifyURL = tt.code, tt.url
			text := pdfText(t, renderPrescription(t, p, frOptions))
			for _, s := range tt.want {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q; got:\n%s", s, text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(text, s) {
					t.Errorf("text holds %q; got:\n%s", s, text)
				}
			}
		})
	}
}

func TestPrescriptionSpansPages(t *testing.T) {
	p := samplePrescription()
	p.Items = manyItems(40)
	text := pdfText(t, renderPrescription(t, p, frOptions))
	ps := pages(text)
	if len(ps) < 2 {
		t.Fatalf("pages: got %d, want 2 or more", len(ps))
	}
	for i, page := range ps {
		want := fmt.Sprintf("Page %d / %d", i+1, len(ps))
		if !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q; got:\n%s", i+1, want, page)
		}
		row := lineWith(page, "Medication ", "1 tablet", "twice daily")
		if row != "" && lineWith(page, "N°", "Médicament", "Posologie", "Durée") == "" {
			t.Errorf("page %d has table rows but no table header; got:\n%s", i+1, page)
		}
	}
	for i, it := range p.Items {
		if parts := rowParts(i, it); lineWith(text, parts...) == "" {
			t.Errorf("item %d: no line holds %q", i+1, parts)
		}
		if lineWith(text, it.Medication+" :", it.Instructions) == "" {
			t.Errorf("item %d: instructions %q missing", i+1, it.Instructions)
		}
	}
}

func TestPrescriptionOnePageHasNoPageNumber(t *testing.T) {
	text := pdfText(t, renderPrescription(t, samplePrescription(), frOptions))
	if got := len(pages(text)); got != 1 {
		t.Fatalf("pages: got %d, want 1", got)
	}
	if strings.Contains(text, "Page 1") {
		t.Errorf("a one-page prescription carries a page number; got:\n%s", text)
	}
}

func TestPrescriptionWrapsLongCells(t *testing.T) {
	p := samplePrescription()
	p.Items = []Item{{
		Medication: "Amoxicillin and clavulanic acid 875 mg/125 mg film-coated tablet",
		Dosage:     "one tablet in the morning and one in the evening",
		Route:      "oral",
		Frequency:  "every twelve hours with a meal",
		Duration:   "ten days",
	}, {
		Medication: "Paracetamol 120 mg/5 mL syrup", Dosage: "5 mL", Route: "oral",
		Frequency: "every 6 hours", Duration: "3 days",
	}}
	text := pdfText(t, renderPrescription(t, p, frOptions))
	for _, cell := range []string{p.Items[0].Medication, p.Items[0].Dosage, p.Items[0].Frequency} {
		if strings.Contains(text, cell) {
			t.Errorf("%q printed on one line, want it wrapped in its cell", cell)
		}
		for _, word := range strings.Fields(cell) {
			if !strings.Contains(text, word) {
				t.Errorf("word %q of %q missing", word, cell)
			}
		}
	}
	first := strings.Index(text, "Amoxicillin")
	second := strings.Index(text, "Paracetamol")
	if first < 0 || second < 0 || second < strings.LastIndex(text, "meal") {
		t.Errorf("the second row does not follow the whole first row; got:\n%s", text)
	}
}

func TestPrescriptionAge(t *testing.T) {
	on := readingDay
	born := func(months int) clinic.Date {
		return clinic.DateOf(on.AddDate(0, -months, 0))
	}
	tests := []struct {
		birth  clinic.Date
		fr, en string
		what   string
	}{
		{born(0), "0 mois", "0 months", "newborn"},
		{born(1), "1 mois", "1 month", "one month"},
		{born(15), "15 mois", "15 months", "fifteen months"},
		{born(23), "23 mois", "23 months", "just under two years"},
		{born(24), "2 ans", "2 years", "two years"},
		{born(12*41 + 5), "41 ans", "41 years", "adult"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			o    Options
			want string
		}{{frOptions, tt.fr}, {enOptions, tt.en}} {
			d := newDocument(c.o, "pdf.prescription.title")
			if got := d.age(tt.birth); got != c.want {
				t.Errorf("%s, %s: age(%v) = %q, want %q",
					tt.what, c.o.Lang, tt.birth, got, c.want)
			}
		}
	}
}

func TestPrescriptionQRCodeError(t *testing.T) {
	p := samplePrescription()
	p.VerifyURL = "https://clinic.example/" + strings.Repeat("x", 5000)
	err := RenderPrescription(&bytes.Buffer{}, p, frOptions)
	if err == nil || !strings.HasPrefix(err.Error(), "pdf: prescription 933: qr code:") {
		t.Errorf("err = %v, want a qr code error", err)
	}
}

// TestPrescriberBlockKeptTogether grows a prescription an item at a time
// across the end of its first page: the prescriber block and its
// signature lines always share a page.
func TestPrescriberBlockKeptTogether(t *testing.T) {
	parts := []string{"Prescripteur :", "N° d'ordre :", "Lieu :",
		"Signature du prescripteur"}
	for n := 1; n <= 30; n++ {
		p := samplePrescription()
		p.Items = manyItems(n)
		for i, page := range pages(pdfText(t, renderPrescription(t, p, frOptions))) {
			found := 0
			for _, s := range parts {
				if strings.Contains(page, s) {
					found++
				}
			}
			if found != 0 && found != len(parts) {
				t.Errorf("%d items: page %d holds %d of %q, want all or none",
					n, i+1, found, parts)
			}
		}
	}
}
