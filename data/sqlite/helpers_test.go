package sqlite_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

var ctx = context.Background()

// harness opens real SQLite files in the test's temporary folder.
var harness = storetest.Harness{
	New: func(t testing.TB) data.Store {
		t.Helper()
		return mustOpen(t, filepath.Join(t.TempDir(), "cohesion.db"))
	},
	Again: func(t testing.TB, st data.Store) data.Store {
		t.Helper()
		return mustOpen(t, st.(*sqlite.DB).Path())
	},
}

func mustOpen(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// open gives a fresh base file seeded with the default campaign.
func open(t testing.TB) (*sqlite.DB, *data.Campaign) {
	t.Helper()
	db := mustOpen(t, filepath.Join(t.TempDir(), "cohesion.db"))
	return db, storetest.SeedDefault(t, db)
}

func rawDB(t *testing.T, path string) *sql.DB {
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// app is a valid application of the default campaign.
func app(c *data.Campaign) *data.Application {
	th, _ := c.ThemeByLabel("Mobilité")
	return &data.Application{
		Received: time.Date(2021, 4, 12, 14, 30, 0, 0, data.Paris),
		Structure: data.Structure{Name: "Association Les Petits Pas", SIRET: "73282932000074", Commune: "62498",
			Email: "contact@petitspas.example.org", Phone: "03 21 00 00 00", Contact: "Sabrina Dufour"},
		Title: "Vélo-école au Grand Moulin", ThemeID: th.ID, QPVs: []string{"QP062019"},
		TotalCents: 2_000_000, RequestedCents: 800_000,
	}
}

func count(t testing.TB, db data.Store, c *data.Campaign) int {
	t.Helper()
	_, tot, err := db.ListApplications(ctx, c.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}

func mustCreate(t testing.TB, db data.Store, c *data.Campaign) *data.Application {
	t.Helper()
	a := app(c)
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	return a
}
