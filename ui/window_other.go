//go:build !windows

package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Elsewhere than on Windows the window manager places the window and draws
// its frame: only the size is chosen, from the primary monitor's work area
// as GLFW reports it, less room for the title bar.

const titleBarAllowance = 40 // pixels

func placeNative(w fyne.Window, saved windowPlacement) {
	mon := glfw.GetPrimaryMonitor()
	if mon == nil {
		return
	}
	x, y, width, height := mon.GetWorkarea()
	work := screenRect{X: x, Y: y, W: width, H: height - titleBarAllowance}
	r := placeWindow(work, saved.rect)
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	w.Resize(fyne.NewSize(float32(r.W)/scale, float32(r.H)/scale))
}

func readNative(w fyne.Window) (windowPlacement, bool) {
	s := w.Canvas().Size()
	scale := w.Canvas().Scale()
	if s.Width <= 0 || s.Height <= 0 {
		return windowPlacement{}, false
	}
	return windowPlacement{rect: screenRect{W: int(s.Width * scale), H: int(s.Height * scale)}}, true
}
