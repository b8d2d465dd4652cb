package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// PurgeExpired purges the expired personal data (see sqlstore), then makes
// sure no copy of them is left in the file: deleted content is overwritten
// (secure_delete, set on every connection), the WAL is checkpointed and
// emptied, and VACUUM rewrites the file without its free pages. The backups
// that still hold purged values are removed, and named in the report.
func (db *DB) PurgeExpired(ctx context.Context, dryRun bool) ([]data.Purge, error) {
	values, err := db.personalValues(ctx)
	if err != nil {
		return nil, err
	}
	purged, err := db.Store.PurgeExpired(ctx, dryRun)
	if err != nil || dryRun || len(purged) == 0 {
		return purged, err
	}
	if err := db.compact(ctx); err != nil {
		return purged, err
	}
	gone := db.forgottenValues(ctx, values)
	removed := removeBackupsHolding(db.path, gone)
	for i := range purged {
		purged[i].RemovedBackups = removed
	}
	return purged, nil
}

// personalValues lists the personal values the base holds now.
func (db *DB) personalValues(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	rows, err := db.DB().QueryContext(ctx, `SELECT legal_rep, contact, email, phone FROM structures UNION ALL SELECT email, '', '', '' FROM jurors`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v [4]string
		if err := rows.Scan(&v[0], &v[1], &v[2], &v[3]); err != nil {
			return nil, err
		}
		for _, s := range v {
			if len(s) >= 4 {
				out[s] = true
			}
		}
	}
	return out, rows.Err()
}

// forgottenValues are those of before that the base no longer holds.
func (db *DB) forgottenValues(ctx context.Context, before map[string]bool) []string {
	now, err := db.personalValues(ctx)
	if err != nil {
		return nil
	}
	var out []string
	for v := range before {
		if !now[v] {
			out = append(out, v)
		}
	}
	return out
}

// compact leaves no purged byte in the base's files.
func (db *DB) compact(ctx context.Context) error {
	for _, q := range []string{`PRAGMA wal_checkpoint(TRUNCATE)`, `VACUUM`, `PRAGMA wal_checkpoint(TRUNCATE)`} {
		if _, err := db.DB().ExecContext(ctx, q); err != nil {
			return dialect{db.path}.Translate(err)
		}
	}
	return nil
}

// removeBackupsHolding removes each backup of the base that still holds one
// of the values, and returns their names.
func removeBackupsHolding(dbPath string, values []string) []string {
	if len(values) == 0 {
		return nil
	}
	var removed []string
	for _, b := range Backups(dbPath) {
		if holdsAny(b, values) {
			if os.Remove(b) == nil {
				os.Remove(HeadFile(b))
				removed = append(removed, filepath.Base(b))
			}
		}
	}
	return removed
}

// holdsAny looks for the values in a backup's rows and in its raw bytes (a
// deleted value may linger in a free page).
func holdsAny(path string, values []string) bool {
	if raw, err := os.ReadFile(path); err == nil {
		text := string(raw)
		for _, v := range values {
			if strings.Contains(text, v) {
				return true
			}
		}
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return false
	}
	defer db.Close()
	for _, v := range values {
		var n int
		if db.QueryRow(`SELECT count(*) FROM structures WHERE ? IN (legal_rep, contact, email, phone)`, v).Scan(&n) == nil && n > 0 {
			return true
		}
	}
	return false
}
