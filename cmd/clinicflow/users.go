package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"clinicflow/clinic"
	"clinicflow/daemon"
	"clinicflow/store"
)

// newUsersCmd: accounts, worked on the store directly, no daemon needed.
func newUsersCmd(cfg *config, io streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "Manage accounts (works on the database directly)",
		Example: `  echo 'S3cret-pass!' | clinicflow users add house --role doctor --password-stdin
  clinicflow users list`,
	}
	cmd.AddCommand(
		newUsersAddCmd(cfg, io),
		newUsersListCmd(cfg, io),
		newUsersSetPasswordCmd(cfg, io),
		newUsersSetRoleCmd(cfg, io),
		newUsersActiveCmd(cfg, io, false),
		newUsersActiveCmd(cfg, io, true),
	)
	return cmd
}

// usersAddOptions are the flags of users add.
type usersAddOptions struct {
	role, firstName, lastName, email string
	superuser, passwordStdin         bool
}

func newUsersAddCmd(cfg *config, io streams) *cobra.Command {
	var o usersAddOptions
	cmd := &cobra.Command{
		Use:     "add NAME --role doctor|nurse|admin",
		Short:   "Create an account",
		Example: "  printf '%s\\n' 'S3cret-pass!' | clinicflow users add nurse1 --role nurse --first-name Nora --password-stdin",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !clinic.ValidUsername(args[0]) {
				return usageError{fmt.Errorf("username %q: use 1 to 150 letters, digits and @.+-_", args[0])}
			}
			if !clinic.Role(o.role).Valid() {
				return usageError{fmt.Errorf("--role %q: want doctor, nurse or admin", o.role)}
			}
			if o.email != "" && !clinic.ValidEmail(o.email) {
				return usageError{fmt.Errorf("--email %q is not a valid address", o.email)}
			}
			return runUsersAdd(cmd.Context(), cfg, io, args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.role, "role", "", "doctor, nurse or admin (required)")
	f.StringVar(&o.firstName, "first-name", "", "first name")
	f.StringVar(&o.lastName, "last-name", "", "last name")
	f.StringVar(&o.email, "email", "", "email address")
	f.BoolVar(&o.superuser, "superuser", false, "pass every administrator check")
	f.BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	cmd.MarkFlagRequired("role")
	return cmd
}

func runUsersAdd(ctx context.Context, cfg *config, io streams, name string, o usersAddOptions) error {
	password, err := readPassword(io, o.passwordStdin)
	if err != nil {
		return err
	}
	hash, err := daemon.HashPassword(password)
	if err != nil {
		return err
	}
	st, _, err := cfg.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	u := &clinic.User{Username: name, PasswordHash: hash, Role: clinic.Role(o.role),
		FirstName: o.firstName, LastName: o.lastName, Email: o.email,
		IsSuperuser: o.superuser, IsStaff: o.superuser || o.role == string(clinic.RoleAdmin), IsActive: true}
	if err := st.CreateUser(ctx, u); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fmt.Errorf("the username %q is taken", name)
		}
		return err
	}
	fmt.Fprintf(io.out, "created %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	return nil
}

// readPassword takes the password from the first line of stdin, or asks
// twice on the terminal without echo. It must pass the strength rules.
func readPassword(io streams, fromStdin bool) (string, error) {
	var pw string
	switch {
	case fromStdin:
		line, err := bufio.NewReader(io.in).ReadString('\n')
		if err != nil && line == "" {
			return "", fmt.Errorf("read password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	case isTerminal(io.in):
		f := io.in.(*os.File)
		fmt.Fprint(io.err, "Password: ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.err)
		if err != nil {
			return "", err
		}
		fmt.Fprint(io.err, "Again: ")
		again, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(io.err)
		if err != nil {
			return "", err
		}
		if string(first) != string(again) {
			return "", errors.New("the passwords differ")
		}
		pw = string(first)
	default:
		return "", usageError{errNoPassword}
	}
	if probs := clinic.PasswordProblems(pw); len(probs) > 0 {
		return "", fmt.Errorf("password too weak: %s", describeProblems(probs))
	}
	return pw, nil
}

// terminal is a stream that says itself whether it is a terminal: the
// tests' stand-in for one.
type terminal interface{ Terminal() bool }

// isTerminal reports whether a stream is a terminal.
func isTerminal(v any) bool {
	if t, ok := v.(terminal); ok {
		return t.Terminal()
	}
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newUsersListCmd(cfg *config, io streams) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "List the accounts",
		Example: "  clinicflow users list\n  clinicflow users list -o json | jq '.[].username'",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			if output != "table" && output != "json" {
				return usageError{fmt.Errorf("-o %q: want table or json", output)}
			}
			st, _, err := cfg.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			users, err := st.Users(cmd.Context())
			if err != nil {
				return err
			}
			if output == "json" {
				return writeUsersJSON(io, users)
			}
			return writeUsersTable(io, users)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "table or json")
	return cmd
}

// userRow is an account as users list shows it.
type userRow struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	Role      string `json:"role"`
	Active    bool   `json:"is_active"`
	Superuser bool   `json:"is_superuser"`
	FullName  string `json:"full_name"`
	Email     string `json:"email"`
}

func rowsOf(users []clinic.User) []userRow {
	rows := make([]userRow, len(users))
	for i := range users {
		u := &users[i]
		rows[i] = userRow{u.ID, u.Username, string(u.Role), u.IsActive, u.IsSuperuser, u.FullName(), u.Email}
	}
	return rows
}

func writeUsersJSON(io streams, users []clinic.User) error {
	enc := json.NewEncoder(io.out)
	enc.SetIndent("", "  ")
	return enc.Encode(rowsOf(users))
}

func writeUsersTable(io streams, users []clinic.User) error {
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSERNAME\tROLE\tACTIVE\tSUPERUSER\tNAME\tEMAIL")
	for _, r := range rowsOf(users) {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Username, r.Role,
			englishYesNo(r.Active), englishYesNo(r.Superuser), r.FullName, r.Email)
	}
	return tw.Flush()
}

// englishYesNo is how users list, an administrator's command on the database,
// shows a flag.
func englishYesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// withUser opens the store and finds the named account for a change.
func withUser(ctx context.Context, cfg *config, name string, fn func(*store.Store, *clinic.User) error) error {
	st, _, err := cfg.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByUsername(ctx, name)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("no account named %q", name)
	}
	if err != nil {
		return err
	}
	return fn(st, u)
}

func newUsersSetPasswordCmd(cfg *config, io streams) *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:     "set-password NAME",
		Short:   "Set an account's password; its sessions end",
		Example: "  printf '%s\\n' 'N3w-pass!' | clinicflow users set-password house --password-stdin",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := readPassword(io, fromStdin)
			if err != nil {
				return err
			}
			hash, err := daemon.HashPassword(pw)
			if err != nil {
				return err
			}
			return withUser(cmd.Context(), cfg, args[0], func(st *store.Store, u *clinic.User) error {
				if err := st.SetPassword(cmd.Context(), u.ID, hash, true); err != nil {
					return err
				}
				fmt.Fprintf(io.out, "password of %s changed; its sessions are ended\n", u.Username)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")
	return cmd
}

func newUsersSetRoleCmd(cfg *config, io streams) *cobra.Command {
	return &cobra.Command{
		Use:     "set-role NAME doctor|nurse|admin",
		Short:   "Change an account's role",
		Example: "  clinicflow users set-role nurse1 doctor",
		Args:    exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			role := clinic.Role(args[1])
			if !role.Valid() {
				return usageError{fmt.Errorf("role %q: want doctor, nurse or admin", args[1])}
			}
			return withUser(cmd.Context(), cfg, args[0], func(st *store.Store, u *clinic.User) error {
				if err := st.SetRole(cmd.Context(), u.ID, role); err != nil {
					return err
				}
				fmt.Fprintf(io.out, "%s is now %s\n", u.Username, role)
				return nil
			})
		},
	}
}

// newUsersActiveCmd builds deactivate (active false) and activate.
func newUsersActiveCmd(cfg *config, io streams, active bool) *cobra.Command {
	use, short, done := "deactivate NAME", "Turn an account off; its sessions end", "deactivated"
	if active {
		use, short, done = "activate NAME", "Turn a deactivated account back on", "activated"
	}
	verb := strings.Fields(use)[0]
	return &cobra.Command{
		Use:     use,
		Short:   short,
		Example: "  clinicflow users " + verb + " nurse1",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withUser(cmd.Context(), cfg, args[0], func(st *store.Store, u *clinic.User) error {
				if err := st.SetActive(cmd.Context(), u.ID, active); err != nil {
					return err
				}
				fmt.Fprintf(io.out, "%s %s\n", u.Username, done)
				return nil
			})
		},
	}
}
