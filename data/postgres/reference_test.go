package postgres_test

import (
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 017 gains the applicant's reference: its
// dossiers read without one, its journal still matches its rows.
func TestMigrationAddsReference(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	a := storetest.DossierBeforePostal(t, db)
	for _, q := range append(storetest.ReferenceDowngrade, `UPDATE cohesion_schema SET version = `+strconv.Itoa(referenceVersion-1)) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.ReferenceAfterMigration(t, open(t, address), a.ID)
}

// referenceVersion is the migration that adds the applicant's reference.
const referenceVersion = 17
