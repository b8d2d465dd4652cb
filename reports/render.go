package reports

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"github.com/call-agglo/cohesion/assets"
	"github.com/call-agglo/cohesion/data"
)

// Page layout, in mm and points.
const (
	margin        = 15.0 // left, right and top margins
	contentBottom = 20.0 // distance from the page's foot to the end of the content
	footerRule    = 15.0 // distance from the page's foot to the footer's rule
	bodySize      = 10.0
	tableSize     = 8.5
	footerSize    = 7.5
	cellPad       = 1.2
	blockGap      = 3.0
	keepWithNext  = 40.0 // room a heading needs below it, or it moves to the next page
	ptToMM        = 25.4 / 72
	leading       = 1.3
	fontFamily    = "noto"
	pageNbAlias   = "{nb}"
)

// frenchSpaces keeps French punctuation with its word: a line never starts
// with « » », « : », « ; », « ! », « ? » or « € », nor ends with « « ».
var frenchSpaces = strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»", " :", "\u00a0:", " ;", "\u00a0;",
	" !", "\u00a0!", " ?", "\u00a0?", " €", "\u00a0€")

// A4 is the page size.
var a4 = gofpdf.SizeType{Wd: 210, Ht: 297}

type rgb struct{ r, g, b int }

var (
	colText      = rgb{25, 25, 25}
	colHeading   = rgb{20, 55, 105}
	colGrey      = rgb{100, 100, 100}
	colRule      = rgb{150, 150, 150}
	colHeaderBg  = rgb{221, 230, 242}
	colStripe    = rgb{246, 247, 249}
	colTotalBg   = rgb{232, 232, 232}
	colNoticeBg  = rgb{255, 243, 205}
	colNoticeBdr = rgb{200, 130, 0}
	colSeries    = []rgb{{52, 101, 164}, {230, 140, 40}, {80, 160, 90}, {150, 80, 160}}
)

// Preload parses the embedded fonts (kept for every later document) and the
// set of characters they draw. Write does it when needed; a caller may have it
// done beforehand, in the background, while it reads what to print.
func Preload() {
	coverageOnce.Do(loadCoverage)
	pdf := gofpdf.NewCustom(&gofpdf.InitType{UnitStr: "mm", Size: a4})
	pdf.AliasNbPages(pageNbAlias)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.NotoSansRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.NotoSansBold)
}

// Write draws doc as a PDF to w. The same document always gives the same bytes.
func Write(doc *Document, w io.Writer) (err error) {
	if doc == nil || len(doc.Blocks) == 0 {
		return data.Errorf(data.EINVALID, "Le document est vide : il n'y a rien à imprimer.")
	}
	defer func() {
		if p := recover(); p != nil {
			err = data.Errorf(data.EINTERNAL, "Erreur interne lors de la création du PDF : %v", p)
		}
	}()
	r := newRenderer(doc)
	for i, b := range doc.Blocks {
		r.next = nil
		if i+1 < len(doc.Blocks) {
			r.next = doc.Blocks[i+1]
		}
		r.block(b)
	}
	if r.pdf.PageNo() == 0 {
		r.ensure(0)
	}
	if err := r.pdf.Error(); err != nil {
		return data.Errorf(data.EINTERNAL, "Erreur lors de la création du PDF : %v", err)
	}
	if err := r.pdf.Output(w); err != nil {
		return data.Errorf(data.EINTERNAL, "Erreur lors de l'écriture du PDF : %v", err)
	}
	return nil
}

type renderer struct {
	pdf        *gofpdf.Fpdf
	doc        *Document
	orient     Orientation // of the current page
	needPage   Orientation // a page to open before drawing, "" when none
	pageW      float64
	pageH      float64
	left       float64
	width      float64
	top        float64
	bottom     float64
	y          float64
	contentTop float64        // y below a repeated table header
	onPage     func()         // called after an automatic page break (table header)
	mark       string         // the current page's watermark (see Watermark)
	next       Block          // the block after the one being drawn; nil at the end
	chartPlan  []int          // the groups of the chart being drawn that start a page
	anchors    map[string]int // Anchor's name → its page
}

func newRenderer(doc *Document) *renderer {
	o := doc.Orientation
	if o != Landscape {
		o = Portrait
	}
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: string(o), UnitStr: "mm", Size: a4})
	// The alias must be set before the fonts are added (gofpdf's subset depends on it).
	pdf.AliasNbPages(pageNbAlias)
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.NotoSansRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.NotoSansBold)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCellMargin(0)
	pdf.SetCompression(true)
	// Each page compressed as it ends, the document written as it is made:
	// memory follows the compressed document, not every page (issue 23).
	pdf.SetStreamedPages(true)
	pdf.SetCatalogSort(true)
	gen := doc.GeneratedAt
	if gen.IsZero() {
		gen = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	pdf.SetCreationDate(gen)
	pdf.SetModificationDate(gen)
	pdf.SetTitle(clean(doc.Title), true)
	pdf.SetCreator("Cohésion", true)
	pdf.SetAuthor("Cohésion", true)
	r := &renderer{pdf: pdf, doc: doc, needPage: o, orient: o}
	pdf.SetFooterFunc(r.pageEnd)
	pdf.SetFont(fontFamily, "", bodySize)
	return r
}

// footer draws the current page's footer.
func (r *renderer) footer() {
	f := r.doc.Footer
	pdf := r.pdf
	w, h := pdf.GetPageSize()
	width := w - 2*margin
	pdf.SetDrawColor(colRule.r, colRule.g, colRule.b)
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, h-footerRule, w-margin, h-footerRule)
	r.setFont(false, footerSize)
	pdf.SetTextColor(colGrey.r, colGrey.g, colGrey.b)
	y := h - footerRule + 1
	lh := lineHeight(footerSize)
	if f.Left != "" {
		lw := width * 0.7
		if f.Centre != "" {
			lw = width * 0.33
		}
		r.footerLeft(f.Left, margin, y, lw, lh)
	}
	if f.Centre != "" {
		pdf.SetXY(margin+width*0.34, y)
		pdf.CellFormat(width*0.32, lh, r.fit(f.Centre, width*0.32), "", 0, "C", false, 0, "")
	}
	var right []string
	if f.Date && !r.doc.GeneratedAt.IsZero() {
		right = append(right, data.DateOf(r.doc.GeneratedAt).Format())
	}
	if f.PageNumbers {
		right = append(right, fmt.Sprintf("page %d / %s", pdf.PageNo(), pageNbAlias))
	}
	if len(right) > 0 {
		pdf.SetXY(margin+width*0.7, y)
		pdf.CellFormat(width*0.3, lh, strings.Join(right, " · "), "", 0, "R", false, 0, "")
	}
	pdf.SetTextColor(colText.r, colText.g, colText.b)
}

func lineHeight(size float64) float64 { return size * ptToMM * leading }

func (r *renderer) setFont(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	r.pdf.SetFont(fontFamily, style, size)
}

func (r *renderer) setFill(c rgb) { r.pdf.SetFillColor(c.r, c.g, c.b) }
func (r *renderer) setDraw(c rgb) { r.pdf.SetDrawColor(c.r, c.g, c.b) }
func (r *renderer) setText(c rgb) { r.pdf.SetTextColor(c.r, c.g, c.b) }

// newPage opens a page in orientation o.
func (r *renderer) newPage(o Orientation) {
	if o != Landscape {
		o = Portrait
	}
	r.pdf.AddPageFormat(string(o), a4)
	r.orient = o
	r.pageW, r.pageH = r.pdf.GetPageSize()
	r.left = margin
	r.width = r.pageW - 2*margin
	r.top = margin
	r.bottom = r.pageH - contentBottom
	r.y = r.top
	r.contentTop = r.top
	r.setText(colText)
}

// breakPage continues on a new page, in the same orientation.
func (r *renderer) breakPage() {
	r.newPage(r.orient)
	if r.onPage != nil {
		r.onPage()
	}
}

// ensure makes room for h mm: it opens the pending page, or breaks the page
// unless nothing has been drawn on it yet.
func (r *renderer) ensure(h float64) {
	if r.needPage != "" {
		o := r.needPage
		r.needPage = ""
		r.newPage(o)
		return
	}
	if r.y+h > r.bottom && r.y > r.contentTop+0.01 {
		r.breakPage()
	}
}

// capacity is the height available on an empty page.
func (r *renderer) capacity() float64 {
	if r.needPage != "" {
		h := a4.Ht
		if r.needPage == Landscape {
			h = a4.Wd
		}
		return h - contentBottom - margin
	}
	return r.bottom - r.contentTop
}

func (r *renderer) block(b Block) {
	if _, ok := b.(PageBreak); !ok {
		r.ensure(0) // open the pending page: the page's width is known from here
	}
	switch x := b.(type) {
	case Heading:
		r.heading(x)
	case Paragraph:
		r.paragraph(x)
	case KeyValues:
		r.keyValues(x)
	case Table:
		r.table(x)
	case BarChart:
		r.barChart(x)
	case PageBreak:
		o := x.Orientation
		if o == "" {
			o = r.doc.Orientation
		}
		if o != Landscape {
			o = Portrait
		}
		r.needPage = o
		r.onPage = nil
	case Notice:
		r.notice(x)
	case Signature:
		r.signature(x)
	case Boxes:
		r.boxes(x)
	case ScoreGrid:
		r.scoreGrid(x)
	case FreeArea:
		r.freeArea(x)
	case Spacer:
		r.ensure(0)
		r.y += x.Height
	case Watermark:
		r.mark = x.Text
	case Anchor:
		if r.anchors == nil {
			r.anchors = map[string]int{}
		}
		r.anchors[x.Name] = r.pdf.PageNo()
	}
}

// refs replaces the PageRefs of s with the pages of their anchors.
func (r *renderer) refs(s string) string {
	return resolveRefs(s, func(name string) int { return r.anchors[name] })
}

// width of s in the current font, s already clean.
func (r *renderer) strWidth(s string) float64 { return r.pdf.GetStringWidth(s) }

// fit cleans s and shortens it with « … » to fit w.
func (r *renderer) fit(s string, w float64) string {
	s = strings.ReplaceAll(clean(s), "\n", " ")
	if r.strWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if r.strWidth(string(rs[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimSpace(string(rs[:lo])) + "…"
}

// wrap cleans s and breaks it into lines no wider than w in the current font.
// Lines break at ordinary spaces only (never at the no-break spaces of an
// amount); a word wider than w is cut between characters. Nothing is lost.
func (r *renderer) wrap(s string, w float64) []string {
	s = clean(s)
	if needsFrenchSpaces(s) {
		s = frenchSpaces.Replace(s) // it copies s even when it replaces nothing
	}
	var out []string
	for {
		para, rest, more := strings.Cut(s, "\n")
		out = r.wrapLine(out, para, w)
		if !more {
			return out
		}
		s = rest
	}
}

// needsFrenchSpaces reports whether s holds one of the pairs frenchSpaces
// replaces: each is an ordinary space beside « : », « ; », « ! », « ? », « » »,
// « € » (after it) or « « » (before it).
func needsFrenchSpaces(s string) bool {
	for i := strings.IndexByte(s, ' '); i >= 0; {
		after := s[i+1:]
		if after != "" && strings.IndexByte(":;!?", after[0]) >= 0 ||
			strings.HasPrefix(after, "»") || strings.HasPrefix(after, "€") || strings.HasSuffix(s[:i], "«") {
			return true
		}
		j := strings.IndexByte(after, ' ')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

func (r *renderer) wrapLine(out []string, p string, w float64) []string {
	p = strings.TrimRight(p, " ")
	if p == "" {
		return append(out, "")
	}
	if r.strWidth(p) <= w {
		return append(out, p)
	}
	space := r.strWidth(" ")
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		out = append(out, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, word := range strings.Split(p, " ") {
		ww := r.strWidth(word)
		if cur.Len() > 0 && curW+space+ww <= w {
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += space + ww
			continue
		}
		if cur.Len() > 0 {
			flush()
		}
		if ww <= w {
			cur.WriteString(word)
			curW = ww
			continue
		}
		for _, c := range word { // a word wider than the line: cut it
			cw := r.strWidth(string(c))
			if cur.Len() > 0 && curW+cw > w {
				flush()
			}
			cur.WriteRune(c)
			curW += cw
		}
	}
	if cur.Len() > 0 {
		flush()
	}
	return out
}

func alignStr(a Align) string {
	switch a {
	case AlignCenter:
		return "C"
	case AlignRight:
		return "R"
	}
	return "L"
}

// text draws one line at (x, y) in a box of width w.
func (r *renderer) text(x, y, w, h float64, s string, a Align) {
	r.pdf.SetXY(x, y)
	r.pdf.CellFormat(w, h, s, "", 0, alignStr(a), false, 0, "")
}

func (r *renderer) heading(h Heading) {
	size, lvl := 11.0, h.Level
	switch {
	case lvl <= 1:
		size = 16
	case lvl == 2:
		size = 12.5
	}
	r.setFont(true, size)
	lh := lineHeight(size)
	lines := r.wrap(h.Text, r.width)
	need := float64(len(lines))*lh + keepWithNext
	r.ensure(min(need, r.capacity()))
	if r.y > r.contentTop+0.01 && lvl <= 2 {
		r.y += 2
	}
	r.setText(colHeading)
	for _, l := range lines {
		r.ensure(lh)
		r.text(r.left, r.y, r.width, lh, l, AlignLeft)
		r.y += lh
	}
	r.setText(colText)
	if lvl <= 2 {
		r.setDraw(colHeading)
		r.pdf.SetLineWidth(0.4)
		if lvl == 2 {
			r.pdf.SetLineWidth(0.2)
		}
		r.pdf.Line(r.left, r.y+0.5, r.left+r.width, r.y+0.5)
		r.y += 1.5
	}
	r.y += 1.5
}

func (r *renderer) paragraph(p Paragraph) {
	size := p.Size
	if size <= 0 {
		size = bodySize
	}
	r.setFont(p.Bold, size)
	lh := lineHeight(size)
	indent := min(max(p.Indent, 0), r.contentWidth()*0.8)
	w := r.contentWidth() - indent
	for _, l := range r.wrap(r.refs(p.Text), w) {
		r.ensure(lh)
		r.text(r.left+indent, r.y, w, lh, l, p.Align)
		r.y += lh
	}
	r.y += blockGap - 1
}

// contentWidth is the width of the current or pending page's content.
func (r *renderer) contentWidth() float64 {
	o := r.orient
	if r.needPage != "" {
		o = r.needPage
	}
	if o == Landscape {
		return a4.Ht - 2*margin
	}
	return a4.Wd - 2*margin
}

func (r *renderer) keyValues(kv KeyValues) {
	lh := lineHeight(bodySize)
	keyW := min(62, r.contentWidth()*0.35)
	valW := r.contentWidth() - keyW - 2
	for _, p := range kv.Pairs {
		r.setFont(true, bodySize)
		kl := r.wrap(p[0], keyW)
		r.setFont(false, bodySize)
		vl := r.wrap(r.refs(p[1]), valW)
		n := max(len(kl), len(vl))
		r.ensure(float64(min(n, 2)) * lh)
		for i := 0; i < n; i++ {
			r.ensure(lh)
			if i < len(kl) {
				r.setFont(true, bodySize)
				r.setText(colGrey)
				r.text(r.left, r.y, keyW, lh, kl[i], AlignLeft)
				r.setText(colText)
			}
			if i < len(vl) {
				r.setFont(false, bodySize)
				r.text(r.left+keyW+2, r.y, valW, lh, vl[i], AlignLeft)
			}
			r.y += lh
		}
		r.y += 0.6
	}
	r.y += blockGap - 0.6
}

// rowStyle is how a table row looks.
type rowStyle struct {
	bold   bool
	size   float64
	fill   *rgb
	border rgb
}

// row draws one table row whose cells are already wrapped into lines; a row
// taller than the room left continues on the next page (after the repeated
// header), so no text is ever lost.
func (r *renderer) row(xs, ws []float64, aligns []Align, lines [][]string, st rowStyle) {
	lh := lineHeight(st.size)
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	start := 0
	for start < n {
		r.ensure(0)
		rem := n - start
		k := int((r.bottom - r.y - 2*cellPad) / lh)
		if k < rem {
			whole := float64(rem)*lh+2*cellPad <= r.capacity()
			if r.y > r.contentTop+0.01 && (whole || k < 2) {
				r.breakPage()
				continue
			}
			k = max(k, 1)
		} else {
			k = rem
		}
		h := float64(k)*lh + 2*cellPad
		r.setFont(st.bold, st.size)
		r.setDraw(st.border)
		r.pdf.SetLineWidth(0.15)
		for i := range ws {
			style := "D"
			if st.fill != nil {
				r.setFill(*st.fill)
				style = "FD"
			}
			r.pdf.Rect(xs[i], r.y, ws[i], h, style)
			if i >= len(lines) {
				continue
			}
			for j := start; j < start+k && j < len(lines[i]); j++ {
				r.text(xs[i]+cellPad, r.y+cellPad+float64(j-start)*lh, ws[i]-2*cellPad, lh, lines[i][j], aligns[i])
			}
		}
		r.y += h
		start += k
		if start < n {
			r.breakPage()
		}
	}
}

func (r *renderer) table(t Table) {
	if len(t.Columns) == 0 {
		return
	}
	size := t.FontSize
	if size <= 0 {
		size = tableSize
	}
	r.ensure(0)
	var sum float64
	for _, c := range t.Columns {
		sum += max(c.Width, 0.01)
	}
	xs := make([]float64, len(t.Columns))
	ws := make([]float64, len(t.Columns))
	aligns := make([]Align, len(t.Columns))
	x := r.left
	for i, c := range t.Columns {
		xs[i], ws[i], aligns[i] = x, r.width*max(c.Width, 0.01)/sum, c.Align
		x += ws[i]
	}
	wrapRow := func(cells []string, bold bool) [][]string {
		r.setFont(bold, size)
		out := make([][]string, len(ws))
		for i := range ws {
			if i < len(cells) {
				out[i] = r.wrap(cells[i], ws[i]-2*cellPad)
			}
		}
		return out
	}
	titles := make([]string, len(t.Columns))
	headAligns := make([]Align, len(t.Columns))
	for i, c := range t.Columns {
		titles[i], headAligns[i] = c.Title, AlignCenter
	}
	head := wrapRow(titles, true)
	headH := rowHeight(head, size)
	headStyle := rowStyle{bold: true, size: size, fill: &colHeaderBg, border: colRule}
	drawHead := func() {
		r.row(xs, ws, headAligns, head, headStyle)
		r.contentTop = r.y
	}
	// The header and the first row (or its first lines) stay together.
	first := headH
	if len(t.Rows) > 0 {
		first += min(rowHeight(wrapRow(t.Rows[0], false), size), 3*lineHeight(size)+2*cellPad)
	}
	keep, keepH := r.closingKeep(t, func(cells []string, bold bool) float64 { return rowHeight(wrapRow(cells, bold), size) })
	if keep == 0 {
		first = headH + keepH
	}
	r.ensure(min(first, r.capacity()))
	drawHead()
	if t.RepeatHeader {
		r.onPage = drawHead
	}
	for i, cells := range t.Rows {
		if i == keep && i > 0 { // the last rows, the total and the closing on one page
			r.ensure(min(keepH, r.capacity()))
		}
		st := rowStyle{size: size, border: colRule}
		if i%2 == 1 {
			st.fill = &colStripe
		}
		r.row(xs, ws, aligns, wrapRow(cells, false), st)
	}
	if t.TotalRow != nil {
		r.row(xs, ws, aligns, wrapRow(t.TotalRow, true), rowStyle{bold: true, size: size, fill: &colTotalBg, border: colRule})
	}
	r.onPage = nil
	r.contentTop = r.top
	r.y += blockGap
	r.drawClosing(t)
}

func rowHeight(lines [][]string, size float64) float64 {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return float64(n)*lineHeight(size) + 2*cellPad
}

func (r *renderer) notice(n Notice) {
	r.ensure(0)
	r.setFont(true, bodySize)
	lines := r.wrap(n.Text, r.width-2*cellPad-4)
	r.row([]float64{r.left}, []float64{r.width}, []Align{AlignLeft}, [][]string{lines},
		rowStyle{bold: true, size: bodySize, fill: &colNoticeBg, border: colNoticeBdr})
	r.y += blockGap
}

func (r *renderer) signature(s Signature) {
	r.ensure(0)
	lh := lineHeight(bodySize)
	w := r.width * 0.45
	right, left := r.signatureLines(s.Lines, w), r.signatureLines(s.Beside, w)
	r.ensure(float64(max(len(right), len(left)))*lh + 25)
	r.y += 2
	top := r.y
	below := max(r.signatureColumn(left, r.left, top, w), r.signatureColumn(right, r.left+r.width*0.55, top, w))
	r.y = below + 25
}

// signatureLines wraps a party's lines; none sets no font, since every
// font set is written to the page.
func (r *renderer) signatureLines(lines []string, w float64) []string {
	if len(lines) == 0 {
		return nil
	}
	r.setFont(false, bodySize)
	var out []string
	for _, l := range lines {
		out = append(out, r.wrap(l, w)...)
	}
	return out
}

// signatureColumn draws one party's lines, the last in bold (the name or
// the office that signs), from top, and returns the y below them; the room
// to sign is below. The y is added up line by line, as every block does,
// for the same bytes as ever.
func (r *renderer) signatureColumn(lines []string, x, top, w float64) float64 {
	lh := lineHeight(bodySize)
	y := top
	for i, l := range lines {
		r.setFont(i == len(lines)-1, bodySize)
		r.text(x, y, w, lh, l, AlignLeft)
		y += lh
	}
	return y
}

func (r *renderer) boxes(b Boxes) {
	lh := lineHeight(bodySize)
	r.ensure(0)
	r.setFont(false, bodySize)
	for _, it := range b.Items {
		r.setFont(false, bodySize)
		lines := r.wrap(it, r.width-8)
		r.ensure(float64(min(len(lines), 3))*lh + 1.5)
		r.setDraw(colText)
		r.pdf.SetLineWidth(0.3)
		r.pdf.Rect(r.left+0.5, r.y+(lh-3.6)/2, 3.6, 3.6, "D")
		for _, l := range lines {
			r.ensure(lh)
			r.text(r.left+7, r.y, r.width-8, lh, l, AlignLeft)
			r.y += lh
		}
		r.y += 1.8
	}
	r.y += blockGap
}

// maxBoxes is the highest maximum score a grid draws boxes for; above it, a
// box to write the score in.
const maxBoxes = 20

func (r *renderer) scoreGrid(g ScoreGrid) {
	if len(g.Rows) == 0 {
		return
	}
	r.ensure(0)
	top := 0
	for _, row := range g.Rows {
		top = max(top, row.Max)
	}
	write := top > maxBoxes || top < 0
	weightW := 16.0
	var boxW float64
	boxesW := 30.0
	if !write {
		boxW = min(9, r.width*0.5/float64(top+1))
		boxesW = boxW * float64(top+1)
	}
	critW := r.width - weightW - boxesW
	xCrit, xWeight, xBoxes := r.left, r.left+critW, r.left+critW+weightW
	lh := lineHeight(bodySize)
	slh := lineHeight(8)
	// Header.
	headH := lh + 2*cellPad
	r.ensure(headH + 20)
	r.setFill(colHeaderBg)
	r.setDraw(colRule)
	r.pdf.SetLineWidth(0.15)
	r.pdf.Rect(xCrit, r.y, r.width, headH, "FD")
	r.setFont(true, 9)
	r.text(xCrit+cellPad, r.y+cellPad, critW-2*cellPad, lh, "Critère", AlignLeft)
	r.text(xWeight, r.y+cellPad, weightW, lh, "Poids", AlignCenter)
	if write {
		r.text(xBoxes, r.y+cellPad, boxesW, lh, "Note", AlignCenter)
	} else {
		for v := 0; v <= top; v++ {
			r.text(xBoxes+float64(v)*boxW, r.y+cellPad, boxW, lh, fmt.Sprint(v), AlignCenter)
		}
	}
	r.y += headH
	for _, row := range g.Rows {
		r.setFont(true, bodySize)
		label := r.wrap(row.Label, critW-2*cellPad)
		r.setFont(false, 8)
		var desc []string
		if strings.TrimSpace(row.Description) != "" {
			desc = r.wrap(row.Description, critW-2*cellPad)
		}
		h := max(float64(len(label))*lh+float64(len(desc))*slh, 7) + 2*cellPad
		if h > r.capacity() {
			// A description longer than a page: print it as text, then the boxes.
			r.paragraph(Paragraph{Text: row.Label, Bold: true})
			r.paragraph(Paragraph{Text: row.Description, Size: 8})
			label, desc = nil, nil
			h = 7 + 2*cellPad
		}
		r.ensure(h)
		r.setDraw(colRule)
		r.pdf.SetLineWidth(0.15)
		r.pdf.Rect(xCrit, r.y, critW, h, "D")
		r.pdf.Rect(xWeight, r.y, weightW, h, "D")
		r.pdf.Rect(xBoxes, r.y, boxesW, h, "D")
		yy := r.y + cellPad
		r.setFont(true, bodySize)
		for _, l := range label {
			r.text(xCrit+cellPad, yy, critW-2*cellPad, lh, l, AlignLeft)
			yy += lh
		}
		r.setFont(false, 8)
		r.setText(colGrey)
		for _, l := range desc {
			r.text(xCrit+cellPad, yy, critW-2*cellPad, slh, l, AlignLeft)
			yy += slh
		}
		r.setText(colText)
		r.setFont(false, bodySize)
		mid := r.y + h/2
		r.text(xWeight, mid-lh/2, weightW, lh, fmt.Sprintf("× %d", row.Weight), AlignCenter)
		r.setDraw(colText)
		r.pdf.SetLineWidth(0.3)
		if write {
			r.pdf.Rect(xBoxes+3, mid-3.5, 12, 7, "D")
			r.text(xBoxes+16, mid-lh/2, boxesW-17, lh, fmt.Sprintf("/ %d", row.Max), AlignLeft)
		} else {
			s := min(boxW-2.5, 5)
			for v := 0; v <= row.Max; v++ {
				r.pdf.Rect(xBoxes+float64(v)*boxW+(boxW-s)/2, mid-s/2, s, s, "D")
			}
		}
		r.y += h
	}
	r.y += blockGap
}

func (r *renderer) freeArea(f FreeArea) {
	r.ensure(0)
	lh := lineHeight(bodySize)
	h := max(f.Height, 5)
	h = min(h, r.capacity()-lh-1)
	r.ensure(lh + 1 + h)
	if f.Label != "" {
		r.setFont(true, bodySize)
		r.text(r.left, r.y, r.width, lh, r.fit(f.Label, r.width), AlignLeft)
		r.y += lh + 1
	}
	r.setDraw(colRule)
	r.pdf.SetLineWidth(0.3)
	r.pdf.Rect(r.left, r.y, r.width, h, "D")
	r.y += h + blockGap
}

func (r *renderer) barChart(c BarChart) {
	if len(c.Bars) == 0 {
		return
	}
	r.ensure(0)
	series := 0
	var top int64 = 1
	for _, b := range c.Bars {
		series = max(series, len(b.Values))
		for _, v := range b.Values {
			top = max(top, v)
		}
	}
	series = max(series, 1)
	const barH, groupGap = 4.2, 2.4
	groupH := float64(series)*barH + groupGap
	labelW := min(58, r.width*0.3)
	valueW := 28.0
	plotW := r.width - labelW - valueW - 2
	lh := lineHeight(bodySize)
	titleH := lineHeight(11) + lh + 2
	r.planChart(titleH, groupH, len(c.Bars))
	head := func(title string) {
		if title != "" {
			r.setFont(true, 11)
			r.text(r.left, r.y, r.width, lineHeight(11), r.fit(title, r.width), AlignLeft)
			r.y += lineHeight(11) + 0.5
		}
		r.setFont(false, 8.5)
		x := r.left + labelW
		for i, l := range c.Legend {
			col := colSeries[i%len(colSeries)]
			r.setFill(col)
			r.pdf.Rect(x, r.y+1, 3.5, 3, "F")
			l = clean(l)
			w := r.strWidth(l)
			r.text(x+5, r.y, w+1, lh, l, AlignLeft)
			x += 5 + w + 8
		}
		r.y += lh + 1.5
	}
	head(c.Title)
	for i, b := range c.Bars {
		if r.chartBreak(i, groupH) {
			r.breakPage() // the chart goes on: its title and legend again
			head(strings.TrimSpace(c.Title + " (suite)"))
		}
		y0 := r.y
		r.setFont(false, 8.5)
		lines := r.wrap(b.Label, labelW-2)
		slh := lineHeight(8.5)
		if len(lines) > 2 {
			lines = []string{lines[0], r.fit(strings.Join(lines[1:], " "), labelW-2)}
		}
		ly := y0 + (float64(series)*barH-float64(len(lines))*slh)/2
		for _, l := range lines {
			r.text(r.left, ly, labelW-2, slh, l, AlignRight)
			ly += slh
		}
		for i := 0; i < series; i++ {
			var v int64
			if i < len(b.Values) {
				v = b.Values[i]
			}
			w := 0.0
			if v > 0 {
				w = math.Max(plotW*float64(v)/float64(top), 0.4)
			}
			col := colSeries[i%len(colSeries)]
			r.setFill(col)
			by := y0 + float64(i)*barH
			if w > 0 {
				r.pdf.Rect(r.left+labelW, by+0.4, w, barH-0.8, "F")
			}
			r.setFont(false, 7.5)
			r.text(r.left+labelW+w+1, by, valueW, barH, data.FormatEuros(v), AlignLeft)
		}
		r.setDraw(colRule)
		r.pdf.SetLineWidth(0.2)
		r.pdf.Line(r.left+labelW, y0, r.left+labelW, y0+float64(series)*barH)
		r.y += groupH
	}
	r.y += blockGap
}
