// Package sqlite stores Cohésion's data in one SQLite file. It knows the domain
// types of package data, and neither the GUI nor the reports.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/call-agglo/cohesion/data"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is an open Cohésion database.
type DB struct {
	db   *sql.DB
	path string
	// Now gives the time of every write; tests pin it.
	Now func() time.Time
	// User is the operating-system user recorded with every change.
	User string
}

// Open opens (creating if needed) the database at path and brings its schema up to
// date. Foreign keys and the busy timeout are set in the DSN, so every pooled
// connection has them; immediate transactions make two writers queue instead of
// failing halfway.
func Open(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, data.Errorf(data.EINTERNAL, "Impossible de créer le dossier %s : %v", dir, err)
		}
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	sqldb, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db := &DB{db: sqldb, path: path, Now: time.Now, User: currentUser()}
	// A base another process is creating, migrating or switching to WAL can
	// answer « locked » without waiting: each step is tried again for a while.
	for _, step := range []func() error{db.ping, db.quickCheck, db.migrate} {
		if err := retryLocked(step); err != nil {
			sqldb.Close()
			if errors.Is(err, errLocked) {
				return nil, data.Errorf(data.ECONFLICT, "La base %s est occupée par une autre fenêtre ou commande Cohésion. Réessayez dans un instant.", path)
			}
			return nil, err
		}
	}
	return db, nil
}

// errLocked marks a base that was busy when opened.
var errLocked = errors.New("base occupée")

func isLocked(err error) bool {
	var se sqlite3.Error
	return errors.Is(err, errLocked) || (errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked))
}

// retryLocked runs step until it is not refused for a lock, for about 10 seconds.
func retryLocked(step func() error) error {
	var err error
	for try := 0; try < 100; try++ {
		if err = step(); !isLocked(err) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errLocked
}

func (db *DB) ping() error {
	var n int
	err := db.db.QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n)
	if err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
			return errLocked
		}
		if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
			return &CorruptError{Path: db.path, Detail: "fichier illisible ou d'un autre type", LatestBackup: LatestBackup(db.path)}
		}
		return data.Errorf(data.EINTERNAL, "Impossible d'ouvrir la base %s : %v", db.path, err)
	}
	return nil
}

const driverName = "sqlite3_cohesion"

// The driver adds a French collation: « Éveil » sorts with the E's, not after Z.
func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(conn *sqlite3.SQLiteConn) error {
			return conn.RegisterCollation("FR", func(a, b string) int {
				if c := data.CompareFold(a, b); c != 0 {
					return c
				}
				return strings.Compare(a, b)
			})
		},
	})
}

// CorruptError reports a damaged database file; the caller offers to restore
// the latest backup rather than crash or start afresh.
type CorruptError struct {
	Path         string
	Detail       string
	LatestBackup string // "" when there is none
}

// ErrorCode makes it an invalid-input error for data.ErrorCode.
func (e *CorruptError) ErrorCode() string { return data.EINVALID }

func (e *CorruptError) Error() string {
	msg := fmt.Sprintf("La base %s est endommagée (%s).", e.Path, e.Detail)
	if e.LatestBackup != "" {
		msg += " Dernière sauvegarde : " + e.LatestBackup + "."
	} else {
		msg += " Aucune sauvegarde automatique n'a été trouvée."
	}
	return msg
}

// quickCheck runs SQLite's quick integrity check, as every start does.
func (db *DB) quickCheck() error {
	rows, err := db.db.Query(`PRAGMA quick_check`)
	if isLocked(err) {
		return errLocked
	} else if err != nil {
		return &CorruptError{Path: db.path, Detail: err.Error(), LatestBackup: LatestBackup(db.path)}
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if rows.Scan(&line) == nil && line != "ok" {
			problems = append(problems, line)
		}
	}
	if len(problems) > 0 {
		return &CorruptError{Path: db.path, Detail: strings.Join(problems[:min(len(problems), 3)], " ; "), LatestBackup: LatestBackup(db.path)}
	}
	return nil
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Path is the file the database lives in.
func (db *DB) Path() string { return db.path }

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return os.Getenv("USER")
}

// migrations returns the embedded scripts in order; the number before '_' is the
// schema version each one brings the database to.
func migrations() ([]string, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for i, n := range names {
		v, err := strconv.Atoi(strings.SplitN(filepath.Base(n), "_", 2)[0])
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s hors séquence", n)
		}
	}
	return names, nil
}

// SchemaVersion is the version this build brings databases to.
func SchemaVersion() int {
	names, _ := migrations()
	return len(names)
}

// migrate applies each pending migration in its own transaction, with the new
// version written in the same transaction, so a crash never leaves a half-applied one.
func (db *DB) migrate() error { return db.migrateTo(0) }

// migrateTo applies the migrations up to version target (0: all of them).
func (db *DB) migrateTo(target int) error {
	names, err := migrations()
	if err != nil {
		return err
	}
	if target > 0 && target < len(names) {
		names = names[:target]
	}
	var version int
	if err := db.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version > len(names) {
		return data.Errorf(data.EINVALID, "La base %s a été créée par une version plus récente de Cohésion (schéma %d, cette version connaît le schéma %d). Mettez Cohésion à jour.", db.path, version, len(names))
	}
	if version > 0 && version < len(names) {
		// Keep the database as it was before changing its schema.
		dest := filepath.Join(BackupDir(db.path), fmt.Sprintf("avant-migration-v%d-%s.db", version, db.Now().In(data.Paris).Format("20060102-150405")))
		if err := db.Backup(context.Background(), dest); err != nil {
			return err
		}
	}
	for i := version; i < len(names); i++ {
		script, err := migrationFS.ReadFile(names[i])
		if err != nil {
			return err
		}
		tx, err := db.db.Begin() // immediate: another process migrating waits here
		if err != nil {
			return err
		}
		var now int
		if err := tx.QueryRow(`PRAGMA user_version`).Scan(&now); err != nil {
			tx.Rollback()
			return err
		}
		if now > i {
			tx.Rollback() // another process applied it meanwhile
			continue
		}
		if _, err := tx.Exec(string(script)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s : %w", names[i], err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// inTx runs fn in one transaction: one user operation, all or nothing.
func (db *DB) inTx(ctx context.Context, fn func(tx *txw) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return busy(err)
	}
	w := &txw{tx: tx, stmts: map[string]*sql.Stmt{}}
	defer w.close()
	if err := fn(w); err != nil {
		tx.Rollback()
		return busy(err)
	}
	return busy(tx.Commit())
}

// txw is a transaction that prepares each statement once: an import of 10 000
// applications runs the same dozen statements over and over.
type txw struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// The audit trail's last link, read once per transaction.
	lastKnown bool
	lastID    int64
	lastHash  string
}

func (w *txw) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = s
	return s, nil
}

func (w *txw) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

func (w *txw) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

func (w *txw) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	s, err := w.stmt(ctx, query)
	if err != nil {
		// Let Scan report it: sql.Row has no public constructor for an error.
		return w.tx.QueryRowContext(ctx, query, args...)
	}
	return s.QueryRowContext(ctx, args...)
}

func (w *txw) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

// busy turns SQLite's lock errors into a French message: another Cohésion window
// or command is writing and held the lock past the busy timeout.
func busy(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked) {
		return data.Errorf(data.ECONFLICT, "La base est occupée par une autre fenêtre ou commande Cohésion. Réessayez dans un instant.")
	}
	return err
}

func (db *DB) now() string { return db.Now().UTC().Format(time.RFC3339) }

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
