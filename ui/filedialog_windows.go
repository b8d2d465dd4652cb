package ui

import (
	"errors"
	"runtime"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"golang.org/x/sys/windows"

	"github.com/call-agglo/cohesion/data"
)

// Windows' own file dialogs (windialog_windows.go), owned by the window. They
// run their own message loop, so they are opened from a goroutine locked to its
// thread, and the window keeps drawing meanwhile; one at a time.

var nativeDialogOpen atomic.Bool

func systemDocumentsDir() string {
	d, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil || !isDir(d) {
		return ""
	}
	return d
}

// runNative runs one system dialog and hands its answer back on the UI thread.
func (fc *fileChooser) runNative(ask func() (string, error), done func(string)) {
	if !nativeDialogOpen.CompareAndSwap(false, true) {
		return // one is already open, maybe behind the window
	}
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		path, err := ask()
		fyne.Do(func() {
			nativeDialogOpen.Store(false)
			switch {
			case errors.Is(err, errDialogCancelled) || (err == nil && path == ""):
			case err != nil:
				fc.dialogs.showError(data.Errorf(data.EINTERNAL, "La fenêtre de choix de fichier ne s'est pas ouverte : %v", err))
			default:
				done(path)
			}
		})
	}()
}

// chooseSaveFile asks with Windows' dialog, which adds the filter's
// extension to a name typed without it, then asks itself before replacing
// the file; saveTo adds it to a name the dialog left without one, and asks.
func (fc *fileChooser) chooseSaveFile(title, name string, f fileFilter, done func(path string)) {
	d := fileDialog{owner: hwndOf(fc.win), title: title, filter: f, dir: documentsDir(), name: name}
	fc.runNative(d.save, func(p string) { saveTo(fc.dialogs.confirm, p, f.exts, true, done) })
}

func (fc *fileChooser) chooseOpenFile(title string, f fileFilter, dir string, done func(path string)) {
	if dir == "" || !isDir(dir) {
		dir = documentsDir()
	}
	d := fileDialog{owner: hwndOf(fc.win), title: title, filter: f, dir: dir}
	fc.runNative(d.open, done)
}

func (fc *fileChooser) chooseFolder(title string, done func(dir string)) {
	owner, start := hwndOf(fc.win), documentsDir()
	fc.runNative(func() (string, error) { return pickFolder(owner, title, start) }, done)
}
