package daemon

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// visitInput reads a visit's writable fields from the body.
func visitInput(b body) clinic.VisitInput {
	return clinic.VisitInput{
		Patient:                 b.pk("patient"),
		VisitDate:               b.str("visit_date"),
		VisitType:               b.str("visit_type"),
		ChiefComplaint:          b.str("chief_complaint"),
		MedicalHistory:          b.str("medical_history"),
		HistoryOfPresentIllness: b.str("history_of_present_illness"),
		PhysicalExam:            b.str("physical_exam"),
		ComplementaryExam:       b.str("complementary_exam"),
		Assessment:              b.str("assessment"),
		Plan:                    b.str("plan"),
		Treatment:               b.str("treatment"),
		Notes:                   b.str("notes"),
	}
}

// missingRecord answers 400 for a field that points at no record.
func (c *call) missingRecord(field string, id int64) {
	c.fieldError(field, clinic.Msg(clinic.MsgPKMissing, "ID", strconv.FormatInt(id, 10)))
}

// listVisits: GET /api/visits/, newest first, ?patient= and ?search=.
func (s *Server) listVisits(c *call) {
	var probs clinic.Problems
	f := store.VisitFilter{
		PatientID: c.intParam("patient", &probs),
		Terms:     clinic.SearchTerms(c.query("search")),
	}
	if !probs.Empty() {
		c.problems(&probs)
		return
	}
	c.audit("list", "visit", 0, f.PatientID)
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountVisits(c.ctx(), f) },
		func(limit, offset int) ([]clinic.Visit, error) { return s.store.ListVisits(c.ctx(), f, limit, offset) })
}

// getVisit: GET /api/visits/{id}/.
func (s *Server) getVisit(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("read", "visit", id, 0)
	v, err := s.store.Visit(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = &v.PatientID
	c.json(http.StatusOK, v)
}

// createVisit: POST /api/visits/.
func (s *Server) createVisit(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	v := clinic.Visit{CreatedBy: c.user.ID}
	visitInput(b).Apply(&v, false, time.Now(), b.probs)
	ev := c.audit("create", "visit", 0, v.PatientID)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreateVisit(c.ctx(), &v, ev); err != nil {
		s.visitWriteFailed(c, err, v.PatientID)
		return
	}
	c.committed()
	s.respondVisit(c, http.StatusCreated, v.ID)
}

// visitWriteFailed answers a failed visit write: 400 on patient when the
// patient does not exist.
func (s *Server) visitWriteFailed(c *call, err error, patientID int64) {
	if errors.Is(err, store.ErrReference) {
		c.missingRecord("patient", patientID)
		return
	}
	c.fail(err)
}

// respondVisit answers the visit as it is now stored.
func (s *Server) respondVisit(c *call, status int, id int64) {
	v, err := s.store.Visit(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(status, v)
}

// updateVisit: PUT and PATCH /api/visits/{id}/.
func (s *Server) updateVisit(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "visit", id, 0)
	v, err := s.store.Visit(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	ev.PatientID = &v.PatientID
	visitInput(b).Apply(v, c.r.Method == http.MethodPatch, time.Now(), b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateVisit(c.ctx(), v, ev); err != nil {
		s.visitWriteFailed(c, err, v.PatientID)
		return
	}
	c.committed()
	s.respondVisit(c, http.StatusOK, id)
}

// deleteVisit: DELETE /api/visits/{id}/; its vital signs go with it.
func (s *Server) deleteVisit(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	ev := c.audit("delete", "visit", id, 0)
	ev.Status = http.StatusNoContent
	if err := s.store.DeleteVisit(c.ctx(), id, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}
