package daemon

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"clinicflow/clinic"
)

// The availability routes answer their refusals as {"error": "..."}, as
// the original API did, except the bulk route, which names its field.

// availabilityError answers status with {"error": message}.
func (c *call) availabilityError(status int, m clinic.Message) {
	c.json(status, map[string]string{"error": c.p.T(m.ID, m.Args)})
}

// availabilityInput reads one day's availability from an object. Absent
// and null fields are left out. A value that is not text is kept as the
// JSON it was, so that the validation names it; notes must be text or a
// number.
func availabilityInput(obj map[string]json.RawMessage) (clinic.AvailabilityInput, *clinic.Message) {
	var in clinic.AvailabilityInput
	for _, f := range []struct {
		name string
		dst  **string
	}{{"date", &in.Date}, {"slot", &in.Slot}, {"notes", &in.Notes},
		{"start_time", &in.StartTime}, {"end_time", &in.EndTime}} {
		raw := bytes.TrimSpace(obj[f.name])
		if len(raw) == 0 || string(raw) == "null" {
			continue
		}
		text := string(raw)
		var s string
		var n json.Number
		switch {
		case json.Unmarshal(raw, &s) == nil:
			text = s
		case f.name == "notes" && json.Unmarshal(raw, &n) != nil:
			m := clinic.Msg(clinic.MsgAvailNotText, "Field", f.name)
			return in, &m
		}
		*f.dst = &text
	}
	return in, nil
}

// monthBounds reads ?year= and ?month=: the month when both are given,
// the whole year when only the year is. A value that is not a number, or
// a month outside 1-12, is ignored, as the original API ignored it.
func (c *call) monthBounds() (from, until clinic.Date) {
	year, err := strconv.Atoi(c.query("year"))
	if err != nil || year < 1 || year > 9999 {
		return clinic.Date{}, clinic.Date{}
	}
	month, err := strconv.Atoi(c.query("month"))
	if err != nil || month < 1 || month > 12 {
		return clinic.Date{Year: year, Month: time.January, Day: 1},
			clinic.Date{Year: year + 1, Month: time.January, Day: 1}
	}
	start := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	return clinic.DateOf(start), clinic.DateOf(start.AddDate(0, 1, 0))
}

// listAvailability: GET /api/auth/availability/, the signed-in account's.
func (s *Server) listAvailability(c *call) { s.respondAvailability(c, c.user.ID) }

// doctorAvailability: GET /api/auth/doctors/{id}/availability/. An
// unknown account has none.
func (s *Server) doctorAvailability(c *call) {
	id, ok := c.id("id")
	if !ok {
		return
	}
	s.respondAvailability(c, id)
}

func (s *Server) respondAvailability(c *call, userID int64) {
	c.audit("list", "availability", userID, 0)
	from, until := c.monthBounds()
	list, err := s.store.ListAvailability(c.ctx(), userID, from, until)
	if err != nil {
		c.fail(err)
		return
	}
	c.json(http.StatusOK, list)
}

// saveAvailability: POST /api/auth/availability/, what the signed-in
// account says of one day: 201 for a new day, 200 for a changed one.
func (s *Server) saveAvailability(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("create", "availability", 0, 0)
	in, m := availabilityInput(b.raw)
	var a clinic.Availability
	if m == nil {
		a, m = in.Availability(c.user.ID, false)
	}
	if m != nil {
		c.availabilityError(http.StatusBadRequest, *m)
		return
	}

	status := http.StatusCreated
	switch _, err := s.store.AvailabilityOn(c.ctx(), c.user.ID, a.Date); {
	case err == nil:
		status, ev.Action = http.StatusOK, "update"
	case !isNotFound(err):
		c.fail(err)
		return
	}
	ev.Status = status
	if err := s.store.SaveAvailability(c.ctx(), &a, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(status, a)
}

// deleteAvailability: DELETE /api/auth/availability/?date=YYYY-MM-DD.
func (s *Server) deleteAvailability(c *call) {
	ev := c.audit("delete", "availability", 0, 0)
	raw := c.query("date")
	if raw == "" {
		c.availabilityError(http.StatusBadRequest, clinic.Msg(clinic.MsgAvailDateRequired))
		return
	}
	day, err := clinic.ParseDate(raw)
	if err != nil {
		c.availabilityError(http.StatusBadRequest, clinic.Msg(clinic.MsgAvailDateFormat))
		return
	}
	ev.Status = http.StatusNoContent
	err = s.store.DeleteAvailability(c.ctx(), c.user.ID, day, ev)
	switch {
	case isNotFound(err):
		c.availabilityError(http.StatusNotFound, clinic.Msg(clinic.MsgAvailNotFound))
		return
	case err != nil:
		c.fail(err)
		return
	}
	c.committed()
	c.noContent(http.StatusNoContent)
}

// bulkAvailability: POST /api/auth/availability/bulk/, several days at
// once. Every entry must be valid, or nothing is saved.
func (s *Server) bulkAvailability(c *call) {
	b, ok := c.decode()
	if !ok {
		return
	}
	ev := c.audit("bulk_save", "availability", 0, 0)
	list, probs := bulkEntries(b, c.user.ID)
	if !probs.Empty() {
		c.problems(probs)
		return
	}
	ev.Status = http.StatusOK
	if err := s.store.SaveAvailabilities(c.ctx(), list, ev); err != nil {
		c.fail(err)
		return
	}
	c.committed()
	c.json(http.StatusOK, bulkReply{Updated: len(list), Availabilities: list})
}

// bulkReply is the answer of the bulk route.
type bulkReply struct {
	Updated        int                   `json:"updated"`
	Availabilities []clinic.Availability `json:"availabilities"`
}

// bulkEntries reads and validates the days of a bulk request; each
// problem, one per bad entry, is reported on "availabilities".
func bulkEntries(b body, userID int64) ([]clinic.Availability, *clinic.Problems) {
	const field = "availabilities"
	v, present, err := b.value(field)
	items, isList := v.([]any)
	switch {
	case !present:
		b.probs.Add(field, clinic.Msg(clinic.MsgRequired))
	case err == nil && v == nil:
		b.probs.Add(field, clinic.Msg(clinic.MsgNull))
	case !isList:
		b.probs.Add(field, clinic.Msg("field.not_a_list", "Type", jsonKind(v)))
	}
	if !b.probs.Empty() {
		return nil, b.probs
	}
	var raws []json.RawMessage
	json.Unmarshal(b.raw[field], &raws)
	list := make([]clinic.Availability, 0, len(items))
	for i, raw := range raws {
		var obj map[string]json.RawMessage
		if _, isObj := items[i].(map[string]any); !isObj || json.Unmarshal(raw, &obj) != nil {
			b.probs.Add(field, clinic.Msg("http.not_an_object", "Type", jsonKind(items[i])))
			continue
		}
		in, m := availabilityInput(obj)
		var a clinic.Availability
		if m == nil {
			a, m = in.Availability(userID, true)
		}
		if m != nil {
			b.probs.Add(field, *m)
			continue
		}
		list = append(list, a)
	}
	return list, b.probs
}
