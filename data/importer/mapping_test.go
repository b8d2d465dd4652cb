package importer_test

import (
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// A file laid out like an export from démarches-simplifiées imports once its
// columns are mapped.
func TestMappingOfAnotherLayout(t *testing.T) {
	c := campaign(t)
	csv := "ID dossier;Dénomination du porteur;Identifiant de l'établissement;Objet de la demande;Montant sollicité (€);Commentaire interne\n" +
		"1042;Les Petits Pas;73282932000074;Vélo-école;8 000;à relancer\n" +
		"1043;L'Étoile;;Atelier santé;4 000,50;\n"
	tab, err := sheet.Read("ds.csv", strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if res := importer.Applications(c, tab, now); res.OK() {
		t.Fatal("the raw file imported without a mapping")
	}
	m := importer.Guess(tab)
	if m["Montant sollicité (€)"] != data.FieldRequested || m["Identifiant de l'établissement"] != importer.Ignore {
		t.Fatalf("guess %v", m)
	}
	m["Dénomination du porteur"] = data.FieldStructure
	m["Identifiant de l'établissement"] = data.FieldSIRET
	m["Objet de la demande"] = data.FieldTitle
	m["ID dossier"] = importer.Ignore
	mapped, err := importer.Apply(tab, m)
	if err != nil {
		t.Fatal(err)
	}
	res := importer.Applications(c, mapped, now)
	if !res.OK() {
		t.Fatalf("mapped import: %s", res.Report())
	}
	if res.Len() != 2 || res.Line(0).Structure.Name != "Les Petits Pas" || res.Line(0).Structure.SIRET != "73282932000074" ||
		res.Line(1).RequestedCents != 400050 || res.Line(0).Number != "" {
		t.Fatalf("%+v %+v", res.Line(0), res.Line(1))
	}
	// The ignored column with data is reported, not imported.
	if !strings.Contains(res.Report(), "Commentaire interne") {
		t.Errorf("report %q", res.Report())
	}
	m["ID dossier"] = data.FieldTitle
	if _, err := importer.Apply(tab, m); err == nil || !strings.Contains(err.Error(), "toutes deux") {
		t.Fatalf("two columns on one field: %v", err)
	}
}

func FuzzMappedImport(f *testing.F) {
	f.Add("A;B;C\nx;y;1 000\n", "A", "B", "C")
	f.Fuzz(func(t *testing.T, csv, h1, h2, h3 string) {
		tab, err := sheet.Read("f.csv", strings.NewReader(csv))
		if err != nil {
			return
		}
		m := importer.Guess(tab)
		m[h1], m[h2], m[h3] = data.FieldStructure, data.FieldTitle, data.FieldRequested
		if mapped, err := importer.Apply(tab, m); err == nil {
			importer.Applications(campaign(t), mapped, now)
		}
	})
}

// A column set to « ne pas importer » is reported as the user's choice, not
// as a header the importer did not recognise.
func TestIgnoredColumnReportedAsChosen(t *testing.T) {
	tab, err := sheet.Read("f.csv", strings.NewReader("Structure;Intitulé du projet;Montant demandé;Note interne\nLes Petits Pas;Vélo-école;8 000;à revoir\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := importer.Guess(tab)
	m["Note interne"] = importer.Ignore
	mapped, err := importer.Apply(tab, m)
	if err != nil {
		t.Fatal(err)
	}
	rep := importer.Applications(campaign(t), mapped, now).Report()
	if !strings.Contains(rep, "Colonne « Note interne » non importée, comme choisi (« ne pas importer »).") || strings.Contains(rep, "non reconnu") {
		t.Errorf("report: %q", rep)
	}
}
