package pdf

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// clean makes s safe to print: composed accents (so "e" followed by a
// combining accent prints as "é"), "\n" for every line break, a space for
// tabs and other control characters, and U+FFFD for characters beyond the
// Basic Multilingual Plane (emoji), which the PDF font cannot hold.
func clean(s string) string {
	s = norm.NFC.String(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return ' '
		case r > 0xFFFF:
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// lines splits s into its lines, cleaned and trimmed on the right, without
// the blank lines at its start and end.
func lines(s string) []string {
	s = strings.TrimRightFunc(clean(s), unicode.IsSpace)
	s = strings.TrimLeft(s, "\n")
	if strings.TrimSpace(s) == "" {
		return nil
	}
	out := strings.Split(s, "\n")
	for i, l := range out {
		out[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return out
}

// nonBlank is the lines of s that hold more than spaces, trimmed.
func nonBlank(s string) []string {
	var out []string
	for _, l := range lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// oneLine joins the non-blank lines of s with commas, as an address is
// printed on one line.
func oneLine(s string) string {
	return strings.Join(nonBlank(s), ", ")
}

// orDash is s cleaned, or "-" when s is blank.
func orDash(s string) string {
	if s = strings.TrimSpace(clean(s)); s != "" {
		return s
	}
	return "-"
}

// wrap breaks text into lines that fit in width millimetres in the current
// font. The first line may be given a different width, for text that
// follows a label on its line. Line breaks in text are kept; a word wider
// than a whole line is cut between characters.
func (d *document) wrap(text string, first, width float64) []string {
	var out []string
	room := first
	for _, para := range lines(text) {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			room = width
			continue
		}
		out = d.wrapWords(out, words, room, width)
		room = width
	}
	return out
}

// wrapWords appends to out the lines of one paragraph's words.
func (d *document) wrapWords(out, words []string, room, width float64) []string {
	space := d.f.GetStringWidth(" ")
	line, used := "", 0.0
	for _, word := range words {
		w := d.f.GetStringWidth(word)
		if line != "" && used+space+w <= room {
			line, used = line+" "+word, used+space+w
			continue
		}
		if line != "" || w > room && w <= width {
			// the line is full, or a narrow first line cannot take
			// this word whole while a full line could
			out, room = append(out, line), width
		}
		for w > room {
			head, tail := d.cut(word, room)
			if tail == "" {
				break // one character wider than the line: let it show
			}
			out, room = append(out, head), width
			word, w = tail, d.f.GetStringWidth(tail)
		}
		line, used = word, w
	}
	return append(out, line)
}

// clip is the line s, cut short with an ellipsis when it is wider than
// width in the current font.
func (d *document) clip(s string, width float64) string {
	if d.f.GetStringWidth(s) <= width {
		return s
	}
	head, _ := d.cut(s, width-d.f.GetStringWidth("…"))
	return strings.TrimRight(head, " ") + "…"
}

// cut splits word into the longest head that fits in width, one character
// at least, and the rest.
func (d *document) cut(word string, width float64) (head, tail string) {
	used := 0.0
	for i, r := range word {
		used += d.f.GetStringWidth(string(r))
		if used > width && i > 0 {
			return word[:i], word[i:]
		}
	}
	return word, ""
}
