package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
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
	names, _ := a.db.Mappings(context.Background())
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
	back := widget.NewButton("Précédent", func() { w.dlg.Hide(); a.onImport() }) // another file
	bottom := container.NewHBox(back, widget.NewButton("Fermer", func() { w.dlg.Hide() }), check)
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
	m, err := w.app.db.Mapping(context.Background(), name)
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
	ctx := context.Background()
	if err := w.app.db.SaveMapping(ctx, w.mapName.Text, w.mapping()); err != nil {
		w.app.showError(err)
		return
	}
	names, _ := w.app.db.Mappings(ctx)
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
	db, c, ctx := a.db, a.campaign, context.Background() // the check's, whatever the window shows meanwhile
	check := func() (*importer.Result, *dryRun) {
		res := importer.Applications(c, t, db.Now())
		if !res.OK() {
			return res, nil
		}
		return res, dryImport(ctx, db, c, res)
	}
	show := func(res *importer.Result, dry *dryRun) {
		prog.Hide()
		p := a.showImportPreview(name, db, c, res, dry)
		if then != nil {
			then(p)
		}
	}
	background(a.run, check, show)
}

// dryRun is what an import would do to the base, updating the dossiers
// already there; for a file with clashes, what it would do with the
// register's next numbers.
type dryRun struct {
	sum     data.ImportSummary
	err     error
	clashes []data.ImportClash // lines naming other applicants' dossiers
}

// dryImport checks a file against the base, writing nothing. The store
// decides what a clash is; when it finds some, the check runs again
// renumbered, for the option the preview then offers.
func dryImport(ctx context.Context, db data.Register, c *data.Campaign, res *importer.Result) *dryRun {
	o := importOptions(res, true, false)
	o.DryRun = true
	sum, err := db.ImportApplications(ctx, c, res, o)
	dry := &dryRun{sum: sum, err: err}
	var clash *data.ClashError
	if errors.As(err, &clash) {
		o.Renumber = true
		dry.clashes = clash.Clashes
		dry.sum, dry.err = db.ImportApplications(ctx, c, res, o)
	}
	return dry
}

// importOptions are the options of an import of res, as the check and the
// import itself give them.
func importOptions(res *importer.Result, update, renumber bool) data.ImportOptions {
	return data.ImportOptions{Fields: res.Fields, Update: update, Renumber: renumber, FromDS: res.Source == importer.SourceDS}
}

// known counts the file's dossiers already in the register.
func (d *dryRun) known() int {
	if d == nil || d.err != nil {
		return 0
	}
	return d.sum.Updated + d.sum.Unchanged
}

// clashesFound counts the file's lines naming other applicants' dossiers.
func (d *dryRun) clashesFound() int {
	if d == nil {
		return 0
	}
	return len(d.clashes)
}

// importPreview is the window between reading a file and writing it. It is
// the widget its dialog shows, so that what is on screen leads to it (tests
// read the check's result through it).
type importPreview struct {
	widget.BaseWidget
	body     fyne.CanvasObject
	app      *App
	db       data.Store     // the base and the campaign the file was checked
	campaign *data.Campaign // against: the import goes there
	res      *importer.Result
	dry      *dryRun
	head     *widget.Label
	report   *widget.Label
	update   *widget.Check // « Mettre à jour les dossiers déjà importés », when the file has some
	renumber *widget.Check // data.ClashOption, when the file has clashes
	button   *widget.Button
	why      *widget.Label   // why « Importer » is unavailable, beside it
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
	p.ExtendBaseWidget(p)
	p.head = widget.NewLabel("")
	p.head.Wrapping = fyne.TextWrapWord
	p.report = reportLabel(previewText(res, dry))
	tabs := container.NewAppTabs(
		container.NewTabItem("Rapport", container.NewVScroll(p.report)),
		container.NewTabItem("Aperçu ("+data.FormatInt(int64(res.Len()))+")", previewTable(c, res)),
	)
	p.button = widget.NewButton("", p.onImport)
	p.button.Importance = widget.HighImportance
	p.update = widget.NewCheck(updateOption, func(bool) { p.refresh() })
	if dry.known() == 0 {
		p.update.Hide()
	}
	p.renumber = widget.NewCheck(data.ClashOption, func(bool) { p.refresh() })
	if dry.clashesFound() == 0 {
		p.renumber.Hide()
	}
	p.why = widget.NewLabel("")
	p.why.Importance = widget.WarningImportance
	cancel := widget.NewButton("Fermer", func() { p.dlg.Hide() })
	back := widget.NewButton("Précédent", p.onBack)
	p.actions = container.NewHBox(back, cancel, layout.NewSpacer(), p.why, p.button)
	p.refresh()
	options := container.NewVBox(p.update, p.renumber)
	p.body = container.NewBorder(p.head, container.NewVBox(options, p.actions), nil, nil, tabs)
	p.dlg = dialog.NewCustomWithoutButtons("Import de dossiers", p, a.win)
	p.dlg.Resize(fyne.NewSize(960, 600))
	a.showDialog(p.dlg, nil)
	return p
}

func (p *importPreview) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.body)
}

// previewTable shows each line as it will be imported: an empty value reads
// « (vide) », a commune its name. The header's columns take the width the
// user drags them to; a cut cell reads whole under the mouse.
func previewTable(c *data.Campaign, res *importer.Result) *widget.Table {
	heads := []string{"Numéro", "Structure", "Projet", "Commune", "Demandé"}
	var rows *widget.Table
	rows = widget.NewTableWithHeaders(
		func() (int, int) { return res.Len(), len(heads) },
		func() fyne.CanvasObject { return newTipLabel(rows) },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			cellLabel(o).SetText(previewCells(c, res.Line(id.Row))[id.Col]) // mapped again: the cells are kept, not the dossiers
		})
	rows.ShowHeaderColumn = false
	rows.CreateHeader = headerLabel(rows)
	rows.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			cellLabel(o).SetText(heads[id.Col])
		}
	}
	keepColumns(rows, []float32{140, 240, 290, 130, 120}, columnKeys{fyne.CurrentApp().Preferences(), "import", heads})
	return rows
}

// previewCells are a line's cells in the preview.
func previewCells(c *data.Campaign, ap data.Application) []string {
	number := ap.Number
	if number == "" {
		number = "(automatique)"
	}
	commune := ""
	if ap.Structure.Commune != "" {
		commune = c.CommuneName(ap.Structure.Commune)
	}
	cells := []string{number, ap.Structure.Name, ap.Title, commune, data.FormatEuros(ap.RequestedCents)}
	for i, v := range cells {
		if strings.TrimSpace(v) == "" {
			cells[i] = "(vide)"
		}
	}
	return cells
}

// onBack goes back a step: to the columns' mapping, still open beneath, or
// for a file read without one, to the choice of a file.
func (p *importPreview) onBack() {
	p.dlg.Hide()
	if p.wizard == nil {
		p.app.onImport()
	}
}

// refresh says what the import will do, with or without the update and the
// renumbering, and allows it only when it can succeed; when it cannot, the
// label beside « Importer » says why.
func (p *importPreview) refresh() {
	head, why := p.headline()
	p.head.SetText(head)
	dry := p.dry
	switch known := dry.known(); {
	case known > 0 && p.update.Checked:
		p.button.SetText("Importer : " + data.Count(dry.sum.Created, "créé", "créés") + ", " + data.FormatInt(int64(dry.sum.Updated)) + " mis à jour")
	default:
		p.button.SetText("Importer " + data.Count(p.res.Len(), "dossier", "dossiers"))
	}
	p.why.SetText(why)
	if why == "" {
		p.why.Hide()
		p.button.Enable()
	} else {
		p.why.Show()
		p.button.Disable()
	}
	p.actions.Refresh()
}

// headline is the preview's head line, and why « Importer » is unavailable
// ("" when it is not).
func (p *importPreview) headline() (head, why string) {
	res, dry := p.res, p.dry
	base := filepath.Base(p.name)
	known, clashes := dry.known(), dry.clashesFound()
	switch {
	case !res.OK():
		n := len(res.Errors)
		return fmt.Sprintf("%s : %s. Rien ne sera importé tant qu'%s dans le fichier.", base, data.Count(n, "erreur", "erreurs"),
				data.Plural(n, "elle n'est pas corrigée", "elles ne sont pas corrigées")),
			"Importer est indisponible : corrigez d'abord le fichier (onglet Rapport)."
	case res.Len() == 0:
		return base + " : aucun dossier dans le fichier.", "Importer est indisponible : le fichier ne contient aucun dossier."
	case clashes > 0 && !p.renumber.Checked:
		n := clashes
		return fmt.Sprintf("%s : %s au registre %s d'autres porteurs : ce n'est pas une mise à jour (voir le rapport).", base,
				data.Count(n, "numéro du fichier désigne", "numéros du fichier désignent"), data.Plural(n, "le dossier", "les dossiers")),
			"Importer est indisponible : cochez « " + data.ClashOption + " » ou corrigez les numéros du fichier."
	case dry != nil && dry.err != nil:
		return base + " : " + data.ErrorMessage(dry.err), "Importer est indisponible : la vérification a refusé le fichier (ci-dessus)."
	case known > 0 && !p.update.Checked:
		return fmt.Sprintf("%s : %s du fichier %s déjà dans le registre (même numéro, même porteur). Cochez « %s » pour %s mettre à jour ; %s, rien ne sera dupliqué.",
				base, data.Count(known, "dossier", "dossiers"), data.Plural(known, "est", "sont"), updateOption, data.Plural(known, "le", "les"),
				data.Count(dry.sum.Created, "nouveau dossier sera ajouté", "nouveaux dossiers seront ajoutés")),
			"Importer est indisponible : cochez « " + updateOption + " »."
	case known > 0 || clashes > 0:
		absent := ""
		if n := len(dry.sum.Absent); n > 0 {
			absent = ", " + data.Count(n, "du registre absent du fichier (gardé tel quel)", "du registre absents du fichier (gardés tels quels)")
		}
		return fmt.Sprintf("%s : %s à créer, %s à mettre à jour, %s%s.", base, data.Count(dry.sum.Created, "dossier", "dossiers"),
			data.FormatInt(int64(dry.sum.Updated)), data.Count(dry.sum.Unchanged, "inchangé", "inchangés"), absent), ""
	}
	return fmt.Sprintf("%s : %s à importer, %s demandés au total.", base,
		data.Count(res.Len(), "dossier prêt", "dossiers prêts"), data.FormatEuros(res.RequestedCents)), ""
}

func previewText(res *importer.Result, dry *dryRun) string {
	var b strings.Builder
	if rep := res.Report(); rep != "" {
		b.WriteString(rep)
	}
	if dry.clashesFound() > 0 {
		b.WriteString("\nNuméros du fichier pris au registre par d'autres porteurs (ce ne sont pas des mises à jour) :\n")
		for _, c := range dry.clashes {
			b.WriteString("  " + c.String() + "\n")
		}
		if dry.err == nil {
			b.WriteString("\nAvec « " + data.ClashOption + " » (le numéro du fichier gardé comme référence du porteur) :\n")
			writeImportSummary(&b, dry.sum, true)
		}
		return b.String()
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
	db, c, ctx := p.db, p.campaign, context.Background()
	done := func(sum data.ImportSummary, err error) {
		prog.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		a.register.reload(ctx)
		p.done = sum
		var b strings.Builder
		fmt.Fprintf(&b, "Import terminé dans %s : ", c.Code)
		writeImportSummary(&b, sum, false)
		a.inform("Import terminé", strings.TrimSpace(b.String()))
	}
	o := importOptions(p.res, p.update.Checked, p.renumber.Checked)
	write := func() (data.ImportSummary, error) { return db.ImportApplications(ctx, c, p.res, o) }
	background(a.run, write, done)
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
		res, err := readScores(context.Background(), db, c, name, r)
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
func readScores(ctx context.Context, db data.Snapshots, c *data.Campaign, name string, r io.Reader) (*importer.ScoresResult, error) {
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
		if err := db.WriteScores(context.Background(), c, data.ScoreWrite{NewJurors: jurors, Changes: res.Changes()}); err != nil {
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
