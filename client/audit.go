package client

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"time"

	"clinicflow/clinic"
)

// AuditQuery filters the audit trail; zero values filter nothing.
type AuditQuery struct {
	// PatientID keeps the events about one patient's records.
	PatientID int64
	// UserID keeps the events of one account.
	UserID int64
	// Since keeps the events at or after it.
	Since time.Time
}

func (q AuditQuery) values() url.Values {
	v := url.Values{}
	if q.PatientID > 0 {
		v.Set("patient", strconv.FormatInt(q.PatientID, 10))
	}
	if q.UserID > 0 {
		v.Set("user", strconv.FormatInt(q.UserID, 10))
	}
	if !q.Since.IsZero() {
		v.Set("since", q.Since.UTC().Format(time.RFC3339))
	}
	return v
}

// ListAudit returns one page of the audit trail, newest first
// (administrators).
func (c *Client) ListAudit(ctx context.Context, q AuditQuery,
	o ListOptions) (*Page[clinic.AuditEvent], error) {
	return getPage[clinic.AuditEvent](ctx, c, "/api/audit/", o.apply(q.values()))
}

// AuditEvents walks the whole audit trail that q keeps, newest first.
func (c *Client) AuditEvents(ctx context.Context,
	q AuditQuery) iter.Seq2[clinic.AuditEvent, error] {
	return each[clinic.AuditEvent](ctx, c, "/api/audit/", q.values())
}
