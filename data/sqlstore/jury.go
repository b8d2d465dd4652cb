package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Jurors lists the jury of a campaign, by surname (data.SortJurors).
func (s *Store) Jurors(ctx context.Context, campaignID int64) ([]data.Juror, error) {
	out, err := jurors(ctx, s.q(), campaignID)
	return out, s.fail(err)
}

func jurors(ctx context.Context, q queryer, campaignID int64) ([]data.Juror, error) {
	var out []data.Juror
	err := eachRow(ctx, q, `SELECT id, campaign_id, name, college, email FROM jurors WHERE campaign_id = ? ORDER BY name_key`, []any{campaignID}, func(r *sql.Rows) error {
		var j data.Juror
		err := r.Scan(&j.ID, &j.CampaignID, &j.Name, &j.College, &j.Email)
		out = append(out, j)
		return err
	})
	data.SortJurors(out)
	return out, err
}

// AddJuror adds a member to the campaign's jury.
func (s *Store) AddJuror(ctx context.Context, j *data.Juror) error {
	if err := j.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, j.CampaignID); err != nil {
			return err
		}
		return insertJuror(ctx, tx, j)
	})
}

func insertJuror(ctx context.Context, tx *txw, j *data.Juror) error {
	id, err := tx.insertID(ctx, `INSERT INTO jurors (campaign_id, name, name_key, college, email) VALUES (?,?,?,?,?)`,
		j.CampaignID, j.Name, data.FoldKey(j.Name), string(j.College), j.Email)
	if err != nil {
		if tx.unique(err) {
			return data.Errorf(data.ECONFLICT, "Le jury compte déjà un membre nommé « %s ».", j.Name)
		}
		return err
	}
	j.ID = id
	tx.audit(data.AuditEntry{CampaignID: j.CampaignID, Entity: data.AuditJuror, EntityID: j.ID, Label: j.Name, Action: "création",
		New: j.Name + " (" + j.College.Label() + ")"})
	return nil
}

// UpdateJuror corrects a juror's name, college or e-mail.
func (s *Store) UpdateJuror(ctx context.Context, j *data.Juror) error {
	if err := j.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, j.CampaignID); err != nil {
			return err
		}
		var oldName, oldCollege string // what the journal says it was
		if err := tx.QueryRowContext(ctx, `SELECT name, college FROM jurors WHERE id=? AND campaign_id=?`, j.ID, j.CampaignID).Scan(&oldName, &oldCollege); errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.ENOTFOUND, "Juré introuvable.")
		} else if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE jurors SET name=?, name_key=?, college=?, email=? WHERE id=? AND campaign_id=?`,
			j.Name, data.FoldKey(j.Name), string(j.College), j.Email, j.ID, j.CampaignID)
		if err != nil {
			if tx.unique(err) {
				return data.Errorf(data.ECONFLICT, "Le jury compte déjà un membre nommé « %s ».", j.Name)
			}
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.ENOTFOUND, "Juré introuvable.")
		}
		tx.audit(data.AuditEntry{CampaignID: j.CampaignID, Entity: data.AuditJuror, EntityID: j.ID, Label: j.Name, Action: "modification",
			Old: oldName + " (" + data.College(oldCollege).Label() + ")", New: j.Name + " (" + j.College.Label() + ")"})
		return nil
	})
}

// leftJury is the journal's action when a juror leaves the jury: the seat,
// and its ID, end there (see readSeats).
const leftJury = "retrait du jury"

// DeleteJuror removes a juror who has scored nothing; scores are never lost
// silently. The juror's déports go with them, each journaled on its dossier.
func (s *Store) DeleteJuror(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *txw) error {
		var name string
		var campaignID int64
		if err := tx.QueryRowContext(ctx, `SELECT name, campaign_id FROM jurors WHERE id = ?`, id).Scan(&name, &campaignID); err != nil {
			return data.Errorf(data.ENOTFOUND, "Juré introuvable.")
		}
		if err := tx.mustBeOpen(ctx, campaignID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT application_id) FROM scores WHERE juror_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ECONFLICT, "Ce juré a déjà noté %d dossier(s) : il ne peut pas être retiré du jury.", n)
		}
		apps, err := allIDs(ctx, tx, `SELECT application_id FROM conflicts WHERE juror_id = `+strconv.FormatInt(id, 10))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM conflicts WHERE juror_id = ?`, id); err != nil {
			return err
		}
		for _, a := range apps {
			tx.touch(data.AuditConflict, a)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM jurors WHERE id = ?`, id); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditJuror, EntityID: id, Label: name, Action: leftJury})
		return nil
	})
}

// JurorByName finds a juror of the campaign by name, ignoring case and accents.
func (s *Store) JurorByName(ctx context.Context, campaignID int64, name string) (*data.Juror, error) {
	var j data.Juror
	err := s.q().QueryRowContext(ctx, `SELECT id, campaign_id, name, college, email FROM jurors WHERE campaign_id = ? AND name_key = ?`,
		campaignID, data.FoldKey(name)).Scan(&j.ID, &j.CampaignID, &j.Name, &j.College, &j.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun juré ne s'appelle « %s ».", name)
	}
	return &j, s.fail(err)
}

// Conflicts lists the declared conflicts of interest of a campaign.
func (s *Store) Conflicts(ctx context.Context, campaignID int64) ([]data.Conflict, error) {
	out, err := conflicts(ctx, s.q(), campaignID)
	return out, s.fail(err)
}

func conflicts(ctx context.Context, q queryer, campaignID int64) ([]data.Conflict, error) {
	var out []data.Conflict
	err := eachRow(ctx, q, `SELECT k.juror_id, k.application_id, k.reason, k.declared_at, j.name, a.number
		FROM conflicts k JOIN jurors j ON j.id = k.juror_id JOIN applications a ON a.id = k.application_id
		WHERE j.campaign_id = ? ORDER BY a.number, j.name_key`, []any{campaignID}, func(r *sql.Rows) error {
		var k data.Conflict
		var at string
		err := r.Scan(&k.JurorID, &k.ApplicationID, &k.Reason, &at, &k.JurorName, &k.Number)
		k.DeclaredAt = parseTime(at)
		out = append(out, k)
		return err
	})
	return out, err
}

// AddConflict declares that a juror steps aside for an application. Scores the
// juror already gave it are kept and, from then on, never counted. It reports
// whether the declaration excludes scores already given.
func (s *Store) AddConflict(ctx context.Context, jurorID, applicationID int64, reason string) (excluded bool, err error) {
	err = s.inTx(ctx, func(tx *txw) error {
		p, err := sameCampaign(ctx, tx, jurorID, applicationID)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO conflicts (juror_id, application_id, reason, declared_at, user_name) VALUES (?,?,?,?,?)`,
			jurorID, applicationID, strings.TrimSpace(reason), s.now(), s.User)
		if err != nil {
			if tx.unique(err) {
				return data.Errorf(data.ECONFLICT, "Ce déport est déjà déclaré.")
			}
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: p.campaignID, Entity: data.AuditConflict, EntityID: applicationID, Label: p.label,
			Action: "déclaration", New: strings.TrimSpace(reason)})
		var n int
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM scores WHERE juror_id = ? AND application_id = ?`, jurorID, applicationID).Scan(&n)
		excluded = n > 0
		return err
	})
	return excluded, err
}

// RemoveConflict withdraws a declared conflict (declared by mistake).
func (s *Store) RemoveConflict(ctx context.Context, jurorID, applicationID int64) error {
	return s.inTx(ctx, func(tx *txw) error {
		p, err := sameCampaign(ctx, tx, jurorID, applicationID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM conflicts WHERE juror_id = ? AND application_id = ?`, jurorID, applicationID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.ENOTFOUND, "Aucun déport n'est déclaré pour ce juré et ce dossier.")
		}
		tx.audit(data.AuditEntry{CampaignID: p.campaignID, Entity: data.AuditConflict, EntityID: applicationID, Label: p.label, Action: "retrait"})
		return nil
	})
}

// pair is a juror and an application of one campaign, named for the audit trail.
type pair struct {
	campaignID   int64
	juror, label string
}

// sameCampaign checks that a juror and an application belong to one open campaign.
func sameCampaign(ctx context.Context, tx *txw, jurorID, applicationID int64) (pair, error) {
	var jc, ac int64
	var p pair
	if err := tx.QueryRowContext(ctx, `SELECT campaign_id, name FROM jurors WHERE id = ?`, jurorID).Scan(&jc, &p.juror); err != nil {
		return p, data.Errorf(data.ENOTFOUND, "Juré introuvable.")
	}
	var number string
	if err := tx.QueryRowContext(ctx, `SELECT campaign_id, number FROM applications WHERE id = ?`, applicationID).Scan(&ac, &number); err != nil {
		return p, data.Errorf(data.ENOTFOUND, "Dossier introuvable.")
	}
	if jc != ac {
		return p, data.Errorf(data.EINVALID, "Le juré et le dossier appartiennent à deux campagnes différentes.")
	}
	p.campaignID, p.label = jc, number+" / "+p.juror
	return p, tx.mustBeOpen(ctx, jc)
}

// Sheets returns every score sheet of a campaign, complete or not.
func (s *Store) Sheets(ctx context.Context, campaignID int64) ([]data.Sheet, error) {
	out, err := sheets(ctx, s.q(), campaignID)
	return out, s.fail(err)
}

func sheets(ctx context.Context, q queryer, campaignID int64) ([]data.Sheet, error) {
	var out []data.Sheet
	err := eachRow(ctx, q, `SELECT s.juror_id, s.application_id, s.criterion_id, s.score FROM scores s
		JOIN applications a ON a.id = s.application_id WHERE a.campaign_id = ? ORDER BY s.juror_id, s.application_id`, []any{campaignID}, func(r *sql.Rows) error {
		var j, a, k int64
		var v int
		if err := r.Scan(&j, &a, &k, &v); err != nil {
			return err
		}
		if n := len(out); n == 0 || out[n-1].JurorID != j || out[n-1].ApplicationID != a {
			out = append(out, data.Sheet{JurorID: j, ApplicationID: a, Scores: map[int64]int{}})
		}
		out[len(out)-1].Scores[k] = v
		return nil
	})
	return out, err
}

// WriteScores applies score changes, all or nothing: each sets the scores it
// names and clears the criteria it lists, and leaves every other score of the
// sheet as it was. Jurors named in w.NewJurors are created first (on purpose:
// an import never creates a juror by itself).
func (s *Store) WriteScores(ctx context.Context, c *data.Campaign, w data.ScoreWrite) error {
	// Late-locked on a server (late.go): a grid of 100 000 scores must not
	// hold the other desks' writes; another desk's write to the campaign's
	// sheets, jury, deports, dossiers or to the campaign meanwhile starts it
	// again.
	entities := []string{data.AuditSheet, data.AuditJuror, data.AuditConflict, data.AuditApplication, data.AuditCampaign}
	err := s.inLateTx(ctx, c.ID, len(w.Changes), entities, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		for _, j := range w.NewJurors {
			j.CampaignID = c.ID
			if err := j.Validate(); err != nil {
				return err
			}
			if err := insertJuror(ctx, tx, j); err != nil {
				return err
			}
		}
		if err := s.applyChanges(ctx, tx, c, w); err != nil {
			return err
		}
		if w.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// applyChanges applies w's changes in order, on the campaign's sheets read
// once (see scores_write.go), then writes what changed.
func (s *Store) applyChanges(ctx context.Context, tx *txw, c *data.Campaign, w data.ScoreWrite) error {
	if len(w.Changes) == 0 {
		return nil
	}
	book, err := readScoreBook(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	for _, ch := range w.Changes {
		if ch.JurorID < 0 { // a juror created above: -(index+1)
			if i := int(-ch.JurorID - 1); i < len(w.NewJurors) {
				ch.JurorID = w.NewJurors[i].ID
			}
		}
		held, err := s.applyScoresHeld(tx, book, c, ch)
		if err == nil && !held {
			err = s.applyScores(ctx, tx, c, ch)
		}
		if err != nil {
			return err
		}
	}
	return book.write(ctx, tx)
}

// applyScores changes one sheet as ch says, and journals it when it changed.
func (s *Store) applyScores(ctx context.Context, tx *txw, c *data.Campaign, ch data.ScoreChange) error {
	p, err := sameCampaign(ctx, tx, ch.JurorID, ch.ApplicationID)
	if err != nil {
		return err
	}
	var conflicted int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE juror_id = ? AND application_id = ?`, ch.JurorID, ch.ApplicationID).Scan(&conflicted); err != nil {
		return err
	}
	if conflicted > 0 {
		return data.Errorf(data.EINVALID, "Déport déclaré : %s ne peut pas noter le dossier %s.", p.juror, strings.SplitN(p.label, " / ", 2)[0])
	}
	if err := checkScores(c, ch.Set); err != nil {
		return err
	}
	before, err := sheetScores(ctx, tx, ch.JurorID, ch.ApplicationID)
	if err != nil {
		return err
	}
	now := s.now()
	for _, k := range ch.Clear {
		if _, err := tx.ExecContext(ctx, `DELETE FROM scores WHERE juror_id = ? AND application_id = ? AND criterion_id = ?`, ch.JurorID, ch.ApplicationID, k); err != nil {
			return err
		}
	}
	for _, k := range c.Criteria {
		v, ok := ch.Set[k.ID]
		if !ok {
			continue
		}
		if old, had := before[k.ID]; had && old == v {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO scores (juror_id, application_id, criterion_id, score, updated_at) VALUES (?,?,?,?,?)
			ON CONFLICT (juror_id, application_id, criterion_id) DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at`,
			ch.JurorID, ch.ApplicationID, k.ID, v, now); err != nil {
			return err
		}
	}
	after, err := sheetScores(ctx, tx, ch.JurorID, ch.ApplicationID)
	if err != nil {
		return err
	}
	if old, new := scoresText(c, before), scoresText(c, after); old != new {
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditSheet, EntityID: ch.ApplicationID, Label: p.label, Action: "notes",
			Old: old, New: new})
	}
	return nil
}

// scoresText writes a sheet as « 5, 4, –, 3, 2 » in grid order, for the trail.
func scoresText(c *data.Campaign, scores map[int64]int) string {
	if len(scores) == 0 {
		return ""
	}
	parts := make([]string, len(c.Criteria))
	for i, k := range c.Criteria {
		parts[i] = "–"
		if v, ok := scores[k.ID]; ok {
			parts[i] = strconv.Itoa(v)
		}
	}
	return strings.Join(parts, ", ")
}

func sheetScores(ctx context.Context, tx *txw, jurorID, applicationID int64) (map[int64]int, error) {
	scores := map[int64]int{}
	err := eachRow(ctx, tx, `SELECT criterion_id, score FROM scores WHERE juror_id = ? AND application_id = ?`, []any{jurorID, applicationID}, func(r *sql.Rows) error {
		var k int64
		var v int
		err := r.Scan(&k, &v)
		scores[k] = v
		return err
	})
	return scores, err
}

// checkScores refuses scores outside a criterion's scale or for an unknown criterion.
func checkScores(c *data.Campaign, scores map[int64]int) error {
	byID := map[int64]data.Criterion{}
	for _, k := range c.Criteria {
		byID[k.ID] = k
	}
	ids := make([]int64, 0, len(scores))
	for id := range scores {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		k, ok := byID[id]
		if !ok {
			return data.Errorf(data.EINVALID, "Critère inconnu dans la grille.")
		}
		if v := scores[id]; v < 0 || v > k.Max {
			return data.Errorf(data.EINVALID, "Note %d hors barème pour le critère %d « %s » (0 à %d).", v, k.Position, k.Label, k.Max)
		}
	}
	return nil
}

// ScoredSheets counts the sheets holding at least one score, for the warning
// shown before the grid is changed.
func (s *Store) ScoredSheets(ctx context.Context, campaignID int64) (sheets, jurors, applications int, err error) {
	sheets, jurors, applications, err = scoredSheets(ctx, s.q(), campaignID)
	return sheets, jurors, applications, s.fail(err)
}

func scoredSheets(ctx context.Context, q queryer, campaignID int64) (sheets, jurors, applications int, err error) {
	err = q.QueryRowContext(ctx, `SELECT count(DISTINCT s.juror_id || '-' || s.application_id), count(DISTINCT s.juror_id), count(DISTINCT s.application_id)
		FROM scores s JOIN applications a ON a.id = s.application_id WHERE a.campaign_id = ?`, campaignID).Scan(&sheets, &jurors, &applications)
	return
}

// Decide records the jury's decisions and moves their dossiers' statuses, in
// one transaction: a bulk confirmation is recorded whole or not at all.
func (s *Store) Decide(ctx context.Context, ds ...*data.JuryDecision) error {
	for _, d := range ds {
		if err := d.Validate(); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *txw) error {
		bar := s.newCRFBar()
		for _, d := range ds {
			if err := s.decide(ctx, tx, bar, d); err != nil {
				return err
			}
		}
		return nil
	})
}

// decide records one decision within tx.
func (s *Store) decide(ctx context.Context, tx *txw, bar *crfBar, d *data.JuryDecision) error {
	a, err := getApplication(ctx, tx, d.ApplicationID)
	if err != nil {
		return err
	}
	if err := tx.mustBeOpen(ctx, a.CampaignID); err != nil {
		return err // a locked campaign first: nothing may change there
	}
	if err := data.CheckDecisionAllowed(a.Number, a.Status, d.Decision, d.Force); err != nil {
		return err
	}
	exemption, err := bar.decision(ctx, tx, a.ID, a.Number, d)
	if err != nil {
		return err
	}
	var previous string
	if err := tx.QueryRowContext(ctx, `SELECT decision FROM decisions WHERE application_id = ?`, a.ID).Scan(&previous); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (application_id, decision, motivation, jury_date, decided_at, user_name, crf_exemption) VALUES (?,?,?,?,?,?,?)
		ON CONFLICT (application_id) DO UPDATE SET decision = excluded.decision, motivation = excluded.motivation,
		jury_date = excluded.jury_date, decided_at = excluded.decided_at, user_name = excluded.user_name, crf_exemption = excluded.crf_exemption`,
		d.ApplicationID, string(d.Decision), d.Motivation, d.JuryDate.ISO(), s.now(), s.User, exemption); err != nil {
		return err
	}
	entry := data.AuditEntry{CampaignID: a.CampaignID, Entity: data.AuditDecision, EntityID: a.ID, Label: a.Number, Action: "décision",
		Old: data.Decision(previous).Label(), New: strings.TrimSuffix(d.Decision.Label()+" : "+d.Motivation, " : ")}
	if exemption != "" {
		entry.New += " (" + data.CRFExemptionNote(exemption) + ")"
	}
	if !a.Status.Admissible() { // only with Force: the journal and the row say it was passed over
		entry.New += " (" + data.ForcedNote(a.Status) + ")"
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET decision_override = ? WHERE id = ?`, data.ForcedNote(a.Status), a.ID); err != nil {
			return err
		}
	}
	tx.audit(entry)
	to := d.Decision.Status()
	if to == a.Status {
		return nil
	}
	reason := "Décision du jury"
	if !d.JuryDate.IsZero() {
		reason += " du " + d.JuryDate.Format()
	}
	if d.Motivation != "" {
		reason += " : " + d.Motivation
	}
	return s.setStatus(ctx, tx, a, to, reason, reason)
}

// Decisions returns the recorded decisions of a campaign by application ID.
func (s *Store) Decisions(ctx context.Context, campaignID int64) (map[int64]data.JuryDecision, error) {
	out, err := decisions(ctx, s.q(), campaignID)
	return out, s.fail(err)
}

func decisions(ctx context.Context, q queryer, campaignID int64) (map[int64]data.JuryDecision, error) {
	out := map[int64]data.JuryDecision{}
	err := eachRow(ctx, q, `SELECT d.application_id, d.decision, d.motivation, d.jury_date, d.decided_at, d.user_name, d.crf_exemption
		FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.campaign_id = ?`, []any{campaignID}, func(r *sql.Rows) error {
		var d data.JuryDecision
		var dec, date, at string
		err := r.Scan(&d.ApplicationID, &dec, &d.Motivation, &date, &at, &d.User, &d.CRFExemption)
		d.Decision, d.JuryDate, d.DecidedAt = data.Decision(dec), parseDate(date), parseTime(at)
		out[d.ApplicationID] = d
		return err
	})
	return out, err
}
