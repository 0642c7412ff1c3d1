package daemon

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rs/cors"

	"clinicflow/clinic"
)

// middleware wraps the router in what every request goes through, outermost
// first: request state, access log and panic recovery; security headers;
// CORS; the optional trailing slash.
func (s *Server) middleware(router http.Handler) http.Handler {
	c := cors.New(cors.Options{
		AllowedOrigins:       s.cors,
		AllowedMethods:       []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"},
		AllowedHeaders:       []string{"Authorization", "Content-Type", "Accept", "Accept-Language", "X-Request-ID"},
		ExposedHeaders:       []string{"Content-Disposition", "X-Request-ID", "Retry-After"},
		MaxAge:               86400,
		OptionsSuccessStatus: http.StatusOK,
	})
	return s.logRequests(securityHeaders(c.Handler(optionalSlash(router))))
}

// statusWriter remembers the status and size of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests gives each request its id and language, recovers from a
// panic with a 500, writes one access-log line, and hands the request's
// audit event to the recorder. The line holds no body, no query string and
// no token: only the route pattern, never the path's values.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		st := &requestState{
			id:   requestID(r.Header.Get("X-Request-ID")),
			lang: s.catalog.For(r.URL.Query().Get("lang"), r.Header.Get("Accept-Language")),
		}
		sw := &statusWriter{ResponseWriter: w}
		h := sw.Header()
		h.Set("X-Request-ID", st.id)
		h.Set("Content-Language", st.lang.Lang())
		h.Add("Vary", "Accept-Language")
		r = withState(r, st)

		defer func() {
			if v := recover(); v != nil {
				s.panicked(sw, r, v)
			}
			s.finish(st, r, sw, time.Since(start))
		}()
		next.ServeHTTP(sw, r)
	})
}

// finish writes the access-log line and records the audit event.
func (s *Server) finish(st *requestState, r *http.Request, sw *statusWriter, took time.Duration) {
	status := sw.status
	if status == 0 {
		status = http.StatusOK
	}
	route := st.route
	if route == "" {
		route = "unmatched"
	}
	attrs := []slog.Attr{
		slog.String("request_id", st.id),
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(took.Microseconds())/1000),
		slog.Int64("user_id", st.userID),
		slog.Int("bytes", sw.bytes),
	}
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
		if st.cause != nil {
			attrs = append(attrs, slog.String("error", st.cause.Error()))
		}
	case status >= 400:
		level = slog.LevelWarn
	}
	s.log.LogAttrs(r.Context(), level, "request", attrs...)

	if ev := st.event; ev != nil && !st.recorded {
		ev.Status = status
		ev.Outcome = clinic.OutcomeOf(status)
		s.audit.record(ev)
	}
}

// panicked answers 500 for a handler that panicked; the stack goes to the
// log, never to the client.
func (s *Server) panicked(w http.ResponseWriter, r *http.Request, v any) {
	st := stateOf(r)
	st.cause = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
	c := &call{s: s, w: w, r: r, p: s.catalog.For(), state: st}
	if st.lang != nil {
		c.p = st.lang
	}
	c.detail(http.StatusInternalServerError, "http.internal", nil)
}

// requestID keeps a caller's request id when it is short and plain, and
// makes one otherwise.
func requestID(given string) string {
	if n := len(given); n > 0 && n <= 64 && strings.Trim(given,
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == "" {
		return given
	}
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// securityHeaders sets the headers every answer carries. The API serves
// data, never pages, so nothing may frame it or run from it, and patient
// data is never cached.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// optionalSlash lets every API path be called with or without its final
// slash, for every method, without a redirect.
func optionalSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasPrefix(p, "/api/") && !strings.HasSuffix(p, "/") &&
			!strings.Contains(p[strings.LastIndexByte(p, '/'):], ".") {
			r.URL.Path = p + "/"
			r.URL.RawPath = ""
		}
		next.ServeHTTP(w, r)
	})
}

// clientIP is the address the request came from. Forwarding headers are
// not trusted: anyone can send them.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// notFound answers a path no route serves.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.bare(w, r).notFound()
}

// methodNotAllowed answers a method a path does not serve; httprouter has
// set the Allow header already.
func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	s.bare(w, r).detail(http.StatusMethodNotAllowed, "http.method_not_allowed",
		map[string]any{"Method": r.Method})
}

// bare makes a call for answers given outside any route.
func (s *Server) bare(w http.ResponseWriter, r *http.Request) *call {
	st := stateOf(r)
	p := st.lang
	if p == nil {
		p = s.catalog.For()
	}
	return &call{s: s, w: w, r: r, p: p, state: st}
}
