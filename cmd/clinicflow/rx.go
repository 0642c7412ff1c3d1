package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// rxColumns are the prescriptions list's columns.
func rxColumns(a *app) []column[clinic.PrescriptionSummary] {
	type rx = clinic.PrescriptionSummary
	return []column[rx]{
		{key: "id", value: func(p rx) string { return strconv.FormatInt(p.ID, 10) }},
		{key: "created_at", value: func(p rx) string { return a.when(&p.CreatedAt) }},
		{key: "patient_id", value: func(p rx) string { return strconv.FormatInt(p.PatientID, 10) }},
		{key: "patient_name", value: func(p rx) string { return p.PatientName }},
		{key: "visit_id", value: func(p rx) string { return optionalID(p.VisitID) }},
		{key: "updated_at", value: func(p rx) string { return a.when(&p.UpdatedAt) }},
	}
}

// rxHeaderColumns are what rx show prints above the lines.
func rxHeaderColumns(a *app) []column[clinic.PrescriptionDetail] {
	type rx = clinic.PrescriptionDetail
	return []column[rx]{
		{key: "id", value: func(p rx) string { return strconv.FormatInt(p.ID, 10) }},
		{key: "patient", value: func(p rx) string {
			pt := p.Patient
			return strings.Join([]string{pt.Code, pt.FirstName, pt.LastName}, " ")
		}},
		{key: "visit", value: func(p rx) string {
			if p.Visit == nil {
				return ""
			}
			return fmt.Sprintf("%d (%s)", p.Visit.ID, a.when(&p.Visit.VisitDate))
		}},
		{key: "template_used", value: func(p rx) string { return optionalID(p.TemplateUsed) }},
		{key: "notes", value: func(p rx) string { return p.Notes }},
		{key: "created_at", value: func(p rx) string { return a.when(&p.CreatedAt) }},
		{key: "updated_at", value: func(p rx) string { return a.when(&p.UpdatedAt) }},
	}
}

// rxLineColumns are a prescription's lines, numbered as --set and --drop
// count them.
func rxLineColumns() []column[numbered[clinic.PrescriptionLine]] {
	type row = numbered[clinic.PrescriptionLine]
	return []column[row]{
		{key: "line", value: func(r row) string { return strconv.Itoa(r.n) }},
		{key: "medication", value: func(r row) string {
			return strconv.FormatInt(lineMedication(r.line).ID, 10)
		}},
		{key: "medication_display", value: func(r row) string {
			return lineMedication(r.line).Display()
		}},
		{key: "dosage", value: func(r row) string { return r.line.Dosage }},
		{key: "route", value: func(r row) string { return r.line.Route }},
		{key: "frequency", value: func(r row) string { return r.line.Frequency }},
		{key: "duration", value: func(r row) string { return r.line.Duration }},
		{key: "instructions", value: func(r row) string { return r.line.Instructions }},
		boolColumn("allow_outside_purchase", func(r row) bool {
			return r.line.AllowOutsidePurchase
		}),
	}
}

func newRxCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "rx",
		Aliases: []string{"prescriptions"},
		Short:   "List, show, write, edit, delete, print and verify prescriptions",
		Example: `  clinicflow rx list --patient 12
  clinicflow rx create --patient 12 --from-template 3 --set 2.dosage="10 mL"
  clinicflow rx pdf 7 -o ordonnance.pdf
  clinicflow rx verify RX-7-1B4KQ0V9ZC3M8T2D`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newRxListCmd(a), newRxShowCmd(a), newRxCreateCmd(a), newRxEditCmd(a),
		newRxDeleteCmd(a), newRxPDFCmd(a), newRxVerifyCmd(a))
	return cmd
}

func newRxListCmd(a *app) *cobra.Command {
	var o listOptions
	var q client.PrescriptionQuery
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List prescriptions, newest first",
		Example: `  clinicflow rx list --patient 12
  clinicflow rx list --visit 40 -o json | jq '.[].id'
  clinicflow rx list --all -o csv > prescriptions.csv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			if q.Patient < 0 || q.Visit < 0 {
				return usageError{errors.New("--patient and --visit take a positive id")}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			return printList(a, o, rxColumns(a), c.Prescriptions(a.ctx(cmd), q),
				func(lo client.ListOptions) (*client.Page[clinic.PrescriptionSummary], error) {
					return c.ListPrescriptions(a.ctx(cmd), q, lo)
				})
		},
	}
	listFlags(cmd, &o)
	cmd.Flags().Int64Var(&q.Patient, "patient", 0, "only this patient's prescriptions (patient id)")
	cmd.Flags().Int64Var(&q.Visit, "visit", 0, "only those written during this visit (visit id)")
	return cmd
}

func newRxShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a prescription and its numbered lines",
		Long: `Show a prescription: its patient, visit, notes, then its lines, numbered as
"rx edit --set N.FIELD=VALUE" counts them. -o json prints the API's object;
-o csv prints the lines, one row each.`,
		Example: "  clinicflow rx show 7\n  clinicflow rx show 7 -o json | jq '.items[].dosage'",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "prescription")
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
			return a.showPrescription(a.ctx(cmd), c, format, id)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// showPrescription fetches a prescription and prints it as rx show does.
func (a *app) showPrescription(ctx context.Context, c *client.Client, format string,
	id int64) error {
	p, err := c.Prescription(ctx, id)
	if err != nil {
		return err
	}
	return printWithLines(a, format, rxHeaderColumns(a), *p, rxLineColumns(), p.Items)
}

// rxWriteOptions are the flags of rx create and rx edit.
type rxWriteOptions struct {
	format   string
	patient  string
	visit    int64
	notes    string
	template int64
	lines    lineFlags
}

func (o *rxWriteOptions) add(cmd *cobra.Command, create bool) {
	fl := cmd.Flags()
	if create {
		fl.StringVar(&o.patient, "patient", "", "the patient's id (required)")
	}
	fl.Int64Var(&o.visit, "visit", 0, "the visit it is written during (visit id; 0 for none)")
	fl.StringVar(&o.notes, "notes", "", "notes printed under the lines")
	fl.Int64Var(&o.template, "from-template", 0, "start from this template's lines (template id)")
	o.lines.add(cmd)
	outputFlag(cmd, &o.format)
}

// check validates the flags' syntax.
func (o *rxWriteOptions) check(cmd *cobra.Command) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	if o.visit < 0 || o.template < 0 || cmd.Flags().Changed("from-template") && o.template == 0 {
		return usageError{errors.New("--visit and --from-template take a positive id")}
	}
	return o.lines.parse()
}

// baseLines are the lines the line flags start from: the template's with
// --from-template, else current (nil for a new prescription).
func (o *rxWriteOptions) baseLines(ctx context.Context, c *client.Client,
	current func() ([]clinic.ItemWrite, error)) ([]clinic.ItemWrite, error) {
	if o.template > 0 {
		t, err := c.Template(ctx, o.template)
		if err != nil {
			return nil, fmt.Errorf("template %d: %w", o.template, err)
		}
		return templateItems(t), nil
	}
	if current == nil {
		return nil, nil
	}
	return current()
}

const rxCreateExample = `  # From template 3 for patient 12 seen in visit 40, line 2 at 10 mL
  clinicflow rx create --patient 12 --visit 40 --from-template 3 --set 2.dosage="10 mL"

  # The same without the template's line 3, line 1 bought elsewhere, one more line
  clinicflow rx create --patient 12 --from-template 3 --drop 3 --outside 1 \
    --item "med=Paracétamol 2,4 %; dosage=15 mg/kg; frequency=toutes les 6 h; duration=3 jours"

  # Line by line, with notes
  clinicflow rx create --patient 12 --notes "Revoir dans 48 h" \
    --item "med=7; dosage=5 mL; route=orale; frequency=3 fois par jour; duration=8 jours"`

func newRxCreateCmd(a *app) *cobra.Command {
	o := rxWriteOptions{lines: lineFlags{prescription: true}}
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Write a prescription (doctors), from a template or line by line",
		Long: `Write a prescription; you sign it as its prescriber. On a terminal it asks
for the patient, and for a template when no line is given.

` + lineFlagsHelp + `
--outside N lets the patient buy line N's medication elsewhere.`,
		Example: rxCreateExample,
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.check(cmd); err != nil {
				return err
			}
			return runRxCreate(cmd, a, &o)
		},
	}
	o.add(cmd, true)
	return cmd
}

func runRxCreate(cmd *cobra.Command, a *app, o *rxWriteOptions) error {
	k := a.asker()
	k.text(&o.patient, "patient", a.t("cli.col.patient", nil)+" (ID)", true)
	if o.template == 0 && !o.lines.given() {
		var tmpl string
		k.text(&tmpl, "from-template", a.t("cli.rx_ask_template", nil), false)
		if tmpl != "" {
			id, err := idArg(tmpl, "template")
			if err != nil {
				return err
			}
			o.template = id
		}
	}
	if err := k.err(); err != nil {
		return err
	}
	patient, err := idArg(o.patient, "--patient")
	if err != nil {
		return err
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	ctx := a.ctx(cmd)
	base, err := o.baseLines(ctx, c, nil)
	if err != nil {
		return err
	}
	lines, err := o.lines.build(ctx, c, base)
	if err != nil {
		return err
	}
	f := client.PrescriptionFields{Patient: &patient, Items: &lines}
	if o.template > 0 {
		f.TemplateUsed = &o.template
	}
	if cmd.Flags().Changed("visit") {
		f.Visit = &o.visit
	}
	if o.notes != "" {
		f.Notes = &o.notes
	}
	w, err := c.CreatePrescription(ctx, f)
	if err != nil {
		return err
	}
	return a.showPrescription(ctx, c, o.format, w.ID)
}

func newRxEditCmd(a *app) *cobra.Command {
	o := rxWriteOptions{lines: lineFlags{prescription: true}}
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change a prescription's notes, visit or lines (doctors)",
		Long: `Change a prescription. The line flags start from its current lines, or
from a template's with --from-template; without line flags the lines stay.
A copy printed before the change no longer verifies: print it again.

` + lineFlagsHelp + `
--outside N lets the patient buy line N's medication elsewhere
(--set N.outside=no takes it back). --visit 0 unlinks the visit.`,
		Example: `  clinicflow rx edit 7 --set 2.dosage="10 mL" --set 2.duration="10 jours"
  clinicflow rx edit 7 --drop 3 --notes "Revoir dans 72 h"
  clinicflow rx edit 7 --drop all --item "med=7; dosage=5 mL; frequency=2 fois par jour"
  clinicflow rx edit 7 --from-template 4 --visit 0`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "prescription")
			if err != nil {
				return err
			}
			if err := o.check(cmd); err != nil {
				return err
			}
			fl := cmd.Flags()
			if !fl.Changed("notes") && !fl.Changed("visit") && o.template == 0 && !o.lines.given() {
				return usageError{errors.New(
					"nothing to change: give --notes, --visit, --from-template or line flags")}
			}
			return runRxEdit(cmd, a, &o, id)
		},
	}
	o.add(cmd, false)
	return cmd
}

func runRxEdit(cmd *cobra.Command, a *app, o *rxWriteOptions, id int64) error {
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	ctx := a.ctx(cmd)
	var f client.PrescriptionFields
	if cmd.Flags().Changed("notes") {
		f.Notes = &o.notes
	}
	if cmd.Flags().Changed("visit") {
		f.Visit = &o.visit
	}
	if o.template > 0 || o.lines.given() {
		base, err := o.baseLines(ctx, c, func() ([]clinic.ItemWrite, error) {
			p, err := c.Prescription(ctx, id)
			if err != nil {
				return nil, err
			}
			return prescriptionItems(p), nil
		})
		if err != nil {
			return err
		}
		lines, err := o.lines.build(ctx, c, base)
		if err != nil {
			return err
		}
		f.Items = &lines
	}
	if o.template > 0 {
		f.TemplateUsed = &o.template
	}
	if _, err := c.UpdatePrescription(ctx, id, f); err != nil {
		return err
	}
	return a.showPrescription(ctx, c, o.format, id)
}

// lineMedication is a line's medication; an empty one if the server sent
// none.
func lineMedication(l clinic.PrescriptionLine) *clinic.Medication {
	if l.Medication == nil {
		return &clinic.Medication{}
	}
	return l.Medication
}

// prescriptionItems are a prescription's lines in the write form.
func prescriptionItems(p *clinic.PrescriptionDetail) []clinic.ItemWrite {
	out := make([]clinic.ItemWrite, len(p.Items))
	for i, l := range p.Items {
		outside := l.AllowOutsidePurchase
		out[i] = clinic.ItemWrite{Medication: lineMedication(l).ID, Dosage: l.Dosage,
			Route: l.Route, Frequency: l.Frequency, Duration: l.Duration,
			Instructions: l.Instructions, AllowOutsidePurchase: &outside}
	}
	return out
}

func newRxDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a prescription (doctors; asks first on a terminal)",
		Example: `  clinicflow rx delete 7
  clinicflow rx delete 7 --yes`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "prescription", confirm: "cli.rx_delete_confirm", done: "cli.rx_deleted",
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					p, err := c.Prescription(ctx, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Patient": p.Patient.FirstName + " " + p.Patient.LastName,
						"Date": a.when(&p.CreatedAt)}, nil
				},
				del: (*client.Client).DeletePrescription,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}

func newRxPDFCmd(a *app) *cobra.Command {
	var target string
	cmd := &cobra.Command{
		Use:   "pdf ID",
		Short: "Write a prescription as a signed PDF, ready to print",
		Long: `Write a prescription as a PDF in the language of --lang or CLINICFLOW_LANG,
else the practice's (the server's clinic.language): to FILE with -o FILE,
to standard output with -o -, else under the server's file name
(ordonnance_ID.pdf, prescription_ID.pdf) in the current folder.
The paper carries a code that "clinicflow rx verify" checks.`,
		Example: `  clinicflow rx pdf 7                         # ordonnance_7.pdf, here
  clinicflow rx pdf 7 --lang en -o rx-zoe.pdf
  clinicflow rx pdf 7 -o - | lp`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "prescription")
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			d, err := c.PrescriptionPDF(a.ctx(cmd), id, a.docLang)
			if err != nil {
				return err
			}
			defer d.Body.Close()
			return a.writeDownload(d, target, fmt.Sprintf("prescription_%d.pdf", id))
		},
	}
	cmd.Flags().StringVarP(&target, "output", "o", "", "file to write, - for standard output "+
		"(default the server's file name, in the current folder)")
	return cmd
}
