package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"clinicflow/client"
	"clinicflow/clinic"
)

// A prescription's and a template's medication lines are written with the
// same flags. The lines start from a base (a template's lines, or the
// record's own when editing); lines are numbered from 1 as "show" lists
// them, and the --item lines follow the base's in the order given. --set
// changes a field of a line, --drop removes lines, --item adds lines.

// lineFields maps the field names the flags take (the API's, and short
// ones) to the API's.
var lineFields = map[string]string{
	"medication": "medication", "med": "medication",
	"dosage": "dosage", "route": "route", "frequency": "frequency",
	"duration": "duration", "instructions": "instructions",
	"allow_outside_purchase": "allow_outside_purchase", "outside": "allow_outside_purchase",
}

// lineEdit sets one field of a line.
type lineEdit struct {
	field string
	value string
}

// lineChange is a --set: an edit of line n.
type lineChange struct {
	flag string
	n    int
	edit lineEdit
}

// lineFlags are the flags that write medication lines. prescription says
// whether the lines may allow an outside purchase (templates' may not).
type lineFlags struct {
	prescription bool
	items        []string
	sets         []string
	drops        []string
	outside      []int

	added   [][]lineEdit
	changes []lineChange
	dropAll bool
	dropped []int
}

const lineFlagsHelp = `Medication lines:
  --item "med=ID; dosage=…; route=…; frequency=…; duration=…; instructions=…"
      adds a line (repeat for more). Fields are separated by ";" and only
      med is required; med is a medication id or words that find exactly
      one medication (see "clinicflow meds list").
  --set N.FIELD=VALUE  changes one field of line N (repeatable); FIELD is
      med, dosage, route, frequency, duration or instructions.
  --drop N[,N…]        removes lines; --drop all removes every line of the
      base (the template's, or when editing the current ones).
Lines are numbered as "show" lists them; the --item lines come after them,
in order. Give a value with a ";" through --set.`

// add registers the flags on cmd.
func (f *lineFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.items, "item", nil,
		`add a line: "med=ID; dosage=…; route=…; frequency=…; duration=…; instructions=…"`)
	fl.StringArrayVar(&f.sets, "set", nil,
		`change a field of line N: N.FIELD=VALUE, as in 2.dosage="10 mL"`)
	fl.StringSliceVar(&f.drops, "drop", nil,
		"remove line N (repeatable, or N,N…; all for every line)")
	if f.prescription {
		fl.IntSliceVar(&f.outside, "outside", nil,
			"let the patient buy line N's medication elsewhere (repeatable)")
	}
}

// given reports whether any line flag was used.
func (f *lineFlags) given() bool {
	return len(f.items)+len(f.sets)+len(f.drops)+len(f.outside) > 0
}

// parse checks the flags' syntax; their line numbers are checked by build,
// once the base is known.
func (f *lineFlags) parse() error {
	for _, spec := range f.items {
		edits, err := f.parseItem(spec)
		if err != nil {
			return usageError{fmt.Errorf("--item %q: %w", spec, err)}
		}
		f.added = append(f.added, edits)
	}
	for _, spec := range f.sets {
		c, err := f.parseSet(spec)
		if err != nil {
			return usageError{fmt.Errorf("--set %q: %w", spec, err)}
		}
		f.changes = append(f.changes, c)
	}
	for _, n := range f.outside {
		yes := lineEdit{field: "allow_outside_purchase", value: "yes"}
		flag := "--outside " + strconv.Itoa(n)
		f.changes = append(f.changes, lineChange{flag: flag, n: n, edit: yes})
	}
	for _, d := range f.drops {
		if strings.EqualFold(strings.TrimSpace(d), "all") {
			f.dropAll = true
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(d))
		if err != nil {
			return usageError{fmt.Errorf("--drop %q: want a line number or all", d)}
		}
		f.dropped = append(f.dropped, n)
	}
	return nil
}

// parseItem reads an --item: fields separated by ";".
func (f *lineFlags) parseItem(spec string) ([]lineEdit, error) {
	var edits []lineEdit
	med := false
	for part := range strings.SplitSeq(spec, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		e, err := f.parseEdit(part)
		if err != nil {
			return nil, err
		}
		med = med || e.field == "medication"
		edits = append(edits, e)
	}
	if !med {
		return nil, errors.New("no med=: which medication?")
	}
	return edits, nil
}

// parseSet reads a --set: N.FIELD=VALUE.
func (f *lineFlags) parseSet(spec string) (lineChange, error) {
	num, rest, ok := strings.Cut(spec, ".")
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if !ok || err != nil {
		return lineChange{}, errors.New(`want N.FIELD=VALUE, as in 2.dosage="10 mL"`)
	}
	e, err := f.parseEdit(rest)
	return lineChange{flag: "--set " + spec, n: n, edit: e}, err
}

// parseEdit reads FIELD=VALUE; "outside" alone means yes.
func (f *lineFlags) parseEdit(s string) (lineEdit, error) {
	key, value, hasValue := strings.Cut(s, "=")
	key = strings.ToLower(strings.TrimSpace(key))
	field, ok := lineFields[key]
	switch {
	case !ok && !hasValue:
		return lineEdit{}, fmt.Errorf(`%q is not FIELD=VALUE (";" separates fields: `+
			`give a value with a ";" through --set)`, key)
	case !ok:
		return lineEdit{}, fmt.Errorf("unknown field %q: "+
			"want med, dosage, route, frequency, duration, instructions", key)
	case field == "allow_outside_purchase" && !f.prescription:
		return lineEdit{}, errors.New("a template's lines have no outside purchase")
	case field == "allow_outside_purchase" && !hasValue:
		value = "yes"
	case !hasValue:
		return lineEdit{}, fmt.Errorf("%s: want %s=VALUE", key, key)
	}
	e := lineEdit{field: field, value: strings.TrimSpace(value)}
	if field == "medication" && e.value == "" {
		return e, errors.New("med= is empty")
	}
	if _, err := e.flag(); field == "allow_outside_purchase" && err != nil {
		return e, err
	}
	return e, nil
}

// flag reads a yes-or-no value.
func (e lineEdit) flag() (bool, error) {
	switch strings.ToLower(e.value) {
	case "yes", "y", "true", "1", "oui", "o":
		return true, nil
	case "no", "n", "false", "0", "non":
		return false, nil
	}
	return false, fmt.Errorf("%s=%q: want yes or no", e.field, e.value)
}

// build applies the flags to base and returns the new lines, resolving
// medication names through c.
func (f *lineFlags) build(ctx context.Context, c *client.Client,
	base []clinic.ItemWrite) ([]clinic.ItemWrite, error) {
	lines := append([]clinic.ItemWrite(nil), base...)
	for range f.added {
		lines = append(lines, clinic.ItemWrite{})
	}
	drop, err := f.dropSet(len(base), len(lines))
	if err != nil {
		return nil, err
	}
	meds := medicationFinder{c: c, ids: map[string]int64{}}
	for i, edits := range f.added {
		for _, e := range edits {
			if err := meds.apply(ctx, &lines[len(base)+i], e); err != nil {
				return nil, fmt.Errorf("--item %q: %w", f.items[i], err)
			}
		}
	}
	for _, ch := range f.changes {
		if err := checkLine(ch.flag, ch.n, len(lines)); err != nil {
			return nil, err
		}
		if drop[ch.n] {
			return nil, usageError{fmt.Errorf("%s: line %d is dropped", ch.flag, ch.n)}
		}
		if err := meds.apply(ctx, &lines[ch.n-1], ch.edit); err != nil {
			return nil, fmt.Errorf("%s: %w", ch.flag, err)
		}
	}
	kept := make([]clinic.ItemWrite, 0, len(lines))
	for i, l := range lines {
		if !drop[i+1] {
			kept = append(kept, l)
		}
	}
	return kept, nil
}

// dropSet is the line numbers to drop, checked against the count of lines.
func (f *lineFlags) dropSet(base, total int) (map[int]bool, error) {
	drop := map[int]bool{}
	for n := 1; f.dropAll && n <= base; n++ {
		drop[n] = true
	}
	for _, n := range f.dropped {
		if err := checkLine("--drop "+strconv.Itoa(n), n, total); err != nil {
			return nil, err
		}
		drop[n] = true
	}
	return drop, nil
}

// checkLine refuses a line number that is not there.
func checkLine(flag string, n, total int) error {
	switch {
	case total == 0:
		return usageError{fmt.Errorf("%s: there are no lines", flag)}
	case n < 1 || n > total:
		return usageError{fmt.Errorf("%s: no line %d (the lines are numbered 1 to %d)",
			flag, n, total)}
	}
	return nil
}

// medicationFinder turns what --item and --set give for med into ids,
// asking the server once per name.
type medicationFinder struct {
	c   *client.Client
	ids map[string]int64
}

// apply sets one field of a line.
func (m medicationFinder) apply(ctx context.Context, l *clinic.ItemWrite, e lineEdit) error {
	switch e.field {
	case "medication":
		id, err := m.find(ctx, e.value)
		l.Medication = id
		return err
	case "dosage":
		l.Dosage = e.value
	case "route":
		l.Route = e.value
	case "frequency":
		l.Frequency = e.value
	case "duration":
		l.Duration = e.value
	case "instructions":
		l.Instructions = e.value
	case "allow_outside_purchase":
		yes, err := e.flag()
		l.AllowOutsidePurchase = &yes
		return err
	}
	return nil
}

// find reads a medication id, or looks the words up: they must find one
// active medication, or name one of those they find exactly.
func (m medicationFinder) find(ctx context.Context, s string) (int64, error) {
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	if id, ok := m.ids[s]; ok {
		return id, nil
	}
	q := client.MedicationQuery{Search: s}
	page, err := m.c.ListMedications(ctx, q, client.ListOptions{PageSize: 20})
	if err != nil {
		return 0, err
	}
	var exact []clinic.Medication
	for _, med := range page.Results {
		if strings.EqualFold(med.Name, s) || strings.EqualFold(med.Display(), s) {
			exact = append(exact, med)
		}
	}
	switch {
	case page.Count == 1:
		m.ids[s] = page.Results[0].ID
	case len(exact) == 1:
		m.ids[s] = exact[0].ID
	case page.Count == 0:
		return 0, fmt.Errorf("no medication matches %q (see clinicflow meds list)", s)
	default:
		return 0, fmt.Errorf("%q matches %d medications (%s): give its id",
			s, page.Count, medNames(page.Results))
	}
	return m.ids[s], nil
}

// medNames lists a few medications as "ID name".
func medNames(meds []clinic.Medication) string {
	var names []string
	for i, med := range meds {
		if i == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, strconv.FormatInt(med.ID, 10)+" "+med.Display())
	}
	return strings.Join(names, ", ")
}

// numbered is a line with its number, for the tables of show.
type numbered[T any] struct {
	n    int
	line T
}

// numberLines numbers lines from 1.
func numberLines[T any](lines []T) []numbered[T] {
	out := make([]numbered[T], len(lines))
	for i, l := range lines {
		out[i] = numbered[T]{i + 1, l}
	}
	return out
}

// printWithLines prints a record that has medication lines: as JSON, the
// record whole; as CSV, its lines, one row each; as a table, the record's
// fields then its lines, without the medication's id column (its name is
// there, and the table fits a terminal better).
func printWithLines[T, L any](a *app, format string, head []column[T], v T,
	cols []column[numbered[L]], lines []L) error {
	switch format {
	case formatJSON:
		return printOne(a, format, head, v)
	case formatCSV:
		return printRows(a, format, cols, numberLines(lines))
	}
	if err := printOne(a, format, head, v); err != nil {
		return err
	}
	fmt.Fprintln(a.io.out)
	cols = slices.DeleteFunc(slices.Clone(cols), func(c column[numbered[L]]) bool {
		return c.key == "medication"
	})
	return printRows(a, format, cols, numberLines(lines))
}
