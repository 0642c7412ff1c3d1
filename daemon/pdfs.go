package daemon

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"clinicflow/clinic"
	"clinicflow/pdf"
)

// pdfLang reads ?lang=: fr or en, the clinic's language (fr unless
// configured) when absent. Another value answers 400 and returns false.
func (c *call) pdfLang(fallback string) (string, bool) {
	lang := c.query("lang")
	switch lang {
	case "":
		return fallback, true
	case "fr", "en":
		return lang, true
	}
	c.fieldError("lang", clinic.Msg(clinic.MsgInvalidChoice, "Value", lang))
	return "", false
}

// prescriberOf is the doctor a document names.
func prescriberOf(u *clinic.User) pdf.Prescriber {
	return pdf.Prescriber{DisplayName: u.DisplayName, FirstName: u.FirstName, LastName: u.LastName,
		Username: u.Username, Specialization: u.Specialization, Bio: u.Bio,
		LicenseNumber: u.LicenseNumber, ClinicAddress: u.ClinicAddress}
}

func pdfPatient(p *clinic.Patient) pdf.Patient {
	return pdf.Patient{FirstName: p.FirstName, LastName: p.LastName, Code: p.Code, DateOfBirth: p.DateOfBirth}
}

// sendPDF answers a rendered document as a download.
func (c *call) sendPDF(name string, doc *bytes.Buffer) {
	h := c.w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(doc.Len()))
	c.w.WriteHeader(http.StatusOK)
	c.w.Write(doc.Bytes())
}

// prescriptionPDF: GET /api/prescriptions/{id}/pdf/?lang=fr|en, signed
// with the practice's key: the paper carries its verification code.
func (s *Server) prescriptionPDF(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	lang, ok := c.pdfLang(s.lang)
	if !ok {
		return
	}
	ev := c.audit("print", "prescription", id, 0)
	p, err := s.store.Prescription(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = &p.PatientID
	prescriber := c.user
	if p.PrescriberID != 0 {
		if prescriber, err = s.store.User(c.ctx(), p.PrescriberID); err != nil {
			c.fail(err)
			return
		}
	}
	code, err := s.verifyCode(c.ctx(), p)
	if err != nil {
		c.fail(err)
		return
	}
	doc := pdf.Prescription{ID: p.ID, Date: p.CreatedAt, Patient: pdfPatient(p.Patient),
		Notes: p.Notes, Prescriber: prescriberOf(prescriber), VerifyCode: code,
		VerifyURL: c.absoluteURL("/api/prescriptions/verify/" + url.PathEscape(code) + "/")}
	if p.Visit != nil {
		doc.WeightKg = latestWeight(p.Visit.VitalSigns)
	}
	for _, it := range p.Items {
		doc.Items = append(doc.Items, pdf.Item{Medication: it.Medication.Display(), Dosage: it.Dosage,
			Route: it.Route, Frequency: it.Frequency, Duration: it.Duration, Instructions: it.Instructions})
	}
	buf, ok := s.render(c, func(w io.Writer) error {
		return pdf.RenderPrescription(w, doc, pdf.Options{Lang: lang, Location: s.loc})
	})
	if !ok {
		return
	}
	c.sendPDF(pdf.PrescriptionFilename(p.ID, lang), buf)
}

// gate lets in at most as many callers at once as it has room for.
type gate chan struct{}

// enter waits for room, or for ctx to end; a nil error must be followed by
// leave.
func (g gate) enter(ctx context.Context) error {
	select {
	case g <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// leave gives the room back.
func (g gate) leave() { <-g }

// render draws one PDF once a render slot is free. A render is mostly
// CPU and holds some 20 MB while it runs, so the daemon runs two per CPU
// (one alone left the CPUs idle while a render waited on the collector)
// and a burst of prints waits its turn instead of piling up memory. It
// answers the failure itself and reports false then.
func (s *Server) render(c *call, draw func(io.Writer) error) (*bytes.Buffer, bool) {
	if err := s.renders.enter(c.ctx()); err != nil {
		// The request ended (the client left, or its deadline passed)
		// while it waited for a slot.
		c.detail(http.StatusServiceUnavailable, "http.busy", nil)
		return nil, false
	}
	defer s.renders.leave()
	var buf bytes.Buffer
	if err := draw(&buf); err != nil {
		c.fail(err)
		return nil, false
	}
	return &buf, true
}

// latestWeight is the weight of the most recent measurement that has one;
// vital signs come newest first.
func latestWeight(vitals []clinic.VitalSigns) *clinic.Decimal {
	for _, vs := range vitals {
		if vs.WeightKg != nil {
			return vs.WeightKg
		}
	}
	return nil
}

// visitPDF: GET /api/visits/{id}/pdf/?lang=fr|en, signed by the caller.
func (s *Server) visitPDF(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	lang, ok := c.pdfLang(s.lang)
	if !ok {
		return
	}
	ev := c.audit("print", "visit", id, 0)
	v, err := s.store.Visit(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = &v.PatientID
	patient, err := s.store.Patient(c.ctx(), v.PatientID)
	if err != nil {
		c.fail(err)
		return
	}
	doc := pdf.VisitSummary{ID: v.ID, Patient: pdfPatient(patient), VisitDate: v.VisitDate,
		VisitType: v.VisitType, ChiefComplaint: v.ChiefComplaint, MedicalHistory: v.MedicalHistory,
		HistoryOfPresentIllness: v.HistoryOfPresentIllness, PhysicalExam: v.PhysicalExam,
		ComplementaryExam: v.ComplementaryExam, Assessment: v.Assessment, Plan: v.Plan,
		Treatment: v.Treatment, Notes: v.Notes, Prescriber: prescriberOf(c.user)}
	if len(v.VitalSigns) > 0 {
		vs := v.VitalSigns[0]
		doc.Vitals = &pdf.VitalSigns{TemperatureC: vs.TemperatureC, BPSystolic: vs.BPSystolic,
			BPDiastolic: vs.BPDiastolic, HeartRateBPM: vs.HeartRateBPM, RespiratoryRateRPM: vs.RespiratoryRateRPM,
			OxygenSaturationPct: vs.OxygenSaturationPct, WeightKg: vs.WeightKg, HeightCm: vs.HeightCm,
			HeadCircumferenceCm: vs.HeadCircumferenceCm}
	}
	buf, ok := s.render(c, func(w io.Writer) error {
		return pdf.RenderVisitSummary(w, doc, pdf.Options{Lang: lang, Location: s.loc})
	})
	if !ok {
		return
	}
	c.sendPDF(pdf.VisitSummaryFilename(v.ID), buf)
}

// absoluteURL is path on the host the request came to.
func (c *call) absoluteURL(path string) string {
	u := url.URL{Scheme: "http", Host: c.r.Host, Path: path}
	if c.r.TLS != nil {
		u.Scheme = "https"
	}
	return u.String()
}
