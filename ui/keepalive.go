package ui

import (
	"os"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
)

// Fyne 2.7.1 keeps, for every object drawn, a record of the window that shows
// it (what Driver().CanvasForObject reads). A record is set when the object is
// first drawn and lives for the cache's duration (one minute, or FYNE_CACHE),
// renewed only when someone looks the object up: a repaint walks the whole
// tree but leaves an existing record as it is (fixed upstream by fyne#6452,
// after 2.7.1). Every ten seconds, if anything was redrawn meanwhile, Fyne
// drops the records past their time — those of objects still on screen
// included — and a record dropped comes back only at the next repaint.
//
// So after a minute of work, once the window rests, a selector that was not
// redrawn in that minute (the campaign selector of the side panel) has no
// window: clicking it opens its list on a nil canvas and Cohésion stops
// (SIGSEGV in Select.showPopUp → NewPopUpMenu, seen on the Campagne screen
// after the dashboard's tiles and Ctrl+1…9); an entry's right-click menu
// would do the same, and a refresh of such an object is silently lost.
//
// keepShownAttached looks every object on screen up, as Fyne itself does for
// a window that has not repainted for a while: the records of what is shown
// never reach their time, whatever the window does.
func keepShownAttached(w fyne.Window) {
	if stopping.Load() {
		return // the windows are being destroyed (see stopping)
	}
	walk, ok := canvasWalker(w.Canvas())
	if !ok {
		return // the test driver's canvas: its CanvasForObject needs no record
	}
	drv := fyne.CurrentApp().Driver()
	walk(func(o fyne.CanvasObject) { drv.CanvasForObject(o) })
}

// canvasWalker gives the walk of what a window shows (its content, menu and
// overlays) that Fyne's own canvases have: Canvas.WalkTrees, exported by
// Fyne's internal canvas but taking a node type of an internal package, hence
// reached through reflect. Its callback receives each node, whose Obj is the
// object drawn.
func canvasWalker(c fyne.Canvas) (func(func(fyne.CanvasObject)), bool) {
	m := reflect.ValueOf(c).MethodByName("WalkTrees")
	if !m.IsValid() || m.Type().NumIn() != 2 || m.Type().In(1).Kind() != reflect.Func || m.Type().In(1).NumIn() < 1 {
		return nil, false
	}
	after := m.Type().In(1)
	return func(visit func(fyne.CanvasObject)) {
		each := reflect.MakeFunc(after, func(args []reflect.Value) []reflect.Value {
			if obj := args[0].MethodByName("Obj"); obj.IsValid() {
				if o, ok := obj.Call(nil)[0].Interface().(fyne.CanvasObject); ok && o != nil {
					visit(o)
				}
			}
			return nil
		})
		m.Call([]reflect.Value{reflect.Zero(m.Type().In(0)), each})
	}, true
}

// keepAliveEvery is how often keepShownAttached runs: a third of the
// records' life, read as Fyne reads it (FYNE_CACHE, one minute by default).
func keepAliveEvery() time.Duration {
	life := time.Minute
	if d, err := time.ParseDuration(os.Getenv("FYNE_CACHE")); err == nil && d > 0 {
		life = d
	}
	return life / 3
}
