package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/call-agglo/cohesion/data"
)

const scenarioCols = `id, name, method, step_cents, min_cents, cap_percent, partial, envelope_cents, total_cents, remainder_cents, fingerprint, updated_at, adopted_at, adopted_by`

func scanScenario(r scanner) (*data.ScenarioInfo, error) {
	var s data.ScenarioInfo
	var method, updated, adopted string
	if err := r.Scan(&s.ID, &s.Name, &method, &s.Params.StepCents, &s.Params.MinCents, &s.Params.CapPercent, &s.Params.Partial,
		&s.Params.EnvelopeCents, &s.TotalCents, &s.RemainderCents, &s.Fingerprint, &updated, &adopted, &s.AdoptedBy); err != nil {
		return nil, err
	}
	s.Params.Method = data.SplitMethod(method)
	s.UpdatedAt, s.AdoptedAt = parseTime(updated), parseTime(adopted)
	return &s, nil
}

// Scenarios lists the saved scenarios of a campaign, the adopted one first.
func (s *Store) Scenarios(ctx context.Context, campaignID int64) ([]data.ScenarioInfo, error) {
	out, err := scenarios(ctx, s.q(), campaignID)
	return out, s.fail(err)
}

func scenarios(ctx context.Context, q queryer, campaignID int64) ([]data.ScenarioInfo, error) {
	var out []data.ScenarioInfo
	err := eachRow(ctx, q, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? ORDER BY adopted_at = '', name_key`, []any{campaignID}, func(r *sql.Rows) error {
		sc, err := scanScenario(r)
		if err == nil {
			out = append(out, *sc)
		}
		return err
	})
	return out, err
}

// Scenario loads a saved scenario by name.
func (s *Store) Scenario(ctx context.Context, campaignID int64, name string) (*data.Scenario, error) {
	sc, err := scenarioNamed(ctx, s.q(), campaignID, name)
	return sc, s.fail(err)
}

// scenarioNamed loads a scenario by name, or the adopted one for "".
func scenarioNamed(ctx context.Context, q queryer, campaignID int64, name string) (*data.Scenario, error) {
	var info *data.ScenarioInfo
	var err error
	if name == "" {
		info, err = scanScenario(q.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, campaignID))
	} else {
		info, err = scanScenario(q.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? AND name_key = ?`, campaignID, data.FoldKey(name)))
	}
	switch {
	case errors.Is(err, sql.ErrNoRows) && name == "":
		return nil, data.Errorf(data.ENOTFOUND, "Aucun scénario de répartition n'est adopté pour cette campagne.")
	case errors.Is(err, sql.ErrNoRows):
		return nil, data.Errorf(data.ENOTFOUND, "Aucun scénario ne s'appelle « %s ».", name)
	case err != nil:
		return nil, err
	}
	return loadScenario(ctx, q, info)
}

// AdoptedScenario loads the campaign's adopted scenario; ENOTFOUND when none is.
func (s *Store) AdoptedScenario(ctx context.Context, campaignID int64) (*data.Scenario, error) {
	return s.Scenario(ctx, campaignID, "")
}

func loadScenario(ctx context.Context, q queryer, info *data.ScenarioInfo) (*data.Scenario, error) {
	sc := &data.Scenario{ScenarioInfo: *info, Locks: map[int64]int64{}}
	err := eachRow(ctx, q, `SELECT application_id, amount_cents FROM scenario_locks WHERE scenario_id = ?`, []any{info.ID}, func(r *sql.Rows) error {
		var id, v int64
		err := r.Scan(&id, &v)
		sc.Locks[id] = v
		return err
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, `SELECT l.application_id, a.number, l.rank, l.requested_cents, l.cap_cents, l.amount_cents, l.locked, l.reason
		FROM scenario_lines l JOIN applications a ON a.id = l.application_id WHERE l.scenario_id = ? ORDER BY l.position`, []any{info.ID}, func(r *sql.Rows) error {
		var l data.SplitLine
		var reason string
		err := r.Scan(&l.ID, &l.Number, &l.Rank, &l.RequestedCents, &l.CapCents, &l.AmountCents, &l.Locked, &reason)
		l.Reason = data.SplitReason(reason)
		sc.Lines = append(sc.Lines, l)
		return err
	})
	return sc, err
}

// SaveScenario stores a scenario under a name with its parameters, locked lines
// and the lines computed from them. Overwriting the adopted scenario needs
// confirmAdopted, and is recorded.
func (s *Store) SaveScenario(ctx context.Context, c *data.Campaign, name string, res *data.SplitResult, locks map[int64]int64, fingerprint string, confirmAdopted bool) (*data.ScenarioInfo, error) {
	name = data.Clean(name)
	if name == "" {
		return nil, data.Errorf(data.EINVALID, "Donnez un nom au scénario.")
	}
	if len([]rune(name)) > 120 {
		return nil, data.Errorf(data.EINVALID, "Nom de scénario trop long (120 caractères au plus).")
	}
	if res.TotalCents > res.EnvelopeCents {
		return nil, data.Errorf(data.EINVALID, "La répartition dépasse l'enveloppe.")
	}
	var info *data.ScenarioInfo
	err := s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		id, action, err := s.scenarioRow(ctx, tx, c, name, res, fingerprint, confirmAdopted)
		if err != nil {
			return err
		}
		if err := writeScenarioLines(ctx, tx, id, res, locks); err != nil {
			return err
		}
		if action == "modifié après adoption" {
			if err := s.newCRFBar().scenario(ctx, tx, id); err != nil {
				return err
			}
		}
		detail := fmt.Sprintf("%s ; total %s ; reliquat %s", res.Params.Method.Label(), data.FormatEurosPlain(res.TotalCents), data.FormatEurosPlain(res.RemainderCents))
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditScenario, EntityID: id, Label: name, Action: "scénario " + action, New: detail})
		if err := s.scenarioEvent(ctx, tx, id, action, detail); err != nil {
			return err
		}
		info, err = scanScenario(tx.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE id = ?`, id))
		return err
	})
	return info, err
}

// scenarioRow inserts or updates the scenario's row and says which it did.
func (s *Store) scenarioRow(ctx context.Context, tx *txw, c *data.Campaign, name string, res *data.SplitResult, fingerprint string, confirmAdopted bool) (int64, string, error) {
	now := s.now()
	p := res.Params
	var id int64
	var adopted string
	err := tx.QueryRowContext(ctx, `SELECT id, adopted_at FROM scenarios WHERE campaign_id = ? AND name_key = ?`, c.ID, data.FoldKey(name)).Scan(&id, &adopted)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id, err = tx.insertID(ctx, `INSERT INTO scenarios (campaign_id, name, name_key, method, step_cents, min_cents, cap_percent, partial,
			envelope_cents, total_cents, remainder_cents, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			c.ID, name, data.FoldKey(name), string(p.Method), p.StepCents, p.MinCents, p.CapPercent, boolInt(p.Partial),
			res.EnvelopeCents, res.TotalCents, res.RemainderCents, fingerprint, now, now)
		return id, "créé", err
	case err != nil:
		return 0, "", err
	}
	action := "enregistré"
	if adopted != "" {
		if !confirmAdopted {
			return 0, "", &data.AdoptedChangeError{Name: name}
		}
		action = "modifié après adoption"
	}
	_, err = tx.ExecContext(ctx, `UPDATE scenarios SET name = ?, method = ?, step_cents = ?, min_cents = ?, cap_percent = ?, partial = ?,
		envelope_cents = ?, total_cents = ?, remainder_cents = ?, fingerprint = ?, updated_at = ? WHERE id = ?`,
		name, string(p.Method), p.StepCents, p.MinCents, p.CapPercent, boolInt(p.Partial),
		res.EnvelopeCents, res.TotalCents, res.RemainderCents, fingerprint, now, id)
	return id, action, err
}

func writeScenarioLines(ctx context.Context, tx *txw, id int64, res *data.SplitResult, locks map[int64]int64) error {
	for _, q := range []string{`DELETE FROM scenario_locks WHERE scenario_id = ?`, `DELETE FROM scenario_lines WHERE scenario_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	for appID, v := range locks {
		if _, err := tx.ExecContext(ctx, `INSERT INTO scenario_locks (scenario_id, application_id, amount_cents) VALUES (?,?,?)`, id, appID, v); err != nil {
			return err
		}
	}
	for i, l := range res.Lines {
		if _, err := tx.ExecContext(ctx, `INSERT INTO scenario_lines (scenario_id, application_id, position, rank, requested_cents, cap_cents, amount_cents, locked, reason)
			VALUES (?,?,?,?,?,?,?,?,?)`, id, l.ID, i+1, l.Rank, l.RequestedCents, l.CapCents, l.AmountCents, boolInt(l.Locked), string(l.Reason)); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) scenarioEvent(ctx context.Context, tx *txw, id int64, action, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO scenario_events (scenario_id, at, user_name, action, detail) VALUES (?,?,?,?,?)`, id, s.now(), s.User, action, detail)
	return err
}

// AdoptScenario makes a scenario the campaign's adopted one (the documents print
// it); the one adopted before, if any, is no longer.
func (s *Store) AdoptScenario(ctx context.Context, campaignID int64, name string) error {
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, campaignID); err != nil {
			return err
		}
		var id int64
		var adopted string
		err := tx.QueryRowContext(ctx, `SELECT id, adopted_at FROM scenarios WHERE campaign_id = ? AND name_key = ?`, campaignID, data.FoldKey(name)).Scan(&id, &adopted)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.ENOTFOUND, "Aucun scénario ne s'appelle « %s ».", name)
		} else if err != nil {
			return err
		}
		if adopted != "" {
			return data.Errorf(data.EINVALID, "Le scénario « %s » est déjà adopté.", name)
		}
		if err := s.newCRFBar().scenario(ctx, tx, id); err != nil {
			return err
		}
		var prev int64
		var prevName string
		if err := tx.QueryRowContext(ctx, `SELECT id, name FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, campaignID).Scan(&prev, &prevName); err == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = '', adopted_by = '' WHERE id = ?`, prev); err != nil {
				return err
			}
			tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditScenario, EntityID: prev, Label: prevName, Action: "adoption retirée", New: "remplacé par « " + name + " »"})
			if err := s.scenarioEvent(ctx, tx, prev, "adoption retirée", "remplacé par « "+name+" »"); err != nil {
				return err
			}
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = ?, adopted_by = ? WHERE id = ?`, s.now(), s.User, id); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditScenario, EntityID: id, Label: name, Action: "adoption"})
		return s.scenarioEvent(ctx, tx, id, "adopté", "")
	})
}

// ScenarioEvents returns a scenario's history, oldest first.
func (s *Store) ScenarioEvents(ctx context.Context, scenarioID int64) ([]data.ScenarioEvent, error) {
	var out []data.ScenarioEvent
	err := eachRow(ctx, s.q(), `SELECT at, user_name, action, detail FROM scenario_events WHERE scenario_id = ? ORDER BY id`, []any{scenarioID}, func(r *sql.Rows) error {
		var e data.ScenarioEvent
		var at string
		err := r.Scan(&at, &e.User, &e.Action, &e.Detail)
		e.At = parseTime(at)
		out = append(out, e)
		return err
	})
	return out, s.fail(err)
}
