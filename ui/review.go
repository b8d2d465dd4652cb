package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

// reviewAck is the box a user ticks to go on despite what a review lists.
const reviewAck = "J'ai vu ces points : confirmer quand même"

// reviewBox shows what deserves a look before a committing step (see
// campaign.Review) with a box to tick; nil when nothing does. confirmed
// reports whether the step may go on, and says why not.
func reviewBox(r campaign.Review, showError func(error)) (box fyne.CanvasObject, confirmed func() bool) {
	if r.Empty() {
		return nil, func() bool { return true }
	}
	head := widget.NewLabel("À vérifier avant de confirmer :")
	head.Importance = widget.WarningImportance
	lines := container.NewVBox(head)
	for _, l := range r.Lines() {
		t := widget.NewLabel("• " + l)
		t.Wrapping = fyne.TextWrapWord
		lines.Add(t)
	}
	ack := widget.NewCheck(reviewAck, nil)
	lines.Add(ack)
	return lines, func() bool {
		if !ack.Checked {
			showError(data.Errorf(data.EINVALID, "Rien n'a été enregistré : cochez « %s » pour confirmer malgré les points à vérifier.", reviewAck))
		}
		return ack.Checked
	}
}

// withReview puts the review's box under content.
func withReview(content fyne.CanvasObject, box fyne.CanvasObject) fyne.CanvasObject {
	if box == nil {
		return content
	}
	return container.NewVBox(content, widget.NewSeparator(), box)
}
