package ui

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

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

// importFrom reads a file in the background, then opens the wizard: map the
// file's columns to fields, check every line, import all or nothing.
func (a *App) importFrom(name string, r io.ReadCloser) {
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	go func() {
		defer r.Close()
		t, err := sheet.Read(name, r)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
				return
			}
			a.showImportWizard(name, t)
		})
	}()
}

// importWizard maps a file's columns to the register's fields.
type importWizard struct {
	app     *App
	name    string
	table   *sheet.Table
	selects []*widget.Select
	saved   *widget.Select
	mapName *widget.Entry
	dlg     dialog.Dialog
}

// fieldOptions are the wizard's choices for a column, in template order.
func fieldOptions() []string {
	opts := []string{ignoreOption}
	for _, c := range importer.Columns {
		opts = append(opts, c.Label)
	}
	return opts
}

const ignoreOption = "— ne pas importer —"

func fieldKey(label string) string {
	for _, c := range importer.Columns {
		if c.Label == label {
			return c.Key
		}
	}
	return importer.Ignore
}

func fieldLabel(key string) string {
	for _, c := range importer.Columns {
		if c.Key == key {
			return c.Label
		}
	}
	return ignoreOption
}

func (a *App) showImportWizard(name string, t *sheet.Table) *importWizard {
	w := &importWizard{app: a, name: name, table: t}
	guess := importer.Guess(t)
	grid := container.NewVBox()
	grid.Add(container.New(&columnsLayout{widths: []float32{260, 330, 300}}, bold("Colonne du fichier"), bold("Exemples"), bold("Champ de Cohésion")))
	for i, h := range t.Header {
		var samples []string
		for _, r := range t.Rows {
			if i < len(r) && r[i] != "" && len(samples) < 3 {
				samples = append(samples, r[i])
			}
		}
		head := widget.NewLabel(h)
		head.Truncation = fyne.TextTruncateEllipsis
		ex := widget.NewLabel(strings.Join(samples, " | "))
		ex.Truncation = fyne.TextTruncateEllipsis
		sel := widget.NewSelect(fieldOptions(), nil)
		sel.SetSelected(fieldLabel(guess[h]))
		w.selects = append(w.selects, sel)
		grid.Add(container.New(&columnsLayout{widths: []float32{260, 330, 300}}, head, ex, sel))
	}
	names, _ := a.db.Mappings(a.ctx)
	w.saved = widget.NewSelect(names, w.onLoadMapping)
	w.saved.PlaceHolder = "Modèles enregistrés"
	w.mapName = widget.NewEntry()
	w.mapName.SetPlaceHolder("Nom du modèle (ex. démarches-simplifiées 2021)")
	save := widget.NewButton("Enregistrer le modèle", w.onSaveMapping)
	check := widget.NewButton("Vérifier et prévisualiser", w.onCheck)
	check.Importance = widget.HighImportance
	head := widget.NewLabel(fmt.Sprintf("%s : %d ligne(s), %d colonne(s) — %s. Associez chaque colonne à un champ.", filepath.Base(name), len(t.Rows), len(t.Header), t.Format))
	head.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(head, container.NewBorder(nil, nil, w.saved, save, w.mapName))
	bottom := container.NewHBox(widget.NewButton("Fermer", func() { w.dlg.Hide() }), check)
	w.dlg = dialog.NewCustomWithoutButtons("Import de dossiers — correspondance des colonnes", container.NewBorder(top, bottom, nil, nil, container.NewVScroll(grid)), a.win)
	w.dlg.Resize(fyne.NewSize(980, 620))
	a.showDialog(w.dlg, nil)
	return w
}

func (w *importWizard) mapping() importer.Mapping {
	m := importer.Mapping{}
	for i, h := range w.table.Header {
		m[h] = fieldKey(w.selects[i].Selected)
	}
	return m
}

func (w *importWizard) onLoadMapping(name string) {
	m, err := w.app.db.Mapping(w.app.ctx, name)
	if err != nil {
		w.app.showError(err)
		return
	}
	for i, h := range w.table.Header {
		if k, ok := m[h]; ok {
			w.selects[i].SetSelected(fieldLabel(k))
		}
	}
	w.mapName.SetText(name)
}

func (w *importWizard) onSaveMapping() {
	if err := w.app.db.SaveMapping(w.app.ctx, w.mapName.Text, w.mapping()); err != nil {
		w.app.showError(err)
		return
	}
	names, _ := w.app.db.Mappings(w.app.ctx)
	w.saved.Options = names
	w.saved.Refresh()
	w.app.inform("Modèle enregistré", "Le modèle « "+data.Clean(w.mapName.Text)+" » servira aux prochains fichiers de ce format.")
}

// onCheck applies the mapping, checks every line against the campaign and the
// base (writing nothing), then shows the report and the preview.
func (w *importWizard) onCheck() {
	a := w.app
	mapped, err := importer.Apply(w.table, w.mapping())
	if err != nil {
		a.showError(err)
		return
	}
	c := a.campaign
	res := importer.Applications(c, mapped, a.db.Now())
	var dbErr error
	if res.OK() {
		_, dbErr = a.db.ImportApplications(a.ctx, c, res.Apps, data.ImportOptions{DryRun: true, Fields: res.Fields})
	}
	p := a.showImportPreview(w.name, res, dbErr)
	p.wizard = w.dlg // the import done, the wizard has done its job too
}

// importPreview is the window between reading a file and writing it.
type importPreview struct {
	app    *App
	res    *importer.Result
	report *widget.Label
	button *widget.Button
	dlg    dialog.Dialog
	wizard dialog.Dialog // the wizard the preview came from, if any
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
	p.report = reportLabel(previewText(res))
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
		container.NewTabItem("Rapport", container.NewVScroll(p.report)),
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
	a.showDialog(p.dlg, nil)
	a.lastPreview = p
	return p
}

// previewText is the importer's report, which says « aucune erreur » itself.
func previewText(res *importer.Result) string { return res.Report() }

// reportLabel shows a report in the text colour (a disabled entry printed it
// grey on grey), wrapped, and still selectable for a copy.
func reportLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}

// onImport writes every line in one transaction, in the background.
func (p *importPreview) onImport() {
	a := p.app
	p.button.Disable()
	p.dlg.Hide()
	if p.wizard != nil {
		p.wizard.Hide()
	}
	prog := dialog.NewCustomWithoutButtons("Import en cours", widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	c := a.campaign
	done := func(sum data.ImportSummary, err error) {
		prog.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.register.reload()
		a.inform("Import terminé", fmt.Sprintf("%d dossier(s) importé(s) dans %s.", sum.Written(), c.Code))
	}
	o := data.ImportOptions{Fields: p.res.Fields}
	if a.sync {
		done(a.db.ImportApplications(a.ctx, c, p.res.Apps, o))
		return
	}
	go func() {
		sum, err := a.db.ImportApplications(a.ctx, c, p.res.Apps, o)
		fyne.Do(func() { done(sum, err) })
	}()
}

// onImportScores asks for a file of score sheets (.csv or .xlsx, long or wide
// form), checks it in the background and shows the report before writing.
func (a *App) onImportScores() { a.openTable(a.importScoresFrom) }

func (a *App) importScoresFrom(name string, r io.ReadCloser) {
	c := a.campaign
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	go func() {
		defer r.Close()
		var res *importer.ScoresResult
		t, err := sheet.Read(name, r)
		if err == nil {
			var snap *data.Snapshot
			if snap, err = a.db.Snapshot(a.ctx, c.ID, data.SnapshotOptions{}); err == nil {
				res = importer.Scores(c, t, importer.LookupOf(snap))
			}
		}
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
				return
			}
			a.showScoresPreview(name, res)
		})
	}()
}

// showScoresPreview shows the per-line report; « Importer » writes all or nothing.
func (a *App) showScoresPreview(name string, res *importer.ScoresResult) (dialog.Dialog, *widget.Button) {
	text := res.Report()
	for _, w := range res.Warnings {
		text += "Attention : " + w + "\n"
	}
	if res.OK() && text == "" {
		text = "Aucune erreur.\n"
	}
	report := reportLabel(text)
	summary := fmt.Sprintf("%s : %d grille(s), %d juré(s) à créer.", filepath.Base(name), len(res.Sheets), len(res.NewJurors))
	if !res.OK() {
		summary = fmt.Sprintf("%s : %d erreur(s). Rien ne sera importé tant qu'elles ne sont pas corrigées.", filepath.Base(name), len(res.Errors))
	}
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	btn := widget.NewButton(fmt.Sprintf("Importer %d grille(s)", len(res.Sheets)), nil)
	btn.Importance = widget.HighImportance
	if !res.OK() || len(res.Sheets) == 0 {
		btn.Disable()
	}
	btn.OnTapped = func() {
		dlg.Hide()
		var jurors []*data.Juror
		for _, n := range res.NewJurors {
			jurors = append(jurors, &data.Juror{Name: n, College: data.CollegeQualifiee})
		}
		if err := a.db.WriteScores(a.ctx, a.campaign, data.ScoreWrite{NewJurors: jurors, Changes: res.Changes()}); err != nil {
			a.showError(err)
			return
		}
		a.show(a.current)
		a.inform("Import terminé", fmt.Sprintf("%d grille(s) importée(s).", len(res.Sheets)))
	}
	content := container.NewBorder(head, container.NewHBox(widget.NewButton("Fermer", func() { dlg.Hide() }), btn), nil, nil, container.NewVScroll(report))
	dlg = dialog.NewCustomWithoutButtons("Import de grilles de notation", content, a.win)
	dlg.Resize(fyne.NewSize(900, 560))
	a.showDialog(dlg, nil)
	return dlg, btn
}
