package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// The watcher's tests wait for its notices, never for a length of time: a
// notice comes within a poll (SQLite) or at once (PostgreSQL). noticeGuard only
// ends a test that would otherwise hang.
const noticeGuard = 20 * time.Second

// nextNotice is the watcher's next notice.
func nextNotice(t *testing.T, changes <-chan int64, what string) int64 {
	t.Helper()
	select {
	case id, ok := <-changes:
		if !ok {
			t.Fatalf("the watcher stopped before %s", what)
		}
		return id
	case <-time.After(noticeGuard):
		t.Fatalf("no notice of %s", what)
	}
	return 0
}

// secondCampaign is another campaign of the base, made before any watcher.
func secondCampaign(t *testing.T, st data.Store) *data.Campaign {
	t.Helper()
	b, err := seed.DefaultCampaign()
	if err != nil {
		t.Fatal(err)
	}
	b.Code = "AMI2022"
	if err := st.CreateCampaign(ctx, b); err != nil {
		t.Fatal(err)
	}
	return b
}

// A desk learns of a colleague's write without restarting, and never of its
// own: its write to campaign B comes first, then the colleague's to A, then
// the colleague's to B; the notices are A, then B.
var _ = register("WatchSeesOtherDesks", func(t *testing.T, h Harness) {
	st, a := seeded(t, h)
	b := secondCampaign(t, st)
	other := h.Again(t, st)
	Pin(other, Clock)
	changes := st.Watch(t.Context())
	mustCreate(t, st, b, app(t, b)) // this desk's own write is not news
	mustCreate(t, other, a, app(t, a))
	if id := nextNotice(t, changes, "the other desk's write"); id != a.ID {
		t.Fatalf("first notice for campaign %d, want %d (campaign %d: this desk's own write was reported)", id, a.ID, b.ID)
	}
	mustCreate(t, other, b, app(t, b))
	if id := nextNotice(t, changes, "the other desk's second write"); id != b.ID {
		t.Fatalf("second notice for campaign %d, want %d", id, b.ID)
	}
})

// Watch is ready when it returns: a colleague's write made at once is reported,
// every time (the journal's head, and PostgreSQL's LISTEN, come before).
var _ = register("WatchReadyWhenItReturns", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	other := h.Again(t, st)
	Pin(other, Clock)
	for i := range 8 {
		wctx, stop := context.WithCancel(t.Context())
		changes := st.Watch(wctx)
		mustCreate(t, other, c, app(t, c))
		if id := nextNotice(t, changes, "a write made as Watch returned"); id != c.ID {
			t.Fatalf("round %d: notice for campaign %d, want %d", i, id, c.ID)
		}
		stop()
		for range changes { // the watcher closes its channel once stopped
		}
	}
})

// A watcher that lost its server connection reports, once back, what was
// written meanwhile. Only PostgreSQL has a connection to lose: the test cuts
// the watcher's (named postgres.WatchApplication) and writes at once, well
// within the two seconds the watcher waits before it reconnects.
var _ = register("WatchCatchesUpAfterReconnect", func(t *testing.T, h Harness) {
	st, c := seeded(t, h)
	other := h.Again(t, st)
	Pin(other, Clock)
	changes := st.Watch(t.Context())
	var cut int
	err := Raw(other).QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = 'cohesion-ecoute'`).Scan(&cut)
	if err != nil {
		t.Skip("no server connection to cut on this engine")
	}
	if cut != 1 {
		t.Fatalf("%d watcher connections cut, want 1", cut)
	}
	mustCreate(t, other, c, app(t, c))
	if id := nextNotice(t, changes, "a write made while the watcher was away"); id != c.ID {
		t.Fatalf("notice for campaign %d, want %d", id, c.ID)
	}
})
