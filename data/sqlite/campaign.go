package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

const campaignCols = `id, code, title, organiser, envelope_cents, launch, deadline,
	instruction_from, instruction_to, jury_from, jury_to, deliberation_from, deliberation_to,
	objectives, min_score_hundredths, quorum, disagreement_hundredths, created_at,
	deliberation_number, deliberation_date, deliberation_body, organiser_siret, locked_at, locked_by, retention_months, purged_at, version`

// EnsureDefault seeds an empty database with the CALL AMI 2021 campaign and
// reports whether it did. A database that holds any campaign is left alone.
func (db *DB) EnsureDefault(ctx context.Context) (bool, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM campaigns`).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	c, err := seed.DefaultCampaign()
	if err != nil {
		return false, err
	}
	seeded := false
	err = db.inTx(ctx, func(tx *txw) error {
		// Counted again under the write lock: two windows starting at once seed once.
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaigns`).Scan(&n); err != nil || n > 0 {
			return err
		}
		seeded = true
		return db.createCampaign(ctx, tx, c)
	})
	return seeded, err
}

// CreateCampaign stores a new campaign with its lists and grid, and sets the IDs.
func (db *DB) CreateCampaign(ctx context.Context, c *data.Campaign) error {
	if err := data.ValidateCampaign(c); err != nil {
		return err
	}
	return db.inTx(ctx, func(tx *txw) error { return db.createCampaign(ctx, tx, c) })
}

func (db *DB) createCampaign(ctx context.Context, tx *txw, c *data.Campaign) error {
	var exists int
	tx.QueryRowContext(ctx, `SELECT count(*) FROM campaigns WHERE code = ?`, c.Code).Scan(&exists)
	if exists > 0 {
		return data.Errorf(data.ECONFLICT, "Une campagne porte déjà le code %s.", c.Code)
	}
	c.CreatedAt = db.Now()
	obj, _ := json.Marshal(nonNil(c.Objectives))
	res, err := tx.ExecContext(ctx, `INSERT INTO campaigns (code, title, organiser, envelope_cents, launch, deadline,
		instruction_from, instruction_to, jury_from, jury_to, deliberation_from, deliberation_to,
		objectives, min_score_hundredths, quorum, disagreement_hundredths, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.Code, c.Title, c.Organiser, c.EnvelopeCents, c.Launch.ISO(), c.Deadline.ISO(),
		c.Instruction.From.ISO(), c.Instruction.To.ISO(), c.Jury.From.ISO(), c.Jury.To.ISO(),
		c.Deliberation.From.ISO(), c.Deliberation.To.ISO(), string(obj),
		c.MinScoreHundredths, c.Quorum, c.DisagreementHundredths, fmtTime(c.CreatedAt))
	if err != nil {
		return err
	}
	c.ID, _ = res.LastInsertId()
	if err := writeCampaignLists(ctx, tx, c); err != nil {
		return err
	}
	return db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "création",
		New: c.Title + " — enveloppe " + data.FormatEurosPlain(c.EnvelopeCents)})
}

// describeCampaign renders the settings the audit trail follows.
func describeCampaign(c *data.Campaign) map[string]string {
	var themes, grid, qpv []string
	for _, t := range c.Themes {
		themes = append(themes, t.Label)
	}
	for _, k := range c.Criteria {
		grid = append(grid, fmt.Sprintf("%s (poids %d, sur %d)", k.Label, k.Weight, k.Max))
	}
	for _, q := range c.QPVs {
		qpv = append(qpv, q.Code)
	}
	return map[string]string{
		"Code": c.Code, "Intitulé": c.Title, "Organisateur": c.Organiser, "Enveloppe": data.FormatEurosPlain(c.EnvelopeCents),
		"Lancement": c.Launch.Format(), "Date limite": c.Deadline.Format(), "Jury": c.Jury.Format(),
		"Délibération (période)": c.Deliberation.Format(), "Objectifs": strings.Join(c.Objectives, " ; "),
		"Thématiques": strings.Join(themes, " ; "), "Grille": strings.Join(grid, " ; "), "QPV": strings.Join(qpv, ", "),
		"Communes": fmt.Sprint(len(c.Communes)), "Note minimale": fmt.Sprintf("%d,%02d", c.MinScoreHundredths/100, c.MinScoreHundredths%100),
		"Quorum": fmt.Sprint(c.Quorum), "SIRET de l'organisateur": c.OrganiserSIRET,
		"Conservation des données personnelles (mois)": fmt.Sprint(retention(c)),
	}
}

// gridChanged reports whether scores would be read differently: a criterion
// added, removed, reweighted or rescaled. Wording changes do not count.
func gridChanged(old, new []data.Criterion) bool {
	if len(old) != len(new) {
		return true
	}
	for i := range old {
		if old[i].ID != new[i].ID || old[i].Weight != new[i].Weight || old[i].Max != new[i].Max {
			return true
		}
	}
	return false
}

func retention(c *data.Campaign) int {
	if c.RetentionMonths <= 0 {
		return 36
	}
	return c.RetentionMonths
}

func deliberationBody(c *data.Campaign) string {
	if data.Blank(c.DeliberationBody) {
		return "Conseil communautaire"
	}
	return data.Clean(c.DeliberationBody)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// writeCampaignLists (re)writes themes, communes, QPV and criteria. Themes and
// criteria keep their IDs when they keep their position, since applications (and
// later scores) point at them.
func writeCampaignLists(ctx context.Context, tx *txw, c *data.Campaign) error {
	for i := range c.Themes {
		t := &c.Themes[i]
		t.Position = i + 1
		if t.ID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE themes SET position=?, label=?, examples=? WHERE id=? AND campaign_id=?`, t.Position, t.Label, t.Examples, t.ID, c.ID); err != nil {
				return err
			}
			continue
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO themes (campaign_id, position, label, examples) VALUES (?,?,?,?)`, c.ID, t.Position, t.Label, t.Examples)
		if err != nil {
			return err
		}
		t.ID, _ = res.LastInsertId()
	}
	keep := []any{c.ID}
	for _, t := range c.Themes {
		keep = append(keep, t.ID)
	}
	in := `(` + strings.Repeat("?,", len(c.Themes)) + `0)`
	var used int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM applications WHERE campaign_id = ? AND theme_id NOT IN `+in, keep...).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return data.Errorf(data.ECONFLICT, "Une thématique supprimée est encore utilisée par %d dossier(s) : changez d'abord leur thématique.", used)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM themes WHERE campaign_id = ? AND id NOT IN `+in, keep...); err != nil {
		return err
	}

	for i := range c.Criteria {
		k := &c.Criteria[i]
		k.Position = i + 1
		if k.ID != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE criteria SET position=?, label=?, description=?, weight=?, max=? WHERE id=? AND campaign_id=?`, k.Position, k.Label, k.Description, k.Weight, k.Max, k.ID, c.ID); err != nil {
				return err
			}
			continue
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO criteria (campaign_id, position, label, description, weight, max) VALUES (?,?,?,?,?,?)`, c.ID, k.Position, k.Label, k.Description, k.Weight, k.Max)
		if err != nil {
			return err
		}
		k.ID, _ = res.LastInsertId()
	}
	keepC := []any{c.ID}
	for _, k := range c.Criteria {
		keepC = append(keepC, k.ID)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM criteria WHERE campaign_id = ? AND id NOT IN (`+strings.Repeat("?,", len(c.Criteria))+`0)`, keepC...); err != nil {
		return err
	}

	if _, err := tx.ExecContext(ctx, `DELETE FROM communes WHERE campaign_id = ?`, c.ID); err != nil {
		return err
	}
	for _, m := range c.Communes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO communes (campaign_id, insee, name, siren, population, has_qpv) VALUES (?,?,?,?,?,?)`,
			c.ID, m.INSEE, m.Name, m.SIREN, m.Population, boolInt(m.HasQPV)); err != nil {
			return dupRef(err, "commune", m.INSEE)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM qpvs WHERE campaign_id = ?`, c.ID); err != nil {
		return err
	}
	for _, q := range c.QPVs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO qpvs (campaign_id, code, name, communes, population) VALUES (?,?,?,?,?)`,
			c.ID, q.Code, q.Name, strings.Join(q.Communes, ";"), q.Population); err != nil {
			return dupRef(err, "QPV", q.Code)
		}
	}
	return nil
}

func dupRef(err error, what, code string) error {
	if strings.Contains(err.Error(), "UNIQUE") {
		return data.Errorf(data.EINVALID, "Le code %s figure deux fois dans la liste des %s.", code, what)
	}
	return err
}

// GridChangeError refuses a change of an evaluation grid that has already been
// used, until staff confirm it knowing which sheets it affects.
type GridChangeError struct{ Sheets, Jurors, Applications int }

// ErrorCode makes it a conflict for data.ErrorCode.
func (e *GridChangeError) ErrorCode() string { return data.ECONFLICT }

func (e *GridChangeError) Error() string {
	return fmt.Sprintf("La grille d'évaluation a déjà servi : %d grille(s) de %d juré(s) sur %d dossier(s) seront recalculées avec la nouvelle grille (les notes d'un critère supprimé sont effacées, une note devenue hors barème rend la grille incomplète). Confirmez la modification.",
		e.Sheets, e.Jurors, e.Applications)
}

// UpdateCampaign saves the settings, lists and grid of an existing campaign. A
// grid that has already been used changes only with confirmGrid.
func (db *DB) UpdateCampaign(ctx context.Context, c *data.Campaign) error {
	return db.UpdateCampaignConfirmed(ctx, c, false)
}

// UpdateCampaignConfirmed is UpdateCampaign with the grid confirmation given or not.
func (db *DB) UpdateCampaignConfirmed(ctx context.Context, c *data.Campaign, confirmGrid bool) error {
	if err := data.ValidateCampaign(c); err != nil {
		return err
	}
	old, err := db.Campaign(ctx, c.ID)
	if err != nil {
		return err
	}
	if !confirmGrid && gridChanged(old.Criteria, c.Criteria) {
		sheets, jurors, apps, err := db.ScoredSheets(ctx, c.ID)
		if err != nil {
			return err
		}
		if sheets > 0 {
			return &GridChangeError{sheets, jurors, apps}
		}
	}
	return db.inTx(ctx, func(tx *txw) error {
		var version int
		if err := tx.QueryRowContext(ctx, `SELECT version FROM campaigns WHERE id = ?`, c.ID).Scan(&version); err != nil {
			return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
		}
		if c.Version != 0 && c.Version != version {
			return data.Errorf(data.ECONFLICT, "Les paramètres de la campagne %s ont été modifiés entre-temps dans une autre fenêtre : rouvrez l'écran Campagne pour voir la version à jour, puis reportez-y vos changements.", old.Code)
		}
		if old.EnvelopeCents != c.EnvelopeCents || gridChanged(old.Criteria, c.Criteria) || old.MinScoreHundredths != c.MinScoreHundredths ||
			old.Quorum != c.Quorum || old.Code != c.Code {
			if err := checkUnlocked(ctx, tx, c.ID); err != nil {
				return err
			}
		}
		before, after := describeCampaign(old), describeCampaign(c)
		var keys []string
		for k := range after {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if before[k] != after[k] {
				if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "modification",
					Field: k, Old: before[k], New: after[k]}); err != nil {
					return err
				}
			}
		}
		obj, _ := json.Marshal(nonNil(c.Objectives))
		res, err := tx.ExecContext(ctx, `UPDATE campaigns SET code=?, title=?, organiser=?, envelope_cents=?, launch=?, deadline=?,
			instruction_from=?, instruction_to=?, jury_from=?, jury_to=?, deliberation_from=?, deliberation_to=?,
			objectives=?, min_score_hundredths=?, quorum=?, disagreement_hundredths=?, organiser_siret=?, deliberation_body=?, retention_months=?, version=version+1 WHERE id=?`,
			c.Code, c.Title, c.Organiser, c.EnvelopeCents, c.Launch.ISO(), c.Deadline.ISO(),
			c.Instruction.From.ISO(), c.Instruction.To.ISO(), c.Jury.From.ISO(), c.Jury.To.ISO(),
			c.Deliberation.From.ISO(), c.Deliberation.To.ISO(), string(obj),
			c.MinScoreHundredths, c.Quorum, c.DisagreementHundredths, c.OrganiserSIRET, deliberationBody(c), retention(c), c.ID)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return data.Errorf(data.ECONFLICT, "Une autre campagne porte déjà le code %s.", c.Code)
			}
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
		}
		c.Version = version + 1
		if err := writeCampaignLists(ctx, tx, c); err != nil {
			return err
		}
		// Referenced QPV and communes must still exist.
		var orphan string
		err = tx.QueryRowContext(ctx, `SELECT aq.qpv_code FROM application_qpvs aq JOIN applications a ON a.id = aq.application_id
			WHERE a.campaign_id = ? AND aq.qpv_code NOT IN (SELECT code FROM qpvs WHERE campaign_id = ?) LIMIT 1`, c.ID, c.ID).Scan(&orphan)
		if err == nil {
			return data.Errorf(data.ECONFLICT, "Le QPV %s est encore cité par des dossiers : il ne peut pas être retiré de la liste.", orphan)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return nil
	})
}

// Campaigns lists every campaign, most recent first, without their lists.
func (db *DB) Campaigns(ctx context.Context) ([]data.Campaign, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+campaignCols+` FROM campaigns ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Campaign
	for rows.Next() {
		c, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// Campaign loads one campaign with its themes, territory and grid.
func (db *DB) Campaign(ctx context.Context, id int64) (*data.Campaign, error) {
	return db.loadCampaign(ctx, `id = ?`, id)
}

// CampaignByCode loads a campaign by its code; an empty code gives the most recent.
func (db *DB) CampaignByCode(ctx context.Context, code string) (*data.Campaign, error) {
	if code == "" {
		c, err := db.loadCampaign(ctx, `id = (SELECT max(id) FROM campaigns)`)
		if data.ErrorCode(err) == data.ENOTFOUND {
			return nil, data.Errorf(data.ENOTFOUND, "La base ne contient aucune campagne : lancez « cohesion-cli init ».")
		}
		return c, err
	}
	c, err := db.loadCampaign(ctx, `code = ?`, code)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.ENOTFOUND, "Aucune campagne ne porte le code %s.", code)
	}
	return c, err
}

type scanner interface{ Scan(...any) error }

func scanCampaign(r scanner) (*data.Campaign, error) {
	var c data.Campaign
	var launch, deadline, if_, it, jf, jt, df, dt, obj, created, delibDate, locked, purged string
	if err := r.Scan(&c.ID, &c.Code, &c.Title, &c.Organiser, &c.EnvelopeCents, &launch, &deadline,
		&if_, &it, &jf, &jt, &df, &dt, &obj, &c.MinScoreHundredths, &c.Quorum, &c.DisagreementHundredths, &created,
		&c.DeliberationNumber, &delibDate, &c.DeliberationBody, &c.OrganiserSIRET, &locked, &c.LockedBy, &c.RetentionMonths, &purged, &c.Version); err != nil {
		return nil, err
	}
	c.DeliberationDate, c.LockedAt, c.PurgedAt = parseDate(delibDate), parseTime(locked), parseTime(purged)
	c.Launch, c.Deadline = parseDate(launch), parseDate(deadline)
	c.Instruction = data.Period{From: parseDate(if_), To: parseDate(it)}
	c.Jury = data.Period{From: parseDate(jf), To: parseDate(jt)}
	c.Deliberation = data.Period{From: parseDate(df), To: parseDate(dt)}
	json.Unmarshal([]byte(obj), &c.Objectives)
	c.CreatedAt = parseTime(created)
	return &c, nil
}

func (db *DB) loadCampaign(ctx context.Context, where string, args ...any) (*data.Campaign, error) {
	c, err := scanCampaign(db.db.QueryRowContext(ctx, `SELECT `+campaignCols+` FROM campaigns WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
	} else if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT id, position, label, examples FROM themes WHERE campaign_id = ? ORDER BY position`, c.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t data.Theme
		if err := rows.Scan(&t.ID, &t.Position, &t.Label, &t.Examples); err != nil {
			rows.Close()
			return nil, err
		}
		c.Themes = append(c.Themes, t)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT id, position, label, description, weight, max FROM criteria WHERE campaign_id = ? ORDER BY position`, c.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var k data.Criterion
		if err := rows.Scan(&k.ID, &k.Position, &k.Label, &k.Description, &k.Weight, &k.Max); err != nil {
			rows.Close()
			return nil, err
		}
		c.Criteria = append(c.Criteria, k)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT insee, name, siren, population, has_qpv FROM communes WHERE campaign_id = ? ORDER BY name`, c.ID)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m data.Commune
		if err := rows.Scan(&m.INSEE, &m.Name, &m.SIREN, &m.Population, &m.HasQPV); err != nil {
			rows.Close()
			return nil, err
		}
		c.Communes = append(c.Communes, m)
	}
	rows.Close()
	rows, err = db.db.QueryContext(ctx, `SELECT code, name, communes, population FROM qpvs WHERE campaign_id = ? ORDER BY code`, c.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var q data.QPV
		var communes string
		if err := rows.Scan(&q.Code, &q.Name, &communes, &q.Population); err != nil {
			return nil, err
		}
		if communes != "" {
			q.Communes = strings.Split(communes, ";")
		}
		c.QPVs = append(c.QPVs, q)
	}
	return c, rows.Err()
}
