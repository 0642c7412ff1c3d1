package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"clinicflow/clinic"
	"clinicflow/locales"
)

// Output formats.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatCSV   = "csv"
)

// outputFlag adds -o/--output to a command that prints records.
func outputFlag(cmd *cobra.Command, format *string) {
	cmd.Flags().StringVarP(format, "output", "o", formatTable,
		"table (aligned on a terminal, tab-separated in a pipe), json (the API's objects) or csv")
}

// checkFormat refuses an unknown -o.
func checkFormat(format string) error {
	switch format {
	case formatTable, formatJSON, formatCSV:
		return nil
	}
	return usageError{fmt.Errorf("-o %q: want table, json or csv", format)}
}

// column is one column of a record's table and CSV forms: its key (the
// API's field name, the CSV header, stable whatever the language; the
// table's header is the catalogue's cli.col.<key>) and its value.
type column[T any] struct {
	key   string
	value func(T) string
	// yesNo marks a column whose value is "true" or "false": CSV keeps
	// the API's word, a table says yes or no in the reader's language.
	yesNo bool
}

// boolColumn is a yes-or-no column.
func boolColumn[T any](key string, get func(T) bool) column[T] {
	return column[T]{key: key, value: func(v T) string { return strconv.FormatBool(get(v)) }, yesNo: true}
}

// cell is the column's value of v as the format prints it.
func (c column[T]) cell(a *app, format string, v T) string {
	s := c.value(v)
	if c.yesNo && format == formatTable {
		if s == "true" {
			return a.t("cli.yes", nil)
		}
		return a.t("cli.no", nil)
	}
	return oneLine(s)
}

// printer writes records in the chosen format as they come, so that a
// long export or --all list streams.
type printer[T any] struct {
	a      *app
	format string
	cols   []column[T]
	n      int
	tw     *tabwriter.Writer
	cw     *csv.Writer
}

func newPrinter[T any](a *app, format string, cols []column[T]) *printer[T] {
	return &printer[T]{a: a, format: format, cols: cols}
}

// row writes one record.
func (p *printer[T]) row(v T) error {
	defer func() { p.n++ }()
	switch p.format {
	case formatJSON:
		b, err := json.MarshalIndent(v, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if p.n == 0 {
			sep = "[\n  "
		}
		_, err = fmt.Fprint(p.a.io.out, sep+string(b))
		return err
	case formatCSV:
		if p.n == 0 {
			p.cw = csv.NewWriter(p.a.io.out)
			p.cw.Write(p.keys())
		}
		return p.cw.Write(p.values(v))
	}
	if p.n == 0 {
		p.tw = tabwriter.NewWriter(p.a.io.out, 0, 4, 2, ' ', 0)
		if p.a.terminal() {
			fmt.Fprintln(p.tw, strings.Join(p.headers(), "\t"))
		}
	}
	_, err := fmt.Fprintln(p.tw, strings.Join(p.values(v), "\t"))
	return err
}

// done ends the output; an empty table says so on a terminal.
func (p *printer[T]) done() error {
	switch p.format {
	case formatJSON:
		if p.n == 0 {
			fmt.Fprint(p.a.io.out, "[")
		}
		_, err := fmt.Fprintln(p.a.io.out, "\n]")
		return err
	case formatCSV:
		if p.n == 0 {
			p.cw = csv.NewWriter(p.a.io.out)
			p.cw.Write(p.keys())
		}
		p.cw.Flush()
		return p.cw.Error()
	}
	if p.n == 0 {
		if p.a.terminal() {
			fmt.Fprintln(p.a.io.out, p.a.t("cli.none", nil))
		}
		return nil
	}
	return p.tw.Flush()
}

// headers are the table's column titles, in the reader's language.
func (p *printer[T]) headers() []string {
	out := make([]string, len(p.cols))
	for i, c := range p.cols {
		out[i] = p.a.t("cli.col."+c.key, nil)
	}
	return out
}

// keys are the CSV header: the API's field names.
func (p *printer[T]) keys() []string {
	out := make([]string, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.key
	}
	return out
}

func (p *printer[T]) values(v T) []string {
	out := make([]string, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.cell(p.a, p.format, v)
	}
	return out
}

// printAll writes every record of seq, stopping at the first error.
func printAll[T any](a *app, format string, cols []column[T], seq iter.Seq2[T, error]) error {
	p := newPrinter(a, format, cols)
	for v, err := range seq {
		if err != nil {
			p.done()
			return err
		}
		if err := p.row(v); err != nil {
			return err
		}
	}
	return p.done()
}

// printRows writes records already fetched.
func printRows[T any](a *app, format string, cols []column[T], rows []T) error {
	return printAll(a, format, cols, func(yield func(T, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	})
}

// printOne writes one record: as JSON, or as "label: value" lines.
func printOne[T any](a *app, format string, cols []column[T], v T) error {
	if format != formatTable {
		if format == formatJSON {
			enc := json.NewEncoder(a.io.out)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		}
		return printRows(a, format, cols, []T{v})
	}
	tw := tabwriter.NewWriter(a.io.out, 0, 4, 2, ' ', 0)
	for _, c := range cols {
		fmt.Fprintf(tw, "%s:\t%s\n", a.t("cli.col."+c.key, nil), c.cell(a, format, v))
	}
	return tw.Flush()
}

// oneLine keeps a cell on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ⏎ ")), " ")
}

// terminal reports whether the output goes to a terminal.
func (a *app) terminal() bool { return isTerminal(a.io.out) }

// printer of the CLI's own words.
func (a *app) words() *locales.Printer { return catalog().For(a.lang) }

// t renders one of the CLI's words.
func (a *app) t(id string, args map[string]any) string { return a.words().T(id, args) }

// when formats a time in the clinic's zone; "" for nil.
func (a *app) when(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.In(a.loc).Format("2006-01-02 15:04")
}

// day formats a date.
func day(d clinic.Date) string { return d.String() }

// catalog is the one message catalogue of the process.
var catalog = sync.OnceValue(locales.MustLoad)
