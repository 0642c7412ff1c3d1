package clinic

import (
	"strings"
	"time"
)

// Medication is an entry of the practice's formulary.
type Medication struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Form     string `json:"form"`
	Strength string `json:"strength"`
	IsActive bool   `json:"is_active"`
}

// Display is the name, strength and form joined by spaces, blanks skipped:
// "Amoxicillin 250 mg capsule".
func (m *Medication) Display() string {
	return strings.Join(strings.Fields(m.Name+" "+m.Strength+" "+m.Form), " ")
}

// MedicationInput is a medication's writable fields as a request gives them.
type MedicationInput struct {
	Name     *string
	Form     *string
	Strength *string
	IsActive *bool
}

// Apply validates the input and copies it onto m; see PatientInput.Apply.
func (in MedicationInput) Apply(m *Medication, partial bool, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	f.text(textRule{field: "name", max: 120, required: true}, in.Name, &m.Name)
	f.text(textRule{field: "form", max: 80}, in.Form, &m.Form)
	f.text(textRule{field: "strength", max: 80}, in.Strength, &m.Strength)
	if f.given("is_active", in.IsActive != nil, false) {
		m.IsActive = *in.IsActive
	}
}

// Item is one medication line of a template or a prescription.
type Item struct {
	ID           int64
	MedicationID int64
	// Medication is the line's medication, filled when read.
	Medication   *Medication
	Dosage       string
	Route        string
	Frequency    string
	Duration     string
	Instructions string
	// AllowOutsidePurchase is a prescription line's only: the patient may
	// buy the medication elsewhere.
	AllowOutsidePurchase bool
}

// ItemInput is one line as a request gives it.
type ItemInput struct {
	Medication           *int64
	Dosage               *string
	Route                *string
	Frequency            *string
	Duration             *string
	Instructions         *string
	AllowOutsidePurchase *bool
}

// Apply validates a line into a new Item, with its problems in probs.
func (in ItemInput) Apply(probs *Problems) Item {
	var it Item
	f := fields{probs: probs}
	if f.given("medication", in.Medication != nil, true) {
		it.MedicationID = *in.Medication
	}
	f.text(textRule{field: "dosage", max: 120}, in.Dosage, &it.Dosage)
	f.text(textRule{field: "route", max: 80}, in.Route, &it.Route)
	f.text(textRule{field: "frequency", max: 80}, in.Frequency, &it.Frequency)
	f.text(textRule{field: "duration", max: 80}, in.Duration, &it.Duration)
	f.text(textRule{field: "instructions"}, in.Instructions, &it.Instructions)
	if f.given("allow_outside_purchase", in.AllowOutsidePurchase != nil, false) {
		it.AllowOutsidePurchase = *in.AllowOutsidePurchase
	}
	return it
}

// Template is a reusable prescription: a name in English and French and
// its medication lines.
type Template struct {
	ID            int64
	Name          string
	NameFr        string
	Description   string
	DescriptionFr string
	IsActive      bool
	Items         []Item
}

// TemplateInput is a template's writable fields; Items, when not nil,
// replace every line.
type TemplateInput struct {
	Name          *string
	NameFr        *string
	Description   *string
	DescriptionFr *string
	IsActive      *bool
	Items         []Item
}

// Apply validates the input and copies it onto t; see PatientInput.Apply.
func (in TemplateInput) Apply(t *Template, partial bool, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	f.text(textRule{field: "name", max: 150, required: true}, in.Name, &t.Name)
	f.text(textRule{field: "name_fr", max: 150}, in.NameFr, &t.NameFr)
	f.text(textRule{field: "description"}, in.Description, &t.Description)
	f.text(textRule{field: "description_fr"}, in.DescriptionFr, &t.DescriptionFr)
	if f.given("is_active", in.IsActive != nil, false) {
		t.IsActive = *in.IsActive
	}
	if in.Items != nil {
		t.Items = in.Items
	}
}

// Prescription is a doctor's prescription for a patient, possibly made
// during a visit and from a template.
type Prescription struct {
	ID           int64
	PatientID    int64
	VisitID      *int64
	TemplateUsed *int64
	Notes        string
	Items        []Item
	// PrescriberID is the doctor who wrote it; it signs the printed copy.
	PrescriberID int64
	CreatedAt    time.Time
	UpdatedAt    time.Time

	// Filled when read for the detail and the printed copy.
	Patient *Patient
	Visit   *Visit
}

// PrescriptionSummary is a line of the prescriptions list.
type PrescriptionSummary struct {
	ID          int64     `json:"id"`
	VisitID     *int64    `json:"visit_id"`
	PatientID   int64     `json:"patient_id"`
	PatientName string    `json:"patient_name"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// PrescriptionInput is a prescription's writable fields; Items, when not
// nil, replace every line. A visit or template of 0 means none.
type PrescriptionInput struct {
	Patient       *int64
	Visit         *int64
	Template      *int64
	ClearVisit    bool
	ClearTemplate bool
	Notes         *string
	Items         []Item
	ItemsGiven    bool
}

// Apply validates the input and copies it onto p; see PatientInput.Apply.
// Items are required on a full write.
func (in PrescriptionInput) Apply(p *Prescription, partial bool, probs *Problems) {
	f := fields{partial: partial, probs: probs}
	if f.given("patient", in.Patient != nil, true) {
		p.PatientID = *in.Patient
	}
	switch {
	case in.ClearVisit:
		p.VisitID = nil
	case f.given("visit", in.Visit != nil, false):
		p.VisitID = in.Visit
	}
	switch {
	case in.ClearTemplate:
		p.TemplateUsed = nil
	case f.given("template_used", in.Template != nil, false):
		p.TemplateUsed = in.Template
	}
	f.text(textRule{field: "notes"}, in.Notes, &p.Notes)
	if f.given("items", in.ItemsGiven, true) {
		p.Items = in.Items
	}
}
