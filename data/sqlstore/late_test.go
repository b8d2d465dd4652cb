package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
	"github.com/call-agglo/cohesion/data/sqlstore"
	"github.com/call-agglo/cohesion/data/storetest"
)

var ctx = context.Background()

func openPG(t *testing.T, address string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(ctx, address, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	storetest.Pin(db, time.Date(2021, 4, 20, 10, 0, 0, 0, data.Paris))
	return db
}

// A long import on a server writes its journal before it takes the writers'
// lock, linked after the head it read (late.go). When another desk commits
// an entry between that read and those rows, the import's rows clash with
// it: they are rolled back to their savepoint and linked again under the
// lock, after the other desk's entry, and the import ends whole, its journal
// intact.
func TestLateImportLinksAfterAnEntryCommittedMeanwhile(t *testing.T) {
	address := pgtest.NewDatabase(t)
	desk, other := openPG(t, address), openPG(t, address)
	c := storetest.SeedDefault(t, desk)
	var between data.Head // the other desk's entry
	sqlstore.SetLinkAheadRead(func() {
		sqlstore.SetLinkAheadRead(nil) // once: the import does not start again
		if err := other.AddJuror(ctx, &data.Juror{CampaignID: c.ID, Name: "Juré arrivé entre-temps"}); err != nil {
			t.Errorf("the other desk's write: %v", err)
		}
		rep, err := other.VerifyAudit(ctx)
		if err != nil {
			t.Error(err)
		}
		between = rep.Head
	})
	t.Cleanup(func() { sqlstore.SetLinkAheadRead(nil) })
	const n = 1200 // a long import (from 1 000 lines)
	sum, err := desk.ImportApplications(ctx, c, data.LinesOf(lines(c, n)), data.ImportOptions{})
	if err != nil || sum.Created != n {
		t.Fatalf("import: %+v, %v", sum, err)
	}
	if between.ID == 0 {
		t.Fatal("the other desk never wrote between the head's read and the journal's rows")
	}
	rep, err := desk.VerifyAudit(ctx)
	if err != nil || !rep.Intact() {
		t.Fatalf("journal: %v, %v", rep.Verdict(), err)
	}
	if rep.Head.ID != between.ID+n { // one entry per dossier, after the other desk's
		t.Fatalf("head %d, the other desk's entry %d, %d dossiers", rep.Head.ID, between.ID, n)
	}
	// Not by starting again with the lock held, which would give the same
	// journal: a second attempt reserves new IDs, the first one's are lost.
	var highest int64
	if err := storetest.Raw(desk).QueryRowContext(ctx, `SELECT max(id) FROM applications`).Scan(&highest); err != nil || highest != n {
		t.Fatalf("highest dossier ID %d (%v): the import started again instead of linking its journal again", highest, err)
	}
}

// lines are n valid dossiers of c, received in time.
func lines(c *data.Campaign, n int) []data.Application {
	out := make([]data.Application, n)
	for i := range out {
		out[i] = data.Application{Number: fmt.Sprintf("L-%04d", i+1), Received: time.Date(2021, 4, 12, 14, 30, 0, 0, data.Paris),
			Structure: data.Structure{Name: fmt.Sprintf("Association n° %d", i+1)}, Title: "Projet", ThemeID: c.Themes[0].ID,
			TotalCents: 100_000, RequestedCents: 50_000}
	}
	return out
}
