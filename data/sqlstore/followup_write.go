package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// SaveFollowUpSettings sets a campaign's rule for its grants, journaled on
// the campaign.
func (s *Store) SaveFollowUpSettings(ctx context.Context, campaignID int64, fs data.FollowUpSettings) error {
	return s.inTx(ctx, func(tx *txw) error {
		w, err := openFollowUp(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		if err := followup.CheckSettings(w.c, fs); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO followup_settings (campaign_id, crf_due, advance_percent) VALUES (?, ?, ?)
			ON CONFLICT (campaign_id) DO UPDATE SET crf_due = excluded.crf_due, advance_percent = excluded.advance_percent`,
			campaignID, fs.CRFDue.ISO(), fs.AdvancePercent); err != nil {
			return err
		}
		tx.audit(data.AuditEntry{CampaignID: campaignID, Entity: data.AuditCampaign, EntityID: campaignID, Label: w.c.Code,
			Action: "règle du suivi", Old: describeSettings(w.c, w.fs), New: describeSettings(w.c, fs)})
		return nil
	})
}

func describeSettings(c *data.Campaign, fs data.FollowUpSettings) string {
	pct := fs.AdvancePercent
	if pct == 0 {
		pct = followup.DefaultAdvancePercent
	}
	due := fs.CRFDue
	if due.IsZero() {
		due = followup.DefaultCRFDue(c.DeliberationDate)
	}
	return fmt.Sprintf("compte rendu financier dû le %s ; avance de %d %% à la signature", due.Format(), pct)
}

// SetGrantTerms sets what a grant's convention sets apart from the rule.
func (s *Store) SetGrantTerms(ctx context.Context, campaignID, applicationID int64, t data.GrantTerms) error {
	return s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckTerms(w.c, w.g, t); err != nil {
			return err
		}
		var advance any
		if t.AdvanceCents != nil {
			advance = *t.AdvanceCents
		}
		if _, err := w.ExecContext(ctx, `UPDATE grant_followups SET crf_due = ?, advance_cents = ? WHERE application_id = ?`,
			t.CRFDue.ISO(), advance, applicationID); err != nil {
			return err
		}
		old := *w.g
		w.g.Terms = t
		w.journal("conditions de la convention", "", describeTerms(w.c, w.fs, &old), describeTerms(w.c, w.fs, w.g))
		return nil
	})
}

func describeTerms(c *data.Campaign, fs data.FollowUpSettings, g *data.Grant) string {
	return fmt.Sprintf("compte rendu financier dû le %s ; avance de %s", followup.CRFDue(c, fs, g).Format(),
		data.FormatEurosPlain(followup.AdvanceCents(fs, g)))
}

// NumberConventions numbers, in dossier order, every convention required
// and not numbered yet.
func (s *Store) NumberConventions(ctx context.Context, campaignID int64) ([]string, error) {
	var numbered []string
	err := s.inTx(ctx, func(tx *txw) error {
		numbered = numbered[:0] // a transaction run again starts over
		w, err := openFollowUp(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		f := &data.FollowUp{Campaign: w.c}
		if err := loadFollowUp(ctx, tx, f); err != nil {
			return err
		}
		last, err := lastConvention(ctx, tx, w.c)
		if err != nil {
			return err
		}
		for i := range f.Grants {
			g := &f.Grants[i]
			if g.ConventionNumber != "" || !followup.ConventionRequired(g.GrantedCents) {
				continue
			}
			last++
			if err := (&grantTx{txw: tx, c: w.c, fs: w.fs, g: g}).numberNew(ctx, last); err != nil {
				return err
			}
			numbered = append(numbered, g.Number)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return numbered, nil
}

// numberNew makes the row of a grant nothing was written to yet, and gives
// it the n-th convention number.
func (w *grantTx) numberNew(ctx context.Context, n int) error {
	if _, err := w.ExecContext(ctx, `INSERT INTO grant_followups (application_id, campaign_id) VALUES (?, ?) ON CONFLICT (application_id) DO NOTHING`,
		w.g.ApplicationID, w.c.ID); err != nil {
		return err
	}
	return w.setConventionNumber(ctx, n)
}

// conventionPrefix is the numbers' part before the sequence: « 2021-CONV- ».
func conventionPrefix(c *data.Campaign) string {
	n := followup.ConventionNumber(c.DeliberationDate.Year, 0)
	return n[:len(n)-3]
}

// lastConvention is the last number given in the deliberation's year: the
// numbers are the organiser's, across campaigns. Read once per write.
func lastConvention(ctx context.Context, q queryer, c *data.Campaign) (int, error) {
	prefix, last := conventionPrefix(c), 0
	err := eachRow(ctx, q, `SELECT convention_number FROM grant_followups WHERE convention_number LIKE ?`, []any{prefix + "%"}, func(r *sql.Rows) error {
		var n string
		err := r.Scan(&n)
		if v, e := strconv.Atoi(strings.TrimPrefix(n, prefix)); e == nil && v > last {
			last = v
		}
		return err
	})
	return last, err
}

// setConventionNumber gives the grant the n-th convention number of the
// deliberation's year.
func (w *grantTx) setConventionNumber(ctx context.Context, n int) error {
	w.g.ConventionNumber = followup.ConventionNumber(w.c.DeliberationDate.Year, n)
	if _, err := w.ExecContext(ctx, `UPDATE grant_followups SET convention_number = ? WHERE application_id = ?`, w.g.ConventionNumber, w.g.ApplicationID); err != nil {
		return err
	}
	w.journal("convention numérotée", "", "", w.g.ConventionNumber)
	return nil
}

// SignConvention records a convention's signature date.
func (s *Store) SignConvention(ctx context.Context, campaignID, applicationID int64, signed data.Date) (string, error) {
	var number string
	err := s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckSignature(w.c, w.g, signed); err != nil {
			return err
		}
		if w.g.ConventionNumber == "" {
			last, err := lastConvention(ctx, w, w.c)
			if err == nil {
				err = w.setConventionNumber(ctx, last+1)
			}
			if err != nil {
				return err
			}
		}
		if _, err := w.ExecContext(ctx, `UPDATE grant_followups SET convention_signed = ? WHERE application_id = ?`, signed.ISO(), applicationID); err != nil {
			return err
		}
		w.journal("convention signée", "", w.g.ConventionSigned.Format(), w.g.ConventionNumber+" signée le "+signed.Format())
		number = w.g.ConventionNumber
		return nil
	})
	return number, err
}

// RecordPayment records a payment the rules allow.
func (s *Store) RecordPayment(ctx context.Context, campaignID, applicationID int64, p data.Payment) error {
	p.Mandate, p.EJ = data.Clean(p.Mandate), data.Clean(p.EJ)
	return s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckPayment(w.c, w.g, p); err != nil {
			return err
		}
		if _, err := w.ExecContext(ctx, `INSERT INTO payments (application_id, paid_on, amount_cents, mandate, ej, recorded_at, user_name) VALUES (?,?,?,?,?,?,?)`,
			applicationID, p.Date.ISO(), p.AmountCents, p.Mandate, p.EJ, s.now(), s.User); err != nil {
			return err
		}
		detail := data.FormatEurosPlain(p.AmountCents) + " le " + p.Date.Format()
		if p.Mandate != "" {
			detail += ", mandat " + p.Mandate
		}
		if p.EJ != "" {
			detail += ", engagement juridique " + p.EJ
		}
		w.journal("versement", "", "", detail)
		return nil
	})
}

// CancelPayment removes a payment recorded in error; the journal keeps it,
// with the reason.
func (s *Store) CancelPayment(ctx context.Context, campaignID, applicationID, paymentID int64, reason string) error {
	reason = data.Clean(reason)
	return s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckCancel(w.g, paymentID, reason); err != nil {
			return err
		}
		var p data.Payment
		for _, q := range w.g.Payments {
			if q.ID == paymentID {
				p = q
			}
		}
		if _, err := w.ExecContext(ctx, `DELETE FROM payments WHERE id = ? AND application_id = ?`, paymentID, applicationID); err != nil {
			return err
		}
		w.journal("versement annulé", "", fmt.Sprintf("n° %d : %s le %s", p.ID, data.FormatEurosPlain(p.AmountCents), p.Date.Format()), reason)
		return nil
	})
}

// RecordCRF records (or corrects) a grant's compte rendu financier.
func (s *Store) RecordCRF(ctx context.Context, campaignID, applicationID int64, crf data.CRF) error {
	crf.Assessment, crf.Missing = data.Clean(crf.Assessment), data.Clean(crf.Missing)
	return s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckCRF(w.c, w.g, crf); err != nil {
			return err
		}
		if _, err := w.ExecContext(ctx, `UPDATE grant_followups SET crf_status = ?, crf_received = ?, crf_cost_cents = ?, crf_used_cents = ?,
			crf_other_cents = ?, crf_beneficiaries = ?, crf_assessment = ?, crf_missing = ? WHERE application_id = ?`,
			string(crf.Status), crf.Received.ISO(), crf.CostCents, crf.UsedCents, crf.OtherFundingCents, crf.Beneficiaries,
			crf.Assessment, crf.Missing, applicationID); err != nil {
			return err
		}
		old := ""
		if w.g.CRF != nil {
			old = describeCRF(w.g.CRF)
		}
		w.journal("compte rendu financier", "", old, describeCRF(&crf))
		return nil
	})
}

func describeCRF(c *data.CRF) string {
	s := fmt.Sprintf("%s, reçu le %s : coût %s, subvention utilisée %s, autres financements %s, %d bénéficiaires",
		c.Status.Label(), c.Received.Format(), data.FormatEurosPlain(c.CostCents), data.FormatEurosPlain(c.UsedCents),
		data.FormatEurosPlain(c.OtherFundingCents), c.Beneficiaries)
	if c.Missing != "" {
		s += " ; manque : " + c.Missing
	}
	if c.Assessment != "" {
		s += " ; appréciation : " + c.Assessment
	}
	return s
}

// RecordReversal records the reversal asked of a structure, on a reasoned
// decision (dated today when no date is given).
func (s *Store) RecordReversal(ctx context.Context, campaignID, applicationID int64, r data.Reversal) error {
	r.Reason = data.Clean(r.Reason)
	if r.Decided.IsZero() {
		r.Decided = data.DateOf(s.Clock())
	}
	return s.onGrant(ctx, campaignID, applicationID, func(w *grantTx) error {
		if err := followup.CheckReversal(w.c, w.g, r); err != nil {
			return err
		}
		if _, err := w.ExecContext(ctx, `UPDATE grant_followups SET reversal_cents = ?, reversal_reason = ?, reversal_decided = ? WHERE application_id = ?`,
			r.AmountCents, r.Reason, r.Decided.ISO(), applicationID); err != nil {
			return err
		}
		old := ""
		if w.g.Reversal != nil {
			old = data.FormatEurosPlain(w.g.Reversal.AmountCents) + " : " + w.g.Reversal.Reason
		}
		w.journal("reversement", "", old, data.FormatEurosPlain(r.AmountCents)+" décidé le "+r.Decided.Format()+" : "+r.Reason)
		return nil
	})
}
