package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// The instruction of a saved dossier: a change of status with its reason,
// and the exemption of a dossier received late.

func (f *appForm) onChangeStatus() {
	if !f.needSaved() {
		return
	}
	var opts []string
	for _, s := range data.ManualStatuses {
		if s != f.a.Status {
			opts = append(opts, s.Label())
		}
	}
	sel := newSelect(opts, "Choisir le nouveau statut", nil)
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif (obligatoire pour incomplet, irrecevable, sans suite, et pour une dérogation)")
	form := container.NewVBox(widget.NewLabel("Nouveau statut"), sel, widget.NewLabel("Motif"), reason)
	if m := f.a.MissingRequired(f.env.campaign()); len(m) > 0 { // the rule is data.CheckInstruction's
		hint := widget.NewLabel("Pièces exigées manquantes : " + data.DocumentLabels(m) + ". « Recevable » demande le motif de la dérogation.")
		hint.Wrapping, hint.Importance = fyne.TextWrapWord, widget.WarningImportance
		form.Add(hint)
	}
	d := dialog.NewCustomConfirm("Changer le statut de "+f.a.Number, "Valider", "Annuler", form, func(ok bool) {
		if !ok {
			return
		}
		to, found := data.StatusFromLabel(sel.Selected)
		if !found {
			f.env.showError(data.Errorf(data.EINVALID, "Choisissez un statut."))
			return
		}
		ctx := context.Background()
		if err := f.env.register().ChangeStatus(ctx, f.a.ID, to, reason.Text); err != nil {
			f.env.showError(err)
			return
		}
		f.refreshStored(ctx)
	}, f.env.win())
	d.Resize(fyne.NewSize(480, 320))
	f.env.showDialog(d, nil)
}

func (f *appForm) onOverrideLate() {
	if !f.needSaved() {
		return
	}
	reason := newEscEntry(true)
	reason.SetPlaceHolder("Motif écrit de la dérogation (conservé dans l'historique)")
	d := dialog.NewCustomConfirm("Accepter un dossier hors délai", "Accepter", "Annuler", reason, func(ok bool) {
		if !ok {
			return
		}
		ctx := context.Background()
		if err := f.env.register().OverrideLate(ctx, f.a.ID, reason.Text); err != nil {
			f.env.showError(err)
			return
		}
		f.refreshStored(ctx)
	}, f.env.win())
	d.Resize(fyne.NewSize(480, 260))
	f.env.showDialog(d, nil)
}

func (f *appForm) refreshStored(ctx context.Context) {
	stored, err := f.env.register().Application(ctx, f.a.ID)
	if err != nil {
		f.env.showError(err)
		return
	}
	f.a = stored
	f.showState(ctx, stored)
	if f.onSaved != nil {
		f.onSaved(ctx, stored)
	}
}
