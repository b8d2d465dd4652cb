package sqlstore

import (
	"context"
	"database/sql"

	"github.com/call-agglo/cohesion/data"
)

// crfBar checks the bar of loi 2000-321 art. 10 (data.CheckCRFBar) inside a
// write transaction: the structures' directory is read once, in that
// transaction, with the follow-up of every grant as it stands on the store's
// day, so nothing written on another desk slips between the check and the
// write.
type crfBar struct {
	at  data.Date
	dir *data.Directory
}

// newCRFBar is a check at the store's date.
func (s *Store) newCRFBar() *crfBar { return &crfBar{at: data.DateOf(s.Now())} }

// history is the dossier's structure's dossiers in the other campaigns.
func (b *crfBar) history(ctx context.Context, q queryer, applicationID int64) ([]data.StructureDossier, error) {
	if b.dir == nil {
		ds, err := readStructureDossiers(ctx, q, b.at, ``)
		if err != nil {
			return nil, err
		}
		b.dir = data.NewDirectory(ds)
	}
	return b.dir.History(applicationID), nil
}

// decision refuses to retain a barred dossier without an exemption, and
// returns the exemption to keep with the decision: "" unless the dossier is
// retained while barred.
func (b *crfBar) decision(ctx context.Context, q queryer, applicationID int64, number string, d *data.JuryDecision) (string, error) {
	if d.Decision != data.DecisionRetenu {
		return "", nil
	}
	h, err := b.history(ctx, q, applicationID)
	if err != nil {
		return "", err
	}
	if err := data.CheckCRFBar(number, h, d.CRFExemption); err != nil {
		return "", err
	}
	if !data.CRFOverdueElsewhere(h) {
		return "", nil
	}
	return d.CRFExemption, nil
}

// scenario refuses a scenario that gives an amount to a barred dossier whose
// decision carries no exemption: adopting it, changing it once adopted, or
// deliberating on it would grant what the law forbids.
func (b *crfBar) scenario(ctx context.Context, q queryer, scenarioID int64) error {
	type line struct {
		id                int64
		number, exemption string
	}
	var lines []line
	err := eachRow(ctx, q, `SELECT l.application_id, a.number, coalesce(d.crf_exemption, '')
		FROM scenario_lines l JOIN applications a ON a.id = l.application_id
		LEFT JOIN decisions d ON d.application_id = l.application_id
		WHERE l.scenario_id = ? AND l.amount_cents > 0 ORDER BY a.number`, []any{scenarioID}, func(r *sql.Rows) error {
		var l line
		err := r.Scan(&l.id, &l.number, &l.exemption)
		lines = append(lines, l)
		return err
	})
	if err != nil {
		return err
	}
	for _, l := range lines {
		h, err := b.history(ctx, q, l.id)
		if err != nil {
			return err
		}
		if err := data.CheckCRFBar(l.number, h, l.exemption); err != nil {
			return err
		}
	}
	return nil
}
