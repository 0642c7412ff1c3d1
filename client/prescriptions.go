package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"clinicflow/clinic"
)

// prescriptionsPath is the prescriptions' route.
const prescriptionsPath = "/api/prescriptions/"

// PrescriptionQuery filters the prescriptions list; zero values keep all.
type PrescriptionQuery struct {
	// Patient keeps the prescriptions of one patient.
	Patient int64
	// Visit keeps the prescriptions made during one visit.
	Visit int64
}

func (q PrescriptionQuery) values() url.Values {
	v := url.Values{}
	if q.Patient > 0 {
		v.Set("patient", strconv.FormatInt(q.Patient, 10))
	}
	if q.Visit > 0 {
		v.Set("visit", strconv.FormatInt(q.Visit, 10))
	}
	return v
}

// ListPrescriptions returns one page of prescriptions, newest first.
func (c *Client) ListPrescriptions(ctx context.Context, q PrescriptionQuery,
	o ListOptions) (*Page[clinic.PrescriptionSummary], error) {
	return getPage[clinic.PrescriptionSummary](ctx, c, prescriptionsPath, o.apply(q.values()))
}

// Prescriptions walks every prescription the query keeps, newest first.
func (c *Client) Prescriptions(ctx context.Context,
	q PrescriptionQuery) iter.Seq2[clinic.PrescriptionSummary, error] {
	return each[clinic.PrescriptionSummary](ctx, c, prescriptionsPath, q.values())
}

// Prescription returns one prescription with its patient, visit and
// lines.
func (c *Client) Prescription(ctx context.Context, id int64) (*clinic.PrescriptionDetail, error) {
	var p clinic.PrescriptionDetail
	if err := c.do(ctx, "GET", prescriptionPath(id), nil, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// PrescriptionFields are a prescription's writable fields. For an update,
// nil fields stay as they are; a create needs the patient (the items
// default to none). A Visit or TemplateUsed pointing at 0 unlinks it.
// Items, when not nil, replace every line.
type PrescriptionFields struct {
	Patient      *int64
	Visit        *int64
	TemplateUsed *int64
	Notes        *string
	Items        *[]clinic.ItemWrite
}

// MarshalJSON writes the fields that are set, a link to 0 as null.
func (f PrescriptionFields) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Patient      *int64              `json:"patient,omitempty"`
		Visit        json.RawMessage     `json:"visit,omitempty"`
		TemplateUsed json.RawMessage     `json:"template_used,omitempty"`
		Notes        *string             `json:"notes,omitempty"`
		Items        *[]clinic.ItemWrite `json:"items,omitempty"`
	}{f.Patient, link(f.Visit), link(f.TemplateUsed), f.Notes, f.Items})
}

// link writes an optional reference: nothing for nil, null for 0.
func link(id *int64) json.RawMessage {
	switch {
	case id == nil:
		return nil
	case *id == 0:
		return json.RawMessage("null")
	}
	return json.RawMessage(strconv.FormatInt(*id, 10))
}

// CreatePrescription writes a prescription; the signed-in doctor is its
// prescriber (other roles get 403). The answer is the write form: lines
// name their medication by id.
func (c *Client) CreatePrescription(ctx context.Context,
	f PrescriptionFields) (*clinic.PrescriptionWrite, error) {
	if f.Items == nil {
		f.Items = &[]clinic.ItemWrite{}
	}
	var p clinic.PrescriptionWrite
	if err := c.do(ctx, "POST", prescriptionsPath, nil, f, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// UpdatePrescription changes the given fields of a prescription (PATCH,
// doctors only). The code printed on earlier copies stops verifying.
func (c *Client) UpdatePrescription(ctx context.Context, id int64,
	f PrescriptionFields) (*clinic.PrescriptionWrite, error) {
	var p clinic.PrescriptionWrite
	if err := c.do(ctx, "PATCH", prescriptionPath(id), nil, f, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// DeletePrescription deletes a prescription (doctors only).
func (c *Client) DeletePrescription(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", prescriptionPath(id), nil, nil, nil)
}

// PrescriptionPDF fetches a prescription as a signed PDF, in lang ("fr" or
// "en"; "" for the server's default, French). Its Name is
// ordonnance_{id}.pdf in French, prescription_{id}.pdf in English. The
// caller closes its Body.
func (c *Client) PrescriptionPDF(ctx context.Context, id int64, lang string) (*Download, error) {
	q := url.Values{}
	if lang != "" {
		q.Set("lang", lang)
	}
	return c.download(ctx, prescriptionPath(id)+"pdf/", q)
}

// ErrEmptyCode is returned by Verify for a blank code.
var ErrEmptyCode = errors.New("client: verify: empty code")

// Verify asks the server whether a printed prescription's verification
// code (RX-12-…) is genuine. It needs no sign-in.
//
// A code that does not verify (made up, mistyped, or printed before the
// prescription changed) is an answer, not a failure: Verify returns it
// with Valid false, the server's reason in Detail, and a nil error. A
// text that is not a code at all is refused with a 400 *Error, whose
// Detail says so; other failures are errors too.
func (c *Client) Verify(ctx context.Context, code string) (*clinic.Verification, error) {
	if strings.TrimSpace(code) == "" {
		return nil, ErrEmptyCode
	}
	path := prescriptionsPath + "verify/" + url.PathEscape(code) + "/"
	resp, err := c.once(ctx, request{method: "GET", path: path, public: true})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
		return nil, readError(resp)
	}
	var v clinic.Verification
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		return nil, fmt.Errorf("client: verify: %w", err)
	}
	v.Valid = v.Valid && resp.StatusCode == http.StatusOK
	return &v, nil
}

func prescriptionPath(id int64) string { return fmt.Sprintf("%s%d/", prescriptionsPath, id) }
