package storetest

import (
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
)

// register10k is a base holding 10 000 generated applications.
func register10k(b *testing.B, h Harness) (data.Store, *data.Campaign) {
	b.Helper()
	st, c := seeded(b, h)
	apps := demo.Generate(c, 10_000, 1)
	for i := range apps {
		apps[i].Number = ""
	}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	return st, c
}

// Bench measures, on one engine, what a desk does most: listing, searching
// and sorting 10 000 dossiers, importing 10 000, a campaign's snapshot, and
// the structures across 10 campaigns.
// The two engines' figures are compared in the README.
func Bench(b *testing.B, h Harness) {
	b.Run("Import10000", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			b.StopTimer()
			st, c := seeded(b, h)
			apps := demo.Generate(c, 10_000, int64(i))
			for j := range apps {
				apps[j].Number = ""
			}
			b.StartTimer()
			if sum, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil || sum.Created != 10_000 {
				b.Fatal(sum, err)
			}
		}
	})
	st, c := register10k(b, h)
	for _, bc := range []struct {
		name string
		f    data.Filter
	}{
		{"List10000", data.Filter{}},
		{"Search10000", data.Filter{Search: "sante"}},
		{"SortByStructure10000", data.Filter{Sort: data.SortStructure}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if rows, _, err := st.ListApplications(ctx, c.ID, bc.f); err != nil || len(rows) == 0 {
					b.Fatal(len(rows), err)
				}
			}
		})
	}
	b.Run("Snapshot10000", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Snapshot(ctx, c.ID, data.SnapshotOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	benchStructures(b, h)
}

// years10 is a base of 10 campaigns of 1 000 dossiers each, each made from
// the one before, the same structures applying every year (one seed): the
// directory's and the history's worst case at that size.
func years10(b *testing.B, h Harness) (data.Store, *data.Campaign) {
	b.Helper()
	st, c := seeded(b, h)
	for year := range 10 {
		if year > 0 {
			next := data.CampaignFrom(c, "AMI"+strconv.Itoa(2021+year), 0, "")
			if err := st.CreateCampaignFrom(ctx, next, false); err != nil {
				b.Fatal(err)
			}
			c = next
		}
		apps := demo.Generate(c, 1_000, 1)
		for i := range apps {
			apps[i].Number = ""
		}
		if _, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	return st, c
}

// benchStructures measures the structures' directory of the whole base (≤ 50
// ms) and one dossier's history (≤ 10 ms) on 10 campaigns × 1 000 dossiers.
func benchStructures(b *testing.B, h Harness) {
	st, last := years10(b, h)
	rows, _, err := st.ListApplications(ctx, last.ID, data.Filter{})
	if err != nil || len(rows) == 0 {
		b.Fatal(len(rows), err)
	}
	b.Run("Structures10x1000", func(b *testing.B) {
		for b.Loop() {
			ds, err := st.StructureDossiers(ctx)
			if err != nil || len(data.NewDirectory(ds).Entries) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("History10x1000", func(b *testing.B) {
		for b.Loop() {
			ds, err := st.StructureHistory(ctx, rows[0].ID)
			if err != nil || len(data.HistoryOf(ds, rows[0].ID)) < 9 {
				b.Fatal(len(ds), err)
			}
		}
	})
}
