package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"github.com/call-agglo/cohesion/data"
)

func TestDocumentsJurorBooks(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a) // two dossiers, Mme Durand and M. Leroy, his déport on AMI2021-002
	a.selectScreen("Documents")
	s := a.docs
	at := -1
	for i, k := range s.kinds {
		if k.Title == "Grilles à envoyer aux jurés" {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no « Grilles à envoyer aux jurés » among %v", s.kinds)
	}
	s.list.Select(at)
	if s.produceBtn.Text != "Produire les grilles…" {
		t.Errorf("button %q", s.produceBtn.Text)
	}
	if s.produceBtn.Size().Width < s.produceBtn.MinSize().Width || s.about.Size().Height < s.about.MinSize().Height {
		t.Errorf("the panel is not laid out again: button %v < %v, description %v < %v", s.produceBtn.Size(), s.produceBtn.MinSize(), s.about.Size(), s.about.MinSize())
	}
	dir := filepath.Join(t.TempDir(), "grilles")
	s.produceJurorBooks(context.Background(), dir)
	if !strings.Contains(s.status.Text, "2 grilles écrites") {
		t.Fatalf("status %q", s.status.Text)
	}
	leroy := filepath.Join(dir, "Grille AMI2021 - M. Leroy.xlsx")
	f, err := excelize.OpenFile(leroy)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(data.JurorBookScoresSheet)
	if len(rows) != 2 || rows[1][0] != "AMI2021-001" {
		t.Fatalf("M. Leroy's dossiers: %q", rows)
	}
	// He scores his dossier, and the workbook comes back through the import.
	for c := 0; c < 5; c++ {
		cell, _ := excelize.CoordinatesToCellName(4+c, 2)
		f.SetCellInt(data.JurorBookScoresSheet, cell, 4)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := os.Open(leroy)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := readScores(context.Background(), a.base.db, a.campaign, filepath.Base(leroy), r)
	if err != nil || !res.OK() || len(res.Sheets) != 1 || len(res.Sheets[0].Scores) != 5 {
		t.Fatalf("workbook read back: %v\n%s", err, res.Report())
	}
	_, btn := a.imports.showScoresPreview(filepath.Base(leroy), a.base.db, a.campaign, res)
	test.Tap(btn)
	sheets, err := a.base.db.Sheets(context.Background(), a.campaign.ID)
	if err != nil || len(sheets) != 1 || sheets[0].Scores[a.campaign.Criteria[0].ID] != 4 {
		t.Fatalf("stored sheets %+v %v", sheets, err)
	}
}
