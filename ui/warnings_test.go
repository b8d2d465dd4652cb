package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
)

// A desk that opens a shared base as its owner is told so above every
// screen; a desk's own role is not.
func TestOwnerConnectionIsWarnedAboveEveryScreen(t *testing.T) {
	a := newTestApp(t)
	admin, name := pgtest.NewOwnedDatabase(t)
	a.openBase(admin, "")
	if !strings.Contains(barLabels(a.lockBar), "propriétaire de la base") {
		t.Fatalf("bar after opening as the owner: %q", barLabels(a.lockBar))
	}
	a.show(5)
	if !strings.Contains(barLabels(a.lockBar), "desk add") {
		t.Fatalf("the warning left with the screen: %q", barLabels(a.lockBar))
	}
	if err := a.db.(data.Desks).AddDesk(context.Background(), name+"_p1", "motdepasse-1"); err != nil {
		t.Fatal(err)
	}
	a.openBase(pgtest.As(admin, name+"_p1"), "")
	if !strings.Contains(a.db.Location(), name+"_p1@") || barLabels(a.lockBar) != "" {
		t.Fatalf("a desk's role on %s is warned: %q", a.db.Location(), barLabels(a.lockBar))
	}
}

// barLabels is the text of every label in o, one per line.
func barLabels(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}
