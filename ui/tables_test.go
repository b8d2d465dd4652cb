package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestSpareWidthGoesToTextColumns(t *testing.T) {
	got := shareWidths([]float32{100, 200, 300}, columnShare{grow: []int{1, 2}}, 1000, 4)
	if got[0] != 100 || got[1] != 396 || got[2] != 496 {
		t.Fatalf("widths %v", got)
	}
	if got := shareWidths([]float32{100, 200}, columnShare{grow: []int{1}}, 254, 4); got[0] != 100 || got[1] != 150 {
		t.Fatalf("a narrow table narrows its text columns: %v", got)
	}
	if got := shareWidths([]float32{100, 200}, columnShare{grow: []int{1}}, 150, 4); got[0] != 100 || got[1] != shrinkFloor {
		t.Fatalf("a very narrow one stops at the floor, and scrolls: %v", got)
	}
}

// tableInWindow is a three-column table in an 800 px window, the middle
// column growing.
func tableInWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	var tbl *widget.Table
	tbl = widget.NewTableWithHeaders(
		func() (int, int) { return 1, 3 },
		func() fyne.CanvasObject { return newTipLabel(tbl) },
		func(id widget.TableCellID, o fyne.CanvasObject) { cellLabel(o).SetText("x") })
	tbl.ShowHeaderColumn = false
	w := test.NewWindow(nil)
	w.SetContent(withTips(w, stretchColumns(tbl, []float32{100, 150, 100}, columnKeys{}, columnShare{grow: []int{1}})))
	w.Resize(fyne.NewSize(800, 300))
	t.Cleanup(w.Close)
	return w
}

func TestTableTextColumnTakesTheWindowsWidth(t *testing.T) {
	w := tableInWindow(t)
	var widths []float32 // of the header cells, which the columns' widths size
	for _, o := range test.LaidOutObjects(w.Canvas().Content()) {
		if l, ok := o.(*widget.Label); ok && l.Size().Height > 0 {
			widths = append(widths, l.Size().Width)
		}
	}
	if len(widths) != 3 || widths[0] != 100 || widths[2] != 100 || widths[1] < 570 {
		t.Fatalf("column widths %v in an 800 px window, want 100, the rest, 100", widths)
	}
}

func TestCutCellShowsItsFullTextOnHover(t *testing.T) {
	test.NewTempApp(t)
	long := "Centre social et culturel intercommunal du bassin minier de Lens-Liévin"
	cut, whole := newTipLabel(nil), newTipLabel(nil)
	cut.SetText(long)
	whole.SetText("Mobilité")
	row := container.NewGridWithColumns(2, cut, whole)
	w := test.NewWindow(nil)
	w.SetContent(withTips(w, container.NewVBox(row)))
	w.Resize(fyne.NewSize(300, 200))
	defer w.Close()

	tips, _ := tipLayers.Load(w.Canvas())
	layer := tips.(*tipLayer)
	whole.MouseIn(&desktop.MouseEvent{})
	if layer.box.Visible() {
		t.Fatal("a tip for a text that fits")
	}
	whole.MouseOut()
	cut.MouseIn(&desktop.MouseEvent{})
	if !layer.box.Visible() || layer.text.Text != long {
		t.Fatalf("tip visible %v, text %q", layer.box.Visible(), layer.text.Text)
	}
	p, size := layer.box.Position(), layer.box.Size()
	if p.X < 0 || p.X+size.Width > 300 || p.Y < cut.Size().Height-1 || size.Height < 2*cut.MinSize().Height-20 {
		t.Fatalf("tip at %v, %v: not below the cell, inside the window and wrapped", p, size)
	}
	cut.MouseOut()
	if layer.box.Visible() {
		t.Fatal("the tip stays after the mouse left")
	}
	cut.MouseIn(&desktop.MouseEvent{})
	test.Tap(cut) // opens a form in the register: the cell goes, the mouse stays
	if layer.box.Visible() {
		t.Fatal("the tip stays after a tap on its cell")
	}
}

func TestTapOnACellStillSelectsItsRow(t *testing.T) {
	test.NewTempApp(t)
	var tbl *widget.Table
	tbl = widget.NewTableWithHeaders(
		func() (int, int) { return 3, 3 },
		func() fyne.CanvasObject { return newTipLabel(tbl) },
		func(id widget.TableCellID, o fyne.CanvasObject) { cellLabel(o).SetText("x") })
	tbl.ShowHeaderColumn = false
	var picked *widget.TableCellID
	tbl.OnSelected = func(id widget.TableCellID) { picked = &id }
	w := test.NewWindow(nil)
	w.SetContent(withTips(w, stretchColumns(tbl, []float32{100, 150, 100}, columnKeys{}, columnShare{grow: []int{1}})))
	w.Resize(fyne.NewSize(800, 300))
	defer w.Close()
	cell := newTipLabel(tbl)                     // stands for the cell drawn there: the driver lays out none
	row := widget.NewLabel("x").MinSize().Height // the header, then the first row
	cell.Tapped(&fyne.PointEvent{AbsolutePosition: fyne.NewPos(50, row*1.5+theme.Padding())})
	if picked == nil || picked.Col != 0 || picked.Row < 0 {
		t.Fatalf("a tap on a cell selected %v", picked)
	}
}

// Short of room, only the columns up to the last key one must fit: the text
// columns that are not key give back their width first, then the key ones;
// what comes after the last key column scrolls sideways.
func TestKeyColumnsKeepTheirWidth(t *testing.T) {
	// Numéro, Structure (key), Projet, Demandé (key), Thématique
	base := []float32{100, 200, 200, 100, 150}
	got := shareWidths(base, columnShare{grow: []int{1, 2}, key: []int{0, 1, 3}}, 550, 0)
	if got[0] != 100 || got[1] != 200 || got[2] != 150 || got[3] != 100 || got[4] != 150 {
		t.Fatalf("Projet gives back 50 px, Structure keeps its width, Thématique scrolls: %v", got)
	}
	got = shareWidths(base, columnShare{grow: []int{1, 2}, key: []int{0, 1, 3}}, 400, 0)
	if got[2] != shrinkFloor || got[1] != 120 {
		t.Fatalf("Projet down to its floor, then Structure: %v", got)
	}
	got = shareWidths(base, columnShare{grow: []int{1, 2}, key: []int{0, 1, 3}}, 1000, 0)
	if got[1] != 325 || got[2] != 325 {
		t.Fatalf("with room for every column, the text columns share the rest: %v", got)
	}
}
