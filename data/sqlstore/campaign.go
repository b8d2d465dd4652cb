package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

const campaignCols = `id, code, title, organiser, envelope_cents, launch, deadline,
	instruction_from, instruction_to, jury_from, jury_to, deliberation_from, deliberation_to,
	objectives, min_score_hundredths, quorum, disagreement_hundredths, created_at,
	deliberation_number, deliberation_date, deliberation_body, organiser_siret, locked_at, locked_by, retention_months, purged_at, version, payment_dates,
	letter_place, case_officer, case_officer_contact, letter_reference, budget_nature, budget_function, required_documents,
	coalesce(source_campaign_id, 0), coalesce((SELECT src.code FROM campaigns src WHERE src.id = campaigns.source_campaign_id), '')`

// CreateCampaign stores a new campaign with its lists and grid, and sets the
// IDs. It names no source: a campaign made from another is stored by
// CreateCampaignFrom, which also copies what the settings do not hold.
func (s *Store) CreateCampaign(ctx context.Context, c *data.Campaign) error {
	if err := data.ValidateCampaign(c); err != nil {
		return err
	}
	c.SourceID, c.SourceCode = 0, ""
	return s.inTx(ctx, func(tx *txw) error { return s.createCampaign(ctx, tx, c) })
}

// CreateCampaignFrom stores c, made by data.CampaignFrom from the campaign
// c.SourceID, with that campaign's letter templates and, withJury, its
// jurors (never their déports), all in one transaction journaled on the new
// campaign. The source is only read: a deliberated one too.
func (s *Store) CreateCampaignFrom(ctx context.Context, c *data.Campaign, withJury bool) error {
	if err := data.ValidateCampaign(c); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txw) error {
		src, err := loadCampaign(ctx, tx, `id = ?`, c.SourceID)
		if err != nil {
			return err
		}
		c.SourceCode = src.Code
		if err := s.createCampaign(ctx, tx, c); err != nil {
			return err
		}
		if err := s.copyTemplates(ctx, tx, src, c); err != nil || !withJury {
			return err
		}
		return copyJurors(ctx, tx, src, c)
	})
}

// copyTemplates gives the new campaign the source's own letter and council
// templates (the defaults need no copy).
func (s *Store) copyTemplates(ctx context.Context, tx *txw, src, c *data.Campaign) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO letter_templates (campaign_id, kind, body, updated_at)
		SELECT ?, kind, body, ? FROM letter_templates WHERE campaign_id = ?`, c.ID, s.now(), src.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "modèles de lettres",
			New: "repris de " + src.Code})
	}
	return nil
}

// copyJurors adds the source's jurors to the new campaign, each journaled;
// their déports stay with the source's dossiers.
func copyJurors(ctx context.Context, tx *txw, src, c *data.Campaign) error {
	js, err := jurors(ctx, tx, src.ID)
	if err != nil {
		return err
	}
	for _, j := range js {
		j.ID, j.CampaignID = 0, c.ID
		if err := insertJuror(ctx, tx, &j); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) createCampaign(ctx context.Context, tx *txw, c *data.Campaign) error {
	var exists int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM campaigns WHERE code = ?`, c.Code).Scan(&exists); err != nil {
		return err
	}
	if exists > 0 {
		return data.Errorf(data.ECONFLICT, "Une campagne porte déjà le code %s.", c.Code)
	}
	c.CreatedAt = s.Now()
	c.RetentionMonths = retention(c) // the caller's copy says what the base keeps
	obj, _ := json.Marshal(nonNil(c.Objectives))
	id, err := tx.insertID(ctx, `INSERT INTO campaigns (code, title, organiser, envelope_cents, launch, deadline,
		instruction_from, instruction_to, jury_from, jury_to, deliberation_from, deliberation_to,
		objectives, min_score_hundredths, quorum, disagreement_hundredths, created_at, organiser_siret, retention_months, payment_dates,
		letter_place, case_officer, case_officer_contact, letter_reference, budget_nature, budget_function, required_documents,
		deliberation_body, source_campaign_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.Code, c.Title, c.Organiser, c.EnvelopeCents, c.Launch.ISO(), c.Deadline.ISO(),
		c.Instruction.From.ISO(), c.Instruction.To.ISO(), c.Jury.From.ISO(), c.Jury.To.ISO(),
		c.Deliberation.From.ISO(), c.Deliberation.To.ISO(), string(obj),
		c.MinScoreHundredths, c.Quorum, c.DisagreementHundredths, fmtTime(c.CreatedAt), c.OrganiserSIRET, retention(c), c.PaymentDates,
		c.LetterPlace, c.CaseOfficer, c.CaseOfficerContact, c.LetterReference, c.BudgetNature, c.BudgetFunction, documentsColumn(c.RequiredDocuments),
		deliberationBody(c), sourceColumn(c))
	if err != nil {
		if tx.unique(err) {
			return data.Errorf(data.ECONFLICT, "Une campagne porte déjà le code %s.", c.Code)
		}
		return err
	}
	c.ID, c.Version = id, 1
	if err := writeCampaignLists(ctx, tx, c); err != nil {
		return err
	}
	made := c.Title + " — enveloppe " + data.FormatEurosPlain(c.EnvelopeCents)
	if c.SourceID != 0 { // first: the journal's listing cuts long values
		made = "à partir de " + c.SourceCode + " : " + made
	}
	tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "création", New: made})
	return nil
}

// sourceColumn is the campaign c was made from, NULL when none.
func sourceColumn(c *data.Campaign) any {
	if c.SourceID == 0 {
		return nil
	}
	return c.SourceID
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
		"Seuil de désaccord":                           fmt.Sprintf("%d,%02d", c.DisagreementHundredths/100, c.DisagreementHundredths%100),
		"Dates de versement":                           c.PaymentDates, "Instance de délibération": deliberationBody(c),
		"Lieu de signature des lettres": c.LetterPlace, "Affaire suivie par": c.CaseOfficer,
		"Coordonnées de l'agent": c.CaseOfficerContact, "Référence des lettres": c.LetterReference,
		"Imputation budgétaire : nature": c.BudgetNature, "Imputation budgétaire : fonction": c.BudgetFunction,
		"Pièces exigées pour la recevabilité": data.DocumentLabels(c.Required()),
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
		id, err := tx.insertID(ctx, `INSERT INTO themes (campaign_id, position, label, examples) VALUES (?,?,?,?)`, c.ID, t.Position, t.Label, t.Examples)
		if err != nil {
			return err
		}
		t.ID = id
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
		id, err := tx.insertID(ctx, `INSERT INTO criteria (campaign_id, position, label, description, weight, max) VALUES (?,?,?,?,?,?)`, c.ID, k.Position, k.Label, k.Description, k.Weight, k.Max)
		if err != nil {
			return err
		}
		k.ID = id
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO communes (campaign_id, insee, name, name_key, siren, population, has_qpv) VALUES (?,?,?,?,?,?,?)`,
			c.ID, m.INSEE, m.Name, data.FoldKey(m.Name), m.SIREN, m.Population, boolInt(m.HasQPV)); err != nil {
			return dupRef(tx, err, "commune", m.INSEE)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM qpvs WHERE campaign_id = ?`, c.ID); err != nil {
		return err
	}
	for _, q := range c.QPVs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO qpvs (campaign_id, code, name, communes, population) VALUES (?,?,?,?,?)`,
			c.ID, q.Code, q.Name, strings.Join(q.Communes, ";"), q.Population); err != nil {
			return dupRef(tx, err, "QPV", q.Code)
		}
	}
	return nil
}

func dupRef(tx *txw, err error, what, code string) error {
	if tx.unique(err) {
		return data.Errorf(data.EINVALID, "Le code %s figure deux fois dans la liste des %s.", code, what)
	}
	return err
}

// UpdateCampaign saves the settings, lists and grid of an existing campaign. A
// grid that has already been used changes only with confirmGrid; a locked
// campaign's settings do not change at all.
func (s *Store) UpdateCampaign(ctx context.Context, c *data.Campaign, confirmGrid bool) error {
	if err := data.ValidateCampaign(c); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *txw) error {
		old, err := loadCampaign(ctx, tx, `id = ?`, c.ID)
		if err != nil {
			return err
		}
		if err := tx.mustBeOpen(ctx, c.ID); err != nil {
			return err
		}
		if c.Version != 0 && c.Version != old.Version {
			return data.Errorf(data.ECONFLICT, "Les paramètres de la campagne %s ont été modifiés entre-temps dans une autre fenêtre : rouvrez l'écran Campagne pour voir la version à jour, puis reportez-y vos changements.", old.Code)
		}
		if gridChanged(old.Criteria, c.Criteria) {
			if err := gridSheets(ctx, tx, c.ID, confirmGrid); err != nil {
				return err
			}
		}
		journalSettings(tx, old, c)
		if err := writeCampaignRow(ctx, tx, c); err != nil {
			return err
		}
		c.Version = old.Version + 1
		if err := writeCampaignLists(ctx, tx, c); err != nil {
			return err
		}
		return checkReferences(ctx, tx, c.ID)
	})
}

// gridSheets refuses a change of a grid already used, unless confirmed; once
// confirmed, every sheet it may change is journaled.
func gridSheets(ctx context.Context, tx *txw, campaignID int64, confirmed bool) error {
	sheets, jurors, apps, err := scoredSheets(ctx, tx, campaignID)
	if err != nil || sheets == 0 {
		return err
	}
	if !confirmed {
		return &data.GridChangeError{Sheets: sheets, Jurors: jurors, Applications: apps}
	}
	ids, err := allIDs(ctx, tx, `SELECT DISTINCT s.application_id FROM scores s JOIN applications a ON a.id = s.application_id WHERE a.campaign_id = `+strconv.FormatInt(campaignID, 10))
	for _, id := range ids {
		tx.touch(data.AuditSheet, id)
	}
	return err
}

// journalSettings records each setting a save changes.
func journalSettings(tx *txw, old, c *data.Campaign) {
	before, after := describeCampaign(old), describeCampaign(c)
	keys := make([]string, 0, len(after))
	for k := range after {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if before[k] != after[k] {
			tx.audit(data.AuditEntry{CampaignID: c.ID, Entity: data.AuditCampaign, EntityID: c.ID, Label: c.Code, Action: "modification",
				Field: k, Old: before[k], New: after[k]})
		}
	}
}

func writeCampaignRow(ctx context.Context, tx *txw, c *data.Campaign) error {
	obj, _ := json.Marshal(nonNil(c.Objectives))
	res, err := tx.ExecContext(ctx, `UPDATE campaigns SET code=?, title=?, organiser=?, envelope_cents=?, launch=?, deadline=?,
		instruction_from=?, instruction_to=?, jury_from=?, jury_to=?, deliberation_from=?, deliberation_to=?,
		objectives=?, min_score_hundredths=?, quorum=?, disagreement_hundredths=?, organiser_siret=?, deliberation_body=?, retention_months=?,
		payment_dates=?, letter_place=?, case_officer=?, case_officer_contact=?, letter_reference=?, budget_nature=?, budget_function=?,
		required_documents=?, version=version+1 WHERE id=?`,
		c.Code, c.Title, c.Organiser, c.EnvelopeCents, c.Launch.ISO(), c.Deadline.ISO(),
		c.Instruction.From.ISO(), c.Instruction.To.ISO(), c.Jury.From.ISO(), c.Jury.To.ISO(),
		c.Deliberation.From.ISO(), c.Deliberation.To.ISO(), string(obj),
		c.MinScoreHundredths, c.Quorum, c.DisagreementHundredths, c.OrganiserSIRET, deliberationBody(c), retention(c), c.PaymentDates,
		c.LetterPlace, c.CaseOfficer, c.CaseOfficerContact, c.LetterReference, c.BudgetNature, c.BudgetFunction, documentsColumn(c.RequiredDocuments), c.ID)
	if err != nil {
		if tx.unique(err) {
			return data.Errorf(data.ECONFLICT, "Une autre campagne porte déjà le code %s.", c.Code)
		}
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
	}
	return nil
}

// checkReferences refuses lists that drop a QPV dossiers still cite.
func checkReferences(ctx context.Context, tx *txw, campaignID int64) error {
	var orphan string
	err := tx.QueryRowContext(ctx, `SELECT aq.qpv_code FROM application_qpvs aq JOIN applications a ON a.id = aq.application_id
		WHERE a.campaign_id = ? AND aq.qpv_code NOT IN (SELECT code FROM qpvs WHERE campaign_id = ?) LIMIT 1`, campaignID, campaignID).Scan(&orphan)
	if err == nil {
		return data.Errorf(data.ECONFLICT, "Le QPV %s est encore cité par des dossiers : il ne peut pas être retiré de la liste.", orphan)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return nil
}

// Campaigns lists every campaign, most recent first, without their lists.
func (s *Store) Campaigns(ctx context.Context) ([]data.Campaign, error) {
	out, err := campaigns(ctx, s.q())
	return out, s.fail(err)
}

func campaigns(ctx context.Context, q queryer) ([]data.Campaign, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+campaignCols+` FROM campaigns ORDER BY id DESC`)
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
func (s *Store) Campaign(ctx context.Context, id int64) (*data.Campaign, error) {
	c, err := loadCampaign(ctx, s.q(), `id = ?`, id)
	return c, s.fail(err)
}

// CampaignByCode loads a campaign by its code. An empty code gives the most
// recent real campaign: the demonstration and synthetic ones only when the
// base holds nothing else.
func (s *Store) CampaignByCode(ctx context.Context, code string) (*data.Campaign, error) {
	if code == "" {
		c, err := loadCampaign(ctx, s.q(), `id = (SELECT max(id) FROM campaigns WHERE code NOT IN (?, ?))`, data.DemoCode, data.SynthCode)
		if data.ErrorCode(err) == data.ENOTFOUND {
			c, err = loadCampaign(ctx, s.q(), `id = (SELECT max(id) FROM campaigns)`)
		}
		if data.ErrorCode(err) == data.ENOTFOUND {
			return nil, data.Errorf(data.ENOTFOUND, "La base ne contient aucune campagne : lancez « cohesion-cli init ».")
		}
		return c, s.fail(err)
	}
	c, err := loadCampaign(ctx, s.q(), `code = ?`, code)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.ENOTFOUND, "Aucune campagne ne porte le code %s.", code)
	}
	return c, s.fail(err)
}

func scanCampaign(r scanner) (*data.Campaign, error) {
	var c data.Campaign
	var launch, deadline, if_, it, jf, jt, df, dt, obj, created, delibDate, locked, purged, required string
	if err := r.Scan(&c.ID, &c.Code, &c.Title, &c.Organiser, &c.EnvelopeCents, &launch, &deadline,
		&if_, &it, &jf, &jt, &df, &dt, &obj, &c.MinScoreHundredths, &c.Quorum, &c.DisagreementHundredths, &created,
		&c.DeliberationNumber, &delibDate, &c.DeliberationBody, &c.OrganiserSIRET, &locked, &c.LockedBy, &c.RetentionMonths, &purged,
		&c.Version, &c.PaymentDates, &c.LetterPlace, &c.CaseOfficer, &c.CaseOfficerContact, &c.LetterReference,
		&c.BudgetNature, &c.BudgetFunction, &required, &c.SourceID, &c.SourceCode); err != nil {
		return nil, err
	}
	c.RequiredDocuments, _ = data.ParseDocuments(required) // written by documentsColumn: codes only
	c.DeliberationDate, c.LockedAt, c.PurgedAt = parseDate(delibDate), parseTime(locked), parseTime(purged)
	c.Launch, c.Deadline = parseDate(launch), parseDate(deadline)
	c.Instruction = data.Period{From: parseDate(if_), To: parseDate(it)}
	c.Jury = data.Period{From: parseDate(jf), To: parseDate(jt)}
	c.Deliberation = data.Period{From: parseDate(df), To: parseDate(dt)}
	json.Unmarshal([]byte(obj), &c.Objectives)
	c.CreatedAt = parseTime(created)
	return &c, nil
}

func loadCampaign(ctx context.Context, q queryer, where string, args ...any) (*data.Campaign, error) {
	c, err := scanCampaign(q.QueryRowContext(ctx, `SELECT `+campaignCols+` FROM campaigns WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
	} else if err != nil {
		return nil, err
	}
	err = eachRow(ctx, q, `SELECT id, position, label, examples FROM themes WHERE campaign_id = ? ORDER BY position`, []any{c.ID}, func(r *sql.Rows) error {
		var t data.Theme
		err := r.Scan(&t.ID, &t.Position, &t.Label, &t.Examples)
		c.Themes = append(c.Themes, t)
		return err
	})
	if err == nil {
		err = eachRow(ctx, q, `SELECT id, position, label, description, weight, max FROM criteria WHERE campaign_id = ? ORDER BY position`, []any{c.ID}, func(r *sql.Rows) error {
			var k data.Criterion
			err := r.Scan(&k.ID, &k.Position, &k.Label, &k.Description, &k.Weight, &k.Max)
			c.Criteria = append(c.Criteria, k)
			return err
		})
	}
	if err == nil {
		err = eachRow(ctx, q, `SELECT insee, name, siren, population, has_qpv FROM communes WHERE campaign_id = ? ORDER BY name_key, insee`, []any{c.ID}, func(r *sql.Rows) error {
			var m data.Commune
			err := r.Scan(&m.INSEE, &m.Name, &m.SIREN, &m.Population, &m.HasQPV)
			c.Communes = append(c.Communes, m)
			return err
		})
	}
	if err == nil {
		err = eachRow(ctx, q, `SELECT code, name, communes, population FROM qpvs WHERE campaign_id = ? ORDER BY code`, []any{c.ID}, func(r *sql.Rows) error {
			var q data.QPV
			var communes string
			err := r.Scan(&q.Code, &q.Name, &communes, &q.Population)
			if communes != "" {
				q.Communes = strings.Split(communes, ";")
			}
			c.QPVs = append(c.QPVs, q)
			return err
		})
	}
	return c, err
}

// documentsColumn writes the required pièces as their codes; none: "" (the
// whole checklist).
func documentsColumn(ds []data.Document) string {
	codes := make([]string, len(ds))
	for i, d := range ds {
		codes[i] = string(d)
	}
	return strings.Join(codes, ",")
}
