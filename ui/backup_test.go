package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// The window's backup goes through the adapter's rule: the save dialog's
// « Remplacer » lets it replace an existing file, but a base that another
// window or command has open is refused even then (issue 18).
func TestBackupNeverReplacesAnOpenBase(t *testing.T) {
	a := newTestApp(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	live := filepath.Join(home, "live.db")
	other, err := sqlite.Open(live) // another desk works on it
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	was, _ := os.Stat(live)
	before := len(a.dialogs.open)

	backupTo := func(name string) {
		a.safety.onBackup()
		entry := saveName(t, a)
		test.Type(entry, "")
		entry.SetText(name)
		entry.OnSubmitted(entry.Text)
		test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Remplacer"))
	}
	backupTo("live.db")
	if now, err := os.Stat(live); err != nil || !os.SameFile(was, now) {
		t.Fatalf("the base another desk has open was replaced (%v)", err)
	}
	if len(a.dialogs.open) != before+1 || !strings.Contains(strings.Join(labels(a.win.Canvas().Overlays().Top()), " "), "ouverte par une autre fenêtre") {
		t.Fatalf("%d dialogs, %q: want the refusal", len(a.dialogs.open)-before, labels(a.win.Canvas().Overlays().Top()))
	}
	a.dialogs.dismissTop()

	// A file that is no open base is replaced once the user said so.
	plain := filepath.Join(home, "ancienne.db")
	os.WriteFile(plain, []byte("ancien"), 0o644)
	backupTo("ancienne.db")
	if err := sqlite.CheckFile(plain); err != nil {
		t.Fatalf("the confirmed backup: %v", err)
	}
}

// labels lists the texts of the labels under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *frenchLabel:
			out = append(out, w.text)
		case *widget.RichText:
			out = append(out, w.String())
		case *widget.PopUp:
			walk(w.Content)
		case *container.Scroll:
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// The purge removes what an interrupted operation left beside the base (a
// restore's full copy, every personal datum in it) and names it.
func TestPurgeNamesTheLeftovers(t *testing.T) {
	a := newTestApp(t)
	path := a.base.db.(*sqlite.DB).Path()
	tmp, err := files.CreateTemp(path, files.Restoring)
	if err != nil {
		t.Fatal(err)
	}
	tmp.File().Close() // as a killed restore leaves it
	choose(t, a, "Données personnelles…")
	test.Tap(findButton(t, a.win.Canvas().Overlays().Top(), "Purger les données échues…"))
	if _, err := os.Stat(tmp.Path); err == nil {
		t.Fatal("the restore's copy is still there")
	}
	if text := strings.Join(labels(a.win.Canvas().Overlays().Top()), " "); !strings.Contains(text, "interrompue") || !strings.Contains(text, filepath.Base(tmp.Path)) {
		t.Fatalf("the purge's message: %q", text)
	}
}
