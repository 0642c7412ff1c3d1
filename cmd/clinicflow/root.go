package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"clinicflow/client"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a mistake in how a command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// streams are a command's input and outputs, so that tests can run commands
// with buffers.
type streams struct {
	in  io.Reader
	out io.Writer
	err io.Writer
}

// run executes the command line and returns the exit code: the one place
// where exit codes are decided.
func run(args []string, in io.Reader, out, errOut io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd(streams{in: in, out: out, err: errOut})
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	printError(errOut, err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

// newRootCmd builds the command tree.
func newRootCmd(io streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "clinicflow",
		Short: "A clinical management system for a doctor's practice",
		Long: `clinicflow manages patients, consultations with vital signs, prescriptions
and the appointment agenda. "clinicflow serve" runs the REST daemon; the
other commands administer it.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	cfg := addConfigFlags(root)
	a := newApp(root, io, cfg)
	root.AddCommand(
		newLoginCmd(a),
		newLogoutCmd(a),
		newPatientsCmd(a),
		newVisitsCmd(a),
		newVitalsCmd(a),
		newRxCmd(a),
		newTemplatesCmd(a),
		newMedsCmd(a),
		newAppointmentsCmd(a),
		newAvailabilityCmd(a),
		newFilesCmd(a),
		newExportCmd(a),
		newDemoCmd(a),
		newServeCmd(cfg, io),
		newMigrateCmd(cfg, io),
		newUsersCmd(cfg, io),
		newAuditCmd(cfg, io, a),
		newVersionCmd(io),
	)
	return root
}

// exactArgs is cobra.ExactArgs reporting a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func newVersionCmd(io streams) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  clinicflow version",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(io.out, "clinicflow", version)
			return nil
		},
	}
}

// printError writes an error for people: the API's refusals field by
// field, a lost session with how to sign in again.
func printError(w io.Writer, err error) {
	var apiErr *client.Error
	switch {
	case errors.As(err, &apiErr):
		fmt.Fprintf(w, "clinicflow: %d %s", apiErr.Status, http.StatusText(apiErr.Status))
		if apiErr.Detail != "" {
			fmt.Fprintf(w, ": %s", apiErr.Detail)
		}
		fmt.Fprintln(w)
		for _, f := range apiErr.Fields {
			fmt.Fprintf(w, "  %s: %s\n", f.Field, strings.Join(f.Messages, " "))
		}
	case errors.Is(err, client.ErrNotSignedIn):
		fmt.Fprintln(w, "clinicflow:", err)
		fmt.Fprintln(w, "clinicflow:", errNotLoggedIn)
	default:
		fmt.Fprintln(w, "clinicflow:", err)
	}
}
