package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Keyboard-first. Fyne's desktop driver hands a shortcut to the main menu
// first, then to the focused widget (an entry swallows what it does not
// know), and only then to the canvas: every window-wide shortcut (Ctrl+S,
// Ctrl+F, Ctrl+1…) is therefore a menu item, so it works from inside a text
// field too. Keys without a modifier (Échap, Entrée) reach the canvas when
// nothing is focused: the dialogs shown through showDialog answer them.

// screenKeys are the digit keys of Ctrl+1 … Ctrl+9 and Ctrl+0 (the tenth
// screen, as the digit row ends), in navigation order.
var screenKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// item is a menu item with its shortcut.
func item(label string, k fyne.KeyName, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	if k != "" {
		it.Shortcut = ctrl(k)
	}
	return it
}

// editMenu is « Édition »: save, search, and undo the last bulk action.
func (a *App) editMenu() *fyne.Menu {
	a.undoItem = fyne.NewMenuItem("Annuler", a.onUndo)
	a.refreshUndo()
	return fyne.NewMenu("Édition",
		item("Enregistrer", fyne.KeyS, a.onSave),
		item("Rechercher un dossier", fyne.KeyF, a.onFind),
		fyne.NewMenuItemSeparator(), a.undoItem)
}

// viewMenu is « Affichage »: one entry per screen, Ctrl+1 … Ctrl+9.
func (a *App) viewMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for i, sc := range a.screens {
		title := sc.title
		var k fyne.KeyName
		if i < len(screenKeys) {
			k = screenKeys[i]
		}
		items = append(items, item(title, k, func() { a.selectScreen(title) }))
	}
	return fyne.NewMenu("Affichage", items...)
}

// onSave saves what the screen on view edits: never a form out of sight.
func (a *App) onSave() {
	switch a.screens[a.current].title {
	case "Dossiers":
		a.register.onSaveShortcut()
	case "Campagne":
		a.settings.onSave()
	}
}

// openDialog is a dialog shown through showDialog, with what Échap and
// Entrée do on it.
type openDialog struct {
	d       dialog.Dialog
	onEnter func()
}

// showDialog shows d and makes Échap close it (as its dismiss button does)
// and, when onEnter is given, Entrée run its default action.
func (a *App) showDialog(d dialog.Dialog, onEnter func()) {
	appOfCanvas[a.win.Canvas()] = a
	od := &openDialog{d: d, onEnter: onEnter}
	a.dialogs = append(a.dialogs, od)
	d.SetOnClosed(func() {
		for i, x := range a.dialogs {
			if x == od {
				a.dialogs = append(a.dialogs[:i], a.dialogs[i+1:]...)
				break
			}
		}
	})
	d.Show()
}

// onKey handles the keys the canvas receives when nothing is focused.
func (a *App) onKey(ev *fyne.KeyEvent) {
	if len(a.dialogs) == 0 {
		return
	}
	top := a.dialogs[len(a.dialogs)-1]
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
func (a *App) askDiscard(message string, discard, keep func()) {
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
	d = dialog.NewCustomWithoutButtons("Modifications non enregistrées", body, a.win)
	d.SetOnClosed(func() { // Échap
		if !decided && keep != nil {
			keep()
		}
	})
	a.showDialog(d, func() { answer(false) })
}

// confirm shows a confirmation that Échap dismisses (as « cancel »).
func (a *App) confirm(title, ok, cancel string, content fyne.CanvasObject, callback func(bool)) {
	a.showDialog(dialog.NewCustomConfirm(title, ok, cancel, content, callback, a.win), nil)
}

// inform shows a message that Échap and Entrée close.
func (a *App) inform(title, message string) {
	d := dialog.NewInformation(title, message, a.win)
	a.showDialog(d, d.Hide)
}

// appOfCanvas finds the App of a canvas, so a field can hand Échap to the window
// it sits in (see escEntry).
var appOfCanvas = map[fyne.Canvas]*App{}

// dismissTop closes the dialog on top, as its dismiss button does.
func (a *App) dismissTop() {
	if n := len(a.dialogs); n > 0 {
		a.dialogs[n-1].d.Dismiss()
	}
}

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
			if a := appOfCanvas[c]; a != nil && len(a.dialogs) > 0 {
				a.dismissTop()
				return
			}
		}
	}
	e.Entry.TypedKey(k)
}
