package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data/postgres/pgtest"
)

// The administrator makes a desk's role from the command line; the desk then
// works without the owner's warning, which every other command as the owner
// prints on the error output.
func TestDeskCommands(t *testing.T) {
	admin, name := pgtest.NewOwnedDatabase(t)
	if code, _, errs := runCLI(t, admin, "init"); code != 0 || errs != "" {
		t.Fatalf("init: %d %q", code, errs)
	}
	pw := writeFile(t, "mdp.txt", "motdepasse-1\n")
	desk := name + "_p1"
	if code, out, errs := runCLI(t, admin, "desk", "add", desk, "--password-file", pw); code != 0 || !strings.Contains(out, "Poste "+desk+" créé") {
		t.Fatalf("desk add: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCLI(t, admin, "desk", "list"); code != 0 || strings.TrimSpace(out) != desk {
		t.Fatalf("desk list: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, admin, "campaigns"); code != 0 || !strings.Contains(errs, "attention : Ce poste se connecte") {
		t.Fatalf("the owner's campaigns: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, pgtest.As(admin, desk), "campaigns"); code != 0 || errs != "" {
		t.Fatalf("the desk's campaigns: %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, pgtest.As(admin, desk), "desk", "add", name+"_p2", "--password-file", pw); code == 0 || !strings.Contains(errs, "Seul l'administrateur") {
		t.Fatalf("a desk adds a desk: %d %q", code, errs)
	}
	if code, out, _ := runCLI(t, admin, "desk", "remove", desk); code != 0 || !strings.Contains(out, "retiré") {
		t.Fatalf("desk remove: %d %q", code, out)
	}
	if code, _, errs := runCLI(t, filepath.Join(t.TempDir(), "c.db"), "desk", "list"); code != 1 || !strings.Contains(errs, "PostgreSQL") {
		t.Fatalf("desk on a file: %d %q", code, errs)
	}
}
