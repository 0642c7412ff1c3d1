package main

import (
	"strconv"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// auditColumns are an audit event's table and CSV columns.
func auditColumns(a *app) []column[clinic.AuditEvent] {
	type ev = clinic.AuditEvent
	return []column[ev]{
		{key: "id", value: func(e ev) string { return strconv.FormatInt(e.ID, 10) }},
		{key: "at", value: func(e ev) string { return a.when(&e.At) }},
		{key: "username", value: func(e ev) string { return e.Username }},
		{key: "action", value: func(e ev) string { return e.Action }},
		{key: "resource", value: func(e ev) string { return e.Resource }},
		{key: "resource_id", value: func(e ev) string { return e.ResourceID }},
		{key: "patient", value: func(e ev) string { return optID(e.PatientID) }},
		{key: "outcome", value: func(e ev) string { return e.Outcome }},
		{key: "status", value: func(e ev) string { return strconv.Itoa(e.Status) }},
		{key: "remote_addr", value: func(e ev) string { return e.RemoteAddr }},
	}
}

// auditListOptions are the flags of audit list.
type auditListOptions struct {
	list           listOptions
	patient, since string
	user           int64
}

func newAuditListCmd(a *app) *cobra.Command {
	var o auditListOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Page through the audit trail, newest first (administrators; through the server)",
		Long: `List who did what to which record, when, from where, and how it ended,
newest first, through the server's API: administrators only. --since
takes a day or a time in the clinic's time zone.`,
		Example: `  clinicflow audit list --patient PT-000012
  clinicflow audit list --user 3 --since 2026-12-01 --all -o csv > audit.csv`,
		Args:    exactArgs(0),
		PreRunE: a.prepare,
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(a, cmd) },
	}
	listFlags(cmd, &o.list)
	cmd.Flags().StringVar(&o.patient, "patient", "",
		"only the events about this patient (ID or code)")
	cmd.Flags().Int64Var(&o.user, "user", 0, "only the events of this account (its ID)")
	cmd.Flags().StringVar(&o.since, "since", "",
		`only the events from this day or time on ("YYYY-MM-DD [HH:MM]")`)
	return cmd
}

func (o *auditListOptions) run(a *app, cmd *cobra.Command) error {
	if err := checkFormat(o.list.format); err != nil {
		return err
	}
	q := client.AuditQuery{UserID: o.user}
	if o.patient != "" {
		id, err := patientRef("--patient", o.patient)
		if err != nil {
			return err
		}
		q.PatientID = id
	}
	if o.since != "" {
		since, err := a.clinicTime("--since", o.since)
		if err != nil {
			return err
		}
		q.Since = since
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	ctx := a.ctx(cmd)
	return printList(a, o.list, auditColumns(a), c.AuditEvents(ctx, q),
		func(lo client.ListOptions) (*client.Page[clinic.AuditEvent], error) {
			return c.ListAudit(ctx, q, lo)
		})
}
