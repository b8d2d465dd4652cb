package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/jury"
)

// Split is what a budget split works on: the candidates in ranking order, the
// register's lines for display and grouping, and a fingerprint of the inputs
// that tells when a saved scenario no longer matches the scores or decisions.
type Split struct {
	Candidates  []alloc.Candidate
	Rows        map[int64]Row
	Fingerprint string
}

// SplitInput selects the candidates from the current ranking and decisions.
func (db *DB) SplitInput(ctx context.Context, c *data.Campaign) (*Split, error) {
	ranking, err := db.Ranking(ctx, c)
	if err != nil {
		return nil, err
	}
	var ranked []alloc.Ranked
	rows := map[int64]Row{}
	params := jury.ParamsOf(c)
	for _, r := range ranking {
		rows[r.ApplicationID] = r.Row
		rk := alloc.Ranked{ID: r.ApplicationID, Number: r.Number, Rank: r.Rank, Score: r.F, Below: r.Below(params),
			RequestedCents: r.Row.RequestedCents, TotalCents: r.Row.TotalCents}
		if r.Decision != nil {
			rk.Decision = r.Decision.Decision
		}
		ranked = append(ranked, rk)
	}
	s := &Split{Candidates: alloc.Select(ranked), Rows: rows}
	h := sha256.New()
	fmt.Fprintf(h, "E%d;", c.EnvelopeCents)
	for _, k := range s.Candidates {
		score := ""
		if k.Score != nil {
			score = k.Score.RatString()
		}
		fmt.Fprintf(h, "%d:%d:%s:%d:%d;", k.ID, k.Rank, score, k.RequestedCents, k.TotalCents)
	}
	s.Fingerprint = hex.EncodeToString(h.Sum(nil))[:16]
	return s, nil
}

// Compute runs a split with the given parameters and locked amounts.
func (s *Split) Compute(p alloc.Params, locks map[int64]int64) (*alloc.Result, error) {
	cands := make([]alloc.Candidate, len(s.Candidates))
	copy(cands, s.Candidates)
	for i := range cands {
		if v, ok := locks[cands[i].ID]; ok {
			cands[i].Locked, cands[i].LockedCents = true, v
		}
	}
	return alloc.Allocate(cands, p)
}

// ScenarioInfo describes a saved scenario.
type ScenarioInfo struct {
	ID             int64
	Name           string
	Params         alloc.Params
	TotalCents     int64
	RemainderCents int64
	Fingerprint    string
	UpdatedAt      time.Time
	AdoptedAt      time.Time // zero unless adopted
	AdoptedBy      string
}

// Adopted reports whether this is the campaign's adopted scenario.
func (s ScenarioInfo) Adopted() bool { return !s.AdoptedAt.IsZero() }

// Scenario is a saved scenario with its locked amounts and computed lines.
type Scenario struct {
	ScenarioInfo
	Locks map[int64]int64
	Lines []alloc.Line
}

// ScenarioEvent is one line of a scenario's history.
type ScenarioEvent struct {
	At     time.Time
	User   string
	Action string
	Detail string
}

// AdoptedChangeError refuses to overwrite the adopted scenario without an
// explicit action: the council's annex prints it.
type AdoptedChangeError struct{ Name string }

// ErrorCode makes it a conflict for data.ErrorCode.
func (e *AdoptedChangeError) ErrorCode() string { return data.ECONFLICT }

func (e *AdoptedChangeError) Error() string {
	return fmt.Sprintf("Le scénario « %s » est adopté : le modifier demande une confirmation explicite, qui sera enregistrée.", e.Name)
}

const scenarioCols = `id, name, method, step_cents, min_cents, cap_percent, partial, envelope_cents, total_cents, remainder_cents, fingerprint, updated_at, adopted_at, adopted_by`

func scanScenario(r scanner) (*ScenarioInfo, error) {
	var s ScenarioInfo
	var method, updated, adopted string
	if err := r.Scan(&s.ID, &s.Name, &method, &s.Params.StepCents, &s.Params.MinCents, &s.Params.CapPercent, &s.Params.Partial,
		&s.Params.EnvelopeCents, &s.TotalCents, &s.RemainderCents, &s.Fingerprint, &updated, &adopted, &s.AdoptedBy); err != nil {
		return nil, err
	}
	s.Params.Method = alloc.Method(method)
	s.UpdatedAt, s.AdoptedAt = parseTime(updated), parseTime(adopted)
	return &s, nil
}

// Scenarios lists the saved scenarios of a campaign, the adopted one first.
func (db *DB) Scenarios(ctx context.Context, campaignID int64) ([]ScenarioInfo, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? ORDER BY adopted_at = '', name_key`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScenarioInfo
	for rows.Next() {
		s, err := scanScenario(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *s)
	}
	return out, rows.Err()
}

// Scenario loads a saved scenario by name.
func (db *DB) Scenario(ctx context.Context, campaignID int64, name string) (*Scenario, error) {
	info, err := scanScenario(db.db.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? AND name_key = ?`, campaignID, data.FoldKey(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun scénario ne s'appelle « %s ».", name)
	} else if err != nil {
		return nil, err
	}
	return db.loadScenario(ctx, info)
}

// AdoptedScenario loads the campaign's adopted scenario; ENOTFOUND when none is.
func (db *DB) AdoptedScenario(ctx context.Context, campaignID int64) (*Scenario, error) {
	info, err := scanScenario(db.db.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, campaignID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun scénario de répartition n'est adopté pour cette campagne.")
	} else if err != nil {
		return nil, err
	}
	return db.loadScenario(ctx, info)
}

func (db *DB) loadScenario(ctx context.Context, info *ScenarioInfo) (*Scenario, error) {
	s := &Scenario{ScenarioInfo: *info, Locks: map[int64]int64{}}
	rows, err := db.db.QueryContext(ctx, `SELECT application_id, amount_cents FROM scenario_locks WHERE scenario_id = ?`, info.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, v int64
		if err := rows.Scan(&id, &v); err != nil {
			rows.Close()
			return nil, err
		}
		s.Locks[id] = v
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT l.application_id, a.number, l.rank, l.requested_cents, l.cap_cents, l.amount_cents, l.locked, l.reason
		FROM scenario_lines l JOIN applications a ON a.id = l.application_id WHERE l.scenario_id = ? ORDER BY l.position`, info.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l alloc.Line
		var reason string
		if err := rows.Scan(&l.ID, &l.Number, &l.Rank, &l.RequestedCents, &l.CapCents, &l.AmountCents, &l.Locked, &reason); err != nil {
			return nil, err
		}
		l.Reason = alloc.Reason(reason)
		s.Lines = append(s.Lines, l)
	}
	return s, rows.Err()
}

// SaveScenario stores a scenario under a name with its parameters, locked lines
// and the lines computed from them. Overwriting the adopted scenario needs
// confirmAdopted, and is recorded.
func (db *DB) SaveScenario(ctx context.Context, c *data.Campaign, name string, res *alloc.Result, locks map[int64]int64, fingerprint string, confirmAdopted bool) (*ScenarioInfo, error) {
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
	var id int64
	err := db.inTx(ctx, func(tx *txw) error {
		if err := checkUnlocked(ctx, tx, c.ID); err != nil {
			return err
		}
		now := db.now()
		var adopted string
		err := tx.QueryRowContext(ctx, `SELECT id, adopted_at FROM scenarios WHERE campaign_id = ? AND name_key = ?`, c.ID, data.FoldKey(name)).Scan(&id, &adopted)
		action := "enregistré"
		p := res.Params
		switch {
		case errors.Is(err, sql.ErrNoRows):
			r, err := tx.ExecContext(ctx, `INSERT INTO scenarios (campaign_id, name, name_key, method, step_cents, min_cents, cap_percent, partial,
				envelope_cents, total_cents, remainder_cents, fingerprint, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
				c.ID, name, data.FoldKey(name), string(p.Method), p.StepCents, p.MinCents, p.CapPercent, boolInt(p.Partial),
				res.EnvelopeCents, res.TotalCents, res.RemainderCents, fingerprint, now, now)
			if err != nil {
				return err
			}
			id, _ = r.LastInsertId()
			action = "créé"
		case err != nil:
			return err
		default:
			if adopted != "" {
				if !confirmAdopted {
					return &AdoptedChangeError{Name: name}
				}
				action = "modifié après adoption"
			}
			if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET name = ?, method = ?, step_cents = ?, min_cents = ?, cap_percent = ?, partial = ?,
				envelope_cents = ?, total_cents = ?, remainder_cents = ?, fingerprint = ?, updated_at = ? WHERE id = ?`,
				name, string(p.Method), p.StepCents, p.MinCents, p.CapPercent, boolInt(p.Partial),
				res.EnvelopeCents, res.TotalCents, res.RemainderCents, fingerprint, now, id); err != nil {
				return err
			}
		}
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
		detail := fmt.Sprintf("%s ; total %s ; reliquat %s", p.Method.Label(), data.FormatEurosPlain(res.TotalCents), data.FormatEurosPlain(res.RemainderCents))
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditScenario, EntityID: id, Label: name, Action: "scénario " + action, New: detail}); err != nil {
			return err
		}
		return db.scenarioEvent(ctx, tx, id, action, detail, now)
	})
	if err != nil {
		return nil, err
	}
	s, err := scanScenario(db.db.QueryRowContext(ctx, `SELECT `+scenarioCols+` FROM scenarios WHERE id = ?`, id))
	return s, err
}

func (db *DB) scenarioEvent(ctx context.Context, tx *txw, id int64, action, detail, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO scenario_events (scenario_id, at, user_name, action, detail) VALUES (?,?,?,?,?)`, id, now, db.User, action, detail)
	return err
}

// AdoptScenario makes a scenario the campaign's adopted one (the documents print
// it); the one adopted before, if any, is no longer.
func (db *DB) AdoptScenario(ctx context.Context, campaignID int64, name string) error {
	return db.inTx(ctx, func(tx *txw) error {
		if err := checkUnlocked(ctx, tx, campaignID); err != nil {
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
		now := db.now()
		var prev int64
		if err := tx.QueryRowContext(ctx, `SELECT id FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, campaignID).Scan(&prev); err == nil {
			if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = '', adopted_by = '' WHERE id = ?`, prev); err != nil {
				return err
			}
			if err := db.scenarioEvent(ctx, tx, prev, "adoption retirée", "remplacé par « "+name+" »", now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE scenarios SET adopted_at = ?, adopted_by = ? WHERE id = ?`, now, db.User, id); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: campaignID, Entity: AuditScenario, EntityID: id, Label: name, Action: "adoption"}); err != nil {
			return err
		}
		return db.scenarioEvent(ctx, tx, id, "adopté", "", now)
	})
}

// ScenarioEvents returns a scenario's history, oldest first.
func (db *DB) ScenarioEvents(ctx context.Context, scenarioID int64) ([]ScenarioEvent, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT at, user_name, action, detail FROM scenario_events WHERE scenario_id = ? ORDER BY id`, scenarioID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScenarioEvent
	for rows.Next() {
		var e ScenarioEvent
		var at string
		if err := rows.Scan(&at, &e.User, &e.Action, &e.Detail); err != nil {
			return nil, err
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ThemeOf and friends give grouping keys of a line for comparisons.
func (s *Split) ThemeOf(l alloc.Line) []string {
	if t := s.Rows[l.ID].Theme; t != "" {
		return []string{t}
	}
	return []string{"(sans thématique)"}
}

// QPVOf keys a line by each of its QPV.
func (s *Split) QPVOf(l alloc.Line) []string {
	if q := s.Rows[l.ID].QPVs; len(q) > 0 {
		return q
	}
	return []string{"(sans QPV)"}
}

// CommuneOf keys a line by the structure's commune.
func (s *Split) CommuneOf(l alloc.Line) []string {
	if r := s.Rows[l.ID]; r.Commune != "" {
		return []string{r.CommuneName}
	}
	return []string{"(commune non renseignée)"}
}
