// Package storetest opens throwaway stores for tests: a fresh SQLite file
// in the test's temporary folder, and, when CLINICFLOW_TEST_POSTGRES names
// a PostgreSQL server, a fresh schema there.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"clinicflow/store"
)

// PostgresEnv names the variable holding the PostgreSQL URL that store
// tests run against, e.g. postgres://postgres@127.0.0.1:5432/test.
const PostgresEnv = "CLINICFLOW_TEST_POSTGRES"

// Backends lists the databases every store test runs on.
var Backends = []string{"sqlite", "postgres"}

// Each runs fn once per backend, as subtests named after it, each with a
// fresh, migrated store. The PostgreSQL subtest skips, saying why, when
// CLINICFLOW_TEST_POSTGRES is not set.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, kind := range Backends {
		t.Run(kind, func(t *testing.T) {
			fn(t, Open(t, kind))
		})
	}
}

// Open returns a fresh, migrated store of the given kind, closed (and, on
// PostgreSQL, dropped) when the test ends.
func Open(t testing.TB, kind string) *store.Store {
	t.Helper()
	dsn := URL(t, kind)
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("storetest: open %s: %v", kind, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// URL returns the database url of a fresh, empty database of the given
// kind, for tests that open it themselves as well: a file in the test's
// temporary folder, or a PostgreSQL schema dropped when the test ends.
func URL(t testing.TB, kind string) string {
	t.Helper()
	switch kind {
	case "sqlite":
		return "sqlite:" + filepath.Join(t.TempDir(), "clinicflow.db")
	case "postgres":
		return postgresSchema(t)
	}
	t.Fatalf("storetest: unknown backend %q", kind)
	return ""
}

// postgresSchema creates a schema of its own for one test and returns a URL
// whose search_path points at it.
func postgresSchema(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip("storetest: PostgreSQL tests skipped: set " + PostgresEnv +
			"=postgres://USER@HOST:5432/DB to run them")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("storetest: open postgres: %v", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "cf_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("storetest: %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
