package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"

	"clinicflow/clinic"
)

// medicationsPath is the formulary's route.
const medicationsPath = "/api/prescriptions/medications/"

// MedicationQuery filters the formulary.
type MedicationQuery struct {
	// Search keeps medications matching every word in their name,
	// strength or form.
	Search string
}

func (q MedicationQuery) values() url.Values {
	v := url.Values{}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	return v
}

// ListMedications returns one page of the active medications, by name.
func (c *Client) ListMedications(ctx context.Context, q MedicationQuery,
	o ListOptions) (*Page[clinic.Medication], error) {
	return getPage[clinic.Medication](ctx, c, medicationsPath, o.apply(q.values()))
}

// Medications walks every active medication the query keeps.
func (c *Client) Medications(ctx context.Context,
	q MedicationQuery) iter.Seq2[clinic.Medication, error] {
	return each[clinic.Medication](ctx, c, medicationsPath, q.values())
}

// Medication returns one active medication; a deactivated one is not
// found (404).
func (c *Client) Medication(ctx context.Context, id int64) (*clinic.Medication, error) {
	var m clinic.Medication
	if err := c.do(ctx, "GET", medicationPath(id), nil, nil, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// MedicationFields are a medication's writable fields. For an update, nil
// fields stay as they are; a create needs the name.
type MedicationFields struct {
	Name     *string `json:"name,omitempty"`
	Form     *string `json:"form,omitempty"`
	Strength *string `json:"strength,omitempty"`
	IsActive *bool   `json:"is_active,omitempty"`
}

// CreateMedication adds a medication to the formulary.
func (c *Client) CreateMedication(ctx context.Context,
	f MedicationFields) (*clinic.Medication, error) {
	var m clinic.Medication
	if err := c.do(ctx, "POST", medicationsPath, nil, f, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// UpdateMedication changes the given fields of a medication (PATCH).
func (c *Client) UpdateMedication(ctx context.Context, id int64,
	f MedicationFields) (*clinic.Medication, error) {
	var m clinic.Medication
	if err := c.do(ctx, "PATCH", medicationPath(id), nil, f, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// DeleteMedication deactivates a medication: it leaves the lists and can
// no longer be prescribed, and the prescriptions that name it keep it.
func (c *Client) DeleteMedication(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", medicationPath(id), nil, nil, nil)
}

func medicationPath(id int64) string { return fmt.Sprintf("%s%d/", medicationsPath, id) }
