package main

import (
	"context"
	"errors"
	"strconv"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// medColumns are a medication's table and CSV columns.
func medColumns() []column[clinic.Medication] {
	return []column[clinic.Medication]{
		{key: "id", value: func(m clinic.Medication) string { return strconv.FormatInt(m.ID, 10) }},
		{key: "name", value: func(m clinic.Medication) string { return m.Name }},
		{key: "strength", value: func(m clinic.Medication) string { return m.Strength }},
		{key: "form", value: func(m clinic.Medication) string { return m.Form }},
	}
}

// medDetailColumns add what a single medication shows beyond the list.
func medDetailColumns() []column[clinic.Medication] {
	active := boolColumn("is_active", func(m clinic.Medication) bool { return m.IsActive })
	return append(medColumns(), active)
}

func newMedsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "meds",
		Aliases: []string{"medications"},
		Short:   "List, show, create, edit and deactivate the formulary's medications",
		Example: `  clinicflow meds list --search amox
  clinicflow meds create --name Amoxicilline --strength "250 mg/5 mL" --form "suspension buvable"`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newMedsListCmd(a), newMedsShowCmd(a), newMedsCreateCmd(a), newMedsEditCmd(a),
		newMedsDeleteCmd(a))
	return cmd
}

func newMedsListCmd(a *app) *cobra.Command {
	var o listOptions
	var q client.MedicationQuery
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the active medications, by name",
		Example: `  clinicflow meds list --search "amox 250"
  clinicflow meds list --all -o csv > formulary.csv`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			return printList(a, o, medColumns(), c.Medications(a.ctx(cmd), q),
				func(lo client.ListOptions) (*client.Page[clinic.Medication], error) {
					return c.ListMedications(a.ctx(cmd), q, lo)
				})
		},
	}
	listFlags(cmd, &o)
	cmd.Flags().StringVar(&q.Search, "search", "", "words to find in the name, strength and form")
	return cmd
}

func newMedsShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "show ID",
		Short:   "Show one active medication",
		Example: "  clinicflow meds show 7\n  clinicflow meds show 7 -o json",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "medication")
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
			m, err := c.Medication(a.ctx(cmd), id)
			if err != nil {
				return err
			}
			return printOne(a, format, medDetailColumns(), *m)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// medOptions are the flags of meds create and edit.
type medOptions struct {
	format, name, form, strength string
}

func (o *medOptions) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.name, "name", "", "name, as in Amoxicilline")
	cmd.Flags().StringVar(&o.form, "form", "", "form, as in suspension buvable")
	cmd.Flags().StringVar(&o.strength, "strength", "", "strength, as in 250 mg/5 mL")
	outputFlag(cmd, &o.format)
}

// fields returns the flags that were set, and those asked for.
func (o *medOptions) fields(cmd *cobra.Command) client.MedicationFields {
	pick := func(name string, v *string) *string {
		if cmd.Flags().Changed(name) || *v != "" {
			return v
		}
		return nil
	}
	return client.MedicationFields{Name: pick("name", &o.name), Form: pick("form", &o.form),
		Strength: pick("strength", &o.strength)}
}

func newMedsCreateCmd(a *app) *cobra.Command {
	var o medOptions
	cmd := &cobra.Command{
		Use:     "create",
		Short:   "Add a medication to the formulary (asks on a terminal for what is missing)",
		Example: `  clinicflow meds create --name Paracétamol --strength "2,4 %" --form suspension`,
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			k := a.asker()
			k.text(&o.name, "name", a.t("cli.col.name", nil), true)
			k.text(&o.strength, "strength", a.t("cli.col.strength", nil), false)
			k.text(&o.form, "form", a.t("cli.col.form", nil), false)
			if err := k.err(); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			m, err := c.CreateMedication(a.ctx(cmd), o.fields(cmd))
			if err != nil {
				return err
			}
			return printOne(a, o.format, medDetailColumns(), *m)
		},
	}
	o.add(cmd)
	return cmd
}

func newMedsEditCmd(a *app) *cobra.Command {
	var o medOptions
	cmd := &cobra.Command{
		Use:     "edit ID",
		Short:   "Change a medication's name, form or strength",
		Example: `  clinicflow meds edit 7 --strength "500 mg/5 mL"`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "medication")
			if err != nil {
				return err
			}
			if err := checkFormat(o.format); err != nil {
				return err
			}
			f := o.fields(cmd)
			if f == (client.MedicationFields{}) {
				return usageError{errors.New(
					"nothing to change: give --name, --form or --strength")}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			m, err := c.UpdateMedication(a.ctx(cmd), id, f)
			if err != nil {
				return err
			}
			return printOne(a, o.format, medDetailColumns(), *m)
		},
	}
	o.add(cmd)
	return cmd
}

func newMedsDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Deactivate a medication (asks first on a terminal); prescriptions keep it",
		Long: `Deactivate a medication: it leaves the lists and can no longer be
prescribed; the prescriptions and templates that name it keep it.`,
		Example: "  clinicflow meds delete 7\n  clinicflow meds delete 7 --yes",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "medication", confirm: "cli.med_delete_confirm", done: "cli.med_deleted",
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					m, err := c.Medication(ctx, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Name": m.Display()}, nil
				},
				del: (*client.Client).DeleteMedication,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}
