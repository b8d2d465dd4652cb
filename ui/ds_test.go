package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
)

// dsExport is a CSV export of démarches-simplifiées: DS's fixed columns, then
// the AMI's fields; each dossier is {ID, state, requested amount}.
func dsExport(dossiers ...[3]string) string {
	var b strings.Builder
	b.WriteString("ID,Email,Établissement SIRET,Établissement code INSEE localité,Entreprise raison sociale,Association RNA," +
		"Association titre,Archivé,État du dossier,Dernière mise à jour le,Déposé le,Passé en instruction le,Traité le," +
		"Motivation de la décision,Instructeurs,Intitulé du projet,Quartier(s) prioritaire(s) concerné(s),Montant de la subvention sollicitée\n")
	for i, d := range dossiers {
		b.WriteString(d[0] + ",asso" + d[0] + "@example.org,88332366900019,62065,ASSO,W623004512,Association " + d[0] +
			",false," + d[1] + ",,2021-04-1" + string(rune('1'+i)) + " 10:00:00 +0200,,,,,Projet " + d[0] + ",\"République - Cité 4, Cité 2\"," + d[2] + "\n")
	}
	return b.String()
}

func openDS(t *testing.T, a *App, csv string) *importPreview {
	t.Helper()
	tab, err := importer.ReadApplications("dossiers_ami.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	a.imports.openImport(context.Background(), "dossiers_ami.csv", tab)
	return previewOnScreen(t, a) // a DS export goes straight to the check
}

// previewOnScreen is the import preview in the top dialog.
func previewOnScreen(t *testing.T, a *App) *importPreview {
	t.Helper()
	var found *importPreview
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *importPreview:
			found = w
		case *widget.PopUp:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(a.win.Canvas().Overlays().Top())
	if found == nil {
		t.Fatal("no import preview on screen")
	}
	return found
}

func TestImportDSExportAndUpdate(t *testing.T) {
	a := newTestApp(t)
	p := openDS(t, a, dsExport([3]string{"101", "En construction", "9000"}, [3]string{"102", "En construction", "4000"}, [3]string{"103", "En instruction", "3000"}))
	if p.button.Disabled() || p.update.Visible() {
		t.Fatalf("first import: button disabled %v, update offered %v\n%s", p.button.Disabled(), p.update.Visible(), p.report.Text)
	}
	if !strings.Contains(p.report.Text, "démarches-simplifiées reconnu") || !strings.Contains(p.report.Text, "« Traité le »") {
		t.Errorf("report:\n%s", p.report.Text)
	}
	test.Tap(p.button)
	if rows := stored(t, a); len(rows) != 3 || rows[0].Number != "101" || rows[0].Structure != "Association 101" {
		t.Fatalf("after the first import: %+v", rows)
	}

	// The next export: 101 asks for more and is now in instruction, 102 is
	// unchanged, 103 is gone, 104 is new.
	p = openDS(t, a, dsExport([3]string{"101", "En instruction", "9500"}, [3]string{"102", "En construction", "4000"}, [3]string{"104", "En construction", "2500"}))
	if !p.update.Visible() || p.update.Checked || !p.button.Disabled() {
		t.Fatalf("re-import: update offered %v checked %v, button disabled %v", p.update.Visible(), p.update.Checked, p.button.Disabled())
	}
	if p.update.Text != "Mettre à jour les dossiers déjà importés" || !strings.Contains(p.head.Text, "2 dossiers du fichier sont déjà dans le registre") {
		t.Errorf("offer: %q / %q", p.update.Text, p.head.Text)
	}
	test.Tap(p.update)
	if p.button.Disabled() || p.button.Text != "Importer : 1 créé, 1 mis à jour" {
		t.Fatalf("with the update: %q disabled %v", p.button.Text, p.button.Disabled())
	}
	if p.button.Size().Width < p.button.MinSize().Width {
		t.Errorf("the longer label overflows its button: %v < %v", p.button.Size(), p.button.MinSize())
	}
	for _, s := range []string{"101 — Montant demandé : « 9 000,00 € » → « 9 500,00 € »", "101 — " + data.FieldLabel(data.FieldExternalState) + " : « En construction » → « En instruction »",
		"1 dossier du registre absent du fichier, gardé tel quel : 103"} {
		if !strings.Contains(p.report.Text, s) {
			t.Errorf("report lacks %q:\n%s", s, p.report.Text)
		}
	}
	test.Tap(p.button)
	want := data.ImportSummary{Created: 1, Updated: 1, Unchanged: 1, Absent: []string{"103"}}
	if got := p.done; got.Created != want.Created || got.Updated != want.Updated || got.Unchanged != want.Unchanged || !reflect.DeepEqual(got.Absent, want.Absent) || len(got.Changes) != 2 {
		t.Fatalf("summary %+v", got)
	}
	rows := stored(t, a)
	if len(rows) != 4 || rows[0].RequestedCents != 950000 {
		t.Fatalf("after the update: %+v", rows)
	}
	// The dossier shows the platform's state, beside Cohésion's own status.
	ap, err := a.base.db.ApplicationByNumber(context.Background(), a.campaign.ID, "101")
	if err != nil {
		t.Fatal(err)
	}
	f := newAppForm(context.Background(), a.env, ap)
	if f.external.Text != "En instruction" || f.statusLabel.Text != "Reçu" {
		t.Errorf("form shows %q, status %q", f.external.Text, f.statusLabel.Text)
	}
}
