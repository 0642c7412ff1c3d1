package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// vitalsColumns are a set of vital signs' table and CSV columns.
func vitalsColumns(a *app) []column[clinic.VitalSigns] {
	type V = clinic.VitalSigns
	dec := func(key string, value func(V) *clinic.Decimal) column[V] {
		return column[V]{key: key, value: func(vs V) string {
			if d := value(vs); d != nil {
				return d.String()
			}
			return ""
		}}
	}
	num := func(key string, value func(V) *int64) column[V] {
		return column[V]{key: key, value: func(vs V) string {
			if n := value(vs); n != nil {
				return strconv.FormatInt(*n, 10)
			}
			return ""
		}}
	}
	return []column[V]{
		{key: "id", value: func(vs V) string { return strconv.FormatInt(vs.ID, 10) }},
		{key: "visit", value: func(vs V) string { return strconv.FormatInt(vs.VisitID, 10) }},
		{key: "measured_at", value: func(vs V) string { return a.when(&vs.MeasuredAt) }},
		dec("weight_kg", func(vs V) *clinic.Decimal { return vs.WeightKg }),
		dec("height_cm", func(vs V) *clinic.Decimal { return vs.HeightCm }),
		dec("temperature_c", func(vs V) *clinic.Decimal { return vs.TemperatureC }),
		dec("head_circumference_cm", func(vs V) *clinic.Decimal { return vs.HeadCircumferenceCm }),
		num("bp_systolic", func(vs V) *int64 { return vs.BPSystolic }),
		num("bp_diastolic", func(vs V) *int64 { return vs.BPDiastolic }),
		num("heart_rate_bpm", func(vs V) *int64 { return vs.HeartRateBPM }),
		num("respiratory_rate_rpm", func(vs V) *int64 { return vs.RespiratoryRateRPM }),
		num("oxygen_saturation_pct", func(vs V) *int64 { return vs.OxygenSaturationPct }),
		{key: "notes", value: func(vs V) string { return vs.Notes }},
	}
}

// vitalsInVisitColumns are the vital signs' columns under a visit, which
// need not repeat the visit.
func vitalsInVisitColumns(a *app) []column[clinic.VitalSigns] {
	var out []column[clinic.VitalSigns]
	for _, c := range vitalsColumns(a) {
		if c.key != "visit" {
			out = append(out, c)
		}
	}
	return out
}

func newVitalsCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "vitals",
		Short: "Add, edit and delete the vital signs measured during a consultation",
		Example: `  clinicflow vitals add --visit 40 --weight 10.35 --height 78 --temp 38.9
  clinicflow vitals edit 7 --bp 120/80
  clinicflow vitals delete 7 --yes`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newVitalsAddCmd(a), newVitalsEditCmd(a), newVitalsDeleteCmd(a))
	return cmd
}

// vitalsFlags are add's and edit's flags.
type vitalsFlags struct {
	visit, at, weight, height, temp, head, bp, notes string
	hr, rr, spo2                                     int64
}

func (f *vitalsFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.visit, "visit", "", "the consultation's ID")
	fl.StringVar(&f.at, "at", "",
		`when measured, in the clinic's time zone: "YYYY-MM-DD HH:MM" (default now)`)
	fl.StringVar(&f.weight, "weight", "", "weight, kg (10.35)")
	fl.StringVar(&f.height, "height", "", "height or length, cm (78)")
	fl.StringVar(&f.temp, "temp", "", "temperature, °C (38.9)")
	fl.StringVar(&f.head, "head", "", "head circumference, cm (45.2)")
	fl.StringVar(&f.bp, "bp", "", "blood pressure, systolic/diastolic mmHg (120/80)")
	fl.Int64Var(&f.hr, "hr", 0, "heart rate, beats a minute")
	fl.Int64Var(&f.rr, "rr", 0, "respiratory rate, breaths a minute")
	fl.Int64Var(&f.spo2, "spo2", 0, "oxygen saturation, %")
	fl.StringVar(&f.notes, "notes", "", "notes")
}

// fields returns the flags that were set, and a usage error for a
// malformed visit, time or blood pressure. The server judges the values.
func (f *vitalsFlags) fields(a *app, cmd *cobra.Command) (client.VitalsFields, error) {
	changed := cmd.Flags().Changed
	text := func(name, v string) *string {
		if changed(name) {
			return &v
		}
		return nil
	}
	num := func(name string, v int64) *int64 {
		if changed(name) {
			return &v
		}
		return nil
	}
	out := client.VitalsFields{
		WeightKg:            text("weight", f.weight),
		HeightCm:            text("height", f.height),
		TemperatureC:        text("temp", f.temp),
		HeadCircumferenceCm: text("head", f.head),
		HeartRateBPM:        num("hr", f.hr),
		RespiratoryRateRPM:  num("rr", f.rr),
		OxygenSaturationPct: num("spo2", f.spo2),
		Notes:               text("notes", f.notes),
	}
	if f.visit != "" {
		id, err := idArg(f.visit, "--visit")
		if err != nil {
			return out, err
		}
		out.Visit = &id
	}
	if changed("at") {
		t, err := a.clinicTime("--at", f.at)
		if err != nil {
			return out, err
		}
		out.MeasuredAt = &t
	}
	if changed("bp") {
		sys, dia, err := bloodPressure(f.bp)
		if err != nil {
			return out, err
		}
		out.BPSystolic, out.BPDiastolic = sys, dia
	}
	return out, nil
}

// bloodPressure reads --bp as systolic/diastolic: 120/80.
func bloodPressure(s string) (systolic, diastolic *int64, err error) {
	sys, dia, ok := strings.Cut(strings.ReplaceAll(s, " ", ""), "/")
	a, aerr := strconv.ParseInt(sys, 10, 64)
	b, berr := strconv.ParseInt(dia, 10, 64)
	if !ok || aerr != nil || berr != nil {
		return nil, nil, usageError{
			fmt.Errorf("--bp %q: want systolic/diastolic, such as 120/80", s)}
	}
	return &a, &b, nil
}

func newVitalsAddCmd(a *app) *cobra.Command {
	var f vitalsFlags
	var format string
	cmd := &cobra.Command{
		Use:   "add",
		Short: "Record vital signs during a consultation (asks on a terminal for the visit)",
		Example: `  clinicflow vitals add --visit 40 --weight 10.35 --height 78 \
    --temp 38.9 --head 45.2
  clinicflow vitals add --visit 41 --bp 120/80 --hr 72 --rr 16 --spo2 98 --at "2026-01-05 10:45"`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			k := a.asker()
			k.text(&f.visit, "visit", a.t("cli.col.visit", nil)+" (ID)", true)
			if err := k.err(); err != nil {
				return err
			}
			fields, err := f.fields(a, cmd)
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			vs, err := c.CreateVitals(a.ctx(cmd), fields)
			if err != nil {
				return err
			}
			return printOne(a, format, vitalsColumns(a), *vs)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

func newVitalsEditCmd(a *app) *cobra.Command {
	var f vitalsFlags
	var format string
	cmd := &cobra.Command{
		Use:   "edit VITALS_ID",
		Short: "Change some measurements of a set of vital signs",
		Example: `  clinicflow vitals edit 7 --temp 38.4
  clinicflow vitals edit 7 --bp 118/76 --notes "au repos"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "vital signs")
			if err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			fields, err := f.fields(a, cmd)
			if err != nil {
				return err
			}
			if fields == (client.VitalsFields{}) {
				return usageError{
					errors.New("nothing to change: give at least one measurement flag")}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			vs, err := c.UpdateVitals(a.ctx(cmd), id, fields)
			if err != nil {
				return err
			}
			return printOne(a, format, vitalsColumns(a), *vs)
		},
	}
	f.add(cmd)
	outputFlag(cmd, &format)
	return cmd
}

func newVitalsDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete VITALS_ID",
		Short:   "Delete a set of vital signs (asks first on a terminal)",
		Example: "  clinicflow vitals delete 7\n  clinicflow vitals delete 7 --yes",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what: "vital signs", confirm: "cli.vitals_delete_confirm", done: "cli.vitals_deleted",
				del: (*client.Client).DeleteVitals,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}
