package clinic

import "time"

// Visit types.
const (
	VisitConsultation = "CONSULTATION"
	VisitFollowUp     = "FOLLOW_UP"
)

// Visit is a consultation as the API shows it, with its vital signs newest
// first.
type Visit struct {
	ID                      int64        `json:"id"`
	PatientID               int64        `json:"patient"`
	PatientName             string       `json:"patient_name"`
	VisitDate               time.Time    `json:"visit_date"`
	VisitType               string       `json:"visit_type"`
	ChiefComplaint          string       `json:"chief_complaint"`
	MedicalHistory          string       `json:"medical_history"`
	HistoryOfPresentIllness string       `json:"history_of_present_illness"`
	PhysicalExam            string       `json:"physical_exam"`
	ComplementaryExam       string       `json:"complementary_exam"`
	Assessment              string       `json:"assessment"`
	Plan                    string       `json:"plan"`
	Treatment               string       `json:"treatment"`
	Notes                   string       `json:"notes"`
	VitalSigns              []VitalSigns `json:"vital_signs"`
	CreatedAt               time.Time    `json:"created_at"`
	UpdatedAt               time.Time    `json:"updated_at"`

	// CreatedBy is the account that recorded the visit, or 0.
	CreatedBy int64 `json:"-"`
}

// VisitInput is a visit's writable fields as a request gives them; nil
// means absent. The patient is checked for existence by the store.
type VisitInput struct {
	Patient                 *int64
	VisitDate               *string
	VisitType               *string
	ChiefComplaint          *string
	MedicalHistory          *string
	HistoryOfPresentIllness *string
	PhysicalExam            *string
	ComplementaryExam       *string
	Assessment              *string
	Plan                    *string
	Treatment               *string
	Notes                   *string
}

// Apply validates the input and copies it onto v; see PatientInput.Apply
// for partial and probs. A new visit without a date is dated now.
func (in VisitInput) Apply(v *Visit, partial bool, now time.Time, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	if f.given("patient", in.Patient != nil, true) {
		v.PatientID = *in.Patient
	}
	if f.given("visit_date", in.VisitDate != nil, false) {
		t, err := ParseDatetime(*in.VisitDate)
		if err != nil {
			probs.Add("visit_date", Msg(MsgDatetimeFormat, "Format", DatetimeFormat))
		}
		v.VisitDate = t
	} else if v.VisitDate.IsZero() {
		v.VisitDate = now.UTC().Truncate(time.Microsecond)
	}
	if f.given("visit_type", in.VisitType != nil, false) {
		if *in.VisitType != VisitConsultation && *in.VisitType != VisitFollowUp {
			probs.Add("visit_type", Msg(MsgInvalidChoice, "Value", *in.VisitType))
		}
		v.VisitType = *in.VisitType
	} else if v.VisitType == "" {
		v.VisitType = VisitConsultation
	}
	f.text(textRule{field: "chief_complaint", max: 255}, in.ChiefComplaint, &v.ChiefComplaint)
	f.text(textRule{field: "medical_history"}, in.MedicalHistory, &v.MedicalHistory)
	f.text(textRule{field: "history_of_present_illness"}, in.HistoryOfPresentIllness, &v.HistoryOfPresentIllness)
	f.text(textRule{field: "physical_exam"}, in.PhysicalExam, &v.PhysicalExam)
	f.text(textRule{field: "complementary_exam"}, in.ComplementaryExam, &v.ComplementaryExam)
	f.text(textRule{field: "assessment"}, in.Assessment, &v.Assessment)
	f.text(textRule{field: "plan"}, in.Plan, &v.Plan)
	f.text(textRule{field: "treatment"}, in.Treatment, &v.Treatment)
	f.text(textRule{field: "notes"}, in.Notes, &v.Notes)
}
