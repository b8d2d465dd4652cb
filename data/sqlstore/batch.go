package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/call-agglo/cohesion/data"
)

// An import of 100 000 dossiers writes some 700 000 rows; one statement per
// row costs a round trip each (a cgo call on SQLite, the network on
// PostgreSQL). So the rows of a write transaction's inserts wait in batches
// and go in multi-row INSERTs, parents' tables first (a structure before its
// dossier, a dossier before its QPV, as the foreign keys want). Any other statement of the transaction sends the batches first,
// so the transaction always reads what it wrote.
//
// Rows that need their ID at once (a dossier's children refer to it) get it
// from the transaction: the writers' lock is held, so the next ID is the
// table's highest plus one on both engines, counted from there.

// maxParams keeps a statement under both engines' limit on parameters
// (SQLite 32 766, PostgreSQL 65 535); maxRows keeps statements of a size the
// engines parse quickly.
const (
	maxParams = 30000
	maxRows   = 500
)

// copyRows is how many rows of a table wait before they are sent when the
// engine copies them (see Copier). A COPY costs a round trip and its
// statement's checks (PostgreSQL's parent triggers) whatever its size, but
// sent early the rows are written while the next ones are made (the writer,
// below): a server, on a machine of its own, works meanwhile. An import's
// new dossiers are not read back (state_written.go), so nothing else sends
// the rows before the end: measured on 100 000 dossiers, 500 rows a COPY took
// 6,3 s, 2 000 5,8 s, 5 000 5,4 s and 10 000 5,8 s (the server idle longer
// at the start).
const copyRows = 5000

// copier is the engine's Copier, if it has one.
func (w *txw) copier() Copier {
	c, _ := w.s.d.(Copier)
	return c
}

// batchRows is how many rows of p wait before they are sent.
func (w *txw) batchRows(p *pendingRows) int {
	if p.tail == "" && w.copier() != nil {
		if w.batches.copyRows > 0 {
			return w.batches.copyRows
		}
		return copyRows
	}
	return min(maxRows, maxParams/p.width)
}

// parentsFirst ranks the tables whose rows wait: a table's rows are sent
// after those of the tables its foreign keys point to.
var parentsFirst = map[string]int{
	"structures": 1, "applications": 2,
	"application_qpvs": 3, "cofinancings": 3, "application_documents": 3, "status_history": 3,
	"audit": 4,
}

// rank puts a table left out of parentsFirst last, as a child.
func rank(table string) int {
	if r, ok := parentsFirst[table]; ok {
		return r
	}
	return len(parentsFirst)
}

// pendingRows are the rows waiting for one INSERT.
type pendingRows struct {
	table, cols string
	tail        string // what follows the VALUES (an ON CONFLICT clause), or ""
	width       int
	args        []any
	sql         map[int]string // rows → its INSERT, built once
}

func (p *pendingRows) rows() int { return len(p.args) / p.width }

// batches are a transaction's pending inserts and the IDs it handed out.
type batches struct {
	order   []*pendingRows
	byKey   map[string]*pendingRows
	nextIDs map[string]int64 // table → the next ID to hand out
	// An engine whose IDs come from sequences (LateLocker): table → the IDs
	// reserved and not yet handed out, and how many to reserve next.
	reserved    map[string][]int64
	reserveNext map[string]int
	copyRows    int     // if set, in place of copyRows (late.go)
	broken      error   // a batch that failed: the transaction is lost
	writer      *writer // runs the statements of full batches, see below
}

// insertLater queues a row for table; cols is the column list as in SQL,
// vals one value per column.
func (w *txw) insertLater(ctx context.Context, table, cols string, vals ...any) error {
	return w.queueRow(ctx, table, cols, "", vals)
}

// upsertLater queues a row for a multi-row INSERT ending with tail (its ON
// CONFLICT clause). One statement must not name a row twice: the caller
// queues each key once per transaction.
func (w *txw) upsertLater(ctx context.Context, table, cols, tail string, vals ...any) error {
	return w.queueRow(ctx, table, cols, tail, vals)
}

func (w *txw) queueRow(ctx context.Context, table, cols, tail string, vals []any) error {
	b := &w.batches
	if b.broken != nil {
		return b.broken
	}
	key := table + "(" + cols + ")" + tail
	p := b.byKey[key]
	if p == nil {
		if b.byKey == nil {
			b.byKey = map[string]*pendingRows{}
		}
		p = &pendingRows{table: table, cols: cols, tail: tail, width: len(vals)}
		b.byKey[key] = p
		b.order = append(b.order, p)
		sort.SliceStable(b.order, func(i, j int) bool { return rank(b.order[i].table) < rank(b.order[j].table) })
	}
	p.args = append(p.args, vals...)
	if p.rows() >= w.batchRows(p) {
		return w.sendAll(ctx) // the engine writes them while the next rows are made
	}
	return nil
}

// newID hands out the next ID of table, for a row about to be queued.
func (w *txw) newID(ctx context.Context, table string) (int64, error) {
	if l, ok := w.s.d.(LateLocker); ok {
		return w.reservedID(ctx, l, table) // see late.go
	}
	b := &w.batches
	id, ok := b.nextIDs[table]
	if !ok {
		// A direct read, not w.QueryRowContext: nothing need be sent first.
		if err := w.tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM `+table).Scan(&id); err != nil {
			return 0, err
		}
		if b.nextIDs == nil {
			b.nextIDs = map[string]int64{}
		}
	}
	b.nextIDs[table] = id + 1
	return id, nil
}

// flush sends every pending row, parents' tables first, and waits until the
// engine has written them: what comes next reads them.
func (w *txw) flush(ctx context.Context) error {
	if err := w.sendAll(ctx); err != nil {
		return err
	}
	if err := w.batches.writer.wait(); err != nil {
		w.batches.broken = err
		return err
	}
	return nil
}

// sendAll hands every pending row to the writer, parents' tables first,
// without waiting for the engine.
func (w *txw) sendAll(ctx context.Context) error {
	b := &w.batches
	if b.broken != nil {
		return b.broken
	}
	for _, p := range b.order {
		if err := w.send(ctx, p); err != nil {
			b.broken = err
			return err
		}
	}
	return nil
}

// send hands a table's pending rows to the writer in statements of at most
// maxRows rows. Every statement has one of a few sizes (the full one, then
// powers of two), each prepared once per transaction: parsing a statement of
// hundreds of rows costs more than running it, and the rows left when a
// batch is sent early (another statement must read them) come in every count.
func (w *txw) send(ctx context.Context, p *pendingRows) error {
	if len(p.args) == 0 {
		return nil
	}
	if w.batches.writer == nil {
		w.batches.writer = newWriter(ctx, w)
	}
	if c := w.copier(); c != nil && p.tail == "" && p.rows() >= minCopyRows {
		w.batches.writer.queue(statement{table: p.table, args: p.args, copy: &copyJob{c, w.conn, columnList(p.cols), p.width}})
		p.args = make([]any, 0, cap(p.args))
		return nil
	}
	per := min(maxRows, maxParams/p.width)
	for off := 0; off < len(p.args); {
		n := statementRows(per, (len(p.args)-off)/p.width)
		s, err := w.stmt(ctx, p.insert(n))
		if err != nil {
			return err
		}
		w.batches.writer.queue(statement{stmt: s, table: p.table, args: p.args[off : off+n*p.width]})
		off += n * p.width
	}
	p.args = make([]any, 0, cap(p.args)) // the writer owns the values sent
	return nil
}

// A write transaction's full batches go to the engine on a goroutine of its
// own, in the order they were sent, while the transaction's goroutine makes
// the next rows: SQLite's work and Go's each have a core. Whatever reads or
// changes rows otherwise waits for them first (flush).
type writer struct {
	w       *txw
	ctx     context.Context
	jobs    chan statement
	pending sync.WaitGroup // statements queued, not yet run
	ended   chan struct{}
	err     error // the first failure; read only after pending.Wait
}

// statement is one multi-row INSERT with its values, or one COPY of them.
type statement struct {
	stmt  stmtRunner
	table string
	args  []any
	copy  *copyJob // set: the rows go by the engine's Copier, not stmt
}

// copyJob is how a statement's rows are copied.
type copyJob struct {
	c     Copier
	conn  *sql.Conn
	cols  []string
	width int
}

// minCopyRows: fewer rows go in an INSERT, which costs one round trip where
// a COPY costs two (the table's column types, then the rows).
const minCopyRows = 64

// columnList splits an INSERT's column list.
func columnList(cols string) []string {
	out := strings.Split(cols, ",")
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

// exec runs the statement.
func (st statement) exec(ctx context.Context) error {
	if st.copy != nil {
		return st.copy.c.CopyRows(ctx, st.copy.conn, st.table, st.copy.cols, st.copy.width, st.args)
	}
	_, err := st.stmt.ExecContext(ctx, st.args...)
	return err
}

func newWriter(ctx context.Context, w *txw) *writer {
	wr := &writer{w: w, ctx: ctx, jobs: make(chan statement, 64), ended: make(chan struct{})}
	go wr.run()
	return wr
}

func (wr *writer) run() {
	defer close(wr.ended)
	for st := range wr.jobs {
		if wr.err == nil { // after a failure the transaction is lost: the rest is skipped
			if err := st.exec(wr.ctx); err != nil {
				wr.err = err
				if wr.w.unique(err) && wr.w.late != nil {
					// Another desk wrote the same key meanwhile: the import
					// starts again, the lock held, and says so if it must.
					wr.err = errStartAgain
				} else if wr.w.unique(err) {
					wr.err = data.Failure(data.ECONFLICT, "Une des lignes à écrire existe déjà dans la base : rien n'a été enregistré.", fmt.Errorf("%s : %w", st.table, err))
				}
			}
		}
		wr.pending.Done()
	}
}

func (wr *writer) queue(st statement) {
	wr.pending.Add(1)
	wr.jobs <- st
}

// wait returns once every queued statement has run, with the first failure.
func (wr *writer) wait() error {
	if wr == nil {
		return nil
	}
	wr.pending.Wait()
	return wr.err
}

// stop ends the goroutine, once the statements queued have run.
func (wr *writer) stop() {
	if wr != nil {
		close(wr.jobs)
		<-wr.ended
	}
}

// statementRows is how many of left rows the next statement takes: per, or
// the largest power of two that fits.
func statementRows(per, left int) int {
	if left >= per {
		return per
	}
	return 1 << (bits.Len(uint(left)) - 1)
}

// insert is the INSERT of n rows of p.
func (p *pendingRows) insert(n int) string {
	q, ok := p.sql[n]
	if !ok {
		if p.sql == nil {
			p.sql = map[int]string{}
		}
		q = insertRows(p, n)
		p.sql[n] = q
	}
	return q
}

// insertRows is the INSERT of n rows of p.
func insertRows(p *pendingRows, n int) string {
	row := in(p.width)
	var sb strings.Builder
	sb.Grow(len(p.table) + len(p.cols) + len(p.tail) + 32 + n*(len(row)+1))
	sb.WriteString("INSERT INTO " + p.table + " (" + p.cols + ") VALUES ")
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(row)
	}
	sb.WriteString(p.tail)
	return sb.String()
}

// finishBatches sends what is left and tells the engine which tables got IDs
// from the transaction (PostgreSQL moves their sequences past them).
func (w *txw) finishBatches(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	if len(w.batches.nextIDs) == 0 {
		return nil
	}
	tables := make([]string, 0, len(w.batches.nextIDs))
	for t := range w.batches.nextIDs {
		tables = append(tables, t)
	}
	return w.s.d.SyncIDs(ctx, w.tx, tables)
}
