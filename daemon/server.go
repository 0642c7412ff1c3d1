package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"clinicflow/locales"
	"clinicflow/store"
)

// Config is what a Server needs. Store and Secret are required; the rest
// have defaults.
type Config struct {
	Store   *store.Store
	Catalog *locales.Catalog
	Logger  *slog.Logger
	// Secret signs the JWTs (HS256).
	Secret []byte
	// AccessTTL and RefreshTTL are the token lifetimes: 15 minutes and 7
	// days by default.
	AccessTTL  time.Duration
	RefreshTTL time.Duration
	// CORSOrigins are the browser origins allowed to call the API.
	CORSOrigins []string
	// Location is the clinic's time zone, for what people read and for the
	// clinic's "today". UTC by default.
	Location *time.Location
	// Language is the language of a printed document whose request names
	// none: "fr" (the default) or "en".
	Language string
	// LoginLimit is how many failed sign-ins one username (ten times as
	// many for one address) may make within LoginWindow before it is
	// throttled: 5 in 15 minutes by default.
	LoginLimit  int
	LoginWindow time.Duration
}

// DefaultCORSOrigins are the web frontend's development origins.
var DefaultCORSOrigins = []string{"http://localhost:5173", "http://127.0.0.1:5173"}

// Server serves the API. Create it with New and stop it with Close.
type Server struct {
	store    *store.Store
	catalog  *locales.Catalog
	log      *slog.Logger
	tokens   tokens
	cors     []string
	loc      *time.Location
	lang     string
	throttle *throttle
	audit    *auditor
	renders  gate
	signer   signer
	handler  http.Handler
	routes   []route
}

// New builds a Server from cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("daemon: no store")
	}
	if len(cfg.Secret) < 32 {
		return nil, errors.New("daemon: the signing secret must be at least 32 bytes")
	}
	if cfg.Catalog == nil {
		c, err := locales.Load()
		if err != nil {
			return nil, fmt.Errorf("daemon: %w", err)
		}
		cfg.Catalog = c
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.AccessTTL <= 0 {
		cfg.AccessTTL = 15 * time.Minute
	}
	if cfg.RefreshTTL <= 0 {
		cfg.RefreshTTL = 7 * 24 * time.Hour
	}
	if cfg.CORSOrigins == nil {
		cfg.CORSOrigins = DefaultCORSOrigins
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	switch cfg.Language {
	case "":
		cfg.Language = "fr"
	case "fr", "en":
	default:
		return nil, fmt.Errorf("daemon: language %q: want fr or en", cfg.Language)
	}
	if cfg.LoginLimit <= 0 {
		cfg.LoginLimit = 5
	}
	if cfg.LoginWindow <= 0 {
		cfg.LoginWindow = 15 * time.Minute
	}
	s := &Server{
		store:    cfg.Store,
		catalog:  cfg.Catalog,
		log:      cfg.Logger,
		tokens:   tokens{secret: cfg.Secret, accessTTL: cfg.AccessTTL, refreshTTL: cfg.RefreshTTL},
		cors:     cfg.CORSOrigins,
		loc:      cfg.Location,
		lang:     cfg.Language,
		throttle: newThrottle(cfg.LoginLimit, cfg.LoginWindow),
		audit:    newAuditor(cfg.Store, cfg.Logger),
		renders:  make(gate, 2*runtime.GOMAXPROCS(0)),
	}
	s.routes = s.routeTable()
	s.handler = s.middleware(s.router())
	return s, nil
}

// Handler returns the whole API as one http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the audit recorder after writing what it holds. Call it after
// the HTTP server has stopped.
func (s *Server) Close() { s.audit.close() }

// Serve answers on l until ctx is done, then lets the requests under way
// finish (for up to grace) before it returns. It does not close the store.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		s.Close()
		return fmt.Errorf("daemon: serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace_s", grace.Seconds())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	err := srv.Shutdown(sctx)
	s.Close()
	if err != nil {
		return fmt.Errorf("daemon: shutdown: %w", err)
	}
	return nil
}
