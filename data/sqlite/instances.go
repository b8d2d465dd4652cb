package sqlite

import (
	"context"
	"os"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Instance is a running window of Cohésion on this base.
type Instance struct {
	ID        int64
	User      string
	Host      string
	PID       int
	StartedAt time.Time
}

// instanceTimeout is how long an instance stays « running » without a heartbeat:
// a window that crashed stops counting after it.
const instanceTimeout = 90 * time.Second

// HeartbeatEvery is how often a running window says it is still there.
const HeartbeatEvery = 30 * time.Second

// RegisterInstance records this window and returns the others still running on
// the same base, so the user can be told. SQLite keeps both safe; the versions of
// applications keep either from overwriting the other's edits.
func (db *DB) RegisterInstance(ctx context.Context) (int64, []Instance, error) {
	host, _ := os.Hostname()
	now := db.Now()
	var id int64
	var others []Instance
	err := db.inTx(ctx, func(tx *txw) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM instances WHERE heartbeat_at < ?`, fmtTime(now.Add(-instanceTimeout))); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, user_name, host, pid, started_at FROM instances ORDER BY id`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var in Instance
			var started string
			if err := rows.Scan(&in.ID, &in.User, &in.Host, &in.PID, &started); err != nil {
				rows.Close()
				return err
			}
			in.StartedAt = parseTime(started)
			others = append(others, in)
		}
		rows.Close()
		res, err := tx.ExecContext(ctx, `INSERT INTO instances (user_name, host, pid, started_at, heartbeat_at) VALUES (?,?,?,?,?)`,
			db.User, host, os.Getpid(), fmtTime(now), fmtTime(now))
		if err != nil {
			return err
		}
		id, _ = res.LastInsertId()
		return nil
	})
	return id, others, err
}

// Heartbeat says the window is still running.
func (db *DB) Heartbeat(ctx context.Context, id int64) error {
	_, err := db.db.ExecContext(ctx, `UPDATE instances SET heartbeat_at = ? WHERE id = ?`, fmtTime(db.Now()), id)
	return busy(err)
}

// UnregisterInstance removes the window when it closes.
func (db *DB) UnregisterInstance(ctx context.Context, id int64) error {
	_, err := db.db.ExecContext(ctx, `DELETE FROM instances WHERE id = ?`, id)
	return busy(err)
}

// OtherInstances lists the windows still running on the base, except self (0: none).
func (db *DB) OtherInstances(ctx context.Context, self int64) ([]Instance, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, user_name, host, pid, started_at FROM instances WHERE id <> ? AND heartbeat_at >= ? ORDER BY id`,
		self, fmtTime(db.Now().Add(-instanceTimeout)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Instance
	for rows.Next() {
		var in Instance
		var started string
		if err := rows.Scan(&in.ID, &in.User, &in.Host, &in.PID, &started); err != nil {
			return nil, err
		}
		in.StartedAt = parseTime(started)
		out = append(out, in)
	}
	return out, rows.Err()
}

// InUseError refuses to replace a base another window is working on: what it
// saved afterwards would be lost.
func InUseError(others []Instance) error {
	o := others[0]
	return data.Errorf(data.ECONFLICT, "Cohésion est ouvert sur cette base par %s (%s, depuis le %s) : fermez cette fenêtre avant de restaurer une sauvegarde.",
		o.User, o.Host, data.FormatDateTime(o.StartedAt))
}
