package ui

import (
	"context"
	"fmt"
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

// The import of dossiers, its first step for a file of an unknown format:
// the wizard that maps the file's columns to the register's fields, with
// the mappings saved for the next files of that format.

// importWizard maps a file's columns to the register's fields.
type importWizard struct {
	imp     *imports
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

func (i *imports) showImportWizard(ctx context.Context, name string, t *sheet.Table) *importWizard {
	w := &importWizard{imp: i, name: name, table: t}
	guess := importer.Guess(t)
	grid := container.NewVBox()
	cols := &flexColumns{widths: []float32{260, 330, 300}, grow: []int{1}} // one layout for every line; the examples give way first
	grid.Add(container.New(cols, bold("Colonne du fichier"), bold("Exemples"), bold("Champ de Cohésion")))
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
		grid.Add(container.New(cols, head, ex, sel))
	}
	names, _ := i.env.mappings().Mappings(ctx)
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
	back := widget.NewButton("Précédent", func() { w.dlg.Hide(); i.onImport() }) // another file
	bottom := container.NewHBox(back, widget.NewButton("Fermer", func() { w.dlg.Hide() }), check)
	w.dlg = dialog.NewCustomWithoutButtons("Import de dossiers — correspondance des colonnes", container.NewBorder(top, bottom, nil, nil, container.NewScroll(grid)), i.env.win())
	w.dlg.Resize(fyne.NewSize(980, 620))
	i.env.showDialog(w.dlg, nil)
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
	m, err := w.imp.env.mappings().Mapping(context.Background(), name)
	if err != nil {
		w.imp.env.showError(err)
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
	if err := w.imp.env.mappings().SaveMapping(ctx, w.mapName.Text, w.mapping()); err != nil {
		w.imp.env.showError(err)
		return
	}
	names, _ := w.imp.env.mappings().Mappings(ctx)
	w.saved.Options = names
	w.saved.Refresh()
	w.imp.env.inform("Modèle enregistré", "Le modèle « "+data.Clean(w.mapName.Text)+" » servira aux prochains fichiers de ce format.")
}

// onCheck applies the mapping, checks every line against the campaign and the
// base (writing nothing), then shows the report and the preview.
func (w *importWizard) onCheck() {
	i := w.imp
	mapped, err := importer.Apply(w.table, w.mapping())
	if err != nil {
		i.env.showError(err)
		return
	}
	i.checkImport(context.Background(), w.name, mapped, func(p *importPreview) {
		p.wizard = w.dlg // the import done, the wizard has done its job too
	})
}
