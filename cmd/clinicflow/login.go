package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
)

// loginOptions are the flags of login.
type loginOptions struct {
	username      string
	passwordStdin bool
}

func newLoginCmd(a *app) *cobra.Command {
	var o loginOptions
	cmd := &cobra.Command{
		Use:   "login",
		Short: "Sign in to a clinicflow server and keep the session",
		Long: `Sign in and keep the server and the session (a refresh token) in
$XDG_CONFIG_HOME/clinicflow/session.json (else ~/.config/clinicflow),
readable by you alone. Asks on the terminal for what is missing.`,
		Example: `  clinicflow login --server http://127.0.0.1:8000 --username doctor
  printf '%s\n' "$PASSWORD" | clinicflow login --server http://clinic:8000 --username doctor --password-stdin`,
		Args:    exactArgs(0),
		PreRunE: a.prepare,
		RunE:    func(cmd *cobra.Command, args []string) error { return runLogin(cmd, a, o) },
	}
	cmd.Flags().StringVarP(&o.username, "username", "u", "", "account name")
	cmd.Flags().BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

func runLogin(cmd *cobra.Command, a *app, o loginOptions) error {
	saved, err := loadSession()
	if err != nil {
		return err
	}
	server := a.server.resolve(saved.Server)
	k := a.asker()
	k.text(&server, "server", "Server", true)
	k.text(&o.username, "username", a.t("cli.username", nil), true)
	var password string
	if o.passwordStdin {
		line, _ := bufio.NewReader(a.io.in).ReadString('\n')
		password = strings.TrimRight(line, "\r\n")
	} else if err := k.secret(&password, a.t("cli.password", nil)); err != nil {
		return err
	}
	if err := k.err(); err != nil {
		return err
	}
	c, err := client.New(server, client.WithLanguage(a.lang), client.WithTimeout(a.timeout))
	if err != nil {
		return usageError{err}
	}
	if err := c.Login(a.ctx(cmd), o.username, password); err != nil {
		return err
	}
	_, refresh := c.Tokens()
	if err := (session{Server: c.Server(), Username: o.username, Refresh: refresh}).save(); err != nil {
		return err
	}
	fmt.Fprintln(a.io.err, a.t("cli.logged_in", map[string]any{"User": o.username, "Server": c.Server()}))
	return nil
}

func newLogoutCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "logout",
		Short:   "End the session on the server and forget it here",
		Example: "  clinicflow logout",
		Args:    exactArgs(0),
		PreRunE: a.prepare,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.apiClient()
			if err == nil {
				err = c.Logout(a.ctx(cmd))
			}
			if ferr := forgetSession(); ferr != nil {
				return ferr
			}
			if err != nil && err != errNotLoggedIn {
				fmt.Fprintln(a.io.err, a.t("cli.logout_local_only", map[string]any{"Error": err.Error()}))
			}
			fmt.Fprintln(a.io.err, a.t("cli.logged_out", nil))
			return nil
		},
	}
}
