package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// visitColumns are a visit's list, table and CSV columns.
func visitColumns(a *app) []column[clinic.Visit] {
	return []column[clinic.Visit]{
		{key: "id", value: func(v clinic.Visit) string { return strconv.FormatInt(v.ID, 10) }},
		{key: "visit_date", value: func(v clinic.Visit) string { return a.when(&v.VisitDate) }},
		{key: "patient", value: func(v clinic.Visit) string {
			return strconv.FormatInt(v.PatientID, 10)
		}},
		{key: "patient_name", value: func(v clinic.Visit) string { return v.PatientName }},
		{key: "visit_type", value: func(v clinic.Visit) string { return v.VisitType }},
		{key: "chief_complaint", value: func(v clinic.Visit) string { return v.ChiefComplaint }},
	}
}

// visitDetailColumns add what a single visit shows beyond the list: every
// section of the consultation.
func visitDetailColumns(a *app) []column[clinic.Visit] {
	type V = clinic.Visit
	return append(visitColumns(a),
		column[V]{key: "medical_history", value: func(v V) string { return v.MedicalHistory }},
		column[V]{key: "history_of_present_illness",
			value: func(v V) string { return v.HistoryOfPresentIllness }},
		column[V]{key: "physical_exam", value: func(v V) string { return v.PhysicalExam }},
		column[V]{key: "complementary_exam", value: func(v V) string {
			return v.ComplementaryExam
		}},
		column[V]{key: "assessment", value: func(v V) string { return v.Assessment }},
		column[V]{key: "plan", value: func(v V) string { return v.Plan }},
		column[V]{key: "treatment", value: func(v V) string { return v.Treatment }},
		column[V]{key: "notes", value: func(v V) string { return v.Notes }},
		column[V]{key: "created_at", value: func(v V) string { return a.when(&v.CreatedAt) }},
		column[V]{key: "updated_at", value: func(v V) string { return a.when(&v.UpdatedAt) }},
	)
}

func newVisitsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "visits",
		Short: "List, show, add, edit and delete consultations, and print their summaries",
		Example: `  clinicflow visits list --patient 12
  clinicflow visits show 40
  clinicflow visits pdf 40 -o resume.pdf`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newVisitsListCmd(a), newVisitsShowCmd(a), newVisitsAddCmd(a),
		newVisitsEditCmd(a), newVisitsDeleteCmd(a), newVisitsPDFCmd(a))
	return cmd
}

func newVisitsListCmd(a *app) *cobra.Command {
	var o listOptions
	var q client.VisitQuery
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List consultations, newest first",
		Example: `  clinicflow visits list --patient 12
  clinicflow visits list --search "fievre dupont"
  clinicflow visits list --patient 12 --all -o json | jq '.[].chief_complaint'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			if q.Patient < 0 {
				return usageError{fmt.Errorf("--patient %d: want a positive number", q.Patient)}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			cols := visitColumns(a)
			return printList(a, o, cols, c.Visits(a.ctx(cmd), q),
				func(lo client.ListOptions) (*client.Page[clinic.Visit], error) {
					return c.ListVisits(a.ctx(cmd), q, lo)
				})
		},
	}
	listFlags(cmd, &o)
	cmd.Flags().Int64Var(&q.Patient, "patient", 0, "only this patient's consultations (patient ID)")
	cmd.Flags().StringVar(&q.Search, "search", "",
		"words to find in the patient's name and the chief complaint")
	return cmd
}

func newVisitsShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a consultation and its vital signs",
		Example: `  clinicflow visits show 40
  clinicflow visits show 40 -o json | jq '.vital_signs[0].weight_kg'`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "visit")
			if err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			v, err := c.Visit(a.ctx(cmd), id)
			if err != nil {
				return err
			}
			err = printOne(a, format, visitDetailColumns(a), *v)
			if err != nil || format != formatTable {
				return err
			}
			fmt.Fprintf(a.io.out, "\n%s:\n", a.t("cli.vital_signs", nil))
			return printRows(a, format, vitalsInVisitColumns(a), v.VitalSigns)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// visitFlags are add's and edit's flags.
type visitFlags struct {
	patient, date, kind, complaint, history, hpi, exam, complementary string
	assessment, plan, treatment, notes                                string
}

func (f *visitFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.patient, "patient", "", "the patient's ID")
	fl.StringVar(&f.date, "date", "",
		`when, in the clinic's time zone: "YYYY-MM-DD HH:MM" (default now)`)
	fl.StringVar(&f.kind, "type", "", "CONSULTATION (the default) or FOLLOW_UP")
	fl.StringVar(&f.complaint, "complaint", "", "chief complaint")
	fl.StringVar(&f.history, "history", "", "medical history")
	fl.StringVar(&f.hpi, "hpi", "", "history of present illness")
	fl.StringVar(&f.exam, "exam", "", "physical exam")
	fl.StringVar(&f.complementary, "complementary", "", "complementary exams")
	fl.StringVar(&f.assessment, "assessment", "", "assessment")
	fl.StringVar(&f.plan, "plan", "", "plan")
	fl.StringVar(&f.treatment, "treatment", "", "treatment")
	fl.StringVar(&f.notes, "notes", "", "notes")
}

// fields returns the flags that were set (every one given, for add), and
// a usage error for a malformed patient, date or type.
func (f *visitFlags) fields(a *app, cmd *cobra.Command, all bool) (client.VisitFields, error) {
	set := func(name, v string) bool { return all && v != "" || cmd.Flags().Changed(name) }
	pick := func(name, v string) *string {
		if set(name, v) {
			return &v
		}
		return nil
	}
	out := client.VisitFields{ChiefComplaint: pick("complaint", f.complaint),
		MedicalHistory: pick("history", f.history), HistoryOfPresentIllness: pick("hpi", f.hpi),
		PhysicalExam:      pick("exam", f.exam),
		ComplementaryExam: pick("complementary", f.complementary),
		Assessment:        pick("assessment", f.assessment), Plan: pick("plan", f.plan),
		Treatment: pick("treatment", f.treatment), Notes: pick("notes", f.notes)}
	if set("patient", f.patient) {
		id, err := idArg(f.patient, "--patient")
		if err != nil {
			return out, err
		}
		out.Patient = &id
	}
	if set("date", f.date) {
		t, err := a.clinicTime("--date", f.date)
		if err != nil {
			return out, err
		}
		out.VisitDate = &t
	}
	if set("type", f.kind) {
		kind, err := visitType(f.kind)
		if err != nil {
			return out, err
		}
		out.VisitType = &kind
	}
	return out, nil
}

// visitType reads --type, forgiving case and a dash: follow-up is
// FOLLOW_UP.
func visitType(s string) (string, error) {
	kind := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	if kind != clinic.VisitConsultation && kind != clinic.VisitFollowUp {
		return "", usageError{fmt.Errorf("--type %q: want CONSULTATION or FOLLOW_UP", s)}
	}
	return kind, nil
}

// clinicTimeLayouts are the times a flag takes without a zone, read in the
// clinic's time zone.
var clinicTimeLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05",
	"2006-01-02T15:04:05", "2006-01-02"}

// clinicTime reads a time given on the command line: RFC 3339 with its
// offset, or a date and time (or a date alone, at midnight) in the clinic's
// time zone. flag names the flag in the usage error.
func (a *app) clinicTime(flag, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range clinicTimeLayouts {
		if t, err := time.ParseInLocation(layout, s, a.loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, usageError{fmt.Errorf(
		`%s %q: want "YYYY-MM-DD HH:MM" in the clinic's time zone, or RFC 3339`, flag, s)}
}

func newVisitsAddCmd(a *app) *cobra.Command {
	var f visitFlags
	var format string
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Record a consultation (asks on a terminal for the patient and the complaint)",
		Example: `  clinicflow visits add --patient 12 --complaint "Fièvre depuis 48 h" \
    --exam "Otite moyenne aiguë droite" --plan "Amoxicilline 7 jours"
  clinicflow visits add --patient 12 --type FOLLOW_UP --date "2026-01-12 09:30"`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			k := a.asker()
			k.text(&f.patient, "patient", a.t("cli.col.patient", nil)+" (ID)", true)
			k.text(&f.complaint, "complaint", a.t("cli.col.chief_complaint", nil), false)
			if err := k.err(); err != nil {
				return err
			}
			fields, err := f.fields(a, cmd, true)
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			v, err := c.CreateVisit(a.ctx(cmd), fields)
			if err != nil {
				return err
			}
			return printOne(a, format, visitDetailColumns(a), *v)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

func newVisitsEditCmd(a *app) *cobra.Command {
	var f visitFlags
	var format string
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change some fields of a consultation",
		Example: `  clinicflow visits edit 40 --assessment "Otite moyenne aiguë" \
    --plan "Contrôle à J10"
  clinicflow visits edit 40 --type FOLLOW_UP`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "visit")
			if err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			fields, err := f.fields(a, cmd, false)
			if err != nil {
				return err
			}
			if fields == (client.VisitFields{}) {
				return usageError{errors.New("nothing to change: give at least one field flag")}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			v, err := c.UpdateVisit(a.ctx(cmd), id, fields)
			if err != nil {
				return err
			}
			return printOne(a, format, visitDetailColumns(a), *v)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

func newVisitsDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a consultation and its vital signs (asks first on a terminal)",
		Example: `  clinicflow visits delete 40
  clinicflow visits delete 40 --yes`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "visit", confirm: "cli.visit_delete_confirm", done: "cli.visit_deleted",
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					v, err := c.Visit(ctx, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Patient": v.PatientName, "Date": a.when(&v.VisitDate)}, nil
				},
				del: (*client.Client).DeleteVisit,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}

func newVisitsPDFCmd(a *app) *cobra.Command {
	var target string
	cmd := &cobra.Command{
		Use:   "pdf ID",
		Short: "Write a consultation's summary as a PDF",
		Long: `Write a consultation's summary as a PDF, signed by the calling doctor.
--lang (fr or en) or CLINICFLOW_LANG decides its language, else the
practice's (the server's clinic.language).`,
		Example: `  clinicflow visits pdf 40                      # resume_visite_40.pdf, here
  clinicflow visits pdf 40 -o summary.pdf --lang en
  clinicflow visits pdf 40 -o - | lp`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "visit")
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			d, err := c.VisitPDF(a.ctx(cmd), id, a.docLang)
			if err != nil {
				return err
			}
			defer d.Body.Close()
			return a.writeDownload(d, target, fmt.Sprintf("visit_%d.pdf", id))
		},
	}
	cmd.Flags().StringVarP(&target, "output", "o", "",
		"file to write, - for standard output "+
			"(default the server's file name, in the current folder)")
	return cmd
}

// writeDownload saves a download: to standard output when target is "-",
// else to the file target, or to the server's file name (fallback when it
// gives none) in the current folder, saying where on stderr. The file
// appears whole or not at all.
func (a *app) writeDownload(d *client.Download, target, fallback string) error {
	if target == "-" {
		_, err := io.Copy(a.io.out, d.Body)
		return err
	}
	if target == "" {
		target = d.Name
	}
	if target == "" {
		target = fallback
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".clinicflow-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, d.Body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	fmt.Fprintln(a.io.err, a.t("cli.download_written", map[string]any{"Path": target, "Size": n}))
	return nil
}
