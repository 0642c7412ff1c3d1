package clinic

import (
	"fmt"
	"time"
)

// Sex values a patient record accepts.
const (
	SexMale   = "M"
	SexFemale = "F"
)

// Patient is a patient's file as the API shows it. The last four fields are
// computed from the patient's visits and vital signs.
type Patient struct {
	ID          int64     `json:"id"`
	Code        string    `json:"patient_code"`
	FirstName   string    `json:"first_name"`
	LastName    string    `json:"last_name"`
	Sex         string    `json:"sex"`
	DateOfBirth Date      `json:"date_of_birth"`
	Phone       string    `json:"phone"`
	Email       string    `json:"email"`
	Address     string    `json:"address"`
	IsActive    bool      `json:"is_active"`
	CreatedAt   time.Time `json:"created_at"`

	LastVisitDate  *time.Time `json:"last_visit_date"`
	NextVisitDate  *time.Time `json:"next_visit_date"`
	LatestWeightKg *Number    `json:"latest_weight_kg"`
	LastVisitID    *int64     `json:"last_visit_id"`

	// CreatedBy is the account that created the file, or 0 when unknown.
	CreatedBy int64     `json:"-"`
	UpdatedAt time.Time `json:"-"`
}

// PatientCode is the code shown for a patient id: PT- and six digits.
func PatientCode(id int64) string { return fmt.Sprintf("PT-%06d", id) }

// FullName is "First Last".
func (p *Patient) FullName() string { return p.FirstName + " " + p.LastName }

// SearchText is what a patient search looks through: code, names, phone,
// address and email, folded, one per line so that no term spans two fields.
func (p *Patient) SearchText() string {
	return Fold(p.Code + "\n" + p.FirstName + "\n" + p.LastName + "\n" +
		p.Phone + "\n" + p.Address + "\n" + p.Email)
}

// PatientInput is a patient's writable fields as a request gives them; nil
// means absent.
type PatientInput struct {
	FirstName   *string
	LastName    *string
	Sex         *string
	DateOfBirth *string
	Phone       *string
	Email       *string
	Address     *string
	IsActive    *bool
}

// Apply validates the input and copies it onto p. A full write (partial
// false) requires every required field; a partial one checks only what is
// given. Fields that already have a problem in probs are skipped. today is
// the clinic's current day, after which no one is born. When probs is not
// empty afterwards, p must not be saved.
func (in PatientInput) Apply(p *Patient, partial bool, today Date, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	f.text(textRule{field: "first_name", max: 100, required: true}, in.FirstName, &p.FirstName)
	f.text(textRule{field: "last_name", max: 100, required: true}, in.LastName, &p.LastName)
	if f.given("sex", in.Sex != nil, true) {
		if *in.Sex != SexMale && *in.Sex != SexFemale {
			probs.Add("sex", Msg(MsgInvalidChoice, "Value", *in.Sex))
		}
		p.Sex = *in.Sex
	}
	if f.given("date_of_birth", in.DateOfBirth != nil, true) {
		d, err := ParseDate(*in.DateOfBirth)
		switch {
		case err != nil:
			probs.Add("date_of_birth", Msg(MsgDateFormat, "Format", "YYYY-MM-DD"))
		case d.After(today):
			probs.Add("date_of_birth", Msg(MsgDateInFuture))
		}
		p.DateOfBirth = d
	}
	f.text(textRule{field: "phone", max: 30}, in.Phone, &p.Phone)
	f.email("email", in.Email, &p.Email)
	f.text(textRule{field: "address", required: true}, in.Address, &p.Address)
	if f.given("is_active", in.IsActive != nil, false) {
		p.IsActive = *in.IsActive
	}
}
