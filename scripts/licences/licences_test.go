package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The committed LICENCES-TIERS.txt is what the build makes: a module added,
// removed or raised without rerunning the command fails here.
func TestCommittedFileMatchesTheBuild(t *testing.T) {
	got, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../assets/licences/LICENCES-TIERS.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, committed) {
		t.Fatal("LICENCES-TIERS.txt ne correspond plus à la compilation : lancez go run ./scripts/licences -o assets/licences/LICENCES-TIERS.txt")
	}
}

// Every module compiled in has a section, with a licence text in it; the
// Windows-only ones too (x/sys: the registry, the file dialogs).
func TestEveryModuleHasItsNotice(t *testing.T) {
	mods, err := Modules("../..")
	if err != nil {
		t.Fatal(err)
	}
	text, err := Generate("../..")
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, m := range mods {
		paths[m.Path] = true
		if !bytes.Contains(text, []byte("\r\n"+m.Path+" "+m.Version+"\r\n")) {
			t.Errorf("no section for %s %s", m.Path, m.Version)
		}
	}
	for _, want := range []string{"fyne.io/fyne/v2", "github.com/mattn/go-sqlite3", "github.com/jackc/pgx/v5", "golang.org/x/sys"} {
		if !paths[want] {
			t.Errorf("%s missing from the modules compiled in", want)
		}
	}
	for _, want := range []string{"La bibliothèque standard de Go", "SIL OPEN FONT LICENSE", "glfw/LICENSE.md"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("no %q", want)
		}
	}
}

// A module folder without any notice is refused: its terms would be unknown.
func TestNoticesRefusesAModuleWithoutLicence(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/main.go", []byte("package x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Notices(dir); err == nil {
		t.Fatal("no error")
	}
	if err := os.WriteFile(dir+"/COPYING.txt", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if files, err := Notices(dir); err != nil || len(files) != 1 {
		t.Fatalf("%v %v", files, err)
	}
}
