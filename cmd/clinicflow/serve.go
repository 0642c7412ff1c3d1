package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"clinicflow/clinic"
	"clinicflow/daemon"
	"clinicflow/locales"
	"clinicflow/store"
)

func newServeCmd(cfg *config, io streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the REST daemon",
		Long: `Run the ClinicFlow REST API. On an empty data folder it creates the
database and, when no account exists, a superuser with role doctor whose
password it prints once (or takes from CLINICFLOW_ADMIN_PASSWORD).`,
		Example: "  clinicflow serve\n  clinicflow serve --listen 0.0.0.0:8000 --database postgres://clinic@db/clinicflow",
		Args:    exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), cfg, io)
		},
	}
	cmd.Flags().String("listen", "", "address to listen on (default 127.0.0.1:8000)")
	cfg.bind("server.listen", cmd.Flags().Lookup("listen"), "CLINICFLOW_SERVER_LISTEN", "CLINICFLOW_LISTEN")
	return cmd
}

func runServe(ctx context.Context, cfg *config, io streams) error {
	st, s, err := cfg.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	log := newLogger(s, io)

	secret, err := signingSecret(ctx, st, s.Secret)
	if err != nil {
		return err
	}
	if err := firstAccount(ctx, st, io); err != nil {
		return err
	}
	srv, err := daemon.New(daemon.Config{
		Store: st, Logger: log, Secret: secret,
		AccessTTL: s.AccessTTL, RefreshTTL: s.RefreshTTL,
		CORSOrigins: s.CORSOrigins, Location: s.Location, Language: s.Language,
	})
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", s.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("clinicflow listening", "addr", l.Addr().String(), "database", st.Kind(), "version", version)
	if err := srv.Serve(ctx, l, 30*time.Second); err != nil {
		return err
	}
	log.Info("clinicflow stopped")
	return nil
}

// newLogger logs text on a terminal and JSON otherwise.
func newLogger(s settings, io streams) *slog.Logger {
	level := slog.LevelInfo
	level.UnmarshalText([]byte(s.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	format := s.LogFormat
	if format == "auto" || format == "" {
		format = "json"
		if f, ok := io.err.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(io.err, opts))
	}
	return slog.New(slog.NewJSONHandler(io.err, opts))
}

// signingSecret is auth.secret when set, else the practice's secret kept in
// the database, made by the first daemon that needed it, so that every
// daemon sharing the database signs alike.
func signingSecret(ctx context.Context, st *store.Store, configured string) ([]byte, error) {
	if configured != "" {
		if len(configured) < 32 {
			return nil, fmt.Errorf("auth.secret must be at least 32 characters")
		}
		return []byte(configured), nil
	}
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	kept, err := st.EnsureSetting(ctx, "auth.jwt_secret", base64.RawStdEncoding.EncodeToString(b))
	if err != nil {
		return nil, err
	}
	return base64.RawStdEncoding.DecodeString(kept)
}

// firstAccount creates the superuser when no account exists yet.
func firstAccount(ctx context.Context, st *store.Store, io streams) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	username := os.Getenv("CLINICFLOW_ADMIN_USERNAME")
	if username == "" {
		username = "doctor"
	}
	password := os.Getenv("CLINICFLOW_ADMIN_PASSWORD")
	generated := password == ""
	if generated {
		password = generatePassword()
	} else if probs := clinic.PasswordProblems(password); len(probs) > 0 {
		return fmt.Errorf("CLINICFLOW_ADMIN_PASSWORD is too weak: %s", describeProblems(probs))
	}
	hash, err := daemon.HashPassword(password)
	if err != nil {
		return err
	}
	u := &clinic.User{Username: username, PasswordHash: hash, Role: clinic.RoleDoctor,
		IsStaff: true, IsSuperuser: true, IsActive: true}
	if err := st.CreateUser(ctx, u); err != nil {
		return fmt.Errorf("create first account: %w", err)
	}
	if generated {
		fmt.Fprintf(io.out, "Created the first account %q with password:\n\n    %s\n\n"+
			"It is shown only this once. Change it after signing in.\n", username, password)
	} else {
		fmt.Fprintf(io.out, "Created the first account %q with the password from CLINICFLOW_ADMIN_PASSWORD.\n", username)
	}
	return nil
}

// generatePassword makes a strong password that passes every rule.
func generatePassword() string {
	const letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 18)
	rand.Read(b)
	var sb strings.Builder
	for i, v := range b {
		if i > 0 && i%6 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(letters[int(v)%len(letters)])
	}
	// One of each class, whatever the draw gave.
	return sb.String() + "-a7Z"
}

// describeProblems lists the password rules broken, in English.
func describeProblems(probs []clinic.Message) string {
	p := locales.MustLoad().For("en")
	parts := make([]string, len(probs))
	for i, m := range probs {
		parts[i] = p.T(m.ID, m.Args)
	}
	return strings.Join(parts, " ")
}
