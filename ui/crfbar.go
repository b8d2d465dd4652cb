package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/call-agglo/cohesion/data"
)

// The bar of loi 2000-321 art. 10 in the window: the store refuses to retain
// a structure whose compte rendu financier is overdue or refused in another
// campaign; the window then shows why and asks for the exemption's reason,
// which the store keeps with the decision and journals.

// crfExemption is the dialog asking for an exemption's reason.
type crfExemption struct {
	reason *escEntry
	// record records the decision again with the reason typed.
	record func()
}

// recordDecision records a jury's decision from the window and calls done;
// refused under loi 2000-321 art. 10, it opens the exemption's dialog
// (returned) instead.
func recordDecision(ctx context.Context, env screenEnv, jd *data.JuryDecision, done func()) *crfExemption {
	err := env.jury().Decide(ctx, jd)
	var bar *data.CRFBarError
	switch {
	case errors.As(err, &bar):
		return askCRFExemption(ctx, env, bar, jd, done)
	case err != nil:
		env.showError(err)
	default:
		done()
	}
	return nil
}

// askCRFExemption shows the refusal, naming the other campaign and dossier,
// with a field for the exemption's reason; « Passer outre » records the
// decision with it, a blank reason being refused.
func askCRFExemption(ctx context.Context, env screenEnv, bar *data.CRFBarError, jd *data.JuryDecision, done func()) *crfExemption {
	e := &crfExemption{reason: newEscEntry(true)}
	e.reason.SetPlaceHolder("Motif écrit de la dérogation (gardé avec la décision, inscrit au journal)")
	e.reason.SetMinRowsVisible(3)
	e.record = func() {
		if data.Blank(e.reason.Text) {
			env.showError(data.Errorf(data.EINVALID, "Écrivez le motif de la dérogation : sans lui, le dossier %s ne peut pas être retenu.", bar.Number))
			return
		}
		next := *jd
		next.CRFExemption = e.reason.Text
		recordDecision(ctx, env, &next, done)
	}
	content := container.NewBorder(wrapped(bar.Error()), nil, nil, nil, e.reason)
	d := dialog.NewCustomConfirm("Compte rendu financier non justifié", "Passer outre", "Annuler", content, func(ok bool) {
		if ok {
			e.record()
		}
	}, env.win())
	d.Resize(fyne.NewSize(600, 380))
	env.showDialog(d, nil)
	return e
}
