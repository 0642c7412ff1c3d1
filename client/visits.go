package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"time"

	"clinicflow/clinic"
)

// VisitQuery filters the visit list, which comes newest first.
type VisitQuery struct {
	// Patient keeps one patient's visits; 0 keeps every patient's.
	Patient int64
	// Search keeps visits whose patient's name or chief complaint holds
	// every word (accents and case aside).
	Search string
}

func (q VisitQuery) values() url.Values {
	v := url.Values{}
	if q.Patient > 0 {
		v.Set("patient", strconv.FormatInt(q.Patient, 10))
	}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	return v
}

// ListVisits returns one page of visits.
func (c *Client) ListVisits(ctx context.Context, q VisitQuery,
	o ListOptions) (*Page[clinic.Visit], error) {
	return getPage[clinic.Visit](ctx, c, "/api/visits/", o.apply(q.values()))
}

// Visits walks every visit the query keeps.
func (c *Client) Visits(ctx context.Context, q VisitQuery) iter.Seq2[clinic.Visit, error] {
	return each[clinic.Visit](ctx, c, "/api/visits/", q.values())
}

// Visit returns one visit with its vital signs, newest first.
func (c *Client) Visit(ctx context.Context, id int64) (*clinic.Visit, error) {
	var v clinic.Visit
	if err := c.do(ctx, "GET", visitPath(id), nil, nil, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

func visitPath(id int64) string { return fmt.Sprintf("/api/visits/%d/", id) }

// VisitFields are a visit's writable fields. For an update, nil fields
// stay as they are; a create needs the patient, and dates the visit now
// when VisitDate is nil.
type VisitFields struct {
	Patient   *int64     `json:"patient,omitempty"`
	VisitDate *time.Time `json:"visit_date,omitempty"`
	// VisitType is clinic.VisitConsultation (the default) or
	// clinic.VisitFollowUp.
	VisitType               *string `json:"visit_type,omitempty"`
	ChiefComplaint          *string `json:"chief_complaint,omitempty"`
	MedicalHistory          *string `json:"medical_history,omitempty"`
	HistoryOfPresentIllness *string `json:"history_of_present_illness,omitempty"`
	PhysicalExam            *string `json:"physical_exam,omitempty"`
	ComplementaryExam       *string `json:"complementary_exam,omitempty"`
	Assessment              *string `json:"assessment,omitempty"`
	Plan                    *string `json:"plan,omitempty"`
	Treatment               *string `json:"treatment,omitempty"`
	Notes                   *string `json:"notes,omitempty"`
}

// CreateVisit records a visit.
func (c *Client) CreateVisit(ctx context.Context, f VisitFields) (*clinic.Visit, error) {
	var v clinic.Visit
	if err := c.do(ctx, "POST", "/api/visits/", nil, f, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// UpdateVisit changes the given fields of a visit (PATCH).
func (c *Client) UpdateVisit(ctx context.Context, id int64, f VisitFields) (*clinic.Visit, error) {
	var v clinic.Visit
	if err := c.do(ctx, "PATCH", visitPath(id), nil, f, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// DeleteVisit removes a visit and its vital signs; prescriptions and
// appointments that pointed at it stay, pointing at none.
func (c *Client) DeleteVisit(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", visitPath(id), nil, nil, nil)
}

// VisitPDF fetches a visit's summary as a PDF, in lang ("fr" or "en"; ""
// for the server's default, French). Its Name is resume_visite_{id}.pdf.
// The caller closes its Body.
func (c *Client) VisitPDF(ctx context.Context, id int64, lang string) (*Download, error) {
	q := url.Values{}
	if lang != "" {
		q.Set("lang", lang)
	}
	return c.download(ctx, visitPath(id)+"pdf/", q)
}
