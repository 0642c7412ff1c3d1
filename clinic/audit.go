package clinic

import "time"

// Audit outcomes.
const (
	OutcomeSuccess  = "success"
	OutcomeDenied   = "denied"
	OutcomeInvalid  = "invalid"
	OutcomeNotFound = "not_found"
	OutcomeError    = "error"
)

// AuditEvent is one line of the audit trail: who did what to which record,
// when, from where, and how it ended. It never holds patient data beyond
// the record's id.
type AuditEvent struct {
	ID         int64     `json:"id"`
	At         time.Time `json:"at"`
	UserID     *int64    `json:"user"`
	Username   string    `json:"username"`
	Action     string    `json:"action"`
	Resource   string    `json:"resource"`
	ResourceID string    `json:"resource_id"`
	PatientID  *int64    `json:"patient"`
	RemoteAddr string    `json:"remote_addr"`
	RequestID  string    `json:"request_id"`
	Outcome    string    `json:"outcome"`
	Status     int       `json:"status"`
}

// OutcomeOf names the outcome of an HTTP status.
func OutcomeOf(status int) string {
	switch {
	case status < 400:
		return OutcomeSuccess
	case status == 401 || status == 403 || status == 429:
		return OutcomeDenied
	case status == 404:
		return OutcomeNotFound
	case status < 500:
		return OutcomeInvalid
	}
	return OutcomeError
}
