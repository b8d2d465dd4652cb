package ui

import (
	"strings"
	"testing"
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
