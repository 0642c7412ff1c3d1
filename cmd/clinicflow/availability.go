package main

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// availabilityColumns are an availability record's CSV (and set's table)
// columns.
func availabilityColumns() []column[clinic.Availability] {
	return []column[clinic.Availability]{
		{key: "id", value: func(v clinic.Availability) string {
			return strconv.FormatInt(v.ID, 10)
		}},
		{key: "date", value: func(v clinic.Availability) string { return day(v.Date) }},
		{key: "slot", value: func(v clinic.Availability) string { return v.Slot }},
		{key: "start_time", value: func(v clinic.Availability) string {
			return timeOfDay(v.StartTime, false)
		}},
		{key: "end_time", value: func(v clinic.Availability) string {
			return timeOfDay(v.EndTime, false)
		}},
		{key: "notes", value: func(v clinic.Availability) string { return v.Notes }},
	}
}

// timeOfDay formats an optional time: HH:MM:SS as the API writes it, or
// HH:MM for people (short).
func timeOfDay(t *clinic.TimeOfDay, short bool) string {
	switch {
	case t == nil:
		return ""
	case short:
		return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute)
	}
	return t.String()
}

// monthDay is one line of the month view: a day, and what was said of it
// (nil for nothing).
type monthDay struct {
	date  time.Time
	avail *clinic.Availability
}

// monthColumns are the month view's columns.
func monthColumns(a *app) []column[monthDay] {
	with := func(f func(*clinic.Availability) string) func(monthDay) string {
		return func(d monthDay) string {
			if d.avail == nil {
				return ""
			}
			return f(d.avail)
		}
	}
	return []column[monthDay]{
		{key: "date", value: func(d monthDay) string { return d.date.Format(time.DateOnly) }},
		{key: "weekday", value: func(d monthDay) string {
			return a.t("cli.weekday."+strings.ToLower(d.date.Weekday().String()), nil)
		}},
		{key: "slot_display", value: func(d monthDay) string {
			if d.avail == nil {
				return "-"
			}
			return a.t("cli.slot."+d.avail.Slot, nil)
		}},
		{key: "start_time", value: with(func(v *clinic.Availability) string {
			return timeOfDay(v.StartTime, true)
		})},
		{key: "end_time", value: with(func(v *clinic.Availability) string {
			return timeOfDay(v.EndTime, true)
		})},
		{key: "notes", value: with(func(v *clinic.Availability) string { return v.Notes })},
	}
}

// monthView lays a month's records out day by day.
func monthView(first time.Time, list []clinic.Availability) []monthDay {
	var days []monthDay
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		md := monthDay{date: d}
		for i := range list {
			if list[i].Date == clinic.DateOf(d) {
				md.avail = &list[i]
			}
		}
		days = append(days, md)
	}
	return days
}

func newAvailabilityCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "availability",
		Short: "Show a month of availability, set days, clear a day",
		Example: `  clinicflow availability show --month 2027-01
  clinicflow availability set 2027-01-04..2027-01-08 --slot morning
  clinicflow availability clear 2027-01-06`,
		PersistentPreRunE: a.prepare,
	}
	cmd.AddCommand(newAvailabilityShowCmd(a), newAvailabilitySetCmd(a), newAvailabilityClearCmd(a))
	return cmd
}

func newAvailabilityShowCmd(a *app) *cobra.Command {
	var month, doctor, format string
	cmd := &cobra.Command{
		Use:   "show",
		Short: "Show a month, one line a day (yours, or another account's)",
		Example: `  clinicflow availability show
  clinicflow availability show --month 2027-02 --doctor drhouse
  clinicflow availability show -o json | jq '.[] | select(.slot == "unavailable") | .date'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			first, err := a.month(month)
			if err != nil {
				return err
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			list, err := a.monthAvailability(cmd, c, doctor, first)
			if err != nil {
				return err
			}
			if format != formatTable {
				return printRows(a, format, availabilityColumns(), list)
			}
			return printRows(a, format, monthColumns(a), monthView(first, list))
		},
	}
	cmd.Flags().StringVar(&month, "month", "", "the month, YYYY-MM (default this month)")
	cmd.Flags().StringVar(&doctor, "doctor", "",
		"another account's (ID, or a doctor's or nurse's username)")
	outputFlag(cmd, &format)
	return cmd
}

// month reads --month: the first day of the month, this month's when
// empty.
func (a *app) month(s string) (time.Time, error) {
	if s == "" {
		now := time.Now().In(a.loc)
		return time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC), nil
	}
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return t, usageError{fmt.Errorf("--month %q: want YYYY-MM", s)}
	}
	return t, nil
}

// monthAvailability fetches the month of the signed-in account, or of the
// account doctor names.
func (a *app) monthAvailability(cmd *cobra.Command, c *client.Client, doctor string,
	first time.Time) ([]clinic.Availability, error) {
	year, month := first.Year(), int(first.Month())
	if doctor == "" {
		return c.MyAvailability(a.ctx(cmd), year, month)
	}
	id, err := doctorRef(a, cmd, c, doctor)
	if err != nil {
		return nil, err
	}
	return c.DoctorAvailability(a.ctx(cmd), id, year, month)
}

// availabilitySet are set's flags and argument.
type availabilitySet struct {
	slot, start, end, notes, format string
}

func newAvailabilitySetCmd(a *app) *cobra.Command {
	var o availabilitySet
	cmd := &cobra.Command{
		Use:   "set DATE[..DATE]",
		Short: "Say what you work on a day, or on every day of a range (all saved or none)",
		Example: `  clinicflow availability set 2027-01-05 --slot morning --start 08:30 --end 12:00
  clinicflow availability set 2027-02-15..2027-02-19 --slot unavailable --notes "Congrès"`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(a, cmd, args[0]) },
	}
	f := cmd.Flags()
	f.StringVar(&o.slot, "slot", "", "morning, afternoon, evening, full_day or unavailable")
	f.StringVar(&o.start, "start", "", "start time, HH:MM")
	f.StringVar(&o.end, "end", "", "end time, HH:MM")
	f.StringVar(&o.notes, "notes", "", "notes")
	outputFlag(cmd, &o.format)
	return cmd
}

// maxAvailabilityDays is the longest range set takes at once.
const maxAvailabilityDays = 366

func (o *availabilitySet) run(a *app, cmd *cobra.Command, arg string) error {
	days, err := dateRange(arg)
	if err != nil {
		return err
	}
	if err := o.check(a); err != nil {
		return err
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	if len(days) == 1 {
		v, _, err := c.SetAvailability(a.ctx(cmd), o.fields(days[0]))
		if err != nil {
			return err
		}
		return printOne(a, o.format, availabilityColumns(), *v)
	}
	entries := make([]client.AvailabilityFields, len(days))
	for i, d := range days {
		entries[i] = o.fields(d)
	}
	list, err := c.BulkAvailability(a.ctx(cmd), entries)
	if err != nil {
		return err
	}
	return printRows(a, o.format, availabilityColumns(), list)
}

// check validates the flags, asking on a terminal for a missing slot.
func (o *availabilitySet) check(a *app) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	k := a.asker()
	slots := strings.Join(clinic.Slots, ", ")
	k.text(&o.slot, "slot", a.t("cli.col.slot", nil)+" ("+slots+")", true)
	if err := k.err(); err != nil {
		return err
	}
	if !slices.Contains(clinic.Slots, o.slot) {
		return usageError{fmt.Errorf("--slot %q: want one of %s", o.slot, slots)}
	}
	for _, t := range []struct{ flag, value string }{{"--start", o.start}, {"--end", o.end}} {
		if _, err := clinic.ParseTimeOfDay(t.value); t.value != "" && err != nil {
			return usageError{fmt.Errorf("%s %q: want HH:MM", t.flag, t.value)}
		}
	}
	return nil
}

func (o *availabilitySet) fields(d clinic.Date) client.AvailabilityFields {
	return client.AvailabilityFields{Date: d.String(), Slot: o.slot, Notes: o.notes,
		StartTime: o.start, EndTime: o.end}
}

// dateRange reads DATE or FIRST..LAST: every day from the first to the
// last.
func dateRange(arg string) ([]clinic.Date, error) {
	from, to, isRange := strings.Cut(arg, "..")
	if !isRange {
		to = from
	}
	first, err1 := clinic.ParseDate(strings.TrimSpace(from))
	last, err2 := clinic.ParseDate(strings.TrimSpace(to))
	if err := errors.Join(err1, err2); err != nil {
		return nil, usageError{fmt.Errorf(
			"%q: want a date, YYYY-MM-DD, or a range, YYYY-MM-DD..YYYY-MM-DD", arg)}
	}
	if last.Before(first) {
		return nil, usageError{fmt.Errorf("%q: the range ends before it starts", arg)}
	}
	var days []clinic.Date
	for d := first.Time(); !d.After(last.Time()); d = d.AddDate(0, 0, 1) {
		if len(days) == maxAvailabilityDays {
			return nil, usageError{fmt.Errorf("%q: more than %d days", arg, maxAvailabilityDays)}
		}
		days = append(days, clinic.DateOf(d))
	}
	return days, nil
}

func newAvailabilityClearCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "clear DATE",
		Short:   "Forget what you said of a day",
		Example: "  clinicflow availability clear 2027-01-06",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := clinic.ParseDate(strings.TrimSpace(args[0]))
			if err != nil {
				return usageError{fmt.Errorf("%q: want a date, YYYY-MM-DD", args[0])}
			}
			c, err := a.apiClient()
			if err != nil {
				return err
			}
			if err := c.ClearAvailability(a.ctx(cmd), d.String()); err != nil {
				return err
			}
			fmt.Fprintln(a.io.err, a.t("cli.availability_cleared",
				map[string]any{"Date": d.String()}))
			return nil
		},
	}
}
