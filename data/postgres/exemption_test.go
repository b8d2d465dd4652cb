package postgres_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 020 gains the decisions' exemption to the
// bar of loi 2000-321 art. 10: its decisions read without one, its journal
// still matches its rows.
func TestMigrationAddsCRFExemption(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	campaignID, applicationID := storetest.DecisionOfVersion19(t, db)
	for _, q := range append(storetest.ExemptionDowngrade, `UPDATE cohesion_schema SET version = 19`) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.ExemptionAfterMigration(t, open(t, address), campaignID, applicationID)
}
