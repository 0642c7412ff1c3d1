package client_test

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"io"
	"slices"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
)

// storeVisit adds a visit for a patient straight into the store.
func (s *server) storeVisit(t *testing.T, patient int64) int64 {
	t.Helper()
	v := &clinic.Visit{PatientID: patient, VisitDate: time.Now().UTC(),
		VisitType: clinic.VisitConsultation}
	if err := s.Store.CreateVisit(t.Context(), v, nil); err != nil {
		t.Fatal(err)
	}
	return v.ID
}

// printedCode is the verification code the daemon prints on prescription
// id as it stands, made with the practice's key from the store.
func (s *server) printedCode(t *testing.T, id int64) string {
	t.Helper()
	kept, err := s.Store.Setting(t.Context(), "prescriptions.signing_key")
	if err != nil {
		t.Fatalf("signing key (a PDF or a verification makes it): %v", err)
	}
	seed, err := base64.StdEncoding.DecodeString(kept)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Store.Prescription(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	sig := ed25519.Sign(ed25519.NewKeyFromSeed(seed), p.SigningPayload())
	return clinic.FormatVerifyCode(id, sig)
}

func TestPrescriptions(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	zoe := newPatient(t, doctor, "Zoé", "Lefèvre-Nguyễn")
	marc := newPatient(t, doctor, "Marc", "Dupont")
	visit := s.storeVisit(t, zoe.ID)
	amox := newMedication(t, doctor, "Amoxicilline", "250 mg/5 mL", "suspension")
	para := newMedication(t, doctor, "Paracétamol", "2,4 %", "")
	tmpl, err := doctor.CreateTemplate(t.Context(), client.TemplateFields{Name: new("Otitis")})
	if err != nil {
		t.Fatal(err)
	}
	lines := otitis(amox.ID, para.ID)
	lines[1].AllowOutsidePurchase = new(true)
	w, err := doctor.CreatePrescription(t.Context(), client.PrescriptionFields{Patient: &zoe.ID,
		Visit: &visit, TemplateUsed: &tmpl.ID, Notes: new("Revoir dans 48 h"), Items: &lines})
	if err != nil {
		t.Fatal(err)
	}
	if w.Patient != zoe.ID || *w.Visit != visit || *w.TemplateUsed != tmpl.ID ||
		len(w.Items) != 2 || *w.Items[0].AllowOutsidePurchase || !*w.Items[1].AllowOutsidePurchase {
		t.Errorf("CreatePrescription = %+v", w)
	}
	other, err := doctor.CreatePrescription(t.Context(),
		client.PrescriptionFields{Patient: &marc.ID})
	if err != nil || len(other.Items) != 0 || other.Visit != nil {
		t.Errorf("CreatePrescription(patient alone) = %+v, %v; want no lines, no visit", other, err)
	}

	d, err := doctor.Prescription(t.Context(), w.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Patient.FirstName != "Zoé" || d.Visit == nil || d.Visit.ID != visit ||
		d.Notes != "Revoir dans 48 h" || len(d.Items) != 2 ||
		d.Items[0].Medication.Name != "Amoxicilline" || !d.Items[1].AllowOutsidePurchase {
		t.Errorf("Prescription = %+v", d)
	}

	tests := []struct {
		q    client.PrescriptionQuery
		want []int64
	}{
		{client.PrescriptionQuery{}, []int64{other.ID, w.ID}},
		{client.PrescriptionQuery{Patient: zoe.ID}, []int64{w.ID}},
		{client.PrescriptionQuery{Visit: visit}, []int64{w.ID}},
		{client.PrescriptionQuery{Patient: marc.ID, Visit: visit}, nil},
	}
	for _, tt := range tests {
		all, err := client.All(doctor.Prescriptions(t.Context(), tt.q))
		var got []int64
		for _, p := range all {
			got = append(got, p.ID)
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Prescriptions(%+v) = %v, %v; want %v", tt.q, got, err, tt.want)
		}
	}
	one := client.ListOptions{PageSize: 1}
	page, err := doctor.ListPrescriptions(t.Context(), client.PrescriptionQuery{}, one)
	if err != nil || page.Count != 2 || len(page.Results) != 1 ||
		page.Results[0].PatientName != "Marc Dupont" {
		t.Errorf("ListPrescriptions(page size 1) = %+v, %v", page, err)
	}
}

func TestPrescriptionChanges(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	zoe := newPatient(t, doctor, "Zoé", "Lefèvre-Nguyễn")
	visit := s.storeVisit(t, zoe.ID)
	amox := newMedication(t, doctor, "Amoxicilline", "250 mg/5 mL", "suspension")
	lines := otitis(amox.ID, amox.ID)
	w, err := doctor.CreatePrescription(t.Context(), client.PrescriptionFields{Patient: &zoe.ID,
		Visit: &visit, Items: &lines})
	if err != nil {
		t.Fatal(err)
	}

	// Notes alone keep the lines; a visit of 0 unlinks it.
	f := client.PrescriptionFields{Notes: new("Revoir dans 72 h"), Visit: new(int64(0))}
	w, err = doctor.UpdatePrescription(t.Context(), w.ID, f)
	if err != nil || w.Notes != "Revoir dans 72 h" || w.Visit != nil || len(w.Items) != 2 {
		t.Errorf("UpdatePrescription(notes, no visit) = %+v, %v", w, err)
	}
	first := lines[:1]
	w, err = doctor.UpdatePrescription(t.Context(), w.ID, client.PrescriptionFields{Items: &first})
	if err != nil || len(w.Items) != 1 || w.Notes != "Revoir dans 72 h" {
		t.Errorf("UpdatePrescription(one line) = %+v, %v", w, err)
	}

	if err := doctor.DeletePrescription(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := doctor.Prescription(t.Context(), w.ID); !isStatus(err, 404) {
		t.Errorf("Prescription after delete: %v, want 404", err)
	}
}

func TestPrescriptionRolesAndErrors(t *testing.T) {
	s := newServer(t)
	doctor, nurse := s.signIn(t, "drhouse"), s.signIn(t, "nurse1")
	zoe := newPatient(t, doctor, "Zoé", "Lefèvre-Nguyễn")
	marcsVisit := s.storeVisit(t, newPatient(t, doctor, "Marc", "Dupont").ID)
	p, err := doctor.CreatePrescription(t.Context(), client.PrescriptionFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	calls := map[string]error{}
	_, calls["nurse creates"] = nurse.CreatePrescription(ctx,
		client.PrescriptionFields{Patient: &zoe.ID})
	_, calls["nurse edits"] = nurse.UpdatePrescription(ctx, p.ID,
		client.PrescriptionFields{Notes: new("x")})
	calls["nurse deletes"] = nurse.DeletePrescription(ctx, p.ID)
	for name, err := range calls {
		if !isStatus(err, 403) {
			t.Errorf("%s: %v, want 403", name, err)
		}
	}
	if _, err := nurse.Prescription(ctx, p.ID); err != nil {
		t.Errorf("a nurse reads a prescription: %v", err)
	}

	lines := []clinic.ItemWrite{{Medication: 999}}
	_, err = doctor.CreatePrescription(ctx, client.PrescriptionFields{Patient: &zoe.ID,
		Visit: &marcsVisit, Items: &lines})
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != 400 {
		t.Fatalf("create with another patient's visit and a bad line: %v, want 400", err)
	}
	got := map[string]bool{}
	for _, f := range apiErr.Fields {
		got[f.Field] = true
	}
	if !got["visit"] || !got["items[0].medication"] {
		t.Errorf("400 fields %v, want visit and items[0].medication", apiErr.Fields)
	}
}

func TestPrescriptionPDF(t *testing.T) {
	s := newServer(t)
	doctor, nurse := s.signIn(t, "drhouse"), s.signIn(t, "nurse1")
	zoe := newPatient(t, doctor, "Zoé", "Lefèvre-Nguyễn")
	p, err := doctor.CreatePrescription(t.Context(), client.PrescriptionFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ lang, name string }{{"", "ordonnance_1.pdf"}, {"en", "prescription_1.pdf"}}
	for _, tt := range tests {
		doc, err := nurse.PrescriptionPDF(t.Context(), p.ID, tt.lang)
		if err != nil {
			t.Fatalf("PrescriptionPDF(%q): %v", tt.lang, err)
		}
		b, err := io.ReadAll(doc.Body)
		doc.Body.Close()
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || doc.Name != tt.name ||
			doc.ContentType != "application/pdf" {
			t.Errorf("PrescriptionPDF(%q): name %q, type %q, starts %q, %v; want %s",
				tt.lang, doc.Name, doc.ContentType, b[:min(len(b), 8)], err, tt.name)
		}
	}
	if _, err := nurse.PrescriptionPDF(t.Context(), p.ID, "de"); !isStatus(err, 400) {
		t.Errorf("PrescriptionPDF(de): %v, want 400", err)
	}
	if _, err := nurse.PrescriptionPDF(t.Context(), 99, ""); !isStatus(err, 404) {
		t.Errorf("PrescriptionPDF(unknown): %v, want 404", err)
	}
}

func TestVerify(t *testing.T) {
	s := newServer(t)
	doctor := s.signIn(t, "drhouse")
	zoe := newPatient(t, doctor, "Zoé", "Lefèvre-Nguyễn")
	amox := newMedication(t, doctor, "Amoxicilline", "250 mg/5 mL", "suspension")
	lines := []clinic.ItemWrite{{Medication: amox.ID, Dosage: "5 mL"}}
	f := client.PrescriptionFields{Patient: &zoe.ID, Items: &lines}
	p, err := doctor.CreatePrescription(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := doctor.PrescriptionPDF(t.Context(), p.ID, "") // makes the practice's key
	if err != nil {
		t.Fatal(err)
	}
	doc.Body.Close()

	code := s.printedCode(t, p.ID)
	anyone, _ := client.New(s.URL) // not signed in: the route is public
	v, err := anyone.Verify(t.Context(), code)
	if err != nil || !v.Valid || v.Prescription != p.ID || v.Items != 1 ||
		v.Prescriber != "Dr. Test drhouse" || v.Date != time.Now().UTC().Format(time.DateOnly) {
		t.Errorf("Verify(genuine) = %+v, %v", v, err)
	}

	// An edit changes what the paper says: the old code no longer verifies.
	f = client.PrescriptionFields{Notes: new("Revoir J3")}
	if _, err := doctor.UpdatePrescription(t.Context(), p.ID, f); err != nil {
		t.Fatal(err)
	}
	v, err = anyone.Verify(t.Context(), code)
	if err != nil || v.Valid || v.Detail == "" || v.Prescriber != "" || v.Items != 0 {
		t.Errorf("Verify(after an edit) = %+v, %v; want not valid, a reason and no more", v, err)
	}
	if v, err := anyone.Verify(t.Context(), s.printedCode(t, p.ID)); err != nil || !v.Valid {
		t.Errorf("Verify(the new code) = %+v, %v", v, err)
	}

	var apiErr *client.Error
	_, err = anyone.Verify(t.Context(), "not a code")
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || apiErr.Detail == "" {
		t.Errorf("Verify(malformed): %v, want a 400 *Error with a detail", err)
	}
	if _, err := anyone.Verify(t.Context(), "  "); !errors.Is(err, client.ErrEmptyCode) {
		t.Errorf("Verify(blank): %v, want ErrEmptyCode", err)
	}
}
