package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data/sqlite"
)

// A base of version 10 keeps its two letter templates through the migration
// that admits the third kind, and its journal stays intact.
func TestMigrationAdmitsIrrecevabilityTemplates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cohesion.db")
	if err := sqlite.CreateAtVersion(path, 10, func(raw *sql.DB) error {
		for _, q := range []string{
			`INSERT INTO campaigns (id, code, title, envelope_cents, created_at) VALUES (1, 'AMI2020', 'AMI 2020', 10000000, '2020-01-01T00:00:00Z')`,
			`INSERT INTO letter_templates (campaign_id, kind, body, updated_at) VALUES (1, 'attribution', 'Objet : oui {{numero}}', ''), (1, 'refus', 'Objet : non {{numero}}', '')`,
		} {
			if _, err := raw.Exec(q); err != nil {
				return err
			}
		}
		if _, err := raw.Exec(`INSERT INTO letter_templates (campaign_id, kind, body, updated_at) VALUES (1, 'irrecevabilite', 'x', '')`); err == nil {
			t.Error("version 10 already admits the irrecevability template: the migration tests nothing")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, path)
	got, err := db.LetterTemplates(ctx, 1)
	if err != nil || got.Attribution != "Objet : oui {{numero}}" || got.Refusal != "Objet : non {{numero}}" {
		t.Fatalf("templates after the migration: %+v %v", got, err)
	}
	got.Irrecevability = "Objet : irrecevable {{numero}} ({{motif}})"
	if err := db.SaveLetterTemplates(ctx, 1, got); err != nil {
		t.Fatal(err)
	}
	if again, _ := db.LetterTemplates(ctx, 1); again != got {
		t.Fatalf("read back %+v", again)
	}
	if rep, err := db.VerifyAudit(ctx); err != nil || !rep.Intact() {
		t.Fatalf("journal after the migration: %v %v", rep, err)
	}
}
