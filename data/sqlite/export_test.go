package sqlite

import (
	"context"
	"database/sql"
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
