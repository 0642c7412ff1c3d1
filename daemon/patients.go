package daemon

import (
	"net/http"
	"strings"

	"clinicflow/clinic"
	"clinicflow/store"
)

// patientInput reads a patient's writable fields from the body.
func patientInput(b body) clinic.PatientInput {
	return clinic.PatientInput{
		FirstName:   b.str("first_name"),
		LastName:    b.str("last_name"),
		Sex:         b.str("sex"),
		DateOfBirth: b.str("date_of_birth"),
		Phone:       b.str("phone"),
		Email:       b.str("email"),
		Address:     b.str("address"),
		IsActive:    b.boolean("is_active"),
	}
}

// orderings reads ?ordering=a,-b.
func (c *call) orderings() []store.Order {
	var out []store.Order
	for _, f := range strings.Split(c.query("ordering"), ",") {
		f = strings.TrimSpace(f)
		desc := strings.HasPrefix(f, "-")
		if f = strings.TrimPrefix(f, "-"); f != "" {
			out = append(out, store.Order{Field: f, Desc: desc})
		}
	}
	return out
}

// listPatients: GET /api/patients/.
func (s *Server) listPatients(c *call) {
	f := store.PatientFilter{
		Terms:    clinic.SearchTerms(c.query("search")),
		Archived: c.query("archived") == "true" && c.user.IsAdmin(),
	}
	c.audit("list", "patient", 0, 0)
	order := c.orderings()
	listPage(c, maxPatientPage, func() (int, error) { return s.store.CountPatients(c.ctx(), f) },
		func(limit, offset int) ([]clinic.Patient, error) {
			return s.store.ListPatients(c.ctx(), f, order, limit, offset)
		})
}

// getPatient: GET /api/patients/{id}/.
func (s *Server) getPatient(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	c.audit("read", "patient", id, id)
	p, err := s.store.Patient(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, p)
}

// createPatient: POST /api/patients/.
func (s *Server) createPatient(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	p := clinic.Patient{IsActive: true, CreatedBy: c.user.ID}
	patientInput(b).Apply(&p, false, c.today(), b.probs)
	ev := c.audit("create", "patient", 0, 0)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreatePatient(c.ctx(), &p, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusCreated, p)
}

// updatePatient: PUT and PATCH /api/patients/{id}/.
func (s *Server) updatePatient(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "patient", id, id)
	p, err := s.store.Patient(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	wasActive := p.IsActive
	patientInput(b).Apply(p, c.r.Method == http.MethodPatch, c.today(), b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	// Changing is_active archives or restores: the same rules apply.
	switch {
	case wasActive && !p.IsActive && !c.mayArchive(p):
		c.detail(http.StatusNotFound, "patient.not_found_or_denied", nil)
		return
	case !wasActive && p.IsActive && !c.user.IsAdmin():
		c.detail(http.StatusForbidden, "patient.restore_admin_only", nil)
		return
	}
	if err := s.store.UpdatePatient(c.ctx(), p, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, p)
}

// mayArchive reports whether the caller may archive p: administrators any
// patient, everyone else the patients they created.
func (c *call) mayArchive(p *clinic.Patient) bool {
	return c.user.IsAdmin() || p.CreatedBy == c.user.ID
}

// deletePatient: DELETE /api/patients/{id}/ archives; nothing is deleted.
func (s *Server) deletePatient(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("archive", "patient", id, id)
	p, err := s.store.Patient(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	if !c.mayArchive(p) {
		c.notFound()
		return
	}
	ev.Status = http.StatusNoContent
	if err := s.store.SetPatientActive(c.ctx(), id, false, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}

// archivePatient: POST /api/patients/{id}/archive/.
func (s *Server) archivePatient(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("archive", "patient", id, id)
	p, err := s.store.Patient(c.ctx(), id)
	if err != nil && !isNotFound(err) {
		c.fail(err)
		return
	}
	if p == nil || !c.mayArchive(p) {
		c.detail(http.StatusNotFound, "patient.not_found_or_denied", nil)
		return
	}
	if !p.IsActive {
		c.detail(http.StatusBadRequest, "patient.already_archived", nil)
		return
	}
	if err := s.store.SetPatientActive(c.ctx(), id, false, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.detail(http.StatusOK, "patient.archived", nil)
}

// restorePatient: POST /api/patients/{id}/restore/, administrators only.
func (s *Server) restorePatient(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("restore", "patient", id, id)
	if !c.user.IsAdmin() {
		c.detail(http.StatusForbidden, "patient.restore_admin_only", nil)
		return
	}
	p, err := s.store.Patient(c.ctx(), id)
	if err != nil && !isNotFound(err) {
		c.fail(err)
		return
	}
	if p == nil {
		c.detail(http.StatusNotFound, "patient.not_found", nil)
		return
	}
	if p.IsActive {
		c.detail(http.StatusBadRequest, "patient.not_archived", nil)
		return
	}
	if err := s.store.SetPatientActive(c.ctx(), id, true, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.detail(http.StatusOK, "patient.restored", nil)
}
