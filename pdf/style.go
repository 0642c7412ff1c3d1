package pdf

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette.
var (
	ink    = rgb{33, 37, 41}    // values and body text
	navy   = rgb{31, 45, 61}    // titles and headings
	grey   = rgb{108, 117, 125} // labels, bio, captions
	rule   = rgb{206, 212, 218} // table borders and lines
	shade  = rgb{241, 243, 245} // table header background
	strong = rgb{0, 0, 0}       // the QR code
)

// style is a font face, size and colour, with the height of one line.
type style struct {
	bold  bool
	size  float64 // points
	color rgb
}

// The style sheet: every text of both documents is in one of these.
var (
	nameStyle     = style{bold: true, size: 12, color: navy}
	specStyle     = style{bold: true, size: 8.5, color: ink}
	bioStyle      = style{size: 8.5, color: grey}
	titleStyle    = style{bold: true, size: 16, color: navy}
	headingStyle  = style{bold: true, size: 11, color: navy}
	labelStyle    = style{bold: true, size: 8.5, color: grey}
	bodyStyle     = style{size: 9, color: ink}
	strongStyle   = style{bold: true, size: 9, color: ink}
	cellStyle     = style{size: 8.5, color: ink}
	headCellStyle = style{bold: true, size: 8.5, color: navy}
	captionStyle  = style{size: 8, color: grey}
	codeStyle     = style{bold: true, size: 8.5, color: ink}
	footerStyle   = style{size: 8, color: grey}
)

// lineHeight is the height in millimetres of one line of s.
func (s style) lineHeight() float64 {
	const pointMM = 25.4 / 72
	return s.size * pointMM * 1.5
}

// use makes s the current text style.
func (d *document) use(s style) {
	face := ""
	if s.bold {
		face = "B"
	}
	d.f.SetFont(family, face, s.size)
	d.f.SetTextColor(s.color.r, s.color.g, s.color.b)
}

// stroke sets the colour and width of drawn lines.
func (d *document) stroke(c rgb, width float64) {
	d.f.SetDrawColor(c.r, c.g, c.b)
	d.f.SetLineWidth(width)
}

// fill sets the colour of filled shapes.
func (d *document) fill(c rgb) {
	d.f.SetFillColor(c.r, c.g, c.b)
}
