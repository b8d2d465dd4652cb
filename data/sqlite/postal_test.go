package sqlite_test

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 016 gains the postal code and the town: its
// dossiers read without them, its journal still matches its rows.
func TestMigrationAddsPostalAddress(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	db := mustOpen(t, path)
	a := storetest.DossierBeforePostal(t, db)
	for _, q := range append(storetest.PostalDowngrade, `PRAGMA user_version = `+strconv.Itoa(postalVersion-1)) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.PostalAddressAfterMigration(t, mustOpen(t, path), a.ID)
}

// postalVersion is the migration that adds the postal address.
const postalVersion = 16
