package clinic

import "time"

// The types below are records in the forms the API writes them where those
// differ from the domain types: the daemon answers with them and the client
// reads them.

// Me is the signed-in account as GET /api/auth/me/ shows it.
type Me struct {
	ID         int64     `json:"id"`
	Username   string    `json:"username"`
	Email      string    `json:"email"`
	FirstName  string    `json:"first_name"`
	LastName   string    `json:"last_name"`
	FullName   string    `json:"full_name"`
	IsStaff    bool      `json:"is_staff"`
	IsActive   bool      `json:"is_active"`
	DateJoined time.Time `json:"date_joined"`
	Profile    Profile   `json:"profile"`
}

// Profile is the professional part of Me.
type Profile struct {
	Role           Role      `json:"role"`
	RoleDisplay    string    `json:"role_display"`
	Phone          string    `json:"phone"`
	Specialization string    `json:"specialization"`
	LicenseNumber  string    `json:"license_number"`
	Department     string    `json:"department"`
	HireDate       *Date     `json:"hire_date"`
	DisplayName    string    `json:"display_name"`
	Bio            string    `json:"bio"`
	ClinicAddress  string    `json:"clinic_address"`
	Avatar         *string   `json:"avatar"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Me returns the account in the form of GET /api/auth/me/.
func (u *User) Me() Me {
	return Me{
		ID: u.ID, Username: u.Username, Email: u.Email, FirstName: u.FirstName,
		LastName: u.LastName, FullName: u.FullName(), IsStaff: u.IsStaff,
		IsActive: u.IsActive, DateJoined: u.DateJoined,
		Profile: Profile{
			Role: u.Role, RoleDisplay: u.Role.Display(), Phone: u.Phone,
			Specialization: u.Specialization, LicenseNumber: u.LicenseNumber,
			Department: u.Department, HireDate: u.HireDate, DisplayName: u.DisplayName,
			Bio: u.Bio, ClinicAddress: u.ClinicAddress, CreatedAt: u.CreatedAt,
			UpdatedAt: u.UpdatedAt,
		},
	}
}

// TemplateSummary is a template as lists show it, without its lines.
type TemplateSummary struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	NameFr        string `json:"name_fr"`
	Description   string `json:"description"`
	DescriptionFr string `json:"description_fr"`
	IsActive      bool   `json:"is_active"`
}

// TemplateLine is a template's line in the detail form.
type TemplateLine struct {
	ID                int64  `json:"id"`
	Medication        int64  `json:"medication"`
	MedicationDisplay string `json:"medication_display"`
	Dosage            string `json:"dosage"`
	Route             string `json:"route"`
	Frequency         string `json:"frequency"`
	Duration          string `json:"duration"`
	Instructions      string `json:"instructions"`
}

// TemplateDetail is a template with its lines.
type TemplateDetail struct {
	TemplateSummary
	Items []TemplateLine `json:"items"`
}

// ItemWrite is a line in the write form: the medication by id. Template
// lines leave AllowOutsidePurchase out.
type ItemWrite struct {
	Medication           int64  `json:"medication"`
	Dosage               string `json:"dosage"`
	Route                string `json:"route"`
	Frequency            string `json:"frequency"`
	Duration             string `json:"duration"`
	Instructions         string `json:"instructions"`
	AllowOutsidePurchase *bool  `json:"allow_outside_purchase,omitempty"`
}

// TemplateWrite is a template in the form its writes answer.
type TemplateWrite struct {
	TemplateSummary
	Items []ItemWrite `json:"items"`
}

// Summary returns the template without its lines.
func (t *Template) Summary() TemplateSummary {
	return TemplateSummary{ID: t.ID, Name: t.Name, NameFr: t.NameFr, Description: t.Description,
		DescriptionFr: t.DescriptionFr, IsActive: t.IsActive}
}

// Detail returns the template with its lines in the detail form.
func (t *Template) Detail() TemplateDetail {
	d := TemplateDetail{TemplateSummary: t.Summary(), Items: make([]TemplateLine, len(t.Items))}
	for i, it := range t.Items {
		display := ""
		if it.Medication != nil {
			display = it.Medication.Display()
		}
		d.Items[i] = TemplateLine{ID: it.ID, Medication: it.MedicationID, MedicationDisplay: display,
			Dosage: it.Dosage, Route: it.Route, Frequency: it.Frequency, Duration: it.Duration,
			Instructions: it.Instructions}
	}
	return d
}

// Write returns the template in the write form.
func (t *Template) Write() TemplateWrite {
	return TemplateWrite{TemplateSummary: t.Summary(), Items: WriteItems(t.Items, false)}
}

// WriteItems renders lines in the write form; outside adds
// allow_outside_purchase, which prescription lines carry.
func WriteItems(items []Item, outside bool) []ItemWrite {
	out := make([]ItemWrite, len(items))
	for i, it := range items {
		out[i] = ItemWrite{Medication: it.MedicationID, Dosage: it.Dosage, Route: it.Route,
			Frequency: it.Frequency, Duration: it.Duration, Instructions: it.Instructions}
		if outside {
			allow := it.AllowOutsidePurchase
			out[i].AllowOutsidePurchase = &allow
		}
	}
	return out
}

// PrescriptionWrite is a prescription in the form its writes answer.
type PrescriptionWrite struct {
	ID           int64       `json:"id"`
	Patient      int64       `json:"patient"`
	Visit        *int64      `json:"visit"`
	TemplateUsed *int64      `json:"template_used"`
	Notes        string      `json:"notes"`
	Items        []ItemWrite `json:"items"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// VisitRef is a visit as a prescription's detail shows it.
type VisitRef struct {
	ID        int64     `json:"id"`
	VisitDate time.Time `json:"visit_date"`
	VisitType string    `json:"visit_type"`
}

// PrescriptionLine is a prescription's line in the detail form, with its
// medication whole.
type PrescriptionLine struct {
	ID                   int64       `json:"id"`
	Medication           *Medication `json:"medication"`
	Dosage               string      `json:"dosage"`
	Route                string      `json:"route"`
	Frequency            string      `json:"frequency"`
	Duration             string      `json:"duration"`
	Instructions         string      `json:"instructions"`
	AllowOutsidePurchase bool        `json:"allow_outside_purchase"`
}

// PrescriptionDetail is a prescription with its patient, visit and lines.
type PrescriptionDetail struct {
	ID           int64              `json:"id"`
	Patient      PatientRef         `json:"patient"`
	Visit        *VisitRef          `json:"visit"`
	TemplateUsed *int64             `json:"template_used"`
	Notes        string             `json:"notes"`
	Items        []PrescriptionLine `json:"items"`
	CreatedAt    time.Time          `json:"created_at"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

// Write returns the prescription in the write form.
func (p *Prescription) Write() PrescriptionWrite {
	return PrescriptionWrite{ID: p.ID, Patient: p.PatientID, Visit: p.VisitID, TemplateUsed: p.TemplateUsed,
		Notes: p.Notes, Items: WriteItems(p.Items, true), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// Detail returns the prescription in the detail form.
func (p *Prescription) Detail() PrescriptionDetail {
	d := PrescriptionDetail{ID: p.ID, TemplateUsed: p.TemplateUsed, Notes: p.Notes,
		Items: make([]PrescriptionLine, len(p.Items)), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if pt := p.Patient; pt != nil {
		d.Patient = PatientRef{ID: pt.ID, Code: pt.Code, FirstName: pt.FirstName, LastName: pt.LastName}
	}
	if v := p.Visit; v != nil {
		d.Visit = &VisitRef{ID: v.ID, VisitDate: v.VisitDate, VisitType: v.VisitType}
	}
	for i, it := range p.Items {
		d.Items[i] = PrescriptionLine{ID: it.ID, Medication: it.Medication, Dosage: it.Dosage,
			Route: it.Route, Frequency: it.Frequency, Duration: it.Duration,
			Instructions: it.Instructions, AllowOutsidePurchase: it.AllowOutsidePurchase}
	}
	return d
}

// Verification is the answer of the public verify route: whether a printed
// prescription's code is genuine and what the paper says about when, by
// whom and how many lines; nothing about the patient.
type Verification struct {
	Valid        bool   `json:"valid"`
	Detail       string `json:"detail,omitempty"`
	Prescription int64  `json:"prescription,omitempty"`
	Date         string `json:"date,omitempty"`
	Prescriber   string `json:"prescriber,omitempty"`
	Items        int    `json:"items,omitempty"`
}
