// Package sqlite is the store on one SQLite file, the embedded default: it
// opens the file (WAL, foreign keys, a writers' queue), brings its schema up to
// date and gives the shared SQL store (package sqlstore) its dialect; it adds
// what only a file has: backups, restore, a lock held while the base is open,
// the refusal of network drives, and the compaction after a purge.
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
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// schema is SQLite's migrations, versioned by PRAGMA user_version.
var schema = sqlstore.Schema{
	Files: mustSub(migrationFS, "migrations"),
	Version: func(ctx context.Context, tx *sql.Tx) (int, error) {
		var v int
		err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v)
		return v, err
	},
	SetVersion: func(ctx context.Context, tx *sql.Tx, v int) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, v))
		return err
	},
}

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// SchemaVersion is the version this build brings bases to.
func SchemaVersion() int { return schema.Latest() }

// DB is an open Cohésion base in one SQLite file.
type DB struct {
	*sqlstore.Store
	path string
	lock *fileLock // shared while the base is open; a restore needs it alone

	leftoversMu sync.Mutex
	leftovers   []string // what interrupted operations left, removed at the opening
}

// Options change how a base is opened.
type Options struct {
	// ReadOnly opens a copy for reading only, never migrating it: the way to
	// look at a base kept on a network drive.
	ReadOnly bool
	// Reading is a command that only reads (data.OpenOptions.Reading): the
	// integrity check runs only after an unclean stop, as on a large base.
	Reading bool
	check   bool // run SQLite's integrity check (see needsCheck)
}

// Open opens (creating if needed) the base at path and brings its schema up to
// date. A base on a network drive is refused for writing: SQLite's locks are
// not reliable there.
func Open(path string) (*DB, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*DB, error) {
	if !o.ReadOnly {
		if remote, what := onNetworkDrive(path); remote {
			return nil, networkDriveError(path, what)
		}
	}
	if dir := filepath.Dir(path); dir != "" && !o.ReadOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, data.Failure(data.EINTERNAL, fmt.Sprintf("Impossible de créer le dossier %s : vérifiez que vous avez le droit d'y écrire.", dir), err)
		}
	}
	o.check = needsCheck(path, o.Reading)
	lock, err := sharedLock(path, o.ReadOnly)
	if err != nil {
		return nil, err
	}
	// Every start of a desk (window or command) that writes removes what an
	// interrupted operation left, before the base itself is read.
	var leftovers []string
	if !o.ReadOnly {
		leftovers = removeLeftovers(path)
	}
	db, err := open(path, o)
	if err != nil {
		lock.release()
		return nil, err
	}
	db.lock, db.leftovers = lock, leftovers
	db.OnClose(func() error { lock.release(); return nil })
	return db, nil
}

func open(path string, o Options) (*DB, error) {
	wdb, err := sql.Open("sqlite3", dsn(path, "immediate", o.ReadOnly))
	if err != nil {
		return nil, err
	}
	rdb, err := sql.Open("sqlite3", dsn(path, "deferred", o.ReadOnly))
	if err != nil {
		wdb.Close()
		return nil, err
	}
	db := &DB{Store: sqlstore.New(wdb, rdb, dialect{path}, path, currentUser()), path: path}
	db.Store.Identity = fileIdentity(path)
	steps := []func() error{db.ping}
	if o.check {
		steps = append(steps, db.quickCheck)
	}
	if !o.ReadOnly {
		steps = append(steps, db.migrate)
	}
	// A base another process is creating, migrating or switching to WAL can
	// answer « locked » without waiting: each step is tried again for a while.
	for _, step := range steps {
		if err := retryLocked(step); err != nil {
			db.Store.Close()
			if errors.Is(err, errLocked) {
				return nil, data.Errorf(data.ECONFLICT, "La base %s est occupée par une autre fenêtre ou commande Cohésion. Réessayez dans un instant.", path)
			}
			return nil, err
		}
	}
	return db, nil
}

// dsn sets, for every pooled connection, foreign keys, the wait for a busy
// base, WAL, and secure deletion (a purged value is overwritten, not left in
// a free page). Writers open immediate transactions, so two of them queue
// instead of failing halfway; readers open deferred ones and never wait.
func dsn(path, txlock string, readOnly bool) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_secure_delete", "on")
	q.Set("_txlock", txlock)
	if readOnly {
		q.Set("mode", "ro")
		q.Del("_journal_mode")
	}
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// Path is the file the base lives in.
func (db *DB) Path() string { return db.path }

// Files are the base's file and its journal files (data.FileBase).
func (db *DB) Files() []string { return Files(db.path) }

// BackupFolder is where the base's backups are kept (data.FileBase).
func (db *DB) BackupFolder() string { return BackupDir(db.path) }

var _ data.FileBase = (*DB)(nil)

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
	err := db.DB().QueryRow(`SELECT count(*) FROM sqlite_master`).Scan(&n)
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	switch {
	case isLocked(err):
		return errLocked
	case errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt):
		return &data.CorruptError{Path: db.path, Detail: "fichier illisible ou d'un autre type", LatestBackup: LatestBackup(db.path)}
	}
	return dialect{db.path}.Translate(err)
}

// cheapCheck is the size under which a base is checked at every start:
// SQLite's quick check reads the whole file, some 10 ms for these 16 MiB.
var cheapCheck int64 = 16 << 20

// needsCheck says whether opening the base runs SQLite's integrity check, which
// reads the whole file: at every start of a small base, where it is cheap,
// unless the command only reads (reading: a document printed is not worth
// its few milliseconds there); on a large one, only after an unclean stop —
// the last process to close a base in WAL mode folds the WAL into it and
// removes it, so a WAL found while no other process has the base open was
// left by one that did not close it. When another process has it open, that
// process checked it at its own start.
func needsCheck(path string, reading bool) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false // a new base
	}
	if info.Size() <= cheapCheck && !reading {
		return true
	}
	f, err := openLock(path, true)
	if err != nil {
		return false // open elsewhere (or no lock to be had here: a read-only folder)
	}
	unlockFile(f)
	f.Close()
	wal, err := os.Stat(path + "-wal")
	return err == nil && wal.Size() > 0
}

// quickCheck runs SQLite's quick integrity check (see needsCheck).
func (db *DB) quickCheck() error {
	rows, err := db.DB().Query(`PRAGMA quick_check`)
	if isLocked(err) {
		return errLocked
	} else if err != nil {
		data.LogDetail("contrôle d'intégrité de "+db.path, err)
		return &data.CorruptError{Path: db.path, Detail: "contrôle d'intégrité impossible", LatestBackup: LatestBackup(db.path)}
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
		data.LogDetail("contrôle d'intégrité de "+db.path, errors.New(strings.Join(problems, " ; ")))
		return &data.CorruptError{Path: db.path, Detail: fmt.Sprintf("%d anomalie(s) au contrôle d'intégrité", len(problems)), LatestBackup: LatestBackup(db.path)}
	}
	return nil
}

// migrate brings the schema up to date, keeping first a backup of a base made
// by an older version.
func (db *DB) migrate() error {
	ctx := context.Background()
	v, err := db.SchemaVersion(ctx, schema)
	if err != nil {
		return err
	}
	if v > 0 && v < schema.Latest() {
		dest := filepath.Join(BackupDir(db.path), fmt.Sprintf("avant-migration-v%d-%s.db", v, db.Now().In(data.Paris).Format("20060102-150405")))
		if err := db.Backup(ctx, dest, own); err != nil {
			return err
		}
	}
	return db.Migrate(ctx, schema)
}

func currentUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return os.Getenv("USER")
}

// dialect is SQLite's way of saying things.
type dialect struct{ path string }

func (dialect) Name() string                { return "sqlite" }
func (dialect) Numbered() bool              { return false }
func (dialect) ReadOptions() *sql.TxOptions { return nil }
func (dialect) Retryable(error) bool        { return false }

func (dialect) BeginWrite(context.Context, *sql.Tx) error          { return nil }
func (dialect) AfterWrite(context.Context, *sql.Tx, []int64) error { return nil }
func (dialect) SyncIDs(context.Context, *sql.Tx, []string) error   { return nil }
func (dialect) IsBusy(err error) bool                              { return isLocked(err) }
func (dialect) Wipe(context.Context, *sql.Tx, []string) error {
	return errors.New("une base SQLite se restaure en remplaçant son fichier")
}
func (dialect) IsUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// Translate says SQLite's failures in French, with what to do; the English
// detail goes to the log file.
func (d dialect) Translate(err error) error {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return data.Failure(data.EINTERNAL, "Le disque est plein : la modification n'a pas été enregistrée. Libérez de la place sur le disque de la base, puis recommencez.", err)
	case sqlite3.ErrReadonly:
		return data.Failure(data.EINVALID, "La base "+d.path+" est en lecture seule (fichier protégé, support en lecture seule ou droits insuffisants) : rien n'a été modifié.", err)
	case sqlite3.ErrCantOpen, sqlite3.ErrPerm, sqlite3.ErrAuth:
		return data.Failure(data.EINVALID, "Impossible d'ouvrir la base "+d.path+" : vérifiez que le dossier existe et que vous avez le droit d'y lire et d'y écrire.", err)
	case sqlite3.ErrNotADB, sqlite3.ErrCorrupt:
		data.LogDetail("base "+d.path, err)
		return &data.CorruptError{Path: d.path, Detail: "fichier illisible ou d'un autre type", LatestBackup: LatestBackup(d.path)}
	case sqlite3.ErrIoErr:
		return data.Failure(data.EINTERNAL, "Erreur de lecture ou d'écriture sur le disque de la base "+d.path+" : rien n'a été modifié. Vérifiez le disque (ou le réseau), puis recommencez.", err)
	case sqlite3.ErrNomem:
		return data.Failure(data.EINTERNAL, "Mémoire insuffisante pour terminer l'opération : fermez d'autres programmes, puis recommencez.", err)
	}
	return err
}
