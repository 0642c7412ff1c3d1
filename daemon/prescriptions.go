package daemon

import (
	"net/http"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// prescriptionWrite is the write form of a prescription.
type prescriptionWrite struct {
	ID           int64       `json:"id"`
	Patient      int64       `json:"patient"`
	Visit        *int64      `json:"visit"`
	TemplateUsed *int64      `json:"template_used"`
	Notes        string      `json:"notes"`
	Items        []itemWrite `json:"items"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

func writeOf(p *clinic.Prescription) prescriptionWrite {
	return prescriptionWrite{ID: p.ID, Patient: p.PatientID, Visit: p.VisitID, TemplateUsed: p.TemplateUsed,
		Notes: p.Notes, Items: writeItems(p.Items, true), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// patientRef and visitRef are the nested forms of the detail.
type patientRef struct {
	ID        int64  `json:"id"`
	Code      string `json:"patient_code"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

type visitRef struct {
	ID        int64     `json:"id"`
	VisitDate time.Time `json:"visit_date"`
	VisitType string    `json:"visit_type"`
}

type prescriptionItemView struct {
	ID                   int64              `json:"id"`
	Medication           *clinic.Medication `json:"medication"`
	Dosage               string             `json:"dosage"`
	Route                string             `json:"route"`
	Frequency            string             `json:"frequency"`
	Duration             string             `json:"duration"`
	Instructions         string             `json:"instructions"`
	AllowOutsidePurchase bool               `json:"allow_outside_purchase"`
}

type prescriptionDetail struct {
	ID           int64                  `json:"id"`
	Patient      patientRef             `json:"patient"`
	Visit        *visitRef              `json:"visit"`
	TemplateUsed *int64                 `json:"template_used"`
	Notes        string                 `json:"notes"`
	Items        []prescriptionItemView `json:"items"`
	CreatedAt    time.Time              `json:"created_at"`
	UpdatedAt    time.Time              `json:"updated_at"`
}

func prescriptionDetailOf(p *clinic.Prescription) prescriptionDetail {
	d := prescriptionDetail{ID: p.ID, TemplateUsed: p.TemplateUsed, Notes: p.Notes,
		Items: make([]prescriptionItemView, len(p.Items)), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if pt := p.Patient; pt != nil {
		d.Patient = patientRef{ID: pt.ID, Code: pt.Code, FirstName: pt.FirstName, LastName: pt.LastName}
	}
	if v := p.Visit; v != nil {
		d.Visit = &visitRef{ID: v.ID, VisitDate: v.VisitDate, VisitType: v.VisitType}
	}
	for i, it := range p.Items {
		d.Items[i] = prescriptionItemView{ID: it.ID, Medication: it.Medication, Dosage: it.Dosage,
			Route: it.Route, Frequency: it.Frequency, Duration: it.Duration,
			Instructions: it.Instructions, AllowOutsidePurchase: it.AllowOutsidePurchase}
	}
	return d
}

// listPrescriptions: GET /api/prescriptions/, newest first, ?patient= and
// ?visit=.
func (s *Server) listPrescriptions(c *call) {
	var probs clinic.Problems
	f := store.PrescriptionFilter{PatientID: c.intParam("patient", &probs), VisitID: c.intParam("visit", &probs)}
	if !probs.Empty() {
		c.problems(&probs)
		return
	}
	c.audit("list", "prescription", 0, f.PatientID)
	total, err := s.store.CountPrescriptions(c.ctx(), f)
	if err != nil {
		c.fail(err)
		return
	}
	w, ok := c.paginate(total, maxPageSize)
	if !ok {
		return
	}
	list, err := s.store.ListPrescriptions(c.ctx(), f, w.limit(), w.offset())
	if err != nil {
		c.fail(err)
		return
	}
	respondPage(c, w, total, list)
}

// getPrescription: GET /api/prescriptions/{id}/.
func (s *Server) getPrescription(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("read", "prescription", id, 0)
	p, err := s.store.Prescription(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = &p.PatientID
	c.json(http.StatusOK, prescriptionDetailOf(p))
}

// mayPrescribe answers 403 unless the caller has the doctor role.
func (c *call) mayPrescribe() bool {
	if c.user.Role != clinic.RoleDoctor {
		c.forbidden()
		return false
	}
	return true
}

// prescriptionInput reads a prescription from the body and checks its
// lines' medications. On a store failure it has answered and returns false.
func (s *Server) prescriptionInput(c *call, b body) (clinic.PrescriptionInput, bool) {
	list := b.items("items", true)
	in := clinic.PrescriptionInput{Patient: b.pk("patient"), Notes: b.str("notes"),
		Items: list.items, ItemsGiven: list.given}
	if in.Items == nil {
		in.Items = []clinic.Item{}
	}
	in.ClearVisit, in.Visit = b.isNull("visit"), nil
	if !in.ClearVisit {
		in.Visit = b.pk("visit")
	}
	in.ClearTemplate = b.isNull("template_used")
	if !in.ClearTemplate {
		in.Template = b.pk("template_used")
	}
	if err := s.checkMedications(c, b, "items", list); err != nil {
		c.fail(err)
		return in, false
	}
	return in, true
}

// checkReferences makes sure the patient, the visit (of that patient) and
// the template exist, reporting each on its field.
func (s *Server) checkReferences(c *call, p *clinic.Prescription, probs *clinic.Problems) error {
	if !probs.Has("patient") && p.PatientID != 0 {
		if _, err := s.store.Patient(c.ctx(), p.PatientID); isNotFound(err) {
			probs.Add("patient", missing(p.PatientID))
		} else if err != nil {
			return err
		}
	}
	if p.VisitID != nil && !probs.Has("visit") {
		v, err := s.store.Visit(c.ctx(), *p.VisitID)
		switch {
		case isNotFound(err):
			probs.Add("visit", missing(*p.VisitID))
		case err != nil:
			return err
		case v.PatientID != p.PatientID && !probs.Has("patient"):
			probs.Add("visit", clinic.Msg("prescription.visit_of_other_patient"))
		}
	}
	if p.TemplateUsed != nil && !probs.Has("template_used") {
		if _, err := s.store.Template(c.ctx(), *p.TemplateUsed); isNotFound(err) {
			probs.Add("template_used", missing(*p.TemplateUsed))
		} else if err != nil {
			return err
		}
	}
	return nil
}

func missing(id int64) clinic.Message {
	return clinic.Msg(clinic.MsgPKMissing, "ID", id)
}

// createPrescription: POST /api/prescriptions/, doctors only; the caller
// is the prescriber.
func (s *Server) createPrescription(c *call) {
	if !c.mayPrescribe() {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	in, ok := s.prescriptionInput(c, b)
	if !ok {
		return
	}
	p := clinic.Prescription{PrescriberID: c.user.ID}
	in.Apply(&p, false, b.probs)
	if err := s.checkReferences(c, &p, b.probs); err != nil {
		c.fail(err)
		return
	}
	ev := c.audit("create", "prescription", 0, p.PatientID)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreatePrescription(c.ctx(), &p, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusCreated, writeOf(&p))
}

// updatePrescription: PUT and PATCH /api/prescriptions/{id}/, doctors only;
// items, when given, replace every line.
func (s *Server) updatePrescription(c *call) {
	if !c.mayPrescribe() {
		return
	}
	id, ok := c.id("id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	in, ok := s.prescriptionInput(c, b)
	if !ok {
		return
	}
	ev := c.audit("update", "prescription", id, 0)
	p, err := s.store.Prescription(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	in.Apply(p, c.r.Method == http.MethodPatch, b.probs)
	if err := s.checkReferences(c, p, b.probs); err != nil {
		c.fail(err)
		return
	}
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdatePrescription(c.ctx(), p, in.ItemsGiven, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, writeOf(p))
}

// deletePrescription: DELETE /api/prescriptions/{id}/, doctors only.
func (s *Server) deletePrescription(c *call) {
	if !c.mayPrescribe() {
		return
	}
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("delete", "prescription", id, 0)
	ev.Status = http.StatusNoContent
	if err := s.store.DeletePrescription(c.ctx(), id, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}
