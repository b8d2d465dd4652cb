package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// After the deliberation the Répartition screen shows the adopted scenario,
// marked as such, and nothing on it can be typed or chosen; the reason is
// said on the screen.
func TestSplitReadOnlyAfterDeliberation(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	ctx := context.Background()
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	a.split.method.SetSelected("Uniforme") // left on screen, never adopted
	deliberate(t, a)
	a.selectScreen("Répartition")
	s := a.split
	if s.method.Selected != "Rang" {
		t.Errorf("method %q on screen, the adopted scenario is by rank", s.method.Selected)
	}
	if s.scenarios.Selected != "Rang (adopté)" {
		t.Errorf("scenario selector shows %q", s.scenarios.Selected)
	}
	for name, w := range map[string]fyne.Disableable{"méthode": s.method, "pas": s.step, "minimum": s.minimum, "plafond": s.cp,
		"partiel": s.partial, "scénarios": s.scenarios, "nom": s.name, "enregistrer": s.save, "adopter": s.adopt, "délibération": s.deliberate} {
		if !w.Disabled() {
			t.Errorf("%s still enabled on a deliberated campaign", name)
		}
	}
	cell := s.table.CreateCell()
	s.updateCell(widget.TableCellID{Row: 0, Col: splitAmount}, cell)
	if !cell.(*fyne.Container).Objects[1].(*widget.Entry).Disabled() {
		t.Error("amount cell editable")
	}
	s.updateCell(widget.TableCellID{Row: 0, Col: splitFixed}, cell)
	if !cell.(*fyne.Container).Objects[2].(*widget.Check).Disabled() {
		t.Error("« Fixé » cell editable")
	}
	if !s.lockNote.Visible() || s.lockNote.Text == "" || s.help.Visible() {
		t.Error("no reason on the screen, or the help to fix an amount")
	}
	// Reopened, the screen is editable again.
	if err := a.base.db.Reopen(ctx, a.campaign.ID, "erreur de montant"); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
	if a.split.step.Disabled() || a.split.lockNote.Visible() {
		t.Error("still read-only after reopening")
	}
}

// The adopted scenario is marked wherever a scenario is chosen.
func TestAdoptedScenarioMarked(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	a.selectScreen("Documents")
	found := false
	for _, o := range a.docs.scenario.Options {
		found = found || o == "Rang (adopté)"
	}
	if !found {
		t.Fatalf("documents' scenarios %q", a.docs.scenario.Options)
	}
	a.docs.scenario.SetSelected("Rang (adopté)")
	if got := a.docs.options().Scenario; got != "Rang" {
		t.Fatalf("scenario asked %q", got)
	}
	a.selectScreen("Répartition")
	if a.split.scenarios.Selected != "Rang (adopté)" {
		t.Fatalf("split's selector shows %q", a.split.scenarios.Selected)
	}
}

// A dossier of a deliberated campaign opens read-only, the reason said.
func TestFormReadOnlyAfterDeliberation(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Dossiers")
	a.register.openForm(&a.register.rows[0])
	f := a.register.form
	for name, w := range map[string]fyne.Disableable{"structure": f.name, "commune": f.commune, "thématique": f.theme, "QPV": f.qpv,
		"pièces": f.docs, "notes": f.notes, "avis": f.opinion, "enregistrer": f.save, "demandé": f.requested} {
		if !w.Disabled() {
			t.Errorf("%s editable on a deliberated campaign", name)
		}
	}
	if !f.banner.Visible() || !strings.Contains(f.banner.Text, "Lecture seule") {
		t.Errorf("banner %q", f.banner.Text)
	}
}

// After the deliberation, Notation's cells and Classement's decisions can
// no longer be changed from the window.
func TestScoresAndDecisionsReadOnlyAfterDeliberation(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Notation")
	chooseJuror(a, "Mme Durand")
	if !a.scoring.rows[0].entries[0].Disabled() {
		t.Error("a score cell editable")
	}
	a.selectScreen("Classement")
	if b := findButton(t, a.ranking.root, "Confirmer les propositions…"); !b.Disabled() {
		t.Error("« Confirmer les propositions » enabled")
	}
	a.ranking.onDecide(a.ranking.rows[0])
	if text := overlayText(a); !strings.Contains(text, "arrêtée par la délibération") {
		t.Errorf("the decision dialog opened: %q", text)
	}
}

// After the deliberation the Jury and Campagne screens take nothing typed:
// the base would refuse it.
func TestJuryAndSettingsReadOnlyAfterDeliberation(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Jury")
	if !a.jury.name.Disabled() || !findButton(t, a.jury.root, "Ajouter au jury").Disabled() {
		t.Error("a juror can be added")
	}
	ch := widget.NewCheck("", nil)
	a.jury.updateMatrixCell(widget.TableCellID{Row: 0, Col: 0}, ch)
	if !ch.Disabled() {
		t.Error("a conflict can be declared")
	}
	a.selectScreen("Campagne")
	if !a.settings.title.Disabled() || !a.settings.envelope.Disabled() || !findButton(t, a.settings.root, "Enregistrer la campagne").Disabled() {
		t.Error("the campaign's settings editable")
	}
	if a.settings.newCampaignBtn.Disabled() {
		t.Error("« Nouvelle campagne… » disabled")
	}
}

// The letters' templates of a deliberated campaign are shown, not edited.
func TestTemplatesReadOnlyAfterDeliberation(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Documents")
	if !a.docs.attrib.Disabled() || !a.docs.delib.Disabled() {
		t.Error("templates editable")
	}
	if a.docs.produceBtn.Disabled() {
		t.Error("documents can no longer be produced")
	}
}

// No dossier can be added to a deliberated campaign from the register.
func TestRegisterAddsNothingAfterDeliberation(t *testing.T) {
	a := deliberatedApp(t)
	a.selectScreen("Dossiers")
	for _, text := range []string{"Nouveau dossier", "Importer…"} {
		if !findButton(t, a.register.root, text).Disabled() {
			t.Errorf("« %s » enabled", text)
		}
	}
	if err := a.base.db.Reopen(context.Background(), a.campaign.ID, "erreur"); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
	if findButton(t, a.register.root, "Nouveau dossier").Disabled() {
		t.Error("still disabled once reopened")
	}
}

// deliberatedApp is the window on a campaign scored, split, adopted and
// deliberated: every screen's read-only state.
func deliberatedApp(t *testing.T) *App {
	t.Helper()
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5", "4")
	adoptRang(t, a)
	deliberate(t, a)
	return a
}

// deliberate records the deliberation, as another desk would, and the window
// reloads the campaign.
func deliberate(t *testing.T, a *App) {
	t.Helper()
	if err := campaign.Deliberate(context.Background(), a.base.db, a.campaign.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	a.reloadCampaign(context.Background())
}
