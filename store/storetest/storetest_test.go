package storetest

import (
	"context"
	"database/sql"
	"os"
	"testing"
)

// TestPostgresConfigured makes CI fail, rather than skip, when the
// PostgreSQL suites cannot run there.
func TestPostgresConfigured(t *testing.T) {
	url := os.Getenv(PostgresEnv)
	if url == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: the PostgreSQL store tests would be skipped in CI",
				PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: set %s to run them", PostgresEnv)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	defer db.Close()
	if err := db.PingContext(context.Background()); err != nil {
		t.Fatalf("PostgreSQL at %s does not answer: %v", PostgresEnv, err)
	}
}

func TestOpenGivesAMigratedStore(t *testing.T) {
	for _, kind := range Backends {
		t.Run(kind, func(t *testing.T) {
			s := Open(t, kind)
			if got := s.Kind(); got != kind {
				t.Errorf("Kind() = %q, want %q", got, kind)
			}
			applied, err := s.Migrate(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(applied) != 0 {
				t.Errorf("Migrate on a fresh store applied %v again, want nothing", applied)
			}
		})
	}
}
