package sqlstore

import (
	"context"
	"database/sql"

	"github.com/call-agglo/cohesion/data"
)

// applications loads every application of a campaign in full, in number
// order: five queries whatever the number of dossiers.
func applications(ctx context.Context, q queryer, campaignID int64) ([]data.Application, error) {
	var out []data.Application
	err := eachRow(ctx, q, `SELECT `+applicationCols+` FROM applications a JOIN structures s ON s.id = a.structure_id
		WHERE a.campaign_id = ? ORDER BY a.number`, []any{campaignID}, func(r *sql.Rows) error {
		a, err := scanApplication(r)
		if err == nil {
			out = append(out, *a)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, loadApplicationLists(ctx, q, out, `IN (SELECT id FROM applications WHERE campaign_id = ?)`, campaignID)
}
