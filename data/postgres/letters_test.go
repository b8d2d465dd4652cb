package postgres_test

import (
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/storetest"
)

// A base of version 10 (two kinds of letter templates) is brought to the
// version that admits the irrecevability template, keeping its templates.
func TestMigrationAdmitsIrrecevabilityTemplates(t *testing.T) {
	address := pgtest.NewDatabase(t)
	db, err := postgres.Open(ctx, address, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.EnsureDefault(ctx, db); err != nil {
		t.Fatal(err)
	}
	c, _ := db.CampaignByCode(ctx, "")
	if err := db.SaveLetterTemplates(ctx, c.ID, data.LetterTemplates{Attribution: "Objet : oui {{numero}}"}); err != nil {
		t.Fatal(err)
	}
	// Back to version 10's tables, as a base the previous Cohésion left.
	for _, q := range append(storetest.LetterDowngrade,
		`ALTER TABLE letter_templates DROP CONSTRAINT letter_templates_kind_check`,
		`ALTER TABLE letter_templates ADD CONSTRAINT letter_templates_kind_check CHECK (kind IN ('attribution', 'refus'))`,
		`UPDATE cohesion_schema SET version = 10`,
	) {
		if _, err := storetest.Raw(db).Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	db = open(t, address)
	got, err := db.LetterTemplates(ctx, c.ID)
	if err != nil || got.Attribution != "Objet : oui {{numero}}" {
		t.Fatalf("templates after the migration: %+v %v", got, err)
	}
	got.Irrecevability = "Objet : irrecevable {{numero}} ({{motif}})"
	if err := db.SaveLetterTemplates(ctx, c.ID, got); err != nil {
		t.Fatalf("irrecevability template after the migration: %v", err)
	}
	if again, _ := db.LetterTemplates(ctx, c.ID); again != got {
		t.Fatalf("read back %+v", again)
	}
}
