package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// exportOptions are the flags of export.
type exportOptions struct {
	format string
	out    string
	since  string
}

func newExportCmd(a *app) *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the practice to JSON or CSV files",
		Long: `Write patients, visits, vital signs, prescriptions with their lines and
appointments to DIR, one file each (CSV writes the prescription lines to
prescription_items.csv), and manifest.json with the counts. Records stream
page by page: memory stays flat whatever the practice's size. --since
keeps what was created or changed from that day on, in the clinic's time
zone (patients by creation, vital signs by measurement).`,
		Example: `  clinicflow export --format csv --out ./export-2026-12
  clinicflow export --format json --out ./weekly --since 2026-11-30`,
		Args:    exactArgs(0),
		PreRunE: a.prepare,
		RunE:    func(cmd *cobra.Command, args []string) error { return runExport(cmd, a, o) },
	}
	cmd.Flags().StringVar(&o.format, "format", formatJSON, "json or csv")
	cmd.Flags().StringVar(&o.out, "out", "", "folder to write to (made if missing; required)")
	cmd.Flags().StringVar(&o.since, "since", "", "only what changed from this day on, YYYY-MM-DD")
	return cmd
}

// manifest describes an export.
type manifest struct {
	ExportedAt time.Time      `json:"exported_at"`
	Server     string         `json:"server"`
	Format     string         `json:"format"`
	Since      string         `json:"since,omitempty"`
	Counts     map[string]int `json:"counts"`
}

func runExport(cmd *cobra.Command, a *app, o exportOptions) error {
	if o.format != formatJSON && o.format != formatCSV {
		return usageError{fmt.Errorf("--format %q: want json or csv", o.format)}
	}
	if o.out == "" {
		return usageError{fmt.Errorf("--out DIR is required")}
	}
	var since time.Time
	if o.since != "" {
		d, err := clinic.ParseDate(o.since)
		if err != nil {
			return usageError{fmt.Errorf("--since %q: want YYYY-MM-DD", o.since)}
		}
		since = time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, a.loc)
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o700); err != nil {
		return fmt.Errorf("create %s: %w", o.out, err)
	}
	x := &exporter{a: a, dir: o.out, format: o.format, since: since, counts: map[string]int{}}
	ctx := a.ctx(cmd)
	steps := []func() error{
		func() error {
			return exportSet(x, "patients", patientExport(a), c.Patients(ctx, client.PatientQuery{Archived: true}),
				func(p clinic.Patient) time.Time { return p.CreatedAt })
		},
		func() error {
			return exportSet(x, "visits", visitExport(a), c.Visits(ctx, client.VisitQuery{}),
				func(v clinic.Visit) time.Time { return v.UpdatedAt })
		},
		func() error {
			return exportSet(x, "vitals", vitalsExport(a), c.Vitals(ctx, client.VitalsQuery{}),
				func(v clinic.VitalSigns) time.Time { return v.MeasuredAt })
		},
		func() error { return x.prescriptions(c, cmd) },
		func() error {
			return exportSet(x, "appointments", appointmentExport(a), c.Appointments(ctx, client.AppointmentQuery{}),
				func(ap clinic.Appointment) time.Time { return ap.UpdatedAt })
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	m := manifest{ExportedAt: time.Now().UTC().Truncate(time.Second), Server: c.Server(), Format: o.format,
		Since: o.since, Counts: x.counts}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(o.out, "manifest.json"), append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	fmt.Fprintln(a.io.err, a.t("cli.export_done", map[string]any{"Dir": o.out}))
	return nil
}

// exporter writes one export's files.
type exporter struct {
	a      *app
	dir    string
	format string
	since  time.Time
	counts map[string]int
}

// file is one export file being written: a JSON array or a CSV table.
type file struct {
	f  *os.File
	w  *bufio.Writer
	cw *csv.Writer
	n  int
}

func (x *exporter) create(name string, header []string) (*file, error) {
	path := filepath.Join(x.dir, name+"."+x.format)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	out := &file{f: f, w: bufio.NewWriter(f)}
	if x.format == formatCSV {
		out.cw = csv.NewWriter(out.w)
		out.cw.Write(header)
	} else {
		out.w.WriteString("[")
	}
	return out, nil
}

// put writes one record: its API object in JSON, its row in CSV.
func (f *file) put(v any, row []string) error {
	defer func() { f.n++ }()
	if f.cw != nil {
		return f.cw.Write(row)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if f.n > 0 {
		f.w.WriteString(",")
	}
	f.w.WriteString("\n")
	_, err = f.w.Write(b)
	return err
}

// close ends the file and reports any write that failed on the way.
func (f *file) close() error {
	if f.cw != nil {
		f.cw.Flush()
		if err := f.cw.Error(); err != nil {
			f.f.Close()
			return err
		}
	} else {
		f.w.WriteString("\n]\n")
	}
	if err := f.w.Flush(); err != nil {
		f.f.Close()
		return err
	}
	return f.f.Close()
}

// progress tells a person on a terminal how far an export is.
func (x *exporter) progress(name string, n int, final bool) {
	if !isTerminal(x.a.io.err) || (!final && n%100 != 0) {
		return
	}
	fmt.Fprintf(x.a.io.err, "\r%-14s %d", name, n)
	if final {
		fmt.Fprintln(x.a.io.err)
	}
}

// exportSet writes every record of seq changed since the export's day.
func exportSet[T any](x *exporter, name string, cols []column[T], seq iter.Seq2[T, error], changed func(T) time.Time) error {
	f, err := x.create(name, keysOf(cols))
	if err != nil {
		return err
	}
	for v, err := range seq {
		if err != nil {
			f.close()
			return err
		}
		if !x.since.IsZero() && changed(v).Before(x.since) {
			continue
		}
		if err := f.put(v, valuesOf(cols, v)); err != nil {
			f.close()
			return err
		}
		x.progress(name, f.n, false)
	}
	x.counts[name] = f.n
	x.progress(name, f.n, true)
	return f.close()
}

// prescriptions writes each prescription whole, with its lines: in JSON
// the detail objects, in CSV a prescriptions table and a lines table.
func (x *exporter) prescriptions(c *client.Client, cmd *cobra.Command) error {
	rx, err := x.create("prescriptions", keysOf(prescriptionExport(x.a)))
	if err != nil {
		return err
	}
	var lines *file
	if x.format == formatCSV {
		if lines, err = x.create("prescription_items", keysOf(lineExport)); err != nil {
			rx.close()
			return err
		}
	}
	err = x.writePrescriptions(x.a.ctx(cmd), c, rx, lines)
	if cerr := rx.close(); err == nil {
		err = cerr
	}
	if lines != nil {
		if cerr := lines.close(); err == nil {
			err = cerr
		}
	}
	return err
}

// writePrescriptions fetches each prescription whole and writes it to rx,
// and its lines to lines when there is such a file (CSV).
func (x *exporter) writePrescriptions(ctx context.Context, c *client.Client, rx, lines *file) error {
	cols := prescriptionExport(x.a)
	for sum, err := range c.Prescriptions(ctx, client.PrescriptionQuery{}) {
		if err != nil {
			return err
		}
		if !x.since.IsZero() && sum.UpdatedAt.Before(x.since) {
			continue
		}
		d, err := c.Prescription(ctx, sum.ID)
		if err != nil {
			return err
		}
		if err := rx.put(d, valuesOf(cols, *d)); err != nil {
			return err
		}
		for i, line := range d.Items {
			x.counts["prescription_items"]++
			if lines == nil {
				continue
			}
			if err := lines.put(nil, valuesOf(lineExport, rxLine{d.ID, i + 1, line})); err != nil {
				return err
			}
		}
		x.progress("prescriptions", rx.n, false)
	}
	x.counts["prescriptions"] = rx.n
	x.progress("prescriptions", rx.n, true)
	return nil
}

func keysOf[T any](cols []column[T]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.key
	}
	return out
}

func valuesOf[T any](cols []column[T], v T) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.value(v)
	}
	return out
}

// The export's CSV columns: every field, times in RFC 3339 in the clinic's
// zone, multi-line text kept whole (CSV quotes it).

func (a *app) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.loc).Format(time.RFC3339)
}

func optStamp(a *app, t *time.Time) string {
	if t == nil {
		return ""
	}
	return a.stamp(*t)
}

func optID(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func optInt(v *int64) string { return optID(v) }

func optDec(d *clinic.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func patientExport(a *app) []column[clinic.Patient] {
	return []column[clinic.Patient]{
		{key: "id", value: func(p clinic.Patient) string { return itoa(p.ID) }},
		{key: "patient_code", value: func(p clinic.Patient) string { return p.Code }},
		{key: "first_name", value: func(p clinic.Patient) string { return p.FirstName }},
		{key: "last_name", value: func(p clinic.Patient) string { return p.LastName }},
		{key: "sex", value: func(p clinic.Patient) string { return p.Sex }},
		{key: "date_of_birth", value: func(p clinic.Patient) string {
			return p.DateOfBirth.String()
		}},
		{key: "phone", value: func(p clinic.Patient) string { return p.Phone }},
		{key: "email", value: func(p clinic.Patient) string { return p.Email }},
		{key: "address", value: func(p clinic.Patient) string { return p.Address }},
		{key: "is_active", value: func(p clinic.Patient) string {
			return strconv.FormatBool(p.IsActive)
		}},
		{key: "created_at", value: func(p clinic.Patient) string { return a.stamp(p.CreatedAt) }},
		{key: "last_visit_date", value: func(p clinic.Patient) string {
			return optStamp(a, p.LastVisitDate)
		}},
		{key: "next_visit_date", value: func(p clinic.Patient) string {
			return optStamp(a, p.NextVisitDate)
		}},
		{key: "latest_weight_kg", value: func(p clinic.Patient) string {
			if p.LatestWeightKg == nil {
				return ""
			}
			return p.LatestWeightKg.String()
		}},
	}
}

func visitExport(a *app) []column[clinic.Visit] {
	return []column[clinic.Visit]{
		{key: "id", value: func(v clinic.Visit) string { return itoa(v.ID) }},
		{key: "patient", value: func(v clinic.Visit) string { return itoa(v.PatientID) }},
		{key: "patient_name", value: func(v clinic.Visit) string { return v.PatientName }},
		{key: "visit_date", value: func(v clinic.Visit) string { return a.stamp(v.VisitDate) }},
		{key: "visit_type", value: func(v clinic.Visit) string { return v.VisitType }},
		{key: "chief_complaint", value: func(v clinic.Visit) string { return v.ChiefComplaint }},
		{key: "medical_history", value: func(v clinic.Visit) string { return v.MedicalHistory }},
		{key: "history_of_present_illness", value: func(v clinic.Visit) string {
			return v.HistoryOfPresentIllness
		}},
		{key: "physical_exam", value: func(v clinic.Visit) string { return v.PhysicalExam }},
		{key: "complementary_exam", value: func(v clinic.Visit) string {
			return v.ComplementaryExam
		}},
		{key: "assessment", value: func(v clinic.Visit) string { return v.Assessment }},
		{key: "plan", value: func(v clinic.Visit) string { return v.Plan }},
		{key: "treatment", value: func(v clinic.Visit) string { return v.Treatment }},
		{key: "notes", value: func(v clinic.Visit) string { return v.Notes }},
		{key: "created_at", value: func(v clinic.Visit) string { return a.stamp(v.CreatedAt) }},
		{key: "updated_at", value: func(v clinic.Visit) string { return a.stamp(v.UpdatedAt) }},
	}
}

func vitalsExport(a *app) []column[clinic.VitalSigns] {
	return []column[clinic.VitalSigns]{
		{key: "id", value: func(v clinic.VitalSigns) string { return itoa(v.ID) }},
		{key: "visit", value: func(v clinic.VitalSigns) string { return itoa(v.VisitID) }},
		{key: "measured_at", value: func(v clinic.VitalSigns) string {
			return a.stamp(v.MeasuredAt)
		}},
		{key: "weight_kg", value: func(v clinic.VitalSigns) string { return optDec(v.WeightKg) }},
		{key: "height_cm", value: func(v clinic.VitalSigns) string { return optDec(v.HeightCm) }},
		{key: "temperature_c", value: func(v clinic.VitalSigns) string {
			return optDec(v.TemperatureC)
		}},
		{key: "bp_systolic", value: func(v clinic.VitalSigns) string {
			return optInt(v.BPSystolic)
		}},
		{key: "bp_diastolic", value: func(v clinic.VitalSigns) string {
			return optInt(v.BPDiastolic)
		}},
		{key: "heart_rate_bpm", value: func(v clinic.VitalSigns) string {
			return optInt(v.HeartRateBPM)
		}},
		{key: "respiratory_rate_rpm", value: func(v clinic.VitalSigns) string {
			return optInt(v.RespiratoryRateRPM)
		}},
		{key: "oxygen_saturation_pct", value: func(v clinic.VitalSigns) string {
			return optInt(v.OxygenSaturationPct)
		}},
		{key: "head_circumference_cm", value: func(v clinic.VitalSigns) string {
			return optDec(v.HeadCircumferenceCm)
		}},
		{key: "notes", value: func(v clinic.VitalSigns) string { return v.Notes }},
	}
}

func prescriptionExport(a *app) []column[clinic.PrescriptionDetail] {
	return []column[clinic.PrescriptionDetail]{
		{key: "id", value: func(p clinic.PrescriptionDetail) string { return itoa(p.ID) }},
		{key: "patient", value: func(p clinic.PrescriptionDetail) string {
			return itoa(p.Patient.ID)
		}},
		{key: "patient_code", value: func(p clinic.PrescriptionDetail) string {
			return p.Patient.Code
		}},
		{key: "visit", value: func(p clinic.PrescriptionDetail) string {
			if p.Visit == nil {
				return ""
			}
			return itoa(p.Visit.ID)
		}},
		{key: "template_used", value: func(p clinic.PrescriptionDetail) string {
			return optID(p.TemplateUsed)
		}},
		{key: "notes", value: func(p clinic.PrescriptionDetail) string { return p.Notes }},
		{key: "items", value: func(p clinic.PrescriptionDetail) string {
			return strconv.Itoa(len(p.Items))
		}},
		{key: "created_at", value: func(p clinic.PrescriptionDetail) string {
			return a.stamp(p.CreatedAt)
		}},
		{key: "updated_at", value: func(p clinic.PrescriptionDetail) string {
			return a.stamp(p.UpdatedAt)
		}},
	}
}

// rxLine is one prescription line with its prescription and position.
type rxLine struct {
	prescription int64
	position     int
	line         clinic.PrescriptionLine
}

var lineExport = []column[rxLine]{
	{key: "prescription", value: func(l rxLine) string { return itoa(l.prescription) }},
	{key: "position", value: func(l rxLine) string { return strconv.Itoa(l.position) }},
	{key: "medication", value: func(l rxLine) string {
		if l.line.Medication == nil {
			return ""
		}
		return itoa(l.line.Medication.ID)
	}},
	{key: "medication_display", value: func(l rxLine) string {
		if l.line.Medication == nil {
			return ""
		}
		return l.line.Medication.Display()
	}},
	{key: "dosage", value: func(l rxLine) string { return l.line.Dosage }},
	{key: "route", value: func(l rxLine) string { return l.line.Route }},
	{key: "frequency", value: func(l rxLine) string { return l.line.Frequency }},
	{key: "duration", value: func(l rxLine) string { return l.line.Duration }},
	{key: "instructions", value: func(l rxLine) string { return l.line.Instructions }},
	{key: "allow_outside_purchase", value: func(l rxLine) string {
		return strconv.FormatBool(l.line.AllowOutsidePurchase)
	}},
}

func appointmentExport(a *app) []column[clinic.Appointment] {
	return []column[clinic.Appointment]{
		{key: "id", value: func(ap clinic.Appointment) string { return itoa(ap.ID) }},
		{key: "patient", value: func(ap clinic.Appointment) string { return itoa(ap.Patient.ID) }},
		{key: "patient_code", value: func(ap clinic.Appointment) string { return ap.Patient.Code }},
		{key: "doctor", value: func(ap clinic.Appointment) string { return optID(ap.DoctorID) }},
		{key: "scheduled_at", value: func(ap clinic.Appointment) string {
			return a.stamp(ap.ScheduledAt)
		}},
		{key: "status", value: func(ap clinic.Appointment) string { return ap.Status }},
		{key: "reason", value: func(ap clinic.Appointment) string { return ap.Reason }},
		{key: "notes", value: func(ap clinic.Appointment) string { return ap.Notes }},
		{key: "visit", value: func(ap clinic.Appointment) string { return optID(ap.VisitID) }},
		{key: "created_at", value: func(ap clinic.Appointment) string {
			return a.stamp(ap.CreatedAt)
		}},
		{key: "updated_at", value: func(ap clinic.Appointment) string {
			return a.stamp(ap.UpdatedAt)
		}},
	}
}
