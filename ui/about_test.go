package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The licences window shows Cohésion's licence first, then every notice.
func TestLicenceLines(t *testing.T) {
	lines := licenceLines()
	if lines[0] != "Cohésion" {
		t.Fatalf("first line %q", lines[0])
	}
	text := strings.Join(lines, "\n")
	for _, want := range []string{"Tous droits réservés", "fyne.io/fyne/v2", "github.com/mattn/go-sqlite3", "La bibliothèque standard de Go"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q", want)
		}
	}
	if strings.Contains(text, "\r") {
		t.Error("a carriage return is left in a line")
	}
}

// « À propos » names the version from FyneApp.toml, and its « Licences… »
// button opens the licences in a window of their own.
func TestAboutOpensTheLicences(t *testing.T) {
	a := newTestApp(t)
	choose(t, a, "À propos de Cohésion")
	top := a.win.Canvas().Overlays().Top()
	if top == nil || len(a.dialogs.open) != 1 {
		t.Fatal("no « À propos » dialog")
	}
	before := len(a.fyne.Driver().AllWindows())
	test.Tap(findButton(t, top, "Licences…"))
	wins := a.fyne.Driver().AllWindows()
	if len(wins) != before+1 || wins[len(wins)-1].Title() != "Cohésion — licences" {
		t.Fatalf("%d windows after « Licences… » (%d before)", len(wins), before)
	}
	wins[len(wins)-1].Close()
}
