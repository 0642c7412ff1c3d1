package clinic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s lower-cased with its accents removed, the form in which
// names are compared and searched: Fold("Hélène") == "helene".
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// SearchTerms splits a search query on white space and commas and folds
// each term; a row matches when every term is found.
func SearchTerms(q string) []string {
	parts := strings.FieldsFunc(q, func(r rune) bool {
		return r == ',' || unicode.IsSpace(r)
	})
	terms := parts[:0]
	for _, p := range parts {
		if f := Fold(p); f != "" {
			terms = append(terms, f)
		}
	}
	return terms
}

// textRule is the length limit of one text field.
type textRule struct {
	field    string
	max      int
	required bool
}

// check validates a present value against the rule.
func (r textRule) check(v string, probs *Problems) {
	switch {
	case r.required && strings.TrimSpace(v) == "":
		probs.Add(r.field, Msg(MsgBlank))
	case r.max > 0 && utf8.RuneCountInString(v) > r.max:
		probs.Add(r.field, Msg(MsgMaxLength, "Max", r.max))
	}
}

// ValidEmail reports whether s looks like a deliverable address:
// one @, a local part without spaces, and a dotted domain of letters,
// digits and hyphens.
func ValidEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(s) > 254 || strings.ContainsAny(local, " \t\r\n\"<>(),;:\\[]") {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return true
}

// fields walks the fields of one write, in the order the API lists them.
type fields struct {
	partial bool
	probs   *Problems
}

// given reports whether a field was given and has no problem yet; a required
// field missing from a full write is reported here.
func (f fields) given(field string, present, required bool) bool {
	if f.probs.Has(field) {
		return false
	}
	if !present {
		if required && !f.partial {
			f.probs.Add(field, Msg(MsgRequired))
		}
		return false
	}
	return true
}

// text validates and copies one text field.
func (f fields) text(rule textRule, src, dst *string) {
	if f.given(rule.field, src != nil, rule.required) {
		rule.check(*src, f.probs)
		*dst = *src
	}
}

// email validates and copies an optional address; "" clears it.
func (f fields) email(field string, src, dst *string) {
	if f.given(field, src != nil, false) {
		if *src != "" && !ValidEmail(*src) {
			f.probs.Add(field, Msg(MsgEmail))
		}
		*dst = *src
	}
}
