package main

import (
	"context"
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

// appointmentColumns are an appointment's list, table and CSV columns.
func appointmentColumns(a *app) []column[clinic.Appointment] {
	return []column[clinic.Appointment]{
		{key: "id", value: func(v clinic.Appointment) string {
			return strconv.FormatInt(v.ID, 10)
		}},
		{key: "scheduled_at", value: func(v clinic.Appointment) string {
			return a.when(&v.ScheduledAt)
		}},
		{key: "status", value: func(v clinic.Appointment) string { return v.Status }},
		{key: "patient", value: func(v clinic.Appointment) string {
			return v.Patient.Code + " " + v.Patient.FirstName + " " + v.Patient.LastName
		}},
		{key: "doctor_details", value: func(v clinic.Appointment) string {
			if v.Doctor == nil {
				return ""
			}
			return v.Doctor.FullName
		}},
		{key: "reason", value: func(v clinic.Appointment) string { return v.Reason }},
	}
}

// appointmentDetailColumns add what a single appointment shows beyond the
// agenda.
func appointmentDetailColumns(a *app) []column[clinic.Appointment] {
	type col = column[clinic.Appointment]
	return append(appointmentColumns(a),
		col{key: "notes", value: func(v clinic.Appointment) string { return v.Notes }},
		col{key: "visit", value: func(v clinic.Appointment) string {
			return optionalID(v.VisitID)
		}},
		col{key: "created_at", value: func(v clinic.Appointment) string {
			return a.when(&v.CreatedAt)
		}},
		col{key: "updated_at", value: func(v clinic.Appointment) string {
			return a.when(&v.UpdatedAt)
		}},
	)
}

// optionalID is a link's id, or "" for none.
func optionalID(id *int64) string {
	if id == nil {
		return ""
	}
	return strconv.FormatInt(*id, 10)
}

func newAppointmentsCmd(a *app) *cobra.Command {
	var o agendaOptions
	cmd := &cobra.Command{
		Use:     "appointments",
		Aliases: []string{"agenda"},
		Short:   "The agenda: today's appointments by default; book, move, confirm, cancel",
		Long: `Run alone, appointments (or agenda) prints today's agenda in the clinic's
time zone, by time; --week, --from and --to choose other days.`,
		Example: `  clinicflow agenda
  clinicflow agenda --week -o csv
  clinicflow appointments book --patient 12 --at "2027-01-05 09:30" --reason "Vaccin"
  clinicflow appointments confirm 7`,
		Args:              exactArgs(0),
		PersistentPreRunE: a.prepare,
		RunE:              func(cmd *cobra.Command, args []string) error { return o.run(a, cmd) },
	}
	o.add(cmd)
	cmd.AddCommand(newAgendaListCmd(a), newAppointmentShowCmd(a), newAppointmentBookCmd(a),
		newAppointmentMoveCmd(a), newAppointmentDeleteCmd(a))
	for _, s := range appointmentStatusVerbs {
		cmd.AddCommand(newAppointmentStatusCmd(a, s.verb, s.status))
	}
	return cmd
}

func newAgendaListCmd(a *app) *cobra.Command {
	var o agendaOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List appointments by time: today's, this week's, or between two dates",
		Example: `  clinicflow appointments list --week
  clinicflow appointments list --from 2027-01-04 --to 2027-01-08 --status CONFIRMED
  clinicflow appointments list --patient 12 --upcoming -o json | jq '.[].scheduled_at'`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(a, cmd) },
	}
	o.add(cmd)
	return cmd
}

// agendaOptions are the agenda's flags, on the noun and on list.
type agendaOptions struct {
	format   string
	week     bool
	from, to string
	patient  string
	status   string
	upcoming bool
}

func (o *agendaOptions) add(cmd *cobra.Command) {
	outputFlag(cmd, &o.format)
	f := cmd.Flags()
	f.BoolVar(&o.week, "week", false, "this week, Monday to Sunday, instead of today")
	f.StringVar(&o.from, "from", "", "first day, YYYY-MM-DD (alone: from that day on)")
	f.StringVar(&o.to, "to", "", "last day, YYYY-MM-DD (alone: up to that day)")
	f.StringVar(&o.patient, "patient", "", "only this patient's (ID or code such as PT-000012)")
	f.StringVar(&o.status, "status", "",
		"only this status: SCHEDULED, CONFIRMED, CANCELLED, COMPLETED or NO_SHOW")
	f.BoolVar(&o.upcoming, "upcoming", false,
		"only appointments still to come (alone: every day from now on, not only today)")
}

// span is a stretch of time, start included, end excluded; a zero side is
// open.
type span struct{ start, end time.Time }

func (s span) holds(t time.Time) bool {
	return (s.start.IsZero() || !t.Before(s.start)) && (s.end.IsZero() || t.Before(s.end))
}

// query checks the flags and returns what to ask the API for and the
// stretch of the clinic's days to keep, given the time now.
func (o *agendaOptions) query(a *app, now time.Time) (client.AppointmentQuery, span, error) {
	var q client.AppointmentQuery
	if err := checkFormat(o.format); err != nil {
		return q, span{}, err
	}
	var err error
	if o.patient != "" {
		if q.Patient, err = patientRef("--patient", o.patient); err != nil {
			return q, span{}, err
		}
	}
	if o.status != "" {
		if q.Status, err = appointmentStatus(o.status); err != nil {
			return q, span{}, err
		}
	}
	q.Upcoming = o.upcoming
	s, err := o.days(a, now)
	if err != nil {
		return q, span{}, err
	}
	q.StartDate, q.EndDate = apiDay(s.start, -1), apiDay(s.end, 1)
	return q, s, nil
}

// days is the stretch the flags choose, in the clinic's time zone: today
// unless --week, --from, --to or --upcoming says otherwise.
func (o *agendaOptions) days(a *app, now time.Time) (span, error) {
	today := midnight(now.In(a.loc))
	ranged := o.from != "" || o.to != ""
	switch {
	case o.week && ranged:
		return span{}, usageError{errors.New("--week and --from/--to: give one or the other")}
	case o.week:
		monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
		return span{monday, monday.AddDate(0, 0, 7)}, nil
	case !ranged && o.upcoming:
		return span{}, nil
	case !ranged:
		return span{today, today.AddDate(0, 0, 1)}, nil
	}
	var s span
	var err error
	if o.from != "" {
		if s.start, err = a.clinicDay("--from", o.from); err != nil {
			return s, err
		}
	}
	if o.to != "" {
		if s.end, err = a.clinicDay("--to", o.to); err != nil {
			return s, err
		}
		s.end = s.end.AddDate(0, 0, 1)
	}
	if !s.start.IsZero() && !s.end.IsZero() && !s.start.Before(s.end) {
		return s, usageError{fmt.Errorf("--from %s is after --to %s", o.from, o.to)}
	}
	return s, nil
}

// midnight is the start of t's day, in t's zone.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// clinicDay reads a YYYY-MM-DD flag as the start of that day in the
// clinic's time zone.
func (a *app) clinicDay(flag, s string) (time.Time, error) {
	d, err := clinic.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, usageError{fmt.Errorf("%s %q: want a date, YYYY-MM-DD", flag, s)}
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, a.loc), nil
}

// apiDay is a date for the API's start_date and end_date, which the server
// reads in its own clinic's time zone, unknown here: the UTC date of t,
// moved by shift days, so that the days asked for hold t whatever that
// zone. "" for an open side.
func apiDay(t time.Time, shift int) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().AddDate(0, 0, shift).Format(time.DateOnly)
}

// run prints the agenda: every page the API has for the days, kept to
// the clinic's days and ordered by time.
func (o *agendaOptions) run(a *app, cmd *cobra.Command) error {
	q, s, err := o.query(a, time.Now())
	if err != nil {
		return err
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	all, err := client.All(c.Appointments(a.ctx(cmd), q))
	if err != nil {
		return err
	}
	rows := slices.DeleteFunc(all, func(v clinic.Appointment) bool {
		return !s.holds(v.ScheduledAt)
	})
	slices.SortStableFunc(rows, func(x, y clinic.Appointment) int {
		return x.ScheduledAt.Compare(y.ScheduledAt)
	})
	return printRows(a, o.format, appointmentColumns(a), rows)
}

// patientRef reads a patient given by id (12) or code (PT-000012).
func patientRef(flag, s string) (int64, error) {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(strings.ToUpper(t), "PT-"); ok {
		t = rest
	}
	id, err := strconv.ParseInt(t, 10, 64)
	if err != nil || id <= 0 {
		return 0, usageError{fmt.Errorf("%s %q: want a patient ID or code (12, PT-000012)",
			flag, s)}
	}
	return id, nil
}

// patientCheck accepts what patientRef reads.
func patientCheck(s string) error {
	_, err := patientRef("", s)
	return err
}

// timeCheck accepts what clinicTime reads.
func (a *app) timeCheck(s string) error {
	_, err := a.clinicTime("", s)
	return err
}

// appointmentStatus reads --status, forgiving case and a dash: no-show is
// NO_SHOW.
func appointmentStatus(s string) (string, error) {
	status := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "-", "_"))
	if !slices.Contains(clinic.AppointmentStatuses, status) {
		return "", usageError{fmt.Errorf("--status %q: want one of %s", s,
			strings.Join(clinic.AppointmentStatuses, ", "))}
	}
	return status, nil
}

func newAppointmentShowCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one appointment",
		Example: `  clinicflow appointments show 7
  clinicflow agenda show 7 -o json | jq .doctor_details`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "appointment")
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
			v, err := c.Appointment(a.ctx(cmd), id)
			if err != nil {
				return err
			}
			return printOne(a, format, appointmentDetailColumns(a), *v)
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

// bookOptions are book's flags.
type bookOptions struct {
	patient, at, doctor, reason, notes, format string
}

func newAppointmentBookCmd(a *app) *cobra.Command {
	var o bookOptions
	cmd := &cobra.Command{
		Use:   "book",
		Short: "Book an appointment (asks on a terminal for the patient and the time)",
		Example: `  clinicflow appointments book --patient 12 --at "2027-01-05 09:30" \
    --doctor drhouse --reason "Vaccin DTP"
  clinicflow agenda book --patient PT-000012 --at 2027-01-05T08:30:00Z`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(a, cmd) },
	}
	f := cmd.Flags()
	f.StringVar(&o.patient, "patient", "", "the patient (ID or code such as PT-000012)")
	f.StringVar(&o.at, "at", "", `when: "YYYY-MM-DD HH:MM" in the clinic's time zone, or RFC 3339`)
	f.StringVar(&o.doctor, "doctor", "", "with whom: a doctor's or nurse's ID or username")
	f.StringVar(&o.reason, "reason", "", "reason for the appointment")
	f.StringVar(&o.notes, "notes", "", "notes")
	outputFlag(cmd, &o.format)
	return cmd
}

func (o *bookOptions) run(a *app, cmd *cobra.Command) error {
	if err := checkFormat(o.format); err != nil {
		return err
	}
	k := a.asker()
	k.checked(&o.patient, "patient", a.t("cli.col.patient", nil)+" (ID, PT-…)", true, patientCheck)
	k.checked(&o.at, "at", a.t("cli.col.scheduled_at", nil)+" (YYYY-MM-DD HH:MM)", true,
		a.timeCheck)
	if err := k.err(); err != nil {
		return err
	}
	patient, err := patientRef("--patient", o.patient)
	if err != nil {
		return err
	}
	at, err := a.clinicTime("--at", o.at)
	if err != nil {
		return err
	}
	f := client.AppointmentFields{PatientID: &patient, ScheduledAt: &at}
	if o.reason != "" {
		f.Reason = &o.reason
	}
	if o.notes != "" {
		f.Notes = &o.notes
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	if o.doctor != "" {
		id, err := doctorRef(a, cmd, c, o.doctor)
		if err != nil {
			return err
		}
		f.Doctor = &id
	}
	v, err := c.CreateAppointment(a.ctx(cmd), f)
	if err != nil {
		return err
	}
	return printOne(a, o.format, appointmentDetailColumns(a), *v)
}

// doctorRef reads an account given by id, or by the username of a doctor
// or nurse.
func doctorRef(a *app, cmd *cobra.Command, c *client.Client, s string) (int64, error) {
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	list, err := c.Doctors(a.ctx(cmd))
	if err != nil {
		return 0, err
	}
	for _, d := range list {
		if strings.EqualFold(d.Username, s) {
			return d.ID, nil
		}
	}
	return 0, fmt.Errorf("--doctor %q: no doctor or nurse has this username", s)
}

func newAppointmentMoveCmd(a *app) *cobra.Command {
	var at, format string
	cmd := &cobra.Command{
		Use:     "move ID",
		Short:   "Move an appointment to another time (asks on a terminal for the time)",
		Example: `  clinicflow appointments move 7 --at "2027-01-06 14:00"`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "appointment")
			if err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			k := a.asker()
			k.checked(&at, "at", a.t("cli.col.scheduled_at", nil)+" (YYYY-MM-DD HH:MM)", true,
				a.timeCheck)
			if err := k.err(); err != nil {
				return err
			}
			t, err := a.clinicTime("--at", at)
			if err != nil {
				return err
			}
			return a.changeAppointment(cmd, id, format, client.AppointmentFields{ScheduledAt: &t})
		},
	}
	cmd.Flags().StringVar(&at, "at", "",
		`the new time: "YYYY-MM-DD HH:MM" in the clinic's time zone, or RFC 3339`)
	outputFlag(cmd, &format)
	return cmd
}

// changeAppointment sends a change and prints the appointment as it is
// after it.
func (a *app) changeAppointment(cmd *cobra.Command, id int64, format string,
	f client.AppointmentFields) error {
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	v, err := c.UpdateAppointment(a.ctx(cmd), id, f)
	if err != nil {
		return err
	}
	return printOne(a, format, appointmentDetailColumns(a), *v)
}

// appointmentStatusVerbs are the verbs that only set an appointment's
// status.
var appointmentStatusVerbs = []struct{ verb, status string }{
	{"confirm", clinic.StatusConfirmed},
	{"cancel", clinic.StatusCancelled},
	{"complete", clinic.StatusCompleted},
	{"no-show", clinic.StatusNoShow},
}

// newAppointmentStatusCmd builds confirm, cancel, complete and no-show.
func newAppointmentStatusCmd(a *app, verb, status string) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   verb + " ID",
		Short: "Set an appointment's status to " + status,
		Example: fmt.Sprintf("  clinicflow appointments %s 7\n  clinicflow agenda %s 7 -o json",
			verb, verb),
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := idArg(args[0], "appointment")
			if err != nil {
				return err
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			return a.changeAppointment(cmd, id, format, client.AppointmentFields{Status: &status})
		},
	}
	outputFlag(cmd, &format)
	return cmd
}

func newAppointmentDeleteCmd(a *app) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete an appointment (asks first on a terminal; cancel keeps it in the agenda)",
		Example: "  clinicflow appointments delete 7\n  clinicflow appointments delete 7 --yes",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runDelete(cmd, args[0], yes, deletion{
				what:    "appointment",
				confirm: "cli.appointment_delete_confirm", done: "cli.appointment_deleted",
				ask: func(c *client.Client, ctx context.Context, id int64) (map[string]any, error) {
					v, err := c.Appointment(ctx, id)
					if err != nil {
						return nil, err
					}
					return map[string]any{"Patient": v.Patient.FirstName + " " + v.Patient.LastName,
						"When": a.when(&v.ScheduledAt)}, nil
				},
				del: (*client.Client).DeleteAppointment,
			})
		},
	}
	yesFlag(cmd, &yes)
	return cmd
}
