package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// Every text of Fyne 2.7.1's own translations (its base.en.json) is French,
// whatever the system's language: the file dialog's titles read « Enregistrer
// le fichier », « Ouvrir le dossier », its first line « (Dossier parent) ».
func TestFyneOwnWordsAreFrench(t *testing.T) {
	english := map[string]string{
		"Advanced": "Advanced", "Cancel": "Cancel", "Confirm": "Confirm", "Copy": "Copy", "Create Folder": "Create Folder",
		"Cut": "Cut", "Enter filename": "Enter filename", "Error": "Error", "Favourites": "Favourites", "File": "File",
		"Folder": "Folder", "New Folder": "New Folder", "No": "No", "Open": "Open", "Paste": "Paste", "Quit": "Quit",
		"Redo": "Redo", "Save": "Save", "Select all": "Select all", "Show Hidden Files": "Show Hidden Files",
		"Undo": "Undo", "Yes": "Yes", "monday": "Monday", "sunday.short": "Sun",
	}
	for key, en := range english {
		if got := lang.L(key); got == en || got == "" {
			t.Errorf("%q still reads %q", key, got)
		}
	}
	for _, c := range []struct{ got, want string }{
		{lang.L("Save") + " " + lang.L("File"), "Enregistrer le fichier"},
		{lang.L("Open") + " " + lang.L("Folder"), "Ouvrir le dossier"},
		{"(" + lang.X("file.parent", "Parent") + ")", "(Dossier parent)"},
		{lang.X("file.name", "Name"), "Nom"},
		{lang.L("Quit"), "Quitter"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}

// The window and the command line count in words that agree with their
// number (data.Count, data.Plural): no message of theirs writes « 3 dossier(s) ».
func TestNoParenthesisPlurals(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	cli, _ := filepath.Glob("../cmd/cohesion-cli/cli/*.go")
	if len(files) == 0 || len(cli) == 0 {
		t.Fatal("sources introuvables")
	}
	files = append(files, cli...)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, _ := strconv.Unquote(lit.Value); strings.Contains(s, "(s)") || strings.Contains(s, "(x)") {
					t.Errorf("%s : %q", fset.Position(lit.Pos()), s)
				}
			}
			return true
		})
	}
}
