package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/jung-kurt/gofpdf"

	"clinicflow/locales"
)

// The embedded DejaVu Sans faces; see fonts/LICENSE.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularTTF []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldTTF []byte
)

// catalog loads the message catalogues once, at the first render.
var catalog = sync.OnceValue(locales.MustLoad)

// printer is the catalogue printer of lang, French when lang is empty.
func printer(lang string) *locales.Printer {
	if lang == "" {
		lang = "fr"
	}
	return catalog().For(lang)
}

// Page geometry, in millimetres.
const (
	margin     = 20.0
	pageWidth  = 210.0
	pageHeight = 297.0
	bodyWidth  = pageWidth - 2*margin
	bodyBottom = pageHeight - margin
	headerTop  = 11.0
	footerTop  = pageHeight - 13
)

const (
	family     = "dejavu"
	totalAlias = "{nb}" // replaced by the page count when the file is written
)

// document is one PDF being drawn: the gofpdf page, the reader's language
// and the clinic's clock.
type document struct {
	f   *gofpdf.Fpdf
	t   *locales.Printer
	loc *time.Location
	now time.Time

	// running is printed at the top of every page after the first: whom
	// and what the document is about, so a loose page can be matched.
	running string

	// note is printed at the foot of every page, such as where the
	// prescription can be verified.
	note string

	// onNewPage, when set, draws what a page continuing the current
	// block starts with, such as a table's header.
	onNewPage func()
}

// newDocument starts an A4 document with its first page, titled title
// (a message id) in its properties.
func newDocument(o Options, title string) *document {
	d := &document{t: printer(o.Lang), loc: o.Location, now: o.Now}
	if d.loc == nil {
		d.loc = time.UTC
	}
	if d.now.IsZero() {
		d.now = time.Now()
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, margin)
	f.SetCellMargin(0)
	f.AliasNbPages(totalAlias)
	// Each document gets its own copy of the font bytes: gofpdf pads font
	// tables with append while it subsets the font, which writes into the
	// spare capacity of the slice it was given, so documents rendered at
	// once must not share one.
	f.AddUTF8FontFromBytes(family, "", bytes.Clone(regularTTF))
	f.AddUTF8FontFromBytes(family, "B", bytes.Clone(boldTTF))
	f.SetTitle(d.msg(title, nil), true)
	f.SetCreator("clinicflow", true)
	f.SetCatalogSort(true) // the same input gives the same bytes
	f.SetCreationDate(d.now)
	f.SetModificationDate(d.now)
	f.SetHeaderFunc(d.header)
	f.SetFooterFuncLpi(d.footer)
	d.f = f
	f.AddPage()
	return d
}

// msg is the message id in the reader's language.
func (d *document) msg(id string, args map[string]any) string {
	return d.t.T(id, args)
}

// date prints the day of t in the clinic's zone.
func (d *document) date(t time.Time) string {
	return t.In(d.loc).Format(d.msg("pdf.layout.date", nil))
}

// datetime prints the day and time of t in the clinic's zone.
func (d *document) datetime(t time.Time) string {
	return t.In(d.loc).Format(d.msg("pdf.layout.datetime", nil))
}

// y is the vertical position where the next block starts.
func (d *document) y() float64 { return d.f.GetY() }

// space moves down by h millimetres.
func (d *document) space(h float64) { d.f.SetY(d.y() + h) }

// ensure starts a new page unless h millimetres fit above the bottom
// margin, and reports whether it did.
func (d *document) ensure(h float64) bool {
	if d.y()+h <= bodyBottom {
		return false
	}
	d.f.AddPage()
	if d.onNewPage != nil {
		d.onNewPage()
	}
	return true
}

// header prints the running line in the top margin of every page after
// the first.
func (d *document) header() {
	if d.f.PageNo() == 1 || d.running == "" {
		return
	}
	d.use(footerStyle)
	d.f.SetXY(margin, headerTop)
	d.f.CellFormat(bodyWidth, 5, d.clip(d.running, bodyWidth), "", 0, "L", false, 0, "")
	d.stroke(rule, 0.2)
	d.f.Line(margin, headerTop+5.5, margin+bodyWidth, headerTop+5.5)
	d.f.SetY(margin)
}

// setRunning sets the running line from its parts, blanks skipped.
func (d *document) setRunning(parts ...string) {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(clean(p)); p != "" {
			kept = append(kept, p)
		}
	}
	d.running = strings.Join(kept, "  ·  ")
}

// footer prints the note, if any, and the page number, unless the
// document has only the one page.
func (d *document) footer(lastPage bool) {
	n := d.f.PageNo()
	d.use(footerStyle)
	numberW := 0.0
	if !lastPage || n > 1 {
		numberW = d.pageNumber(n)
	}
	if d.note == "" {
		return
	}
	noteW := bodyWidth - numberW - 5
	d.f.SetXY(margin, footerTop)
	d.f.CellFormat(noteW, 5, d.clip(d.note, noteW), "", 0, "L", false, 0, "")
}

// pageNumber prints "Page n / total" at the foot of the page, centred, or
// flush right when there is a note, and returns its width. The total is
// written in when the file is, so the width is measured as if it had as
// many digits as n: exact below ten pages, and close enough above.
func (d *document) pageNumber(n int) float64 {
	width := d.f.GetStringWidth(d.msg("pdf.page", map[string]any{"N": n, "Total": n}))
	x := margin + (bodyWidth-width)/2
	if d.note != "" {
		x = margin + bodyWidth - width
	}
	d.f.SetXY(x, footerTop)
	text := d.msg("pdf.page", map[string]any{"N": n, "Total": totalAlias})
	d.f.CellFormat(width, 5, text, "", 0, "L", false, 0, "")
	return width
}

// write finishes the document and writes it to w.
func (d *document) write(w io.Writer) error {
	if err := d.f.Output(w); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}
