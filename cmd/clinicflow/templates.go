package main

import (
	"context"
	"errors"
	"strconv"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// templateColumns are the templates list's columns.
func templateColumns() []column[clinic.TemplateSummary] {
	return []column[clinic.TemplateSummary]{
		{key: "id", value: func(t clinic.TemplateSummary) string {
			return strconv.FormatInt(t.ID, 10)
		}},
		{key: "name", value: func(t clinic.TemplateSummary) string { return t.Name }},
		{key: "name_fr", value: func(t clinic.TemplateSummary) string { return t.NameFr }},
		{key: "description", value: func(t clinic.TemplateSummary) string { return t.Description }},
	}
}

// templateHeaderColumns are what templates show prints above the lines.
func templateHeaderColumns() []column[clinic.TemplateDetail] {
	type col = column[clinic.TemplateDetail]
	var out []col
	for _, c := range templateColumns() {
		value := func(t clinic.TemplateDetail) string { return c.value(t.TemplateSummary) }
		out = append(out, col{key: c.key, value: value, yesNo: c.yesNo})
	}
	return append(out,
		col{key: "description_fr", value: func(t clinic.TemplateDetail) string {
			return t.DescriptionFr
		}},
		boolColumn("is_active", func(t clinic.TemplateDetail) bool { return t.IsActive }),
	)
}

// templateLineColumns are a template's lines, numbered as the line flags
// count them.
func templateLineColumns() []column[numbered[clinic.TemplateLine]] {
	type row = numbered[clinic.TemplateLine]
	return []column[row]{
		{key: "line", value: func(r row) string { return strconv.Itoa(r.n) }},
		{key: "medication", value: func(r row) string {
			return strconv.FormatInt(r.line.Medication, 10)
		}},
		{key: "medication_display", value: func(r row) string { return r.line.MedicationDisplay }},
		{key: "dosage", value: func(r row) string { return r.line.Dosage }},
		{key: "route", value: func(r row) string { return r.line.Route }},
		{key: "frequency", value: func(r row) string { return r.line.Frequency }},
		{key: "duration", value: func(r row) string { return r.line.Duration }},
		{key: "instructions", value: func(r row) string { return r.line.Instructions }},
	}
}

// templateItems are a template's lines in the write form.
func templateItems(t *clinic.TemplateDetail) []clinic.ItemWrite {
	out := make([]clinic.ItemWrite, len(t.Items))
	for i, l := range t.Items {
		out[i] = clinic.ItemWrite{Medication: l.Medication, Dosage: l.Dosage, Route: l.Route,
			Frequency: l.Frequency, Duration: l.Duration, Instructions: l.Instructions}
	}
	return out
}

func newTemplatesCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List, show, create, edit and delete prescription templates",
		Example: `  clinicflow templates list --search otite
  clinicflow templates show 3
  clinicflow rx create --patient 12 --from-template 3`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newTemplatesListCmd(a), newTemplatesShowCmd(a), newTemplatesCreateCmd(a),
		newTemplatesEditCmd(a), newTemplatesDeleteCmd(a))
	return cmd
}

func newTemplatesListCmd(a *app) *cobra.Command {
	var o listOptions
	var q client.TemplateQuery
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List prescription templates, by name",
		Example: `  clinicflow templates list --search "otite aigue"
  clinicflow templates list --all -o json | jq '.[].name_fr'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(o.format); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			return printList(a, o, templateColumns(), c.Templates(a.ctx(cmd), q),
				func(lo client.ListOptions) (*client.Page[clinic.TemplateSummary], error) {
					return c.ListTemplates(a.ctx(cmd), q, lo)
				})
		},
	}
	listFlags(cmd, &o)
	cmd.Flags().StringVar(&q.Search, "search", "",
		"words to find in the names and descriptions, English or French")
	return cmd
}

func newTemplatesShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a template and its numbered lines",
		Long: `Show a template, then its lines, numbered as --set and --drop count them.
-o json prints the API's object; -o csv prints the lines, one row each.`,
		Example: "  clinicflow templates show 3\n  clinicflow templates show 3 -o csv > otite.csv",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "template")
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
			return a.showTemplate(a.ctx(cmd), c, format, id)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// showTemplate fetches a template and prints it as templates show does.
func (a *app) showTemplate(ctx context.Context, c *client.Client, format string, id int64) error {
	t, err := c.Template(ctx, id)
	if err != nil {
		return err
	}
	return printWithLines(a, format, templateHeaderColumns(), *t, templateLineColumns(), t.Items)
}

// templateOptions are the flags of templates create and edit.
type templateOptions struct {
	format                                string
	name, nameFr, description, descriptFr string
	lines                                 lineFlags
}

func (o *templateOptions) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&o.name, "name", "", "name (in English)")
	fl.StringVar(&o.nameFr, "name-fr", "", "name in French")
	fl.StringVar(&o.description, "description", "", "description (in English)")
	fl.StringVar(&o.descriptFr, "description-fr", "", "description in French")
	o.lines.add(cmd)
	outputFlag(cmd, &o.format)
}

// check validates the flags' syntax.
func (o *templateOptions) check() error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	return o.lines.parse()
}

// fields returns the flags that were set (every one given, for create).
func (o *templateOptions) fields(cmd *cobra.Command) client.TemplateFields {
	pick := func(name string, v *string) *string {
		if cmd.Flags().Changed(name) || *v != "" {
			return v
		}
		return nil
	}
	return client.TemplateFields{Name: pick("name", &o.name), NameFr: pick("name-fr", &o.nameFr),
		Description:   pick("description", &o.description),
		DescriptionFr: pick("description-fr", &o.descriptFr)}
}

func newTemplatesCreateCmd(a *app) *cobra.Command {
	var o templateOptions
	cmd := &cobra.Command{
		Use:   "create",
		Short: "Create a prescription template (asks on a terminal for its name)",
		Long:  "Create a prescription template.\n\n" + lineFlagsHelp,
		Example: `  clinicflow templates create --name "Acute otitis" --name-fr "Otite aiguë" \
    --item "med=Amoxicilline 250; dosage=5 mL; frequency=3 fois par jour; duration=8 jours" \
    --item "med=7; dosage=15 mg/kg; frequency=toutes les 6 h; instructions=si fièvre > 38,5 °C"`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.check(); err != nil {
				return err
			}
			k := a.asker()
			k.text(&o.name, "name", a.t("cli.col.name", nil), true)
			k.text(&o.nameFr, "name-fr", a.t("cli.col.name_fr", nil), false)
			if err := k.err(); err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			lines, err := o.lines.build(a.ctx(cmd), c, nil)
			if err != nil {
				return err
			}
			f := o.fields(cmd)
			f.Items = &lines
			t, err := c.CreateTemplate(a.ctx(cmd), f)
			if err != nil {
				return err
			}
			return a.showTemplate(a.ctx(cmd), c, o.format, t.ID)
		},
	}
	o.add(cmd)
	return cmd
}

func newTemplatesEditCmd(a *app) *cobra.Command {
	var o templateOptions
	cmd := &cobra.Command{
		Use:   "edit ID",
		Short: "Change a template's names, descriptions or lines",
		Long: `Change a template. The line flags start from its current lines; without
them the lines stay. Prescriptions already written from it do not change.

` + lineFlagsHelp,
		Example: `  clinicflow templates edit 3 --set 1.duration="10 jours"
  clinicflow templates edit 3 --drop 2 --description-fr "Enfant de plus de 6 mois"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "template")
			if err != nil {
				return err
			}
			if err := o.check(); err != nil {
				return err
			}
			f := o.fields(cmd)
			if f == (client.TemplateFields{}) && !o.lines.given() {
				return usageError{errors.New("nothing to change: give --name, --name-fr, " +
					"--description, --description-fr or line flags")}
			}
			return runTemplatesEdit(cmd, a, &o, id, f)
		},
	}
	o.add(cmd)
	return cmd
}

func runTemplatesEdit(cmd *cobra.Command, a *app, o *templateOptions, id int64,
	f client.TemplateFields) error {
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	ctx := a.ctx(cmd)
	if o.lines.given() {
		t, err := c.Template(ctx, id)
		if err != nil {
			return err
		}
		lines, err := o.lines.build(ctx, c, templateItems(t))
		if err != nil {
			return err
		}
		f.Items = &lines
	}
	if _, err := c.UpdateTemplate(ctx, id, f); err != nil {
		return err
	}
	return a.showTemplate(ctx, c, o.format, id)
}

func newTemplatesDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a template (asks first on a terminal); prescriptions made from it stay",
		Example: `  clinicflow templates delete 3
  clinicflow templates delete 3 --yes`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "template", confirm: "cli.template_delete_confirm", done: "cli.template_deleted",
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					t, err := c.Template(ctx, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Name": t.Name}, nil
				},
				del: (*client.Client).DeleteTemplate,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}
