package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/call-agglo/cohesion/data"
)

func TestSplitScreen(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	ctx := context.Background()
	c := a.campaign
	c.EnvelopeCents = 700_000 // 7 000 € for two requests of 5 000 €
	if err := a.base.db.UpdateCampaign(ctx, c, false); err != nil {
		t.Fatal(err)
	}
	typeScores(a, "Mme Durand", "5", "4")
	a.selectScreen("Répartition")
	s := a.split
	if s.result == nil || len(s.result.Lines) != 2 {
		t.Fatalf("result %+v", s.result)
	}
	if s.result.Lines[0].AmountCents != 500_000 || s.result.Lines[1].AmountCents != 200_000 || s.result.RemainderCents != 0 {
		t.Fatalf("rank: %+v", s.result.Lines)
	}
	if !strings.Contains(s.gaugeText.Text, "Reliquat : 0,00") || s.gauge.Value != 1 {
		t.Errorf("gauge %q %v", s.gaugeText.Text, s.gauge.Value)
	}
	// Uniform: the same share of every cap.
	s.method.SetSelected("Uniforme")
	if s.result.Lines[0].AmountCents != 350_000 || s.result.Lines[1].AmountCents != 350_000 {
		t.Fatalf("uniform: %+v", s.result.Lines)
	}
	// Lock the second line at 1 000 € by typing it: the first gets the rest.
	cell := s.table.CreateCell()
	s.updateCell(widget.TableCellID{Row: 1, Col: splitAmount}, cell)
	amount := cell.(*fyne.Container).Objects[1].(*widget.Entry)
	amount.SetText("1 000")
	amount.OnSubmitted(amount.Text)
	if !s.result.Lines[1].Locked || s.result.Lines[1].AmountCents != 100_000 || s.result.Lines[0].AmountCents != 500_000 || s.result.RemainderCents != 100_000 {
		t.Fatalf("locked: %+v, reliquat %d", s.result.Lines, s.result.RemainderCents)
	}
	// A bad parameter is said, and nothing changes.
	s.step.SetText("abc")
	if !s.banner.Visible() || !strings.Contains(s.banner.Text, "Pas d'arrondi") {
		t.Fatalf("banner %q", s.banner.Text)
	}
	if s.result != nil || s.gaugeText.Text != "" || len(s.groups.Objects) != 0 || len(s.chart.Objects) != 0 {
		t.Fatalf("panels of the previous split still shown: %q, %d groups", s.gaugeText.Text, len(s.groups.Objects))
	}
	s.step.SetText("1")
	s.name.SetText("Uniforme, 1 000 € fixés")
	s.onSave(false)
	list, _ := a.base.db.Scenarios(ctx, c.ID)
	if len(list) != 1 || list[0].Name != "Uniforme, 1 000 € fixés" || list[0].TotalCents != 600_000 {
		t.Fatalf("saved %+v", list)
	}
	sc, _ := a.base.db.Scenario(ctx, c.ID, list[0].Name)
	if sc.Locks[s.result.Lines[1].ID] != 100_000 {
		t.Fatalf("locks %+v", sc.Locks)
	}
	if err := a.base.db.AdoptScenario(ctx, c.ID, list[0].Name); err != nil {
		t.Fatal(err)
	}
	// Reload it from the list after changing the method: parameters come back.
	s.method.SetSelected("Rang")
	s.reloadScenarios(context.Background())
	s.onLoadScenario(list[0].Name + " (adopté)")
	if s.method.Selected != "Uniforme" || s.result.TotalCents != 600_000 {
		t.Fatalf("reloaded: %s %d", s.method.Selected, s.result.TotalCents)
	}
}

// The comparison is a table: a column per scenario, a difference column,
// the totals, then the sums by theme, QPV and commune.
func TestScenarioComparisonTable(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	c := a.campaign
	c.EnvelopeCents = 700_000
	if err := a.base.db.UpdateCampaign(context.Background(), c, false); err != nil {
		t.Fatal(err)
	}
	typeScores(a, "Mme Durand", "5", "4")
	a.selectScreen("Répartition")
	s := a.split
	s.name.SetText("Rang")
	s.onSave(false)
	s.method.SetSelected("Uniforme")
	s.name.SetText("Uniforme")
	s.onSave(false)
	var scs []*data.Scenario
	for _, n := range []string{"Rang", "Uniforme"} {
		sc, err := a.base.db.Scenario(context.Background(), c.ID, n)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, sc)
	}
	heads, rows := comparison(c, s.split, scs)
	if len(heads) != 5 || heads[2] != "Rang" || heads[3] != "Uniforme" || heads[4] != "Écart" {
		t.Fatalf("heads %q", heads)
	}
	// Rang: 5 000 + 2 000; Uniforme: 3 500 + 3 500.
	first := rows[0].cells
	if first[0] != "AMI2021-001" || first[2] != "5\u202f000,00\u00a0€" || first[3] != "3\u202f500,00\u00a0€" || first[4] != "−1\u202f500,00\u00a0€" {
		t.Fatalf("first line %q", first)
	}
	var total, byTheme bool
	for _, r := range rows {
		total = total || (r.cells[0] == "Total" && r.bold && r.cells[4] == "0,00\u00a0€")
		byTheme = byTheme || (r.cells[0] == "Par thématique" && r.bold)
	}
	if !total || !byTheme {
		t.Fatalf("rows %v", rows)
	}
	tbl := comparisonTable(heads, rows)
	if r, c := tbl.Length(); r != len(rows) || c != 5 {
		t.Fatalf("table %d×%d", r, c)
	}
}

// Répartition opens on the adopted scenario with its method, parameters and
// fixed amounts, keeps what the user set when they come back, and stops
// saying « Scénario … enregistré » once the amounts change.
func TestSplitKeepsItsState(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	c := a.campaign
	c.EnvelopeCents = 700_000
	if err := a.base.db.UpdateCampaign(context.Background(), c, false); err != nil {
		t.Fatal(err)
	}
	typeScores(a, "Mme Durand", "5", "4")
	a.selectScreen("Répartition")
	s := a.split
	s.method.SetSelected("Uniforme")
	s.step.SetText("100")
	s.minimum.SetText("500")
	s.onLock(s.result.Lines[1].ID, "1 000")
	s.name.SetText("Uniforme fixé")
	s.onSave(false)
	if !s.banner.Visible() || s.banner.Importance != widget.SuccessImportance {
		t.Fatalf("banner %q", s.banner.Text)
	}
	s.step.SetText("50")
	if s.banner.Visible() {
		t.Fatalf("« %s » still shown once the amounts changed", s.banner.Text)
	}
	// Coming back keeps what was on screen.
	a.selectScreen("Classement")
	a.selectScreen("Répartition")
	if s.method.Selected != "Uniforme" || s.step.Text != "50" || s.minimum.Text != "500" || len(s.locks) != 1 || s.name.Text != "Uniforme fixé" {
		t.Fatalf("after coming back: %s, pas %q, min %q, %d fixed, %q", s.method.Selected, s.step.Text, s.minimum.Text, len(s.locks), s.name.Text)
	}
	// A fresh window opens on the adopted scenario.
	if err := a.base.db.AdoptScenario(context.Background(), c.ID, "Uniforme fixé"); err != nil {
		t.Fatal(err)
	}
	s.kept = nil
	a.selectScreen("Classement")
	a.selectScreen("Répartition")
	if s.method.Selected != "Uniforme" || s.step.Text != "100,00" || s.minimum.Text != "500,00" || len(s.locks) != 1 || s.name.Text != "Uniforme fixé" {
		t.Fatalf("opened on: %s, pas %q, min %q, %d fixed, %q", s.method.Selected, s.step.Text, s.minimum.Text, len(s.locks), s.name.Text)
	}
}
