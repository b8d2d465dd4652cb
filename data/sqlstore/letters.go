package sqlstore

import (
	"context"
	"database/sql"

	"github.com/call-agglo/cohesion/data"
)

// LetterTemplates returns the campaign's letter templates; "" where the
// default text applies.
func (s *Store) LetterTemplates(ctx context.Context, campaignID int64) (data.LetterTemplates, error) {
	t, err := letterTemplates(ctx, s.q(), campaignID)
	return t, s.fail(err)
}

func letterTemplates(ctx context.Context, q queryer, campaignID int64) (data.LetterTemplates, error) {
	var t data.LetterTemplates
	err := eachRow(ctx, q, `SELECT kind, body FROM letter_templates WHERE campaign_id = ?`, []any{campaignID}, func(r *sql.Rows) error {
		var kind, body string
		err := r.Scan(&kind, &body)
		if f := templateField(&t, kind); f != nil { // the follow-up's are apart
			*f = body
		}
		return err
	})
	return t, err
}

// templateKinds are the kinds of templates, as the table names them.
var templateKinds = []string{"attribution", "refus", "irrecevabilite", "rapport", "deliberation"}

// templateField is where a kind of template is kept in LetterTemplates.
func templateField(t *data.LetterTemplates, kind string) *string {
	switch kind {
	case "attribution":
		return &t.Attribution
	case "irrecevabilite":
		return &t.Irrecevability
	case "rapport":
		return &t.Report
	case "deliberation":
		return &t.Deliberation
	case "refus":
		return &t.Refusal
	}
	return nil
}

// SaveLetterTemplates stores the campaign's letter templates (checked by the
// caller, who knows their fields); an empty text goes back to the default.
func (s *Store) SaveLetterTemplates(ctx context.Context, campaignID int64, t data.LetterTemplates) error {
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, campaignID); err != nil {
			return err
		}
		now := s.now()
		for _, kind := range templateKinds {
			body := *templateField(&t, kind)
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
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditCampaign, EntityID: campaignID, Action: "modèles de lettres"})
		return nil
	})
}
