package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Every way the graphics can fail to start ends in the French message and the
// log, never a Go trace: no display at all, a display that does not answer
// (GLFW « not initialized »: Fyne's driver panicked building its cursors),
// and an X server without OpenGL (no GLX).
func TestGraphicsThatCannotStartAreSaid(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "cohesion")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cases := map[string][]string{"no display": {"DISPLAY="}, "a display that does not answer": {"DISPLAY=:87"}}
	if display := xvfbWithoutGL(t); display != "" {
		cases["an X server without OpenGL"] = []string{"DISPLAY=" + display}
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(bin, filepath.Join(dir, "c.db"))
			cmd.Env = append(os.Environ(), append(env, "WAYLAND_DISPLAY=", "XDG_CONFIG_HOME="+dir)...)
			out, err := cmd.CombinedOutput()
			if code := cmd.ProcessState.ExitCode(); err == nil || code != 1 {
				t.Fatalf("exit %d (%v), want 1:\n%s", code, err, out)
			}
			if !strings.Contains(string(out), "La fenêtre de Cohésion ne peut pas s'ouvrir") || strings.Contains(string(out), "goroutine") {
				t.Fatalf("said:\n%s", out)
			}
			logged, _ := os.ReadFile(filepath.Join(dir, "cohesion.log"))
			if !strings.Contains(string(logged), "La fenêtre n'a pas pu s'ouvrir") && !strings.Contains(string(logged), "Arrêt sur une erreur") {
				t.Fatalf("the log has no cause:\n%s", logged)
			}
		})
	}
}

// xvfbWithoutGL starts an X server without its GLX extension, for the test's
// time, and returns its display; Xvfb comes with scripts/setup-debian.sh. A
// machine without it skips that case, but CI has it.
func xvfbWithoutGL(t *testing.T) string {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Xvfb est introuvable : scripts/setup-debian.sh l'installe")
		}
		t.Log("Xvfb absent : le cas sans OpenGL n'est pas essayé")
		return ""
	}
	return xvfb(t, "-screen", "0", "1024x768x24", "-extension", "GLX")
}

// xvfb starts an X server with args, for the test's time, and returns its
// display once it accepts clients.
func xvfb(t *testing.T, args ...string) string {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", append([]string{"-displayfd", "3"}, args...)...)
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { x.Process.Kill(); x.Wait() })
	number := make(chan string, 1)
	go func() { // the server writes its display's number once it accepts clients
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatal("Xvfb n'a pas démarré")
	}
	return ""
}
