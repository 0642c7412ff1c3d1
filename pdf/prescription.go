package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"clinicflow/clinic"
)

// RenderPrescription writes p to w as a PDF prescription in the language
// of o: letterhead, title, patient, medications table, each item's
// instructions, notes, prescriber block with signature and stamp lines,
// and, when p has a verification code, the code and its QR code at the top
// right with where to check it at the foot of each page.
func RenderPrescription(w io.Writer, p Prescription, o Options) error {
	d := newDocument(o, "pdf.prescription.title")
	d.setRunning(p.Patient.FullName(), p.Patient.Code,
		d.msg("pdf.prescription.title", nil), d.datetime(p.Date))
	qrBottom, err := d.verification(p.VerifyCode, p.VerifyURL)
	if err != nil {
		return fmt.Errorf("pdf: prescription %d: %w", p.ID, err)
	}
	headW := bodyWidth
	if qrBottom > 0 {
		headW -= qrSize + 12
	}
	d.letterhead(p.Prescriber, headW)
	d.title("pdf.prescription.title") // centred: clear of the QR code
	d.f.SetY(max(d.y(), qrBottom+3))
	d.prescriptionPatient(p)
	d.medications(p.Items)
	d.instructions(p.Items)
	d.section(0, "pdf.section.notes", p.Notes)
	when := d.datetime(p.Date)
	d.signatureBlock(p.Prescriber, "pdf.label.prescriber", when, "pdf.signature.prescriber")
	if err := d.write(w); err != nil {
		return fmt.Errorf("pdf: prescription %d: %w", p.ID, err)
	}
	return nil
}

// prescriptionPatient prints the patient block: names, age, weight and
// the prescription's date.
func (d *document) prescriptionPatient(p Prescription) {
	weight := ""
	if p.WeightKg != nil {
		weight = p.WeightKg.String() + clinic.WeightRange.Unit
	}
	d.pairs(pairGrid{x: margin + 12, labelW: 24, valueW: 50, cols: 2}, []pair{
		{d.msg("pdf.label.first_name", nil), p.Patient.FirstName},
		{d.msg("pdf.label.last_name", nil), p.Patient.LastName},
		{d.msg("pdf.label.age", nil), d.age(p.Patient.DateOfBirth)},
		{d.msg("pdf.label.weight", nil), weight},
		{d.msg("pdf.label.date", nil), d.datetime(p.Date)},
	})
}

// age is the patient's age on the reader's day: in months under two
// years, else in whole years; empty when the birth date is unknown.
func (d *document) age(birth clinic.Date) string {
	if birth.IsZero() {
		return ""
	}
	months := clinic.AgeMonths(birth, clinic.DateOf(d.now.In(d.loc)))
	switch {
	case months == 1:
		return d.msg("pdf.age.month", map[string]any{"N": months})
	case months < 24:
		return d.msg("pdf.age.months", map[string]any{"N": months})
	}
	return d.msg("pdf.age.years", map[string]any{"N": months / 12})
}

// medicationColumns are the columns of the medications table; their
// widths add up to the width of the page's body.
var medicationColumns = []column{
	{width: 10, align: "C", header: "pdf.col.number"},
	{width: 54, align: "L", header: "pdf.col.medication"},
	{width: 28, align: "L", header: "pdf.col.dosage"},
	{width: 22, align: "L", header: "pdf.col.route"},
	{width: 32, align: "L", header: "pdf.col.frequency"},
	{width: 24, align: "L", header: "pdf.col.duration"},
}

// medications prints the table of items, or says there are none.
func (d *document) medications(items []Item) {
	d.heading(d.msg("pdf.section.medications", nil))
	if len(items) == 0 {
		d.textLines(bodyStyle, margin, bodyWidth, d.msg("pdf.no_medication", nil))
		return
	}
	t := d.newTable(medicationColumns)
	for i, it := range items {
		t.row([]string{strconv.Itoa(i + 1), it.Medication, it.Dosage,
			it.Route, it.Frequency, it.Duration})
	}
	t.end()
}

// instructions prints each item's instructions after its medication's
// name, for the items that have some.
func (d *document) instructions(items []Item) {
	headed := false
	for _, it := range items {
		if len(lines(it.Instructions)) == 0 {
			continue
		}
		if !headed {
			d.heading(d.msg("pdf.section.instructions", nil))
			headed = true
		}
		label := d.msg("pdf.instruction_label", map[string]any{
			"Medication": orDash(strings.TrimSpace(it.Medication)),
		})
		d.labelled(label, it.Instructions, margin, bodyWidth)
		d.space(0.8)
	}
}
