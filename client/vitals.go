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

// VitalsQuery filters the vital-sign list, which comes newest first.
type VitalsQuery struct {
	// Visit keeps one visit's measurements; 0 keeps every visit's.
	Visit int64
}

func (q VitalsQuery) values() url.Values {
	v := url.Values{}
	if q.Visit > 0 {
		v.Set("visit", strconv.FormatInt(q.Visit, 10))
	}
	return v
}

// ListVitals returns one page of vital signs.
func (c *Client) ListVitals(ctx context.Context, q VitalsQuery,
	o ListOptions) (*Page[clinic.VitalSigns], error) {
	return getPage[clinic.VitalSigns](ctx, c, "/api/visits/vitals/", o.apply(q.values()))
}

// Vitals walks every set of vital signs the query keeps.
func (c *Client) Vitals(ctx context.Context, q VitalsQuery) iter.Seq2[clinic.VitalSigns, error] {
	return each[clinic.VitalSigns](ctx, c, "/api/visits/vitals/", q.values())
}

// VitalSigns returns one set of vital signs.
func (c *Client) VitalSigns(ctx context.Context, id int64) (*clinic.VitalSigns, error) {
	var vs clinic.VitalSigns
	if err := c.do(ctx, "GET", vitalsPath(id), nil, nil, &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

func vitalsPath(id int64) string { return fmt.Sprintf("/api/visits/vitals/%d/", id) }

// VitalsFields are a set of vital signs' writable fields. For an update,
// nil fields stay as they are; a create needs the visit, and takes the
// measurements now when MeasuredAt is nil. Decimals are written as text
// ("10.35"), so that they stay exact; the server keeps weight and height
// to 2 places, temperature and head circumference to 1, and refuses with
// a 400 naming the field a value no living patient can show.
type VitalsFields struct {
	Visit               *int64     `json:"visit,omitempty"`
	MeasuredAt          *time.Time `json:"measured_at,omitempty"`
	WeightKg            *string    `json:"weight_kg,omitempty"`
	HeightCm            *string    `json:"height_cm,omitempty"`
	TemperatureC        *string    `json:"temperature_c,omitempty"`
	HeadCircumferenceCm *string    `json:"head_circumference_cm,omitempty"`
	BPSystolic          *int64     `json:"bp_systolic,omitempty"`
	BPDiastolic         *int64     `json:"bp_diastolic,omitempty"`
	HeartRateBPM        *int64     `json:"heart_rate_bpm,omitempty"`
	RespiratoryRateRPM  *int64     `json:"respiratory_rate_rpm,omitempty"`
	OxygenSaturationPct *int64     `json:"oxygen_saturation_pct,omitempty"`
	Notes               *string    `json:"notes,omitempty"`
}

// CreateVitals records a set of vital signs during a visit.
func (c *Client) CreateVitals(ctx context.Context, f VitalsFields) (*clinic.VitalSigns, error) {
	var vs clinic.VitalSigns
	if err := c.do(ctx, "POST", "/api/visits/vitals/", nil, f, &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// UpdateVitals changes the given fields of a set of vital signs (PATCH).
func (c *Client) UpdateVitals(ctx context.Context, id int64,
	f VitalsFields) (*clinic.VitalSigns, error) {
	var vs clinic.VitalSigns
	if err := c.do(ctx, "PATCH", vitalsPath(id), nil, f, &vs); err != nil {
		return nil, err
	}
	return &vs, nil
}

// DeleteVitals removes a set of vital signs.
func (c *Client) DeleteVitals(ctx context.Context, id int64) error {
	return c.do(ctx, "DELETE", vitalsPath(id), nil, nil, nil)
}
