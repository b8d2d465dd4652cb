package sqlstore

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// ownWrites remembers the journal entries this process wrote, so a watcher
// reports only what others wrote. It remembers only while a watcher runs:
// the watcher forgets each entry it sees, so nothing piles up (a command
// line, or an engine that learns of writes another way, keeps nothing).
type ownWrites struct {
	mu       sync.Mutex
	watchers int
	ids      map[int64]bool
}

func (o *ownWrites) add(ids []int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.watchers == 0 {
		return
	}
	if o.ids == nil {
		o.ids = map[int64]bool{}
	}
	for _, id := range ids {
		o.ids[id] = true
	}
}

// forget drops entries that were never written (their commit failed): a
// later entry of another process may take their IDs.
func (o *ownWrites) forget(ids []int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, id := range ids {
		delete(o.ids, id)
	}
}

// watching counts a watcher in (+1) or out (-1); the last one out forgets.
func (o *ownWrites) watching(delta int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.watchers += delta; o.watchers == 0 {
		o.ids = nil
	}
}

// take reports whether id is ours, and forgets it: each is seen once.
func (o *ownWrites) take(id int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	mine := o.ids[id]
	delete(o.ids, id)
	return mine
}

// PollEvery is how often Watch looks at the journal.
const PollEvery = 700 * time.Millisecond

// Watch sends the campaign of every journal entry another process writes, by
// looking at the journal's new entries every PollEvery: every write leaves
// one, whatever the engine. It returns once it has read the journal's head, so
// a write made as soon as it returns is reported; a poll that fails (the base
// briefly out of reach) is caught up by the next, from the last entry seen.
func (s *Store) Watch(ctx context.Context) <-chan int64 {
	out := make(chan int64, 16)
	f := s.follow(ctx)
	go func() {
		defer close(out)
		defer f.stop()
		t := time.NewTicker(PollEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			f.catchUp(ctx, out)
		}
	}()
	return out
}

// follower is a watcher's place in the journal.
type follower struct {
	s     *Store
	last  int64 // the last entry seen
	known bool  // last is known: the head could be read
}

// follow counts a watcher in, so this process's writes are told apart from
// then on, and reads the journal's head: the entries after it are news.
func (s *Store) follow(ctx context.Context) *follower {
	s.own.watching(+1)
	f := &follower{s: s}
	f.readHead(ctx)
	return f
}

func (f *follower) readHead(ctx context.Context) {
	if h, err := f.s.Head(ctx); err == nil {
		f.last, f.known = h.ID, true
	}
}

// catchUp sends the campaigns others wrote to since the last entry seen. Until
// the head could be read, it only tries again: reporting the whole journal
// would reload every campaign for nothing.
func (f *follower) catchUp(ctx context.Context, out chan<- int64) {
	if !f.known {
		f.readHead(ctx)
		return
	}
	f.last = f.s.pollOnce(ctx, f.last, out)
}

func (f *follower) stop() { f.s.own.watching(-1) }

// pollOnce sends the campaigns written to by others since entry after, and
// returns the last entry seen.
func (s *Store) pollOnce(ctx context.Context, after int64, out chan<- int64) int64 {
	sent := map[int64]bool{}
	eachRow(ctx, s.q(), `SELECT id, campaign_id FROM audit WHERE id > ? ORDER BY id`, []any{after}, func(r *sql.Rows) error {
		var id, campaign int64
		if err := r.Scan(&id, &campaign); err != nil {
			return err
		}
		after = id
		if !s.own.take(id) && !sent[campaign] {
			sent[campaign] = true
			s.Notify(out, campaign)
		}
		return nil
	})
	return after
}

// Notify sends a campaign to a watcher without ever blocking the store: a
// watcher that lags misses nothing it needs, since one notice makes it reload.
func (s *Store) Notify(out chan<- int64, campaign int64) {
	select {
	case out <- campaign:
	default:
	}
}
