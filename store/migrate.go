package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrations embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the dialect's embedded migrations in order.
func (s *Store) loadMigrations() ([]migration, error) {
	dir := "migrations/sqlite"
	if s.dialect == postgresDialect {
		dir = "migrations/postgres"
	}
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s: want NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(migrations, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", e.Name(), err)
		}
		out = append(out, migration{version: version, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// Migrate applies every embedded migration the database lacks, in one
// transaction, and returns the names of those it applied. Daemons starting
// together on one PostgreSQL database take turns.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	all, err := s.loadMigrations()
	if err != nil {
		return nil, err
	}
	var applied []string
	err = s.tx(ctx, func(c conn) error {
		if s.dialect == postgresDialect {
			// One migrator at a time across every daemon of the practice.
			if _, err := c.exec(ctx, "SELECT pg_advisory_xact_lock(7231001)"); err != nil {
				return fmt.Errorf("store: migration lock: %w", err)
			}
		}
		if _, err := c.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL)`); err != nil {
			return fmt.Errorf("store: create schema_migrations: %w", err)
		}
		have, err := appliedVersions(ctx, c)
		if err != nil {
			return err
		}
		for _, m := range all {
			if have[m.version] {
				continue
			}
			if _, err := c.exec(ctx, m.sql); err != nil {
				return fmt.Errorf("store: apply %s: %w", m.name, err)
			}
			if _, err := c.exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
				m.version, m.name); err != nil {
				return fmt.Errorf("store: record %s: %w", m.name, err)
			}
			applied = append(applied, m.name)
		}
		return nil
	})
	return applied, err
}

func appliedVersions(ctx context.Context, c conn) (map[int]bool, error) {
	rows, err := c.query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("store: read schema_migrations: %w", err)
	}
	defer rows.Close()
	have := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: read schema_migrations: %w", err)
		}
		have[v] = true
	}
	return have, rows.Err()
}
