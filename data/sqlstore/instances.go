package sqlstore

import (
	"context"
	"database/sql"
	"os"

	"github.com/call-agglo/cohesion/data"
)

// RegisterInstance records this window and returns the others still running on
// the same base, so the user can be told. The store keeps both safe; the versions
// of applications keep either from overwriting the other's edits.
func (s *Store) RegisterInstance(ctx context.Context) (int64, []data.Instance, error) {
	host, _ := os.Hostname()
	now := s.Now()
	var id int64
	var others []data.Instance
	err := s.inTx(ctx, func(tx *txw) error {
		// Rows gone quiet, and rows a copy brought from the base it was copied
		// from, are no window of this base.
		if _, err := tx.ExecContext(ctx, `DELETE FROM instances WHERE heartbeat_at < ? OR (base <> '' AND base <> ?)`,
			fmtTime(now.Add(-data.InstanceTimeout)), s.identity()); err != nil {
			return err
		}
		var err error
		if others, err = instances(ctx, tx, `SELECT id, user_name, host, pid, started_at FROM instances ORDER BY id`); err != nil {
			return err
		}
		id, err = tx.insertID(ctx, `INSERT INTO instances (user_name, host, pid, started_at, heartbeat_at, base) VALUES (?,?,?,?,?,?)`,
			s.User, host, os.Getpid(), fmtTime(now), fmtTime(now), s.identity())
		return err
	})
	return id, others, err
}

// identity names the base this store opened, as the windows running on it
// record it: the adapter's Identity (a file's absolute path), else its location.
func (s *Store) identity() string {
	if s.Identity != "" {
		return s.Identity
	}
	return s.location
}

func instances(ctx context.Context, q queryer, query string, args ...any) ([]data.Instance, error) {
	var out []data.Instance
	err := eachRow(ctx, q, query, args, func(r *sql.Rows) error {
		var in data.Instance
		var started string
		err := r.Scan(&in.ID, &in.User, &in.Host, &in.PID, &started)
		in.StartedAt = parseTime(started)
		out = append(out, in)
		return err
	})
	return out, err
}

// Heartbeat says the window is still running.
func (s *Store) Heartbeat(ctx context.Context, id int64) error {
	_, err := s.q().ExecContext(ctx, `UPDATE instances SET heartbeat_at = ? WHERE id = ?`, fmtTime(s.Now()), id)
	return s.fail(err)
}

// UnregisterInstance removes the window when it closes.
func (s *Store) UnregisterInstance(ctx context.Context, id int64) error {
	_, err := s.q().ExecContext(ctx, `DELETE FROM instances WHERE id = ?`, id)
	return s.fail(err)
}

// OtherInstances lists the windows still running on the base, except self (0: none).
func (s *Store) OtherInstances(ctx context.Context, self int64) ([]data.Instance, error) {
	out, err := instances(ctx, s.q(), `SELECT id, user_name, host, pid, started_at FROM instances WHERE id <> ? AND heartbeat_at >= ? AND base IN ('', ?) ORDER BY id`,
		self, fmtTime(s.Now().Add(-data.InstanceTimeout)), s.identity())
	return out, s.fail(err)
}
