package sqlstore

import (
	"context"
	"database/sql"

	"github.com/call-agglo/cohesion/data"
)

// followUpKinds are the follow-up's templates as letter_templates names them.
var followUpKinds = []string{"convention", "relance", "reversement"}

func followUpField(t *data.FollowUpTemplates, kind string) *string {
	switch kind {
	case "convention":
		return &t.Convention
	case "relance":
		return &t.Reminder
	}
	return &t.Reversal
}

func followUpTemplates(ctx context.Context, q queryer, campaignID int64) (data.FollowUpTemplates, error) {
	var t data.FollowUpTemplates
	err := eachRow(ctx, q, `SELECT kind, body FROM letter_templates WHERE campaign_id = ? AND kind IN ('convention', 'relance', 'reversement')`,
		[]any{campaignID}, func(r *sql.Rows) error {
			var kind, body string
			err := r.Scan(&kind, &body)
			*followUpField(&t, kind) = body
			return err
		})
	return t, err
}

// SaveFollowUpTemplates stores the follow-up's templates, journaled on the
// campaign. The deliberation does not lock them: conventions and letters
// are written after it.
func (s *Store) SaveFollowUpTemplates(ctx context.Context, campaignID int64, t data.FollowUpTemplates) error {
	return s.inTx(ctx, func(tx *txw) error {
		var code string
		if err := tx.QueryRowContext(ctx, `SELECT code FROM campaigns WHERE id = ?`, campaignID).Scan(&code); err != nil {
			return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
		}
		now := s.now()
		for _, kind := range followUpKinds {
			if _, err := tx.ExecContext(ctx, `DELETE FROM letter_templates WHERE campaign_id = ? AND kind = ?`, campaignID, kind); err != nil {
				return err
			}
			if body := *followUpField(&t, kind); body != "" {
				if _, err := tx.ExecContext(ctx, `INSERT INTO letter_templates (campaign_id, kind, body, updated_at) VALUES (?,?,?,?)`, campaignID, kind, body, now); err != nil {
					return err
				}
			}
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditCampaign, EntityID: campaignID, Label: code, Action: "modèles du suivi"})
		return nil
	})
}
