package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion"
)

// --version prints « Cohésion X.Y.Z », from FyneApp.toml.
func TestVersion(t *testing.T) {
	var out, errw bytes.Buffer
	if code := run([]string{"--version"}, strings.NewReader(""), &out, &errw); code != 0 {
		t.Fatalf("exit %d: %s", code, errw.String())
	}
	if want := "Cohésion " + cohesion.App.Details.Version + "\n"; out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
}

// --help names the base used without --db, and where that address comes from.
func TestHelpSaysWhichBaseAndWhy(t *testing.T) {
	t.Setenv("COHESION_DB", "postgres://cohesion@serveur/ami")
	var out, errw bytes.Buffer
	if code := run([]string{"--help"}, strings.NewReader(""), &out, &errw); code != 0 {
		t.Fatalf("exit %d", code)
	}
	help := errw.String()
	for _, want := range []string{"Base utilisée sans --db : postgres://cohesion@serveur/ami", "variable d'environnement COHESION_DB"} {
		if !strings.Contains(help, want) {
			t.Errorf("no %q in:\n%s", want, help)
		}
	}
}
