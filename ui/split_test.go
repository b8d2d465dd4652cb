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
	a.sync = true
	withJury(t, a)
	ctx := context.Background()
	c := a.campaign
	c.EnvelopeCents = 700_000 // 7 000 € for two requests of 5 000 €
	if err := a.db.UpdateCampaign(ctx, c, false); err != nil {
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
	s.updateCell(widget.TableCellID{Row: 1, Col: 6}, cell)
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
	if s.result != nil || s.gaugeText.Text != "" || s.groups.Text != "" {
		t.Fatalf("panels of the previous split still shown: %q %q", s.gaugeText.Text, s.groups.Text)
	}
	s.step.SetText("1")
	s.name.SetText("Uniforme, 1 000 € fixés")
	s.onSave(false)
	list, _ := a.db.Scenarios(ctx, c.ID)
	if len(list) != 1 || list[0].Name != "Uniforme, 1 000 € fixés" || list[0].TotalCents != 600_000 {
		t.Fatalf("saved %+v", list)
	}
	sc, _ := a.db.Scenario(ctx, c.ID, list[0].Name)
	if sc.Locks[s.result.Lines[1].ID] != 100_000 {
		t.Fatalf("locks %+v", sc.Locks)
	}
	if err := a.db.AdoptScenario(ctx, c.ID, list[0].Name); err != nil {
		t.Fatal(err)
	}
	// Reload it from the list after changing the method: parameters come back.
	s.method.SetSelected("Rang")
	s.reloadScenarios()
	s.onLoadScenario(list[0].Name + " (adopté)")
	if s.method.Selected != "Uniforme" || s.result.TotalCents != 600_000 {
		t.Fatalf("reloaded: %s %d", s.method.Selected, s.result.TotalCents)
	}
	text := compareText(c, s.split, []*data.Scenario{sc, sc})
	if !strings.Contains(text, "Total") || !strings.Contains(text, "Par thématique") {
		t.Fatalf("comparison %q", text)
	}
}
