package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
)

// sampleWizard types two dossiers as the form does (AMI2021-001 and -002,
// for structures the sample file does not hold), then opens the wizard on
// testdata/applications-sample.csv, which brings its own -001 and -002.
func sampleWizard(t *testing.T) (*App, *importWizard) {
	t.Helper()
	a := newTestApp(t)
	for _, name := range []string{"Association Vivre à Méricourt", "Le Relais de Billy"} {
		typed := &data.Application{Structure: data.Structure{Name: name}, Title: "Projet de " + name, RequestedCents: 500_000}
		if err := a.base.db.CreateApplication(context.Background(), a.campaign, typed); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(filepath.Join("..", "testdata", "applications-sample.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := importer.ReadApplications("applications-sample.csv", f)
	if err != nil {
		t.Fatal(err)
	}
	return a, a.imports.showImportWizard(context.Background(), "applications-sample.csv", tab)
}

// The sample's numbers are other applicants' dossiers: the check names each
// clash side by side, never offers to update them, says beside « Importer »
// why it is unavailable, and offers the register's next numbers.
func TestWizardNamesClashesAndRenumbers(t *testing.T) {
	a, w := sampleWizard(t)
	w.onCheck()
	p := previewOnScreen(t, a)
	if !p.button.Disabled() || !p.why.Visible() || !strings.Contains(p.why.Text, data.ClashOption) {
		t.Fatalf("Importer: disabled %v, why %q", p.button.Disabled(), p.why.Text)
	}
	if p.update.Visible() || !p.renumber.Visible() {
		t.Fatalf("options: update %v, renumber %v", p.update.Visible(), p.renumber.Visible())
	}
	for _, want := range []string{"AMI2021-001 : au registre Association Vivre à Méricourt (sans SIRET), dans le fichier Vélo Solidaire Avion (SIRET 88332366900019)",
		"AMI2021-001 du fichier → AMI2021-003"} {
		if !strings.Contains(p.report.Text, want) {
			t.Errorf("report lacks %q:\n%s", want, p.report.Text)
		}
	}
	if strings.Contains(p.report.Text, "Vivre à Méricourt » → « Vélo") {
		t.Errorf("the report still renames a typed dossier:\n%s", p.report.Text)
	}
	test.Tap(p.renumber)
	if p.button.Disabled() || p.why.Visible() {
		t.Fatalf("renumbered, Importer still unavailable: %q", p.why.Text)
	}
	test.Tap(p.button)
	rows := stored(t, a)
	if len(rows) != 7 || rows[0].Structure != "Association Vivre à Méricourt" || rows[2].Structure != "Vélo Solidaire Avion" || rows[2].Reference != "AMI2021-001" {
		t.Fatalf("after the import: %+v", rows)
	}
	// The dossier's form shows the applicant's reference, and keeps it.
	renumbered, err := a.base.db.Application(context.Background(), rows[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if f := newAppForm(context.Background(), a.env, renumbered); f.reference.Text != "AMI2021-001" {
		t.Errorf("form: reference %q", f.reference.Text)
	} else if got, _ := f.collect(); got == nil || got.Reference != "AMI2021-001" {
		t.Errorf("collected: %+v", got)
	}
}

// « Précédent » goes back from the check to the columns' mapping, still as
// chosen; the preview's cells say « (vide) » and name the commune.
func TestWizardGoesBack(t *testing.T) {
	a, w := sampleWizard(t)
	w.selects[2].SetSelected(ignoreOption) // Structure: the lines then lack it
	w.onCheck()
	p := previewOnScreen(t, a)
	if cells := previewCells(a.campaign, p.res.Line(0)); cells[1] != "(vide)" || cells[3] != "Avion" {
		t.Errorf("preview cells: %q", cells)
	}
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Précédent"))
	top := a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("« Précédent » closed everything")
	}
	findButton(t, top, "Vérifier et prévisualiser") // the mapping's step
	if w.selects[2].Selected != ignoreOption {
		t.Errorf("the mapping was lost: %q", w.selects[2].Selected)
	}
}
