package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// overlayText is the text of every label and check box of the dialog on top.
func overlayText(a *App) string { return textOf(a.win.Canvas().Overlays().Top()) }

// textOf is the text of every label and check box under o, one per line.
func textOf(root fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *frenchLabel:
			b.WriteString(o.text + "\n")
		case *widget.Check:
			b.WriteString(o.Text + "\n")
		case *widget.PopUp:
			walk(o.Content)
		case *container.Scroll:
			walk(o.Content)
		case *widget.Form:
			for _, it := range o.Items {
				walk(it.Widget)
			}
		case *widget.Card:
			walk(o.Content)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(root)
	return b.String()
}

// findIn finds the first widget of type T in the dialog on top.
func findIn[T fyne.CanvasObject](a *App) T {
	var found T
	var done bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if done {
			return
		}
		if w, ok := o.(T); ok {
			found, done = w, true
			return
		}
		switch o := o.(type) {
		case *widget.PopUp:
			walk(o.Content)
		case *widget.Form:
			for _, it := range o.Items {
				walk(it.Widget)
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(a.win.Canvas().Overlays().Top())
	return found
}

// withPending adds to withJury a third dossier, still « Reçu », that a juror
// already scored: the ranking leaves it apart, and says so.
func withPending(t *testing.T, a *App) *data.Application {
	t.Helper()
	withJury(t, a)
	ap := &data.Application{Received: time.Date(2021, 4, 5, 9, 0, 0, 0, data.Paris), Structure: data.Structure{Name: "Avenir"},
		Title: "Projet Avenir", RequestedCents: 300_000}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, ap); err != nil {
		t.Fatal(err)
	}
	typeScores(a, "Mme Durand", "5", "4", "5")
	return ap
}

// Classement names the dossiers still in instruction, and « Confirmer les
// propositions » lists them first and asks for an explicit confirmation.
func TestConfirmProposalsListsWhatDeservesALook(t *testing.T) {
	a := newTestApp(t)
	ap := withPending(t, a)
	a.selectScreen("Classement")
	if len(a.ranking.rows) != 2 || !strings.Contains(a.ranking.summary.text, "À instruire, hors classement : 1 dossier") ||
		!strings.Contains(a.ranking.summary.text, ap.Number) {
		t.Fatalf("%d lines, summary %q", len(a.ranking.rows), a.ranking.summary.text)
	}
	a.ranking.onConfirmProposals()
	if text := overlayText(a); !strings.Contains(text, "À instruire, hors classement : 1 dossier ni recevable ni irrecevable ("+ap.Number+")") {
		t.Fatalf("the confirmation does not list the dossier à instruire:\n%s", text)
	}
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Confirmer"))
	ctx := context.Background()
	if ds, _ := a.base.db.Decisions(ctx, a.campaign.ID); len(ds) != 0 {
		t.Fatalf("%d decisions recorded without the explicit confirmation", len(ds))
	}
	a.dialogs.dismissTop() // the message saying why
	a.ranking.onConfirmProposals()
	test.Tap(findIn[*widget.Check](a))
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Confirmer"))
	if ds, _ := a.base.db.Decisions(ctx, a.campaign.ID); len(ds) != 2 {
		t.Fatalf("%d decisions after the confirmation", len(ds))
	}
}

// The Instruction section refuses « Recevable » without the required pièces
// and without a reason, with the store's rule, and takes a reason as the
// exemption.
func TestRecevableNeedsPiecesInTheForm(t *testing.T) {
	a := newTestApp(t)
	ap := &data.Application{Structure: data.Structure{Name: "Avenir"}, Title: "Projet", RequestedCents: 100_000,
		Documents: map[data.Document]bool{data.DocCerfa: true}}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, ap); err != nil {
		t.Fatal(err)
	}
	a.selectScreen("Dossiers")
	rows := stored(t, a)
	a.register.openForm(&rows[0])
	f := a.register.form
	f.onChangeStatus()
	if text := overlayText(a); !strings.Contains(text, "Pièces exigées manquantes : Statuts") {
		t.Errorf("the dialog does not name the missing pièces:\n%s", text)
	}
	findIn[*widget.Select](a).SetSelected(data.StatusRecevable.Label())
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Valider"))
	if text := overlayText(a); !strings.Contains(text, "ne peut pas être déclaré recevable") {
		t.Fatalf("no refusal shown:\n%s", text)
	}
	a.dialogs.dismissTop()
	if got, _ := a.base.db.Application(context.Background(), ap.ID); got.Status != data.StatusRecu {
		t.Fatalf("status %s after the refusal", got.Status)
	}
	f.onChangeStatus()
	findIn[*widget.Select](a).SetSelected(data.StatusRecevable.Label())
	test.Type(findIn[*escEntry](a), "Statuts déposés en préfecture, copie attendue")
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Valider"))
	if got, _ := a.base.db.Application(context.Background(), ap.ID); got.Status != data.StatusRecevable || got.Exemption == "" {
		t.Fatalf("status %s, exemption %q", got.Status, got.Exemption)
	}
}

// The dashboard's envelope says what each amount counts, and names the
// dossiers à instruire beside the jury's progress.
func TestDashboardSaysWhatAmountsCount(t *testing.T) {
	a := newTestApp(t)
	withPending(t, a)
	a.selectScreen("Tableau de bord")
	text := textOf(a.dashboard.root)
	for _, want := range []string{"Demandé par les 2 dossiers recevables : 10\u202f000,00\u00a0€ — 13\u202f000,00\u00a0€ au registre (3 dossiers, tous statuts)",
		"À instruire, hors classement : 1 dossier"} {
		if !strings.Contains(text, want) {
			t.Errorf("dashboard lacks %q:\n%s", want, text)
		}
	}
}

// The Campagne screen says which pièces « Recevable » needs, as `campaign
// set required-pieces` does.
func TestSettingsRequiredPieces(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Campagne")
	s := a.settings
	if len(s.required.Selected) != len(data.Documents) {
		t.Fatalf("%d pièces ticked by default", len(s.required.Selected))
	}
	s.required.SetSelected([]string{data.DocCerfa.Label(), data.DocRIB.Label()})
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	c, _ := a.base.db.Campaign(context.Background(), a.campaign.ID)
	if got := c.Required(); len(got) != 2 || got[0] != data.DocCerfa || got[1] != data.DocRIB {
		t.Fatalf("required pièces saved: %v (banner %q)", got, s.banner.Text)
	}
	s.required.SetSelected(nil)
	test.Tap(findButton(t, s.root, "Enregistrer la campagne"))
	if !strings.Contains(s.banner.Text, "au moins une pièce") {
		t.Errorf("banner %q", s.banner.Text)
	}
}

// Adopting a scenario and recording the deliberation list first the dossiers
// à instruire, and go on only once the box is ticked.
func TestAdoptionAndDeliberationAskFirst(t *testing.T) {
	a := newTestApp(t)
	ap := withPending(t, a)
	ctx := context.Background()
	a.selectScreen("Répartition")
	a.split.name.SetText("Rang")
	a.split.onSave(false)
	a.split.onAdopt()
	if text := overlayText(a); !strings.Contains(text, ap.Number) || !strings.Contains(text, reviewAck) {
		t.Fatalf("the adoption does not list the dossier à instruire:\n%s", text)
	}
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Adopter"))
	if _, err := a.base.db.AdoptedScenario(ctx, a.campaign.ID); err == nil {
		t.Fatal("adopted without the explicit confirmation")
	}
	a.dialogs.dismissTop()
	a.split.onAdopt()
	test.Tap(findIn[*widget.Check](a))
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Adopter"))
	if _, err := a.base.db.AdoptedScenario(ctx, a.campaign.ID); err != nil {
		t.Fatalf("not adopted after the confirmation: %v", err)
	}
	a.split.onDeliberation()
	if text := overlayText(a); !strings.Contains(text, "À instruire, hors classement : 1 dossier") {
		t.Errorf("the deliberation does not list the dossier à instruire:\n%s", text)
	}
}
