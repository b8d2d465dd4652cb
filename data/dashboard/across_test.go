package dashboard_test

import (
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/dashboard"
)

// A campaign beside its source: in total, by theme matched by label across
// the two, and by QPV named, the dossiers naming none « Hors QPV », last;
// what was granted is the adopted scenario's lines of dossiers not refused.
func TestCompareWithSource(t *testing.T) {
	qpvs := []data.QPV{{Code: "QP062019", Name: "Cité 9"}, {Code: "QP062024", Name: "Grande Résidence"}}
	src := &data.SourceSnapshot{
		Campaign: &data.Campaign{Code: "AMI2021", QPVs: qpvs},
		Rows: []data.Row{
			{ID: 1, Theme: "Éducation", QPVs: []string{"QP062019"}, RequestedCents: 800_000, Status: data.StatusRetenu},
			{ID: 2, Theme: "Santé", RequestedCents: 400_000, Status: data.StatusNonRetenu},
		},
		Adopted: &data.Scenario{ScenarioInfo: data.ScenarioInfo{AdoptedAt: time.Now()}, Lines: []data.SplitLine{{ID: 1, AmountCents: 600_000}, {ID: 2, AmountCents: 100_000}}},
	}
	c := &data.Campaign{Code: "AMI2022", QPVs: qpvs}
	rows := []data.Row{
		{ID: 11, Theme: "EDUCATION", QPVs: []string{"QP062019", "QP062024"}, RequestedCents: 900_000, Status: data.StatusRecevable},
		{ID: 12, Theme: "", RequestedCents: 300_000, Status: data.StatusRecu},
		{ID: 13, Theme: "Santé", QPVs: []string{"QP062024"}, RequestedCents: 200_000, Status: data.StatusRecevable},
	}
	cmp := dashboard.Compare(c, rows, nil, src)
	want := dashboard.CompareLine{Label: "Ensemble", Dossiers: [2]int{2, 3}, Requested: [2]int64{1_200_000, 1_400_000}, Granted: [2]int64{600_000, 0}}
	if cmp.Source != "AMI2021" || cmp.Current != "AMI2022" || cmp.Total != want {
		t.Errorf("total: %+v", cmp.Total)
	}
	if len(cmp.Themes) != 3 || cmp.Themes[0].Label != "Éducation" || cmp.Themes[0].Dossiers != [2]int{1, 1} ||
		cmp.Themes[1].Label != "Sans thématique" || cmp.Themes[2].Label != "Santé" || cmp.Themes[2].Granted != [2]int64{0, 0} {
		t.Errorf("themes: %+v", cmp.Themes)
	}
	if len(cmp.QPVs) != 3 || cmp.QPVs[0].Label != "Cité 9" || cmp.QPVs[0].Requested != [2]int64{800_000, 900_000} ||
		cmp.QPVs[1].Label != "Grande Résidence" || cmp.QPVs[1].Dossiers != [2]int{0, 2} ||
		cmp.QPVs[2].Label != "Hors QPV" || cmp.QPVs[2].Dossiers != [2]int{1, 1} {
		t.Errorf("QPVs: %+v", cmp.QPVs)
	}
}
