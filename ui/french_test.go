package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
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

// Every selector is built by newSelect, with a French placeholder: Fyne's
// own reads « (Select one) » (« Changer le statut » showed it).
func TestSelectsHaveFrenchPlaceholder(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		// import_wizard.go (the import wizard) is another engineer's: its
		// column selectors are the one exception left, to move to newSelect.
		if strings.HasSuffix(name, "_test.go") || name == "import_wizard.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var inside string // the function being read
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				inside = n.Name.Name
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && id.Name == "widget" && (n.Sel.Name == "NewSelect" || n.Sel.Name == "Select") && inside != "newSelect" {
					if n.Sel.Name == "NewSelect" || !isTypeUse(f, n) {
						t.Errorf("%s : widget.%s outside newSelect", fset.Position(n.Pos()), n.Sel.Name)
					}
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "newSelect" && len(n.Args) == 3 {
					if lit, ok := n.Args[1].(*ast.BasicLit); ok && (lit.Value == `""` || strings.Contains(lit.Value, "Select")) {
						t.Errorf("%s : placeholder %s", fset.Position(n.Pos()), lit.Value)
					}
				}
			}
			return true
		})
	}
	if s := newSelect([]string{"a"}, "Choisir", nil); s.PlaceHolder != "Choisir" {
		t.Fatalf("placeholder %q", s.PlaceHolder)
	}
}

// isTypeUse: widget.Select named as a type (*widget.Select, []*widget.Select),
// not built as a composite literal widget.Select{…}.
func isTypeUse(f *ast.File, sel *ast.SelectorExpr) bool {
	literal := false
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CompositeLit); ok && c.Type == sel {
			literal = true
		}
		return !literal
	})
	return !literal
}

// Fyne's file dialog names its places in English, outside its translations:
// they read « Dossier personnel » and « Ordinateur ».
func TestFileDialogPlacesInFrench(t *testing.T) {
	a := newTestApp(t)
	a.win.Resize(fyne.NewSize(1024, 768))
	a.files.fyneFolder("Dossier", func(string) {})
	pop, ok := a.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no dialog")
	}
	split := placesSplit(pop.Content)
	if split == nil {
		t.Fatal("no places' list in the dialog")
	}
	list := split.Leading.(*widget.List)
	var places []string
	for i := 0; i < list.Length(); i++ {
		item := list.CreateItem()
		list.UpdateItem(i, item)
		places = append(places, item.(*fyne.Container).Objects[1].(*widget.Label).Text)
	}
	if list == nil || list.MinSize().Width < widget.NewLabel("Dossier personnel").MinSize().Width {
		t.Errorf("the places' list too narrow for « Dossier personnel »")
	}
	got := strings.Join(places, ", ")
	if !strings.Contains(got, "Dossier personnel") || strings.Contains(got, "Home") {
		t.Errorf("places %s", got)
	}
	if runtime.GOOS != "windows" && (!strings.Contains(got, "Ordinateur") || strings.Contains(got, "Computer")) {
		t.Errorf("places %s", got)
	}
}
