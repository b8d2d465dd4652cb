package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/call-agglo/cohesion/data"
)

// « Édition › Annuler » undoes « Confirmer les propositions », once, and the
// journal says so.
func TestUndoConfirmProposals(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "1")
	a.selectScreen("Classement")
	if !a.undo.item.Disabled {
		t.Fatal("« Annuler » offered before any bulk action")
	}
	a.ranking.onConfirmProposals()
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Confirmer"))
	ctx := context.Background()
	if ds, _ := a.base.db.Decisions(ctx, a.campaign.ID); len(ds) != 2 {
		t.Fatalf("%d decisions recorded", len(ds))
	}
	if a.undo.item.Disabled || a.undo.item.Label != "Annuler « Confirmer les propositions »" {
		t.Fatalf("menu item %q disabled=%v", a.undo.item.Label, a.undo.item.Disabled)
	}
	a.undo.item.Action()
	if ds, _ := a.base.db.Decisions(ctx, a.campaign.ID); len(ds) != 0 {
		t.Fatalf("%d decisions after the undo", len(ds))
	}
	for _, r := range a.ranking.rows {
		if r.Decision != nil {
			t.Fatalf("the ranking still shows %s decided", r.Number)
		}
	}
	trail, _ := a.base.db.Audit(ctx, data.AuditFilter{CampaignID: a.campaign.ID, Limit: 1})
	if !strings.Contains(trail[0].Action+trail[0].New, "annulation : Confirmer les propositions") {
		t.Fatalf("last journal entry %+v", trail[0])
	}
	if !a.undo.item.Disabled {
		t.Fatal("the same action can be undone twice")
	}
}

// An undo is refused once something else was written: it never wipes a later change.
func TestUndoRefusedAfterAnotherWrite(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Jury")
	j, _ := a.base.db.JurorByName(context.Background(), a.campaign.ID, "M. Leroy")
	a.jury.onDeleteJuror(*j)
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Retirer"))
	if _, err := a.base.db.JurorByName(context.Background(), a.campaign.ID, "M. Leroy"); err == nil {
		t.Fatal("juror not removed")
	}
	ap := &data.Application{Structure: data.Structure{Name: "Après"}, Title: "Projet", RequestedCents: 100_000}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, ap); err != nil {
		t.Fatal(err)
	}
	a.undo.item.Action()
	if _, err := a.base.db.JurorByName(context.Background(), a.campaign.ID, "M. Leroy"); err == nil {
		t.Fatal("the undo went through after another write")
	}
}

// Undoing the removal of a juror brings them back with their déport.
func TestUndoJurorRemoval(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Jury")
	ctx := context.Background()
	j, _ := a.base.db.JurorByName(ctx, a.campaign.ID, "M. Leroy")
	a.jury.onDeleteJuror(*j)
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Retirer"))
	a.undo.item.Action()
	back, err := a.base.db.JurorByName(ctx, a.campaign.ID, "M. Leroy")
	if err != nil || back.ID != j.ID {
		t.Fatalf("juror back: %+v %v", back, err)
	}
	if ks, _ := a.base.db.Conflicts(ctx, a.campaign.ID); len(ks) != 1 {
		t.Fatalf("%d déports after the undo", len(ks))
	}
	if len(a.jury.jurors) != 2 {
		t.Fatalf("the Jury screen shows %d jurors", len(a.jury.jurors))
	}
}

// Undoing an adoption adopts again the scenario adopted before (here none).
func TestUndoAdoption(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	a.selectScreen("Répartition")
	a.split.name.SetText("Rang")
	a.split.onSave(false)
	a.split.onAdopt()
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Adopter"))
	ctx := context.Background()
	if sc, err := a.base.db.AdoptedScenario(ctx, a.campaign.ID); err != nil || sc.Name != "Rang" {
		t.Fatalf("adopted %+v %v", sc, err)
	}
	a.undo.item.Action()
	if _, err := a.base.db.AdoptedScenario(ctx, a.campaign.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("still adopted after the undo: %v", err)
	}
}
