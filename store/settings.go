package store

import (
	"context"
	"fmt"
)

// Setting returns the value kept under key, or ErrNotFound.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.conn().queryRow(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, mapErr(err))
	}
	return v, nil
}

// EnsureSetting keeps value under key unless a value is there already, and
// returns the value that is kept: the first daemon to start on a database
// decides, and every other one reads its choice.
func (s *Store) EnsureSetting(ctx context.Context, key, value string) (string, error) {
	_, err := s.conn().exec(ctx,
		"INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", key, value)
	if err != nil {
		return "", fmt.Errorf("store: ensure setting %s: %w", key, mapErr(err))
	}
	return s.Setting(ctx, key)
}
