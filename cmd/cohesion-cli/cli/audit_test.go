package cli

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	_ "github.com/mattn/go-sqlite3"
)

func TestVerifyFindsTamperedRow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	t.Setenv("COHESION_CAMPAIGN", data.DemoCode)
	runCLI(t, db, "init", "--demo")
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`DROP TRIGGER audit_no_update`, `UPDATE audit SET new_value = 'montant falsifié' WHERE id = 7`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := runCLI(t, db, "verify")
	if code != 1 || !strings.Contains(errs, "ligne 7") {
		t.Fatalf("verify after tampering: %d %q", code, errs)
	}
}
