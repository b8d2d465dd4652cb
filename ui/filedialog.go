package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// The screens ask for files through three methods of the window's
// fileChooser, chooseSaveFile, chooseOpenFile and chooseFolder: on Windows
// they open the system's own dialogs (filedialog_windows.go), which staff
// know, with their network drives and favourites; elsewhere Fyne's
// (filedialog_other.go). Each hands the chosen path to done, and does nothing
// when the user cancels.

// fileChooser asks for files and folders on behalf of the window: it needs
// only the window, which owns the system's dialogs, and its dialogs, where
// Fyne's are stacked and where « Remplacer ? » and errors are asked.
type fileChooser struct {
	win     fyne.Window
	dialogs *dialogs
}

// fileFilter names the files a dialog offers, extensions with their dot.
type fileFilter struct {
	label string
	exts  []string
}

// documentsDir is where the dialogs open: the user's Documents folder when it
// exists (on Windows, wherever IT redirected it), else the home folder.
func documentsDir() string {
	if d := systemDocumentsDir(); d != "" {
		return d
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	if d := filepath.Join(home, "Documents"); isDir(d) {
		return d
	}
	return home
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// withExtension adds the filter's first extension to a name typed without
// one, as Windows' dialogs do not.
func withExtension(path string, exts []string) string {
	if path == "" || len(exts) == 0 || filepath.Ext(path) != "" {
		return path
	}
	return path + exts[0]
}

// dialogSize is Fyne's file dialog's size: large, but within the window.
func dialogSize(w fyne.Window) fyne.Size {
	c := w.Canvas().Size()
	return fyne.NewSize(min(900, c.Width*0.95), min(600, c.Height*0.95))
}

// fyneLocation points a Fyne file dialog at dir, when it can be listed.
func fyneLocation(d *dialog.FileDialog, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// confirmFunc asks a question in a dialog: dialogs.confirm.
type confirmFunc func(title, ok, cancel string, content fyne.CanvasObject, callback func(bool))

// saveTo hands the chosen path to done, the filter's extension added first to
// a name typed without one, and asks « Remplacer ? » when a file of that name
// exists. asked says the system's dialog already asked about the name as
// typed: Windows' does, but for « rapport » it cannot know that « rapport.pdf »
// will be written, and the second save under that name replaced it silently.
// A path handed over is thus one the user may replace: a backup passes that on
// (data.BackupOptions.Replace), and the adapter still refuses a base that a
// window or command has open.
func saveTo(ask confirmFunc, typed string, exts []string, asked bool, done func(string)) {
	path := withExtension(typed, exts)
	if _, err := os.Stat(path); err == nil && !(asked && path == typed) {
		ask("Remplacer le fichier ?", "Remplacer", "Annuler",
			widget.NewLabel("« "+filepath.Base(path)+" » existe déjà dans ce dossier. Le remplacer ?"),
			func(ok bool) {
				if ok {
					done(path)
				}
			})
		return
	}
	done(path)
}

// fyneSaveFile asks where to write a new file: a name, in a folder. It is
// not Fyne's save dialog, which opens the chosen file for writing, so
// truncates it, before the caller can check it (the open base, a backup) or
// write it atomically: here nothing is touched until done writes.
func (fc *fileChooser) fyneSaveFile(title, name string, f fileFilter, done func(string)) {
	dir := documentsDir()
	folder := widget.NewLabel(displayPath(dir))
	folder.Wrapping = fyne.TextWrapBreak
	change := widget.NewButton("Changer de dossier…", func() {
		fc.fyneFolder("Dossier où enregistrer", func(d string) {
			dir = d
			folder.SetText(displayPath(d))
		})
	})
	entry := newEscEntry(false)
	entry.SetText(name)
	form := widget.NewForm(widget.NewFormItem("Nom du fichier", entry),
		widget.NewFormItem("Dossier", container.NewBorder(nil, nil, nil, change, folder)))
	var d dialog.Dialog
	save := func() {
		typed := strings.TrimSpace(entry.Text)
		if typed == "" {
			return
		}
		d.Hide()
		saveTo(fc.dialogs.confirm, filepath.Join(dir, filepath.Base(typed)), f.exts, false, done)
	}
	entry.OnSubmitted = func(string) { save() }
	d = dialog.NewCustomConfirm(title, "Enregistrer", "Annuler", form, func(ok bool) {
		if ok {
			save()
		}
	}, fc.win)
	d.Resize(fyne.NewSize(min(640, fc.win.Canvas().Size().Width*0.9), 0))
	fc.dialogs.show(d, save)
	fc.win.Canvas().Focus(entry)
}

// fyneOpenFile asks with Fyne's dialog for an existing file, starting in dir.
func (fc *fileChooser) fyneOpenFile(title string, f fileFilter, dir string, done func(string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		done(path)
	}, fc.win)
	d.SetTitleText(title)
	if len(f.exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(f.exts))
	}
	if dir == "" || !isDir(dir) {
		dir = documentsDir()
	}
	fyneLocation(d, dir)
	d.Resize(dialogSize(fc.win))
	d.Show()
	frenchPlaces(fc.win)
}

// fyneFolder asks with Fyne's dialog for a folder.
func (fc *fileChooser) fyneFolder(title string, done func(string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		done(dir.Path())
	}, fc.win)
	d.SetTitleText(title)
	fyneLocation(d, documentsDir())
	d.Resize(dialogSize(fc.win))
	d.Show()
	frenchPlaces(fc.win)
}

// extList is the extensions without their dot, as Windows' filters want them.
func extList(exts []string) []string {
	out := make([]string, len(exts))
	for i, e := range exts {
		out[i] = strings.TrimPrefix(e, ".")
	}
	return out
}

// placeNames are the French names of the places Fyne's file dialog lists on
// its left. Fyne 2.7.1 sets them as they are written in its code (dialog/
// file.go, file_unix.go), not through lang.L, so no translation added with
// lang.AddTranslations reaches them: they are renamed on the list itself.
var placeNames = map[string]string{
	"Home": "Dossier personnel", "Computer": "Ordinateur", "App Files": "Fichiers de l'application",
	"Desktop": "Bureau", "Downloads": "Téléchargements", "Music": "Musique", "Pictures": "Images",
	"Videos": "Vidéos", "Movies": "Vidéos",
}

// frenchPlaces renames the places of the Fyne file dialog shown on top of w.
// The dialog is a modal pop-up whose content splits the places' list (on
// the left) from the folder; should a later Fyne lay it out otherwise, the
// list is not found and keeps its English names.
func frenchPlaces(w fyne.Window) {
	pop, ok := w.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		return
	}
	if split := placesSplit(pop.Content); split != nil {
		renamePlaces(split.Leading.(*widget.List))
		split.Refresh() // the list, as wide as its longest name, lays the split out again
	}
}

// placesSplit is the split of the file dialog's content whose leading side is
// the places' list, or nil.
func placesSplit(o fyne.CanvasObject) *container.Split {
	switch o := o.(type) {
	case *fyne.Container:
		for _, c := range o.Objects {
			if s := placesSplit(c); s != nil {
				return s
			}
		}
	case *container.Split:
		if _, ok := o.Leading.(*widget.List); ok {
			return o
		}
	}
	return nil
}

// renamePlaces makes the list write each place's French name after Fyne's,
// and sizes it on the longest: Fyne sizes it on « Template Object », which
// would cut « Dossier personnel ».
func renamePlaces(l *widget.List) {
	update, create := l.UpdateItem, l.CreateItem
	l.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if label := placeLabel(item); label != nil {
			if fr, ok := placeNames[label.Text]; ok {
				label.SetText(fr)
			}
		}
	}
	longest := ""
	for i := 0; i < l.Length(); i++ {
		item := create()
		l.UpdateItem(i, item)
		if label := placeLabel(item); label != nil && len([]rune(label.Text)) > len([]rune(longest)) {
			longest = label.Text
		}
	}
	l.CreateItem = func() fyne.CanvasObject {
		item := create()
		if label := placeLabel(item); label != nil && longest != "" {
			label.SetText(longest)
		}
		return item
	}
	l.Refresh()
}

// placeLabel is the name's label in an item of Fyne's places list (an icon,
// then the name), nil if Fyne draws it otherwise.
func placeLabel(item fyne.CanvasObject) *widget.Label {
	if c, ok := item.(*fyne.Container); ok && len(c.Objects) > 1 {
		if label, ok := c.Objects[1].(*widget.Label); ok {
			return label
		}
	}
	return nil
}
