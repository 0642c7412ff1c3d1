package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"clinicflow/store"
)

func newMigrateCmd(cfg *config, io streams) *cobra.Command {
	return &cobra.Command{
		Use:     "migrate",
		Short:   "Apply the database migrations this version needs",
		Long:    "Apply the embedded migrations the database lacks. serve does it at start too.",
		Example: "  clinicflow migrate --database postgres://clinic@db/clinicflow",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := cfg.load()
			if err != nil {
				return err
			}
			st, err := store.Connect(s.Database)
			if err != nil {
				return err
			}
			defer st.Close()
			applied, err := st.Migrate(cmd.Context())
			if err != nil {
				return err
			}
			if len(applied) == 0 {
				fmt.Fprintln(io.out, "the database is up to date")
			}
			for _, name := range applied {
				fmt.Fprintln(io.out, "applied", name)
			}
			return nil
		},
	}
}

var errAuditBroken = errors.New("the audit trail was tampered with")

func newAuditCmd(cfg *config, io streams, a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "Page through the audit trail, or check that it is intact",
	}
	cmd.AddCommand(newAuditListCmd(a))
	cmd.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Check that no audit event was edited or removed",
		Long: `Walk the audit trail in order and recompute its hash chain. Exits 1 and
names the first event that does not match when a row was edited or removed.`,
		Example: "  clinicflow audit verify",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, _, err := cfg.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			n, broken, err := st.VerifyAudit(cmd.Context())
			if err != nil {
				return err
			}
			if broken != nil {
				fmt.Fprintf(io.out, "audit trail broken at event %d: %s (%d events intact before it)\n",
					broken.ID, broken.Reason, n)
				return errAuditBroken
			}
			fmt.Fprintf(io.out, "audit trail intact: %d events\n", n)
			return nil
		},
	})
	return cmd
}
