package ui

import (
	"errors"
	"runtime"
	"sync/atomic"

	"fyne.io/fyne/v2"
	native "github.com/sqweek/dialog"
	"golang.org/x/sys/windows"

	"github.com/call-agglo/cohesion/data"
)

// Windows' own file dialogs (comdlg32, through github.com/sqweek/dialog). They
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
func (a *App) runNative(ask func() (string, error), done func(string)) {
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
			case errors.Is(err, native.ErrCancelled) || (err == nil && path == ""):
			case err != nil:
				a.showError(data.Errorf(data.EINTERNAL, "La fenêtre de choix de fichier ne s'est pas ouverte : %v", err))
			default:
				done(path)
			}
		})
	}()
}

func fileBuilder(title string, f fileFilter) *native.FileBuilder {
	b := native.File().Title(title)
	if len(f.exts) > 0 {
		b = b.Filter(f.label, extList(f.exts)...)
	}
	return b.Filter("Tous les fichiers", "*")
}

// chooseSaveFile asks with Windows' dialog, which asks itself before
// replacing the file chosen; a name typed without its extension gets it here,
// and the file of that name was not asked about: it is, then.
func (a *App) chooseSaveFile(title, name string, f fileFilter, done func(path string)) {
	a.runNative(func() (string, error) {
		return fileBuilder(title, f).SetStartDir(documentsDir()).SetStartFile(name).Save()
	}, func(p string) { saveTo(a.confirm, p, f.exts, true, done) })
}

func (a *App) chooseOpenFile(title string, f fileFilter, dir string, done func(path string)) {
	if dir == "" || !isDir(dir) {
		dir = documentsDir()
	}
	a.runNative(func() (string, error) {
		return fileBuilder(title, f).SetStartDir(dir).Load()
	}, done)
}

func (a *App) chooseFolder(title string, done func(dir string)) {
	a.runNative(func() (string, error) {
		return native.Directory().Title(title).SetStartDir(documentsDir()).Browse()
	}, done)
}
