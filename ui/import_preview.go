package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
)

// The import of dossiers, its last step: the report and the preview of
// what the check found, and the import itself, all or nothing.

// importPreview is the window between reading a file and writing it. It is
// the widget its dialog shows, so that what is on screen leads to it (tests
// read the check's result through it).
type importPreview struct {
	widget.BaseWidget
	body     fyne.CanvasObject
	imp      *imports
	db       data.Register  // the base and the campaign the file was checked
	campaign *data.Campaign // against: the import goes there
	res      *importer.Result
	dry      *dryRun
	head     *widget.Label
	report   *widget.Label
	update   *widget.Check // « Mettre à jour les dossiers déjà importés », when the file has some
	renumber *widget.Check // data.ClashOption, when the file has clashes
	tabs     *container.AppTabs
	preview  fyne.CanvasObject // the lines in their stretchColumns
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

func (i *imports) showImportPreview(name string, db data.Register, c *data.Campaign, res *importer.Result, dry *dryRun) *importPreview {
	p := &importPreview{imp: i, db: db, campaign: c, res: res, dry: dry, name: name}
	p.ExtendBaseWidget(p)
	p.head = widget.NewLabel("")
	p.head.Wrapping = fyne.TextWrapWord
	p.report = reportLabel(previewText(res, dry))
	p.preview = previewTable(c, res)
	p.tabs = container.NewAppTabs(
		container.NewTabItem("Rapport", container.NewVScroll(p.report)),
		container.NewTabItem("Aperçu ("+data.FormatInt(int64(res.Len()))+")", p.preview),
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
	p.body = container.NewBorder(p.head, container.NewVBox(options, p.actions), nil, nil, p.tabs)
	p.dlg = dialog.NewCustomWithoutButtons("Import de dossiers", p, i.env.win())
	p.dlg.Resize(fyne.NewSize(960, 600))
	i.env.showDialog(p.dlg, nil)
	return p
}

func (p *importPreview) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.body)
}

// previewTable shows each line as it will be imported: an empty value reads
// « (vide) », a commune its name. The header's columns take the width the
// user drags them to; a cut cell reads whole under the mouse. As the
// register, the key columns (Numéro, Structure, Demandé) stay in view, the
// text columns sharing the dialog's width.
func previewTable(c *data.Campaign, res *importer.Result) fyne.CanvasObject {
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
	return stretchColumns(rows, []float32{140, 240, 290, 130, 120}, columnKeys{fyne.CurrentApp().Preferences(), "import", heads},
		columnShare{grow: []int{1, 2}, key: []int{0, 1, 4}})
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
		p.imp.onImport()
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
	i := p.imp
	p.button.Disable()
	p.dlg.Hide()
	if p.wizard != nil {
		p.wizard.Hide()
	}
	prog := dialog.NewCustomWithoutButtons("Import en cours", widget.NewProgressBarInfinite(), i.env.win())
	prog.Show()
	db, c, ctx := p.db, p.campaign, context.Background()
	done := func(sum data.ImportSummary, err error) {
		prog.Hide()
		if err != nil {
			i.env.showError(err)
			return
		}
		i.registerChanged(ctx)
		p.done = sum
		var b strings.Builder
		fmt.Fprintf(&b, "Import terminé dans %s : ", c.Code)
		writeImportSummary(&b, sum, false)
		i.env.inform("Import terminé", strings.TrimSpace(b.String()))
	}
	o := importOptions(p.res, p.update.Checked, p.renumber.Checked)
	write := func() (data.ImportSummary, error) { return db.ImportApplications(ctx, c, p.res, o) }
	background(i.env.run, write, done)
}

// reportLabel shows a report in the text colour (a disabled entry printed it
// grey on grey), wrapped, and still selectable for a copy.
func reportLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return l
}
