package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/client"
)

// session is what login keeps between commands: the server and the refresh
// token, in the user's config folder, readable by the user alone.
type session struct {
	Server   string `json:"server"`
	Username string `json:"username"`
	Refresh  string `json:"refresh"`
}

// sessionPath is $XDG_CONFIG_HOME/clinicflow/session.json, else
// ~/.config/clinicflow/session.json.
func sessionPath() (string, error) {
	dir := os.Getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find the config folder: %w", err)
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "clinicflow", "session.json"), nil
}

// loadSession reads the saved session; a missing file is no session.
func loadSession() (session, error) {
	var s session
	path, err := sessionPath()
	if err != nil {
		return s, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return s, fmt.Errorf("read %s: %w", path, err)
	}
	return s, nil
}

// save writes the session with permissions 0600 in a 0700 folder.
func (s session) save() error {
	path, err := sessionPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(path), err)
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// forget removes the saved session.
func forgetSession() error {
	path, err := sessionPath()
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", path, err)
	}
	return nil
}

// errNotLoggedIn is what every command says before any login.
var errNotLoggedIn = errors.New("not signed in: run 'clinicflow login --server http://HOST:8000' first")

// serverFlag is --server, shared by the client commands.
type serverFlag struct{ value string }

// resolve picks the server: --server, then CLINICFLOW_SERVER, then the
// saved session's.
func (f serverFlag) resolve(saved string) string {
	switch {
	case f.value != "":
		return f.value
	case os.Getenv("CLINICFLOW_SERVER") != "":
		return os.Getenv("CLINICFLOW_SERVER")
	}
	return saved
}

// apiClient returns a client signed in from the saved session, keeping the
// session file current when tokens change.
func (a *app) apiClient() (*client.Client, error) {
	s, err := loadSession()
	if err != nil {
		return nil, err
	}
	server := a.server.resolve(s.Server)
	if s.Refresh == "" || server == "" {
		return nil, errNotLoggedIn
	}
	if server != s.Server {
		return nil, fmt.Errorf("signed in to %s, not %s: run 'clinicflow login --server %s'", s.Server, server, server)
	}
	return client.New(server, client.WithTokens("", s.Refresh), client.WithLanguage(a.lang),
		client.WithTimeout(a.timeout))
}

// app is what the client commands share: streams, the chosen server and
// language, and the clinic's time zone for what they print.
type app struct {
	io     streams
	server serverFlag
	lang   string
	// docLang is the language asked for by --lang or CLINICFLOW_LANG, ""
	// when the CLI only guessed it from the locale: a printed document
	// then takes the practice's language, which the server knows.
	docLang string
	timeout time.Duration
	loc     *time.Location
	cfg     *config
}

// newApp adds the client commands' shared flags to root.
func newApp(root *cobra.Command, io streams, cfg *config) *app {
	a := &app{io: io, cfg: cfg, timeout: 60 * time.Second}
	f := root.PersistentFlags()
	f.StringVar(&a.server.value, "server", "", "server URL (default $CLINICFLOW_SERVER, else the one of 'clinicflow login')")
	f.StringVar(&a.lang, "lang", "", "language of what the command prints: en or fr (default $CLINICFLOW_LANG, else the locale's)")
	return a
}

// prepare settles the language and time zone before a client command
// runs.
func (a *app) prepare(_ *cobra.Command, _ []string) error {
	a.docLang = a.lang
	if a.docLang == "" {
		a.docLang = os.Getenv("CLINICFLOW_LANG")
	}
	if a.lang == "" {
		a.lang = defaultLang(os.Getenv)
	}
	if a.lang != "en" && a.lang != "fr" {
		return usageError{fmt.Errorf("--lang %q: want en or fr", a.lang)}
	}
	a.loc = time.Local
	if name := os.Getenv("CLINICFLOW_CLINIC_TIMEZONE"); name != "" {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return fmt.Errorf("CLINICFLOW_CLINIC_TIMEZONE: %w", err)
		}
		a.loc = loc
	}
	return nil
}

// defaultLang is the language when --lang is not given: $CLINICFLOW_LANG,
// else the user's locale (LC_ALL, LC_MESSAGES, LANG, the first one set):
// French for a French locale, English for any other.
func defaultLang(getenv func(string) string) string {
	if lang := getenv("CLINICFLOW_LANG"); lang != "" {
		return lang
	}
	for _, key := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale := getenv(key); locale != "" {
			if strings.HasPrefix(locale, "fr") {
				return "fr"
			}
			return "en"
		}
	}
	return "en"
}

// ctx bounds a command by the program's signal context.
func (a *app) ctx(cmd *cobra.Command) context.Context { return cmd.Context() }
