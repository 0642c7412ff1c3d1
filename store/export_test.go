package store

import (
	"database/sql"
	"time"
)

// Redact lets the external tests check how database urls are shown.
var Redact = redact

// DB returns the database handle, for tests that write rows no store
// method writes yet (visits, vital signs) or that tamper with the schema.
func (s *Store) DB() *sql.DB { return s.db }

// Rebind rewrites a query's ? placeholders for the store's database.
func (s *Store) Rebind(query string) string { return s.conn().rebind(query) }

// SetClock makes the store read the current time from now. Call it before
// the store is shared.
func (s *Store) SetClock(now func() time.Time) { s.now = now }
