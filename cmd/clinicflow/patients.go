package main

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// patientColumns are a patient's table and CSV columns.
func patientColumns(a *app) []column[clinic.Patient] {
	return []column[clinic.Patient]{
		{key: "id", value: func(p clinic.Patient) string { return strconv.FormatInt(p.ID, 10) }},
		{key: "patient_code", value: func(p clinic.Patient) string { return p.Code }},
		{key: "last_name", value: func(p clinic.Patient) string { return p.LastName }},
		{key: "first_name", value: func(p clinic.Patient) string { return p.FirstName }},
		{key: "sex", value: func(p clinic.Patient) string { return p.Sex }},
		{key: "date_of_birth", value: func(p clinic.Patient) string { return day(p.DateOfBirth) }},
		{key: "phone", value: func(p clinic.Patient) string { return p.Phone }},
		{key: "last_visit_date", value: func(p clinic.Patient) string {
			return a.when(p.LastVisitDate)
		}},
		{key: "next_visit_date", value: func(p clinic.Patient) string {
			return a.when(p.NextVisitDate)
		}},
		{key: "latest_weight_kg", value: func(p clinic.Patient) string {
			if p.LatestWeightKg == nil {
				return ""
			}
			return p.LatestWeightKg.String()
		}},
	}
}

func newPatientsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:               "patients",
		Short:             "List, show, create, edit, archive and restore patients",
		Example:           "  clinicflow patients list --search dupont\n  clinicflow patients show 12 -o json",
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newPatientsListCmd(a), newPatientsShowCmd(a), newPatientsCreateCmd(a),
		newPatientsEditCmd(a), newPatientsArchiveCmd(a, false), newPatientsArchiveCmd(a, true))
	return cmd
}

// listOptions are the flags every list shares.
type listOptions struct {
	format string
	all    bool
	page   int
	size   int
}

func listFlags(cmd *cobra.Command, o *listOptions) {
	outputFlag(cmd, &o.format)
	cmd.Flags().BoolVar(&o.all, "all", false, "every page, not only the first")
	cmd.Flags().IntVar(&o.page, "page", 1, "page number")
	cmd.Flags().IntVar(&o.size, "page-size", 20, "rows per page")
}

func newPatientsListCmd(a *app) *cobra.Command {
	var o listOptions
	var q client.PatientQuery
	var ordering string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List patients, by name",
		Example: `  clinicflow patients list --search "helene dupont"
  clinicflow patients list --all -o csv > patients.csv
  clinicflow patients list --ordering -last_visit_date --page-size 50`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			if ordering != "" {
				q.Ordering = []string{ordering}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			cols := patientColumns(a)
			return printList(a, o, cols, c.Patients(a.ctx(cmd), q),
				func(lo client.ListOptions) (*client.Page[clinic.Patient], error) {
					return c.ListPatients(a.ctx(cmd), q, lo)
				})
		},
	}
	listFlags(cmd, &o)
	cmd.Flags().StringVar(&q.Search, "search", "", "words to find in codes, names, phone, address, email")
	cmd.Flags().BoolVar(&q.Archived, "archived", false, "archived patients too (administrators)")
	cmd.Flags().StringVar(&ordering, "ordering", "", "last_name, first_name, created_at, patient_code, last_visit_date, next_visit_date; - first to reverse")
	return cmd
}

// printList prints the page of a list that o asks for or, with --all,
// every page of it: all walks them, page fetches one.
func printList[T any](a *app, o listOptions, cols []column[T], all iter.Seq2[T, error],
	page func(client.ListOptions) (*client.Page[T], error)) error {
	if o.all {
		return printAll(a, o.format, cols, all)
	}
	p, err := page(client.ListOptions{Page: o.page, PageSize: o.size})
	if err != nil {
		return err
	}
	if err := printRows(a, o.format, cols, p.Results); err != nil {
		return err
	}
	a.pageNote(o, p.Count, len(p.Results))
	return nil
}

// pageNote tells a person on a terminal that there is more than one page.
func (a *app) pageNote(o listOptions, count, shown int) {
	if o.format == formatTable && a.terminal() && count > shown {
		fmt.Fprintln(a.io.err, a.t("cli.page_note", map[string]any{"Shown": shown, "Count": count, "Page": o.page}))
	}
}

func newPatientsShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one patient",
		Example: "  clinicflow patients show 12\n  clinicflow patients show 12 -o json | jq .latest_weight_kg",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "patient")
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
			p, err := c.Patient(a.ctx(cmd), id)
			if err != nil {
				return err
			}
			return printOne(a, format, patientDetailColumns(a), *p)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// patientDetailColumns add what a single patient shows beyond the list.
func patientDetailColumns(a *app) []column[clinic.Patient] {
	return append(patientColumns(a),
		column[clinic.Patient]{key: "email", value: func(p clinic.Patient) string {
			return p.Email
		}},
		column[clinic.Patient]{key: "address", value: func(p clinic.Patient) string {
			return p.Address
		}},
		boolColumn("is_active", func(p clinic.Patient) bool { return p.IsActive }),
	)
}

// patientFlags are create's and edit's flags.
type patientFlags struct {
	first, last, sex, born, phone, email, address string
}

func (f *patientFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.first, "first-name", "", "first name")
	fl.StringVar(&f.last, "last-name", "", "last name")
	fl.StringVar(&f.sex, "sex", "", "M or F")
	fl.StringVar(&f.born, "born", "", "date of birth, YYYY-MM-DD")
	fl.StringVar(&f.phone, "phone", "", "phone number")
	fl.StringVar(&f.email, "email", "", "email address")
	fl.StringVar(&f.address, "address", "", "postal address")
}

// fields returns the flags that were set (every one, for create).
func (f *patientFlags) fields(cmd *cobra.Command, all bool) client.PatientFields {
	pick := func(name, v string) *string {
		if all && v != "" || cmd.Flags().Changed(name) {
			return &v
		}
		return nil
	}
	return client.PatientFields{FirstName: pick("first-name", f.first), LastName: pick("last-name", f.last),
		Sex: pick("sex", strings.ToUpper(f.sex)), DateOfBirth: pick("born", f.born), Phone: pick("phone", f.phone),
		Email: pick("email", f.email), Address: pick("address", f.address)}
}

func newPatientsCreateCmd(a *app) *cobra.Command {
	var f patientFlags
	var format string
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a patient (asks on a terminal for what is missing)",
		Example: `  clinicflow patients create --first-name Zoé --last-name Lefèvre --sex F \
    --born 2025-09-01 --address "12 rue des Lilas, Lyon"`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			k := a.asker()
			k.text(&f.first, "first-name", a.t("cli.col.first_name", nil), true)
			k.text(&f.last, "last-name", a.t("cli.col.last_name", nil), true)
			k.checked(&f.sex, "sex", a.t("cli.col.sex", nil)+" (M/F)", true, sexCheck)
			k.checked(&f.born, "born", a.t("cli.col.date_of_birth", nil)+" (YYYY-MM-DD)", true, dateCheck)
			k.text(&f.address, "address", a.t("cli.col.address", nil), true)
			k.text(&f.phone, "phone", a.t("cli.col.phone", nil), false)
			if err := k.err(); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			p, err := c.CreatePatient(a.ctx(cmd), f.fields(cmd, true))
			if err != nil {
				return err
			}
			return printOne(a, format, patientDetailColumns(a), *p)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

func newPatientsEditCmd(a *app) *cobra.Command {
	var f patientFlags
	var format string
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   "Change some fields of a patient",
		Example: `  clinicflow patients edit 12 --phone "+33 4 00 00 00 00" --address "3 place Bellecour, Lyon"`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "patient")
			if err != nil {
				return err
			}
			change := f.fields(cmd, false)
			if change == (client.PatientFields{}) {
				return usageError{fmt.Errorf("nothing to change: give at least one field flag")}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			p, err := c.UpdatePatient(a.ctx(cmd), id, change)
			if err != nil {
				return err
			}
			return printOne(a, format, patientDetailColumns(a), *p)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

// newPatientsArchiveCmd builds archive (restore false) and restore.
func newPatientsArchiveCmd(a *app, restore bool) *cobra.Command {
	use, short, done := "archive ID", "Archive a patient (kept, hidden from lists)", "cli.patient_archived"
	if restore {
		use, short, done = "restore ID", "Bring an archived patient back (administrators)", "cli.patient_restored"
	}
	verb := use[:len(use)-3]
	return &cobra.Command{
		Use:     use,
		Short:   short,
		Example: "  clinicflow patients " + verb + " 12",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "patient")
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			if restore {
				err = c.RestorePatient(a.ctx(cmd), id)
			} else {
				err = c.ArchivePatient(a.ctx(cmd), id)
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(a.io.err, a.t(done, map[string]any{"ID": id}))
			return nil
		},
	}
}

// sexCheck accepts M or F, in either case (the flag's value is upper-cased
// before it is sent).
func sexCheck(s string) error {
	if u := strings.ToUpper(s); u != clinic.SexMale && u != clinic.SexFemale {
		return fmt.Errorf("%q: want M or F", s)
	}
	return nil
}

// dateCheck accepts a date written YYYY-MM-DD.
func dateCheck(s string) error {
	if _, err := clinic.ParseDate(s); err != nil {
		return fmt.Errorf("%q: want a date written YYYY-MM-DD", s)
	}
	return nil
}
