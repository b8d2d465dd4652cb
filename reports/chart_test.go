package reports

import (
	"reflect"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/chart"
)

// The dossier's charts are the dashboard's: the same model built by the same
// code from the register's rows and the split's amounts.
func TestDossierChartsAreTheDashboards(t *testing.T) {
	in := input(t, 0)
	d, err := JuryDossier(in)
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]data.Row, len(in.Applications))
	for i, a := range in.Applications {
		rows[i] = data.Row{ID: a.ID, ThemeID: a.ThemeID, QPVs: a.QPVs, Commune: a.Structure.Commune,
			RequestedCents: a.RequestedCents, Status: a.Status}
	}
	proposed := map[int64]int64{}
	for _, l := range in.Allocation.Lines {
		proposed[l.ID] = l.AmountCents
	}
	amounts := chart.AmountsOf(rows, proposed)
	want := []chart.Chart{chart.ByTheme(in.Campaign, amounts), chart.ByCommune(in.Campaign, amounts)}
	var got []chart.Chart
	for _, b := range d.Blocks {
		if c, ok := b.(BarChart); ok {
			got = append(got, c.Chart)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dossier's charts\n%+v\ndashboard's\n%+v", got, want)
	}
}
