package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"clinicflow/clinic"
)

// RenderVisitSummary writes v to w as a PDF visit summary in the language
// of o: letterhead, title, patient and visit, each non-empty section in
// the order a doctor writes them with the vital signs among them, and the
// doctor's block with signature and stamp lines.
func RenderVisitSummary(w io.Writer, v VisitSummary, o Options) error {
	d := newDocument(o, "pdf.visit.title")
	d.setRunning(v.Patient.FullName(), v.Patient.Code,
		d.msg("pdf.visit.title", nil), d.datetime(v.VisitDate))
	d.letterhead(v.Prescriber, bodyWidth)
	d.title("pdf.visit.title")
	d.pairs(pairGrid{x: margin + 12, labelW: 30, valueW: 50, cols: 2}, []pair{
		{d.msg("pdf.label.patient", nil), v.Patient.FullName()},
		{d.msg("pdf.label.code", nil), v.Patient.Code},
		{d.msg("pdf.label.visit_date", nil), d.datetime(v.VisitDate)},
		{d.msg("pdf.label.visit_type", nil), d.visitType(v.VisitType)},
	})
	d.space(2)
	d.visitSections(v)
	d.signatureBlock(v.Prescriber, "pdf.label.doctor", d.date(v.VisitDate), "pdf.signature.doctor")
	if err := d.write(w); err != nil {
		return fmt.Errorf("pdf: visit summary %d: %w", v.ID, err)
	}
	return nil
}

// sectionIndent is how far a section's text sits right of its heading.
const sectionIndent = 3.0

// visitSections prints the visit's sections in API.md's order, skipping
// the empty ones.
func (d *document) visitSections(v VisitSummary) {
	before := []struct{ id, text string }{
		{"pdf.section.chief_complaint", v.ChiefComplaint},
		{"pdf.section.medical_history", v.MedicalHistory},
		{"pdf.section.present_illness", v.HistoryOfPresentIllness},
		{"pdf.section.physical_exam", v.PhysicalExam},
		{"pdf.section.complementary_exam", v.ComplementaryExam},
	}
	after := []struct{ id, text string }{
		{"pdf.section.assessment", v.Assessment},
		{"pdf.section.plan", v.Plan},
		{"pdf.section.treatment", v.Treatment},
		{"pdf.section.notes", v.Notes},
	}
	for _, s := range before {
		d.section(sectionIndent, s.id, s.text)
	}
	d.vitals(v.Vitals)
	for _, s := range after {
		d.section(sectionIndent, s.id, s.text)
	}
}

// section prints a heading and its text, indented by indent; nothing when
// the text is blank.
func (d *document) section(indent float64, id, text string) {
	if len(lines(text)) == 0 {
		return
	}
	d.heading(d.msg(id, nil))
	d.textLines(bodyStyle, margin+indent, bodyWidth-indent, text)
}

// visitType is the visit type in the reader's language, or as stored when
// the catalogue does not know it.
func (d *document) visitType(t string) string {
	id := "pdf.visit_type." + strings.ToLower(t)
	if s := d.msg(id, nil); s != id {
		return s
	}
	return t
}

// vitals prints the measured vital signs with their units, all on one
// page; nothing when none was measured.
func (d *document) vitals(v *VitalSigns) {
	rows := d.vitalRows(v)
	if len(rows) == 0 {
		return
	}
	const rowH, labelW, valueW = 6.5, 55.0, 45.0
	d.ensure(headingStyle.lineHeight() + 4 + float64(len(rows))*rowH)
	d.heading(d.msg("pdf.section.vitals", nil))
	x := margin + 40
	d.stroke(rule, 0.15)
	for _, r := range rows {
		top := d.y()
		d.use(labelStyle)
		d.f.SetXY(x, top)
		d.f.CellFormat(labelW, rowH, r.label, "", 0, "L", false, 0, "")
		d.use(bodyStyle)
		d.f.CellFormat(valueW, rowH, r.value, "", 0, "L", false, 0, "")
		d.f.Line(x, top+rowH, x+labelW+valueW, top+rowH)
		d.f.SetY(top + rowH)
	}
	d.space(2)
}

// vitalRows are the label and value with unit of each measured sign, in
// the order they are taken.
func (d *document) vitalRows(v *VitalSigns) []pair {
	if v == nil {
		return nil
	}
	var rows []pair
	add := func(id, value string) {
		if value != "" {
			rows = append(rows, pair{d.msg(id, nil), value})
		}
	}
	add("pdf.vital.temperature",
		decimal(v.TemperatureC, clinic.TemperatureRange.Unit))
	add("pdf.vital.blood_pressure", pressure(v.BPSystolic, v.BPDiastolic))
	add("pdf.vital.heart_rate",
		integer(v.HeartRateBPM, clinic.HeartRateRange.Unit))
	add("pdf.vital.respiratory_rate",
		integer(v.RespiratoryRateRPM, clinic.RespiratoryRateRange.Unit))
	add("pdf.vital.oxygen_saturation",
		integer(v.OxygenSaturationPct, clinic.SaturationRange.Unit))
	add("pdf.vital.weight", decimal(v.WeightKg, clinic.WeightRange.Unit))
	add("pdf.vital.height", decimal(v.HeightCm, clinic.HeightRange.Unit))
	add("pdf.vital.head_circumference",
		decimal(v.HeadCircumferenceCm, clinic.HeadCircumferenceRange.Unit))
	return rows
}

// decimal is v followed by its unit, or "" when v is nil.
func decimal(v *clinic.Decimal, unit string) string {
	if v == nil {
		return ""
	}
	return v.String() + unit
}

// integer is v followed by its unit, or "" when v is nil.
func integer(v *int64, unit string) string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(*v, 10) + unit
}

// pressure is "systolic/diastolic mmHg", with "-" for a missing half, or
// "" when neither was measured.
func pressure(systolic, diastolic *int64) string {
	if systolic == nil && diastolic == nil {
		return ""
	}
	half := func(v *int64) string {
		if v == nil {
			return "-"
		}
		return strconv.FormatInt(*v, 10)
	}
	return half(systolic) + "/" + half(diastolic) + clinic.SystolicRange.Unit
}
