package sqlite_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 017 gains the applicant's reference: its
// dossiers read without one, its journal still matches its rows.
func TestMigrationAddsReference(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	db := mustOpen(t, path)
	a := storetest.DossierBeforePostal(t, db)
	for _, q := range append(storetest.ReferenceDowngrade, `PRAGMA user_version = `+strconv.Itoa(referenceVersion-1)) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.ReferenceAfterMigration(t, mustOpen(t, path), a.ID)
}

// referenceVersion is the migration that adds the applicant's reference.
const referenceVersion = 17
