package pdf

import (
	"slices"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zoé", "Zoé"},
		{"Zoe\u0301", "Zoé"}, // e + combining acute, composed
		{"a\r\nb\rc", "a\nb\nc"},
		{"a\tb\x00c", "a b c"},
		{"ok 👍", "ok \uFFFD"},
		{"Ørsted Łukasz Παπαδόπουλος Иванов", "Ørsted Łukasz Παπαδόπουλος Иванов"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineHelpers(t *testing.T) {
	tests := []struct {
		in       string
		lines    []string
		nonBlank []string
		oneLine  string
		orDash   string
	}{
		{"", nil, nil, "", "-"},
		{" \n\t\n ", nil, nil, "", "-"},
		{"one", []string{"one"}, []string{"one"}, "one", "one"},
		{"\n\n  a  \n\n b\n\n", []string{"  a", "", " b"}, []string{"a", "b"}, "a, b", "a  \n\n b"},
		{"Rue 1\r\nParis", []string{"Rue 1", "Paris"}, []string{"Rue 1", "Paris"},
			"Rue 1, Paris", "Rue 1\nParis"},
	}
	for _, tt := range tests {
		if got := lines(tt.in); !slices.Equal(got, tt.lines) {
			t.Errorf("lines(%q) = %q, want %q", tt.in, got, tt.lines)
		}
		if got := nonBlank(tt.in); !slices.Equal(got, tt.nonBlank) {
			t.Errorf("nonBlank(%q) = %q, want %q", tt.in, got, tt.nonBlank)
		}
		if got := oneLine(tt.in); got != tt.oneLine {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.oneLine)
		}
		if got := orDash(tt.in); got != tt.orDash {
			t.Errorf("orDash(%q) = %q, want %q", tt.in, got, tt.orDash)
		}
	}
}

func TestWrap(t *testing.T) {
	d := newDocument(frOptions, "pdf.prescription.title")
	d.use(bodyStyle)
	tests := []struct {
		name         string
		text         string
		first, width float64
		want         []string // nil: check only the widths and the text kept
	}{
		{"fits", "one two three", 100, 100, []string{"one two three"}},
		{"empty", "", 100, 100, nil},
		{"line breaks kept", "one\n\ntwo", 100, 100, []string{"one", "", "two"}},
		{"spaces collapse", "one    two", 100, 100, []string{"one two"}},
		{"narrow first line", "alpha beta gamma", 12, 100, []string{"alpha", "beta gamma"}},
		{"word moves past a narrow first line", "antidiarrheal", 10, 100,
			[]string{"", "antidiarrheal"}},
		{"words wrap", strings.Repeat("lorem ipsum ", 30), 40, 40, nil},
		{"long word cut", strings.Repeat("x", 200), 30, 30, nil},
	}
	for _, tt := range tests {
		got := d.wrap(tt.text, tt.first, tt.width)
		if tt.want != nil && !slices.Equal(got, tt.want) {
			t.Errorf("%s: wrap = %q, want %q", tt.name, got, tt.want)
		}
		for i, line := range got {
			limit := tt.width
			if i == 0 {
				limit = tt.first
			}
			if w := d.f.GetStringWidth(line); w > limit {
				t.Errorf("%s: line %d %q: got %.1f mm, want at most %.1f",
					tt.name, i, line, w, limit)
			}
		}
		if got, want := visible(strings.Join(got, "")), visible(tt.text); got != want {
			t.Errorf("%s: lines hold %q, want %q", tt.name, got, want)
		}
	}
}

// visible is s without its spaces and line breaks.
func visible(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestClip(t *testing.T) {
	d := newDocument(frOptions, "pdf.prescription.title")
	d.use(footerStyle)
	tests := []struct {
		text  string
		width float64
		want  string
	}{
		{"short", 50, "short"},
		{"", 50, ""},
		{"Ordonnance vérifiable sur https://clinic.example/v/abcdefghij", 60,
			"Ordonnance vérifiable sur https://clinic.…"},
		{"two words", 10, "two…"},
	}
	for _, tt := range tests {
		got := d.clip(tt.text, tt.width)
		if got != tt.want {
			t.Errorf("clip(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		if w := d.f.GetStringWidth(got); w > tt.width {
			t.Errorf("clip(%q, %v) is %.1f mm wide", tt.text, tt.width, w)
		}
	}
}

func TestWrapCharacterWiderThanLine(t *testing.T) {
	d := newDocument(frOptions, "pdf.prescription.title")
	d.use(bodyStyle)
	got := d.wrap("W", 0.5, 0.5)
	if want := []string{"W"}; !slices.Equal(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
