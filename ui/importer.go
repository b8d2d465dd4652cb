package ui

import (
	"context"
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
	head := widget.NewLabel(fmt.Sprintf("%s : %s, %s — %s. Associez chaque colonne à un champ.", filepath.Base(name),
		data.Count(len(t.Rows), "ligne", "lignes"), data.Count(len(t.Header), "colonne", "colonnes"), t.Format))
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
	a.checkImport(w.name, mapped, func(p *importPreview) {
		p.wizard = w.dlg // the import done, the wizard has done its job too
	})
}

// checkImport checks every line of a table against the campaign, then
// against the base (a dry run that may update, writing nothing), in the
// background: a file of thousands of lines takes seconds. Then it shows the
// report and the preview, and hands the preview to then when not nil.
func (a *App) checkImport(name string, t *sheet.Table, then func(*importPreview)) {
	prog := dialog.NewCustomWithoutButtons("Vérification de "+filepath.Base(name), widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	db, c := a.db, a.campaign // the check's, whatever the window shows meanwhile
	check := func() (*importer.Result, *dryRun) {
		res := importer.Applications(c, t, db.Now())
		if !res.OK() {
			return res, nil
		}
		sum, err := db.ImportApplications(a.ctx, c, res, data.ImportOptions{DryRun: true, Update: true, Fields: res.Fields})
		return res, &dryRun{sum: sum, err: err}
	}
	show := func(res *importer.Result, dry *dryRun) {
		prog.Hide()
		p := a.showImportPreview(name, db, c, res, dry)
		if then != nil {
			then(p)
		}
	}
	if a.sync {
		show(check())
		return
	}
	go func() {
		res, dry := check()
		fyne.Do(func() { show(res, dry) })
	}()
}

// dryRun is what an import would do to the base, updating the dossiers
// already there.
type dryRun struct {
	sum data.ImportSummary
	err error
}

// known counts the file's dossiers already in the register.
func (d *dryRun) known() int {
	if d == nil || d.err != nil {
		return 0
	}
	return d.sum.Updated + d.sum.Unchanged
}

// importPreview is the window between reading a file and writing it.
type importPreview struct {
	app      *App
	db       data.Store     // the base and the campaign the file was checked
	campaign *data.Campaign // against: the import goes there
	res      *importer.Result
	dry      *dryRun
	head     *widget.Label
	report   *widget.Label
	update   *widget.Check // « Mettre à jour les dossiers déjà importés », when the file has some
	button   *widget.Button
	actions  *fyne.Container // the buttons' row, laid out again when a label changes
	dlg      dialog.Dialog
	wizard   dialog.Dialog // the wizard the preview came from, if any
	name     string
	done     data.ImportSummary // what the import did, for tests
}

// updateOption is the check the preview offers for a file whose numbers are
// already in the register.
const updateOption = "Mettre à jour les dossiers déjà importés"

func (a *App) showImportPreview(name string, db data.Store, c *data.Campaign, res *importer.Result, dry *dryRun) *importPreview {
	p := &importPreview{app: a, db: db, campaign: c, res: res, dry: dry, name: name}
	p.head = widget.NewLabel("")
	p.head.Wrapping = fyne.TextWrapWord
	p.report = reportLabel(previewText(res, dry))
	rows := widget.NewTable(
		func() (int, int) { return res.Len() + 1, 4 },
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
			ap := res.Line(id.Row - 1) // mapped again: the cells are kept, not the dossiers
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
		container.NewTabItem("Aperçu ("+data.FormatInt(int64(res.Len()))+")", rows),
	)
	p.button = widget.NewButton("", p.onImport)
	p.button.Importance = widget.HighImportance
	p.update = widget.NewCheck(updateOption, func(bool) { p.refresh() })
	if dry.known() == 0 {
		p.update.Hide()
	}
	cancel := widget.NewButton("Fermer", func() { p.dlg.Hide() })
	p.actions = container.NewHBox(cancel, p.update, p.button)
	p.refresh()
	content := container.NewBorder(p.head, p.actions, nil, nil, tabs)
	p.dlg = dialog.NewCustomWithoutButtons("Import de dossiers", content, a.win)
	p.dlg.Resize(fyne.NewSize(960, 600))
	a.showDialog(p.dlg, nil)
	a.lastPreview = p
	return p
}

// refresh says what the import will do, with or without the update, and
// allows it only when it can succeed.
func (p *importPreview) refresh() {
	res, dry := p.res, p.dry
	base := filepath.Base(p.name)
	ok := res.OK() && res.Len() > 0 && (dry == nil || dry.err == nil)
	known := dry.known()
	switch {
	case !res.OK():
		n := len(res.Errors)
		p.head.SetText(fmt.Sprintf("%s : %s. Rien ne sera importé tant qu'%s dans le fichier.", base, data.Count(n, "erreur", "erreurs"),
			data.Plural(n, "elle n'est pas corrigée", "elles ne sont pas corrigées")))
	case dry != nil && dry.err != nil:
		p.head.SetText(base + " : " + data.ErrorMessage(dry.err))
	case known > 0 && !p.update.Checked:
		ok = false
		p.head.SetText(fmt.Sprintf("%s : %s du fichier %s déjà dans le registre (même numéro). Cochez « %s » pour %s mettre à jour ; %s, rien ne sera dupliqué.",
			base, data.Count(known, "dossier", "dossiers"), data.Plural(known, "est", "sont"), updateOption, data.Plural(known, "le", "les"),
			data.Count(dry.sum.Created, "nouveau dossier sera ajouté", "nouveaux dossiers seront ajoutés")))
	case known > 0:
		absent := ""
		if n := len(dry.sum.Absent); n > 0 {
			absent = ", " + data.Count(n, "du registre absent du fichier (gardé tel quel)", "du registre absents du fichier (gardés tels quels)")
		}
		p.head.SetText(fmt.Sprintf("%s : %s à créer, %s à mettre à jour, %s%s.", base, data.Count(dry.sum.Created, "dossier", "dossiers"),
			data.FormatInt(int64(dry.sum.Updated)), data.Count(dry.sum.Unchanged, "inchangé", "inchangés"), absent))
	default:
		p.head.SetText(fmt.Sprintf("%s : %s à importer, %s demandés au total.", base,
			data.Count(res.Len(), "dossier prêt", "dossiers prêts"), data.FormatEuros(res.RequestedCents)))
	}
	if known > 0 && p.update.Checked {
		p.button.SetText("Importer : " + data.Count(dry.sum.Created, "créé", "créés") + ", " + data.FormatInt(int64(dry.sum.Updated)) + " mis à jour")
	} else {
		p.button.SetText("Importer " + data.Count(res.Len(), "dossier", "dossiers"))
	}
	if ok {
		p.button.Enable()
	} else {
		p.button.Disable()
	}
	p.actions.Refresh()
}

func previewText(res *importer.Result, dry *dryRun) string {
	var b strings.Builder
	if rep := res.Report(); rep != "" {
		b.WriteString(rep)
	}
	if dry.known() > 0 {
		b.WriteString("\nAvec la mise à jour des dossiers déjà importés :\n")
		writeImportSummary(&b, dry.sum, true)
	}
	return b.String()
}

// writeImportSummary says what an import changes: the counts, each field of
// each dossier (withChanges), then the dossiers the file no longer holds.
func writeImportSummary(b *strings.Builder, sum data.ImportSummary, withChanges bool) {
	b.WriteString(sum.Counts() + ".\n")
	for _, l := range sum.Details(withChanges) {
		b.WriteString(l + "\n")
	}
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
	db, c := p.db, p.campaign
	done := func(sum data.ImportSummary, err error) {
		prog.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.register.reload()
		p.done = sum
		var b strings.Builder
		fmt.Fprintf(&b, "Import terminé dans %s : ", c.Code)
		writeImportSummary(&b, sum, false)
		a.inform("Import terminé", strings.TrimSpace(b.String()))
	}
	o := data.ImportOptions{Fields: p.res.Fields, Update: p.update.Checked}
	if a.sync {
		done(db.ImportApplications(a.ctx, c, p.res, o))
		return
	}
	go func() {
		sum, err := db.ImportApplications(a.ctx, c, p.res, o)
		fyne.Do(func() { done(sum, err) })
	}()
}

// onImportScores asks for a file of score sheets (.csv or .xlsx, long or wide
// form), checks it in the background and shows the report before writing.
func (a *App) onImportScores() { a.openTable(a.importScoresFrom) }

func (a *App) importScoresFrom(name string, r io.ReadCloser) {
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), a.win)
	prog.Show()
	db, c := a.db, a.campaign // not read from the goroutine: the window may switch them
	go func() {
		defer r.Close()
		res, err := readScores(a.ctx, db, c, name, r)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				a.showError(err)
				return
			}
			a.showScoresPreview(name, db, c, res)
		})
	}()
}

// readScores reads a file of scores (a juror's workbook: its « Notes »
// sheet) and checks it against the campaign, writing nothing.
func readScores(ctx context.Context, db data.Store, c *data.Campaign, name string, r io.Reader) (*importer.ScoresResult, error) {
	t, err := sheet.ReadWith(name, r, importer.ScoreSheets)
	if err != nil {
		return nil, err
	}
	snap, err := db.Snapshot(ctx, c.ID, data.SnapshotOptions{})
	if err != nil {
		return nil, err
	}
	return importer.Scores(c, t, importer.LookupOf(snap)), nil
}

// showScoresPreview shows the per-line report; « Importer » writes all or nothing.
func (a *App) showScoresPreview(name string, db data.Store, c *data.Campaign, res *importer.ScoresResult) (dialog.Dialog, *widget.Button) {
	text := res.Report()
	for _, w := range res.Warnings {
		text += "Attention : " + w + "\n"
	}
	if res.OK() && text == "" {
		text = "Aucune erreur.\n"
	}
	report := reportLabel(text)
	summary := fmt.Sprintf("%s : %s, %s à créer.", filepath.Base(name), data.Count(len(res.Sheets), "grille", "grilles"), data.Count(len(res.NewJurors), "juré", "jurés"))
	if n := len(res.Errors); n > 0 {
		summary = fmt.Sprintf("%s : %s. Rien ne sera importé tant qu'%s.", filepath.Base(name), data.Count(n, "erreur", "erreurs"),
			data.Plural(n, "elle n'est pas corrigée", "elles ne sont pas corrigées"))
	}
	head := widget.NewLabel(summary)
	head.Wrapping = fyne.TextWrapWord
	var dlg dialog.Dialog
	btn := widget.NewButton("Importer "+data.Count(len(res.Sheets), "grille", "grilles"), nil)
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
		// Into the campaign the file was checked against, whatever the window shows.
		if err := db.WriteScores(a.ctx, c, data.ScoreWrite{NewJurors: jurors, Changes: res.Changes()}); err != nil {
			a.showError(err)
			return
		}
		a.show(a.current)
		a.inform("Import terminé", data.Count(len(res.Sheets), "grille importée.", "grilles importées."))
	}
	content := container.NewBorder(head, container.NewHBox(widget.NewButton("Fermer", func() { dlg.Hide() }), btn), nil, nil, container.NewVScroll(report))
	dlg = dialog.NewCustomWithoutButtons("Import de grilles de notation", content, a.win)
	dlg.Resize(fyne.NewSize(900, 560))
	a.showDialog(dlg, nil)
	return dlg, btn
}

// reportLabel shows a report in the text colour (a disabled entry printed it
// grey on grey), wrapped, and still selectable for a copy.
func reportLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}
