package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
)

// press delivers a shortcut as Fyne's desktop driver does (glfw window.go,
// triggersShortcut): to the main menu first, then to the focused widget,
// which keeps it whether it knows it or not, else to the canvas.
func press(a *App, sc fyne.Shortcut) {
	var fromMenu func(items []*fyne.MenuItem) bool
	fromMenu = func(items []*fyne.MenuItem) bool {
		for _, it := range items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return true
			}
			if it.ChildMenu != nil && fromMenu(it.ChildMenu.Items) {
				return true
			}
		}
		return false
	}
	for _, m := range a.win.MainMenu().Items {
		if fromMenu(m.Items) {
			return
		}
	}
	if f, ok := a.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	a.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// choose runs the main menu's item of that label, as a click on it does.
func choose(t *testing.T, a *App, label string) {
	t.Helper()
	var find func(items []*fyne.MenuItem) *fyne.MenuItem
	find = func(items []*fyne.MenuItem) *fyne.MenuItem {
		for _, it := range items {
			if it.Label == label {
				return it
			}
			if it.ChildMenu != nil {
				if found := find(it.ChildMenu.Items); found != nil {
					return found
				}
			}
		}
		return nil
	}
	for _, m := range a.win.MainMenu().Items {
		if it := find(m.Items); it != nil && it.Action != nil {
			it.Action()
			return
		}
	}
	t.Fatalf("no menu item « %s »", label)
}

// typeFocused types into whatever has the focus, as the keyboard does.
func typeFocused(a *App, text string) {
	for _, r := range text {
		a.win.Canvas().Focused().TypedRune(r)
	}
}

func key(a *App, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := a.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	a.win.Canvas().OnTypedKey()(ev)
}

// Ctrl+S saves from inside the text field being typed in.
func TestCtrlSFromFocusedEntry(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	a.win.Canvas().Focus(f.name)
	typeFocused(a, "Association au clavier")
	f.tabs.SelectIndex(1)
	a.win.Canvas().Focus(f.title)
	typeFocused(a, "Projet")
	f.tabs.SelectIndex(2)
	a.win.Canvas().Focus(f.requested)
	typeFocused(a, "2 000")
	press(a, ctrl(fyne.KeyS))
	if f.a == nil || f.a.Structure.Name != "Association au clavier" {
		t.Fatalf("Ctrl+S in the amount field saved nothing: banner %q", f.banner.Text)
	}
	if a.win.Canvas().Focused() != fyne.Focusable(f.requested) {
		t.Error("saving took the focus away from the field")
	}
}

// Ctrl+1 … Ctrl+9 and Ctrl+0 switch screens, also from inside a text field.
func TestCtrlDigitSwitchesScreens(t *testing.T) {
	a := newTestApp(t)
	a.selectScreen("Dossiers")
	a.win.Canvas().Focus(a.register.search)
	press(a, ctrl(fyne.Key3))
	if got := a.screens[a.current].title; got != "Jury" {
		t.Fatalf("Ctrl+3 shows %q", got)
	}
	press(a, ctrl(fyne.Key1))
	if got := a.screens[a.current].title; got != "Tableau de bord" {
		t.Fatalf("Ctrl+1 shows %q", got)
	}
	press(a, ctrl(fyne.Key9))
	if got := a.screens[a.current].title; got != "Historique" {
		t.Fatalf("Ctrl+9 shows %q", got)
	}
	press(a, ctrl(fyne.Key0))
	if got := a.screens[a.current].title; got != "Campagne" {
		t.Fatalf("Ctrl+0 shows %q", got)
	}
}

// Typing into a Notation cell that holds a score replaces it, and the cell's
// content is selected when it gets the focus.
func TestNotationOverwritesCell(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	typeScores(a, "Mme Durand", "5")
	cell := a.scoring.rows[0].entries[0]
	a.win.Canvas().Focus(cell)
	if cell.SelectedText() != "5" {
		t.Fatalf("selected on focus: %q", cell.SelectedText())
	}
	typeFocused(a, "2")
	if cell.Text != "2" {
		t.Fatalf("cell reads %q after typing 2 on 5", cell.Text)
	}
	sheets, _ := a.base.db.Sheets(context.Background(), a.campaign.ID)
	if v := sheets[0].Scores[a.campaign.Criteria[0].ID]; v != 2 {
		t.Fatalf("stored %d", v)
	}
	// Even with the cursor after the digit (a click), a digit replaces it.
	second := a.scoring.rows[0].entries[1]
	second.FocusGained()
	second.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	second.TypedRune('3')
	if second.Text != "3" {
		t.Fatalf("second cell %q", second.Text)
	}
	// A déport's cell takes nothing (M. Leroy stepped aside from the second).
	chooseJuror(a, "M. Leroy")
	deport := a.scoring.rows[1].entries[0]
	if !deport.Disabled() {
		t.Fatal("the déport's cell is enabled")
	}
	deport.TypedRune('4')
	if deport.Text != "" {
		t.Fatalf("a déport's cell took %q", deport.Text)
	}
}

// « Forme juridique » takes one Tab stop: the next one is the SIRET.
func TestLegalFormOneTabStop(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	a.win.Canvas().Focus(f.legalForm)
	a.win.Canvas().FocusNext()
	if a.win.Canvas().Focused() != fyne.Focusable(f.siret) {
		t.Fatalf("after Tab from Forme juridique: %T", a.win.Canvas().Focused())
	}
	typeFocused(a, "73282932000074")
	if f.siret.Text != "73282932000074" {
		t.Fatalf("SIRET %q", f.siret.Text)
	}
}

// The question about unsaved changes defaults to keeping them: Entrée and
// Échap both go back to the form; only the red button drops them.
func TestUnsavedChangesSafeDefault(t *testing.T) {
	a := newTestApp(t)
	a.onNewApplication()
	f := a.register.form
	test.Type(f.name, "En cours")
	a.onNewApplication() // Ctrl+N on a dirty form asks
	if len(a.dialogs.open) != 1 {
		t.Fatalf("dialogs %d", len(a.dialogs.open))
	}
	if safe := findButton(t, a.win.Canvas().Overlays().Top(), "Continuer la saisie"); safe.Importance != widget.HighImportance {
		t.Fatalf("default %+v", safe)
	}
	key(a, fyne.KeyReturn)
	if len(a.dialogs.open) != 0 || a.register.form != f || f.name.Text != "En cours" {
		t.Fatal("Entrée dropped the changes")
	}
	a.onNewApplication()
	key(a, fyne.KeyEscape)
	if len(a.dialogs.open) != 0 || a.win.Canvas().Overlays().Top() != nil || a.register.form != f {
		t.Fatal("Échap did not close the question, or dropped the changes")
	}
}

// Échap closes a dialog shown through showDialog, as its dismiss button.
func TestEscapeClosesDialog(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	a.selectScreen("Classement")
	a.ranking.onConfirmProposals()
	if a.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog")
	}
	key(a, fyne.KeyEscape)
	if a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Échap left the dialog open")
	}
}

// Undoing a change back to the stored value clears « non enregistré »: no
// question when leaving.
func TestUndoBackToOriginalIsClean(t *testing.T) {
	a := newTestApp(t)
	ap := &data.Application{Structure: data.Structure{Name: "Les Petits Pas"}, Title: "Projet", RequestedCents: 100_000}
	if err := a.base.db.CreateApplication(context.Background(), a.campaign, ap); err != nil {
		t.Fatal(err)
	}
	a.selectScreen("Dossiers")
	a.register.openForm(&a.register.rows[0])
	f := a.register.form
	if f.dirty() || f.unsaved.Visible() {
		t.Fatal("a form just opened is dirty")
	}
	f.tabs.SelectIndex(1)
	a.win.Canvas().Focus(f.title)
	typeFocused(a, "s")
	if !f.dirty() || !f.unsaved.Visible() {
		t.Fatal("a typed letter is not a change")
	}
	key(a, fyne.KeyBackspace)
	if f.title.Text != "Projet" || f.dirty() || f.unsaved.Visible() {
		t.Fatalf("back to %q: dirty %v", f.title.Text, f.dirty())
	}
	a.onNewApplication()
	if len(a.dialogs.open) != 0 || a.register.form == f {
		t.Fatal("a form back to its stored values still asks before leaving")
	}
}

// Échap closes a dialog while the user types in one of its fields.
func TestEscapeFromAFieldClosesDialog(t *testing.T) {
	a := newTestApp(t)
	a.split.onDeliberation()
	var field *escEntry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *escEntry:
			if field == nil {
				field = w
			}
		case *widget.PopUp:
			walk(w.Content)
		case *fyne.Container:
			for _, x := range w.Objects {
				walk(x)
			}
		case *widget.Form:
			for _, it := range w.Items {
				walk(it.Widget)
			}
		}
	}
	walk(a.win.Canvas().Overlays().Top())
	if field == nil {
		t.Fatal("no field in the deliberation dialog")
	}
	a.win.Canvas().Focus(field)
	typeFocused(a, "2021-1")
	key(a, fyne.KeyEscape)
	if a.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Échap typed in a field left the dialog open")
	}
}

// « Ouvrir une base partagée… » and the password prompt answer the keyboard
// like the other dialogs: Échap closes them, Entrée in their field confirms.
func TestSharedBaseDialogKeys(t *testing.T) {
	a := newTestApp(t)
	a.shared.onOpenShared()
	if len(a.dialogs.open) != 1 {
		t.Fatalf("%d dialogs answering the keyboard", len(a.dialogs.open))
	}
	a.win.Canvas().Unfocus()
	a.dialogs.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(a.dialogs.open) != 0 {
		t.Fatal("Échap left the dialog open")
	}
	a.shared.onOpenShared()
	addr, ok := a.win.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatal("the address field is not focused")
	}
	addr.SetText("") // nothing to open: the dialog closes, the base stays
	addr.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(a.dialogs.open) != 0 {
		t.Fatal("Entrée in the address left the dialog open")
	}
	a.shared.askPassword("postgres://agent@serveur/cohesion", data.Errorf(data.EAUTH, "Mot de passe refusé."))
	if len(a.dialogs.open) != 1 {
		t.Fatalf("password prompt: %d dialogs answering the keyboard", len(a.dialogs.open))
	}
	pw := a.win.Canvas().Focused().(*widget.Entry)
	pw.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // empty: nothing sent, the prompt closes
	if len(a.dialogs.open) != 0 {
		t.Fatal("Entrée in the password left the prompt open")
	}
}
