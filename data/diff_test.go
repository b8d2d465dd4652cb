package data_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
)

func TestDiffApplications(t *testing.T) {
	c := &data.Campaign{Themes: []data.Theme{{ID: 1, Label: "Mobilité"}, {ID: 2, Label: "Santé"}}}
	old := &data.Application{Number: "A-1", ThemeID: 1, RequestedCents: 100_000, QPVs: []string{"QP1"},
		Documents: map[data.Document]bool{data.DocRIB: true}, Structure: data.Structure{Name: "Asso"}}
	same := *old
	if d := data.DiffApplications(c, old, &same); len(d) != 0 {
		t.Fatalf("no change reported %+v", d)
	}
	n := *old
	n.ThemeID, n.RequestedCents = 2, 150_000
	n.Documents = map[data.Document]bool{data.DocRIB: true, data.DocStatuts: true}
	d := data.DiffApplications(c, old, &n)
	if len(d) != 3 {
		t.Fatalf("%+v", d)
	}
	want := map[string][2]string{
		"Montant demandé": {"1 000,00 €", "1 500,00 €"},
		"Thématique":      {"Mobilité", "Santé"},
		"Pièces reçues":   {"RIB", "Statuts, RIB"},
	}
	for _, ch := range d {
		if w, ok := want[ch.Field]; !ok || w[0] != ch.Old || w[1] != ch.New {
			t.Errorf("change %+v", ch)
		}
	}
}

// A change of commune reads by the communes' names, as the import's report
// and the journal show it, and an emptied field reads « (vide) ».
func TestDiffNamesTheCommune(t *testing.T) {
	c := &data.Campaign{Communes: []data.Commune{{INSEE: "62510", Name: "Liévin"}, {INSEE: "62498", Name: "Lens"}}}
	old := &data.Application{Number: "A-1", Structure: data.Structure{Name: "Asso", Commune: "62498", Phone: "03 21 00 00 00"}}
	n := *old
	n.Structure.Commune, n.Structure.Phone = "62510", ""
	got := map[string]data.Change{}
	for _, ch := range data.DiffApplications(c, old, &n) {
		got[ch.Field] = ch
	}
	if ch := got["Commune"]; ch.Old != "Lens" || ch.New != "Liévin" {
		t.Errorf("commune: %+v", ch)
	}
	sum := data.ImportSummary{Changes: []data.FieldChange{{Number: "A-1", Field: "Téléphone", Old: "03 21 00 00 00", New: ""}}}
	if lines := sum.Details(true); len(lines) != 1 || lines[0] != "  A-1 — Téléphone : « 03 21 00 00 00 » → (vide)" {
		t.Errorf("details: %q", lines)
	}
}
