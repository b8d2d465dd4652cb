package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/postgres/pgtest"
)

// A desk that opens a shared base as its owner is told so above every
// screen; a desk's own role is not.
func TestOwnerConnectionIsWarnedAboveEveryScreen(t *testing.T) {
	a := newTestApp(t)
	admin, name := pgtest.NewOwnedDatabase(t)
	a.shared.openBase(context.Background(), admin, "")
	if !strings.Contains(labelsUnder(a.lockBar), "propriétaire de la base") {
		t.Fatalf("bar after opening as the owner: %q", labelsUnder(a.lockBar))
	}
	a.show(5)
	if !strings.Contains(labelsUnder(a.lockBar), "desk add") {
		t.Fatalf("the warning left with the screen: %q", labelsUnder(a.lockBar))
	}
	if err := a.base.db.(data.Desks).AddDesk(context.Background(), name+"_p1", "motdepasse-1"); err != nil {
		t.Fatal(err)
	}
	a.shared.openBase(context.Background(), pgtest.As(admin, name+"_p1"), "")
	if !strings.Contains(a.base.db.Location(), name+"_p1@") || labelsUnder(a.lockBar) != "" {
		t.Fatalf("a desk's role on %s is warned: %q", a.base.db.Location(), labelsUnder(a.lockBar))
	}
}
