package clinic

import (
	"slices"
	"time"
)

// Appointment statuses.
const (
	StatusScheduled = "SCHEDULED"
	StatusConfirmed = "CONFIRMED"
	StatusCancelled = "CANCELLED"
	StatusCompleted = "COMPLETED"
	StatusNoShow    = "NO_SHOW"
)

// AppointmentStatuses lists every status, in the order the API lists them.
var AppointmentStatuses = []string{StatusScheduled, StatusConfirmed,
	StatusCancelled, StatusCompleted, StatusNoShow}

// Message ids of the appointment rules.
const (
	MsgAppointmentPast   = "appointment.in_the_past"
	MsgPatientArchived   = "appointment.patient_archived"
	MsgNotClinician      = "appointment.not_clinician"
	MsgVisitTaken        = "appointment.visit_taken"
	MsgVisitOtherPatient = "appointment.visit_other_patient"
)

// Pending reports whether an appointment of this status is still to come,
// and so may not lie in the past.
func Pending(status string) bool {
	return status == StatusScheduled || status == StatusConfirmed
}

// PatientRef is a patient as records that point at one show it.
type PatientRef struct {
	ID        int64  `json:"id"`
	Code      string `json:"patient_code"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
}

// Clinician is a doctor or nurse as the agenda shows them.
type Clinician struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	FullName  string `json:"full_name"`
	Role      Role   `json:"role"`
}

// ClinicianOf returns the account as the agenda shows it.
func ClinicianOf(u *User) Clinician {
	return Clinician{ID: u.ID, Username: u.Username, FirstName: u.FirstName,
		LastName: u.LastName, FullName: u.FullName(), Role: u.Role}
}

// SeesPatients reports whether appointments may be given with the role.
func (r Role) SeesPatients() bool { return r == RoleDoctor || r == RoleNurse }

// Appointment is an entry of the agenda as the API shows it.
type Appointment struct {
	ID          int64      `json:"id"`
	Patient     PatientRef `json:"patient"`
	DoctorID    *int64     `json:"doctor"`
	Doctor      *Clinician `json:"doctor_details"`
	ScheduledAt time.Time  `json:"scheduled_at"`
	Status      string     `json:"status"`
	Reason      string     `json:"reason"`
	Notes       string     `json:"notes"`
	VisitID     *int64     `json:"visit"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// AppointmentInput is an appointment's writable fields as a request gives
// them; nil means absent. For Doctor and Visit, a pointer to 0 means null.
type AppointmentInput struct {
	PatientID   *int64
	Doctor      *int64
	ScheduledAt *string
	Status      *string
	Reason      *string
	Notes       *string
	Visit       *int64
}

// AppointmentRefs is what the records an input points at turned out to be,
// as the store found them. A nil pointer is a record that does not exist.
type AppointmentRefs struct {
	Patient       *PatientRef
	PatientActive bool
	Doctor        *User
	// VisitPatient is the patient of the visit given, or 0 when no such
	// visit exists.
	VisitPatient int64
	// VisitTaken reports whether another appointment holds the visit.
	VisitTaken bool
}

// Apply validates the input and copies it onto a; see PatientInput.Apply
// for partial and probs. refs are the records the input points at. now is
// the current time, before which a scheduled or confirmed appointment may
// not be set; the rule is checked when the write sets the time or the
// status, and only once every field is valid.
func (in AppointmentInput) Apply(a *Appointment, partial bool, refs AppointmentRefs,
	now time.Time, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	in.applyPatient(f, a, refs)
	if f.given("doctor", in.Doctor != nil, false) {
		a.DoctorID, a.Doctor = nil, nil
		switch {
		case *in.Doctor == 0:
		case refs.Doctor == nil:
			probs.Add("doctor", Msg(MsgPKMissing, "ID", *in.Doctor))
		case !refs.Doctor.Role.SeesPatients():
			probs.Add("doctor", Msg(MsgNotClinician, "ID", *in.Doctor))
		default:
			c := ClinicianOf(refs.Doctor)
			a.DoctorID, a.Doctor = &c.ID, &c
		}
	}
	if f.given("scheduled_at", in.ScheduledAt != nil, true) {
		t, err := ParseDatetime(*in.ScheduledAt)
		if err != nil {
			probs.Add("scheduled_at", Msg(MsgDatetimeFormat, "Format", DatetimeFormat))
		}
		a.ScheduledAt = t
	}
	if f.given("status", in.Status != nil, false) {
		if !slices.Contains(AppointmentStatuses, *in.Status) {
			probs.Add("status", Msg(MsgInvalidChoice, "Value", *in.Status))
		}
		a.Status = *in.Status
	} else if a.Status == "" {
		a.Status = StatusScheduled
	}
	f.text(textRule{field: "reason", max: 255}, in.Reason, &a.Reason)
	f.text(textRule{field: "notes"}, in.Notes, &a.Notes)
	in.applyVisit(f, a, refs)
	timed := in.ScheduledAt != nil || in.Status != nil
	if timed && probs.Empty() && Pending(a.Status) && a.ScheduledAt.Before(now) {
		probs.Add("scheduled_at", Msg(MsgAppointmentPast))
	}
}

func (in AppointmentInput) applyPatient(f fields, a *Appointment, refs AppointmentRefs) {
	if !f.given("patient_id", in.PatientID != nil, true) {
		return
	}
	switch {
	case refs.Patient == nil:
		f.probs.Add("patient_id", Msg(MsgPKMissing, "ID", *in.PatientID))
	case !refs.PatientActive:
		f.probs.Add("patient_id", Msg(MsgPatientArchived, "ID", *in.PatientID))
	default:
		a.Patient = *refs.Patient
	}
}

// applyVisit links the visit given; it must exist, belong to the
// appointment's patient, and be linked to no other appointment.
func (in AppointmentInput) applyVisit(f fields, a *Appointment, refs AppointmentRefs) {
	if !f.given("visit", in.Visit != nil, false) {
		return
	}
	a.VisitID = nil
	id := *in.Visit
	switch {
	case id == 0:
		return
	case refs.VisitPatient == 0:
		f.probs.Add("visit", Msg(MsgPKMissing, "ID", id))
	case refs.VisitTaken:
		f.probs.Add("visit", Msg(MsgVisitTaken))
	case !f.probs.Has("patient_id") && refs.VisitPatient != a.Patient.ID:
		f.probs.Add("visit", Msg(MsgVisitOtherPatient, "ID", id))
	}
	a.VisitID = &id
}
