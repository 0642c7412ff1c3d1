package daemon

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// pdfText extracts a PDF's text with pdftotext, skipping the test when
// poppler-utils is missing (CI installs it).
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPrescriptionPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newRxWorld(t, st)
		ts := w.ts
		ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{"visit": w.visit, "weight_kg": "10.35"})
		_, _, raw := ts.do(t, "POST", "/api/prescriptions/", ts.doctor.access, w.body(map[string]any{
			"medication": w.amox, "dosage": "1 capsule", "frequency": "twice daily", "duration": "8 days",
			"instructions": "Take with food"}))
		id := decode[struct{ ID int64 }](t, raw).ID
		path := fmt.Sprintf("/api/prescriptions/%d/pdf/", id)

		tests := []struct {
			query, filename, title string
		}{
			{"", fmt.Sprintf("ordonnance_%d.pdf", id), "ORDONNANCE MÉDICALE"},
			{"?lang=fr", fmt.Sprintf("ordonnance_%d.pdf", id), "ORDONNANCE MÉDICALE"},
			{"?lang=en", fmt.Sprintf("prescription_%d.pdf", id), "MEDICAL PRESCRIPTION"},
		}
		for _, tt := range tests {
			status, h, doc := ts.do(t, "GET", path+tt.query, ts.nurse.access, nil)
			if status != 200 || h.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(doc, []byte("%PDF-")) {
				t.Fatalf("GET %s%s: %d %s, want 200 and a PDF",
					path, tt.query, status, h.Get("Content-Type"))
			}
			if got, want := h.Get("Content-Disposition"), `attachment; filename="`+tt.filename+`"`; got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			text := pdfText(t, doc)
			for _, want := range []string{tt.title, "Zoé", "Lefèvre-Nguyễn", "Amoxicillin 250 mg capsule", "10.35 kg",
				"Take with food", "Capture Rx", "Second line", "Dr. Test Drhouse"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s text lacks %q:\n%s", tt.query, want, text)
				}
			}
			code := regexp.MustCompile(`RX-\d+-[0-9A-Z]{16}`).FindString(text)
			status, _, raw := ts.do(t, "GET", "/api/prescriptions/verify/"+code+"/", "", nil)
			if status != 200 || !strings.Contains(string(raw), `"valid":true`) {
				t.Errorf("the printed code %q does not verify: %d %s", code, status, raw)
			}
		}

		status, _, raw := ts.do(t, "GET", path+"?lang=de", ts.doctor.access, nil)
		wantReply(t, status, raw, 400, `{"lang": ["\"de\" is not a valid choice."]}`)
		status, _, raw = ts.do(t, "GET", "/api/prescriptions/999999/pdf/", ts.doctor.access, nil)
		wantBodyOf(t, status, raw, "prescriptions_pdf_404")
		status, _, raw = ts.do(t, "GET", path, "", nil)
		wantBodyOf(t, status, raw, "prescriptions_pdf_no_token")
	})
}

func TestVisitPDF(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ts := newTestServer(t, st)
		pid := newPatientFor(t, ts, "Zoé", "Lefèvre-Nguyễn")
		v := newVisitFor(t, ts, map[string]any{"patient": pid, "visit_date": "2026-12-01T09:30:00Z",
			"chief_complaint": "Fièvre", "assessment": "Otite moyenne aiguë"})
		ts.do(t, "POST", "/api/visits/vitals/", ts.nurse.access, map[string]any{"visit": v.ID,
			"temperature_c": 38.9, "bp_systolic": 95, "bp_diastolic": 60, "head_circumference_cm": "45.2"})
		path := fmt.Sprintf("/api/visits/%d/pdf/", v.ID)

		status, h, doc := ts.do(t, "GET", path, ts.nurse.access, nil)
		if status != 200 || h.Get("Content-Disposition") != fmt.Sprintf(`attachment; filename="resume_visite_%d.pdf"`, v.ID) {
			t.Fatalf("GET %s: %d, disposition %q", path, status, h.Get("Content-Disposition"))
		}
		text := pdfText(t, doc)
		for _, want := range []string{"RÉSUMÉ DE CONSULTATION", "Zoé Lefèvre-Nguyễn", "Fièvre", "Otite moyenne aiguë",
			"38.9", "95/60", "45.2"} {
			if !strings.Contains(text, want) {
				t.Errorf("visit summary lacks %q:\n%s", want, text)
			}
		}
		_, _, doc = ts.do(t, "GET", path+"?lang=en", ts.doctor.access, nil)
		if text := pdfText(t, doc); !strings.Contains(text, "VISIT SUMMARY") {
			t.Errorf("English visit summary lacks its title:\n%s", text)
		}
		status, _, raw := ts.do(t, "POST", path, ts.doctor.access, map[string]any{})
		wantBodyOf(t, status, raw, "visits_pdf_post_not_allowed")
		status, _, raw = ts.do(t, "GET", "/api/visits/999999/pdf/", ts.doctor.access, nil)
		wantReply(t, status, raw, 404, `{"detail": "Not found."}`)
		status, _, raw = ts.do(t, "GET", path, "", nil)
		wantBodyOf(t, status, raw, "visits_pdf_no_token")
	})
}

func TestPDFLanguageFollowsTheClinicsSetting(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	ts := newTestServer(t, st, func(c *Config) { c.Language = "en" })
	pid := newPatientFor(t, ts, "Zoé", "Lefèvre-Nguyễn")
	v := newVisitFor(t, ts, map[string]any{"patient": pid, "chief_complaint": "Fièvre"})
	path := fmt.Sprintf("/api/visits/%d/pdf/", v.ID)

	_, _, doc := ts.do(t, "GET", path, ts.doctor.access, nil)
	if text := pdfText(t, doc); !strings.Contains(text, "VISIT SUMMARY") {
		t.Errorf("with the clinic in English, a summary with no ?lang= is not English:\n%s", text)
	}
	_, _, doc = ts.do(t, "GET", path+"?lang=fr", ts.doctor.access, nil)
	if text := pdfText(t, doc); !strings.Contains(text, "RÉSUMÉ DE CONSULTATION") {
		t.Errorf("?lang=fr does not win over the clinic's language:\n%s", text)
	}
	if _, err := New(Config{Store: st, Secret: testSecret, Language: "de"}); err == nil {
		t.Error("New with language de: no error")
	}
}

func TestGateLetsInAsManyAsItHasRoomFor(t *testing.T) {
	g := make(gate, 1)
	if err := g.enter(t.Context()); err != nil {
		t.Fatalf("enter an empty gate: %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := g.enter(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("enter a full gate with a cancelled context: %v, want context.Canceled", err)
	}
	g.leave()
	if err := g.enter(t.Context()); err != nil {
		t.Errorf("enter after leave: %v, want the room given back", err)
	}
}

func TestPDFRoutesGiveTheirRenderSlotBack(t *testing.T) {
	w := newRxWorld(t, storetest.Open(t, "sqlite"))
	_, _, raw := w.ts.do(t, "POST", "/api/prescriptions/", w.ts.doctor.access, w.body(map[string]any{
		"medication": w.amox, "dosage": "1 capsule"}))
	rx := decode[struct{ ID int64 }](t, raw).ID
	w.ts.srv.renders = make(gate, 1)
	for i := range 3 {
		for _, path := range []string{fmt.Sprintf("/api/prescriptions/%d/pdf/", rx),
			fmt.Sprintf("/api/visits/%d/pdf/", w.visit)} {
			if status, _, _ := w.ts.do(t, "GET", path, w.ts.doctor.access, nil); status != 200 {
				t.Fatalf("print %d of %s with one render slot: %d, want 200", i+1, path, status)
			}
		}
	}
}
