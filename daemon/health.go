package daemon

import (
	"context"
	"net/http"
	"time"
)

// healthz: GET /healthz answers while the process serves.
func (s *Server) healthz(c *call) {
	c.json(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz: GET /readyz answers 200 when the database answers, 503 when not.
func (s *Server) readyz(c *call) {
	ctx, cancel := context.WithTimeout(c.ctx(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		c.state.cause = err
		c.json(http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "down"})
		return
	}
	c.json(http.StatusOK, map[string]string{"status": "ok", "database": s.store.Kind()})
}
