package cohesion

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The embedded identity is FyneApp.toml's, and the titles are built from it.
func TestAppIsFyneAppToml(t *testing.T) {
	text, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	id, err := Parse(string(text))
	if err != nil {
		t.Fatal(err)
	}
	if App != id {
		t.Fatalf("embedded %+v, file %+v", App, id)
	}
	if want := "Cohésion " + id.Details.Version; App.Title() != want {
		t.Fatalf("Title() = %q, want %q", App.Title(), want)
	}
	if about := App.About("x.db"); !strings.HasPrefix(about, App.Title()+"\n") || !strings.Contains(about, "Base : x.db") {
		t.Fatalf("About() = %q", about)
	}
	if App.Details.Icon != "assets/icon.png" {
		t.Fatalf("icon %s: the binary embeds assets/icon.png", App.Details.Icon)
	}
}

// Raising the version in FyneApp.toml, and nothing else, renumbers the
// command line, the window's « À propos » and the Windows resources and
// installer (winres): each is built with a plain go build (no -ldflags) that
// sees a FyneApp.toml with the version raised, through -overlay (the tree is
// left alone, and only what embeds the file is rebuilt). The window's build
// is heavy: a two-line program prints the same About text instead.
func TestRaisedVersionReachesEveryReader(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cohesion-cli")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	raised := strings.Replace(FyneAppToml, `Version = "`+App.Details.Version+`"`, `Version = "9.8.7"`, 1)
	if raised == FyneAppToml {
		t.Fatal("no Version line in FyneApp.toml")
	}
	write(t, filepath.Join(tmp, "FyneApp.toml"), raised)
	write(t, filepath.Join(tmp, "about.go"),
		"package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/call-agglo/cohesion\"\n)\n\nfunc main() { fmt.Print(cohesion.App.About(\"x.db\")) }\n")
	overlay, err := json.Marshal(map[string]map[string]string{"Replace": {
		filepath.Join(root, "FyneApp.toml"):                  filepath.Join(tmp, "FyneApp.toml"),
		filepath.Join(root, "cmd", "about-check", "main.go"): filepath.Join(tmp, "about.go"),
	}})
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(tmp, "overlay.json"), string(overlay))

	checks := []struct{ pkg, arg, want string }{
		{"./cmd/cohesion-cli", "--version", "Cohésion 9.8.7\n"},
		{"./cmd/about-check", "", "Cohésion 9.8.7\n"}, // « À propos »
		{"./scripts/winres", "msi-version", "9.8.7\n"},
	}
	for i, c := range checks {
		bin := filepath.Join(tmp, fmt.Sprintf("bin%d", i))
		run(t, root, "go", "build", "-overlay", filepath.Join(tmp, "overlay.json"), "-o", bin, c.pkg)
		var args []string
		if c.arg != "" {
			args = append(args, c.arg)
		}
		if out := run(t, root, bin, args...); !strings.HasPrefix(out, c.want) {
			t.Errorf("%s %s says %q, want it to start with %q", c.pkg, c.arg, out, c.want)
		}
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
