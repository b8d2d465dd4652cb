// Package sqlstore is Cohésion's store written once in SQL, over database/sql,
// for every engine: the SQLite and PostgreSQL adapters open their connections,
// bring their schema up to date and give a Dialect for what their engines spell
// differently; the queries, the rules of each transaction, the audit chain and
// its check are here, once.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Dialect is what differs between SQL engines.
type Dialect interface {
	// Name is "sqlite" or "postgres".
	Name() string
	// Numbered is true when the engine wants $1, $2… instead of ?.
	Numbered() bool
	// IsUnique reports a unique-constraint violation.
	IsUnique(err error) bool
	// IsBusy reports that another writer held the base past the wait.
	IsBusy(err error) bool
	// Retryable reports a transaction the engine aborted and that may simply be
	// run again (serialization failure, deadlock).
	Retryable(err error) bool
	// BeginWrite runs first in every write transaction (PostgreSQL takes the
	// writers' lock there, so writes queue as they do on SQLite).
	BeginWrite(ctx context.Context, tx *sql.Tx) error
	// AfterWrite runs last in every write transaction, with the campaigns it
	// wrote to (PostgreSQL tells the other desks).
	AfterWrite(ctx context.Context, tx *sql.Tx, campaigns []int64) error
	// ReadOptions are the options of a snapshot's transaction.
	ReadOptions() *sql.TxOptions
	// SyncIDs runs at the end of a transaction that wrote IDs itself (a copy
	// into this engine, batched inserts), with the tables concerned:
	// PostgreSQL moves their ID sequences past the IDs written.
	SyncIDs(ctx context.Context, tx *sql.Tx, tables []string) error
	// Wipe empties the tables before a restore replaces a base in place (a
	// server's; a file is replaced whole).
	Wipe(ctx context.Context, tx *sql.Tx, tables []string) error
	// Translate turns an engine's failure (disk full, read-only base…) into a
	// French *data.Error, or returns err unchanged.
	Translate(err error) error
}

// Copier is what an engine may offer beside its Dialect: a faster way than
// multi-row INSERTs to write many rows (PostgreSQL's COPY, which the server
// neither parses nor plans row by row). CopyRows writes the rows of args,
// width values each, into table's cols, within the transaction open on conn.
// An engine without it (SQLite, where a statement costs no round trip) keeps
// the INSERTs.
type Copier interface {
	CopyRows(ctx context.Context, conn *sql.Conn, table string, cols []string, width int, args []any) error
}

// Replanner is what an engine may offer when a write transaction's
// statements are better planned each time with their values than prepared
// once (PostgreSQL: a plan kept from an import's first rows, when the tables
// were small, stays as they grow; its driver caches what a statement needs
// by itself). Such an engine's transactions prepare nothing.
type Replanner interface {
	PlanEachTime() bool
}

// Store is a Cohésion base reached through database/sql.
type Store struct {
	db  *sql.DB // writes, and simple reads
	rdb *sql.DB // snapshots: never takes the writers' lock
	d   Dialect
	// Clock gives the time of every write; tests pin it.
	Clock func() time.Time
	// User is who the audit trail records: the operating-system user, and for
	// a server the role too.
	User     string
	location string
	// Identity names the base for the list of windows running on it (see
	// RegisterInstance); the SQLite adapter sets the file's absolute path.
	Identity string
	rebound  sync.Map // query → query with the engine's placeholders
	own      ownWrites
	register registerCache // the last register read, see list.go
	closers  []func() error
	anchors  *anchorage // the journal heads this desk saw (see Anchor)
	warnings []data.Warning
}

// Warn adds something to tell the user about the base once it is open.
func (s *Store) Warn(w data.Warning) { s.warnings = append(s.warnings, w) }

// Warnings is what the user should know about the base (see data.Warner).
func (s *Store) Warnings() []data.Warning { return s.warnings }

// New wraps open connection pools; rdb may be db.
func New(db, rdb *sql.DB, d Dialect, location, user string) *Store {
	return &Store{db: db, rdb: rdb, d: d, Clock: time.Now, User: user, location: location}
}

// Now is the time of every write.
func (s *Store) Now() time.Time { return s.Clock() }

// Pin makes every later write happen at the time at, by user: tests pin them
// so that journals and documents are reproducible.
func (s *Store) Pin(at time.Time, user string) {
	s.Clock = func() time.Time { return at }
	s.User = user
}

// Location names the base for people.
func (s *Store) Location() string { return s.location }

// Base is the store itself, for code that copies between engines.
func (s *Store) Base() *Store { return s }

// DB is the write pool, for the adapter's own statements (backups, pragmas).
func (s *Store) DB() *sql.DB { return s.db }

// OnClose adds something to close with the store (a listener, a lock).
func (s *Store) OnClose(f func() error) { s.closers = append(s.closers, f) }

// Close closes the pools and whatever the adapter attached.
func (s *Store) Close() error {
	if s.anchors != nil {
		// The last head this desk saw; a short wait, as a server gone from
		// the network must not hold up the closing window.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		s.advanceAnchor(ctx)
		cancel()
		s.anchors = nil
	}
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	errs = append(errs, s.db.Close())
	if s.rdb != s.db {
		errs = append(errs, s.rdb.Close())
	}
	return errors.Join(errs...)
}

// bind rewrites ? placeholders for engines that number them. Queries are
// constants of this package or come in a few sizes (see batch.go and
// digests), so the rewritten text is cached.
func (s *Store) bind(q string) string {
	if !s.d.Numbered() {
		return q
	}
	if v, ok := s.rebound.Load(q); ok {
		return v.(string)
	}
	b := s.rebind(q)
	s.rebound.Store(q, b)
	return b
}

// rebind is bind without the cache, for a query made once.
func (s *Store) rebind(q string) string {
	if !s.d.Numbered() {
		return q
	}
	var b strings.Builder
	n, quoted := 0, false
	for _, r := range q {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// queryer is what reads need: the pool or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// pool reads from a connection pool with the engine's placeholders.
type pool struct {
	s  *Store
	db *sql.DB
}

func (p pool) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return p.db.QueryContext(ctx, p.s.bind(q), args...)
}

func (p pool) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return p.db.QueryRowContext(ctx, p.s.bind(q), args...)
}

func (p pool) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return p.db.ExecContext(ctx, p.s.bind(q), args...)
}

// q reads outside any transaction.
func (s *Store) q() pool { return pool{s, s.db} }

// errDryRun rolls back a dry run's transaction once every check has passed.
var errDryRun = errors.New("dry run")

// inTx runs fn in one write transaction: one user operation, all or nothing.
// The audit entries fn adds are written last, with the digest of what each
// entity holds after the change. A transaction the engine aborted for a
// conflict with another is run again.
func (s *Store) inTx(ctx context.Context, fn func(tx *txw) error) error {
	return s.inTxWith(ctx, nil, nil, fn)
}

// inTxWith is inTx, late-locked when late is set (see late.go).
func (s *Store) inTxWith(ctx context.Context, late *lateLock, l LateLocker, fn func(tx *txw) error) error {
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		var fresh *lateLock
		if late != nil {
			fresh = &lateLock{campaignID: late.campaignID, entities: late.entities}
		}
		err = s.tryTx(ctx, fresh, l, fn)
		if late != nil && s.d.Retryable(err) {
			// A deadlock with a desk waiting for the import's rows while
			// holding the lock: started again, the lock held (late.go).
			err = errStartAgain
		}
		if err == nil || !s.d.Retryable(err) {
			break
		}
		time.Sleep(time.Duration(10*(attempt+1)) * time.Millisecond)
	}
	if errors.Is(err, errStartAgain) {
		return err // the caller starts again, the lock held
	}
	return s.fail(err)
}

func (s *Store) tryTx(ctx context.Context, late *lateLock, l LateLocker, fn func(tx *txw) error) error {
	// A connection of its own, so that an engine's Copier reaches the
	// transaction's own session (conn.Raw) while the transaction is open.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w := &txw{s: s, conn: conn, tx: tx, stmts: map[string]*sql.Stmt{}, late: late}
	defer w.close()
	if late != nil {
		err = w.beginLate(ctx, l)
	} else {
		err = s.d.BeginWrite(ctx, tx)
	}
	if err == nil {
		err = fn(w)
	}
	if err == nil {
		err = w.lockLate(ctx)
	}
	if err == nil {
		err = s.flushAudit(ctx, w)
	}
	if err == nil {
		err = w.finishBatches(ctx)
	}
	if w.batches.broken != nil {
		err = w.batches.broken // what went wrong first, whatever fn made of it
	}
	if err == nil {
		err = s.d.AfterWrite(ctx, tx, w.campaigns())
	}
	if err != nil {
		w.batches.writer.wait() // the statements still running, before the rollback
		tx.Rollback()
		return err
	}
	// Known as ours before the commit: a watcher that polls right after it
	// must not take them for a colleague's; forgotten if the commit fails.
	s.own.add(w.written)
	if err := tx.Commit(); err != nil {
		s.own.forget(w.written)
		return &CommitError{err}
	}
	s.register.reset() // even a write the journal does not see (a migration, a copy)
	return nil
}

// CommitError is the failure of a write transaction's COMMIT itself: unlike a
// failure before it, the engine may have written the transaction (a server's
// connection lost once the COMMIT was sent), and the adapter's Translate says so.
type CommitError struct{ Err error }

func (e *CommitError) Error() string { return e.Err.Error() }
func (e *CommitError) Unwrap() error { return e.Err }

// fail turns what a transaction returned into what the user reads: our own
// errors as they are, a busy base and the engine's known failures in French.
func (s *Store) fail(err error) error {
	switch {
	case err == nil, errors.Is(err, errDryRun):
		return err
	case data.ErrorCode(err) != data.EINTERNAL:
		return err
	case s.d.IsBusy(err):
		return data.Errorf(data.ECONFLICT, "La base est occupée par une autre fenêtre ou commande Cohésion. Réessayez dans un instant.")
	}
	return s.d.Translate(err)
}

// readTx runs fn in one read transaction: a consistent view of the base.
func (s *Store) readTx(ctx context.Context, fn func(q queryer) error) error {
	tx, err := s.rdb.BeginTx(ctx, s.d.ReadOptions())
	if err != nil {
		return s.fail(err)
	}
	defer tx.Rollback()
	return s.fail(fn(&readw{s: s, tx: tx}))
}

// readw is a read transaction with the engine's placeholders.
type readw struct {
	s  *Store
	tx *sql.Tx
}

func (r *readw) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return r.tx.QueryContext(ctx, r.s.bind(q), args...)
}

func (r *readw) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return r.tx.QueryRowContext(ctx, r.s.bind(q), args...)
}

// txw is a write transaction that prepares each statement once (an import of
// 10 000 applications runs the same dozen statements over and over) and
// gathers the audit entries of the operation.
type txw struct {
	s     *Store
	conn  *sql.Conn // the connection tx runs on, for an engine's Copier
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// The audit entries of the operation, written at the end (see flushAudit).
	entries []data.AuditEntry
	touched []stateKey                 // entities changed without an entry of their own
	wrote   []int64                    // the campaigns of the entries written
	written []int64                    // audit IDs written, so Watch skips this process's own writes
	numbers map[int64]map[string]int64 // campaign → numbers taken, once read
	batches batches                    // rows waiting for a multi-row INSERT, see batch.go
	schema  int                        // in a migration, the version it brings the base to; else 0
	late    *lateLock                  // a long import that takes the writers' lock last, see late.go
}

// taken maps a campaign's application numbers to their IDs, read once per
// transaction and kept up to date by the inserts that follow.
func (w *txw) taken(ctx context.Context, campaignID int64) (map[string]int64, error) {
	if set, ok := w.numbers[campaignID]; ok {
		return set, nil
	}
	set, err := numbers(ctx, w, campaignID)
	if err != nil {
		return nil, err
	}
	if w.numbers == nil {
		w.numbers = map[int64]map[string]int64{}
	}
	w.numbers[campaignID] = set
	return set, nil
}

// stmtRunner runs one statement of the transaction with its values: a
// prepared *sql.Stmt, or an unprepared one (see Replanner).
type stmtRunner interface {
	ExecContext(ctx context.Context, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, args ...any) *sql.Row
}

// unprepared is a statement sent with its values each time.
type unprepared struct {
	tx    *sql.Tx
	query string
}

func (u unprepared) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	return u.tx.ExecContext(ctx, u.query, args...)
}

func (u unprepared) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	return u.tx.QueryContext(ctx, u.query, args...)
}

func (u unprepared) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return u.tx.QueryRowContext(ctx, u.query, args...)
}

// planEachTime reports an engine whose transactions prepare nothing.
func (s *Store) planEachTime() bool {
	r, ok := s.d.(Replanner)
	return ok && r.PlanEachTime()
}

func (w *txw) stmt(ctx context.Context, query string) (stmtRunner, error) {
	if w.s.planEachTime() {
		return unprepared{w.tx, w.s.bind(query)}, nil
	}
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(ctx, w.s.bind(query))
	if err != nil {
		return nil, err
	}
	w.stmts[query] = s
	return s, nil
}

// ExecContext, QueryContext and QueryRowContext send the pending rows first,
// so the transaction reads and changes what it wrote.
func (w *txw) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (w *txw) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := w.flush(ctx); err != nil {
		return nil, err
	}
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (w *txw) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	// A failed flush cannot show in the Row: the transaction reports it at
	// its end (batches.broken), and nothing is committed.
	w.flush(ctx)
	s, err := w.stmt(ctx, query)
	if err != nil {
		// Let Scan report it: sql.Row has no public constructor for an error.
		return w.tx.QueryRowContext(ctx, w.s.bind(query), args...)
	}
	return s.QueryRowContext(ctx, args...)
}

// insertID runs an INSERT … RETURNING id and returns the new row's ID.
func (w *txw) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := w.QueryRowContext(ctx, query+` RETURNING id`, args...).Scan(&id)
	return id, err
}

func (w *txw) close() {
	w.batches.writer.stop()
	for _, s := range w.stmts {
		s.Close()
	}
}

// unique reports a unique-constraint violation, whatever the engine.
func (w *txw) unique(err error) bool { return err != nil && w.s.d.IsUnique(err) }

func (s *Store) now() string { return s.Clock().UTC().Format(time.RFC3339) }

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

func parseDate(s string) data.Date {
	if s == "" {
		return data.Date{}
	}
	d, _ := data.ParseDate(s)
	return d
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

type scanner interface{ Scan(...any) error }

// in renders « (?,?,?) » for n arguments.
func in(n int) string {
	if n == 0 {
		return "(NULL)"
	}
	return "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// eachRow runs a query and calls fill for each of its rows.
func eachRow(ctx context.Context, q queryer, query string, args []any, fill func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fill(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
