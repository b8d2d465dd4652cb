package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

// warnedStore is a base with a warning, as a shared base reached in clear
// has one (its detection is tested in data/postgres).
type warnedStore struct{ data.Store }

const clearWarning = "La connexion à serveur:5432 n'est pas chiffrée."

func (warnedStore) Warnings() []data.Warning { return []data.Warning{{Text: clearWarning}} }

// barTexts are the texts of the bar above every screen.
func barTexts(a *App) []string {
	var out []string
	for _, o := range a.lockBar.Objects {
		for _, c := range o.(*fyne.Container).Objects {
			if l, ok := c.(*widget.Label); ok {
				out = append(out, l.Text)
			}
		}
	}
	return out
}

// The base's warning shows above every screen from the window's first
// screen, and stays when the campaign changes.
func TestBaseWarningAboveEveryScreen(t *testing.T) {
	fa := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "cohesion.db")
	t.Setenv("COHESION_DB", path)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Pin(db, time.Date(2021, 4, 20, 10, 0, 0, 0, data.Paris))
	a, err := newApp(fa, backend.Bases{}, path, warnedStore{db}, inlineRunner{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if got := barTexts(a); len(got) != 1 || got[0] != clearWarning {
		t.Fatalf("bar at start: %q", got)
	}
	a.selectScreen("Jury")
	a.setCampaign(a.campaign)
	if got := barTexts(a); len(got) != 1 || got[0] != clearWarning {
		t.Fatalf("bar after the campaign changed: %q", got)
	}
}
