package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// dialogs are the window's dialogs: every one goes through show, which keeps
// them stacked so that Échap and Entrée act on the top one (see keys.go).
// The window, its file choosers and its screens (through screenEnv) share it.
type dialogs struct {
	win fyne.Window
	// open are the dialogs shown through show, the top one last.
	open []*openDialog
}

func newDialogs(win fyne.Window) *dialogs { return &dialogs{win: win} }

// openDialog is a dialog shown through show, with what Échap and Entrée do
// on it.
type openDialog struct {
	d       dialog.Dialog
	onEnter func()
}

// show shows d and makes Échap close it (as its dismiss button does) and,
// when onEnter is given, Entrée run its default action.
func (ds *dialogs) show(d dialog.Dialog, onEnter func()) {
	dialogsOfCanvas[ds.win.Canvas()] = ds
	od := &openDialog{d: d, onEnter: onEnter}
	ds.open = append(ds.open, od)
	d.SetOnClosed(func() {
		for i, x := range ds.open {
			if x == od {
				ds.open = append(ds.open[:i], ds.open[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// onKey handles the keys the canvas receives when nothing is focused.
func (ds *dialogs) onKey(ev *fyne.KeyEvent) {
	if len(ds.open) == 0 {
		return
	}
	top := ds.open[len(ds.open)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		top.d.Dismiss()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.onEnter != nil {
			top.onEnter()
		}
	}
}

// askDiscard asks before unsaved changes are lost. The safe answer is the
// default: « Continuer la saisie » is the highlighted button, Entrée and
// Échap keep the changes; only a click on « Abandonner les modifications »
// drops them.
func (ds *dialogs) askDiscard(message string, discard, keep func()) {
	var d dialog.Dialog
	var decided bool
	answer := func(drop bool) {
		decided = true
		d.Hide()
		if drop {
			discard()
		} else if keep != nil {
			keep()
		}
	}
	drop := widget.NewButtonWithIcon("Abandonner les modifications", theme.DeleteIcon(), func() { answer(true) })
	drop.Importance = widget.DangerImportance
	cont := widget.NewButtonWithIcon("Continuer la saisie", theme.DocumentCreateIcon(), func() { answer(false) })
	cont.Importance = widget.HighImportance
	body := container.NewBorder(nil, container.NewGridWithColumns(2, drop, cont), nil, nil, widget.NewLabel(message))
	d = dialog.NewCustomWithoutButtons("Modifications non enregistrées", body, ds.win)
	d.SetOnClosed(func() { // Échap
		if !decided && keep != nil {
			keep()
		}
	})
	ds.show(d, func() { answer(false) })
}

// confirm shows a confirmation that Échap dismisses (as « cancel »).
func (ds *dialogs) confirm(title, ok, cancel string, content fyne.CanvasObject, callback func(bool)) {
	ds.show(dialog.NewCustomConfirm(title, ok, cancel, content, callback, ds.win), nil)
}

// inform shows a message that Échap and Entrée close.
func (ds *dialogs) inform(title, message string) {
	d := dialog.NewInformation(title, message, ds.win)
	ds.show(d, d.Hide)
}

// showError shows an error in French: ours as they are, others as internal.
func (ds *dialogs) showError(err error) {
	d := dialog.NewError(fmt.Errorf("%s", data.ErrorMessage(err)), ds.win)
	ds.show(d, d.Hide)
}

// dismissTop closes the dialog on top, as its dismiss button does.
func (ds *dialogs) dismissTop() {
	if n := len(ds.open); n > 0 {
		ds.open[n-1].d.Dismiss()
	}
}

// dialogsOfCanvas finds the dialogs of a canvas, so a field can hand Échap to
// the window it sits in (see escEntry).
var dialogsOfCanvas = map[fyne.Canvas]*dialogs{}

// escEntry is a text field that hands Échap to its window: in a dialog, the
// key closes it even while the user types in the field (Fyne's entry keeps
// the key and does nothing with it).
type escEntry struct{ widget.Entry }

func newEscEntry(multiLine bool) *escEntry {
	e := &escEntry{}
	if multiLine {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey closes the window's top dialog on Échap.
func (e *escEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if ds := dialogsOfCanvas[c]; ds != nil && len(ds.open) > 0 {
				ds.dismissTop()
				return
			}
		}
	}
	e.Entry.TypedKey(k)
}
