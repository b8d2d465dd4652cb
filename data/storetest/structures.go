package storetest

import (
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// twoYears is a base where the structures of a deliberated AMI2021 (three
// dossiers of one SIRET, two funded by the adopted scenario) apply again
// to AMI2022, made from it: the SIRET under another name, one structure
// known by its RNA and one by its name only, in both years.
func twoYears(t testing.TB, h Harness) (st data.Store, old []*data.Application, next map[string]*data.Application) {
	t.Helper()
	st, c, apps, _ := scoredFixture(t, h)
	for _, a := range []*data.Application{app(t, c), app(t, c)} {
		a.Structure.SIRET = ""
		if len(old) == 1 {
			a.Structure.RNA, a.Structure.Name = "", "L'Étoile de Lens"
		}
		old = append(old, mustCreate(t, st, c, a))
	}
	adoptRank(t, st, c)
	ami2022 := data.CampaignFrom(c, "AMI2022", 2022, "")
	if err := st.CreateCampaignFrom(ctx, ami2022, false); err != nil {
		t.Fatal(err)
	}
	next = map[string]*data.Application{}
	for _, k := range []string{"siret", "rna", "nom"} {
		a := app(t, ami2022)
		a.Received = time.Date(2022, 4, 12, 14, 30, 0, 0, data.Paris)
		switch k {
		case "siret":
			a.Structure.Name = "Les P'tits Pas"
		case "rna":
			a.Structure.SIRET, a.Structure.Name = "", "Petits Pas (RNA)"
		case "nom":
			a.Structure.SIRET, a.Structure.RNA, a.Structure.Name = "", "", "l'étoile de LENS"
		}
		next[k] = mustCreate(t, st, ami2022, a)
	}
	return st, append(apps, old...), next
}

// The directory groups every campaign's dossiers by SIRET, else RNA, else
// folded name; each keeps the identity declared in it and what its
// campaign's adopted scenario granted it.
var _ = register("StructuresAcrossCampaigns", func(t *testing.T, h Harness) {
	st, old, next := twoYears(t, h)
	all, err := st.StructureDossiers(ctx)
	if err != nil || len(all) != 8 {
		t.Fatalf("%d dossiers, %v", len(all), err)
	}
	dir := data.NewDirectory(all)
	if len(dir.Entries) != 3 {
		t.Fatalf("entries: %+v", dir.Entries)
	}
	bySIRET := dir.History(next["siret"].ID)
	if len(bySIRET) != 3 || bySIRET[0].Name != "Association Les Petits Pas" || bySIRET[0].CampaignCode != "AMI2021" || bySIRET[0].CampaignYear != 2021 {
		t.Fatalf("the SIRET's history: %+v", bySIRET)
	}
	if bySIRET[0].GrantedCents != 800_000 || bySIRET[1].GrantedCents != 200_000 || bySIRET[2].GrantedCents != 0 ||
		bySIRET[0].PaidCents != 0 || bySIRET[0].CRFStatus != "" {
		t.Errorf("amounts: %+v", bySIRET)
	}
	for _, k := range []string{"rna", "nom"} {
		if h := dir.History(next[k].ID); len(h) != 1 {
			t.Errorf("history by %s: %+v", k, h)
		}
	}
	for _, e := range dir.Entries {
		if e.Key == "siret:73282932000074" && e.Name != "Les P'tits Pas" {
			t.Errorf("name as last declared: %q", e.Name)
		}
	}
	if a := mustApp(t, st, old[0].ID); a.Structure.Name != "Association Les Petits Pas" {
		t.Errorf("the declared identity was rewritten: %q", a.Structure.Name)
	}
})

// A dossier's history is read alone, the same as the directory's.
var _ = register("StructureHistoryOfOneDossier", func(t *testing.T, h Harness) {
	st, old, next := twoYears(t, h)
	all, _ := st.StructureDossiers(ctx)
	dir := data.NewDirectory(all)
	for k, a := range next {
		ds, err := st.StructureHistory(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, want := data.HistoryOf(ds, a.ID), dir.History(a.ID)
		if len(got) != len(want) || len(got) == 0 || got[0] != want[0] {
			t.Errorf("%s: %+v, want %+v", k, got, want)
		}
	}
	if ds, _ := st.StructureHistory(ctx, old[0].ID); len(data.HistoryOf(ds, old[0].ID)) != 1 {
		t.Errorf("AMI2021's dossier sees AMI2022's: %+v", ds)
	}
	if _, err := st.StructureHistory(ctx, 99999); data.ErrorCode(err) != data.ENOTFOUND {
		t.Errorf("unknown dossier: %v", err)
	}
})
