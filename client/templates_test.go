package client_test

import (
	"errors"
	"testing"

	"clinicflow/client"
	"clinicflow/clinic"
)

// otitis is a template's lines: amoxicillin then paracetamol.
func otitis(amox, para int64) []clinic.ItemWrite {
	return []clinic.ItemWrite{
		{Medication: amox, Dosage: "5 mL", Route: "orale", Frequency: "3 fois par jour",
			Duration: "8 jours"},
		{Medication: para, Dosage: "15 mg/kg", Route: "orale", Frequency: "toutes les 6 h",
			Duration: "3 jours", Instructions: "si fièvre > 38,5 °C"},
	}
}

func TestTemplates(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	amox := newMedication(t, doctor, "Amoxicilline", "250 mg/5 mL", "suspension")
	para := newMedication(t, doctor, "Paracétamol", "2,4 %", "")
	lines := otitis(amox.ID, para.ID)
	w, err := doctor.CreateTemplate(t.Context(), client.TemplateFields{Name: new("Acute otitis"),
		NameFr: new("Otite aiguë"), Items: &lines})
	if err != nil || w.ID == 0 || !w.IsActive || len(w.Items) != 2 ||
		w.Items[1].Medication != para.ID {
		t.Fatalf("CreateTemplate = %+v, %v", w, err)
	}
	doctor.CreateTemplate(t.Context(), client.TemplateFields{Name: new("Bronchiolitis")})

	q := client.TemplateQuery{Search: "otite aigue"}
	page, err := doctor.ListTemplates(t.Context(), q, client.ListOptions{})
	if err != nil || page.Count != 1 || page.Results[0].NameFr != "Otite aiguë" {
		t.Errorf("ListTemplates(%q) = %+v, %v", q.Search, page, err)
	}
	all, err := client.All(doctor.Templates(t.Context(), client.TemplateQuery{}))
	if err != nil || len(all) != 2 || all[0].Name != "Acute otitis" {
		t.Errorf("Templates = %+v, %v; want both by name", all, err)
	}

	// A change without items keeps the lines.
	f := client.TemplateFields{Description: new("Enfant > 6 mois")}
	if _, err := doctor.UpdateTemplate(t.Context(), w.ID, f); err != nil {
		t.Fatal(err)
	}
	d, err := doctor.Template(t.Context(), w.ID)
	if err != nil || d.Description != "Enfant > 6 mois" || len(d.Items) != 2 {
		t.Fatalf("Template after a description change = %+v, %v; want both lines kept", d, err)
	}
	want := []string{"Amoxicilline 250 mg/5 mL suspension", "Paracétamol 2,4 %"}
	for i, line := range d.Items {
		if line.MedicationDisplay != want[i] {
			t.Errorf("line %d medication_display = %q, want %q",
				i+1, line.MedicationDisplay, want[i])
		}
	}
	if got := d.Items[1].Instructions; got != "si fièvre > 38,5 °C" {
		t.Errorf("line 2 instructions = %q", got)
	}

	// Items replace every line; an empty list removes them all.
	for _, want := range [][]clinic.ItemWrite{lines[1:], {}} {
		got, err := doctor.UpdateTemplate(t.Context(), w.ID, client.TemplateFields{Items: &want})
		if err != nil || len(got.Items) != len(want) {
			t.Errorf("UpdateTemplate(%d lines) = %+v, %v", len(want), got, err)
		}
	}

	if err := doctor.DeleteTemplate(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	var apiErr *client.Error
	_, err = doctor.Template(t.Context(), w.ID)
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("Template after delete: %v, want 404", err)
	}
}

func TestTemplateErrorsNameTheLine(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	amox := newMedication(t, doctor, "Amoxicilline", "", "")
	lines := []clinic.ItemWrite{{Medication: amox.ID}, {Medication: 999}}
	_, err := doctor.CreateTemplate(t.Context(), client.TemplateFields{Items: &lines})
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("create with a bad line: %v, want 400", err)
	}
	got := map[string]bool{}
	for _, f := range apiErr.Fields {
		got[f.Field] = true
	}
	for _, want := range []string{"name", "items[1].medication"} {
		if !got[want] {
			t.Errorf("400 fields %v, want %s among them", apiErr.Fields, want)
		}
	}
}
