package pdf

import (
	"strconv"
	"strings"
	"time"

	"clinicflow/clinic"
)

// Prescriber is the doctor a document is printed for: the letterhead and
// the signature block.
type Prescriber struct {
	DisplayName    string
	FirstName      string
	LastName       string
	Username       string
	Specialization string
	Bio            string // several lines; blank ones are not printed
	LicenseNumber  string
	ClinicAddress  string // may hold several lines; printed on one
}

// Name is the prescriber's name as printed: the display name, else
// "Dr. First Last", else "Dr. username".
func (p Prescriber) Name() string {
	if s := strings.TrimSpace(p.DisplayName); s != "" {
		return s
	}
	if full := joinNames(p.FirstName, p.LastName); full != "" {
		return "Dr. " + full
	}
	if s := strings.TrimSpace(p.Username); s != "" {
		return "Dr. " + s
	}
	return ""
}

// Patient is who a document is about.
type Patient struct {
	FirstName   string
	LastName    string
	Code        string // the patient code, such as PT-000001
	DateOfBirth clinic.Date
}

// FullName is "First Last", blanks skipped.
func (p Patient) FullName() string {
	return joinNames(p.FirstName, p.LastName)
}

// joinNames is "first last", trimmed, with a blank name skipped.
func joinNames(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// Item is one line of a prescription.
type Item struct {
	Medication   string // name, strength and form joined by spaces
	Dosage       string
	Route        string
	Frequency    string
	Duration     string
	Instructions string // printed below the table
}

// Prescription is everything a printed prescription shows.
type Prescription struct {
	ID         int64
	Date       time.Time // when it was written
	Patient    Patient
	WeightKg   *clinic.Decimal // the linked visit's latest weight; nil prints "-"
	Items      []Item
	Notes      string
	Prescriber Prescriber
	VerifyCode string // when set, printed with its QR code
	VerifyURL  string // what the QR code encodes; the code itself when empty
}

// VitalSigns is the set of measurements a visit summary shows. Every value
// is optional; the decimals keep the places they were measured with.
type VitalSigns struct {
	TemperatureC        *clinic.Decimal
	BPSystolic          *int64
	BPDiastolic         *int64
	HeartRateBPM        *int64
	RespiratoryRateRPM  *int64
	OxygenSaturationPct *int64
	WeightKg            *clinic.Decimal
	HeightCm            *clinic.Decimal
	HeadCircumferenceCm *clinic.Decimal
}

// VisitSummary is everything a printed visit summary shows. Empty sections
// are left out.
type VisitSummary struct {
	ID        int64
	Patient   Patient
	VisitDate time.Time
	VisitType string // clinic.VisitConsultation or clinic.VisitFollowUp

	ChiefComplaint          string
	MedicalHistory          string
	HistoryOfPresentIllness string
	PhysicalExam            string
	ComplementaryExam       string
	Vitals                  *VitalSigns // the latest set, or nil
	Assessment              string
	Plan                    string
	Treatment               string
	Notes                   string

	Prescriber Prescriber
}

// Options are the reader's: the language and the clinic's clock.
type Options struct {
	// Lang is "fr" (the default when empty) or "en"; any other language
	// gets English.
	Lang string
	// Location is the clinic's time zone, where dates and times are
	// printed; UTC when nil.
	Location *time.Location
	// Now is the day the patient's age is counted to; the current time
	// when zero.
	Now time.Time
}

// PrescriptionFilename is the download name of a prescription's PDF:
// prescription_{id}.pdf in English, ordonnance_{id}.pdf otherwise.
func PrescriptionFilename(id int64, lang string) string {
	if printer(lang).Lang() == "en" {
		return "prescription_" + strconv.FormatInt(id, 10) + ".pdf"
	}
	return "ordonnance_" + strconv.FormatInt(id, 10) + ".pdf"
}

// VisitSummaryFilename is the download name of a visit summary's PDF,
// resume_visite_{id}.pdf in every language.
func VisitSummaryFilename(id int64) string {
	return "resume_visite_" + strconv.FormatInt(id, 10) + ".pdf"
}
