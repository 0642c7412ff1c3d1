package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // the clinic's time zone works on machines without zoneinfo

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"clinicflow/store"
)

// config resolves settings: flags over CLINICFLOW_* environment over the
// config file over defaults. Keys are those of config.example.yaml.
type config struct {
	v    *viper.Viper
	file string
}

// settings are the resolved values a command uses.
type settings struct {
	Data        string
	Listen      string
	Database    string
	CORSOrigins []string
	Secret      string
	AccessTTL   time.Duration
	RefreshTTL  time.Duration
	Location    *time.Location
	Language    string
	LogFormat   string
	LogLevel    string
}

// addConfigFlags adds the flags every command shares.
func addConfigFlags(root *cobra.Command) *config {
	c := &config{v: viper.New()}
	f := root.PersistentFlags()
	f.StringVar(&c.file, "config", "", "config file (YAML); default DATA/config.yaml when it exists")
	f.String("data", "", "data folder (default $XDG_DATA_HOME/clinicflow or ~/.local/share/clinicflow)")
	f.String("database", "", "database URL: sqlite:PATH or postgres://... (default SQLite in the data folder)")
	c.bind("data", f.Lookup("data"), "CLINICFLOW_DATA")
	c.bind("database.url", f.Lookup("database"), "CLINICFLOW_DATABASE_URL", "CLINICFLOW_DATABASE")

	c.v.SetDefault("server.listen", "127.0.0.1:8000")
	c.v.SetDefault("server.cors_origins", []string{"http://localhost:5173", "http://127.0.0.1:5173"})
	c.v.SetDefault("auth.access_ttl", "15m")
	c.v.SetDefault("auth.refresh_ttl", "168h")
	c.v.SetDefault("clinic.timezone", "UTC")
	c.v.SetDefault("clinic.language", "fr")
	c.v.SetDefault("log.format", "auto")
	c.v.SetDefault("log.level", "info")
	c.v.SetEnvPrefix("CLINICFLOW")
	c.v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	c.v.AutomaticEnv()
	return c
}

// bind ties a key to a flag and to environment variables, first one wins.
func (c *config) bind(key string, flag *pflag.Flag, envs ...string) {
	if flag != nil {
		c.v.BindPFlag(key, flag)
	}
	if len(envs) > 0 {
		c.v.BindEnv(append([]string{key}, envs...)...)
	}
}

// load reads the config file, if any, and resolves every setting.
func (c *config) load() (settings, error) {
	data := c.v.GetString("data")
	if data == "" {
		data = defaultDataDir()
	}
	file := c.file
	if file == "" {
		file = os.Getenv("CLINICFLOW_CONFIG")
	}
	if file == "" {
		if candidate := filepath.Join(data, "config.yaml"); fileExists(candidate) {
			file = candidate
		}
	}
	if file != "" {
		c.v.SetConfigFile(file)
		if err := c.v.ReadInConfig(); err != nil {
			return settings{}, fmt.Errorf("read config %s: %w", file, err)
		}
		if d := c.v.GetString("data"); d != "" {
			data = d
		}
	}
	s := settings{
		Data:        data,
		Listen:      c.v.GetString("server.listen"),
		Database:    c.v.GetString("database.url"),
		CORSOrigins: c.v.GetStringSlice("server.cors_origins"),
		Secret:      c.v.GetString("auth.secret"),
		Language:    c.v.GetString("clinic.language"),
		LogFormat:   c.v.GetString("log.format"),
		LogLevel:    c.v.GetString("log.level"),
	}
	if s.Database == "" {
		s.Database = "sqlite:" + filepath.Join(data, "clinicflow.db")
	}
	var err error
	if s.AccessTTL, err = time.ParseDuration(c.v.GetString("auth.access_ttl")); err != nil {
		return s, fmt.Errorf("auth.access_ttl: %w", err)
	}
	if s.RefreshTTL, err = time.ParseDuration(c.v.GetString("auth.refresh_ttl")); err != nil {
		return s, fmt.Errorf("auth.refresh_ttl: %w", err)
	}
	if s.Location, err = time.LoadLocation(c.v.GetString("clinic.timezone")); err != nil {
		return s, fmt.Errorf("clinic.timezone: %w", err)
	}
	if s.Language != "fr" && s.Language != "en" {
		return s, fmt.Errorf("clinic.language %q: want fr or en", s.Language)
	}
	return s, nil
}

// defaultDataDir is the user's data folder for clinicflow.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "clinicflow")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "clinicflow-data"
	}
	return filepath.Join(home, ".local", "share", "clinicflow")
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// openStore resolves the settings, makes the data folder when the database
// lives in it, and opens the store, migrating it.
func (c *config) openStore(ctx context.Context) (*store.Store, settings, error) {
	s, err := c.load()
	if err != nil {
		return nil, s, err
	}
	if strings.HasPrefix(s.Database, "sqlite:") {
		dir := filepath.Dir(strings.TrimPrefix(s.Database, "sqlite:"))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, s, fmt.Errorf("create data folder: %w", err)
		}
	}
	st, err := store.Open(ctx, s.Database)
	if err != nil {
		return nil, s, err
	}
	return st, s, nil
}

var errNoPassword = errors.New("no password: pass --password-stdin, or run on a terminal to be asked")
