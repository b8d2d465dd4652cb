package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// The main window opens filling the screen's work area (the screen less the
// taskbar) the first time, then where the user left it: size, position and
// whether it was maximised are kept in the app's preferences. The work area and
// the window's frame are only known to the system, so the platform files
// (window_windows.go, window_other.go) measure them; the choice is made here.

// initialWindowSize is asked of Fyne before the window exists: small enough
// for a 1024×768 screen, until the platform code sizes it to the work area.
var initialWindowSize = fyne.NewSize(1000, 640)

// screenRect is a rectangle in screen pixels.
type screenRect struct{ X, Y, W, H int }

func (r screenRect) empty() bool { return r.W <= 0 || r.H <= 0 }

// placeWindow chooses the window's outer rectangle on a work area: the one the
// user left, shrunk and moved as needed so that all of it is on the screen
// (a smaller screen, a monitor unplugged), or the whole work area the first time.
func placeWindow(work, saved screenRect) screenRect {
	if saved.empty() {
		return work
	}
	r := saved
	r.W = min(r.W, work.W)
	r.H = min(r.H, work.H)
	r.X = min(max(r.X, work.X), work.X+work.W-r.W)
	r.Y = min(max(r.Y, work.Y), work.Y+work.H-r.H)
	return r
}

// Preference keys of the window's placement.
const (
	prefWindowX, prefWindowY = "fenetre.x", "fenetre.y"
	prefWindowW, prefWindowH = "fenetre.largeur", "fenetre.hauteur"
	prefWindowMaximised      = "fenetre.agrandie"
	placementCheckEvery      = 2 * time.Second
)

// windowPlacement is what is remembered of the window.
type windowPlacement struct {
	rect      screenRect // the outer rectangle when neither maximised nor minimised
	maximised bool
}

func loadPlacement(p fyne.Preferences) windowPlacement {
	return windowPlacement{
		rect:      screenRect{X: p.Int(prefWindowX), Y: p.Int(prefWindowY), W: p.Int(prefWindowW), H: p.Int(prefWindowH)},
		maximised: p.Bool(prefWindowMaximised),
	}
}

func savePlacement(p fyne.Preferences, w windowPlacement) {
	if w.rect.empty() {
		return
	}
	p.SetInt(prefWindowX, w.rect.X)
	p.SetInt(prefWindowY, w.rect.Y)
	p.SetInt(prefWindowW, w.rect.W)
	p.SetInt(prefWindowH, w.rect.H)
	p.SetBool(prefWindowMaximised, w.maximised)
}

// ShowPlaced shows the main window where it belongs (see the top of this file)
// and keeps its placement up to date until Cohésion ends. It returns false when
// the window could not open (no OpenGL 2.1, for one).
func (a *App) ShowPlaced() bool {
	a.win.Show()
	if !WindowOpened(a.win) {
		return false
	}
	prefs := a.fyne.Preferences()
	placeNative(a.win, loadPlacement(prefs))
	last := loadPlacement(prefs)
	remember := func() {
		if stopping.Load() {
			return // see stopping
		}
		if p, ok := readNative(a.win); ok {
			if p.rect.empty() {
				p.rect = last.rect // maximised: keep the size to restore it to
			}
			if p != last {
				savePlacement(prefs, p)
				last = p
			}
		}
	}
	// Closing through the window's button is the usual way out; the ticker
	// covers the others (Fichier › Quitter, logging off).
	remember() // the place chosen now is the one to come back to
	a.win.SetCloseIntercept(func() {
		remember()
		Quit(a.fyne) // not a.win.Close(): see Quit
	})
	everyUntilQuit(placementCheckEvery, remember)
	everyUntilQuit(keepAliveEvery(), func() { keepShownAttached(a.win) }) // see keepalive.go
	return true
}

// everyUntilQuit runs f on the window's goroutine every period, until Quit.
func everyUntilQuit(period time.Duration, f func()) {
	go func() {
		for range time.Tick(period) {
			if stopping.Load() {
				return
			}
			fyne.Do(f)
		}
	}()
}

// WindowOpened tells whether the system really made a shown window: Fyne only
// logs it when it cannot (no OpenGL 2.1), and the handle stays zero.
func WindowOpened(w fyne.Window) bool {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return true // the test driver has no system window
	}
	opened := true
	nw.RunNative(func(ctx any) {
		switch c := ctx.(type) {
		case driver.WindowsWindowContext:
			opened = c.HWND != 0
		case driver.X11WindowContext:
			opened = c.WindowHandle != 0
		case driver.WaylandWindowContext:
			opened = c.WaylandSurface != 0
		}
	})
	return opened
}
