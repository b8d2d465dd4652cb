package backend_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

var ctx = context.Background()

func open(t *testing.T, address string) data.Store {
	t.Helper()
	st, err := backend.Bases{}.Open(ctx, address, data.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// demoBase fills a base with the default campaign and the demo set, split,
// adopted and deliberated.
func demoBase(t *testing.T, address string) data.Store {
	t.Helper()
	st := open(t, address)
	if _, err := seed.EnsureDefault(ctx, st); err != nil {
		t.Fatal(err)
	}
	c, _, err := demo.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := campaign.Load(ctx, st, c.ID, data.SnapshotOptions{})
	res, _ := v.Split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	if _, err := st.SaveScenario(ctx, c, "Rang", res, nil, v.Split.Fingerprint, false); err != nil {
		t.Fatal(err)
	}
	if err := st.AdoptScenario(ctx, c.ID, "Rang"); err != nil {
		t.Fatal(err)
	}
	if err := campaign.Deliberate(ctx, st, c.ID, "2021-154", data.NewDate(2021, 9, 27), ""); err != nil {
		t.Fatal(err)
	}
	return st
}

// same checks that two bases hold the same rows, journal and results.
func same(t *testing.T, a, b data.Store) {
	t.Helper()
	ca, _ := a.(interface{ Base() *sqlstore.Store }).Base().Counts(ctx)
	cb, _ := b.(interface{ Base() *sqlstore.Store }).Base().Counts(ctx)
	for table, n := range ca {
		if cb[table] != n {
			t.Errorf("%s: %d rows, then %d", table, n, cb[table])
		}
	}
	ha, _ := a.Head(ctx)
	hb, _ := b.Head(ctx)
	if ha != hb || ha.ID == 0 {
		t.Errorf("heads %s and %s", ha, hb)
	}
	if rep, err := b.VerifyAudit(ctx); err != nil || !rep.Intact() {
		t.Errorf("journal of the copy: %s %v", rep.Verdict(), err)
	}
	c, _ := a.CampaignByCode(ctx, data.DemoCode)
	va, _ := campaign.Load(ctx, a, c.ID, data.SnapshotOptions{})
	vb, _ := campaign.Load(ctx, b, c.ID, data.SnapshotOptions{})
	if va.Split.Fingerprint != vb.Split.Fingerprint || vb.Scenario == nil || va.Scenario.TotalCents != vb.Scenario.TotalCents || !vb.Campaign.Locked() {
		t.Errorf("results differ: %s/%s", va.Split.Fingerprint, vb.Split.Fingerprint)
	}
}

// A SQLite base copied to PostgreSQL, and back to a new file, stays the same
// base: rows, journal and its hashes, rankings and the adopted split.
func TestMigrateRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "cohesion.db")
	lite := demoBase(t, file)
	server := pgtest.NewDatabase(t)
	rep, err := backend.Bases{}.Migrate(ctx, file, server)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows["applications"] != 30 || len(rep.Campaigns) != 2 || rep.Head.ID == 0 {
		t.Fatalf("report %+v", rep)
	}
	pg := open(t, server)
	same(t, lite, pg)
	back := filepath.Join(t.TempDir(), "retour.db")
	if _, err := (backend.Bases{}).Migrate(ctx, server, back); err != nil {
		t.Fatal(err)
	}
	same(t, pg, open(t, back))
	// A copy goes only into an empty base, and never over a file.
	if _, err := (backend.Bases{}).Migrate(ctx, file, server); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a second copy into a full base: %v", err)
	}
	if _, err := (backend.Bases{}).Migrate(ctx, server, back); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "existe déjà") {
		t.Fatalf("a copy over a file: %v", err)
	}
}

// A backup of a server base is a SQLite file like any other; restoring it
// into a server base gives the same base back.
func TestServerBackupAndRestoreRoundTrip(t *testing.T) {
	desk := filepath.Join(t.TempDir(), "cohesion.db")
	t.Setenv("COHESION_DB", desk) // the replaced server base is kept among this desk's backups
	server := pgtest.NewDatabase(t)
	pg := demoBase(t, server)
	file := filepath.Join(t.TempDir(), "sauvegarde.db")
	if err := (backend.Bases{}).Backup(ctx, pg, file, data.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	same(t, pg, open(t, file))
	other := pgtest.NewDatabase(t)
	seeded := open(t, other)
	if _, err := seed.EnsureDefault(ctx, seeded); err != nil { // a base in use, to be replaced
		t.Fatal(err)
	}
	seeded.Close()
	rep, err := backend.Bases{}.Restore(ctx, other, file, data.RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(rep.Kept, filepath.Join(filepath.Dir(desk), "sauvegardes")) {
		t.Fatalf("the replaced server base was kept at %q", rep.Kept)
	}
	if cs, _ := open(t, rep.Kept).Campaigns(ctx); len(cs) != 1 {
		t.Fatalf("the kept copy holds %d campaigns", len(cs))
	}
	same(t, pg, open(t, other))
	// While a desk has the base open, a restore is refused.
	if _, err := (backend.Bases{}).Restore(ctx, other, file, data.RestoreOptions{}); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("restore with a desk connected: %v", err)
	}
}
