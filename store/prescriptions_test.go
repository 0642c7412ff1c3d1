package store_test

import (
	"errors"
	"testing"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
	"clinicflow/store/storetest"
)

func createMedication(t *testing.T, s *store.Store, name string) *clinic.Medication {
	t.Helper()
	m := &clinic.Medication{Name: name, Form: "tablet", Strength: "500 mg", IsActive: true}
	if err := s.CreateMedication(t.Context(), m, nil); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTemplateItemsAreReplacedWholeOrNotAtAll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := createMedication(t, s, "Amoxicillin"), createMedication(t, s, "Ibuprofène")
		tpl := &clinic.Template{Name: "Otite", IsActive: true, Items: []clinic.Item{
			{MedicationID: a.ID, Dosage: "1"}, {MedicationID: b.ID, Dosage: "2"}}}
		if err := s.CreateTemplate(t.Context(), tpl, nil); err != nil {
			t.Fatal(err)
		}
		tpl.Name = "renamed"
		tpl.Items = []clinic.Item{{MedicationID: b.ID}, {MedicationID: 999}}
		if err := s.UpdateTemplate(t.Context(), tpl, true, nil); !errors.Is(err, store.ErrReference) {
			t.Fatalf("update with an unknown medication: %v, want ErrReference", err)
		}
		got, err := s.Template(t.Context(), tpl.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Otite" || len(got.Items) != 2 || got.Items[0].Dosage != "1" || got.Items[1].Medication.Name != "Ibuprofène" {
			t.Errorf("after a failed update the template is %+v, want it untouched", got)
		}
		tpl.Items = []clinic.Item{{MedicationID: b.ID, Dosage: "3"}}
		if err := s.UpdateTemplate(t.Context(), tpl, true, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Template(t.Context(), tpl.ID); len(got.Items) != 1 || got.Items[0].Dosage != "3" {
			t.Errorf("items after replacing = %+v", got.Items)
		}
		if err := s.DeleteTemplate(t.Context(), tpl.ID, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Template(t.Context(), tpl.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted template: %v, want ErrNotFound", err)
		}
	})
}

func TestPrescriptionRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		doctor := createUser(t, s, "house")
		p := createPatient(t, s, newPatient("Zoé", "Lefèvre-Nguyễn"))
		v := createVisit(t, s, newVisit(p.ID, time.Now(), ""))
		m := createMedication(t, s, "Paracétamol")
		rx := &clinic.Prescription{PatientID: p.ID, VisitID: &v.ID, PrescriberID: doctor.ID, Notes: "n",
			Items: []clinic.Item{{MedicationID: m.ID, Dosage: "5 mL", AllowOutsidePurchase: true}}}
		ev := &clinic.AuditEvent{Action: "create", Resource: "prescription", Outcome: "success", Status: 201}
		if err := s.CreatePrescription(t.Context(), rx, ev); err != nil {
			t.Fatal(err)
		}
		got, err := s.Prescription(t.Context(), rx.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Patient.FirstName != "Zoé" || got.Visit.ID != v.ID || got.PrescriberID != doctor.ID ||
			len(got.Items) != 1 || !got.Items[0].AllowOutsidePurchase || got.Items[0].Medication.Name != "Paracétamol" {
			t.Errorf("Prescription = %+v", got)
		}
		if ev.PatientID == nil || *ev.PatientID != p.ID {
			t.Errorf("audit event %+v does not name the patient", ev)
		}
		list, err := s.ListPrescriptions(t.Context(), store.PrescriptionFilter{VisitID: v.ID}, 10, 0)
		if err != nil || len(list) != 1 || list[0].PatientName != "Zoé Lefèvre-Nguyễn" || *list[0].VisitID != v.ID {
			t.Errorf("ListPrescriptions = %+v, %v", list, err)
		}
		if err := s.DeleteVisit(t.Context(), v.ID, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Prescription(t.Context(), rx.ID); got == nil || got.VisitID != nil {
			t.Errorf("after its visit was deleted the prescription is %+v, want it kept with no visit",
				got)
		}
		if err := s.DeletePrescription(t.Context(), rx.ID, nil); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM prescription_items"); n != 0 {
			t.Errorf("%d lines outlived their prescription", n)
		}
	})
}
