package storetest

import (
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/followup"
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

// grants5k is a base whose campaign deliberated 5 000 grants, one in ten with
// its convention signed and a payment: the follow-up's list at its largest.
func grants5k(b *testing.B, h Harness) (data.Store, *data.Campaign) {
	b.Helper()
	st, c := seeded(b, h)
	apps := demo.Generate(c, 5_000, 4)
	for i := range apps {
		apps[i].Number = ""
	}
	if _, err := st.ImportApplications(ctx, c, data.LinesOf(apps), data.ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	rows, _, err := st.ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	res := &data.SplitResult{Method: data.MethodRank, Params: data.SplitParams{Method: data.MethodRank, StepCents: 100, CapPercent: 100}}
	for i, r := range rows {
		amount := max(r.RequestedCents, 100)
		res.Lines = append(res.Lines, data.SplitLine{ID: r.ID, Number: r.Number, Rank: i + 1, RequestedCents: amount, CapCents: amount, AmountCents: amount})
		res.TotalCents += amount
	}
	res.EnvelopeCents, res.Funded = res.TotalCents, len(rows)
	deliberateBench(b, st, c, res)
	day := data.NewDate(2021, 10, 4)
	for i := 0; i < len(rows); i += 10 {
		if _, err := st.SignConvention(ctx, c.ID, rows[i].ID, day); err != nil {
			b.Fatal(err)
		}
		if err := st.RecordPayment(ctx, c.ID, rows[i].ID, data.Payment{AmountCents: 100, Date: day, Mandate: "M-1"}); err != nil {
			b.Fatal(err)
		}
	}
	// The statistics of a base in use (autovacuum, or SQLite's optimize):
	// without them PostgreSQL plans 5 000 rows as a few.
	if _, err := Raw(st).Exec(`ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return st, c
}

// deliberateBench saves, adopts and deliberates a computed split.
func deliberateBench(b *testing.B, st data.Store, c *data.Campaign, res *data.SplitResult) {
	b.Helper()
	if _, err := st.SaveScenario(ctx, c, "Mesure", res, nil, "", false); err != nil {
		b.Fatal(err)
	}
	if err := st.AdoptScenario(ctx, c.ID, "Mesure"); err != nil {
		b.Fatal(err)
	}
	h, err := st.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if err := st.RecordDeliberation(ctx, c.ID, "2021-154", data.NewDate(2021, 9, 27), "", h); err != nil {
		b.Fatal(err)
	}
}

// BenchFollowUp measures the follow-up's list of 5 000 grants: one read
// transaction, then the rules at a date (the target is 50 ms).
func BenchFollowUp(b *testing.B, h Harness) {
	st, c := grants5k(b, h)
	at := data.NewDate(2022, 7, 1)
	for b.Loop() {
		f, err := st.FollowUp(ctx, c.ID)
		if err != nil {
			b.Fatal(err)
		}
		if list := followup.List(f, at, false); len(list) != 5_000 {
			b.Fatalf("%d grants listed", len(list))
		}
	}
}
