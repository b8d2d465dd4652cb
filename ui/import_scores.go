package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// The import of score sheets (the jurors' workbooks, or a table in long
// or wide form): read and checked in the background, then a report before
// anything is written.

// onImportScores asks for a file of score sheets (.csv or .xlsx, long or wide
// form), checks it in the background and shows the report before writing.
func (i *imports) onImportScores() { i.openTable(i.importScoresFrom) }

func (i *imports) importScoresFrom(name string, r io.ReadCloser) {
	prog := dialog.NewCustomWithoutButtons("Lecture de "+name, widget.NewProgressBarInfinite(), i.env.win())
	prog.Show()
	// Not read from the goroutine: the window may switch them.
	snaps, jury, c := i.env.snapshots(), i.env.jury(), i.env.campaign()
	ctx := context.Background()
	work := func() (*importer.ScoresResult, error) {
		defer r.Close()
		return readScores(ctx, snaps, c, name, r)
	}
	background(i.env.run, work, func(res *importer.ScoresResult, err error) {
		prog.Hide()
		if err != nil {
			i.env.showError(err)
			return
		}
		i.showScoresPreview(name, jury, c, res)
	})
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
func (i *imports) showScoresPreview(name string, db data.Jury, c *data.Campaign, res *importer.ScoresResult) (dialog.Dialog, *widget.Button) {
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
			i.env.showError(err)
			return
		}
		i.scoresChanged()
		i.env.inform("Import terminé", data.Count(len(res.Sheets), "grille importée.", "grilles importées."))
	}
	content := container.NewBorder(head, container.NewHBox(widget.NewButton("Fermer", func() { dlg.Hide() }), btn), nil, nil, container.NewVScroll(report))
	dlg = dialog.NewCustomWithoutButtons("Import de grilles de notation", content, i.env.win())
	dlg.Resize(fyne.NewSize(900, 560))
	i.env.showDialog(dlg, nil)
	return dlg, btn
}
