package daemon

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/julienschmidt/httprouter"

	"clinicflow/clinic"
	"clinicflow/locales"
)

// route is one entry of the route table.
type route struct {
	method string
	path   string
	// public routes need no token.
	public bool
	handle func(c *call)
}

// call is one request on its way through a handler: the request, the
// writer, the path parameters, the signed-in user and the reader's
// language.
type call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	params httprouter.Params
	user   *clinic.User
	p      *locales.Printer
	state  *requestState
}

// requestState is what the middleware and the handler share about one
// request: its id, its route, who made it, what it touched for the audit
// trail, and the cause of a failure for the log.
type requestState struct {
	id       string
	route    string
	userID   int64
	lang     *locales.Printer
	event    *clinic.AuditEvent
	recorded bool
	cause    error
}

type stateKey struct{}

func stateOf(r *http.Request) *requestState {
	if st, ok := r.Context().Value(stateKey{}).(*requestState); ok {
		return st
	}
	return &requestState{}
}

func withState(r *http.Request, st *requestState) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
}

// serve adapts a route to httprouter: it signs the caller in (unless the
// route is public), runs the handler, and hands the audit event, if the
// handler named one and did not commit it with a change, to the recorder.
func (s *Server) serve(rt route) httprouter.Handle {
	return func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		st := stateOf(r)
		st.route = rt.path
		c := &call{s: s, w: w, r: r, params: ps, p: st.lang, state: st}
		if c.p == nil {
			c.p = s.catalog.For()
		}
		if !rt.public {
			u, ok := s.authenticate(c)
			if !ok {
				return
			}
			c.user, st.userID = u, u.ID
		}
		rt.handle(c)
	}
}

// ctx is the request's context.
func (c *call) ctx() context.Context { return c.r.Context() }

// id parses the named path parameter as a positive id. An id that is not
// one answers 404, as a record that does not exist would.
func (c *call) id(name string) (int64, bool) {
	v, err := strconv.ParseInt(c.params.ByName(name), 10, 64)
	if err != nil || v <= 0 {
		c.notFound()
		return 0, false
	}
	return v, true
}

// query returns a query parameter, without NUL characters: PostgreSQL
// refuses them in text, and no parameter needs one.
func (c *call) query(name string) string {
	return strings.ReplaceAll(c.r.URL.Query().Get(name), "\x00", "")
}

// today is the clinic's current day.
func (c *call) today() clinic.Date {
	return clinic.DateOf(time.Now().In(c.s.loc))
}

// audit names what the request reads or changes, for the audit trail. A
// handler that commits a change passes the returned event to the store,
// which writes it in the change's transaction; otherwise the event is
// recorded after the answer, with its outcome.
func (c *call) audit(action, resource string, resourceID, patientID int64) *clinic.AuditEvent {
	ev := &clinic.AuditEvent{
		At:         time.Now(),
		Action:     action,
		Resource:   resource,
		RemoteAddr: clientIP(c.r),
		RequestID:  c.state.id,
		Outcome:    clinic.OutcomeSuccess,
		Status:     http.StatusOK,
	}
	if c.user != nil {
		ev.UserID, ev.Username = &c.user.ID, c.user.Username
	}
	if resourceID != 0 {
		ev.ResourceID = strconv.FormatInt(resourceID, 10)
	}
	if patientID != 0 {
		ev.PatientID = &patientID
	}
	c.state.event = ev
	return ev
}

// committed records that the request's audit event was written with its
// change, so that it is not recorded twice.
func (c *call) committed() { c.state.recorded = true }
