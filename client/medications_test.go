package client_test

import (
	"errors"
	"testing"

	"clinicflow/client"
	"clinicflow/clinic"
)

// newMedication adds a medication to the formulary through c.
func newMedication(t *testing.T, c *client.Client, name, strength, form string) *clinic.Medication {
	t.Helper()
	f := client.MedicationFields{Name: &name, Strength: &strength, Form: &form}
	m, err := c.CreateMedication(t.Context(), f)
	if err != nil {
		t.Fatalf("create medication %s: %v", name, err)
	}
	return m
}

func TestMedications(t *testing.T) {
	s := newServer(t)
	nurse := s.signIn(t, "nurse1")
	amox := newMedication(t, nurse, "Amoxicilline", "250 mg/5 mL", "suspension buvable")
	newMedication(t, nurse, "Paracétamol", "2,4 %", "solution buvable")
	for range 110 {
		newMedication(t, nurse, "Zinc", "10 mg", "comprimé")
	}
	if !amox.IsActive || amox.ID == 0 {
		t.Errorf("created medication = %+v, want an id and active", amox)
	}

	q := client.MedicationQuery{Search: "paracetamol buvable"}
	page, err := nurse.ListMedications(t.Context(), q, client.ListOptions{})
	if err != nil || page.Count != 1 || page.Results[0].Name != "Paracétamol" {
		t.Errorf("ListMedications(%q) = %+v, %v", q.Search, page, err)
	}
	all, err := client.All(nurse.Medications(t.Context(), client.MedicationQuery{}))
	if err != nil || len(all) != 112 || all[0].Name != "Amoxicilline" {
		t.Errorf("Medications walked %d rows (%v), want 112 by name", len(all), err)
	}

	f := client.MedicationFields{Strength: new("500 mg/5 mL")}
	m, err := nurse.UpdateMedication(t.Context(), amox.ID, f)
	if err != nil || m.Strength != "500 mg/5 mL" || m.Form != "suspension buvable" {
		t.Errorf("UpdateMedication(strength) = %+v, %v; want the form kept", m, err)
	}
	m, err = nurse.Medication(t.Context(), amox.ID)
	if want := "Amoxicilline 500 mg/5 mL suspension buvable"; err != nil || m.Display() != want {
		t.Errorf("Medication = %+v, %v; want %s", m, err, want)
	}

	if err := nurse.DeleteMedication(t.Context(), amox.ID); err != nil {
		t.Fatal(err)
	}
	var apiErr *client.Error
	_, err = nurse.Medication(t.Context(), amox.ID)
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("Medication after delete: %v, want 404", err)
	}
	q = client.MedicationQuery{Search: "amoxicilline"}
	page, err = nurse.ListMedications(t.Context(), q, client.ListOptions{})
	if err != nil || page.Count != 0 {
		t.Errorf("a deactivated medication is listed: %+v, %v", page, err)
	}
}

func TestMedicationErrors(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	var apiErr *client.Error
	_, err := doctor.CreateMedication(t.Context(), client.MedicationFields{Form: new("sirop")})
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || len(apiErr.Fields) != 1 ||
		apiErr.Fields[0].Field != "name" {
		t.Errorf("create without a name: %v, want 400 on name", err)
	}
	_, err = doctor.UpdateMedication(t.Context(), 999, client.MedicationFields{Form: new("sirop")})
	if !errors.As(err, &apiErr) || apiErr.Status != 404 {
		t.Errorf("update an unknown medication: %v, want 404", err)
	}
}
