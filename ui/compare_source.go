package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/dashboard"
)

// What the dashboard says of the other campaigns (issue 22), drawn from
// dashboard.Across: the dossiers whose structure is barred by loi 2000-321
// art. 10, and the campaign beside the one it was made from. Apart from
// dashboard.go, which only places it.

// acrossCard draws x; a spacer when there is nothing to say (no barred
// structure, no source).
func acrossCard(selectScreen func(title string), x *dashboard.Across) fyne.CanvasObject {
	if x == nil || (len(x.Barred) == 0 && x.Compare == nil) {
		return layout.NewSpacer()
	}
	box := container.NewVBox()
	if len(x.Barred) > 0 {
		box.Add(card(linkButton(barredText(x.Barred), func() { selectScreen("Dossiers") })))
	}
	if x.Compare != nil {
		box.Add(card(compareGrid(x.Compare)))
	}
	return box
}

// barredText counts the dossiers of barred structures and names them.
func barredText(numbers []string) string {
	return "Loi n° 2000-321, art. 10 : " + data.Count(len(numbers), "dossier dont la structure a", "dossiers dont la structure a") +
		" un compte rendu financier en retard ou refusé dans une autre campagne (" + strings.Join(numbers, ", ") +
		") : pas de subvention sans dérogation motivée."
}

// compareGrid is the comparison under its title, in four columns: the
// group, then the dossiers received, the amount requested and the amount
// granted, each « source → current ». The columns take their own widths
// (fittedColumns) and the groups' names wrap, so that the block never widens
// the window on a 1024×768 screen (a sideways scroll would take the mouse
// wheel from the dashboard's own).
func compareGrid(c *dashboard.Comparison) fyne.CanvasObject {
	cells := []fyne.CanvasObject{
		widget.NewLabel(""), bold("Dossiers reçus"), bold("Montant demandé"), bold("Montant accordé"),
	}
	cells = append(cells, compareCells(c.Total)...)
	for _, part := range []struct {
		title string
		lines []dashboard.CompareLine
	}{{"Par thématique", c.Themes}, {"Par QPV", c.QPVs}} {
		cells = append(cells, bold(part.title), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""))
		for _, l := range part.lines {
			cells = append(cells, compareCells(l)...)
		}
	}
	grid := container.New(fittedColumns{n: 4}, cells...)
	return container.NewBorder(bold("Comparaison avec "+c.Source+" → "+c.Current), nil, nil, nil, grid)
}

// fittedColumns sets objects in rows of n cells, each column as wide as its
// widest cell, the first one taking the room left. Fyne's grid gives every
// column the widest cell's width: the comparison then needed 1 166 px, more
// than a 1024×768 screen leaves.
type fittedColumns struct{ n int }

func (l fittedColumns) widths(objects []fyne.CanvasObject) []float32 {
	w := make([]float32, l.n)
	for i, o := range objects {
		w[i%l.n] = max(w[i%l.n], o.MinSize().Width)
	}
	return w
}

func (l fittedColumns) rowHeight(objects []fyne.CanvasObject, row int) float32 {
	var h float32
	for _, o := range objects[row*l.n : min(len(objects), (row+1)*l.n)] {
		h = max(h, o.MinSize().Height)
	}
	return h
}

func (l fittedColumns) rows(objects []fyne.CanvasObject) int { return (len(objects) + l.n - 1) / l.n }

func (l fittedColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var size fyne.Size
	for _, w := range l.widths(objects) {
		size.Width += w
	}
	for r := 0; r < l.rows(objects); r++ {
		size.Height += l.rowHeight(objects, r)
	}
	return size
}

func (l fittedColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	widths := l.widths(objects)
	widths[0] += max(0, size.Width-l.MinSize(objects).Width)
	var y float32
	for r := 0; r < l.rows(objects); r++ {
		h, x := l.rowHeight(objects, r), float32(0)
		for c, o := range objects[r*l.n : min(len(objects), (r+1)*l.n)] {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(widths[c], h))
			x += widths[c]
		}
		y += h
	}
}

// compareCells is one line of the comparison.
func compareCells(l dashboard.CompareLine) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		newFrenchLabel(l.Label), // wraps: a theme's name may be long
		widget.NewLabel(data.FormatInt(int64(l.Dossiers[0])) + " → " + data.FormatInt(int64(l.Dossiers[1]))),
		widget.NewLabel(data.FormatEuros(l.Requested[0]) + " → " + data.FormatEuros(l.Requested[1])),
		widget.NewLabel(data.FormatEuros(l.Granted[0]) + " → " + data.FormatEuros(l.Granted[1])),
	}
}
