package ui

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// openRegister shows the register filtered as f (a dashboard tile's filter),
// caption naming what the selectors cannot show; a form with unsaved changes
// is asked about first.
func (a *App) openRegister(f data.Filter, caption string) {
	a.register.guard(func() {
		a.selectScreen("Dossiers")
		a.register.showFiltered(context.Background(), f, caption)
	}, nil)
}

// openScoring shows the Notation screen on one juror's sheets.
func (a *App) openScoring(jurorID int64) {
	a.scoring.jurorID = jurorID
	a.selectScreen("Notation")
}

// openRanking shows the ranking; alerts first when asked (« à discuter »).
func (a *App) openRanking(alerts bool) {
	if alerts {
		a.ranking.sortBy, a.ranking.desc = alertsColumn, false
	}
	a.selectScreen("Classement")
}
