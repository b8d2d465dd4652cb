package sqlstore

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/call-agglo/cohesion/data"
)

// A campaign without the letters' settings digests as version 12 digested
// it (the same queries, without the settings'), so the journal of a base
// that version left still matches its rows once migrated; once set, the
// settings count.
func TestLetterSettingsKeepOlderDigests(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	scripts, _ := filepath.Glob("../sqlite/migrations/*.sql")
	sort.Strings(scripts)
	for _, p := range scripts {
		b, err := os.ReadFile(p)
		if err == nil {
			_, err = db.Exec(string(b))
		}
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if _, err := db.Exec(`INSERT INTO campaigns (id, code, title, envelope_cents, created_at) VALUES (1, 'AMI2020', 'AMI 2020', 10000000, '2020-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	now := stateSpecs[data.AuditCampaign]
	v12 := now
	v12.queries = now.queries[:6] // version 12's queries
	digest := func(spec stateSpec) string {
		t.Helper()
		d, err := spec.digest(ctx, db, []int64{1}, 0)
		if err != nil {
			t.Fatal(err)
		}
		return d[1]
	}
	before := digest(v12)
	if got := digest(now); got != before {
		t.Fatalf("a campaign without letters' settings digests %s, version 12 digested %s", got, before)
	}
	v13 := now
	v13.queries = now.queries[:7] // version 13's: the budget line (14) counts only once set
	if got := digest(v13); got != before {
		t.Fatalf("version 13 digests %s, version 12 digested %s", got, before)
	}
	for _, col := range []string{"budget_nature", "budget_function"} {
		if _, err := db.Exec(`UPDATE campaigns SET ` + col + ` = '6574'`); err != nil {
			t.Fatal(err)
		}
		if digest(now) == before {
			t.Errorf("%s set: the digest does not change", col)
		}
		if _, err := db.Exec(`UPDATE campaigns SET ` + col + ` = ''`); err != nil {
			t.Fatal(err)
		}
	}
	for _, col := range []string{"letter_place", "case_officer", "case_officer_contact", "letter_reference"} {
		if _, err := db.Exec(`UPDATE campaigns SET letter_place = '', case_officer = '', case_officer_contact = '', letter_reference = ''`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`UPDATE campaigns SET ` + col + ` = 'x'`); err != nil {
			t.Fatal(err)
		}
		if digest(now) == before {
			t.Errorf("%s set: the digest does not change", col)
		}
	}
}
