package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/call-agglo/cohesion/data"
)

// bulkAction is the last bulk action of the session (« Confirmer les
// propositions », a juror removed, a scenario adopted), which « Édition ›
// Annuler » undoes through the store's Revert, journaled as such.
type bulkAction struct {
	label  string
	revert data.Revert
}

// undo is « Édition › Annuler »: its menu item and the last bulk action, built
// from what undoing needs of the base, the campaign on screen (an undo
// belongs to its campaign), the window, whose menu names the action, and its
// dialogs; undone shows the screen again once the action is undone.
type undo struct {
	item     *fyne.MenuItem
	last     *bulkAction
	base     func() undoBase
	campaign func() *data.Campaign
	win      fyne.Window
	dialogs  *dialogs
	undone   func()
}

// undoBase is what undoing needs of the base: the journal's head, the basis
// of an undo, and the revert itself.
type undoBase interface {
	data.Journal
	data.Reverts
}

// did records a bulk action just done, with what undoes it; the basis is the
// journal's head now, so the undo is refused once anything else is written.
func (u *undo) did(ctx context.Context, label string, r data.Revert) {
	h, err := u.base().Head(ctx)
	if err != nil {
		u.last = nil
	} else {
		r.CampaignID, r.Label, r.Basis = u.campaign().ID, label, h
		u.last = &bulkAction{label: label, revert: r}
	}
	u.refresh()
}

// refresh names, in the menu, the action « Annuler » would undo.
func (u *undo) refresh() {
	if u.item == nil {
		return
	}
	u.item.Label, u.item.Disabled = "Annuler", true
	if u.last != nil && u.last.revert.CampaignID == u.campaign().ID {
		u.item.Label, u.item.Disabled = "Annuler « "+u.last.label+" »", false
	}
	if u.win != nil {
		if m := u.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
}

// onUndo undoes the last bulk action, once.
func (u *undo) onUndo() {
	last := u.last
	if last == nil || last.revert.CampaignID != u.campaign().ID {
		u.dialogs.inform("Annuler", "Aucune action groupée de cette session à annuler sur cette campagne.")
		return
	}
	u.last = nil
	u.refresh()
	if err := u.base().Revert(context.Background(), last.revert); err != nil {
		u.dialogs.showError(err)
		return
	}
	u.undone()
	u.dialogs.inform("Annuler", "« "+last.label+" » est annulé ; l'annulation est inscrite au journal.")
}
