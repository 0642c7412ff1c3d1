package daemon

import (
	"strconv"
	"time"

	"clinicflow/clinic"
	"clinicflow/store"
)

// listAudit: GET /api/audit/, administrators only, newest first, with
// ?patient=, ?user= and ?since= (a date or an RFC 3339 time).
func (s *Server) listAudit(c *call) {
	if !c.user.IsAdmin() {
		c.forbidden()
		return
	}
	var f store.AuditFilter
	var probs clinic.Problems
	f.PatientID = c.intParam("patient", &probs)
	f.UserID = c.intParam("user", &probs)
	if raw := c.query("since"); raw != "" {
		since, err := parseSince(raw)
		if err != nil {
			probs.Add("since", clinic.Msg(clinic.MsgDatetimeFormat, "Format", "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"))
		}
		f.Since = since
	}
	if !probs.Empty() {
		c.problems(&probs)
		return
	}
	listPage(c, maxPageSize, func() (int, error) { return s.store.CountAudit(c.ctx(), f) },
		func(limit, offset int) ([]clinic.AuditEvent, error) {
			return s.store.AuditEvents(c.ctx(), f, limit, offset)
		})
}

// intParam reads an optional positive integer query parameter; 0 when
// absent, a problem when it is not a number.
func (c *call) intParam(name string, probs *clinic.Problems) int64 {
	raw := c.query(name)
	if raw == "" {
		return 0
	}
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || v <= 0 {
		probs.Add(name, clinic.Msg(clinic.MsgNotInteger))
		return 0
	}
	return v
}

// parseSince reads a day (taken as its UTC midnight) or an RFC 3339 time.
func parseSince(raw string) (time.Time, error) {
	if d, err := clinic.ParseDate(raw); err == nil {
		return d.Time(), nil
	}
	return clinic.ParseDatetime(raw)
}
