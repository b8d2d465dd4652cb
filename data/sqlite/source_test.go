package sqlite_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 019 gains the campaign's source: its
// campaigns read without one, its journal still matches its rows.
func TestMigrationAddsCampaignSource(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	db := mustOpen(t, path)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.SourceDowngrade, `PRAGMA user_version = `+strconv.Itoa(sourceVersion-1)) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.SourceAfterMigration(t, mustOpen(t, path), c.Code)
}

// sourceVersion is the migration that adds the campaign's source.
const sourceVersion = 19
