package sqlite

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// Applications loads every application of a campaign in full, in number order.
func (db *DB) Applications(ctx context.Context, campaignID int64) ([]data.Application, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id FROM applications WHERE campaign_id = ? ORDER BY number`, campaignID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]data.Application, 0, len(ids))
	for _, id := range ids {
		a, err := getApplication(ctx, db.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, nil
}
