package sqlite

import (
	"context"
)

// LetterTemplates returns the campaign's letter templates; "" where the
// default text applies.
func (db *DB) LetterTemplates(ctx context.Context, campaignID int64) (attribution, refusal string, err error) {
	rows, err := db.db.QueryContext(ctx, `SELECT kind, body FROM letter_templates WHERE campaign_id = ?`, campaignID)
	if err != nil {
		return "", "", err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, body string
		if err := rows.Scan(&kind, &body); err != nil {
			return "", "", err
		}
		if kind == "attribution" {
			attribution = body
		} else {
			refusal = body
		}
	}
	return attribution, refusal, rows.Err()
}

// SaveLetterTemplates stores the campaign's letter templates (checked by the
// caller, who knows their fields); an empty text goes back to the default.
func (db *DB) SaveLetterTemplates(ctx context.Context, campaignID int64, attribution, refusal string) error {
	return db.inTx(ctx, func(tx *txw) error {
		now := db.now()
		for kind, body := range map[string]string{"attribution": attribution, "refus": refusal} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM letter_templates WHERE campaign_id = ? AND kind = ?`, campaignID, kind); err != nil {
				return err
			}
			if body == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO letter_templates (campaign_id, kind, body, updated_at) VALUES (?,?,?,?)`, campaignID, kind, body, now); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, AuditEntry{CampaignID: campaignID, Entity: AuditCampaign, EntityID: campaignID, Action: "modèles de lettres"})
	})
}
