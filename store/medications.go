package store

import (
	"context"
	"fmt"
	"strings"

	"clinicflow/clinic"
)

const medicationColumns = "m.id, m.name, m.form, m.strength, m.is_active"

func scanMedication(row scanner) (*clinic.Medication, error) {
	var m clinic.Medication
	if err := row.Scan(&m.ID, &m.Name, &m.Form, &m.Strength, &m.IsActive); err != nil {
		return nil, mapErr(err)
	}
	return &m, nil
}

// medicationSearch is what a medication search looks through.
func medicationSearch(m *clinic.Medication) string {
	return clinic.Fold(m.Name + "\n" + m.Strength + "\n" + m.Form)
}

// Medication returns an active medication; an inactive one is not found.
func (s *Store) Medication(ctx context.Context, id int64) (*clinic.Medication, error) {
	m, err := scanMedication(s.conn().queryRow(ctx,
		"SELECT "+medicationColumns+" FROM medications m WHERE m.id = ? AND m.is_active = ?", id, true))
	if err != nil {
		return nil, fmt.Errorf("store: medication %d: %w", id, err)
	}
	return m, nil
}

// Medications returns the medications with the given ids, active or not,
// by id; ids that exist nowhere are absent from the map.
func (s *Store) Medications(ctx context.Context, ids []int64) (map[int64]*clinic.Medication, error) {
	out := make(map[int64]*clinic.Medication, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.conn().query(ctx, "SELECT "+medicationColumns+" FROM medications m WHERE m.id IN ("+
		placeholders(len(ids))+")", args...)
	if err != nil {
		return nil, fmt.Errorf("store: medications: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		m, err := scanMedication(rows)
		if err != nil {
			return nil, fmt.Errorf("store: medications: %w", err)
		}
		out[m.ID] = m
	}
	return out, rows.Err()
}

// termsWhere adds one LIKE condition on column per folded search term.
func termsWhere(conds []string, args []any, column string, terms []string) ([]string, []any) {
	for _, t := range terms {
		conds = append(conds, column+` LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(t)+"%")
	}
	return conds, args
}

func medicationsWhere(terms []string) (string, []any) {
	conds, args := termsWhere([]string{"m.is_active = ?"}, []any{true}, "m.search_text", terms)
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountMedications returns how many active medications match every term.
func (s *Store) CountMedications(ctx context.Context, terms []string) (int, error) {
	where, args := medicationsWhere(terms)
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM medications m"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count medications: %w", err)
	}
	return n, nil
}

// ListMedications returns one page of the active medications matching
// every term, by name.
func (s *Store) ListMedications(ctx context.Context, terms []string, limit, offset int) ([]clinic.Medication, error) {
	where, args := medicationsWhere(terms)
	rows, err := s.conn().query(ctx, "SELECT "+medicationColumns+" FROM medications m"+where+
		" ORDER BY m.name_key, m.id LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list medications: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.Medication, 0, limit)
	for rows.Next() {
		m, err := scanMedication(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list medications: %w", err)
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

// CreateMedication adds a medication and records ev.
func (s *Store) CreateMedication(ctx context.Context, m *clinic.Medication, ev *clinic.AuditEvent) error {
	now := tv(s.Now())
	return s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO medications (name, form, strength, is_active,
			name_key, search_text, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			m.Name, m.Form, m.Strength, m.IsActive, clinic.Fold(m.Name), medicationSearch(m), now, now,
		).Scan(&m.ID)
		if err != nil {
			return fmt.Errorf("store: create medication: %w", mapErr(err))
		}
		return auditChange(ctx, c, ev, m.ID, 0)
	})
}

// UpdateMedication saves m (deactivating it when IsActive is false) and
// records ev.
func (s *Store) UpdateMedication(ctx context.Context, m *clinic.Medication, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE medications SET name = ?, form = ?, strength = ?,
			is_active = ?, name_key = ?, search_text = ?, updated_at = ? WHERE id = ?`,
			m.Name, m.Form, m.Strength, m.IsActive, clinic.Fold(m.Name), medicationSearch(m),
			tv(s.Now()), m.ID)
		if err := affectedOne(res, err, "update medication", m.ID); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, m.ID, 0)
	})
}
