package postgres_test

import (
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 019 gains the campaign's source: its
// campaigns read without one, its journal still matches its rows.
func TestMigrationAddsCampaignSource(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.SourceDowngrade, `UPDATE cohesion_schema SET version = `+strconv.Itoa(sourceVersion-1)) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.SourceAfterMigration(t, open(t, address), c.Code)
}

// sourceVersion is the migration that adds the campaign's source.
const sourceVersion = 19
