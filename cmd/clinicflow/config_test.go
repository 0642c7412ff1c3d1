package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/clinic"
)

// resolve builds a command with the shared flags plus serve's --listen,
// parses args and loads the settings.
func resolve(t *testing.T, args ...string) settings {
	t.Helper()
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	cfg := addConfigFlags(cmd)
	cmd.Flags().String("listen", "", "")
	cfg.bind("server.listen", cmd.Flags().Lookup("listen"), "CLINICFLOW_SERVER_LISTEN", "CLINICFLOW_LISTEN")
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	s, err := cfg.load()
	if err != nil {
		t.Fatalf("load %v: %v", args, err)
	}
	return s
}

func TestConfigPrecedence(t *testing.T) {
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "CLINICFLOW_") {
			t.Setenv(k, "")
			os.Unsetenv(k)
		}
	}
	data := t.TempDir()
	file := filepath.Join(data, "config.yaml")
	os.WriteFile(file, []byte("server:\n  listen: 127.0.0.1:7001\nclinic:\n  timezone: Europe/Paris\n"+
		"auth:\n  access_ttl: 5m\n"), 0o600)

	defaults := resolve(t, "--data", t.TempDir())
	if defaults.Listen != "127.0.0.1:8000" || defaults.Location != time.UTC || defaults.AccessTTL != 15*time.Minute {
		t.Errorf("defaults: listen %q, zone %v, access ttl %v",
			defaults.Listen, defaults.Location, defaults.AccessTTL)
	}
	if want := "sqlite:" + filepath.Join(defaults.Data, "clinicflow.db"); defaults.Database != want {
		t.Errorf("default database %q, want %q", defaults.Database, want)
	}

	fromFile := resolve(t, "--data", data)
	if fromFile.Listen != "127.0.0.1:7001" || fromFile.Location.String() != "Europe/Paris" || fromFile.AccessTTL != 5*time.Minute {
		t.Errorf("DATA/config.yaml: listen %q, zone %v, ttl %v",
			fromFile.Listen, fromFile.Location, fromFile.AccessTTL)
	}

	t.Setenv("CLINICFLOW_SERVER_LISTEN", "127.0.0.1:7002")
	t.Setenv("CLINICFLOW_DATABASE_URL", "postgres://u@h/db")
	fromEnv := resolve(t, "--data", data)
	if fromEnv.Listen != "127.0.0.1:7002" || fromEnv.Database != "postgres://u@h/db" {
		t.Errorf("environment over file: listen %q, database %q", fromEnv.Listen, fromEnv.Database)
	}

	fromFlag := resolve(t, "--data", data, "--listen", "127.0.0.1:7003", "--database", "sqlite:/tmp/x.db")
	if fromFlag.Listen != "127.0.0.1:7003" || fromFlag.Database != "sqlite:/tmp/x.db" {
		t.Errorf("flags over environment: listen %q, database %q",
			fromFlag.Listen, fromFlag.Database)
	}
}

func TestConfigRejectsBadValues(t *testing.T) {
	tests := []struct{ yaml, key string }{
		{"clinic:\n  timezone: Mars/Olympus\n", "clinic.timezone"},
		{"clinic:\n  language: de\n", "clinic.language"},
	}
	for _, tt := range tests {
		data := t.TempDir()
		os.WriteFile(filepath.Join(data, "config.yaml"), []byte(tt.yaml), 0o600)
		cmd := &cobra.Command{Use: "x"}
		cfg := addConfigFlags(cmd)
		cmd.ParseFlags([]string{"--data", data})
		if _, err := cfg.load(); err == nil || !strings.Contains(err.Error(), tt.key) {
			t.Errorf("load with %q: %v, want an error naming %s", tt.yaml, err, tt.key)
		}
	}
}

func TestGeneratedPasswordsAreStrong(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		pw := generatePassword()
		if len(pw) < 16 {
			t.Errorf("generated password %q is short", pw)
		}
		if probs := clinic.PasswordProblems(pw); len(probs) > 0 {
			t.Errorf("generated password %q breaks %v", pw, probs)
		}
		if seen[pw] {
			t.Errorf("generated password %q twice", pw)
		}
		seen[pw] = true
	}
}
