//go:build !windows

package ui

// Outside Windows there is no one system dialog to count on: Fyne's serve.

func systemDocumentsDir() string { return "" }

func (a *App) chooseSaveFile(title, name string, f fileFilter, done func(path string)) {
	a.fyneSaveFile(title, name, f, done)
}

func (a *App) chooseOpenFile(title string, f fileFilter, dir string, done func(path string)) {
	a.fyneOpenFile(title, f, dir, done)
}

func (a *App) chooseFolder(title string, done func(dir string)) {
	a.fyneFolder(title, done)
}
