package daemon

import (
	"errors"
	"net/http"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

var (
	decimalVitals = []string{"weight_kg", "height_cm", "temperature_c", "head_circumference_cm"}
	integerVitals = []string{"bp_systolic", "bp_diastolic", "heart_rate_bpm", "respiratory_rate_rpm",
		"oxygen_saturation_pct"}
)

// vitalsInput reads a set of vital signs from the body. Each measurement
// may be a number, a numeric string, or null to clear it.
func vitalsInput(b body) clinic.VitalsInput {
	in := clinic.VitalsInput{
		Visit:      b.pk("visit"),
		MeasuredAt: b.str("measured_at"),
		Notes:      b.str("notes"),
		Decimals:   map[string]*string{},
		Ints:       map[string]*int64{},
		Clear:      map[string]bool{},
	}
	for _, name := range decimalVitals {
		if b.isNull(name) {
			in.Clear[name] = true
		} else if v := b.number(name); v != nil {
			in.Decimals[name] = v
		}
	}
	for _, name := range integerVitals {
		if b.isNull(name) {
			in.Clear[name] = true
		} else {
			in.Ints[name] = b.integer(name)
		}
	}
	return in
}

// listVitals: GET /api/visits/vitals/, newest first, ?visit=.
func (s *Server) listVitals(c *call) {
	var probs clinic.Problems
	visitID := c.intParam("visit", &probs)
	if !probs.Empty() {
		c.problems(&probs)
		return
	}
	c.audit("list", "vital_signs", 0, 0)
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountVitalSigns(c.ctx(), visitID) },
		func(limit, offset int) ([]clinic.VitalSigns, error) {
			return s.store.ListVitalSigns(c.ctx(), visitID, limit, offset)
		})
}

// getVitals: GET /api/visits/vitals/{id}/.
func (s *Server) getVitals(c *call) {
	id, ok := c.id("vitals_id")
	if !ok {
		return
	}
	c.audit("read", "vital_signs", id, 0)
	vs, err := s.store.VitalSigns(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, vs)
}

// createVitals: POST /api/visits/vitals/.
func (s *Server) createVitals(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	var vs clinic.VitalSigns
	vitalsInput(b).Apply(&vs, false, time.Now(), b.probs)
	ev := c.audit("create", "vital_signs", 0, 0)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	ev.Status = http.StatusCreated
	if err := s.store.CreateVitalSigns(c.ctx(), &vs, ev); err != nil {
		s.vitalsWriteFailed(c, err, vs.VisitID)
		return
	}
	c.committed()
	c.json(http.StatusCreated, vs)
}

func (s *Server) vitalsWriteFailed(c *call, err error, visitID int64) {
	if errors.Is(err, store.ErrReference) {
		c.missingRecord("visit", visitID)
		return
	}
	c.fail(err)
}

// updateVitals: PUT and PATCH /api/visits/vitals/{id}/.
func (s *Server) updateVitals(c *call) {
	id, ok := c.id("vitals_id")
	if !ok {
		return
	}
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("update", "vital_signs", id, 0)
	vs, err := s.store.VitalSigns(c.ctx(), id)
	if err != nil {
		c.fail(err)
		return
	}
	vitalsInput(b).Apply(vs, c.r.Method == http.MethodPatch, time.Now(), b.probs)
	if !b.probs.Empty() {
		c.problems(b.probs)
		return
	}
	if err := s.store.UpdateVitalSigns(c.ctx(), vs, ev); err != nil {
		s.vitalsWriteFailed(c, err, vs.VisitID)
		return
	}
	c.committed()
	c.json(http.StatusOK, vs)
}

// deleteVitals: DELETE /api/visits/vitals/{id}/.
func (s *Server) deleteVitals(c *call) {
	id, ok := c.id("vitals_id")
	if !ok {
		return
	}
	ev := c.audit("delete", "vital_signs", id, 0)
	ev.Status = http.StatusNoContent
	if err := s.store.DeleteVitalSigns(c.ctx(), id, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}
