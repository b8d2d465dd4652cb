package sqlite_test

import (
	"strconv"
	"testing"

	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of the version before 018, with a deliberated campaign, gains the
// follow-up of its grants: its journal still matches its rows, and the
// follow-up is written and journaled.
func TestMigrationAddsFollowUp(t *testing.T) {
	st, c := storetest.DeliberatedBeforeFollowUp(t, harness)
	path := st.(*sqlite.DB).Path()
	for _, q := range append(storetest.FollowUpDowngrade, `PRAGMA user_version = `+strconv.Itoa(followUpVersion-1)) {
		if _, err := storetest.Raw(st).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	st.Close()
	storetest.FollowUpAfterMigration(t, mustOpen(t, path), c.ID)
}

// followUpVersion is the migration that adds the follow-up of the grants.
const followUpVersion = 18
