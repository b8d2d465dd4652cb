package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// CreateApplication registers a new application: it validates it against the
// campaign, numbers it when it has no number, applies the deadline rule and
// records the first status. Nothing is written when a rule is broken.
func (db *DB) CreateApplication(ctx context.Context, c *data.Campaign, a *data.Application) error {
	return db.inTx(ctx, func(tx *txw) error {
		next, err := nextNumber(ctx, tx, c)
		if err != nil {
			return err
		}
		return db.insertApplication(ctx, tx, c, a, &next, db.now())
	})
}

// errDryRun rolls back a dry run's transaction once every check has passed.
var errDryRun = errors.New("dry run")

// ImportApplications registers many applications at once, all or nothing: one
// invalid line or a number already taken writes nothing. With dryRun, every check
// runs (against the database too) and nothing is kept. It returns the number of
// applications written (or that would be). The caller's slice is left as it was,
// so a dry run can be followed by the real import of the same lines.
func (db *DB) ImportApplications(ctx context.Context, c *data.Campaign, apps []data.Application, dryRun bool) (int, error) {
	n, _, err := db.ImportApplicationsLate(ctx, c, apps, dryRun)
	return n, err
}

// ImportApplicationsLate is ImportApplications that also counts the lines that
// arrived after the deadline (and were declared irrecevable).
func (db *DB) ImportApplicationsLate(ctx context.Context, c *data.Campaign, in []data.Application, dryRun bool) (int, int, error) {
	apps := make([]data.Application, len(in))
	copy(apps, in)
	for i := range apps {
		apps[i].QPVs = append([]string(nil), in[i].QPVs...)
		apps[i].Cofinancing = append([]data.Cofinancing(nil), in[i].Cofinancing...)
	}
	late := 0
	err := db.inTx(ctx, func(tx *txw) error {
		next, err := nextNumber(ctx, tx, c)
		if err != nil {
			return err
		}
		// Automatic numbers follow the highest number the file keeps, too.
		for _, ap := range apps {
			if v, ok := numberSeq(c, ap.Number); ok && v >= next {
				next = v + 1
			}
		}
		now := db.now()
		var bad data.ValidationErrors
		for i := range apps {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := db.insertApplication(ctx, tx, c, &apps[i], &next, now); err != nil {
				var v data.ValidationErrors
				if errors.As(err, &v) {
					for _, fe := range v {
						bad = append(bad, data.FieldError{Field: fe.Field, Message: fmt.Sprintf("dossier %d (%s) : %s", i+1, apps[i].Number, fe.Message)})
					}
					continue
				}
				if de := (*data.Error)(nil); errors.As(err, &de) {
					return data.Errorf(de.Code, "Dossier %d : %s Rien n'a été importé.", i+1, de.Message)
				}
				return err
			}
		}
		if err := bad.Err(); err != nil {
			return err
		}
		for _, a := range apps {
			if a.Late {
				late++
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return 0, 0, err
	}
	return len(apps), late, nil
}

// nextNumber returns the next free automatic number's sequence for the campaign.
func nextNumber(ctx context.Context, tx *txw, c *data.Campaign) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT number FROM applications WHERE campaign_id = ? AND number LIKE ?`, c.ID, c.Code+"-%")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	max := 0
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
		if v, ok := numberSeq(c, n); ok && v > max {
			max = v
		}
	}
	return max + 1, rows.Err()
}

// numberSeq reads the sequence of an automatic number (AMI2021-042 → 42).
func numberSeq(c *data.Campaign, number string) (int, bool) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(number), c.Code+"-")
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(rest)
	return v, err == nil && v >= 0
}

func (db *DB) insertApplication(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application, next *int, now string) error {
	a.CampaignID = c.ID
	if a.Received.IsZero() {
		a.Received = db.Now()
	}
	a.Received = a.Received.Truncate(time.Second)
	if a.Status == "" {
		a.Status = data.StatusRecu
	}
	a.Normalize()
	var history []data.StatusChange
	history = append(history, data.StatusChange{From: "", To: a.Status, Reason: "Enregistrement du dossier"})
	if ch, changed := a.ApplyDeadline(c); changed {
		history = append(history, ch)
	}
	if err := a.Validate(c); err != nil {
		return err
	}
	if a.Number == "" {
		for {
			a.Number = fmt.Sprintf("%s-%03d", c.Code, *next)
			*next++
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM applications WHERE campaign_id = ? AND number = ?`, c.ID, a.Number).Scan(&taken); err != nil {
				return err
			}
			if taken == 0 {
				break
			}
		}
	}
	sid, err := upsertStructure(ctx, tx, &a.Structure)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO applications (campaign_id, number, received, structure_id, title, summary, theme_id,
		target_public, beneficiaries, qpv_share_pct, start_date, end_date, total_cents, requested_cents, status, late, late_override,
		notes, opinion, opinion_text, search_key, title_key, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		c.ID, a.Number, fmtTime(a.Received), sid, a.Title, a.Summary, nullID(a.ThemeID), a.TargetPublic, a.Beneficiaries,
		a.QPVSharePct, a.Start.ISO(), a.End.ISO(), a.TotalCents, a.RequestedCents, string(a.Status), boolInt(a.Late),
		a.LateOverride, a.Notes, string(a.Opinion), a.OpinionText, searchKey(a), data.FoldKey(a.Title), now, now)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return data.Errorf(data.ECONFLICT, "Le numéro %s est déjà attribué dans cette campagne.", a.Number)
		}
		return err
	}
	a.ID, _ = res.LastInsertId()
	a.UpdatedAt, a.Version = parseTime(now), 1
	if err := writeChildren(ctx, tx, c, a); err != nil {
		return err
	}
	a.History = nil
	for _, h := range history {
		h.At, h.User = parseTime(now), db.User
		if err := insertHistory(ctx, tx, a.ID, h); err != nil {
			return err
		}
		a.History = append(a.History, h)
	}
	if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditApplication, EntityID: a.ID, Label: a.Number, Action: "création",
		New: a.Structure.Name + " — " + a.Title + " — " + data.FormatEurosPlain(a.RequestedCents) + " demandés"}); err != nil {
		return err
	}
	for _, h := range history[1:] {
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditApplication, EntityID: a.ID, Label: a.Number, Action: "statut",
			Field: "Statut", Old: h.From.Label(), New: h.To.Label() + " : " + h.Reason}); err != nil {
			return err
		}
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// searchKey folds what the register's search looks in, so « educ » finds
// « Éducation » and a SIRET typed with spaces finds its structure.
func searchKey(a *data.Application) string {
	return "|" + strings.Join([]string{data.FoldKey(a.Number), data.FoldKey(a.Structure.Name), data.FoldKey(a.Title), a.Structure.SIRET}, "|") + "|"
}

// upsertStructure finds the applicant by SIRET (or by name when it has none) so
// one structure applying twice stays one structure, and refreshes its details.
func upsertStructure(ctx context.Context, tx *txw, s *data.Structure) (int64, error) {
	if s.ID == 0 {
		var err error
		if s.SIRET != "" {
			err = tx.QueryRowContext(ctx, `SELECT id FROM structures WHERE siret = ? ORDER BY id LIMIT 1`, s.SIRET).Scan(&s.ID)
		} else {
			err = tx.QueryRowContext(ctx, `SELECT id FROM structures WHERE siret = '' AND name_key = ? ORDER BY id LIMIT 1`, data.FoldKey(s.Name)).Scan(&s.ID)
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if s.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO structures (name, name_key, legal_form, siret, rna, address, commune, legal_rep, contact, email, phone)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, s.Name, data.FoldKey(s.Name), s.LegalForm, s.SIRET, s.RNA, s.Address, s.Commune, s.LegalRep, s.Contact, s.Email, s.Phone)
		if err != nil {
			return 0, err
		}
		s.ID, _ = res.LastInsertId()
		return s.ID, nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE structures SET name=?, name_key=?, legal_form=?, siret=?, rna=?, address=?, commune=?, legal_rep=?, contact=?, email=?, phone=? WHERE id=?`,
		s.Name, data.FoldKey(s.Name), s.LegalForm, s.SIRET, s.RNA, s.Address, s.Commune, s.LegalRep, s.Contact, s.Email, s.Phone, s.ID)
	return s.ID, err
}

func writeChildren(ctx context.Context, tx *txw, c *data.Campaign, a *data.Application) error {
	for _, q := range []string{`DELETE FROM application_qpvs WHERE application_id = ?`, `DELETE FROM cofinancings WHERE application_id = ?`, `DELETE FROM application_documents WHERE application_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, a.ID); err != nil {
			return err
		}
	}
	for i, q := range a.QPVs {
		code := q
		if qpv, ok := c.QPVByCodeOrName(q); ok {
			code = qpv.Code
		}
		a.QPVs[i] = code
		if _, err := tx.ExecContext(ctx, `INSERT INTO application_qpvs (application_id, position, qpv_code) VALUES (?,?,?)`, a.ID, i+1, code); err != nil {
			return err
		}
	}
	for i, cf := range a.Cofinancing {
		if _, err := tx.ExecContext(ctx, `INSERT INTO cofinancings (application_id, position, funder, amount_cents, acquired) VALUES (?,?,?,?,?)`, a.ID, i+1, cf.Funder, cf.AmountCents, boolInt(cf.Acquired)); err != nil {
			return err
		}
	}
	for _, d := range data.Documents {
		if a.Documents[d] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO application_documents (application_id, document) VALUES (?,?)`, a.ID, string(d)); err != nil {
				return err
			}
		}
	}
	return nil
}

func insertHistory(ctx context.Context, tx *txw, id int64, h data.StatusChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO status_history (application_id, at, from_status, to_status, reason, user_name) VALUES (?,?,?,?,?,?)`,
		id, fmtTime(h.At), string(h.From), string(h.To), h.Reason, h.User)
	return err
}

// UpdateApplication saves a corrected application. Its status is changed only
// through ChangeStatus; re-dating it re-applies the deadline rule.
func (db *DB) UpdateApplication(ctx context.Context, c *data.Campaign, a *data.Application) error {
	return db.inTx(ctx, func(tx *txw) error {
		old, err := getApplication(ctx, tx, a.ID)
		if err != nil {
			return err
		}
		if old.CampaignID != c.ID {
			return data.Errorf(data.EINVALID, "Ce dossier appartient à une autre campagne.")
		}
		if a.Version != 0 && a.Version != old.Version {
			// Another window saved this application since this copy was read.
			last := ""
			var entry AuditEntry
			if e, err := scanAudit(tx.QueryRowContext(ctx, `SELECT id, at, user_name, campaign_id, entity, entity_id, label, action, field, old_value, new_value, prev_hash, hash
				FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, AuditApplication, a.ID)); err == nil {
				entry = e
				last = " (par " + entry.User + " le " + data.FormatDateTime(entry.At) + ")"
			}
			return data.Errorf(data.ECONFLICT, "Le dossier %s a été modifié entre-temps dans une autre fenêtre%s. Vos saisies ne sont pas enregistrées : rouvrez le dossier pour voir la version à jour, puis reportez-y vos corrections.", old.Number, last)
		}
		a.CampaignID = c.ID
		a.Status = old.Status
		a.Received = a.Received.Truncate(time.Second)
		a.Structure.ID = old.Structure.ID
		if a.Number == "" {
			a.Number = old.Number
		}
		a.Normalize()
		now := db.now()
		var history []data.StatusChange
		if !a.Received.Equal(old.Received) || a.LateOverride != old.LateOverride {
			if ch, changed := a.ApplyDeadline(c); changed {
				history = append(history, ch)
			}
		} else {
			a.Late = c.IsLate(a.Received)
		}
		if err := a.Validate(c); err != nil {
			return err
		}
		if a.RequestedCents != old.RequestedCents || a.TotalCents != old.TotalCents || a.Number != old.Number || len(history) > 0 || a.Status != old.Status {
			// The deliberation froze the amounts (and the numbers the annex prints).
			if err := checkUnlocked(ctx, tx, c.ID); err != nil {
				return err
			}
		}
		if _, err := upsertStructure(ctx, tx, &a.Structure); err != nil {
			return err
		}
		for _, ch := range data.DiffApplications(c, old, a) {
			if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditApplication, EntityID: a.ID, Label: a.Number, Action: "modification",
				Field: ch.Field, Old: maskPersonal(ch.Field, ch.Old), New: maskPersonal(ch.Field, ch.New)}); err != nil {
				return err
			}
		}
		for _, h := range history {
			if err := db.audit(ctx, tx, AuditEntry{CampaignID: c.ID, Entity: AuditApplication, EntityID: a.ID, Label: a.Number, Action: "statut",
				Field: "Statut", Old: h.From.Label(), New: h.To.Label() + " : " + h.Reason}); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE applications SET number=?, received=?, title=?, summary=?, theme_id=?, target_public=?,
			beneficiaries=?, qpv_share_pct=?, start_date=?, end_date=?, total_cents=?, requested_cents=?, status=?, late=?,
			late_override=?, notes=?, opinion=?, opinion_text=?, search_key=?, title_key=?, updated_at=?, version=version+1 WHERE id=?`,
			a.Number, fmtTime(a.Received), a.Title, a.Summary, nullID(a.ThemeID), a.TargetPublic, a.Beneficiaries, a.QPVSharePct,
			a.Start.ISO(), a.End.ISO(), a.TotalCents, a.RequestedCents, string(a.Status), boolInt(a.Late), a.LateOverride,
			a.Notes, string(a.Opinion), a.OpinionText, searchKey(a), data.FoldKey(a.Title), now, a.ID)
		if err != nil {
			if strings.Contains(err.Error(), "UNIQUE") {
				return data.Errorf(data.ECONFLICT, "Le numéro %s est déjà attribué dans cette campagne.", a.Number)
			}
			return err
		}
		if err := writeChildren(ctx, tx, c, a); err != nil {
			return err
		}
		for _, h := range history {
			h.At, h.User = parseTime(now), db.User
			if err := insertHistory(ctx, tx, a.ID, h); err != nil {
				return err
			}
		}
		a.UpdatedAt = parseTime(now)
		a.Version = old.Version + 1
		a.History, err = loadHistory(ctx, tx, a.ID)
		return err
	})
}

// ChangeStatus moves an application to another status with a reason, and
// records it in the history. A late application cannot leave « irrecevable »
// until staff grant a written exemption (OverrideLate).
func (db *DB) ChangeStatus(ctx context.Context, id int64, to data.Status, reason string) error {
	reason = strings.TrimSpace(reason)
	return db.inTx(ctx, func(tx *txw) error {
		a, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := data.CheckStatusChange(a.Status, to, reason); err != nil {
			return err
		}
		if a.Late && data.Blank(a.LateOverride) && to != data.StatusIrrecevable && to != data.StatusSansSuite {
			return data.Errorf(data.EINVALID, "Le dossier %s est arrivé hors délai : accordez d'abord une dérogation motivée.", a.Number)
		}
		// A status decides what is ranked: frozen with the deliberation.
		if err := checkUnlocked(ctx, tx, a.CampaignID); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`, string(to), now, id); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: a.CampaignID, Entity: AuditApplication, EntityID: id, Label: a.Number, Action: "statut",
			Field: "Statut", Old: a.Status.Label(), New: strings.TrimSuffix(to.Label()+" : "+reason, " : ")}); err != nil {
			return err
		}
		return insertHistory(ctx, tx, id, data.StatusChange{At: parseTime(now), From: a.Status, To: to, Reason: reason, User: db.User})
	})
}

// OverrideLate accepts a late application with a written reason, which is kept;
// the application goes back to « reçu » to be instructed like the others.
func (db *DB) OverrideLate(ctx context.Context, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.Errorf(data.EINVALID, "Un motif écrit est obligatoire pour accepter un dossier hors délai.")
	}
	return db.inTx(ctx, func(tx *txw) error {
		a, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.Late {
			return data.Errorf(data.EINVALID, "Le dossier %s n'est pas hors délai.", a.Number)
		}
		if err := checkUnlocked(ctx, tx, a.CampaignID); err != nil {
			return err
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `UPDATE applications SET late_override = ?, status = ?, updated_at = ?, version = version + 1 WHERE id = ?`, reason, string(data.StatusRecu), now, id); err != nil {
			return err
		}
		if err := db.audit(ctx, tx, AuditEntry{CampaignID: a.CampaignID, Entity: AuditApplication, EntityID: id, Label: a.Number, Action: "dérogation au délai",
			Field: "Statut", Old: a.Status.Label(), New: data.StatusRecu.Label() + " : " + reason}); err != nil {
			return err
		}
		return insertHistory(ctx, tx, id, data.StatusChange{At: parseTime(now), From: a.Status, To: data.StatusRecu, Reason: "Dérogation au délai : " + reason, User: db.User})
	})
}

// Application loads one application with its structure, lists and history.
func (db *DB) Application(ctx context.Context, id int64) (*data.Application, error) {
	return getApplication(ctx, db.db, id)
}

// ApplicationByNumber loads an application by its number in a campaign.
func (db *DB) ApplicationByNumber(ctx context.Context, campaignID int64, number string) (*data.Application, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, `SELECT id FROM applications WHERE campaign_id = ? AND number = ?`, campaignID, strings.TrimSpace(number)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Aucun dossier ne porte le numéro %s.", number)
	} else if err != nil {
		return nil, err
	}
	return db.Application(ctx, id)
}

// queryer is what reads need: the database itself or a transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func getApplication(ctx context.Context, q queryer, id int64) (*data.Application, error) {
	var a data.Application
	s := &a.Structure
	var received, start, end, status, opinion, updated string
	var theme sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT a.id, a.campaign_id, a.number, a.received, a.title, a.summary, a.theme_id, a.target_public,
		a.beneficiaries, a.qpv_share_pct, a.start_date, a.end_date, a.total_cents, a.requested_cents, a.status, a.late, a.late_override,
		a.notes, a.opinion, a.opinion_text, a.updated_at, a.version,
		s.id, s.name, s.legal_form, s.siret, s.rna, s.address, s.commune, s.legal_rep, s.contact, s.email, s.phone
		FROM applications a JOIN structures s ON s.id = a.structure_id WHERE a.id = ?`, id).Scan(
		&a.ID, &a.CampaignID, &a.Number, &received, &a.Title, &a.Summary, &theme, &a.TargetPublic,
		&a.Beneficiaries, &a.QPVSharePct, &start, &end, &a.TotalCents, &a.RequestedCents, &status, &a.Late, &a.LateOverride,
		&a.Notes, &opinion, &a.OpinionText, &updated, &a.Version,
		&s.ID, &s.Name, &s.LegalForm, &s.SIRET, &s.RNA, &s.Address, &s.Commune, &s.LegalRep, &s.Contact, &s.Email, &s.Phone)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Dossier introuvable.")
	} else if err != nil {
		return nil, err
	}
	a.Received, a.UpdatedAt = parseTime(received), parseTime(updated)
	a.Start, a.End = parseDate(start), parseDate(end)
	a.ThemeID = theme.Int64
	a.Status, a.Opinion = data.Status(status), data.Opinion(opinion)

	rows, err := q.QueryContext(ctx, `SELECT qpv_code FROM application_qpvs WHERE application_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var code string
		if err := rows.Scan(&code); err != nil {
			rows.Close()
			return nil, err
		}
		a.QPVs = append(a.QPVs, code)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, `SELECT funder, amount_cents, acquired FROM cofinancings WHERE application_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var cf data.Cofinancing
		if err := rows.Scan(&cf.Funder, &cf.AmountCents, &cf.Acquired); err != nil {
			rows.Close()
			return nil, err
		}
		a.Cofinancing = append(a.Cofinancing, cf)
	}
	rows.Close()
	a.Documents = map[data.Document]bool{}
	rows, err = q.QueryContext(ctx, `SELECT document FROM application_documents WHERE application_id = ?`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return nil, err
		}
		a.Documents[data.Document(d)] = true
	}
	rows.Close()
	a.History, err = loadHistory(ctx, q, id)
	return &a, err
}

func loadHistory(ctx context.Context, q queryer, id int64) ([]data.StatusChange, error) {
	rows, err := q.QueryContext(ctx, `SELECT at, from_status, to_status, reason, user_name FROM status_history WHERE application_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.StatusChange
	for rows.Next() {
		var h data.StatusChange
		var at, from, to string
		if err := rows.Scan(&at, &from, &to, &h.Reason, &h.User); err != nil {
			return nil, err
		}
		h.At, h.From, h.To = parseTime(at), data.Status(from), data.Status(to)
		out = append(out, h)
	}
	return out, rows.Err()
}
