package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of version 12 gains the letters' settings: its campaign reads with
// none, its journal still matches its rows, and the settings are then kept.
func TestMigrationAddsLetterSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	db := mustOpen(t, path)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.LetterDowngrade, `PRAGMA user_version = 12`) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.LetterSettingsAfterMigration(t, mustOpen(t, path), c.Code)
}
