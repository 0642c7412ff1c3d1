package client_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"clinicflow/client"
	"clinicflow/clinic"
)

// fieldsOfRefusal returns an API refusal's messages by field, failing the
// test when err is not a 400 *client.Error.
func fieldsOfRefusal(t *testing.T, err error) map[string]string {
	t.Helper()
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Fatalf("got %v, want a 400 *client.Error", err)
	}
	got := map[string]string{}
	for _, f := range apiErr.Fields {
		got[f.Field] = strings.Join(f.Messages, " ")
	}
	return got
}

// isStatus reports whether err is an API refusal with that status.
func isStatus(err error, status int) bool {
	var apiErr *client.Error
	return errors.As(err, &apiErr) && apiErr.Status == status
}

func TestVisits(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	zoe, marc := newPatient(t, c, "Zoé", "Lefèvre"), newPatient(t, c, "Marc", "Dupont")

	at := time.Date(2026, 1, 5, 10, 30, 0, 0, time.FixedZone("Paris", 3600))
	first, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID, VisitDate: &at,
		ChiefComplaint: new("Fièvre depuis 48 h"), PhysicalExam: new("Otite droite")})
	if err != nil {
		t.Fatal(err)
	}
	if !first.VisitDate.Equal(at) || first.VisitType != clinic.VisitConsultation ||
		first.PatientName != "Zoé Lefèvre" || first.PhysicalExam != "Otite droite" {
		t.Errorf("CreateVisit = %+v, want the date, the default type, the patient's name", first)
	}
	before := time.Now().Add(-time.Minute)
	followUp, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &marc.ID,
		VisitType: new(clinic.VisitFollowUp), ChiefComplaint: new("Contrôle tension")})
	if err != nil {
		t.Fatal(err)
	}
	if followUp.VisitDate.Before(before) || followUp.VisitType != clinic.VisitFollowUp {
		t.Errorf("CreateVisit without a date = %v %s, want now and FOLLOW_UP",
			followUp.VisitDate, followUp.VisitType)
	}
	for i := range 101 {
		day := at.AddDate(0, 0, -1-i)
		_, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID, VisitDate: &day})
		if err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name      string
		q         client.VisitQuery
		wantCount int
		wantFirst int64
	}{
		{"every visit, newest first", client.VisitQuery{}, 103, followUp.ID},
		{"one patient", client.VisitQuery{Patient: marc.ID}, 1, followUp.ID},
		{"search without accents", client.VisitQuery{Search: "fievre zoe"}, 1, first.ID},
		{"search on the name", client.VisitQuery{Search: "lefevre"}, 102, first.ID},
	}
	for _, tt := range tests {
		page, err := c.ListVisits(t.Context(), tt.q, client.ListOptions{PageSize: 2})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if page.Count != tt.wantCount || page.Results[0].ID != tt.wantFirst || len(page.Results) > 2 {
			t.Errorf("%s: count %d, first %d, %d rows; want %d, %d, at most 2",
				tt.name, page.Count, page.Results[0].ID, len(page.Results), tt.wantCount, tt.wantFirst)
		}
	}
	all, err := client.All(c.Visits(t.Context(), client.VisitQuery{Patient: zoe.ID}))
	if err != nil || len(all) != 102 || all[0].ID != first.ID {
		t.Errorf("Visits walked %d rows (%v), want 102, the newest first", len(all), err)
	}

	got, err := c.UpdateVisit(t.Context(), first.ID,
		client.VisitFields{Plan: new("Amoxicilline 7 jours")})
	if err != nil || got.Plan != "Amoxicilline 7 jours" || got.ChiefComplaint != "Fièvre depuis 48 h" {
		t.Errorf("UpdateVisit(plan) = %+v, %v; want the plan changed and the rest kept", got, err)
	}
	if got, err := c.Visit(t.Context(), first.ID); err != nil || got.Plan != "Amoxicilline 7 jours" {
		t.Errorf("Visit after the update = %+v, %v", got, err)
	}
}

func TestVisitRefusals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	zoe := newPatient(t, c, "Zoé", "Lefèvre")
	tests := []struct {
		name  string
		f     client.VisitFields
		field string
		want  string
	}{
		{"no patient", client.VisitFields{ChiefComplaint: new("x")}, "patient",
			"This field is required."},
		{"unknown patient", client.VisitFields{Patient: new(int64(999))}, "patient",
			`Invalid pk "999" - object does not exist.`},
		{"bad type", client.VisitFields{Patient: &zoe.ID, VisitType: new("HOME")}, "visit_type",
			`"HOME" is not a valid choice.`},
	}
	for _, tt := range tests {
		_, err := c.CreateVisit(t.Context(), tt.f)
		if got := fieldsOfRefusal(t, err)[tt.field]; got != tt.want {
			t.Errorf("%s: %s says %q, want %q", tt.name, tt.field, got, tt.want)
		}
	}
	if _, err := c.Visit(t.Context(), 999); !isStatus(err, http.StatusNotFound) {
		t.Errorf("Visit(999) = %v, want 404", err)
	}
	if err := c.DeleteVisit(t.Context(), 999); !isStatus(err, http.StatusNotFound) {
		t.Errorf("DeleteVisit(999) = %v, want 404", err)
	}
}

func TestDeleteVisitTakesItsVitals(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "drhouse")
	zoe := newPatient(t, c, "Zoé", "Lefèvre")
	v, err := c.CreateVisit(t.Context(), client.VisitFields{Patient: &zoe.ID})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := c.CreateVitals(t.Context(), client.VitalsFields{Visit: &v.ID, WeightKg: new("10.35")})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteVisit(t.Context(), v.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Visit(t.Context(), v.ID); !isStatus(err, http.StatusNotFound) {
		t.Errorf("Visit after DeleteVisit = %v, want 404", err)
	}
	if _, err := c.VitalSigns(t.Context(), vs.ID); !isStatus(err, http.StatusNotFound) {
		t.Errorf("its vital signs after DeleteVisit = %v, want 404", err)
	}
}

func TestVisitPDF(t *testing.T) {
	s := newServer(t)
	c := s.signIn(t, "nurse1")
	zoe := newPatient(t, c, "Zoé", "Lefèvre-Nguyễn")
	v, err := c.CreateVisit(t.Context(),
		client.VisitFields{Patient: &zoe.ID, ChiefComplaint: new("Fièvre")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, title string }{
		{"en", "VISIT SUMMARY"}, {"fr", "RÉSUMÉ DE CONSULTATION"}, {"", "RÉSUMÉ DE CONSULTATION"},
	} {
		doc := fetchPDF(t, c, v.ID, tt.lang)
		if text := visitSummaryText(t, doc); text != "" && !strings.Contains(text, tt.title) {
			t.Errorf("VisitPDF(lang %q) reads %q, want %q", tt.lang, text, tt.title)
		}
	}
	_, err = c.VisitPDF(t.Context(), v.ID, "de")
	if got := fieldsOfRefusal(t, err)["lang"]; got != `"de" is not a valid choice.` {
		t.Errorf("VisitPDF(lang de): lang says %q", got)
	}
	if _, err := c.VisitPDF(t.Context(), 999, "en"); !isStatus(err, http.StatusNotFound) {
		t.Errorf("VisitPDF(999) = %v, want 404", err)
	}
}

// fetchPDF downloads a visit's summary and checks the download's name,
// type, size and first bytes.
func fetchPDF(t *testing.T, c *client.Client, id int64, lang string) []byte {
	t.Helper()
	d, err := c.VisitPDF(t.Context(), id, lang)
	if err != nil {
		t.Fatalf("VisitPDF(%d, %q): %v", id, lang, err)
	}
	defer d.Body.Close()
	b, err := io.ReadAll(d.Body)
	if err != nil {
		t.Fatal(err)
	}
	wantName := "resume_visite_" + strconv.FormatInt(id, 10) + ".pdf"
	if d.Name != wantName || d.ContentType != "application/pdf" || d.Size != int64(len(b)) ||
		!bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("VisitPDF = name %q, type %q, size %d for %d bytes starting %q; "+
			"want %q, application/pdf, %%PDF-",
			d.Name, d.ContentType, d.Size, len(b), b[:min(len(b), 5)], wantName)
	}
	return b
}

// visitSummaryText is a PDF's text as pdftotext reads it, or "" when
// pdftotext is not installed (the checks of the text are skipped then).
func visitSummaryText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: the PDF's text is not checked")
		return ""
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
