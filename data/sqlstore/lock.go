package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// mustBeOpen refuses any write to a campaign its deliberation locked. Every
// operation that writes to a campaign calls it first, in its own transaction:
// one rule, whatever the path (form, import, CLI, jury, split, settings).
func (w *txw) mustBeOpen(ctx context.Context, campaignID int64) error {
	var code, locked, number, date string
	err := w.QueryRowContext(ctx, `SELECT code, locked_at, deliberation_number, deliberation_date FROM campaigns WHERE id = ?`, campaignID).Scan(&code, &locked, &number, &date)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
	} else if err != nil {
		return err
	}
	if locked == "" {
		return nil
	}
	c := data.Campaign{Code: code, DeliberationNumber: number, DeliberationDate: parseDate(date), LockedAt: parseTime(locked)}
	return c.LockedError()
}

// RecordDeliberation records the council's deliberation (number, date, body) on
// the adopted scenario and locks the campaign: every write to it is refused
// until someone reopens it with a written reason. basis is the journal's head
// the caller checked the adopted scenario against: a change since then (a
// score typed on another desk) refuses the deliberation.
func (s *Store) RecordDeliberation(ctx context.Context, campaignID int64, number string, date data.Date, body string, basis data.Head) error {
	number, body = data.Clean(number), data.Clean(body)
	if number == "" || date.IsZero() {
		return data.Errorf(data.EINVALID, "Le numéro et la date de la délibération sont obligatoires.")
	}
	if body == "" {
		body = "Conseil communautaire"
	}
	return s.inTx(ctx, func(tx *txw) error {
		if err := tx.mustBeOpen(ctx, campaignID); err != nil {
			return err
		}
		if h, err := head(ctx, tx); err != nil {
			return err
		} else if h != basis {
			return data.Errorf(data.ECONFLICT, "La base a été modifiée pendant la vérification du scénario adopté : recommencez l'enregistrement de la délibération.")
		}
		var scenario string
		var scenarioID int64
		err := tx.QueryRowContext(ctx, `SELECT id, name FROM scenarios WHERE campaign_id = ? AND adopted_at <> ''`, campaignID).Scan(&scenarioID, &scenario)
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.EINVALID, "Adoptez d'abord un scénario de répartition : c'est lui que la délibération approuve.")
		} else if err != nil {
			return err
		}
		if err := s.newCRFBar().scenario(ctx, tx, scenarioID); err != nil {
			return err // a CRF fell overdue elsewhere since the adoption
		}
		if err := paidWithinGrants(ctx, tx, campaignID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET deliberation_number = ?, deliberation_date = ?, deliberation_body = ?, locked_at = ?, locked_by = ? WHERE id = ?`,
			number, date.ISO(), body, s.now(), s.User, campaignID); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditDeliberation, EntityID: campaignID, Label: "n° " + number,
			Action: "verrouillage", New: "Délibération n° " + number + " du " + body + " du " + date.Format() + " ; scénario adopté « " + scenario + " »"})
		return nil
	})
}

// Reopen unlocks a campaign after its deliberation, with a written reason kept
// in the audit trail.
func (s *Store) Reopen(ctx context.Context, campaignID int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return data.Errorf(data.EINVALID, "Un motif écrit est obligatoire pour rouvrir une campagne après sa délibération.")
	}
	return s.inTx(ctx, func(tx *txw) error {
		var locked, number string
		if err := tx.QueryRowContext(ctx, `SELECT locked_at, deliberation_number FROM campaigns WHERE id = ?`, campaignID).Scan(&locked, &number); err != nil {
			return data.Errorf(data.ENOTFOUND, "Campagne introuvable.")
		}
		if locked == "" {
			return data.Errorf(data.EINVALID, "La campagne n'est pas verrouillée.")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE campaigns SET locked_at = '', locked_by = '' WHERE id = ?`, campaignID); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditDeliberation, EntityID: campaignID, Label: "n° " + number,
			Action: "réouverture", Old: "verrouillée depuis " + data.FormatDateTime(parseTime(locked)), New: reason})
		return nil
	})
}

// paidWithinGrants refuses a new deliberation (after a reopening) that would
// give a structure less than it was already paid: the sum paid never
// exceeds the grant (issue 21).
func paidWithinGrants(ctx context.Context, tx *txw, campaignID int64) error {
	var over []string
	err := eachRow(ctx, tx, `SELECT a.number, p.paid, coalesce(l.amount_cents, 0)
		FROM (SELECT application_id, sum(amount_cents) AS paid FROM payments GROUP BY application_id) p
		JOIN grant_followups g ON g.application_id = p.application_id AND g.campaign_id = ?
		JOIN applications a ON a.id = p.application_id
		LEFT JOIN scenarios sc ON sc.campaign_id = g.campaign_id AND sc.adopted_at <> ''
		LEFT JOIN scenario_lines l ON l.scenario_id = sc.id AND l.application_id = p.application_id
		WHERE p.paid > coalesce(l.amount_cents, 0) ORDER BY a.number`, []any{campaignID}, func(r *sql.Rows) error {
		var number string
		var paid, amount int64
		err := r.Scan(&number, &paid, &amount)
		over = append(over, number+" ("+data.FormatEurosPlain(paid)+" versés, "+data.FormatEurosPlain(amount)+" attribués)")
		return err
	})
	if err != nil || len(over) == 0 {
		return err
	}
	return data.Errorf(data.EINVALID, "La délibération attribuerait moins que ce qui a déjà été versé : %s. La somme versée ne peut dépasser la subvention : corrigez le scénario adopté.", strings.Join(over, ", "))
}
