package sqlite_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// Two windows on one base: the second edit of a stale copy is refused, not lost.
func TestStaleEditRefused(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	second, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	mine, _ := db.Application(ctx, a.ID)
	theirs, _ := second.Application(ctx, a.ID)
	theirs.Structure.Phone = "03 21 99 99 99"
	if err := second.UpdateApplication(ctx, c, theirs); err != nil {
		t.Fatal(err)
	}
	mine.Title = "Titre corrigé dans la première fenêtre"
	err = db.UpdateApplication(ctx, c, mine)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "modifié entre-temps") {
		t.Fatalf("stale edit: %v", err)
	}
	got, _ := db.Application(ctx, a.ID)
	if got.Structure.Phone != "03 21 99 99 99" || got.Title == mine.Title || got.Version != 2 {
		t.Fatalf("after the refused edit: %+v", got)
	}
	// Reloaded, the edit goes through.
	got.Title = mine.Title
	if err := db.UpdateApplication(ctx, c, got); err != nil || got.Version != 3 {
		t.Fatalf("%v version %d", err, got.Version)
	}
}

// Two writers at once on the same file: every write lands, none is corrupted.
func TestConcurrentWritersLoseNothing(t *testing.T) {
	db, c := open(t)
	second, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w, d := range []*sqlite.DB{db, second} {
		wg.Add(1)
		go func(w int, d *sqlite.DB) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				a := app(t, c)
				a.Title = strings.Repeat("x", w+1)
				if err := d.CreateApplication(ctx, c, a); err != nil {
					errs <- err
				}
			}
		}(w, d)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := count(t, db, c); n != 80 {
		t.Fatalf("%d applications, want 80", n)
	}
	if _, broken, err := db.VerifyAudit(ctx); broken != nil || err != nil {
		t.Fatalf("audit chain after concurrent writes: %+v %v", broken, err)
	}
	if err := sqlite.CheckFile(db.Path()); err != nil {
		t.Fatal(err)
	}
}

func TestInstances(t *testing.T) {
	db, _ := open(t)
	now := time.Date(2021, 6, 1, 9, 0, 0, 0, data.Paris)
	db.Now = func() time.Time { return now }
	first, others, err := db.RegisterInstance(ctx)
	if err != nil || len(others) != 0 {
		t.Fatalf("%v %v", others, err)
	}
	_, others, _ = db.RegisterInstance(ctx)
	if len(others) != 1 || others[0].ID != first || others[0].User != "agent.test" {
		t.Fatalf("second window does not see the first: %+v", others)
	}
	// A window that stopped beating (crashed) no longer counts.
	now = now.Add(5 * time.Minute)
	_, others, _ = db.RegisterInstance(ctx)
	if len(others) != 0 {
		t.Fatalf("stale instances counted: %+v", others)
	}
}

// Two processes starting on a new (or older) base at once: one migrates, the
// other waits and finds it done.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	for round := 0; round < 8; round++ {
		path := t.TempDir() + "/c.db"
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := sqlite.Open(path)
				if err != nil {
					errs <- err
					return
				}
				if _, err := db.EnsureDefault(ctx); err != nil {
					errs <- err
				}
				db.Close()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		cs, _ := db.Campaigns(ctx)
		db.Close()
		if len(cs) != 1 {
			t.Fatalf("round %d: %d campaigns", round, len(cs))
		}
	}
}

func TestStaleCampaignSettingsRefused(t *testing.T) {
	db, c := open(t)
	mine, _ := db.Campaign(ctx, c.ID)
	theirs, _ := db.Campaign(ctx, c.ID)
	theirs.EnvelopeCents = 20_000_000
	if err := db.UpdateCampaign(ctx, theirs); err != nil {
		t.Fatal(err)
	}
	mine.Title = "Titre corrigé"
	if err := db.UpdateCampaign(ctx, mine); data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "entre-temps") {
		t.Fatalf("stale settings: %v", err)
	}
	got, _ := db.Campaign(ctx, c.ID)
	if got.EnvelopeCents != 20_000_000 || got.Title == "Titre corrigé" {
		t.Fatalf("%d %q", got.EnvelopeCents, got.Title)
	}
}
