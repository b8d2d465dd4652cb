package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/call-agglo/cohesion/data/demo"
)

// The window's smallest size with each screen shown: at 100 % a 1024×768
// screen leaves about 1008×657 to the window's content (taskbar, title bar and
// borders taken), and 150 % on 1920×1080 about 1270×662.
var maxContentMin = fyne.NewSize(1000, 650)

func TestEveryScreenFitsA1024x768Screen(t *testing.T) {
	a := newTestApp(t)
	c, _, err := demo.Load(context.Background(), a.base.db)
	if err != nil {
		t.Fatal(err)
	}
	a.setCampaign(c)
	check := func(what string) {
		t.Helper()
		m := a.win.Content().MinSize()
		t.Logf("%s : %.0f×%.0f", what, m.Width, m.Height)
		if m.Width > maxContentMin.Width || m.Height > maxContentMin.Height {
			t.Errorf("%s needs %.0f×%.0f, more than %.0f×%.0f", what, m.Width, m.Height, maxContentMin.Width, maxContentMin.Height)
		}
	}
	for i, sc := range a.screens {
		a.nav.Select(i)
		check(sc.title)
	}
	a.selectScreen("Notation") // with a juror's matrix on screen
	a.scoring.jurorSel.SetSelectedIndex(0)
	check("Notation (un juré choisi)")
	a.selectScreen("Dossiers")
	a.register.openForm(&a.register.rows[0])
	check("le formulaire d'un dossier")
}
