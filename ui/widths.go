package ui

import (
	"image/color"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"
)

// A column the user widened or narrowed by dragging its edge in the header
// keeps that width: on the screen until it is left, and in the app's
// preferences (per user) under « largeur.<écran>.<colonne> », so the screen
// built again, in this window or another, shows it so.
//
// Fyne's table reports no resize: its header's divider calls SetColumnWidth
// itself. But it lays each header cell out at its column's width before
// UpdateHeader fills it in, so keptWidths wraps UpdateHeader and compares the
// header's width with the one the app last gave the column: a difference is
// the user's drag. Every width the app gives goes through apply to keep that
// comparison true.

// columnKeys names a table's columns in the preferences; the zero value keeps
// the dragged widths on screen only.
type columnKeys struct {
	prefs  fyne.Preferences
	screen string   // « classement »
	names  []string // the columns' titles (« Décision »), in order; « colonne-N » past them
}

// key is the preference of column col: « largeur.classement.decision ».
func (k columnKeys) key(col int) string {
	name := ""
	if col < len(k.names) {
		name = slug(k.names[col])
	}
	if name == "" {
		name = "colonne-" + strconv.Itoa(col+1)
	}
	return "largeur." + k.screen + "." + name
}

// slug is a title as a key: lower case, no accents, words joined by « - ».
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	return b.String()
}

// keptFloor is the narrowest a kept width gets: a few letters and the
// ellipsis, the rest under the mouse. A narrower one (dragged nearly shut, or
// saved so) comes back at this width.
const keptFloor = 48

// keptWidths remembers the widths the user gave a table's columns.
type keptWidths struct {
	keys  columnKeys
	given map[int]float32 // the widths the app last set
	user  map[int]float32 // the widths the user chose, now or in an earlier session
	// applying: the app is setting the widths, one column after the other;
	// a header laid out meanwhile may show a column still at its former
	// width, which is no drag.
	applying bool
}

// keepWidths reads the saved widths of t's n columns and watches its header
// for drags.
func keepWidths(t *widget.Table, keys columnKeys, n int) *keptWidths {
	k := loadWidths(keys, n)
	update := t.UpdateHeader
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if update != nil {
			update(id, o)
		}
		k.observe(id, o)
	}
	return k
}

// loadWidths reads the saved widths of n columns.
func loadWidths(keys columnKeys, n int) *keptWidths {
	k := &keptWidths{keys: keys, given: map[int]float32{}, user: map[int]float32{}}
	for i := range n {
		if keys.prefs == nil {
			break
		}
		if w := keys.prefs.Float(keys.key(i)); w > 0 {
			k.user[i] = max(float32(w), keptFloor)
		}
	}
	return k
}

// rename names the columns again and reads their saved widths: a table
// whose columns change (the jurors).
func (k *keptWidths) rename(names []string) {
	fresh := loadWidths(columnKeys{k.keys.prefs, k.keys.screen, names}, len(names))
	k.keys, k.user = fresh.keys, fresh.user
}

// keepColumns sizes t's columns from widths, each at least as wide as its
// header (headerFloor), or as the user last dragged them: a table that does
// not take the window's width.
func keepColumns(t *widget.Table, widths []float32, keys columnKeys) *keptWidths {
	k := keepWidths(t, keys, len(widths))
	base, _ := k.fix(headerFloor(t, widths), nil)
	k.apply(t, base)
	return k
}

// fix puts the user's widths in place of the base ones, and takes their
// columns out of those that share the window's spare width.
func (k *keptWidths) fix(base []float32, grow []int) ([]float32, []int) {
	if k == nil {
		return base, grow
	}
	out := append([]float32(nil), base...)
	var left []int
	for i := range out {
		if w, ok := k.user[i]; ok {
			out[i] = w
		}
	}
	for _, i := range grow {
		if _, ok := k.user[i]; !ok {
			left = append(left, i)
		}
	}
	return out, left
}

// apply gives t's columns widths, noted first: the header cells are laid out
// at each SetColumnWidth, and observe must take neither this column nor the
// others, not yet set, for drags.
func (k *keptWidths) apply(t *widget.Table, widths []float32) {
	for i, w := range widths {
		k.given[i] = w
	}
	k.applying = true
	defer func() { k.applying = false }()
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
}

// observe sees a column header laid out: at another width than the app gave,
// the user dragged its edge, and the width is kept.
func (k *keptWidths) observe(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= 0 || id.Col < 0 || k.applying {
		return
	}
	given, ok := k.given[id.Col]
	w := o.Size().Width
	if !ok || w <= 0 || (w > given-0.5 && w < given+0.5) {
		return
	}
	k.given[id.Col] = w
	k.user[id.Col] = max(w, keptFloor)
	k.save(id.Col)
}

// save writes the user's width of column col in the preferences.
func (k *keptWidths) save(col int) {
	if w, ok := k.user[col]; ok && k.keys.prefs != nil {
		k.keys.prefs.SetFloat(k.keys.key(col), float64(w))
	}
}

// columnEdge is a thin handle at the right of a header cell the app lays out
// itself (the Notation's rows are entries, not a table's cells): dragging it
// sets the column's width, kept as a table's.
type columnEdge struct {
	widget.BaseWidget
	cols     *flexColumns
	col      int
	start    float32 // the width when the drag began, < 0 between drags
	moved    float32
	onResize func() // lays the rows out again
}

func newColumnEdge(cols *flexColumns, col int, onResize func()) *columnEdge {
	e := &columnEdge{cols: cols, col: col, start: -1, onResize: onResize}
	e.ExtendBaseWidget(e)
	return e
}

func (e *columnEdge) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(theme.Padding()*1.5, 1))
	return widget.NewSimpleRenderer(r)
}

func (e *columnEdge) Cursor() desktop.Cursor { return desktop.HResizeCursor }

func (e *columnEdge) Dragged(ev *fyne.DragEvent) {
	if e.start < 0 {
		e.start, e.moved = e.cols.width(e.col), 0
	}
	e.moved += ev.Dragged.DX
	e.cols.kept.user[e.col] = max(e.start+e.moved, keptFloor)
	e.onResize()
}

func (e *columnEdge) DragEnd() {
	e.start = -1
	e.cols.kept.save(e.col)
}
