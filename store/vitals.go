package store

import (
	"context"
	"database/sql"
	"fmt"

	"clinicflow/clinic"
)

const vitalsSelect = `SELECT vs.id, vs.visit_id, vs.measured_at, vs.weight_kg_e2,
	vs.height_cm_e2, vs.temperature_c_e1, vs.bp_systolic, vs.bp_diastolic,
	vs.heart_rate_bpm, vs.respiratory_rate_rpm, vs.oxygen_saturation_pct,
	vs.head_circumference_cm_e1, vs.notes FROM vital_signs vs`

// decimalScan reads a whole count of a decimal's last place, or NULL.
type decimalScan struct {
	d      **clinic.Decimal
	places int
}

// Scan reads the count.
func (s decimalScan) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*s.d = nil
	if n.Valid {
		*s.d = &clinic.Decimal{Units: n.Int64, Places: s.places}
	}
	return nil
}

// decimalArg stores a decimal as the whole count of its last place.
func decimalArg(d *clinic.Decimal) any {
	if d == nil {
		return nil
	}
	return d.Units
}

func scanVitals(row scanner) (*clinic.VitalSigns, error) {
	var vs clinic.VitalSigns
	err := row.Scan(&vs.ID, &vs.VisitID, ts{&vs.MeasuredAt},
		decimalScan{&vs.WeightKg, 2}, decimalScan{&vs.HeightCm, 2}, decimalScan{&vs.TemperatureC, 1},
		&vs.BPSystolic, &vs.BPDiastolic, &vs.HeartRateBPM, &vs.RespiratoryRateRPM,
		&vs.OxygenSaturationPct, decimalScan{&vs.HeadCircumferenceCm, 1}, &vs.Notes)
	if err != nil {
		return nil, mapErr(err)
	}
	return &vs, nil
}

// VitalSigns returns the set of vital signs with the given id.
func (s *Store) VitalSigns(ctx context.Context, id int64) (*clinic.VitalSigns, error) {
	vs, err := scanVitals(s.conn().queryRow(ctx, vitalsSelect+" WHERE vs.id = ?", id))
	if err != nil {
		return nil, fmt.Errorf("store: vital signs %d: %w", id, err)
	}
	return vs, nil
}

// vitalsWhere filters by visit when visitID is not 0.
func vitalsWhere(visitID int64) (string, []any) {
	if visitID == 0 {
		return "", nil
	}
	return " WHERE vs.visit_id = ?", []any{visitID}
}

// CountVitalSigns returns how many sets there are, of one visit when
// visitID is not 0.
func (s *Store) CountVitalSigns(ctx context.Context, visitID int64) (int, error) {
	where, args := vitalsWhere(visitID)
	var n int
	if err := s.conn().queryRow(ctx, "SELECT COUNT(*) FROM vital_signs vs"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count vital signs: %w", err)
	}
	return n, nil
}

// ListVitalSigns returns one page of sets, newest first.
func (s *Store) ListVitalSigns(ctx context.Context, visitID int64, limit, offset int) ([]clinic.VitalSigns, error) {
	where, args := vitalsWhere(visitID)
	rows, err := s.conn().query(ctx, vitalsSelect+where+" ORDER BY vs.measured_at DESC, vs.id DESC LIMIT ? OFFSET ?",
		append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: list vital signs: %w", err)
	}
	defer rows.Close()
	out := make([]clinic.VitalSigns, 0, limit)
	for rows.Next() {
		vs, err := scanVitals(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list vital signs: %w", err)
		}
		out = append(out, *vs)
	}
	return out, rows.Err()
}

// visitPatient returns the patient of a visit, ErrReference when the visit
// does not exist.
func visitPatient(ctx context.Context, c conn, visitID int64) (int64, error) {
	var patientID int64
	err := c.queryRow(ctx, "SELECT patient_id FROM visits WHERE id = ?", visitID).Scan(&patientID)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("store: visit %d: %w", visitID, ErrReference)
	}
	if err != nil {
		return 0, fmt.Errorf("store: visit %d: %w", visitID, err)
	}
	return patientID, nil
}

// CreateVitalSigns adds a set of vital signs and records ev; ErrReference
// when the visit does not exist.
func (s *Store) CreateVitalSigns(ctx context.Context, vs *clinic.VitalSigns, ev *clinic.AuditEvent) error {
	now := s.Now()
	return s.tx(ctx, func(c conn) error {
		patientID, err := visitPatient(ctx, c, vs.VisitID)
		if err != nil {
			return err
		}
		err = c.queryRow(ctx, `INSERT INTO vital_signs (visit_id, measured_at, weight_kg_e2,
			height_cm_e2, temperature_c_e1, bp_systolic, bp_diastolic, heart_rate_bpm,
			respiratory_rate_rpm, oxygen_saturation_pct, head_circumference_cm_e1, notes,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			vs.VisitID, tv(vs.MeasuredAt), decimalArg(vs.WeightKg), decimalArg(vs.HeightCm),
			decimalArg(vs.TemperatureC), vs.BPSystolic, vs.BPDiastolic, vs.HeartRateBPM,
			vs.RespiratoryRateRPM, vs.OxygenSaturationPct, decimalArg(vs.HeadCircumferenceCm),
			vs.Notes, tv(now), tv(now)).Scan(&vs.ID)
		if err != nil {
			return fmt.Errorf("store: create vital signs: %w", mapErr(err))
		}
		return auditChange(ctx, c, ev, vs.ID, patientID)
	})
}

// UpdateVitalSigns saves vs and records ev; ErrReference when its visit
// does not exist.
func (s *Store) UpdateVitalSigns(ctx context.Context, vs *clinic.VitalSigns, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		patientID, err := visitPatient(ctx, c, vs.VisitID)
		if err != nil {
			return err
		}
		res, err := c.exec(ctx, `UPDATE vital_signs SET visit_id = ?, measured_at = ?,
			weight_kg_e2 = ?, height_cm_e2 = ?, temperature_c_e1 = ?, bp_systolic = ?,
			bp_diastolic = ?, heart_rate_bpm = ?, respiratory_rate_rpm = ?,
			oxygen_saturation_pct = ?, head_circumference_cm_e1 = ?, notes = ?,
			updated_at = ? WHERE id = ?`,
			vs.VisitID, tv(vs.MeasuredAt), decimalArg(vs.WeightKg), decimalArg(vs.HeightCm),
			decimalArg(vs.TemperatureC), vs.BPSystolic, vs.BPDiastolic, vs.HeartRateBPM,
			vs.RespiratoryRateRPM, vs.OxygenSaturationPct, decimalArg(vs.HeadCircumferenceCm),
			vs.Notes, tv(s.Now()), vs.ID)
		if err := affectedOne(res, err, "update vital signs", vs.ID); err != nil {
			return err
		}
		return auditChange(ctx, c, ev, vs.ID, patientID)
	})
}

// DeleteVitalSigns removes a set of vital signs and records ev.
func (s *Store) DeleteVitalSigns(ctx context.Context, id int64, ev *clinic.AuditEvent) error {
	return s.tx(ctx, func(c conn) error {
		var patientID int64
		err := c.queryRow(ctx, `SELECT v.patient_id FROM vital_signs vs JOIN visits v ON v.id = vs.visit_id
			WHERE vs.id = ?`, id).Scan(&patientID)
		if err != nil {
			return fmt.Errorf("store: delete vital signs %d: %w", id, mapErr(err))
		}
		if _, err := c.exec(ctx, "DELETE FROM vital_signs WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete vital signs %d: %w", id, mapErr(err))
		}
		return auditChange(ctx, c, ev, id, patientID)
	})
}
