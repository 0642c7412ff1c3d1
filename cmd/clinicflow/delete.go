package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
)

// deletion is what a delete command knows of its kind of record; runDelete
// does the rest.
type deletion struct {
	// what names the record in the error for a bad ID: "visit".
	what string
	// before runs once the ID is read, before anything is asked or
	// deleted (files ask for the patient there); nil for none.
	before func() error
	// ask loads what the question names of the record, beside its ID; nil
	// when the ID says enough.
	ask func(c *client.Client, ctx context.Context, id int64) (map[string]any, error)
	// del deletes the record.
	del func(c *client.Client, ctx context.Context, id int64) error
	// confirm and done are the catalogue's question and its report.
	confirm, done string
}

// runDelete deletes the record arg names: from a script only with --yes,
// on a terminal after asking, naming the record.
func (a *app) runDelete(cmd *cobra.Command, arg string, yes bool, d deletion) error {
	id, err := idArg(arg, d.what)
	if err != nil {
		return err
	}
	if d.before != nil {
		if err := d.before(); err != nil {
			return err
		}
	}
	if err := a.mayDelete(yes); err != nil {
		return err
	}
	c, err := a.apiClient()
	if err != nil {
		return err
	}
	ctx := a.ctx(cmd)
	if !yes {
		args := map[string]any{}
		if d.ask != nil {
			if args, err = d.ask(c, ctx, id); err != nil {
				return err
			}
		}
		args["ID"] = id
		if !a.confirm(a.t(d.confirm, args)) {
			return nil
		}
	}
	if err := d.del(c, ctx, id); err != nil {
		return err
	}
	fmt.Fprintln(a.io.err, a.t(d.done, map[string]any{"ID": id}))
	return nil
}

// yesFlag adds --yes to a command that deletes.
func yesFlag(cmd *cobra.Command, yes *bool) {
	cmd.Flags().BoolVarP(yes, "yes", "y", false, "delete without asking (required from a script)")
}

// mayDelete refuses a deletion from a script without --yes: a script is
// never asked, and never deletes by default.
func (a *app) mayDelete(yes bool) error {
	if yes || a.interactive() {
		return nil
	}
	return usageError{errors.New("give --yes to delete (not asked: the input is not a terminal)")}
}

// confirm asks a yes-or-no question on the terminal; only yes (y, yes, o,
// oui) goes on. A no says that nothing was done.
func (a *app) confirm(question string) bool {
	fmt.Fprintf(a.io.err, "%s %s ", question, a.t("cli.yes_no", nil))
	line, _ := bufio.NewReader(a.io.in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "o", "oui":
		return true
	}
	fmt.Fprintln(a.io.err, a.t("cli.not_deleted", nil))
	return false
}
