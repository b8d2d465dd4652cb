package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Every screen reached by its shortcut, after the dashboard's tiles, with
// every selector on the window opened: a selector whose pop-up has no canvas
// to open on (a widget kept after its screen left the window) crashed the
// window (issue 19: SIGSEGV in Select.showPopUp).
func TestEveryScreenByShortcutOpensEverySelector(t *testing.T) {
	a := newTestApp(t)
	withJury(t, a)
	for round := 0; round < 2; round++ {
		for i, k := range screenKeys {
			press(a, ctrl(k))
			if a.current != i {
				t.Fatalf("Ctrl+%d shows screen %d", i+1, a.current)
			}
			for _, s := range selectsIn(a.win.Content()) {
				if fyne.CurrentApp().Driver().CanvasForObject(s) == nil {
					t.Errorf("%s: a selector (%q) is shown outside the window's canvas", a.screens[i].title, s.Selected)
					continue
				}
				test.Tap(s)
				closePopUps(a)
			}
		}
	}
}

// selectsIn finds every selector drawn under o, through widgets' renderers.
func selectsIn(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *widget.Select:
			out = append(out, o)
			return
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
			return
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func closePopUps(a *App) {
	for _, o := range a.win.Canvas().Overlays().List() {
		o.Hide()
		a.win.Canvas().Overlays().Remove(o)
	}
}
