package ui

import (
	"math"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tables and column rows share what the window has beyond their columns'
// widths among their text columns (Structure, Projet…), so a wide screen
// shows more of the text and a narrow one still shows every column; a text
// cut short shows in full under the mouse. Fyne's tables let the user drag a
// column's edge in the header to resize it; keptWidths remembers the width so
// dragged, per user, from one session to the next.

// columnShare says how a table's columns share its width: the grow ones
// (text: Structure, Projet…) take what the window has beyond the base widths,
// and give it back when it is short; the key ones (Numéro, Structure,
// amounts, Décision) must stay in view.
type columnShare struct {
	grow, key []int
}

// end is how many of n columns must fit on screen: up to the last key one,
// or all of them in a table without key columns.
func (s columnShare) end(n int) int {
	if len(s.key) == 0 {
		return n
	}
	return slices.Max(s.key) + 1
}

// shareWidths gives the columns their base widths and splits what avail holds
// beyond them (gap between columns included) evenly among the grow columns.
// Short of room, only the columns up to the last key one must fit (all of
// them without key columns): the grow columns among them that are not key
// give their width back first, then the key ones, each down to shrinkFloor,
// so the key columns stay in view at 1024 px and keep their width as long as
// a lesser column can make room; what comes after the last key column, or
// still does not fit, scrolls sideways.
func shareWidths(base []float32, share columnShare, avail, gap float32) []float32 {
	out := append([]float32(nil), base...)
	extra := avail - span(out, len(out), gap)
	if extra >= 0 {
		for _, i := range share.grow {
			out[i] += extra / float32(len(share.grow))
		}
		return out
	}
	end := share.end(len(out))
	var loose, key []int // the grow columns up to end, not key and key
	for _, i := range share.grow {
		switch {
		case i >= end:
		case slices.Contains(share.key, i):
			key = append(key, i)
		default:
			loose = append(loose, i)
		}
	}
	need := span(out, end, gap) - avail
	need -= giveBack(out, loose, need)
	giveBack(out, key, need)
	return out
}

// span is the width of the first n columns and the gaps between them.
func span(widths []float32, n int, gap float32) float32 {
	w := gap * float32(max(n-1, 0))
	for _, x := range widths[:n] {
		w += x
	}
	return w
}

// giveBack narrows the columns cols by need in all, in proportion to what
// each has above shrinkFloor, and says how much they gave.
func giveBack(widths []float32, cols []int, need float32) float32 {
	var room float32
	for _, i := range cols {
		room += max(widths[i]-shrinkFloor, 0)
	}
	if need <= 0 || room <= 0 {
		return 0
	}
	take := min(need, room)
	for _, i := range cols {
		widths[i] -= max(widths[i]-shrinkFloor, 0) * take / room
	}
	return take
}

// shrinkFloor is the narrowest a text column gets: a few words, the rest
// under the mouse (tipLabel).
const shrinkFloor = 80

// stretchColumns sizes t's columns from widths, the grow ones taking the
// table's spare width, each time the table is laid out at a new size; a
// column the user dragged (keys) keeps its width and takes no share.
func stretchColumns(t *widget.Table, widths []float32, keys columnKeys, share columnShare) fyne.CanvasObject {
	kept := keepWidths(t, keys, len(widths))
	base, _ := kept.fix(widths, share.grow)
	kept.apply(t, base)
	return container.New(&stretchLayout{table: t, widths: widths, share: share, kept: kept}, t)
}

type stretchLayout struct {
	table  *widget.Table
	widths []float32
	share  columnShare
	kept   *keptWidths
	width  float32   // the width the columns were last shared for
	shared []float32 // the widths given then
}

func (l *stretchLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if size.Width == l.width {
		return // a column the user dragged keeps its width until the window changes
	}
	l.width = size.Width
	base, grow := l.kept.fix(headerFloor(l.table, l.widths), l.share.grow)
	l.shared = shareWidths(base, columnShare{grow, l.share.key}, size.Width, theme.Padding())
	l.kept.apply(l.table, l.shared)
}

// headerFloor widens the widths, where need be, to what t's column headers
// need to read whole: the title in bold, and the sort icon of the sorted
// column (a header button's own size). The headers are made and filled in
// as the table does; a table with Fyne's default headers keeps its widths.
func headerFloor(t *widget.Table, widths []float32) []float32 {
	out := append([]float32(nil), widths...)
	if t.CreateHeader == nil || t.UpdateHeader == nil {
		return out
	}
	for col := range out {
		o := t.CreateHeader()
		t.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, o)
		var need float32
		switch h := o.(type) {
		case *tipLabel: // cut with an ellipsis, its MinSize is a few letters
			need = labelNeed(h.Text, h.TextStyle)
		default:
			need = o.MinSize().Width
		}
		out[col] = max(out[col], need)
	}
	return out
}

// labelNeed is the width a label cut with an ellipsis needs to show text
// whole: Fyne cuts a text wider than the whole pixels left inside the
// label's padding (int(width)), so a width a fraction short cuts it.
func labelNeed(text string, style fyne.TextStyle) float32 {
	return float32(math.Ceil(float64(fyne.MeasureText(text, theme.TextSize(), style).Width))) + 2*theme.InnerPadding()
}

// keyWidth is the narrowest the table shows its key columns at their base
// widths, the lesser text columns before them given back down to
// shrinkFloor; the whole table when it has no key columns.
func (l *stretchLayout) keyWidth() float32 {
	base, grow := l.kept.fix(headerFloor(l.table, l.widths), l.share.grow)
	end := l.share.end(len(base))
	w := append([]float32(nil), base...)
	for _, i := range grow {
		if !slices.Contains(l.share.key, i) {
			w[i] = min(w[i], shrinkFloor)
		}
	}
	return span(w, end, theme.Padding())
}

// besideOrBelow puts side beside a table made by stretchColumns when the
// window leaves it its key columns and side at least sideMin, and below the
// table otherwise (at 1024 px): a side panel never pushes a key column off
// screen. The two share a container.Split the user can drag.
func besideOrBelow(columns, side fyne.CanvasObject, sideMin float32) fyne.CanvasObject {
	split := container.NewHSplit(columns, side)
	split.Offset = 0.75
	table := columns.(*fyne.Container).Layout.(*stretchLayout)
	return container.New(&besideLayout{split: split, table: table, sideMin: sideMin}, split)
}

type besideLayout struct {
	split   *container.Split
	table   *stretchLayout
	sideMin float32
	width   float32 // the width last laid out
}

func (l *besideLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		need := float64(l.table.keyWidth() + theme.Padding())
		width := float64(size.Width)
		beside := width >= need+float64(l.sideMin)
		switch {
		case beside != l.split.Horizontal:
			l.split.Horizontal = beside
			l.split.Offset = 0.62 // below: the table's first rows and the side's head
			if beside {
				l.split.Offset = max(0.75, need/width)
			}
		case beside && l.split.Offset*width < need:
			l.split.Offset = need / width
		}
		l.split.Refresh()
	}
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l *besideLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *stretchLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// flexColumns lays objects side by side at fixed widths, the grow ones taking
// what is left: the rows of the score matrix, built from entries, not a table.
// One flexColumns lays out every row; kept, when set, holds the widths the
// user dragged (columnEdge).
type flexColumns struct {
	widths []float32
	grow   []int
	kept   *keptWidths
	last   []float32 // the widths given last
}

// width is column col's width as last laid out.
func (l *flexColumns) width(col int) float32 {
	if col < len(l.last) {
		return l.last[col]
	}
	return l.widths[col]
}

func (l *flexColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	base, grow := l.kept.fix(l.widths, l.grow)
	widths := shareWidths(base, columnShare{grow: grow}, size.Width, pad)
	l.last = widths
	x := float32(0)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], size.Height))
		x += widths[i] + pad
	}
}

func (l *flexColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := theme.Padding() * float32(max(len(objs)-1, 0))
	var h float32
	base, _ := l.kept.fix(l.widths, l.grow) // wider than the window, the rows scroll sideways
	for i, o := range objs {
		w += base[i]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

// tipLabel is a table cell's label that shows its whole text under the mouse
// when the column is too narrow for it. It passes the mouse on to its table,
// which highlights the row under it.
type tipLabel struct {
	widget.Label
	table *widget.Table
}

func newTipLabel(t *widget.Table) *tipLabel {
	l := &tipLabel{table: t}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// headerLabel makes t's column titles: bold, cut with an ellipsis when the
// user narrows the column, whole under the mouse.
func headerLabel(t *widget.Table) func() fyne.CanvasObject {
	return func() fyne.CanvasObject {
		l := newTipLabel(t)
		l.TextStyle.Bold = true
		l.Alignment = fyne.TextAlignCenter
		return l
	}
}

// cellLabel is the label of a cell made by newTipLabel (or a plain label).
func cellLabel(o fyne.CanvasObject) *widget.Label {
	if t, ok := o.(*tipLabel); ok {
		return &t.Label
	}
	return o.(*widget.Label)
}

// cut tells whether the text is wider than the cell shows.
func (l *tipLabel) cut() bool {
	text := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle)
	return text.Width+2*theme.InnerPadding() > l.Size().Width+0.5
}

func (l *tipLabel) MouseIn(e *desktop.MouseEvent) {
	if l.cut() {
		showTip(l, l.Text)
	}
	if t := l.table; t != nil {
		t.MouseIn(l.forTable(e))
	}
}

func (l *tipLabel) MouseMoved(e *desktop.MouseEvent) {
	if t := l.table; t != nil {
		t.MouseMoved(l.forTable(e))
	}
}

func (l *tipLabel) MouseOut() {
	hideTip(l)
	if t := l.table; t != nil {
		t.MouseOut()
	}
}

// Tapped hides the tip, then lets the table select the cell: a tap usually
// opens another view, and the cell leaves without the mouse leaving it.
func (l *tipLabel) Tapped(e *fyne.PointEvent) {
	hideTip(l)
	if t := l.table; t != nil {
		ev := *e
		ev.Position = e.AbsolutePosition.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(t))
		t.Tapped(&ev)
	}
}

// forTable moves a mouse event into the table's coordinates.
func (l *tipLabel) forTable(e *desktop.MouseEvent) *desktop.MouseEvent {
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(l.table)
	ev := *e
	ev.Position = e.AbsolutePosition.Subtract(at)
	return &ev
}

// tipLayer is drawn above a window's content, inside it rather than as an
// overlay: an overlay would take the clicks and keys meant for the content,
// while this layer holds nothing that answers to them.
type tipLayer struct {
	box   *fyne.Container
	text  *widget.Label
	layer *fyne.Container
}

var tipLayers sync.Map // fyne.Canvas → *tipLayer

// withTips puts a tip layer over content, for the window w.
func withTips(w fyne.Window, content fyne.CanvasObject) fyne.CanvasObject {
	t := &tipLayer{text: widget.NewLabel("")}
	t.text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	bg.StrokeWidth = 1
	t.box = container.NewStack(bg, t.text)
	t.box.Hide()
	t.layer = container.NewWithoutLayout(t.box)
	tipLayers.Store(w.Canvas(), t)
	return container.NewStack(content, t.layer)
}

const tipMaxWidth = 480

func layerFor(o fyne.CanvasObject) *tipLayer {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return nil
	}
	t, _ := tipLayers.Load(c)
	tl, _ := t.(*tipLayer)
	return tl
}

// showTip shows text just below o, kept inside the window.
func showTip(o fyne.CanvasObject, text string) {
	t := layerFor(o)
	if t == nil {
		return
	}
	t.text.SetText(text)
	one := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	win := t.layer.Size()
	width := min(one, tipMaxWidth, win.Width)
	size := fyne.NewSize(width, t.text.MinSize().Height)
	t.text.Resize(size) // the wrapped height depends on the width
	size.Height = t.text.MinSize().Height
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Subtract(
		fyne.CurrentApp().Driver().AbsolutePositionForObject(t.layer))
	pos := fyne.NewPos(at.X, at.Y+o.Size().Height)
	if pos.Y+size.Height > win.Height { // no room below: above the cell
		pos.Y = at.Y - size.Height
	}
	pos.X = max(0, min(pos.X, win.Width-size.Width))
	t.box.Move(pos)
	t.box.Resize(size)
	t.box.Show()
	t.layer.Refresh()
}

func hideTip(o fyne.CanvasObject) {
	if t := layerFor(o); t != nil && t.box.Visible() {
		t.box.Hide()
		t.layer.Refresh()
	}
}

// reshare shares the window among the columns of a stretchColumns again, now
// that their base widths changed (a column fitted to its texts).
func reshare(o fyne.CanvasObject) {
	if c, ok := o.(*fyne.Container); ok {
		if l, ok := c.Layout.(*stretchLayout); ok {
			l.width = -1
			c.Refresh()
		}
	}
}
