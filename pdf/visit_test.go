package pdf

import (
	"strings"
	"testing"

	"clinicflow/clinic"
)

func TestVisitSummaryText(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		want [][]string // each the parts of one line
	}{
		{"fr", frOptions, [][]string{
			{"RÉSUMÉ DE CONSULTATION"},
			{"Patient :", "Zoé Lefèvre-Nguyễn", "Code :", "PT-000042"},
			{"Date de visite :", "21/06/2025 14:00", "Type :", "Consultation"},
			{"Médecin :", "Dr Gregory House"},
			{"N° d'ordre :", "COM-12345"},
			{"Date :", "21/06/2025"},
			{"Lieu :", "221B Baker Street, Princeton-Plainsboro, NJ 08540"},
			{"Signature du médecin", "Cachet"},
		}},
		{"en", enOptions, [][]string{
			{"VISIT SUMMARY"},
			{"Patient:", "Zoé Lefèvre-Nguyễn", "Code:", "PT-000042"},
			{"Visit date:", "21 Jun 2025 14:00", "Type:", "Consultation"},
			{"Doctor:", "Dr Gregory House"},
			{"Licence no.:", "COM-12345"},
			{"Doctor's signature", "Stamp"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := pdfText(t, renderVisit(t, sampleVisit(), tt.opts))
			for _, parts := range tt.want {
				if lineWith(text, parts...) == "" {
					t.Errorf("no line holds %q; got:\n%s", parts, text)
				}
			}
		})
	}
}

func TestVisitSummarySectionsInOrder(t *testing.T) {
	text := pdfText(t, renderVisit(t, sampleVisit(), enOptions))
	order := []string{
		"Chief complaint", "Routine check-up",
		"Medical history", "Premature birth (34 weeks).", "No hospitalisations.",
		"History of present illness", "Début brutal hier soir.",
		"Physical examination", "Pharynx erythematous.",
		"Complementary examinations", "Malaria RDT negative.",
		"Vital signs", "Temperature",
		"Assessment", "Paludisme simple",
		"Plan", "Continue current treatment.", "Recheck in one month.",
		"Treatment", "Paracetamol as needed.",
		"Additional notes", "Parent counselled on warning signs.",
		"Doctor:",
	}
	if !inOrder(text, order...) {
		t.Errorf("sections out of order, want %q in this order; got:\n%s", order, text)
	}
}

func TestVisitSummaryLeavesOutEmptySections(t *testing.T) {
	v := sampleVisit()
	v.MedicalHistory = "  \n\n "
	v.PhysicalExam = ""
	v.Plan = ""
	v.Vitals = &VitalSigns{}
	text := pdfText(t, renderVisit(t, v, frOptions))
	left := []string{"Antécédents médicaux", "Examen physique", "Plan de traitement",
		"Signes vitaux"}
	for _, heading := range left {
		if strings.Contains(text, heading) {
			t.Errorf("empty section %q printed; got:\n%s", heading, text)
		}
	}
	kept := []string{"Motif de consultation", "Histoire de la maladie", "Traitement"}
	for _, heading := range kept {
		if !strings.Contains(text, heading) {
			t.Errorf("section %q missing; got:\n%s", heading, text)
		}
	}
}

func TestVisitSummaryVitals(t *testing.T) {
	tests := []struct {
		name   string
		vitals *VitalSigns
		want   [][]string
		absent []string
	}{
		{"all", sampleVisit().Vitals, [][]string{
			{"Température", "38.0 °C"},
			{"Tension artérielle", "95/60 mmHg"},
			{"Fréquence cardiaque", "111 /min"},
			{"Fréquence respiratoire", "29 /min"},
			{"SpO₂", "97 %"},
			{"Poids", "14.21 kg"},
			{"Taille", "89.71 cm"},
			{"Périmètre crânien", "46.5 cm"},
		}, nil},
		{"some", &VitalSigns{
			BPSystolic: new(int64(120)),
			WeightKg:   &clinic.Decimal{Units: 705, Places: 1},
		}, [][]string{
			{"Signes vitaux"},
			{"Tension artérielle", "120/- mmHg"},
			{"Poids", "70.5 kg"},
		}, []string{"Température", "Taille", "SpO₂"}},
		{"none", nil, nil, []string{"Signes vitaux", "Température"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := sampleVisit()
			v.Vitals = tt.vitals
			text := pdfText(t, renderVisit(t, v, frOptions))
			for _, parts := range tt.want {
				if lineWith(text, parts...) == "" {
					t.Errorf("no line holds %q; got:\n%s", parts, text)
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

func TestVisitSummaryVisitType(t *testing.T) {
	tests := []struct{ typ, lang, want string }{
		{clinic.VisitConsultation, "fr", "Consultation"},
		{clinic.VisitFollowUp, "fr", "Suivi"},
		{clinic.VisitFollowUp, "en", "Follow-up"},
		{"HOME_VISIT", "en", "HOME_VISIT"},
	}
	for _, tt := range tests {
		d := newDocument(Options{Lang: tt.lang}, "pdf.visit.title")
		if got := d.visitType(tt.typ); got != tt.want {
			t.Errorf("%s visitType(%q) = %q, want %q", tt.lang, tt.typ, got, tt.want)
		}
	}
}

func TestVisitSummaryWrapsLongSections(t *testing.T) {
	v := sampleVisit()
	v.Assessment = strings.Repeat("Fièvre intermittente depuis trois jours avec frissons. ", 120)
	text := pdfText(t, renderVisit(t, v, frOptions))
	if got, want := strings.Count(text, "frissons."), 120; got != want {
		t.Errorf("wrapped assessment: got %d sentences, want %d", got, want)
	}
	ps := pages(text)
	if len(ps) < 2 {
		t.Fatalf("pages: got %d, want 2 or more", len(ps))
	}
	last := ps[len(ps)-1]
	if !strings.Contains(last, "Page ") || !strings.Contains(last, "Signature du médecin") {
		t.Errorf("last page lacks its number or the signature lines; got:\n%s", last)
	}
	for i, page := range ps[1:] {
		if lineWith(page, "Zoé Lefèvre-Nguyễn", "PT-000042", "RÉSUMÉ DE CONSULTATION") == "" {
			t.Errorf("page %d lacks the running line; got:\n%s", i+2, page)
		}
	}
}

func TestVitalValues(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"decimal", decimal(&clinic.Decimal{Units: 380, Places: 1}, " °C"), "38.0 °C"},
		{"decimal, none", decimal(nil, " °C"), ""},
		{"integer", integer(new(int64(97)), " %"), "97 %"},
		{"integer, none", integer(nil, " %"), ""},
		{"pressure", pressure(new(int64(120)), new(int64(80))), "120/80 mmHg"},
		{"pressure, systolic alone", pressure(new(int64(120)), nil), "120/- mmHg"},
		{"pressure, diastolic alone", pressure(nil, new(int64(80))), "-/80 mmHg"},
		{"pressure, none", pressure(nil, nil), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
