package pdf

import (
	"fmt"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// qrSize is the side of the printed QR code, in millimetres: about 0.7 mm
// a module for a verification URL, which any phone reads.
const qrSize = 22.0

// verification draws the QR code of url, or of the code itself when url
// is empty, at the top right of the first page, with the code printed
// under it, and keeps url for the footer. It returns how far down the
// block reaches, and 0 when code is blank and nothing is drawn.
func (d *document) verification(code, url string) (float64, error) {
	code = strings.TrimSpace(clean(code))
	if code == "" {
		return 0, nil
	}
	url = strings.TrimSpace(clean(url))
	content := url
	if content == "" {
		content = code
	}
	modules, err := qrModules(content)
	if err != nil {
		return 0, err
	}
	x := margin + bodyWidth - qrSize
	d.drawModules(modules, x, margin, qrSize)
	y := margin + qrSize + 1
	for _, line := range []struct {
		s    style
		text string
	}{{captionStyle, d.msg("pdf.verify.label", nil)}, {codeStyle, code}} {
		d.use(line.s)
		d.f.SetXY(x-10, y)
		d.f.CellFormat(qrSize+20, line.s.lineHeight(), line.text, "", 0, "C", false, 0, "")
		y += line.s.lineHeight()
	}
	if url != "" {
		d.note = d.msg("pdf.verify.footer", map[string]any{"URL": url})
	}
	d.f.SetXY(margin, margin)
	return y, nil
}

// qrModules is the QR code of content as rows of dark (true) and light
// modules, without the quiet zone.
func qrModules(content string) ([][]bool, error) {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// drawModules paints a QR code size millimetres square at x, y, one
// rectangle per run of dark modules in a row. Each run overlaps the row
// below by a hair, so no light seam shows between rows.
func (d *document) drawModules(modules [][]bool, x, y, size float64) {
	if len(modules) == 0 {
		return
	}
	cell := size / float64(len(modules))
	d.fill(strong)
	for r, row := range modules {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			h := cell
			if r < len(modules)-1 {
				h += cell / 20
			}
			d.f.Rect(x+float64(start)*cell, y+float64(r)*cell, float64(c-start)*cell, h, "F")
		}
	}
}
