// Package followup holds the rules of a grant's follow-up after the
// deliberation (issue 21), as pure functions of the domain's types: the
// convention's threshold, the payment schedule, the balance, the reversal, the
// compte rendu financier's due date, what is due at a date and the checks of
// every write. Money is int64 cents, never float. The texts are cited where
// they apply and in docs/regles-suivi.md.
package followup

import (
	"fmt"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// ThresholdCents is 23 000,00 €: above it (strictly), a grant needs a
// convention (loi n° 2000-321 du 12 avril 2000, art. 10, al. 3; décret
// n° 2001-495 du 6 juin 2001, art. 1). At or below, a convention is possible
// on request.
const ThresholdCents int64 = 2_300_000

// DefaultAdvancePercent is the advance paid at a convention's signature when
// the campaign sets none.
const DefaultAdvancePercent = 50

// ConventionRequired reports whether a grant of that amount needs a
// convention: strictly above 23 000,00 €.
func ConventionRequired(grantedCents int64) bool { return grantedCents > ThresholdCents }

// ConventionNumber is the n-th convention of a year: 2021-CONV-001.
func ConventionNumber(year, n int) string { return fmt.Sprintf("%04d-CONV-%03d", year, n) }

// DefaultCRFDue is when a compte rendu financier is due by default: within
// six months after the end of the financial year for which the grant was
// given (loi n° 2000-321, art. 10; arrêté du 11 octobre 2006, Cerfa n° 15059), the
// year of the deliberation — 30/06/2022 for a grant voted in 2021. Zero
// without a deliberation date.
func DefaultCRFDue(deliberation data.Date) data.Date {
	if deliberation.IsZero() {
		return data.Date{}
	}
	return data.NewDate(deliberation.Year+1, time.June, 30)
}

// CRFDue is a grant's CRF due date: its convention's, else the campaign's,
// else the default.
func CRFDue(c *data.Campaign, s data.FollowUpSettings, g *data.Grant) data.Date {
	switch {
	case !g.Terms.CRFDue.IsZero():
		return g.Terms.CRFDue
	case !s.CRFDue.IsZero():
		return s.CRFDue
	}
	return DefaultCRFDue(c.DeliberationDate)
}

// UsedCents is the part of the grant the CRF says was used; false until a
// CRF is recorded.
func UsedCents(g *data.Grant) (int64, bool) {
	if g.CRF == nil || g.CRF.Status == data.CRFExpected {
		return 0, false
	}
	return g.CRF.UsedCents, true
}

// CeilingCents is the most the structure may receive in all: the grant,
// then, once the CRF gives what was used, min(grant, used); nothing when the
// CRF is refused (the grant is not justified).
func CeilingCents(g *data.Grant) int64 {
	if g.CRF != nil && g.CRF.Status == data.CRFRefused {
		return 0
	}
	if used, ok := UsedCents(g); ok {
		return min(g.GrantedCents, used)
	}
	return g.GrantedCents
}

// BalanceCents is what is still to pay: min(grant, used) − paid, never below
// zero (more paid than used is a reversal, not a negative balance).
func BalanceCents(g *data.Grant) int64 {
	return max(0, CeilingCents(g)-g.PaidCents())
}

// ProposedReversalCents is the reversal the CRF calls for: what was paid
// beyond what may be kept (paid − used; all that was paid when the CRF is
// refused). Zero until a CRF is recorded.
func ProposedReversalCents(g *data.Grant) int64 {
	if _, ok := UsedCents(g); !ok {
		return 0
	}
	return max(0, g.PaidCents()-CeilingCents(g))
}

// ReversalCents is the reversal decided, or else the one proposed.
func ReversalCents(g *data.Grant) int64 {
	if g.Reversal != nil {
		return g.Reversal.AmountCents
	}
	return ProposedReversalCents(g)
}

// CRFReceived reports whether a CRF came in (whatever its assessment).
func CRFReceived(g *data.Grant) bool {
	return g.CRF != nil && g.CRF.Status != data.CRFExpected
}

// CRFStatus is the grant's CRF status, « attendu » until one is recorded.
func CRFStatus(g *data.Grant) data.CRFStatus {
	if g.CRF == nil || g.CRF.Status == "" {
		return data.CRFExpected
	}
	return g.CRF.Status
}

// Overdue reports whether the grant's CRF is late at a date: due before it,
// and not received, or received incomplete.
func Overdue(c *data.Campaign, s data.FollowUpSettings, g *data.Grant, at data.Date) bool {
	due := CRFDue(c, s, g)
	if due.IsZero() || !due.Before(at) {
		return false
	}
	st := CRFStatus(g)
	return st == data.CRFExpected || st == data.CRFIncomplete
}

// PaymentPeriod is when a grant was paid: from its first payment to its
// last; zero while nothing is paid. The open-data file (SCDL
// datesPeriodeVersement) publishes it.
func PaymentPeriod(g *data.Grant) data.Period {
	var p data.Period
	for _, pay := range g.Payments {
		if p.From.IsZero() || pay.Date.Before(p.From) {
			p.From = pay.Date
		}
		if p.To.Before(pay.Date) {
			p.To = pay.Date
		}
	}
	return p
}
