package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// onImport asks for a .csv or .xlsx file, then shows the preview.
func (a *App) onImport() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if rc == nil {
			return
		}
		a.importFrom(rc.URI().Name(), rc)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".xlsx", ".txt"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// importFrom reads and checks a file in the background, then shows the preview
// with the per-line report; nothing is written before « Importer ».
func (a *App) importFrom(name string, r io.ReadCloser) {
	c := a.campaign
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	go func() {
		defer r.Close()
		t, err := sheet.Read(name, r)
		var res *importer.Result
		if err == nil {
			res = importer.Applications(c, t, a.db.Now())
			if res.OK() {
				// Check against the database too (numbers already taken), writing nothing.
				if _, derr := a.db.ImportApplications(a.ctx, c, res.Apps, true); derr != nil {
					err = derr
				}
			}
		}
		fyne.Do(func() {
			prog.Hide()
			if err != nil && res == nil {
				a.showError(err)
				return
			}
			a.showImportPreview(name, res, err)
		})
	}()
}

// importPreview is the window between reading a file and writing it.
type importPreview struct {
	app    *App
	res    *importer.Result
	report *widget.Entry
	button *widget.Button
	dlg    dialog.Dialog
}

func (a *App) showImportPreview(name string, res *importer.Result, dbErr error) *importPreview {
	p := &importPreview{app: a, res: res}
	var summary string
	var requested int64
	for _, ap := range res.Apps {
		requested += ap.RequestedCents
	}
	switch {
	case !res.OK():
		summary = fmt.Sprintf("%s : %d erreur(s). Rien ne sera importé tant qu'elles ne sont pas corrigées dans le fichier.", filepath.Base(name), len(res.Errors))
	case dbErr != nil:
		summary = filepath.Base(name) + " : " + data.ErrorMessage(dbErr)
	default:
		summary = fmt.Sprintf("%s : %d dossier(s) prêts à importer, %s demandés au total.", filepath.Base(name), len(res.Apps), data.FormatEuros(requested))
	}
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	p.report = widget.NewMultiLineEntry()
	p.report.Wrapping = fyne.TextWrapWord
	p.report.SetText(previewText(res))
	p.report.Disable() // read-only, still selectable for copy
	rows := widget.NewTable(
		func() (int, int) { return len(res.Apps) + 1, 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle.Bold = true
				l.SetText([]string{"Numéro", "Structure", "Projet", "Demandé"}[id.Col])
				return
			}
			l.TextStyle.Bold = false
			ap := res.Apps[id.Row-1]
			number := ap.Number
			if number == "" {
				number = "(automatique)"
			}
			l.SetText([]string{number, ap.Structure.Name, ap.Title, data.FormatEuros(ap.RequestedCents)}[id.Col])
		})
	for i, w := range []float32{140, 260, 320, 130} {
		rows.SetColumnWidth(i, w)
	}
	tabs := container.NewAppTabs(
		container.NewTabItem("Rapport", p.report),
		container.NewTabItem(fmt.Sprintf("Aperçu (%d)", len(res.Apps)), rows),
	)
	p.button = widget.NewButton(fmt.Sprintf("Importer %d dossier(s)", len(res.Apps)), p.onImport)
	p.button.Importance = widget.HighImportance
	if !res.OK() || dbErr != nil || len(res.Apps) == 0 {
		p.button.Disable()
	}
	cancel := widget.NewButton("Fermer", func() { p.dlg.Hide() })
	content := container.NewBorder(head, container.NewHBox(cancel, p.button), nil, nil, tabs)
	p.dlg = dialog.NewCustomWithoutButtons("Import de dossiers", content, a.win)
	p.dlg.Resize(fyne.NewSize(960, 600))
	p.dlg.Show()
	return p
}

func previewText(res *importer.Result) string {
	var b strings.Builder
	if rep := res.Report(); rep != "" {
		b.WriteString(rep)
	}
	if res.OK() && len(res.UnknownColumns) == 0 {
		b.WriteString("Aucune erreur.\n")
	}
	return b.String()
}

// onImport writes every line in one transaction, in the background.
func (p *importPreview) onImport() {
	a := p.app
	p.button.Disable()
	p.dlg.Hide()
	prog := dialog.NewCustomWithoutButtons("Import en cours", widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	c := a.campaign
	go func() {
		n, err := a.db.ImportApplications(a.ctx, c, p.res.Apps, false)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
				return
			}
			a.register.reload()
			dialog.ShowInformation("Import terminé", fmt.Sprintf("%d dossier(s) importé(s) dans %s.", n, c.Code), a.win)
		})
	}()
}
