package reports

import (
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/call-agglo/cohesion/assets"
)

// The watermark (« PROJET ») is drawn as the outlines of the bold font's
// glyphs, not as text: text set diagonally comes out of text extraction
// (pdftotext, copy and paste, screen readers) as stray letters between the
// lines of the real text. The word is written once more as text, small, at
// the top of the page on the right, where a reader and an extraction find it.

// colWatermark is the watermark's colour, drawn at watermarkAlpha over the
// page: light grey on white, the text under it as dark as ever.
var colWatermark = rgb{120, 120, 120}

const watermarkAlpha = 0.18

// pageEnd closes a page: its footer, then its watermark, drawn last so that
// the fills of tables do not hide it, and translucent so that the text under
// it stays readable.
func (r *renderer) pageEnd() {
	r.footer()
	mark := strings.TrimSpace(clean(r.mark))
	if mark == "" {
		return
	}
	r.drawOutlines(mark)
	w, _ := r.pdf.GetPageSize()
	r.setFont(true, footerSize)
	r.setText(colGrey)
	r.text(margin, (margin-lineHeight(footerSize))/2, w-2*margin, lineHeight(footerSize), mark, AlignRight)
	r.setText(colText)
}

var (
	boldOnce    sync.Once
	boldOutline *sfnt.Font
)

// drawOutlines fills word's glyphs along the page's rising diagonal, half
// as long as it, centred.
func (r *renderer) drawOutlines(word string) {
	boldOnce.Do(func() { boldOutline, _ = sfnt.Parse(assets.NotoSansBold) })
	f := boldOutline
	if f == nil {
		return // cannot happen with the embedded font
	}
	const ppem = 1000 // glyph units per em
	var buf sfnt.Buffer
	var glyphs []sfnt.GlyphIndex
	var advance float64 // in units
	for _, c := range word {
		g, err := f.GlyphIndex(&buf, c)
		if err != nil || g == 0 {
			continue
		}
		a, _ := f.GlyphAdvance(&buf, g, fixed.I(ppem), 0)
		glyphs = append(glyphs, g)
		advance += float64(a) / 64
	}
	if advance == 0 {
		return
	}
	pdf := r.pdf
	w, h := pdf.GetPageSize()
	scale := math.Hypot(w, h) * 0.5 / advance // mm per unit
	x, y := w/2-advance*scale/2, h/2+0.36*ppem*scale
	pdf.SetAlpha(watermarkAlpha, "Normal")
	r.setFill(colWatermark)
	pdf.TransformBegin()
	pdf.TransformRotate(math.Atan2(h, w)*180/math.Pi, w/2, h/2)
	for _, g := range glyphs {
		segs, err := f.LoadGlyph(&buf, g, fixed.I(ppem), nil)
		if err != nil {
			continue
		}
		pt := func(p fixed.Point26_6) (float64, float64) {
			return x + float64(p.X)/64*scale, y + float64(p.Y)/64*scale
		}
		for _, s := range segs {
			x0, y0 := pt(s.Args[0])
			x1, y1 := pt(s.Args[1])
			x2, y2 := pt(s.Args[2])
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				pdf.MoveTo(x0, y0)
			case sfnt.SegmentOpLineTo:
				pdf.LineTo(x0, y0)
			case sfnt.SegmentOpQuadTo:
				pdf.CurveTo(x0, y0, x1, y1)
			case sfnt.SegmentOpCubeTo:
				pdf.CurveBezierCubicTo(x0, y0, x1, y1, x2, y2)
			}
		}
		a, _ := f.GlyphAdvance(&buf, g, fixed.I(ppem), 0)
		x += float64(a) / 64 * scale
	}
	pdf.DrawPath("F")
	pdf.TransformEnd()
	pdf.SetAlpha(1, "Normal")
}
