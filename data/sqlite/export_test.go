package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// ForeignKeysOnAllConns holds n connections at once and reports, for each,
// whether it enforces foreign keys.
func (db *DB) ForeignKeysOnAllConns(ctx context.Context, n int) []bool {
	var conns []*sql.Conn
	var out []bool
	for i := 0; i < n; i++ {
		c, err := db.db.Conn(ctx)
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

// CreateAtVersion makes a database whose schema stops at version v, as an older
// Cohésion left it.
func CreateAtVersion(path string, v int) error {
	db, err := sql.Open(driverName, "file:"+path+"?_foreign_keys=on")
	if err != nil {
		return err
	}
	defer db.Close()
	d := &DB{db: db, path: path, Now: time.Now}
	return d.migrateTo(v)
}
