package ui

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// On Windows the window is placed in screen pixels with the system's own calls:
// the work area is the monitor's less its taskbar, and the rectangle includes
// the title bar and borders, which Fyne does not see.

var (
	user32              = syscall.NewLazyDLL("user32.dll")
	procGetWindowRect   = user32.NewProc("GetWindowRect")
	procSetWindowPos    = user32.NewProc("SetWindowPos")
	procMonitorFromRect = user32.NewProc("MonitorFromRect")
	procGetMonitorInfoW = user32.NewProc("GetMonitorInfoW")
	procShowWindow      = user32.NewProc("ShowWindow")
	procIsZoomed        = user32.NewProc("IsZoomed")
	procIsIconic        = user32.NewProc("IsIconic")
)

const (
	monitorDefaultToNearest = 2
	swpNoZOrder             = 0x0004
	swpNoActivate           = 0x0010
	swMaximize              = 3
)

type win32Rect struct{ Left, Top, Right, Bottom int32 }

type monitorInfo struct {
	Size          uint32
	Monitor, Work win32Rect
	Flags         uint32
}

func (r win32Rect) screen() screenRect {
	return screenRect{X: int(r.Left), Y: int(r.Top), W: int(r.Right - r.Left), H: int(r.Bottom - r.Top)}
}

func toWin32(r screenRect) win32Rect {
	return win32Rect{Left: int32(r.X), Top: int32(r.Y), Right: int32(r.X + r.W), Bottom: int32(r.Y + r.H)}
}

func hwndOf(w fyne.Window) uintptr {
	var hwnd uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				hwnd = c.HWND
			}
		})
	}
	return hwnd
}

// workAreaNear is the work area of the monitor nearest to r: the saved place
// may be on a monitor that is no longer there.
func workAreaNear(r win32Rect) (screenRect, bool) {
	mon, _, _ := procMonitorFromRect.Call(uintptr(unsafe.Pointer(&r)), monitorDefaultToNearest)
	mi := monitorInfo{Size: uint32(unsafe.Sizeof(monitorInfo{}))}
	if ok, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); ok == 0 {
		return screenRect{}, false
	}
	return mi.Work.screen(), true
}

func placeNative(w fyne.Window, saved windowPlacement) {
	hwnd := hwndOf(w)
	if hwnd == 0 {
		return
	}
	probe := toWin32(saved.rect)
	if saved.rect.empty() {
		procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&probe)))
	}
	work, ok := workAreaNear(probe)
	if !ok {
		return
	}
	r := placeWindow(work, saved.rect)
	procSetWindowPos.Call(hwnd, 0, uintptr(r.X), uintptr(r.Y), uintptr(r.W), uintptr(r.H), swpNoZOrder|swpNoActivate)
	if saved.maximised {
		procShowWindow.Call(hwnd, swMaximize)
	}
}

// readNative reads where the window is; a maximised window reports no
// rectangle, so that the one it had before is kept for when it is restored.
func readNative(w fyne.Window) (windowPlacement, bool) {
	hwnd := hwndOf(w)
	if hwnd == 0 {
		return windowPlacement{}, false
	}
	if iconic, _, _ := procIsIconic.Call(hwnd); iconic != 0 {
		return windowPlacement{}, false // minimised: where it was before still holds
	}
	if zoomed, _, _ := procIsZoomed.Call(hwnd); zoomed != 0 {
		return windowPlacement{maximised: true}, true
	}
	var r win32Rect
	if ok, _, _ := procGetWindowRect.Call(hwnd, uintptr(unsafe.Pointer(&r))); ok == 0 {
		return windowPlacement{}, false
	}
	return windowPlacement{rect: r.screen()}, true
}
