package store

import (
	"context"
	"fmt"
	"strings"

	"clinicflow/clinic"
)

const templateColumns = "t.id, t.name, t.name_fr, t.description, t.description_fr, t.is_active"

func scanTemplate(row scanner) (*clinic.Template, error) {
	var t clinic.Template
	if err := row.Scan(&t.ID, &t.Name, &t.NameFr, &t.Description, &t.DescriptionFr, &t.IsActive); err != nil {
		return nil, mapErr(err)
	}
	return &t, nil
}

func templateSearch(t *clinic.Template) string {
	return clinic.Fold(t.Name + "\n" + t.NameFr + "\n" + t.Description + "\n" + t.DescriptionFr)
}

// Template returns a template with its lines.
func (s *Store) Template(ctx context.Context, id int64) (*clinic.Template, error) {
	c := s.conn()
	t, err := scanTemplate(c.queryRow(ctx, "SELECT "+templateColumns+" FROM prescription_templates t WHERE t.id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("store: template %d: %w", id, err)
	}
	if t.Items, err = templateItems.load(ctx, c, id); err != nil {
		return nil, err
	}
	return t, nil
}

func templatesWhere(terms []string) (string, []any) {
	conds, args := termsWhere(nil, nil, "t.search_text", terms)
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// CountTemplates returns how many templates match every term.
func (s *Store) CountTemplates(ctx context.Context, terms []string) (int, error) {
	where, args := templatesWhere(terms)
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM prescription_templates t"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count templates: %w", err)
	}
	return n, nil
}

// ListTemplates returns one page of the templates matching every term, by
// name, without their lines.
func (s *Store) ListTemplates(ctx context.Context, terms []string, limit, offset int) ([]clinic.Template, error) {
	where, args := templatesWhere(terms)
	rows, err := s.conn().query(ctx, "SELECT "+templateColumns+" FROM prescription_templates t"+where+
		" ORDER BY t.name_key, t.id LIMIT ? OFFSET ?", append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list templates: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.Template, 0, limit)
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list templates: %w", err)
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// CreateTemplate adds a template with its lines and records ev.
func (s *Store) CreateTemplate(ctx context.Context, t *clinic.Template, ev *clinic.AuditEvent) error {
	now := tv(s.Now())
	return s.tx(ctx, func(c conn) error {
		err := c.queryRow(ctx, `INSERT INTO prescription_templates (name, name_fr, description,
			description_fr, is_active, name_key, search_text, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.Name, t.NameFr, t.Description, t.DescriptionFr, t.IsActive, clinic.Fold(t.Name),
			templateSearch(t), now, now).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("store: create template: %w", mapErr(err))
		}
		if err := templateItems.replace(ctx, c, t.ID, t.Items); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, t.ID, 0)
	})
}

// UpdateTemplate saves t, replacing all its lines when items is true, in
// one transaction, and records ev.
func (s *Store) UpdateTemplate(ctx context.Context, t *clinic.Template, items bool, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE prescription_templates SET name = ?, name_fr = ?,
			description = ?, description_fr = ?, is_active = ?, name_key = ?, search_text = ?,
			updated_at = ? WHERE id = ?`,
			t.Name, t.NameFr, t.Description, t.DescriptionFr, t.IsActive, clinic.Fold(t.Name),
			templateSearch(t), tv(s.Now()), t.ID)
		if err := affectedOne(res, err, "update template", t.ID); err != nil {
			return err
		}
		if items {
			if err := templateItems.replace(ctx, c, t.ID, t.Items); err != nil {
				return err
			}
		}
		return auditChange(ctx, c, ev, t.ID, 0)
	})
}

// DeleteTemplate removes a template and its lines; prescriptions made from
// it keep existing, pointing at none. It records ev.
func (s *Store) DeleteTemplate(ctx context.Context, id int64, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, "DELETE FROM prescription_templates WHERE id = ?", id)
		if err := affectedOne(res, err, "delete template", id); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, id, 0)
	})
}
