package postgres_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of version 13 (no budget line, three kinds of templates) gains the
// budget line and the council's templates: its campaign reads with none, its
// journal still matches its rows, and both are then kept.
func TestMigrationAddsBudgetLine(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db := open(t, address)
	c := storetest.CampaignOfVersion12(t, db)
	for _, q := range append(storetest.BudgetDowngrade,
		`ALTER TABLE letter_templates DROP CONSTRAINT letter_templates_kind_check`,
		`ALTER TABLE letter_templates ADD CONSTRAINT letter_templates_kind_check CHECK (kind IN ('attribution', 'refus', 'irrecevabilite'))`,
		`UPDATE cohesion_schema SET version = 13`) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	storetest.BudgetAfterMigration(t, open(t, address), c.Code)
}
