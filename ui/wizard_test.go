package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/sheet"
)

func TestImportWizardMapsColumns(t *testing.T) {
	a := newTestApp(t)
	csv := "Dénomination du porteur;Objet de la demande;Montant sollicité (€);Note interne\n" +
		"Les Petits Pas;Vélo-école;8 000;x\nL'Étoile;Atelier santé;4 000,50;\n"
	tab, err := sheet.Read("ds.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	w := a.imports.showImportWizard(context.Background(), "ds.csv", tab)
	if w.selects[2].Selected != "Montant demandé" || w.selects[0].Selected != ignoreOption {
		t.Fatalf("guess: %q %q", w.selects[2].Selected, w.selects[0].Selected)
	}
	w.selects[0].SetSelected("Structure")
	w.selects[1].SetSelected("Intitulé du projet")
	w.mapName.SetText("Démarches simplifiées")
	w.onSaveMapping()
	if names, _ := a.base.db.Mappings(context.Background()); len(names) != 1 || names[0] != "Démarches simplifiées" {
		t.Fatalf("saved mappings %v", names)
	}
	// A second file of the same format gets the saved mapping back.
	w2 := a.imports.showImportWizard(context.Background(), "ds2.csv", tab)
	w2.onLoadMapping("démarches simplifiées")
	if w2.selects[0].Selected != "Structure" || w2.selects[1].Selected != "Intitulé du projet" {
		t.Fatalf("loaded mapping: %q %q", w2.selects[0].Selected, w2.selects[1].Selected)
	}
	mapped := w2.mapping()
	if mapped["Note interne"] != "-" {
		t.Fatalf("mapping %v", mapped)
	}
	w2.onCheck()
	// The preview is open with the import allowed; tap it.
	p := previewOnScreen(t, a)
	if p == nil || p.button.Disabled() {
		t.Fatalf("preview: %+v", p)
	}
	test.Tap(p.button)
	if n := len(stored(t, a)); n != 2 {
		t.Fatalf("%d applications after the wizard's import", n)
	}
}

// « Fermer » closes the wizard; an import done from its preview closes both;
// the report is a readable label that says « aucune erreur » once.
func TestImportWizardCloses(t *testing.T) {
	a := newTestApp(t)
	csv := "Structure;Intitulé du projet;Montant demandé\nLes Petits Pas;Vélo-école;8 000\n"
	tab, err := sheet.Read("ds.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	a.imports.showImportWizard(context.Background(), "ds.csv", tab)
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Fermer"))
	if top := a.win.Canvas().Overlays().Top(); top != nil {
		t.Fatal("« Fermer » left the wizard open")
	}
	w := a.imports.showImportWizard(context.Background(), "ds.csv", tab)
	w.onCheck()
	p := previewOnScreen(t, a)
	if n := strings.Count(strings.ToLower(p.report.Text), "aucune erreur"); n != 1 {
		t.Errorf("« aucune erreur » said %d times: %q", n, p.report.Text)
	}
	if p.report.Importance == widget.LowImportance {
		t.Error("report in a faded colour")
	}
	test.Tap(p.button)
	if n := len(a.win.Canvas().Overlays().List()); n != 1 { // « Import terminé »
		t.Fatalf("after the import, %d dialogs open", n)
	}
}

// The preview imports into the campaign its file was checked against, even
// when the window shows another one by the time « Importer » is pressed.
func TestImportGoesToTheCheckedCampaign(t *testing.T) {
	a := newTestApp(t)
	checked := a.campaign
	csv := "Structure;Intitulé du projet;Montant demandé\nLes Petits Pas;Vélo-école;8 000\n"
	tab, err := sheet.Read("dossiers.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	a.imports.showImportWizard(context.Background(), "dossiers.csv", tab).onCheck()
	p := previewOnScreen(t, a)
	other, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(other)
	before := len(stored(t, a))
	test.Tap(p.button)
	if n := len(stored(t, a)); n != before {
		t.Fatalf("the file went to %s, shown meanwhile: %d dossiers instead of %d", other.Code, n, before)
	}
	a.setCampaign(checked)
	if n := len(stored(t, a)); n != 1 {
		t.Fatalf("%d dossiers in %s, the campaign the file was checked against", n, checked.Code)
	}
}
