package ui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// Quit ends Cohésion by stopping Fyne's driver, without closing the windows
// one by one first. Fyne's app.Quit, and the « Quitter » item it adds to a
// menu, close each window and then stop the driver; a window marked closing
// that still receives a mouse move in the same event poll panics in Fyne 2.7.1
// (processMouseMoved → view() is nil → SetInputMode). Closing under load with
// the mouse moving then ended on « Cohésion s'est arrêté » and a message box
// that kept the process alive, instead of closing. Stopping the driver ends
// its loop, which destroys every window and still saves the preferences.
func Quit(fa fyne.App) {
	stopping.Store(true)
	fa.Driver().Quit()
}

// stopping is set once Quit began. Past that point Fyne has ended GLFW and
// runs what fyne.Do is given on the caller's goroutine, so what touches the
// system's window (its placement) must not run any more: GLFW would panic.
var stopping atomic.Bool

// quitItem is Fichier › Quitter, ours so that it goes through Quit.
func quitItem(fa fyne.App) *fyne.MenuItem {
	item := fyne.NewMenuItem("Quitter", func() { Quit(fa) })
	item.IsQuit = true
	return item
}
