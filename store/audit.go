package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"clinicflow/clinic"
)

// genesisHash is the previous hash of the first audit event.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// auditHash chains an event to the one before it. Every field that tells
// what happened is covered, so that editing any of them breaks the chain.
func auditHash(prev string, ev *clinic.AuditEvent) string {
	fields := []string{
		prev,
		ev.At.UTC().Format(timeLayout),
		optionalID(ev.UserID),
		ev.Username,
		ev.Action,
		ev.Resource,
		ev.ResourceID,
		optionalID(ev.PatientID),
		ev.RemoteAddr,
		ev.RequestID,
		ev.Outcome,
		strconv.Itoa(ev.Status),
	}
	sum := sha256.Sum256([]byte(strings.Join(fields, "\x1f")))
	return hex.EncodeToString(sum[:])
}

func optionalID(id *int64) string {
	if id == nil {
		return "-"
	}
	return strconv.FormatInt(*id, 10)
}

// AppendAudit adds events to the audit trail in one transaction.
func (s *Store) AppendAudit(ctx context.Context, events ...*clinic.AuditEvent) error {
	if len(events) == 0 {
		return nil
	}
	return s.tx(ctx, func(c conn) error {
		for _, ev := range events {
			if err := appendAudit(ctx, c, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// appendAudit adds one event inside the caller's transaction, so that a
// change and its audit event commit together.
func appendAudit(ctx context.Context, c conn, ev *clinic.AuditEvent) error {
	if c.dialect == postgresDialect {
		// Daemons sharing the database append one at a time, so that the
		// chain never forks.
		if _, err := c.exec(ctx, "SELECT pg_advisory_xact_lock(7231002)"); err != nil {
			return fmt.Errorf("store: audit lock: %w", err)
		}
	}
	prev := genesisHash
	err := c.queryRow(ctx, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").Scan(&prev)
	if err != nil && mapErr(err) != ErrNotFound {
		return fmt.Errorf("store: audit chain head: %w", err)
	}
	if ev.At.IsZero() {
		ev.At = time.Now()
	}
	ev.At = ev.At.UTC().Truncate(time.Microsecond)
	hash := auditHash(prev, ev)
	err = c.queryRow(ctx, `INSERT INTO audit_events (at, user_id, username, action,
		resource, resource_id, patient_id, remote_addr, request_id, outcome, status,
		prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		tv(ev.At), ev.UserID, ev.Username, ev.Action, ev.Resource, ev.ResourceID,
		ev.PatientID, ev.RemoteAddr, ev.RequestID, ev.Outcome, ev.Status, prev, hash,
	).Scan(&ev.ID)
	if err != nil {
		return fmt.Errorf("store: append audit event: %w", mapErr(err))
	}
	return nil
}

// AuditFilter narrows the audit trail; zero fields do not filter.
type AuditFilter struct {
	PatientID int64
	UserID    int64
	Since     time.Time
}

func (f AuditFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.PatientID != 0 {
		conds, args = append(conds, "patient_id = ?"), append(args, f.PatientID)
	}
	if f.UserID != 0 {
		conds, args = append(conds, "user_id = ?"), append(args, f.UserID)
	}
	if !f.Since.IsZero() {
		conds, args = append(conds, "at >= ?"), append(args, tv(f.Since))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountAudit returns how many events match the filter.
func (s *Store) CountAudit(ctx context.Context, f AuditFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM audit_events"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count audit events: %w", err)
	}
	return n, nil
}

// AuditEvents returns one page of matching events, newest first.
func (s *Store) AuditEvents(ctx context.Context, f AuditFilter, limit, offset int) ([]clinic.AuditEvent, error) {
	where, args := f.where()
	rows, err := s.conn().query(ctx, `SELECT id, at, user_id, username, action, resource,
		resource_id, patient_id, remote_addr, request_id, outcome, status
		FROM audit_events`+where+" ORDER BY id DESC LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list audit events: %w", err)
	}
	defer rows.Close()
	out := []clinic.AuditEvent{}
	for rows.Next() {
		var ev clinic.AuditEvent
		if err := rows.Scan(&ev.ID, ts{&ev.At}, &ev.UserID, &ev.Username, &ev.Action,
			&ev.Resource, &ev.ResourceID, &ev.PatientID, &ev.RemoteAddr, &ev.RequestID,
			&ev.Outcome, &ev.Status); err != nil {
			return nil, fmt.Errorf("store: list audit events: %w", err)
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// AuditBreak is the first place where the audit trail is not what was
// written: a row edited, or rows removed before it.
type AuditBreak struct {
	ID     int64
	Reason string
}

// VerifyAudit walks the whole audit trail in order, recomputing the chain,
// and returns how many events it checked and the first break, or nil when
// the trail is intact. It reads in batches, so memory stays flat.
func (s *Store) VerifyAudit(ctx context.Context) (int, *AuditBreak, error) {
	prev, last, checked := genesisHash, int64(0), 0
	for {
		batch, err := s.auditBatch(ctx, last, 1000)
		if err != nil {
			return checked, nil, err
		}
		if len(batch) == 0 {
			return checked, nil, nil
		}
		for _, row := range batch {
			switch {
			case row.prevHash != prev:
				return checked, &AuditBreak{ID: row.ev.ID, Reason: "previous event missing or changed"}, nil
			case auditHash(row.prevHash, &row.ev) != row.hash:
				return checked, &AuditBreak{ID: row.ev.ID, Reason: "event changed after it was written"}, nil
			}
			prev, last = row.hash, row.ev.ID
			checked++
		}
	}
}

type auditRow struct {
	ev             clinic.AuditEvent
	prevHash, hash string
}

func (s *Store) auditBatch(ctx context.Context, after int64, n int) ([]auditRow, error) {
	rows, err := s.conn().query(ctx, `SELECT id, at, user_id, username, action, resource,
		resource_id, patient_id, remote_addr, request_id, outcome, status, prev_hash, hash
		FROM audit_events WHERE id > ? ORDER BY id LIMIT ?`, after, n)
	if err != nil {
		return nil, fmt.Errorf("store: read audit trail: %w", err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var r auditRow
		ev := &r.ev
		if err := rows.Scan(&ev.ID, ts{&ev.At}, &ev.UserID, &ev.Username, &ev.Action,
			&ev.Resource, &ev.ResourceID, &ev.PatientID, &ev.RemoteAddr, &ev.RequestID,
			&ev.Outcome, &ev.Status, &r.prevHash, &r.hash); err != nil {
			return nil, fmt.Errorf("store: read audit trail: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
