package ui

import "fyne.io/fyne/v2"

// runner runs the work a screen starts away from the UI thread, then its
// done on the UI thread. Work reads the base; done touches the widgets.
// The window gets backgroundRunner; tests get inlineRunner, so that a result
// is on screen as soon as the action that asked for it returns.
type runner interface {
	Go(work, done func())
}

// backgroundRunner runs work on its own goroutine, so the window stays
// responsive while the base is read, and done through fyne.Do, the only
// safe way back to the widgets.
type backgroundRunner struct{}

func (backgroundRunner) Go(work, done func()) {
	go func() {
		work()
		fyne.Do(done)
	}()
}

// inlineRunner runs work, then done, before Go returns. Tests want it:
// Fyne's test driver runs fyne.Do on the calling goroutine, so work left in
// the background would touch the widgets while the test lays them out.
type inlineRunner struct{}

func (inlineRunner) Go(work, done func()) {
	work()
	done()
}

// background runs work through r and hands its two results to done: the
// shape of every screen's work (a result and its error, mostly).
func background[T, U any](r runner, work func() (T, U), done func(T, U)) {
	var t T
	var u U
	r.Go(func() { t, u = work() }, func() { done(t, u) })
}
