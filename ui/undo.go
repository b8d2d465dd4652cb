package ui

import (
	"context"

	"github.com/call-agglo/cohesion/data"
)

// bulkAction is the last bulk action of the session (« Confirmer les
// propositions », a juror removed, a scenario adopted), which « Édition ›
// Annuler » undoes through the store's Revert, journaled as such.
type bulkAction struct {
	label  string
	revert data.Revert
}

// didBulk records a bulk action just done, with what undoes it; the basis is
// the journal's head now, so the undo is refused once anything else is written.
func (a *App) didBulk(ctx context.Context, label string, r data.Revert) {
	h, err := a.db.Head(ctx)
	if err != nil {
		a.undo = nil
	} else {
		r.CampaignID, r.Label, r.Basis = a.campaign.ID, label, h
		a.undo = &bulkAction{label: label, revert: r}
	}
	a.refreshUndo()
}

// refreshUndo names, in the menu, the action « Annuler » would undo.
func (a *App) refreshUndo() {
	if a.undoItem == nil {
		return
	}
	a.undoItem.Label, a.undoItem.Disabled = "Annuler", true
	if a.undo != nil && a.undo.revert.CampaignID == a.campaign.ID {
		a.undoItem.Label, a.undoItem.Disabled = "Annuler « "+a.undo.label+" »", false
	}
	if a.win != nil {
		if m := a.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
}

// onUndo undoes the last bulk action, once.
func (a *App) onUndo() {
	u := a.undo
	if u == nil || u.revert.CampaignID != a.campaign.ID {
		a.dialogs.inform("Annuler", "Aucune action groupée de cette session à annuler sur cette campagne.")
		return
	}
	a.undo = nil
	a.refreshUndo()
	if err := a.db.Revert(context.Background(), u.revert); err != nil {
		a.dialogs.showError(err)
		return
	}
	a.show(a.current)
	a.dialogs.inform("Annuler", "« "+u.label+" » est annulé ; l'annulation est inscrite au journal.")
}
