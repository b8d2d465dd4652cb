package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/followup"
)

// The follow-up of the grants (issue 21). The grants are the adopted
// scenario's lines with an amount, once the deliberation is recorded; what
// the follow-up adds is in grant_followups (one row per grant, made at its
// first write) and payments. Every write runs in one transaction that loads
// the campaign and the grant, checks the deliberation is in force (CheckOpen:
// the follow-up is refused before it, unlike everything else), checks the
// rule of package followup, writes, and journals under data.AuditGrant.

// grantCols reads a grant: the dossier, its amount and its follow-up, with
// the defaults of a grant nothing was written to yet.
const grantCols = `a.id, a.number, s.name, s.siret, l.amount_cents,
	coalesce(g.convention_number, ''), coalesce(g.convention_signed, ''), coalesce(g.crf_due, ''), g.advance_cents,
	coalesce(g.crf_status, 'attendu'), coalesce(g.crf_received, ''), coalesce(g.crf_cost_cents, 0), coalesce(g.crf_used_cents, 0),
	coalesce(g.crf_other_cents, 0), coalesce(g.crf_beneficiaries, 0), coalesce(g.crf_assessment, ''), coalesce(g.crf_missing, ''),
	coalesce(g.reversal_cents, 0), coalesce(g.reversal_reason, ''), coalesce(g.reversal_decided, '')`

const grantFrom = ` FROM scenario_lines l JOIN scenarios sc ON sc.id = l.scenario_id AND sc.adopted_at <> ''
	JOIN applications a ON a.id = l.application_id JOIN structures s ON s.id = a.structure_id
	LEFT JOIN grant_followups g ON g.application_id = a.id
	WHERE sc.campaign_id = ? AND l.amount_cents > 0`

func scanGrant(r scanner) (data.Grant, error) {
	var g data.Grant
	var signed, due, status, received, decided string
	var advance sql.NullInt64
	var crf data.CRF
	var rev data.Reversal
	err := r.Scan(&g.ApplicationID, &g.Number, &g.Structure, &g.SIRET, &g.GrantedCents,
		&g.ConventionNumber, &signed, &due, &advance,
		&status, &received, &crf.CostCents, &crf.UsedCents,
		&crf.OtherFundingCents, &crf.Beneficiaries, &crf.Assessment, &crf.Missing,
		&rev.AmountCents, &rev.Reason, &decided)
	g.ConventionSigned, g.Terms.CRFDue = parseDate(signed), parseDate(due)
	if advance.Valid {
		g.Terms.AdvanceCents = &advance.Int64
	}
	if crf.Status = data.CRFStatus(status); crf.Status != data.CRFExpected {
		crf.Received = parseDate(received)
		g.CRF = &crf
	}
	if rev.AmountCents > 0 {
		rev.Decided = parseDate(decided)
		g.Reversal = &rev
	}
	return g, err
}

// FollowUp loads a campaign's grants to follow in one read transaction;
// none until the deliberation is recorded.
func (s *Store) FollowUp(ctx context.Context, campaignID int64) (*data.FollowUp, error) {
	f := &data.FollowUp{}
	err := s.readTx(ctx, func(q queryer) error {
		var err error
		if f.Campaign, err = loadCampaign(ctx, q, `id = ?`, campaignID); err != nil {
			return err
		}
		if f.Head, err = head(ctx, q); err != nil {
			return err
		}
		return loadFollowUp(ctx, q, f)
	})
	return f, err
}

// loadFollowUp fills the settings, grants and payments of f.Campaign.
func loadFollowUp(ctx context.Context, q queryer, f *data.FollowUp) error {
	var err error
	id := f.Campaign.ID
	if f.Settings, err = followUpSettings(ctx, q, id); err != nil {
		return err
	}
	if f.Templates, err = followUpTemplates(ctx, q, id); err != nil || f.Campaign.DeliberationNumber == "" {
		return err
	}
	at := map[int64]int{}
	err = eachRow(ctx, q, `SELECT `+grantCols+grantFrom+` ORDER BY a.number`, []any{id}, func(r *sql.Rows) error {
		g, err := scanGrant(r)
		at[g.ApplicationID] = len(f.Grants)
		f.Grants = append(f.Grants, g)
		return err
	})
	if err != nil {
		return err
	}
	return eachRow(ctx, q, `SELECT p.application_id, `+paymentCols+` FROM payments p JOIN grant_followups g ON g.application_id = p.application_id
		WHERE g.campaign_id = ? ORDER BY p.paid_on, p.id`, []any{id}, func(r *sql.Rows) error {
		var appID int64
		p, err := scanPayment(r, &appID)
		if i, ok := at[appID]; ok {
			f.Grants[i].Payments = append(f.Grants[i].Payments, p)
		}
		return err
	})
}

const paymentCols = `p.id, p.paid_on, p.amount_cents, p.mandate, p.ej, p.recorded_at, p.user_name`

func scanPayment(r scanner, lead ...any) (data.Payment, error) {
	var p data.Payment
	var on, at string
	err := r.Scan(append(lead, &p.ID, &on, &p.AmountCents, &p.Mandate, &p.EJ, &at, &p.User)...)
	p.Date, p.RecordedAt = parseDate(on), parseTime(at)
	return p, err
}

func followUpSettings(ctx context.Context, q queryer, campaignID int64) (data.FollowUpSettings, error) {
	var fs data.FollowUpSettings
	var due string
	err := q.QueryRowContext(ctx, `SELECT crf_due, advance_percent FROM followup_settings WHERE campaign_id = ?`, campaignID).Scan(&due, &fs.AdvancePercent)
	if errors.Is(err, sql.ErrNoRows) {
		return fs, nil
	}
	fs.CRFDue = parseDate(due)
	return fs, err
}

// grantTx is one write to a grant's follow-up: the campaign, its rule and
// the grant, read in the write's transaction.
type grantTx struct {
	*txw
	c  *data.Campaign
	fs data.FollowUpSettings
	g  *data.Grant
}

// onGrant runs fn in one write transaction on a grant of a campaign whose
// deliberation is in force, its row made if it has none yet.
func (s *Store) onGrant(ctx context.Context, campaignID, applicationID int64, fn func(w *grantTx) error) error {
	return s.inTx(ctx, func(tx *txw) error {
		w, err := openFollowUp(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		g, err := scanGrant(tx.QueryRowContext(ctx, `SELECT `+grantCols+grantFrom+` AND a.id = ?`, campaignID, applicationID))
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.ENOTFOUND, "Ce dossier n'a pas de subvention à suivre : le scénario adopté par la délibération n° %s ne lui attribue aucun montant.", w.c.DeliberationNumber)
		} else if err != nil {
			return err
		}
		if err := eachRow(ctx, tx, `SELECT `+paymentCols+` FROM payments p WHERE p.application_id = ? ORDER BY p.paid_on, p.id`, []any{applicationID}, func(r *sql.Rows) error {
			p, err := scanPayment(r)
			g.Payments = append(g.Payments, p)
			return err
		}); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO grant_followups (application_id, campaign_id) VALUES (?, ?) ON CONFLICT (application_id) DO NOTHING`,
			applicationID, campaignID); err != nil {
			return err
		}
		w.g = &g
		return fn(w)
	})
}

// openFollowUp loads a campaign for a follow-up write and refuses it before
// the deliberation, or while the campaign is reopened.
func openFollowUp(ctx context.Context, tx *txw, campaignID int64) (*grantTx, error) {
	c, err := loadCampaign(ctx, tx, `id = ?`, campaignID)
	if err != nil {
		return nil, err
	}
	if err := followup.CheckOpen(c); err != nil {
		return nil, err
	}
	fs, err := followUpSettings(ctx, tx, campaignID)
	return &grantTx{txw: tx, c: c, fs: fs}, err
}

// journal adds the grant's entry to the operation's trail.
func (w *grantTx) journal(action, field, old, new string) {
	w.audit(data.AuditEntry{CampaignID: w.c.ID, Entity: data.AuditGrant, EntityID: w.g.ApplicationID, Label: w.g.Number,
		Action: action, Field: field, Old: old, New: new})
}
