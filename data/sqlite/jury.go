package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/jury"
)

// Jurors lists the jury of a campaign, by name.
func (db *DB) Jurors(ctx context.Context, campaignID int64) ([]data.Juror, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, campaign_id, name, college, email FROM jurors WHERE campaign_id = ? ORDER BY name_key`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Juror
	for rows.Next() {
		var j data.Juror
		if err := rows.Scan(&j.ID, &j.CampaignID, &j.Name, &j.College, &j.Email); err != nil {
			return nil, err
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// AddJuror adds a member to the campaign's jury.
func (db *DB) AddJuror(ctx context.Context, j *data.Juror) error {
	if err := j.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *txw) error {
		if err := insertJuror(ctx, tx, j); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{CampaignID: j.CampaignID, Entity: AuditJuror, EntityID: j.ID, Label: j.Name, Action: "création",
			New: j.Name + " (" + j.College.Label() + ")"})
	})
}

func insertJuror(ctx context.Context, tx *txw, j *data.Juror) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO jurors (campaign_id, name, name_key, college, email) VALUES (?,?,?,?,?)`,
		j.CampaignID, j.Name, data.FoldKey(j.Name), string(j.College), j.Email)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return data.Errorf(data.ECONFLICT, "Le jury compte déjà un membre nommé « %s ».", j.Name)
		}
		return err
	}
	j.ID, _ = res.LastInsertId()
	return nil
}

// UpdateJuror corrects a juror's name, college or e-mail.
func (db *DB) UpdateJuror(ctx context.Context, j *data.Juror) error {
	if err := j.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *txw) error {
		res, err := tx.ExecContext(ctx, `UPDATE jurors SET name=?, name_key=?, college=?, email=? WHERE id=? AND campaign_id=?`,
			j.Name, data.FoldKey(j.Name), string(j.College), j.Email, j.ID, j.CampaignID)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return data.Errorf(data.ECONFLICT, "Le jury compte déjà un membre nommé « %s ».", j.Name)
			}
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.ENOTFOUND, "Juré introuvable.")
		}
		return db.audit(ctx, tx, AuditEntry{CampaignID: j.CampaignID, Entity: AuditJuror, EntityID: j.ID, Label: j.Name, Action: "modification",
			New: j.Name + " (" + j.College.Label() + ")"})
	})
}

// DeleteJuror removes a juror who has scored nothing; scores are never lost silently.
func (db *DB) DeleteJuror(ctx context.Context, id int64) error {
	return db.inTx(ctx, func(tx *txw) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT application_id) FROM scores WHERE juror_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ECONFLICT, "Ce juré a déjà noté %d dossier(s) : il ne peut pas être retiré du jury.", n)
		}
		var name string
		var campaignID int64
		if err := tx.QueryRowContext(ctx, `SELECT name, campaign_id FROM jurors WHERE id = ?`, id).Scan(&name, &campaignID); err != nil {
			return data.Errorf(data.ENOTFOUND, "Juré introuvable.")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM jurors WHERE id = ?`, id); err != nil {
			return err
		}
		return db.audit(ctx, tx, AuditEntry{CampaignID: campaignID, Entity: AuditJuror, EntityID: id, Label: name, Action: "retrait du jury"})
	})
}

// JurorByName finds a juror of the campaign by name, ignoring case and accents.
func (db *DB) JurorByName(ctx context.Context, campaignID int64, name string) (*data.Juror, error) {
	var j data.Juror
	err := db.db.QueryRowContext(ctx, `SELECT id, campaign_id, name, college, email FROM jurors WHERE campaign_id = ? AND name_key = ?`,
		campaignID, data.FoldKey(name)).Scan(&j.ID, &j.CampaignID, &j.Name, &j.College, &j.Email)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun juré ne s'appelle « %s ».", name)
	}
	return &j, err
}

// Conflicts lists the declared conflicts of interest of a campaign.
func (db *DB) Conflicts(ctx context.Context, campaignID int64) ([]data.Conflict, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT k.juror_id, k.application_id, k.reason, k.declared_at, j.name, a.number
		FROM conflicts k JOIN jurors j ON j.id = k.juror_id JOIN applications a ON a.id = k.application_id
		WHERE j.campaign_id = ? ORDER BY a.number, j.name_key`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Conflict
	for rows.Next() {
		var k data.Conflict
		var at string
		if err := rows.Scan(&k.JurorID, &k.ApplicationID, &k.Reason, &at, &k.JurorName, &k.Number); err != nil {
			return nil, err
		}
		k.DeclaredAt = parseTime(at)
		out = append(out, k)
	}
	return out, rows.Err()
}

// AddConflict declares that a juror steps aside for an application. Scores the
// juror already gave it are kept and, from then on, never counted. It reports how
// many scored sheets the declaration excludes.
func (db *DB) AddConflict(ctx context.Context, jurorID, applicationID int64, reason string) (excluded bool, err error) {
	err = db.inTx(ctx, func(tx *txw) error {
		p, err := sameCampaign(ctx, tx, jurorID, applicationID)
		if err != nil {
			return err
		}
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: p.campaignID, Entity: AuditConflict, EntityID: applicationID, Label: p.label,
			Action: "déclaration", New: strings.TrimSpace(reason)}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO conflicts (juror_id, application_id, reason, declared_at, user_name) VALUES (?,?,?,?,?)`,
			jurorID, applicationID, strings.TrimSpace(reason), db.now(), db.User)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") || strings.Contains(err.Error(), "PRIMARY KEY") {
				return data.Errorf(data.ECONFLICT, "Ce déport est déjà déclaré.")
			}
			return err
		}
		var n int
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM scores WHERE juror_id = ? AND application_id = ?`, jurorID, applicationID).Scan(&n)
		excluded = n > 0
		return err
	})
	return excluded, err
}

// RemoveConflict withdraws a declared conflict (declared by mistake).
func (db *DB) RemoveConflict(ctx context.Context, jurorID, applicationID int64) error {
	return db.inTx(ctx, func(tx *txw) error {
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
		return db.audit(ctx, tx, AuditEntry{CampaignID: p.campaignID, Entity: AuditConflict, EntityID: applicationID, Label: p.label, Action: "retrait"})
	})
}

// pair is a juror and an application of one campaign, named for the audit trail.
type pair struct {
	campaignID   int64
	juror, label string
}

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
	return p, checkUnlocked(ctx, tx, jc)
}

// Sheets returns every score sheet of a campaign, complete or not.
func (db *DB) Sheets(ctx context.Context, campaignID int64) ([]jury.Sheet, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT s.juror_id, s.application_id, s.criterion_id, s.score FROM scores s
		JOIN applications a ON a.id = s.application_id WHERE a.campaign_id = ? ORDER BY s.juror_id, s.application_id`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []jury.Sheet
	for rows.Next() {
		var j, a, k int64
		var v int
		if err := rows.Scan(&j, &a, &k, &v); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].JurorID != j || out[n-1].ApplicationID != a {
			out = append(out, jury.Sheet{JurorID: j, ApplicationID: a, Scores: map[int64]int{}})
		}
		out[len(out)-1].Scores[k] = v
	}
	return out, rows.Err()
}

// SaveSheet records (or replaces) a juror's sheet for an application. A partial
// sheet is kept as it is (it will not count until complete). A juror who stepped
// aside cannot be given a sheet for that application.
func (db *DB) SaveSheet(ctx context.Context, c *data.Campaign, s jury.Sheet) error {
	return db.inTx(ctx, func(tx *txw) error { return db.writeSheet(ctx, tx, c, s) })
}

func (db *DB) writeSheet(ctx context.Context, tx *txw, c *data.Campaign, s jury.Sheet) error {
	p, err := sameCampaign(ctx, tx, s.JurorID, s.ApplicationID)
	if err != nil {
		return err
	}
	var conflicted int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM conflicts WHERE juror_id = ? AND application_id = ?`, s.JurorID, s.ApplicationID).Scan(&conflicted); err != nil {
		return err
	}
	if conflicted > 0 {
		return data.Errorf(data.EINVALID, "Déport déclaré : ce juré ne peut pas noter ce dossier.")
	}
	if err := checkScores(c, s.Scores); err != nil {
		return err
	}
	before, err := sheetText(ctx, tx, c, s.JurorID, s.ApplicationID)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM scores WHERE juror_id = ? AND application_id = ?`, s.JurorID, s.ApplicationID); err != nil {
		return err
	}
	now := db.now()
	for _, k := range c.Criteria {
		v, ok := s.Scores[k.ID]
		if !ok {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO scores (juror_id, application_id, criterion_id, score, updated_at) VALUES (?,?,?,?,?)`,
			s.JurorID, s.ApplicationID, k.ID, v, now); err != nil {
			return err
		}
	}
	if after := scoresText(c, s.Scores); after != before {
		return db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditSheet, EntityID: s.ApplicationID, Label: p.label, Action: "notes",
			Old: before, New: after})
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

func sheetText(ctx context.Context, tx *txw, c *data.Campaign, jurorID, applicationID int64) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT criterion_id, score FROM scores WHERE juror_id = ? AND application_id = ?`, jurorID, applicationID)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	scores := map[int64]int{}
	for rows.Next() {
		var k int64
		var v int
		if err := rows.Scan(&k, &v); err != nil {
			return "", err
		}
		scores[k] = v
	}
	return scoresText(c, scores), rows.Err()
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

// ImportSheets records many sheets at once, all or nothing; jurors named in
// newJurors are created first. Importing a sheet again replaces it.
func (db *DB) ImportSheets(ctx context.Context, c *data.Campaign, newJurors []*data.Juror, sheets []jury.Sheet, dryRun bool) error {
	err := db.inTx(ctx, func(tx *txw) error {
		for _, j := range newJurors {
			j.CampaignID = c.ID
			if err := j.Validate(); err != nil {
				return err
			}
			if err := insertJuror(ctx, tx, j); err != nil {
				return err
			}
		}
		for _, s := range sheets {
			if s.JurorID < 0 { // placeholder for a juror created above: -(index+1)
				if i := int(-s.JurorID - 1); i < len(newJurors) {
					s.JurorID = newJurors[i].ID
				}
			}
			if err := db.writeSheet(ctx, tx, c, s); err != nil {
				return err
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// ScoredSheets counts the sheets holding at least one score, for the warning
// shown before the grid is changed.
func (db *DB) ScoredSheets(ctx context.Context, campaignID int64) (sheets, jurors, applications int, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT count(DISTINCT s.juror_id || '-' || s.application_id), count(DISTINCT s.juror_id), count(DISTINCT s.application_id)
		FROM scores s JOIN applications a ON a.id = s.application_id WHERE a.campaign_id = ?`, campaignID).Scan(&sheets, &jurors, &applications)
	return
}

// Decide records the jury's decision on an application and moves its status.
func (db *DB) Decide(ctx context.Context, d *data.JuryDecision) error {
	if err := d.Validate(); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *txw) error {
		a, err := getApplication(ctx, tx, d.ApplicationID)
		if err != nil {
			return err
		}
		if a.Status == data.StatusIrrecevable || a.Status == data.StatusSansSuite {
			return data.Errorf(data.EINVALID, "Le dossier %s est %s : le jury ne peut pas statuer.", a.Number, strings.ToLower(a.Status.Label()))
		}
		if err := checkUnlocked(ctx, tx, a.CampaignID); err != nil {
			return err
		}
		var previous string
		tx.QueryRowContext(ctx, `SELECT decision FROM decisions WHERE application_id = ?`, a.ID).Scan(&previous)
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: a.CampaignID, Entity: AuditDecision, EntityID: a.ID, Label: a.Number, Action: "décision",
			Old: data.Decision(previous).Label(), New: strings.TrimSuffix(d.Decision.Label()+" : "+d.Motivation, " : ")}); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (application_id, decision, motivation, jury_date, decided_at, user_name) VALUES (?,?,?,?,?,?)
			ON CONFLICT (application_id) DO UPDATE SET decision = excluded.decision, motivation = excluded.motivation,
			jury_date = excluded.jury_date, decided_at = excluded.decided_at, user_name = excluded.user_name`,
			d.ApplicationID, string(d.Decision), d.Motivation, d.JuryDate.ISO(), now, db.User); err != nil {
			return err
		}
		to := d.Decision.Status()
		if to == a.Status {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`, string(to), now, a.ID); err != nil {
			return err
		}
		reason := "Décision du jury"
		if !d.JuryDate.IsZero() {
			reason += " du " + d.JuryDate.Format()
		}
		if d.Motivation != "" {
			reason += " : " + d.Motivation
		}
		return insertHistory(ctx, tx, a.ID, data.StatusChange{At: parseTime(now), From: a.Status, To: to, Reason: reason, User: db.User})
	})
}

// Decisions returns the recorded decisions of a campaign by application ID.
func (db *DB) Decisions(ctx context.Context, campaignID int64) (map[int64]data.JuryDecision, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT d.application_id, d.decision, d.motivation, d.jury_date, d.decided_at, d.user_name
		FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.campaign_id = ?`, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]data.JuryDecision{}
	for rows.Next() {
		var d data.JuryDecision
		var dec, date, at string
		if err := rows.Scan(&d.ApplicationID, &dec, &d.Motivation, &date, &at, &d.User); err != nil {
			return nil, err
		}
		d.Decision, d.JuryDate, d.DecidedAt = data.Decision(dec), parseDate(date), parseTime(at)
		out[d.ApplicationID] = d
	}
	return out, rows.Err()
}

// ScoreKeys are what an import of score sheets resolves names against.
type ScoreKeys struct {
	Applications map[string]int64  // number → ID
	Irrecevable  map[int64]bool    // application ID → irrecevable or withdrawn
	Jurors       map[string]int64  // folded name → ID
	Conflicts    map[[2]int64]bool // {juror, application} → déport declared
}

// ScoreKeys loads the numbers, jurors and déports of a campaign.
func (db *DB) ScoreKeys(ctx context.Context, c *data.Campaign) (*ScoreKeys, error) {
	k := &ScoreKeys{Applications: map[string]int64{}, Irrecevable: map[int64]bool{}, Jurors: map[string]int64{}, Conflicts: map[[2]int64]bool{}}
	rows, _, err := db.ListApplications(ctx, c.ID, Filter{})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		k.Applications[r.Number] = r.ID
		k.Irrecevable[r.ID] = r.Status == data.StatusIrrecevable || r.Status == data.StatusSansSuite
	}
	jurors, err := db.Jurors(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, j := range jurors {
		k.Jurors[data.FoldKey(j.Name)] = j.ID
	}
	conflicts, err := db.Conflicts(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range conflicts {
		k.Conflicts[[2]int64{x.JurorID, x.ApplicationID}] = true
	}
	return k, nil
}
