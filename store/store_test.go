package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

// migrationFiles lists the embedded migrations of one database, in order.
func migrationFiles(t *testing.T, kind string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("migrations", kind))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestMigrateFreshDatabase(t *testing.T) {
	s, err := store.Connect("sqlite:" + filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	defer s.Close()

	want := migrationFiles(t, "sqlite")
	got, err := s.Migrate(t.Context())
	if err != nil {
		t.Fatalf("first Migrate: %v", err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("first Migrate applied %q, want %q", got, want)
	}
	got, err = s.Migrate(t.Context())
	if err != nil || len(got) != 0 {
		t.Errorf("second Migrate = %q, %v; want nothing applied, nil", got, err)
	}
}

func TestMigrateTwiceAppliesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		got, err := s.Migrate(t.Context())
		if err != nil || len(got) != 0 {
			t.Errorf("Migrate again = %q, %v; want nothing applied, nil", got, err)
		}
		n := count(t, s, "SELECT COUNT(*) FROM schema_migrations")
		if want := len(migrationFiles(t, s.Kind())); n != want {
			t.Errorf("schema_migrations holds %d rows, want %d", n, want)
		}
	})
}

// TestMigrateConcurrently starts several daemons on one new database at
// once: each migration must be applied by exactly one of them.
func TestMigrateConcurrently(t *testing.T) {
	path := "sqlite:" + filepath.Join(t.TempDir(), "shared.db")
	var (
		mu      sync.Mutex
		applied []string
		wg      sync.WaitGroup
	)
	for range 4 {
		s, err := store.Connect(path)
		if err != nil {
			t.Fatalf("Connect: %v", err)
		}
		defer s.Close()
		wg.Go(func() {
			names, err := s.Migrate(t.Context())
			if err != nil {
				t.Errorf("Migrate: %v", err)
			}
			mu.Lock()
			applied = append(applied, names...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if want := migrationFiles(t, "sqlite"); !slices.Equal(applied, want) {
		t.Errorf("daemons together applied %q, want %q once", applied, want)
	}
}

func TestConnectRejectsBadURL(t *testing.T) {
	urls := []string{
		"",
		"sqlite:",
		"clinicflow.sqlite3",
		"mysql://alice:s3cret@db.example/clinic",
		"host=db.example user=alice password=s3cret dbname=clinic",
	}
	for _, url := range urls {
		s, err := store.Connect(url)
		if err == nil {
			s.Close()
			t.Errorf("Connect(%q) = nil error, want one", url)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Connect(%q) error %q shows the password", url, err)
		}
	}
}

// TestOpenUnreachablePostgres checks URLs that Connect accepts, as it does
// not dial: Open fails on them, without showing the password.
func TestOpenUnreachablePostgres(t *testing.T) {
	urls := []string{
		"postgres://alice:s3cret@db.example:notaport/clinic",
		"postgres://alice:s3cret@127.0.0.1:1/clinic?connect_timeout=5",
	}
	for _, url := range urls {
		s, err := store.Open(t.Context(), url)
		if err == nil {
			s.Close()
			t.Errorf("Open(%q) = nil error, want one", url)
			continue
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("Open(%q) error %q shows the password", url, err)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ url, want string }{
		{"postgres://alice:s3cret@db.example:5432/clinic",
			"postgres://alice:***@db.example:5432/clinic"},
		{"postgres://alice:top@s3cret@db.example/clinic",
			"postgres://alice:***@db.example/clinic"},
		{"postgres://alice:s3cret@db.example/clinic?options=a@b",
			"postgres://alice:***@db.example/clinic?options=a@b"},
		{"postgres://alice@db.example/clinic?password=s3cret&sslmode=require",
			"postgres://alice@db.example/clinic?password=***&sslmode=require"},
		{"host=db.example password='s3 cret' sslpassword=s3cret user=alice",
			"host=db.example password=*** sslpassword=*** user=alice"},
		{"postgres://alice@db.example/clinic",
			"postgres://alice@db.example/clinic"},
		{"postgres://db.example/clinic", "postgres://db.example/clinic"},
		{"sqlite:/var/lib/clinicflow/clinic.db",
			"sqlite:/var/lib/clinicflow/clinic.db"},
	}
	for _, tt := range tests {
		if got := store.Redact(tt.url); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.url, got, tt.want)
		}
	}
}

func TestRebind(t *testing.T) {
	const query = "SELECT a FROM t WHERE b = ? AND c IN (?, ?)"
	tests := []struct{ url, want string }{
		{"sqlite:" + filepath.Join(t.TempDir(), "r.db"), query},
		// Connect does not dial, so no server is needed here.
		{"postgres://alice@127.0.0.1:1/clinic",
			"SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"},
	}
	for _, tt := range tests {
		s, err := store.Connect(tt.url)
		if err != nil {
			t.Fatalf("Connect(%q): %v", tt.url, err)
		}
		defer s.Close()
		if got := s.Rebind(query); got != tt.want {
			t.Errorf("%s: rebind = %q, want %q", s.Kind(), got, tt.want)
		}
	}
}

func TestPingAndKind(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping: %v", err)
		}
		if want := filepath.Base(t.Name()); s.Kind() != want {
			t.Errorf("Kind() = %q, want %q", s.Kind(), want)
		}
	})
}

// failAudit makes every insert into the audit trail fail.
func failAudit(t *testing.T, s *store.Store) {
	t.Helper()
	if s.Kind() == "sqlite" {
		exec(t, s, `CREATE TRIGGER audit_fails BEFORE INSERT ON audit_events
			BEGIN SELECT RAISE(ABORT, 'audit trail unavailable'); END`)
		return
	}
	exec(t, s, `CREATE FUNCTION audit_fails() RETURNS trigger AS $$
		BEGIN RAISE EXCEPTION 'audit trail unavailable'; END $$ LANGUAGE plpgsql`)
	exec(t, s, `CREATE TRIGGER audit_fails BEFORE INSERT ON audit_events
		FOR EACH ROW EXECUTE FUNCTION audit_fails()`)
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		kept := createPatient(t, s, newPatient("Hélène", "Dupont"))
		failAudit(t, s)
		ctx := t.Context()
		writes := map[string]func() error{
			"create": func() error {
				p := newPatient("Zoé", "Lefèvre")
				return s.CreatePatient(ctx, p, auditEvent("patient.create"))
			},
			"update": func() error {
				p := *kept
				p.LastName = "Martin"
				return s.UpdatePatient(ctx, &p, auditEvent("patient.update"))
			},
			"archive": func() error {
				ev := auditEvent("patient.archive")
				return s.SetPatientActive(ctx, kept.ID, false, ev)
			},
		}
		for name, write := range writes {
			if err := write(); err == nil {
				t.Errorf("%s with a failing audit trail: got nil error, want one",
					name)
			}
		}

		got := listAll(t, s, everyone)
		if len(got) != 1 || !equalPatient(got[0], *kept) {
			t.Errorf("patients after failed writes = %+v, want only %+v", got, *kept)
		}
		if n := count(t, s, "SELECT COUNT(*) FROM audit_events"); n != 0 {
			t.Errorf("audit_events holds %d rows, want 0", n)
		}
	})
}

func TestCreatePatientUnknownCreator(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newPatient("Hélène", "Dupont")
		p.CreatedBy = 404
		err := s.CreatePatient(t.Context(), p, nil)
		if !errors.Is(err, store.ErrReference) {
			t.Errorf("CreatePatient by user 404: got %v, want ErrReference", err)
		}
	})
}
