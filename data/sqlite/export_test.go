package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
)

// ForeignKeysOnAllConns holds n connections at once and reports, for each,
// whether it enforces foreign keys.
func (db *DB) ForeignKeysOnAllConns(ctx context.Context, n int) []bool {
	var conns []*sql.Conn
	var out []bool
	for i := 0; i < n; i++ {
		c, err := db.DB().Conn(ctx)
		if err != nil {
			return append(out, false)
		}
		conns = append(conns, c)
		var on int
		c.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&on)
		out = append(out, on == 1)
	}
	for _, c := range conns {
		c.Close()
	}
	return out
}

// CreateAtVersion makes a base whose schema stops at version v, as an older
// Cohésion left it, and lets fill write to it with that version's SQL.
func CreateAtVersion(path string, v int, fill func(*sql.DB) error) error {
	raw, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?_foreign_keys=on")
	if err != nil {
		return err
	}
	defer raw.Close()
	names, _ := fs.Glob(schema.Files, "*.sql")
	for i, n := range names[:v] {
		script, _ := fs.ReadFile(schema.Files, n)
		if _, err := raw.Exec(string(script)); err != nil {
			return fmt.Errorf("%s: %w", n, err)
		}
		if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			return err
		}
	}
	if fill != nil {
		return fill(raw)
	}
	return nil
}

// SetNetworkDrive makes every path look like a network drive, for a test.
func SetNetworkDrive(remote bool) func() {
	saved := onNetworkDrive
	onNetworkDrive = func(string) (bool, string) { return remote, "partage réseau de test" }
	return func() { onNetworkDrive = saved }
}

// IsUNC is isUNC, for the tests.
var IsUNC = isUNC

// NeedsCheck is needsCheck, with every base counted as large.
func NeedsCheck(t interface{ Cleanup(func()) }, path string) bool {
	old := cheapCheck
	cheapCheck = 0
	defer func() { cheapCheck = old }()
	return needsCheck(path, false)
}

// NeedsCheckSmall is needsCheck on a base below the size checked at every
// start.
func NeedsCheckSmall(path string, reading bool) bool { return needsCheck(path, reading) }
