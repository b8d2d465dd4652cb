package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// withJury adds two applications and two jurors, the second stepping aside for
// the second application.
func withJury(t *testing.T, a *App) {
	ctx := context.Background()
	for i, name := range []string{"Les Petits Pas", "L'Étoile"} {
		ap := &data.Application{Received: time.Date(2021, 4, 1+i, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: name,
			Address: "12 rue Jean Jaurès", PostalCode: "62300", Town: "Lens"}, Title: "Projet " + name, RequestedCents: 500_000}
		if err := a.base.db.CreateApplication(ctx, a.campaign, ap); err != nil {
			t.Fatal(err)
		}
		// The jury ranks the dossiers declared recevable (no pièce ticked: an exemption).
		if err := a.base.db.ChangeStatus(ctx, ap.ID, data.StatusRecevable, "Pièces vérifiées sur la plateforme"); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range []string{"Mme Durand", "M. Leroy"} {
		if err := a.base.db.AddJuror(ctx, &data.Juror{CampaignID: a.campaign.ID, Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	j, _ := a.base.db.JurorByName(ctx, a.campaign.ID, "M. Leroy")
	ap, _ := a.base.db.ApplicationByNumber(ctx, a.campaign.ID, "AMI2021-002")
	if _, err := a.base.db.AddConflict(ctx, j.ID, ap.ID, "Administrateur"); err != nil {
		t.Fatal(err)
	}
}

func TestScoreEntry(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Notation")
	s := a.scoring
	chooseJuror(a, "M. Leroy")
	if len(s.rows) != 2 {
		t.Fatalf("%d rows", len(s.rows))
	}
	first, second := s.rows[0], s.rows[1]
	if second.state.Text != "déport" || !second.entries[0].Disabled() {
		t.Fatalf("conflicted row: %q disabled=%v", second.state.Text, second.entries[0].Disabled())
	}
	// Type digits: each is saved and the total follows.
	test.Type(first.entries[0], "5")
	test.Type(first.entries[1], "4")
	if !strings.HasPrefix(first.state.Text, "incomplète") || first.total.Text != "" {
		t.Fatalf("partial sheet: %q %q", first.state.Text, first.total.Text)
	}
	for i, d := range []string{"3", "2", "1"} {
		test.Type(first.entries[2+i], d)
	}
	// T = 20 × (3×5 + 2×4 + 2×3 + 1×2 + 2×1) / (10×5) = 20 × 33 / 50 = 13,20
	if first.state.Text != "complète" || first.total.Text != "13,20" {
		t.Fatalf("complete sheet: %q %q", first.state.Text, first.total.Text)
	}
	sheets, _ := a.base.db.Sheets(context.Background(), a.campaign.ID)
	if len(sheets) != 1 || len(sheets[0].Scores) != 5 {
		t.Fatalf("stored %+v", sheets)
	}
	// Out of the scale: refused and said; the criterion is left unscored, so the
	// base never keeps a value the screen no longer shows.
	first.entries[0].SetText("7")
	if !strings.Contains(first.state.Text, "0 à 5") {
		t.Fatalf("out of range: %q", first.state.Text)
	}
	sheets, _ = a.base.db.Sheets(context.Background(), a.campaign.ID)
	if v, kept := sheets[0].Scores[a.campaign.Criteria[0].ID]; kept {
		t.Fatalf("criterion 1 still holds %d after an out-of-range entry", v)
	}
	// Side by side per application.
	s.appSel.SetSelected("AMI2021-001 — Les Petits Pas")
	if n := len(s.byApp.Objects); n != 3 { // header + two jurors
		t.Fatalf("%d lines side by side", n)
	}
}

func TestRankingAndDecisionFromScreen(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Notation")
	s := a.scoring
	chooseJuror(a, "Mme Durand")
	for i := 0; i < 5; i++ {
		test.Type(s.rows[0].entries[i], "5")
		test.Type(s.rows[1].entries[i], "1")
	}
	a.selectScreen("Classement")
	r := a.ranking
	if len(r.rows) != 2 || r.rows[0].Number != "AMI2021-001" || r.rows[0].Rank != 1 {
		t.Fatalf("ranking %+v", r.rows)
	}
	l := widget.NewLabel("")
	r.table.UpdateCell(widget.TableCellID{Row: 0, Col: 4}, l) // Note /20
	if l.Text != "20,00" {
		t.Errorf("score cell %q", l.Text)
	}
	r.table.UpdateCell(widget.TableCellID{Row: 1, Col: decisionColumn}, l)
	if l.Text != "proposé : non retenu" {
		t.Errorf("decision cell %q", l.Text)
	}
	// Sorting by score, ascending, puts the weaker first.
	r.onSort(4) // Note /20
	r.onSort(4)
	if r.rows[0].Number != "AMI2021-002" {
		t.Fatalf("sorted by score desc toggle: first %s", r.rows[0].Number)
	}
}

// typeScores types, as a juror on the Notation screen, one digit on every
// criterion of each row in turn (digits[0] for the first row…).
func typeScores(a *App, juror string, digits ...string) {
	a.selectScreen("Notation")
	chooseJuror(a, juror)
	for row, d := range digits {
		for i := range a.scoring.rows[row].entries {
			test.Type(a.scoring.rows[row].entries[i], d)
		}
	}
}

// adoptRang saves the Répartition screen's split as « Rang » and adopts it.
func adoptRang(t *testing.T, a *App) {
	t.Helper()
	a.selectScreen("Répartition")
	a.split.name.SetText("Rang")
	a.split.onSave(false)
	if err := a.base.db.AdoptScenario(context.Background(), a.campaign.ID, "Rang"); err != nil {
		t.Fatal(err)
	}
}

// chooseJuror picks, in the Notation screen's selector, the juror of that name.
func chooseJuror(a *App, name string) {
	for _, j := range a.scoring.jurors {
		if j.Name == name {
			a.scoring.jurorSel.SetSelected(j.Label())
			return
		}
	}
	panic("no juror " + name)
}
