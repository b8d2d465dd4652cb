package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/call-agglo/cohesion/data"
)

// Revert undoes a bulk action of the session (see data.Revert), in one
// transaction, refused if anything was written since the action.
func (s *Store) Revert(ctx context.Context, r data.Revert) error {
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, r.CampaignID); err != nil {
			return err
		}
		if h, err := head(ctx, tx); err != nil {
			return err
		} else if h != r.Basis {
			return data.Errorf(data.ECONFLICT, "« %s » ne peut plus être annulé : la base a été modifiée depuis (ici ou sur un autre poste).", r.Label)
		}
		action := "annulation : " + r.Label
		for _, d := range r.Decisions {
			if err := s.revertDecision(ctx, tx, d, action); err != nil {
				return err
			}
		}
		if r.Adopted != nil {
			if err := s.revertAdoption(ctx, tx, r.CampaignID, *r.Adopted, action); err != nil {
				return err
			}
		}
		if r.Juror != nil {
			return s.revertJuror(ctx, tx, r.Juror, r.Conflicts, action)
		}
		return nil
	})
}

func (s *Store) revertDecision(ctx context.Context, tx *txw, d data.DecisionBefore, action string) error {
	a, err := getApplication(ctx, tx, d.ApplicationID)
	if err != nil {
		return err
	}
	var undone string // the decision the action recorded, for the journal
	if err := tx.QueryRowContext(ctx, `SELECT decision FROM decisions WHERE application_id = ?`, a.ID).Scan(&undone); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	entry := data.AuditEntry{CampaignID: a.CampaignID, Entity: data.AuditDecision, EntityID: a.ID, Label: a.Number, Action: action,
		Field: "Décision", Old: data.Decision(undone).Label()}
	if d.Decision == nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM decisions WHERE application_id = ?`, a.ID); err != nil {
			return err
		}
	} else {
		p := d.Decision
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (application_id, decision, motivation, jury_date, decided_at, user_name, crf_exemption) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT (application_id) DO UPDATE SET decision = excluded.decision, motivation = excluded.motivation,
			jury_date = excluded.jury_date, decided_at = excluded.decided_at, user_name = excluded.user_name, crf_exemption = excluded.crf_exemption`,
			a.ID, string(p.Decision), p.Motivation, p.JuryDate.ISO(), fmtTime(p.DecidedAt), p.User, p.CRFExemption); err != nil {
			return err
		}
		entry.New = p.Decision.Label()
	}
	tx.audit(entry)
	if d.Status == "" || d.Status == a.Status {
		return nil
	}
	return s.setStatus(ctx, tx, a, d.Status, action, action)
}

func (s *Store) revertAdoption(ctx context.Context, tx *txw, campaignID int64, name, action string) error {
	var ids []int64
	var names []string
	err := eachRow(ctx, tx, `SELECT id, name FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, []any{campaignID}, func(r *sql.Rows) error {
		var id int64
		var n string
		err := r.Scan(&id, &n)
		ids, names = append(ids, id), append(names, n)
		return err
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = '', adopted_by = '' WHERE campaign_id = ? AND adopted_at <> ''`, campaignID); err != nil {
		return err
	}
	for i, id := range ids {
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditScenario, EntityID: id, Label: names[i], Action: action, Field: "Adoption", Old: "adopté"})
		if err := s.scenarioEvent(ctx, tx, id, "adoption retirée", action); err != nil {
			return err
		}
	}
	if name == "" {
		return nil
	}
	var id int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM scenarios WHERE campaign_id = ? AND name_key = ?`, campaignID, data.FoldKey(name)).Scan(&id); err != nil {
		return data.Errorf(data.ENOTFOUND, "Le scénario « %s » n'existe plus.", name)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = ?, adopted_by = ? WHERE id = ?`, s.now(), s.User, id); err != nil {
		return err
	}
	tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditScenario, EntityID: id, Label: name, Action: action, Field: "Adoption", New: "adopté"})
	return s.scenarioEvent(ctx, tx, id, "adopté", action)
}

func (s *Store) revertJuror(ctx context.Context, tx *txw, j *data.Juror, conflicts []data.Conflict, action string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO jurors (id, campaign_id, name, name_key, college, email) VALUES (?,?,?,?,?,?)`,
		j.ID, j.CampaignID, j.Name, data.FoldKey(j.Name), string(j.College), j.Email); err != nil {
		if tx.unique(err) {
			return data.Errorf(data.ECONFLICT, "Le jury compte déjà un membre nommé « %s ».", j.Name)
		}
		return err
	}
	tx.audit(data.AuditEntry{CampaignID: j.CampaignID, Entity: data.AuditJuror, EntityID: j.ID, Label: j.Name, Action: action,
		New: j.Name + " (" + j.College.Label() + ")"})
	for _, k := range conflicts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO conflicts (juror_id, application_id, reason, declared_at, user_name) VALUES (?,?,?,?,?)`,
			j.ID, k.ApplicationID, k.Reason, fmtTime(k.DeclaredAt), s.User); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: j.CampaignID, Entity: data.AuditConflict, EntityID: k.ApplicationID, Label: k.Number,
			Action: action, Field: "Déport", New: j.Name + " : " + k.Reason})
	}
	return nil
}
