package daemon

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fixturesEnv may point the tests at another copy of the reference
// responses captured from the original API.
const fixturesEnv = "CLINICFLOW_REFERENCE_RESPONSES"

// defaultFixtures is where the project's shared folder keeps them: beside
// the repository, as on every machine of the project and in CI.
const defaultFixtures = "../../shared/fixtures/reference-responses"

// documentedExtras are the keys our answers add to a reference answer on
// purpose, by fixture: API.md says the patient create answer carries every
// computed field, where the original left two out.
var documentedExtras = map[string][]string{
	"patients_create_ok":               {"last_visit_date", "next_visit_date"},
	"patients_create_minimal":          {"last_visit_date", "next_visit_date"},
	"patients_create_nurse":            {"last_visit_date", "next_visit_date"},
	"patients_create_readonly_ignored": {"last_visit_date", "next_visit_date"},
}

// fixture is one captured reference response, with the request that drew
// it.
type fixture struct {
	Request struct {
		Method string          `json:"method"`
		Path   string          `json:"path"`
		Body   json.RawMessage `json:"body"`
	} `json:"request"`
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

func loadFixture(tb testing.TB, name string) fixture {
	tb.Helper()
	dir := os.Getenv(fixturesEnv)
	if dir == "" {
		dir = defaultFixtures
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		tb.Fatalf("reference response %s: %v (set %s to their folder)", name,
			err, fixturesEnv)
	}
	return decode[fixture](tb, data)
}

// wantShapeOf checks that our answer has the reference answer's status, and
// a body with the same keys and the same JSON value types, recursively
// (the first element of each array), null matching anything.
func wantShapeOf(tb testing.TB, status int, raw []byte, name string) {
	tb.Helper()
	ref := loadFixture(tb, name)
	if status != ref.Status {
		tb.Fatalf("status %d, want %d as in %s; body %s", status, ref.Status, name, raw)
	}
	var want, got any
	if err := json.Unmarshal(ref.Body, &want); err != nil {
		tb.Fatalf("reference %s: %v", name, err)
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		tb.Fatalf("body %s is not JSON: %v", raw, err)
	}
	if diffs := shapeDiff("body", want, got, documentedExtras[name]); len(diffs) > 0 {
		tb.Errorf("body differs in shape from %s:\n  %s\nbody: %s",
			name, strings.Join(diffs, "\n  "), raw)
	}
}

// wantBodyOf checks that our answer has the reference answer's status and
// exactly its body: for messages, whose texts are the contract.
func wantBodyOf(tb testing.TB, status int, raw []byte, name string) {
	tb.Helper()
	ref := loadFixture(tb, name)
	wantReply(tb, status, raw, ref.Status, string(ref.Body))
}

// shapeDiff lists where got's shape departs from want's. extra names keys
// got may add at this level.
func shapeDiff(path string, want, got any, extra []string) []string {
	if want == nil || got == nil {
		return nil
	}
	if jsonType(want) != jsonType(got) {
		return []string{fmt.Sprintf("%s: %s, want %s", path, jsonType(got), jsonType(want))}
	}
	var diffs []string
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for k := range w {
			if _, ok := g[k]; !ok {
				diffs = append(diffs, fmt.Sprintf("%s: key %q missing", path, k))
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok && !slices.Contains(extra, k) {
				diffs = append(diffs, fmt.Sprintf("%s: key %q not in the reference", path, k))
			}
		}
		for k, wv := range w {
			diffs = append(diffs, shapeDiff(path+"."+k, wv, g[k], nil)...)
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			diffs = shapeDiff(path+"[0]", w[0], g[0], nil)
		}
	}
	slices.Sort(diffs)
	return diffs
}

// jsonType names a decoded JSON value's type.
func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

func TestShapeDiffCatchesEachDifference(t *testing.T) {
	t.Parallel()
	want := `{"a": 1, "b": "x", "c": null, "d": [{"e": true}], "f": {"g": 2}}`
	tests := []struct {
		name string
		got  string
		want string // the single difference expected, or ""
	}{
		{"same", `{"a": 2, "b": "y", "c": 5, "d": [{"e": false}], "f": {"g": 3}}`, ""},
		{"null anywhere", `{"a": null, "b": null, "c": null, "d": null, "f": null}`, ""},
		{"empty array", `{"a": 1, "b": "", "c": 1, "d": [], "f": {"g": 1}}`, ""},
		{"missing key", `{"a": 1, "b": "x", "c": 1, "d": [], "f": {}}`, `body.f: key "g" missing`},
		{"extra key", `{"a": 1, "b": "x", "c": 1, "d": [], "f": {"g": 1}, "h": 1}`,
			`body: key "h" not in the reference`},
		{"wrong type", `{"a": "1", "b": "x", "c": 1, "d": [], "f": {"g": 1}}`,
			"body.a: string, want number"},
		{"nested array", `{"a": 1, "b": "x", "c": 1, "d": [{"e": 1}], "f": {"g": 1}}`,
			"body.d[0].e: number, want boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w, g any
			json.Unmarshal([]byte(want), &w)
			json.Unmarshal([]byte(tt.got), &g)
			diffs := shapeDiff("body", w, g, nil)
			var wantDiffs []string
			if tt.want != "" {
				wantDiffs = []string{tt.want}
			}
			if !slices.Equal(diffs, wantDiffs) {
				t.Errorf("shapeDiff = %q, want %q", diffs, wantDiffs)
			}
		})
	}
}

// utcTime matches a datetime as API.md writes it: RFC 3339 in UTC with a Z,
// fractional seconds only when they are not zero.
var utcTime = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$`)

// wantUTC checks that a datetime field reads the way API.md says.
func wantUTC(tb testing.TB, field, v string) {
	tb.Helper()
	if !utcTime.MatchString(v) {
		tb.Errorf("%s = %q, want RFC 3339 in UTC with a Z suffix", field, v)
	}
}
