package ui

import (
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// The imports of files start here: the choice of a file and its reading;
// the wizard, the check, the preview and the scores' import each have their
// file (import_*.go).

// onImport asks for a .csv or .xlsx file, then opens the import wizard.
func (a *App) onImport() { a.openTable(a.importFrom) }

// openTable asks for a .csv or .xlsx file and hands it to use.
func (a *App) openTable(use func(name string, r io.ReadCloser)) {
	a.chooseOpenFile("Choisir un fichier", fileFilter{"Tableau CSV ou Excel", []string{".csv", ".xlsx", ".txt"}}, "", func(path string) {
		f, err := os.Open(path)
		if err != nil {
			a.showError(data.Errorf(data.EINVALID, "Lecture impossible de %s : %v", displayPath(path), err))
			return
		}
		use(filepath.Base(path), f)
	})
}

// importFrom reads a file in the background (a workbook's « Dossiers » sheet
// when it has one), then opens the wizard: map the file's columns to fields,
// check every line, import all or nothing. An export of démarches-simplifiées
// needs no mapping: it goes straight to the check.
func (a *App) importFrom(name string, r io.ReadCloser) {
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	go func() {
		defer r.Close()
		t, err := importer.ReadApplications(name, r)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
				return
			}
			a.openImport(name, t)
		})
	}()
}

// openImport shows the wizard for a table, or its check when the file is an
// export the importer reads without any mapping.
func (a *App) openImport(name string, t *sheet.Table) {
	if importer.IsDS(t) {
		a.checkImport(name, t, nil)
		return
	}
	a.showImportWizard(name, t)
}
