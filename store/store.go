package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/mattn/go-sqlite3"
)

// Sentinels that callers test with errors.Is.
var (
	// ErrNotFound: the record does not exist (or is hidden from the caller).
	ErrNotFound = errors.New("store: not found")
	// ErrConflict: a unique value is already taken.
	ErrConflict = errors.New("store: conflict")
	// ErrReference: a referenced record does not exist.
	ErrReference = errors.New("store: missing reference")
)

// dialect names the database behind a Store.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

// Store is the clinicflow database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	now     func() time.Time
}

// Open connects to the database named by url and applies any migration it
// lacks; Connect does the same without migrating. url is "sqlite:PATH" (or a path ending in .db) for SQLite, or
// "postgres://..." for PostgreSQL.
func Open(ctx context.Context, url string) (*Store, error) {
	s, err := Connect(url)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Connect opens the database named by url without touching its schema.
func Connect(url string) (*Store, error) {
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db, err := sql.Open("pgx", url)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(10)
		db.SetConnMaxIdleTime(5 * time.Minute)
		return &Store{db: db, dialect: postgresDialect, now: time.Now}, nil
	case strings.HasPrefix(url, "sqlite:"):
		return openSQLite(strings.TrimPrefix(url, "sqlite:"))
	case strings.HasSuffix(url, ".db"):
		return openSQLite(url)
	}
	return nil, fmt.Errorf("store: database url %q: want sqlite:PATH or postgres://", redact(url))
}

func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: sqlite: empty path")
	}
	dsn := "file:" + path + "?_foreign_keys=1&_journal_mode=WAL&_busy_timeout=10000" +
		"&_txlock=immediate&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	return &Store{db: db, dialect: sqliteDialect, now: time.Now}, nil
}

// passwordParam finds a password given as a parameter, in a url's query
// or in a key=value connection string, quoted or not.
var passwordParam = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)`)

// redact hides the passwords in a database url before it is shown: the one
// in the user info, which may itself hold an @, and any password parameter.
func redact(url string) string {
	url = passwordParam.ReplaceAllString(url, "${1}***")
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return url
	}
	user, _, ok := strings.Cut(rest[:at], ":")
	if !ok {
		return url
	}
	return scheme + "://" + user + ":***" + rest[at:]
}

// Close closes the database once the calls under way have finished.
func (s *Store) Close() error { return s.db.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	return nil
}

// Kind names the database: "sqlite" or "postgres".
func (s *Store) Kind() string {
	if s.dialect == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs queries written with ? placeholders on either database.
type conn struct {
	q       queryer
	dialect dialect
}

func (s *Store) conn() conn { return conn{q: s.db, dialect: s.dialect} }

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, c.rebind(query), args...)
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, c.rebind(query), args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, c.rebind(query), args...)
}

// rebind turns ? placeholders into PostgreSQL's $1, $2, ... Queries hold no
// literal question marks.
func (c conn) rebind(query string) string {
	if c.dialect != postgresDialect || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] != '?' {
			b.WriteByte(query[i])
			continue
		}
		n++
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

// tx runs fn in one transaction: committed when fn returns nil, rolled back
// otherwise.
func (s *Store) tx(ctx context.Context, fn func(c conn) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", mapErr(err))
	}
	if err := fn(conn{q: tx, dialect: s.dialect}); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", mapErr(err))
	}
	return nil
}

// mapErr turns driver errors into the store's sentinels, keeping the
// original in the chain.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.ExtendedCode {
		case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
			return fmt.Errorf("%w: %w", ErrConflict, err)
		case sqlite3.ErrConstraintForeignKey:
			return fmt.Errorf("%w: %w", ErrReference, err)
		}
		return err
	}
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) {
		switch pe.SQLState() {
		case "23505":
			return fmt.Errorf("%w: %w", ErrConflict, err)
		case "23503":
			return fmt.Errorf("%w: %w", ErrReference, err)
		}
	}
	return err
}

// placeholders returns "?, ?, ?" for n values.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}
