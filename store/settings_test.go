package store_test

import (
	"errors"
	"testing"

	"clinicflow/store"
	"clinicflow/store/storetest"
)

func TestEnsureSettingKeepsFirstValue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		for _, value := range []string{"first", "second"} {
			got, err := s.EnsureSetting(ctx, "jwt_secret", value)
			if err != nil || got != "first" {
				t.Errorf("EnsureSetting(%q) = %q, %v; want %q, nil",
					value, got, err, "first")
			}
		}
		if got, err := s.Setting(ctx, "jwt_secret"); err != nil || got != "first" {
			t.Errorf("Setting = %q, %v; want %q, nil", got, err, "first")
		}
	})
}

func TestSettingNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		_, err := s.Setting(t.Context(), "missing")
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Setting(missing): got %v, want ErrNotFound", err)
		}
	})
}
