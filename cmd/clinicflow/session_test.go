package main

import "testing"

func TestDefaultLangFollowsTheLocale(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_CA.UTF-8"}, "fr"},
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"},
		{map[string]string{"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"},
		{map[string]string{"LANG": "fr_FR.UTF-8", "CLINICFLOW_LANG": "en"}, "en"},
		{map[string]string{"CLINICFLOW_LANG": "fr"}, "fr"},
	}
	for _, tt := range tests {
		got := defaultLang(func(k string) string { return tt.env[k] })
		if got != tt.want {
			t.Errorf("defaultLang(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}
