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

// compareGrid is the comparison in four columns: the group, then the
// dossiers received, the amount requested and the amount granted, each
// « source → current ».
func compareGrid(c *dashboard.Comparison) fyne.CanvasObject {
	cells := []fyne.CanvasObject{
		bold("Comparaison avec " + c.Source + " → " + c.Current), bold("Dossiers reçus"), bold("Montant demandé"), bold("Montant accordé"),
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
	return container.NewGridWithColumns(4, cells...)
}

// compareCells is one line of the comparison.
func compareCells(l dashboard.CompareLine) []fyne.CanvasObject {
	return []fyne.CanvasObject{
		widget.NewLabel(l.Label),
		widget.NewLabel(data.FormatInt(int64(l.Dossiers[0])) + " → " + data.FormatInt(int64(l.Dossiers[1]))),
		widget.NewLabel(data.FormatEuros(l.Requested[0]) + " → " + data.FormatEuros(l.Requested[1])),
		widget.NewLabel(data.FormatEuros(l.Granted[0]) + " → " + data.FormatEuros(l.Granted[1])),
	}
}
