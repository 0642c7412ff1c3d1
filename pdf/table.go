package pdf

// column is one column of a table: its width in millimetres, its
// alignment ("L" or "C") and its header text.
type column struct {
	width  float64
	align  string
	header string
}

// table is a bordered table whose cells wrap their text. A row is as tall
// as its tallest cell; a row that does not fit moves whole to the next
// page, under the header drawn again.
type table struct {
	d    *document
	x    float64
	cols []column
}

// cellPad is the space between a cell's border and its text.
const cellPad = 1.8

// newTable draws the header of a table of cols at the left margin, on a
// new page when the header and one line under it would not fit.
func (d *document) newTable(cols []column) *table {
	t := &table{d: d, x: margin, cols: cols}
	d.ensure(2 * t.lineHeight(cellStyle, 1))
	t.header()
	d.onNewPage = t.header
	return t
}

// end closes the table: later page breaks draw no header.
func (t *table) end() {
	t.d.onNewPage = nil
	t.d.space(2)
}

// header draws the header row.
func (t *table) header() {
	texts := make([]string, len(t.cols))
	for i, c := range t.cols {
		texts[i] = t.d.msg(c.header, nil)
	}
	t.draw(headCellStyle, texts, true)
}

// row draws one row of cells, one per column.
func (t *table) row(cells []string) {
	t.d.use(cellStyle)
	lines := t.layout(cellStyle, cells)
	if t.d.ensure(t.height(cellStyle, lines)) {
		t.d.use(cellStyle)
	}
	t.paint(cellStyle, lines, false)
}

// draw lays out and paints a row without checking the page, for the
// header.
func (t *table) draw(s style, cells []string, shaded bool) {
	t.d.use(s)
	t.paint(s, t.layout(s, cells), shaded)
}

// layout wraps each cell to its column, at most half a page of lines; a
// longer cell is cut short with an ellipsis.
func (t *table) layout(s style, cells []string) [][]string {
	most := int((bodyBottom - margin - 4*cellPad) / s.lineHeight() / 2)
	out := make([][]string, len(t.cols))
	for i, c := range t.cols {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		out[i] = t.d.wrap(orDash(text), c.width-2*cellPad, c.width-2*cellPad)
		if len(out[i]) > most {
			out[i] = append(out[i][:most-1], out[i][most-1]+" …")
		}
	}
	return out
}

// height is how tall a row of these wrapped cells is.
func (t *table) height(s style, cells [][]string) float64 {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	return t.lineHeight(s, n)
}

// lineHeight is the height of a row of n lines.
func (t *table) lineHeight(s style, n int) float64 {
	return float64(n)*s.lineHeight() + 2*cellPad
}

// paint draws a row's borders and text at the current position and moves
// below it.
func (t *table) paint(s style, cells [][]string, shaded bool) {
	d := t.d
	top, h := d.y(), t.height(s, cells)
	op := "D"
	if shaded {
		d.fill(shade)
		op = "FD"
	}
	d.stroke(rule, 0.2)
	x := t.x
	for i, c := range t.cols {
		d.f.Rect(x, top, c.width, h, op)
		for j, l := range cells[i] {
			d.f.SetXY(x+cellPad, top+cellPad+float64(j)*s.lineHeight())
			d.f.CellFormat(c.width-2*cellPad, s.lineHeight(), l, "", 0, c.align, false, 0, "")
		}
		x += c.width
	}
	d.f.SetXY(margin, top+h)
}
