package store

import (
	"context"
	"fmt"

	"clinicflow/clinic"
)

// itemTable describes where one kind of medication line lives.
type itemTable struct {
	table  string // template_items or prescription_items
	parent string // its owner's column
	// outside is true for lines that carry allow_outside_purchase.
	outside bool
}

var (
	templateItems     = itemTable{table: "template_items", parent: "template_id"}
	prescriptionItems = itemTable{table: "prescription_items", parent: "prescription_id", outside: true}
)

// replace deletes the owner's lines and writes items in their place, in
// order, setting their ids.
func (t itemTable) replace(ctx context.Context, c conn, owner int64, items []clinic.Item) error {
	if _, err := c.exec(ctx, "DELETE FROM "+t.table+" WHERE "+t.parent+" = ?", owner); err != nil {
		return fmt.Errorf("store: replace %s of %d: %w", t.table, owner, mapErr(err))
	}
	query := "INSERT INTO " + t.table + " (" + t.parent + `, position, medication_id, dosage,
		route, frequency, duration, instructions) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	if t.outside {
		query = "INSERT INTO " + t.table + " (" + t.parent + `, position, medication_id, dosage,
			route, frequency, duration, instructions, allow_outside_purchase)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	}
	for i := range items {
		it := &items[i]
		args := []any{owner, i, it.MedicationID, it.Dosage, it.Route, it.Frequency, it.Duration, it.Instructions}
		if t.outside {
			args = append(args, it.AllowOutsidePurchase)
		}
		if err := c.queryRow(ctx, query, args...).Scan(&it.ID); err != nil {
			return fmt.Errorf("store: write %s of %d: %w", t.table, owner, mapErr(err))
		}
	}
	return nil
}

// load reads the owner's lines in order, each with its medication.
func (t itemTable) load(ctx context.Context, c conn, owner int64) ([]clinic.Item, error) {
	outside := "FALSE"
	if t.outside {
		outside = "i.allow_outside_purchase"
	}
	rows, err := c.query(ctx, `SELECT i.id, i.dosage, i.route, i.frequency, i.duration,
		i.instructions, `+outside+", "+medicationColumns+" FROM "+t.table+
		" i JOIN medications m ON m.id = i.medication_id WHERE i."+t.parent+" = ? ORDER BY i.position", owner)
	if err != nil {
		return nil, fmt.Errorf("store: read %s of %d: %w", t.table, owner, err)
	}
	defer rows.Close()
	items := []clinic.Item{}
	for rows.Next() {
		var it clinic.Item
		var m clinic.Medication
		if err := rows.Scan(&it.ID, &it.Dosage, &it.Route, &it.Frequency, &it.Duration,
			&it.Instructions, &it.AllowOutsidePurchase, &m.ID, &m.Name, &m.Form, &m.Strength,
			&m.IsActive); err != nil {
			return nil, fmt.Errorf("store: read %s of %d: %w", t.table, owner, err)
		}
		it.MedicationID, it.Medication = m.ID, &m
		items = append(items, it)
	}
	return items, rows.Err()
}
