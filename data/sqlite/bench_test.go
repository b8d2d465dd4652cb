package sqlite_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// register10k is a database holding 10 000 generated applications.
func register10k(b *testing.B) (*sqlite.DB, *data.Campaign) {
	b.Helper()
	db, c := open(b)
	apps := demo.Generate(c, 10_000, 1)
	for i := range apps {
		apps[i].Number = ""
	}
	if _, err := db.ImportApplications(ctx, c, apps, false); err != nil {
		b.Fatal(err)
	}
	return db, c
}

// Target: listing or searching 10 000 applications well under 50 ms.
func BenchmarkList10000(b *testing.B) {
	db, c := register10k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{})
		if err != nil || len(rows) != 10_000 {
			b.Fatal(len(rows), err)
		}
	}
}

func BenchmarkSearch10000(b *testing.B) {
	db, c := register10k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{Search: "sante"})
		if err != nil || len(rows) == 0 {
			b.Fatal(len(rows), err)
		}
	}
}

func BenchmarkSortByStructure10000(b *testing.B) {
	db, c := register10k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := db.ListApplications(ctx, c.ID, sqlite.Filter{Sort: sqlite.SortStructure}); err != nil {
			b.Fatal(err)
		}
	}
}

// Target, with the file's parsing (see the CLI benchmark): 10 000 lines under 3 s.
func BenchmarkStoreImport10000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, c := open(b)
		apps := demo.Generate(c, 10_000, int64(i))
		for j := range apps {
			apps[j].Number = ""
		}
		b.StartTimer()
		if n, err := db.ImportApplications(ctx, c, apps, false); err != nil || n != 10_000 {
			b.Fatal(n, err)
		}
	}
}
