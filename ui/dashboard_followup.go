package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/dashboard"
	"github.com/call-agglo/cohesion/data/followup"
)

// dashboardLoad is what the dashboard reads in the background.
type dashboardLoad struct {
	figures  *dashboard.Figures
	followUp *followup.Summary
}

// followUpSummary sums up the grants' follow-up at a date; nil before the
// deliberation, when there is nothing to follow.
func followUpSummary(ctx context.Context, db data.FollowUps, c *data.Campaign, today data.Date) (*followup.Summary, error) {
	if c.DeliberationNumber == "" || c.DeliberationDate.IsZero() {
		return nil, nil
	}
	f, err := db.FollowUp(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	sum := followup.Summarize(followup.List(f, today, false))
	return &sum, nil
}

// followUpTiles are the follow-up's tiles, each opening the « Suivi »
// screen on what it counts (once s.followUp is read).
func (s *dashboardScreen) followUpTiles() fyne.CanvasObject {
	sum := s.followUp
	open := func(filter string) func() {
		return func() { s.open.followUp(filter) }
	}
	return container.NewGridWithColumns(6,
		tile(itoaFR(sum.Grants), "subventions à suivre", open(filterAll)),
		// A share, not euros: a big figure in euros would widen the grid
		// beyond a 1024-pixel screen, and a caption wraps inside an amount.
		tile(paidShare(sum), "du montant attribué versé", open(filterAll)),
		tile(itoaFR(sum.CRFToReview), "comptes rendus à examiner", open(filterAll)),
		tile(itoaFR(sum.ToSign), "conventions à signer", open(filterToSign)),
		tile(itoaFR(sum.ToPay), "versements à faire", open(filterToPay)),
		tile(itoaFR(sum.CRFOverdue), "comptes rendus en retard", open(filterOverdue)),
	)
}

// paidShare is the share of the grants paid, « 42 % », rounded down: 100 %
// only once everything is paid.
func paidShare(sum *followup.Summary) string {
	if sum.GrantedCents <= 0 {
		return "0\u00a0%"
	}
	return itoaFR(int(sum.PaidCents*100/sum.GrantedCents)) + "\u00a0%"
}
