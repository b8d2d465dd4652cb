//go:build !windows

package ui

// Outside Windows there is no one system dialog to count on: Fyne's serve.

func systemDocumentsDir() string { return "" }

func (fc *fileChooser) chooseSaveFile(title, name string, f fileFilter, done func(path string)) {
	fc.fyneSaveFile(title, name, f, done)
}

func (fc *fileChooser) chooseOpenFile(title string, f fileFilter, dir string, done func(path string)) {
	fc.fyneOpenFile(title, f, dir, done)
}

func (fc *fileChooser) chooseFolder(title string, done func(dir string)) {
	fc.fyneFolder(title, done)
}
