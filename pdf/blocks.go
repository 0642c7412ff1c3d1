package pdf

import "strings"

// letterhead prints the prescriber's name, specialization in capitals and
// each non-blank line of the bio, top left, width wide.
func (d *document) letterhead(p Prescriber, width float64) {
	d.textLines(nameStyle, margin, width, clean(p.Name()))
	if s := strings.TrimSpace(clean(p.Specialization)); s != "" {
		d.textLines(specStyle, margin, width, strings.ToUpper(s))
	}
	for _, l := range nonBlank(p.Bio) {
		d.textLines(bioStyle, margin, width, l)
	}
}

// title prints the document's title, centred, with room around it.
func (d *document) title(id string) {
	d.space(7)
	d.use(titleStyle)
	for _, l := range d.wrap(d.msg(id, nil), bodyWidth, bodyWidth) {
		d.f.SetX(margin)
		d.f.CellFormat(bodyWidth, titleStyle.lineHeight(), l, "", 2, "C", false, 0, "")
	}
	d.space(6)
}

// heading prints a section heading, on a new page when the heading and
// the first two lines of the section would not fit under it.
func (d *document) heading(text string) {
	const above, below = 2.5, 1.0
	d.ensure(above + headingStyle.lineHeight() + below + 2*bodyStyle.lineHeight())
	d.space(above)
	d.textLines(headingStyle, margin, bodyWidth, text)
	d.space(below)
}

// textLines prints text in style s at x, wrapped to width, moving to a new
// page between lines when needed.
func (d *document) textLines(s style, x, width float64, text string) {
	d.use(s)
	h := s.lineHeight()
	for _, l := range d.wrap(text, width, width) {
		d.ensure(h)
		d.use(s) // in case a new page drew something in another style
		d.f.SetX(x)
		d.f.CellFormat(width, h, l, "", 2, "L", false, 0, "")
	}
}

// labelled prints a bold label followed by text on the same line, the
// text wrapping under the label; a label wider than half the line gets
// lines of its own.
func (d *document) labelled(label, text string, x, width float64) {
	d.use(strongStyle)
	label = clean(label)
	lw := d.f.GetStringWidth(label + " ")
	if lw > width/2 {
		d.textLines(strongStyle, x, width, label)
		d.textLines(bodyStyle, x, width, text)
		return
	}
	d.use(bodyStyle)
	body := d.wrap(text, width-lw, width)
	h := bodyStyle.lineHeight()
	d.ensure(h)
	d.use(strongStyle)
	d.f.SetX(x)
	d.f.CellFormat(lw, h, label, "", 0, "L", false, 0, "")
	d.use(bodyStyle)
	for i, l := range body {
		if i > 0 {
			d.ensure(h)
			d.use(bodyStyle)
			d.f.SetX(x)
		}
		d.f.CellFormat(width-d.f.GetX()+x, h, l, "", 2, "L", false, 0, "")
	}
}

// pair is one label and its value, as in the patient block.
type pair struct{ label, value string }

// pairGrid lays out pairs in rows of cols label-value pairs, each value
// wrapping in its own column.
type pairGrid struct {
	x      float64 // left edge of the first label
	labelW float64
	valueW float64
	cols   int
}

// pairs prints ps as a grid of label-value pairs.
func (d *document) pairs(g pairGrid, ps []pair) {
	for i := 0; i < len(ps); i += g.cols {
		d.pairRow(g, ps[i:min(i+g.cols, len(ps))])
	}
}

// pairRow prints one row of a grid; the row is as tall as its longest
// value and moves whole to the next page when it does not fit.
func (d *document) pairRow(g pairGrid, row []pair) {
	const gap = 2.2
	h := bodyStyle.lineHeight()
	values := make([][]string, len(row))
	n := 1
	d.use(bodyStyle)
	for i, p := range row {
		values[i] = d.wrap(orDash(p.value), g.valueW, g.valueW)
		n = max(n, len(values[i]))
	}
	d.ensure(float64(n)*h + gap)
	top := d.y()
	for i, p := range row {
		x := g.x + float64(i)*(g.labelW+g.valueW)
		d.use(labelStyle)
		d.f.SetXY(x, top)
		d.f.CellFormat(g.labelW, h, clean(p.label), "", 0, "L", false, 0, "")
		d.use(bodyStyle)
		for j, l := range values[i] {
			d.f.SetXY(x+g.labelW, top+float64(j)*h)
			d.f.CellFormat(g.valueW, h, l, "", 0, "L", false, 0, "")
		}
	}
	d.f.SetY(top + float64(n)*h + gap)
}

// The signature block's measures, in millimetres.
const (
	signatureAbove  = 8.0  // between the text above and the block
	signatureSpace  = 20.0 // to sign and stamp in, above the lines
	signatureBottom = 8.0  // the captions under the lines
	// signatureHeight is the whole block's height: the four rows of
	// about 7 mm, one more for an address on two lines, and the above.
	signatureHeight = signatureAbove + 5*7 + signatureSpace + signatureBottom
)

// signatureBlock prints the prescriber's name, licence number, the date
// and the place, then a signature line and a stamp line with their
// captions, all on one page.
func (d *document) signatureBlock(p Prescriber, nameLabel, date, signature string) {
	d.ensure(signatureHeight)
	d.space(signatureAbove)
	d.pairs(pairGrid{x: margin + 25, labelW: 32, valueW: bodyWidth - 57, cols: 1}, []pair{
		{d.msg(nameLabel, nil), p.Name()},
		{d.msg("pdf.label.license", nil), p.LicenseNumber},
		{d.msg("pdf.label.date", nil), date},
		{d.msg("pdf.label.place", nil), oneLine(p.ClinicAddress)},
	})
	d.space(signatureSpace)
	top := d.y()
	d.signLine(margin+15, 70, top, d.msg(signature, nil))
	d.signLine(margin+100, 55, top, d.msg("pdf.stamp", nil))
	d.f.SetY(top + signatureBottom)
}

// signLine draws a line to sign on, width long at x, with its caption
// centred under it.
func (d *document) signLine(x, width, y float64, caption string) {
	d.stroke(grey, 0.3)
	d.f.Line(x, y, x+width, y)
	d.use(captionStyle)
	d.f.SetXY(x, y+1)
	d.f.CellFormat(width, captionStyle.lineHeight(), clean(caption), "", 0, "C", false, 0, "")
}
