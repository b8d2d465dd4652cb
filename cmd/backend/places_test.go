package backend

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// On Windows the live base goes to LocalAppData, which never roams; the old
// place is the roaming AppData (here redirected to a share by IT); backups are
// copied to Documents, or where COHESION_BACKUPS says.
func TestFoldersOnWindows(t *testing.T) {
	env := map[string]string{
		"LOCALAPPDATA": `C:\Users\marie\AppData\Local`,
		"APPDATA":      `\\fichiers\profils$\marie\AppData\Roaming\`,
	}
	f := foldersFor("windows", envOf(env), `\\fichiers\documents$\marie`)
	want := Folders{
		Data:    `C:\Users\marie\AppData\Local\Cohesion`,
		Old:     `\\fichiers\profils$\marie\AppData\Roaming\Cohesion`,
		Backups: `\\fichiers\documents$\marie\Cohésion\Sauvegardes`,
	}
	if f != want {
		t.Fatalf("got %+v\nwant %+v", f, want)
	}
	env["COHESION_BACKUPS"] = `D:\Sauvegardes\Cohésion`
	if f := foldersFor("windows", envOf(env), `C:\Users\marie\Documents`); f.Backups != `D:\Sauvegardes\Cohésion` {
		t.Fatalf("COHESION_BACKUPS ignored: %+v", f)
	}
	if f := foldersFor("windows", envOf(map[string]string{"LOCALAPPDATA": `C:\L`}), ""); f.Old != "" || f.Backups != "" {
		t.Fatalf("no AppData, no Documents: %+v", f)
	}
	if f := foldersFor("windows", envOf(map[string]string{"APPDATA": `C:\R`}), ""); f.Data != `C:\R\Cohesion` || f.Old != "" {
		t.Fatalf("no LocalAppData: %+v", f)
	}
}

// Linux keeps its XDG folder, and nothing moves or is copied.
func TestFoldersOnLinux(t *testing.T) {
	f := foldersFor("linux", envOf(map[string]string{"HOME": "/home/marie"}), "")
	if f != (Folders{Data: "/home/marie/.config/Cohesion"}) {
		t.Fatalf("%+v", f)
	}
	f = foldersFor("linux", envOf(map[string]string{"HOME": "/home/marie", "XDG_CONFIG_HOME": "/srv/conf"}), "")
	if f.Data != "/srv/conf/Cohesion" {
		t.Fatalf("%+v", f)
	}
}

// COHESION_DB, then the policy, then the installer's value, then the file.
func TestChooseDefaultOrder(t *testing.T) {
	for _, c := range []struct{ env, policy, install, want string }{
		{"a.db", "postgres://gpo/x", "postgres://msi/x", "a.db"},
		{"", "postgres://gpo/x", "postgres://msi/x", "postgres://gpo/x"},
		{"", "", "postgres://msi/x", "postgres://msi/x"},
		{"", "", "", "local.db"},
	} {
		got := chooseDefault(c.env, c.policy, c.install, "local.db")
		if got.Address != c.want || got.From == "" {
			t.Errorf("%+v: got %+v", c, got)
		}
	}
	if got := chooseDefault("", "", "postgres://msi/x", "l.db").From; got != `installation pour tous les utilisateurs (HKLM\Software\Cohesion)` {
		t.Errorf("source %q", got)
	}
}

// A base in the old place moves whole to the new one, once, with a note
// left behind; a base already in the new place is never overwritten.
func TestMoveOld(t *testing.T) {
	root := t.TempDir()
	old, dir := filepath.Join(root, "Roaming", "Cohesion"), filepath.Join(root, "Local", "Cohesion")
	files := []string{"cohesion.db", "cohesion.db-wal", "cohesion.log", "sauvegardes/cohesion-20261201-090000.db", "empreintes/ab.json"}
	for _, f := range files {
		p := filepath.Join(old, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	moved, err := moveOld(old, dir)
	if err != nil || !moved {
		t.Fatalf("moved %v, %v", moved, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil || string(b) != f {
			t.Errorf("%s: %q %v", f, b, err)
		}
		if exists(filepath.Join(old, filepath.FromSlash(f))) {
			t.Errorf("%s left in the old place", f)
		}
	}
	if !exists(filepath.Join(old, "LISEZMOI - base déplacée.txt")) {
		t.Error("no note in the old place")
	}
	// An old base again (another version wrote it): the new one stays.
	os.WriteFile(filepath.Join(old, "cohesion.db"), []byte("autre"), 0o644)
	if moved, err := moveOld(old, dir); moved || err != nil {
		t.Fatalf("moved over an existing base: %v %v", moved, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cohesion.db")); string(b) != "cohesion.db" {
		t.Fatalf("new base overwritten: %q", b)
	}
	if moved, _ := moveOld("", dir); moved {
		t.Fatal("moved from nowhere")
	}
}

// The day's backup is copied to the user's folder, and copies of backups the
// rotation removed go too.
func TestCopyBackup(t *testing.T) {
	root := t.TempDir()
	backups := filepath.Join(root, "Cohesion", "sauvegardes")
	os.MkdirAll(backups, 0o755)
	today := filepath.Join(backups, "cohesion-20261206-090000.db")
	os.WriteFile(today, []byte("base"), 0o644)
	os.WriteFile(today+".empreinte", []byte("tête"), 0o644)
	dest := filepath.Join(root, "Documents", "Cohésion", "Sauvegardes")
	os.MkdirAll(dest, 0o755)
	stale := filepath.Join(dest, "cohesion-20250101-090000.db")
	os.WriteFile(stale, []byte("vieille"), 0o644)
	mine := filepath.Join(dest, "notes.db") // not a backup's name: left alone
	os.WriteFile(mine, []byte("à moi"), 0o644)
	if err := copyBackup(today, dest); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "cohesion-20261206-090000.db")); string(b) != "base" {
		t.Fatalf("copy %q", b)
	}
	if !exists(filepath.Join(dest, "cohesion-20261206-090000.db.empreinte")) {
		t.Error("journal head not copied")
	}
	if exists(stale) {
		t.Error("a copy the rotation dropped is kept")
	}
	if !exists(mine) {
		t.Error("a file of the user's removed")
	}
}

// The moved base's journal says where it came from, and still holds.
func TestMovedBaseJournalsItsMove(t *testing.T) {
	root := t.TempDir()
	old, dir := filepath.Join(root, "Roaming", "Cohesion"), filepath.Join(root, "Local", "Cohesion")
	os.MkdirAll(old, 0o755)
	db, err := sqlite.Open(filepath.Join(old, "cohesion.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.EnsureDefault(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if moved, err := moveOld(old, dir); !moved || err != nil {
		t.Fatalf("moved %v, %v", moved, err)
	}
	if err := journalMove(filepath.Join(dir, "cohesion.db"), old, dir); err != nil {
		t.Fatal(err)
	}
	db, err = sqlite.Open(filepath.Join(dir, "cohesion.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	entries, err := db.Audit(context.Background(), data.AuditFilter{})
	found := false
	for _, e := range entries {
		found = found || (e.Action == "base déplacée" && e.Old == old && e.New == dir)
	}
	if err != nil || !found {
		t.Fatalf("journal: %v %+v", err, entries)
	}
	if rep, err := db.VerifyAudit(context.Background()); err != nil || !rep.Intact() {
		t.Fatalf("journal after the move: %+v %v", rep, err)
	}
}
