package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of version 13 gains the budget line and the council's templates:
// its campaign reads with none, its journal still matches its rows, and
// both are then kept.
func TestMigrationAddsBudgetLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	db := mustOpen(t, path)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.BudgetDowngrade, `PRAGMA user_version = 13`) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.BudgetAfterMigration(t, mustOpen(t, path), c.Code)
}
