package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/call-agglo/cohesion/data"
)

// A long import on a server held the writers' lock from its first statement
// to its commit: every other desk's write, a score typed in another
// campaign, waited the whole import (≈ 12 s for 100 000 dossiers). What the
// lock guards is the journal's single line (each entry follows the last one
// committed) and the reads that decide what to write (the register's
// numbers, a campaign still open). So on an engine that takes the lock
// itself (LateLocker), a long import writes its rows first, without it, in
// its own transaction, unseen by the other desks; its entries wait with their
// digests, unchained. Then it links them after the journal's head as it reads
// it and writes them too (linkAhead), still without the lock. Then it takes
// the lock, checks that the head is still the one it linked after and that
// no other desk wrote meanwhile what its reads decided on (an entry of the
// same campaign on an entity the import depends on, or the campaign locked),
// and commits: the lock is held for these checks alone (≈ 0,2 s after
// 100 000 dossiers). When another desk did write what it depends on, the
// import starts again from the beginning, holding the lock from the start
// this time, as before: it always ends.
//
// The IDs of the rows it writes come from the tables' sequences (ReserveIDs),
// never from the highest ID the transaction sees: another desk's write,
// committed meanwhile, would take the same ones.
//
// SQLite needs none of it: a write transaction holds the file's write lock
// from its start (BEGIN IMMEDIATE) and one file has one writer at a time.

// LateLocker is what an engine may offer whose writers queue on a lock that
// BeginWrite takes itself (PostgreSQL's advisory lock).
type LateLocker interface {
	// BeginUnlocked runs first in a long import's transaction instead of
	// BeginWrite, which runs later, once its rows are written.
	BeginUnlocked(ctx context.Context, tx *sql.Tx) error
	// ReserveIDs hands out n new IDs of table that no other transaction,
	// committed or not, will ever be given.
	ReserveIDs(ctx context.Context, tx *sql.Tx, table string, n int) ([]int64, error)
}

// lateLock is the state of a transaction that takes the writers' lock late.
type lateLock struct {
	campaignID int64
	entities   []string // the campaign's entities whose change meanwhile starts it again
	start      int64    // the journal's head when the transaction began
	held       bool
	ahead      int64             // the head its journal was linked after before the lock (linkAhead), or 0
	unchained  []data.AuditEntry // entries with their states, waiting for their place in the chain
}

// linkAhead writes the import's journal before the lock, linked after the
// head it reads: under the lock, the head is checked, and only the commit
// remains. Another desk's write that needs the next IDs meanwhile waits for
// them at most half a second (lock_timeout, see postgres.go) and runs again
// after the import. If a desk committed an entry between the head read and
// these rows (the IDs clash), they are rolled back to a savepoint and the
// entries linked under the lock instead (zero head returned).
func (w *txw) linkAhead(ctx context.Context) (data.Head, error) {
	l, c := w.late, w.copier()
	if c == nil || len(l.unchained) == 0 {
		return data.Head{}, nil
	}
	h, err := head(ctx, w)
	if err != nil {
		return data.Head{}, err
	}
	if linkAheadRead != nil {
		linkAheadRead()
	}
	if _, err := w.tx.ExecContext(ctx, `SAVEPOINT journal_ahead`); err != nil {
		return data.Head{}, err
	}
	written := len(w.written)
	args := make([]any, 0, 14*len(l.unchained))
	linked, _ := w.s.link(w, l.unchained, h, func(vals ...any) error { args = append(args, vals...); return nil })
	err = c.CopyRows(ctx, w.conn, "audit", columnList(auditCols), 14, args)
	if err != nil && w.unique(err) {
		w.written = w.written[:written]
		_, err = w.tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT journal_ahead`)
		return data.Head{}, err
	}
	if err != nil {
		return data.Head{}, err
	}
	l.unchained, l.ahead = nil, h.ID
	_, err = w.tx.ExecContext(ctx, `RELEASE SAVEPOINT journal_ahead`)
	return linked, err
}

// linkAheadRead, when a test sets it, runs once linkAhead has read the
// journal's head: another desk's entry committed there is the case its
// savepoint is for, which no timing makes happen reliably otherwise.
var linkAheadRead func()

// lockedCopyRows is how many journal rows a late-locked import sends per
// COPY once it holds the lock.
const lockedCopyRows = 20000

// errStartAgain ends a late-locked transaction that another desk's write
// made stale: it runs again, holding the lock from its start.
var errStartAgain = errors.New("une autre écriture a précédé l'import : il recommence, verrou pris")

// inLateTx is inTx for a long import of campaignID that depends on the
// campaign's entities listed: late-locked when the engine can.
func (s *Store) inLateTx(ctx context.Context, campaignID int64, size int, entities []string, fn func(tx *txw) error) error {
	l, ok := s.d.(LateLocker)
	if !ok || size < lateMin {
		return s.inTx(ctx, fn)
	}
	err := s.inTxWith(ctx, &lateLock{campaignID: campaignID, entities: entities}, l, fn)
	if errors.Is(err, errStartAgain) {
		return s.inTx(ctx, fn)
	}
	return err
}

// lateMin is the size (lines, scores) from which an import is late-locked:
// a smaller one holds the lock well under a second anyway, and late-locked
// would only start again more often when desks write to the same campaign.
const lateMin = 1000

// beginLate opens a late-locked transaction: no lock, the journal's head noted.
func (w *txw) beginLate(ctx context.Context, l LateLocker) error {
	if err := l.BeginUnlocked(ctx, w.tx); err != nil {
		return err
	}
	h, err := head(ctx, w)
	w.late.start = h.ID
	return err
}

// lockLate takes the writers' lock once the import's rows are written (its
// entries are not), and checks what was read without it.
func (w *txw) lockLate(ctx context.Context) error {
	if w.late == nil || w.late.held {
		return nil
	}
	// The rows, and the states of the last entries, before the lock.
	if err := w.s.flushAudit(ctx, w); err != nil {
		return err
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	linked, err := w.linkAhead(ctx)
	if err != nil {
		return err
	}
	if err := w.s.d.BeginWrite(ctx, w.tx); err != nil {
		return err
	}
	w.late.held = true
	if linked != (data.Head{}) {
		// Written after the head seen before the lock: still the head, as
		// no desk can commit an entry while ours hold the next IDs.
		if h, err := head(ctx, w); err != nil || h != linked {
			return errors.Join(err, errStartAgain)
		}
	}
	// When linkAhead could not write the journal, it goes under the lock,
	// in a few long COPYs: the statements' own cost is the lock's.
	w.batches.copyRows = lockedCopyRows
	l := w.late
	return w.lateChecks(ctx, l)
}

// lateChecks refuses, under the lock, what was read without it and changed.
func (w *txw) lateChecks(ctx context.Context, l *lateLock) error {
	until := l.ahead // the entries after it are the import's own (linkAhead)
	if until == 0 {
		until = 1<<63 - 1
	}
	args := []any{l.start, until, l.campaignID}
	for _, e := range l.entities {
		args = append(args, e)
	}
	var clash bool
	err := w.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM audit WHERE id > ? AND id <= ? AND campaign_id = ? AND entity IN `+in(len(l.entities))+`)`,
		args...).Scan(&clash)
	if err != nil {
		return err
	}
	if clash {
		return errStartAgain
	}
	return w.mustBeOpen(ctx, l.campaignID) // a deliberation meanwhile refuses the import, as it would have before it
}

// reservedID hands out the next ID of table from the blocks its sequence
// reserved for the transaction: 1, then 2, 4… up to 1 024 at a time, so that
// a small write wastes none and an import a round trip per thousand rows
// (or one in all, see reserveAhead).
func (w *txw) reservedID(ctx context.Context, l LateLocker, table string) (int64, error) {
	b := &w.batches
	if len(b.reserved[table]) == 0 {
		n := 1
		if b.reserveNext != nil {
			n = max(1, b.reserveNext[table])
		}
		if err := w.reserve(ctx, l, table, n); err != nil {
			return 0, err
		}
		b.reserveNext[table] = min(2*n, 1024)
	}
	id := b.reserved[table][0]
	b.reserved[table] = b.reserved[table][1:]
	return id, nil
}

// reserveAhead reserves n IDs of table at once, for an import that knows
// how many rows it may write; a no-op where IDs do not come from sequences.
func (w *txw) reserveAhead(ctx context.Context, table string, n int) error {
	l, ok := w.s.d.(LateLocker)
	if !ok || n <= 0 {
		return nil
	}
	return w.reserve(ctx, l, table, n)
}

// reserve adds n IDs of table's sequence to those the transaction holds.
func (w *txw) reserve(ctx context.Context, l LateLocker, table string, n int) error {
	b := &w.batches
	// The query runs on the transaction's connection, which the writer's
	// COPY may be using: it waits for the statements in flight (those not
	// yet sent stay pending).
	if err := b.writer.wait(); err != nil {
		return err
	}
	ids, err := l.ReserveIDs(ctx, w.tx, table, n)
	if err == nil && len(ids) < n {
		err = errors.New("séquence " + table + " : identifiants réservés manquants")
	}
	if err != nil {
		return err
	}
	if b.reserved == nil {
		b.reserved, b.reserveNext = map[string][]int64{}, map[string]int{}
	}
	b.reserved[table] = append(b.reserved[table], ids...)
	return nil
}
