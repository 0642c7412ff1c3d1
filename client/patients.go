package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strings"

	"clinicflow/clinic"
)

// PatientQuery filters and orders the patient list.
type PatientQuery struct {
	// Search keeps patients matching every word (code, names, phone,
	// address, email; accents and case aside).
	Search string
	// Archived lists archived patients too (administrators only).
	Archived bool
	// Ordering are field names, "-" first for descending: last_name,
	// first_name, created_at, patient_code, last_visit_date, next_visit_date.
	Ordering []string
}

func (q PatientQuery) values() url.Values {
	v := url.Values{}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	if q.Archived {
		v.Set("archived", "true")
	}
	if len(q.Ordering) > 0 {
		v.Set("ordering", strings.Join(q.Ordering, ","))
	}
	return v
}

// ListPatients returns one page of patients.
func (c *Client) ListPatients(ctx context.Context, q PatientQuery, o ListOptions) (*Page[clinic.Patient], error) {
	return getPage[clinic.Patient](ctx, c, "/api/patients/", o.apply(q.values()))
}

// Patients walks every patient the query keeps.
func (c *Client) Patients(ctx context.Context, q PatientQuery) iter.Seq2[clinic.Patient, error] {
	return each[clinic.Patient](ctx, c, "/api/patients/", q.values())
}

// Patient returns one patient, archived or not.
func (c *Client) Patient(ctx context.Context, id int64) (*clinic.Patient, error) {
	var p clinic.Patient
	if err := c.do(ctx, "GET", fmt.Sprintf("/api/patients/%d/", id), nil, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// PatientFields are a patient's writable fields. For an update, nil fields
// stay as they are; a create needs first and last name, sex, date of birth
// and address.
type PatientFields struct {
	FirstName   *string `json:"first_name,omitempty"`
	LastName    *string `json:"last_name,omitempty"`
	Sex         *string `json:"sex,omitempty"`
	DateOfBirth *string `json:"date_of_birth,omitempty"`
	Phone       *string `json:"phone,omitempty"`
	Email       *string `json:"email,omitempty"`
	Address     *string `json:"address,omitempty"`
}

// CreatePatient adds a patient.
func (c *Client) CreatePatient(ctx context.Context, f PatientFields) (*clinic.Patient, error) {
	var p clinic.Patient
	if err := c.do(ctx, "POST", "/api/patients/", nil, f, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// UpdatePatient changes the given fields of a patient (PATCH).
func (c *Client) UpdatePatient(ctx context.Context, id int64, f PatientFields) (*clinic.Patient, error) {
	var p clinic.Patient
	if err := c.do(ctx, "PATCH", fmt.Sprintf("/api/patients/%d/", id), nil, f, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ArchivePatient archives a patient: administrators any, others those
// they created.
func (c *Client) ArchivePatient(ctx context.Context, id int64) error {
	return c.do(ctx, "POST", fmt.Sprintf("/api/patients/%d/archive/", id), nil, nil, nil)
}

// DeletePatient is DELETE on a patient, which archives it as
// ArchivePatient does but answers 204 and also for a patient already
// archived.
func (c *Client) DeletePatient(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", fmt.Sprintf("/api/patients/%d/", id), nil, nil, nil)
}

// RestorePatient brings an archived patient back (administrators).
func (c *Client) RestorePatient(ctx context.Context, id int64) error {
	return c.do(ctx, "POST", fmt.Sprintf("/api/patients/%d/restore/", id), nil, nil, nil)
}

// String returns a pointer to s, for the fields of PatientFields and the
// other change types.
func String(s string) *string { return &s }
