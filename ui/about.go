package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion"
	"github.com/call-agglo/cohesion/assets"
)

// showAbout shows the version (from FyneApp.toml, through package cohesion),
// the open base, found at location, and a button to the licences, which open
// in a window of fa's own.
func showAbout(ds *dialogs, fa fyne.App, location string) {
	text := widget.NewLabel(cohesion.App.About(displayPath(location)))
	licences := widget.NewButton("Licences…", func() { showLicences(fa) })
	d := dialog.NewCustom("À propos de Cohésion", "Fermer", container.NewVBox(text, container.NewHBox(licences)), ds.win)
	ds.show(d, d.Hide)
}

// licenceLines are Cohésion's licence, then the third-party notices, one line
// each: a list draws only the lines on screen, where one label of 150 ko
// would lay out the whole text at every scroll.
func licenceLines() []string {
	text := assets.Licence + "\n\n" + assets.ThirdPartyLicences
	return strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
}

// showLicences opens the licences in a window of their own, beside the main
// one, so that they can be read while working.
func showLicences(fa fyne.App) {
	lines := licenceLines()
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	list.HideSeparators = true
	w := fa.NewWindow("Cohésion — licences")
	w.SetContent(list)
	w.Resize(fyne.NewSize(760, 600))
	w.Show()
}
