package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A dossier typed after the deadline without its deposit date is not born
// « Irrecevable (hors délai) »; one typed with a late date is, and the
// banner says it in the warning colour, never the success one.
func TestNewDossierWithoutDepositDate(t *testing.T) {
	a := newTestApp(t)
	storetest.Pin(a.base.db, time.Date(2021, 6, 2, 9, 0, 0, 0, data.Paris))
	a.onNewApplication()
	f := a.register.form
	if f.received.entry.Text != "" {
		t.Fatalf("a new dossier's deposit date is %q before anything is typed", f.received.entry.Text)
	}
	test.Type(f.name, "Association sans date")
	test.Type(f.title, "Projet")
	test.Type(f.requested, "1 000")
	a.register.onSaveShortcut()
	if f.a == nil || f.a.Late || f.a.Status != data.StatusRecu {
		t.Fatalf("saved %+v", f.a)
	}
	if f.banner.Importance != widget.SuccessImportance {
		t.Errorf("banner %q in importance %v", f.banner.Text, f.banner.Importance)
	}
	if got := cellText(a, 0, 1); got != "" {
		t.Errorf("register shows the unknown deposit as %q", got)
	}

	a.onNewApplication()
	f = a.register.form
	test.Type(f.name, "Association en retard")
	test.Type(f.title, "Projet")
	test.Type(f.requested, "1 000")
	test.Type(f.received.entry, "03/05/2021 10:00")
	a.register.onSaveShortcut()
	if f.a == nil || !f.a.Late || f.a.Status != data.StatusIrrecevable {
		t.Fatalf("late dossier saved %+v", f.a)
	}
	if f.banner.Importance != widget.WarningImportance || !strings.Contains(f.banner.Text, "hors délai") {
		t.Errorf("late banner %q in importance %v", f.banner.Text, f.banner.Importance)
	}
}

// In the demonstration campaign a typed dossier follows DEMO-030 with
// DEMO-031, and the form says so before saving.
func TestTypedNumberFollowsScheme(t *testing.T) {
	a := newTestApp(t)
	c, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(c)
	a.onNewApplication()
	f := a.register.form
	if !strings.Contains(f.number.PlaceHolder, "DEMO-031") {
		t.Fatalf("placeholder %q", f.number.PlaceHolder)
	}
	test.Type(f.name, "Association (fictif)")
	test.Type(f.title, "Projet")
	test.Type(f.requested, "1 000")
	a.register.onSaveShortcut()
	if f.a == nil || f.a.Number != "DEMO-031" {
		t.Fatalf("saved as %+v", f.a)
	}
}

// The demonstration campaign keeps personal data 36 months, like the real
// one, and its Campagne screen says so.
func TestDemoRetention(t *testing.T) {
	a := newTestApp(t)
	c, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(c)
	a.selectScreen("Campagne")
	if a.campaign.RetentionMonths != 36 || a.settings.retention.Text != "36" {
		t.Fatalf("retention %d, screen %q", a.campaign.RetentionMonths, a.settings.retention.Text)
	}
}

// Classement's alerts read whole: the column is as wide as the longest one.
func TestRankingAlertsReadable(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "4", "4") // a tie, broken by the deposit date
	a.selectScreen("Classement")
	var alert string
	for _, r := range a.ranking.rows {
		if len(r.Flags) > 0 {
			alert = rankColumns[alertsColumn].text(&r)
		}
	}
	if !strings.Contains(alert, "ex aequo départagé") {
		t.Fatalf("no tie alert: %q", alert)
	}
	if w := columnWidth(a.ranking.rows, alertsColumn); w < textWidth(alert)+2*theme.Padding() {
		t.Fatalf("column %v for an alert of %v", w, textWidth(alert))
	}
}

// Historique shows the date and the time whole.
func TestHistoryDateWhole(t *testing.T) {
	test.NewTempApp(t)
	cell := widget.NewLabel("30/12/2026 23:59")
	if w := historyColumnWidths()[0]; w < cell.MinSize().Width+2*theme.Padding() { // a cell pads its label
		t.Fatalf("date column %v, a date and time need %v", w, cell.MinSize().Width)
	}
}

// The window reopens the campaign last used on the base, even the
// demonstration when that is what the user chose; a new base opens on its
// real campaign.
func TestReopensLastCampaign(t *testing.T) {
	fa := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "cohesion.db")
	open := func() *App {
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		a, err := newApp(fa, backend.Bases{}, path, db, inlineRunner{})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := open()
	c, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(c)
	a.Close()
	a = open()
	defer a.Close()
	if a.campaign.Code != data.DemoCode || a.campaignSel.Selected != data.DemoCode {
		t.Fatalf("reopened on %s", a.campaign.Code)
	}
	other := filepath.Join(t.TempDir(), "autre.db")
	db, err := sqlite.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	b, err := newApp(fa, backend.Bases{}, other, db, inlineRunner{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.campaign.Code != "AMI2021" {
		t.Fatalf("another base opened on %s", b.campaign.Code)
	}
	b.Close()
	// COHESION_CAMPAIGN names the campaign, as for the command line; an
	// unknown code falls back to the usual choice.
	for code, want := range map[string]string{"AMI2021": "AMI2021", "NULLEPART": data.DemoCode} {
		t.Setenv("COHESION_CAMPAIGN", code)
		a = open()
		if a.campaign.Code != want {
			t.Errorf("COHESION_CAMPAIGN=%s: opened on %s", code, a.campaign.Code)
		}
		a.Close()
	}
}

// A tie broken by the heaviest criterion names it by its number in the grid.
func TestTieAlertNamesTheCriterion(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Notation")
	chooseJuror(a, "Mme Durand")
	for row, digits := range [][]string{{"2", "0", "0", "0", "0"}, {"0", "3", "0", "0", "0"}} {
		for i, d := range digits {
			test.Type(a.scoring.rows[row].entries[i], d)
		}
	}
	a.selectScreen("Classement")
	var got []string
	for _, r := range a.ranking.rows {
		got = append(got, rankColumns[alertsColumn].text(&r))
	}
	if !strings.Contains(strings.Join(got, "|"), "ex aequo départagé : critère 1") {
		t.Fatalf("alerts %q", got)
	}
}

// The juror chosen in Notation stays chosen when the user comes back.
func TestNotationKeepsItsJuror(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Notation")
	chooseJuror(a, "M. Leroy")
	a.selectScreen("Classement")
	a.selectScreen("Notation")
	if a.scoring.juror == nil || a.scoring.juror.Name != "M. Leroy" || len(a.scoring.rows) != 2 {
		t.Fatalf("back on Notation: juror %+v, %d rows", a.scoring.juror, len(a.scoring.rows))
	}
}
