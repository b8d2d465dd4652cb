package data

import (
	"context"
	"time"
)

// Bases opens and moves whole bases. It is the one place that knows the
// adapters: each main chooses one and gives it to the GUI or the CLI, which
// know only this interface.
type Bases interface {
	// DefaultAddress is the base the GUI opens, and the CLI without --db.
	DefaultAddress() string
	// Open opens the base at an address (a SQLite file, or postgres://…),
	// creating and migrating it as needed.
	Open(ctx context.Context, address string, o OpenOptions) (Store, error)
	// Backup writes the whole base to dest as a SQLite file, whatever its
	// engine: a backup is the same file everywhere. It replaces an existing
	// file only with o.Replace, and never a base a process has open.
	Backup(ctx context.Context, st Store, dest string, o BackupOptions) error
	// AutoBackup makes the day's backup if there is none yet ("" when it
	// made none, or when the base's backups are the server's business).
	AutoBackup(ctx context.Context, st Store) (string, error)
	// BackupFolder is where the base's backups are kept ("" when none).
	BackupFolder(st Store) string
	// Restore replaces the base at address by a backup file, checked first.
	Restore(ctx context.Context, address, backup string, o RestoreOptions) (*RestoreReport, error)
	// Migrate copies the base at from into the empty base at to, and checks the copy.
	Migrate(ctx context.Context, from, to string) (*MigrateReport, error)
	// Protected lists what an output file must never replace: the base, its
	// journal files, its backup folder.
	Protected(st Store) (files, dirs []string)
	// RemoveLeftovers removes what interrupted operations left beside the
	// base (temporary copies of a restore, a backup, a document) and names
	// them, with those this desk removed when it opened the base.
	RemoveLeftovers(st Store) []string
	// LogFolder is where the technical log of a base goes: beside its file,
	// or this desk's settings folder for a server.
	LogFolder(address string) string
}

// FileBase is what a base kept in a file on this desk offers beside the
// store: it makes its own backups and knows its files, which a server's base
// leaves to its administrators. Bases asks a store for it rather than for
// an adapter's type.
type FileBase interface {
	// Path is the base's file.
	Path() string
	// Files are the base and its journal files, which nothing may replace.
	Files() []string
	// BackupFolder is where its backups are kept.
	BackupFolder() string
	Backup(ctx context.Context, dest string, o BackupOptions) error
	// AutoBackup makes the day's backup if there is none yet ("" when it
	// made none).
	AutoBackup(ctx context.Context) (string, error)
	// RemoveLeftovers removes what interrupted operations left beside the
	// file, and names them.
	RemoveLeftovers() []string
}

// OpenWarnings are the texts of an open base's warnings, if it has any.
func OpenWarnings(st Store) []string {
	w, ok := st.(Warner)
	if !ok {
		return nil
	}
	var out []string
	for _, x := range w.Warnings() {
		out = append(out, x.Text)
	}
	return out
}

// OpenOptions change how a base is opened.
type OpenOptions struct {
	// ReadOnly opens a base for reading only (a copy on a network drive).
	ReadOnly bool
	// Reading says the command opening the base only reads it (a document):
	// a SQLite base is then checked as a large one is, only after an unclean
	// stop, not at every start however small it is. The next desk that
	// writes checks it as before.
	Reading bool
	// Password is a server's password, when no pgpass file gives it.
	Password string
}

// BackupOptions say what a backup may replace.
type BackupOptions struct {
	// Replace lets the backup replace an existing file (the user said so):
	// never a base that a window or command has open.
	Replace bool
}

// RestoreOptions choose how far a restore trusts its backup.
type RestoreOptions struct {
	// Force accepts a backup whose journal does not hold; the restore says so
	// in the journal.
	Force bool
	Now   time.Time
	// Password is the server's password, for a restore into a server base.
	Password string
}

// RestoreReport says what a restore did.
type RestoreReport struct {
	Kept     string // the base it replaced, kept among the backups ("" when none)
	Migrated int    // the backup's schema version when it was older, else 0
	Forced   string // why the journal did not hold, when Force let it through
}

// MigrateReport says what a copy between two bases checked.
type MigrateReport struct {
	Rows      map[string]int // rows copied, by table
	Campaigns []string       // campaigns whose ranking and adopted split were compared
	Head      Head           // the journal's head, the same on both bases
}
