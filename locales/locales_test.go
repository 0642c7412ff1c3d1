package locales

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"testing"
)

func TestForPicksLanguage(t *testing.T) {
	c := MustLoad()
	tests := []struct {
		prefs []string
		want  string
	}{
		{nil, "en"},
		{[]string{""}, "en"},
		{[]string{"fr"}, "fr"},
		{[]string{"fr-CA,fr;q=0.9,en;q=0.8"}, "fr"},
		{[]string{"de-DE,de;q=0.9"}, "en"},
		{[]string{"en-US,en;q=0.9,fr;q=0.5"}, "en"},
		{[]string{"not a header", "fr"}, "fr"},
	}
	for _, tt := range tests {
		if got := c.For(tt.prefs...).Lang(); got != tt.want {
			t.Errorf("For(%q).Lang() = %q, want %q", tt.prefs, got, tt.want)
		}
	}
}

func TestTemplates(t *testing.T) {
	c := MustLoad()
	tests := []struct {
		lang, id string
		args     map[string]any
		want     string
	}{
		{"en", "field.required", nil, "This field is required."},
		{"fr", "field.required", nil, "Ce champ est obligatoire."},
		{"en", "field.max_length", map[string]any{"Max": 100}, "Ensure this field has no more than 100 characters."},
		{"en", "field.invalid_choice", map[string]any{"Value": "X"}, `"X" is not a valid choice.`},
		{"fr", "http.method_not_allowed", map[string]any{"Method": "PUT"}, "Méthode « PUT » non autorisée."},
		{"en", "no.such.id", nil, "no.such.id"},
	}
	for _, tt := range tests {
		if got := c.For(tt.lang).T(tt.id, tt.args); got != tt.want {
			t.Errorf("%s T(%q) = %q, want %q", tt.lang, tt.id, got, tt.want)
		}
	}
}

// TestCataloguesAgree fails when one language has a message the other lacks.
func TestCataloguesAgree(t *testing.T) {
	en, fr := keys(t, "en.json"), keys(t, "fr.json")
	for _, k := range en {
		if !contains(fr, k) {
			t.Errorf("fr.json lacks %q", k)
		}
	}
	for _, k := range fr {
		if !contains(en, k) {
			t.Errorf("en.json lacks %q", k)
		}
	}
}

func keys(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}

// TestNoDuplicateIDs fails when a catalogue names one id twice: JSON
// decoding would keep the last silently.
func TestNoDuplicateIDs(t *testing.T) {
	for _, name := range []string{"en.json", "fr.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		seen := map[string]bool{}
		dec.Token() // {
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			id := tok.(string)
			if seen[id] {
				t.Errorf("%s names %q twice", name, id)
			}
			seen[id] = true
			var text string
			if err := dec.Decode(&text); err != nil {
				t.Fatalf("%s: %s: %v", name, id, err)
			}
		}
	}
}
