package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// The imports of files start here: the choice of a file and its reading;
// the wizard, the check, the preview and the scores' import each have their
// file (import_*.go).

// imports are the window's imports of files, dossiers and score sheets: a
// type of their own, built from the screens' environment, rather than ten
// more methods on App.
type imports struct {
	env      screenEnv
	openFile func(title string, f fileFilter, dir string, done func(path string))
	// registerChanged shows the register again once dossiers are imported;
	// scoresChanged draws the screen on view again once sheets are.
	registerChanged func(ctx context.Context)
	scoresChanged   func()
}

// onImport asks for a .csv or .xlsx file, then opens the import wizard.
func (i *imports) onImport() { i.openTable(i.importFrom) }

// openTable asks for a .csv or .xlsx file and hands it to use.
func (i *imports) openTable(use func(name string, r io.ReadCloser)) {
	i.openFile("Choisir un fichier", fileFilter{"Tableau CSV ou Excel", []string{".csv", ".xlsx", ".txt"}}, "", func(path string) {
		f, err := os.Open(path)
		if err != nil {
			i.env.showError(data.Errorf(data.EINVALID, "Lecture impossible de %s : %v", displayPath(path), err))
			return
		}
		use(filepath.Base(path), f)
	})
}

// importFrom reads a file in the background (a workbook's « Dossiers » sheet
// when it has one), then opens the wizard: map the file's columns to fields,
// check every line, import all or nothing. An export of démarches-simplifiées
// needs no mapping: it goes straight to the check.
func (i *imports) importFrom(name string, r io.ReadCloser) {
	ctx := context.Background()
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), i.env.win())
	prog.Show()
	work := func() (*sheet.Table, error) {
		defer r.Close()
		return importer.ReadApplications(name, r)
	}
	background(i.env.run, work, func(t *sheet.Table, err error) {
		prog.Hide()
		if err != nil {
			i.env.showError(err)
			return
		}
		i.openImport(ctx, name, t)
	})
}

// openImport shows the wizard for a table, or its check when the file is an
// export the importer reads without any mapping.
func (i *imports) openImport(ctx context.Context, name string, t *sheet.Table) {
	if importer.IsDS(t) {
		i.checkImport(ctx, name, t, nil)
		return
	}
	i.showImportWizard(ctx, name, t)
}
