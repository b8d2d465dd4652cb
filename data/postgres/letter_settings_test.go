package postgres_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of version 12 gains the letters' settings: its campaign reads with
// none, its journal still matches its rows, and the settings are then kept.
func TestMigrationAddsLetterSettings(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.LetterDowngrade, `UPDATE cohesion_schema SET version = 12`) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.LetterSettingsAfterMigration(t, open(t, address), c.Code)
}
