package daemon

import (
	"net/http"

	"clinicflow/clinic"
)

// listMedications: GET /api/prescriptions/medications/, active ones by
// name, ?search= over name, strength and form.
func (s *Server) listMedications(c *call) {
	terms := clinic.SearchTerms(c.query("search"))
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountMedications(c.ctx(), terms) },
		func(limit, offset int) ([]clinic.Medication, error) {
			return s.store.ListMedications(c.ctx(), terms, limit, offset)
		})
}

// getMedication: GET /api/prescriptions/medications/{id}/; an inactive
// medication is not found.
func (s *Server) getMedication(c *call) {
	id, ok := c.id("medication_id")
	if !ok {
		return
	}
	m, err := s.store.Medication(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, m)
}

func medicationInput(b body) clinic.MedicationInput {
	return clinic.MedicationInput{Name: b.str("name"), Form: b.str("form"),
		Strength: b.str("strength"), IsActive: b.boolean("is_active")}
}

// createMedication: POST /api/prescriptions/medications/.
func (s *Server) createMedication(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	m := clinic.Medication{IsActive: true}
	medicationInput(b).Apply(&m, false, b.probs)
	ev := c.audit("create", "medication", 0, 0)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreateMedication(c.ctx(), &m, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusCreated, m)
}

// updateMedication: PUT and PATCH /api/prescriptions/medications/{id}/.
func (s *Server) updateMedication(c *call) {
	id, ok := c.id("medication_id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "medication", id, 0)
	m, err := s.store.Medication(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	medicationInput(b).Apply(m, c.r.Method == http.MethodPatch, b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateMedication(c.ctx(), m, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, m)
}

// deleteMedication: DELETE /api/prescriptions/medications/{id}/
// deactivates it: prescriptions keep pointing at it.
func (s *Server) deleteMedication(c *call) {
	id, ok := c.id("medication_id")
	if !ok {
		return
	}
	ev := c.audit("deactivate", "medication", id, 0)
	m, err := s.store.Medication(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	m.IsActive = false
	ev.Status = http.StatusNoContent
	if err := s.store.UpdateMedication(c.ctx(), m, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}
