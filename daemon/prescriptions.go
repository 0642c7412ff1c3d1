package daemon

import (
	"net/http"

	"clinicflow/clinic"
	"clinicflow/store"
)

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
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountPrescriptions(c.ctx(), f) },
		func(limit, offset int) ([]clinic.PrescriptionSummary, error) {
			return s.store.ListPrescriptions(c.ctx(), f, limit, offset)
		})
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
	c.json(http.StatusOK, p.Detail())
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
	c.json(http.StatusCreated, p.Write())
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
	c.json(http.StatusOK, p.Write())
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
