package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The campaign selector of the side panel still opens after a spell of work
// followed by a rest: Cohésion stopped there (SIGSEGV in Select.showPopUp →
// NewPopUpMenu, a nil canvas), once Fyne had dropped its record of the window
// that shows the selector (see ui/keepalive.go).
//
// Fyne drops records by the clock — past their life, at a cleaning every ten
// seconds — so this test cannot wait on an event for it: FYNE_CACHE shortens
// a record's life to 25 s, and the steps are placed around the cleaning that
// follows: typing in the search field until 26 s (every key redraws, which is
// what lets the cleaning run; the selector, never redrawn, is not looked up),
// then resting, the field left, until the cleaning at about 30 s, then a
// click on the selector at 33 s, before Fyne's own walk of a resting window
// (after 15 s of rest). The list must open and its other campaign be chosen:
// the window's title says so.
func TestSelectorOpensAfterARest(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s est introuvable : scripts/setup-debian.sh l'installe", tool)
			}
			t.Skipf("%s absent", tool)
		}
	}
	dir := t.TempDir()
	gui, cli := build(t, dir, "."), build(t, dir, "../cohesion-cli")
	db := filepath.Join(dir, "c.db")
	if out, err := exec.Command(cli, "--db", db, "campaign", "new", "AMI2022", "--from", "AMI2021").CombinedOutput(); err != nil {
		t.Fatalf("campaign new: %v\n%s", err, out)
	}
	x := &xdo{t: t, display: xvfb(t, "-screen", "0", "1366x768x24")}
	app := exec.Command(gui, db)
	app.Env = append(os.Environ(), "DISPLAY="+x.display, "WAYLAND_DISPLAY=", "XDG_CONFIG_HOME="+dir,
		"COHESION_CAMPAIGN=AMI2021", "FYNE_CACHE=25s", "LANGUAGE=fr_FR")
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	var exit error
	ended := make(chan struct{})
	go func() { exit = app.Wait(); close(ended) }()
	t.Cleanup(func() { app.Process.Kill(); <-ended })

	win := x.run("search", "--sync", "--name", "Cohésion — AMI2021")
	shown := time.Now()
	x.run("key", "ctrl+2") // Dossiers
	x.run("key", "ctrl+f") // its search field
	for time.Since(shown) < 26*time.Second {
		x.run("type", "--delay", "100", "abc")
		x.run("key", "BackSpace", "BackSpace", "BackSpace")
	}
	x.run("mousemove", "--window", win, "700", "706", "click", "1") // the footer: the field loses the focus, its cursor stops blinking
	x.run("key", "ctrl+9")                                          // Historique: nothing there moves
	x.run("mousemove", "--window", win, "700", "600")
	time.Sleep(time.Until(shown.Add(33 * time.Second)))

	x.run("mousemove", "--window", win, "90", "88", "click", "1")
	x.run("key", "Down", "Return")
	if _, err := x.try("search", "--sync", "--name", "Cohésion — AMI2022"); err != nil {
		select {
		case <-ended:
			logged, _ := os.ReadFile(filepath.Join(dir, "cohesion.log"))
			t.Fatalf("Cohésion s'est arrêté (%v) :\n%s", exit, logged)
		default:
			t.Fatalf("la liste des campagnes ne s'est pas ouverte : %v", err)
		}
	}
}

// build compiles the package at path into dir and returns the executable.
func build(t *testing.T, dir, path string) string {
	bin := filepath.Join(dir, filepath.Base(filepath.Clean(path)))
	if path == "." {
		bin = filepath.Join(dir, "cohesion")
	}
	if out, err := exec.Command("go", "build", "-o", bin, path).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", path, err, out)
	}
	return bin
}

// xdo drives an X display with xdotool.
type xdo struct {
	t       *testing.T
	display string
}

// try runs xdotool with args and returns its output; a search that never
// finds its window ends after 30 seconds.
func (x *xdo) try(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.Output()
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0]), err
}

// run is try, failing the test on an error.
func (x *xdo) run(args ...string) string {
	x.t.Helper()
	out, err := x.try(args...)
	if err != nil {
		x.t.Fatalf("xdotool %s: %v", strings.Join(args, " "), err)
	}
	return out
}
