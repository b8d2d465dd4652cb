package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keyboard-first. Fyne's desktop driver hands a shortcut to the main menu
// first, then to the focused widget (an entry swallows what it does not
// know), and only then to the canvas: every window-wide shortcut (Ctrl+S,
// Ctrl+F, Ctrl+1…) is therefore a menu item, so it works from inside a text
// field too. Keys without a modifier (Échap, Entrée) reach the canvas when
// nothing is focused: the dialogs shown through dialogs.show answer them.

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
	a.undo.item = fyne.NewMenuItem("Annuler", a.undo.onUndo)
	a.undo.refresh()
	return fyne.NewMenu("Édition",
		item("Enregistrer", fyne.KeyS, a.onSave),
		item("Rechercher un dossier", fyne.KeyF, a.onFind),
		fyne.NewMenuItemSeparator(), a.undo.item)
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
