// Package locales holds clinicflow's English and French message catalogues,
// embedded in the binary, and picks the catalogue a reader asked for.
//
// Messages are named by ids (field.required, auth.login_failed, ...); their
// texts are Go templates filled from the message's arguments. English is
// the default and the fallback for any id a catalogue lacks.
package locales

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed *.json
var files embed.FS

// Catalog is every message in every language. It is safe for concurrent use.
type Catalog struct {
	bundle   *i18n.Bundle
	matcher  language.Matcher
	tags     []language.Tag
	printers []*Printer // one per tag, in the same order
	english  *Printer
}

// Load reads the embedded catalogues.
func Load() (*Catalog, error) {
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	names, err := fs.Glob(files, "*.json")
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	for _, name := range names {
		if _, err := bundle.LoadMessageFileFS(files, name); err != nil {
			return nil, fmt.Errorf("locales: load %s: %w", name, err)
		}
	}
	c := &Catalog{bundle: bundle, tags: bundle.LanguageTags()}
	c.matcher = language.NewMatcher(c.tags)
	for _, tag := range c.tags {
		base, _ := tag.Base()
		p := &Printer{loc: i18n.NewLocalizer(bundle, tag.String()), lang: base.String()}
		c.printers = append(c.printers, p)
		if tag == language.English {
			c.english = p
		}
	}
	return c, nil
}

// MustLoad is Load for program start, where the embedded catalogues are
// known to be well formed; it panics otherwise.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Languages returns the base language codes the catalogues cover.
func (c *Catalog) Languages() []string {
	out := make([]string, 0, len(c.tags))
	for _, t := range c.tags {
		base, _ := t.Base()
		out = append(out, base.String())
	}
	return out
}

// For returns the printer of the best language for the preferences given,
// each a language code or a whole Accept-Language header; English when
// nothing matches.
func (c *Catalog) For(prefs ...string) *Printer {
	for _, pref := range prefs {
		if pref == "" {
			continue
		}
		tags, _, err := language.ParseAcceptLanguage(pref)
		if err != nil || len(tags) == 0 {
			continue
		}
		_, idx, conf := c.matcher.Match(tags...)
		if conf != language.No {
			return c.printers[idx]
		}
	}
	return c.english
}

// Printer renders messages in one language.
type Printer struct {
	loc  *i18n.Localizer
	lang string
}

// Lang is the printer's language code: "en" or "fr".
func (p *Printer) Lang() string { return p.lang }

// T renders the message id with its arguments. An id no catalogue knows is
// returned as is, so a missing text shows up rather than vanishing.
func (p *Printer) T(id string, args map[string]any) string {
	s, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: args})
	if err != nil || s == "" {
		return id
	}
	return s
}
