package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// A backup replaces an existing file only when told to, and never a base
// that a window or command has open (issue 18: `backup -o live.db` during an
// import left live.db malformed and the import gone).
func TestBackupReplacesOnlyWhenToldAndNeverAnOpenBase(t *testing.T) {
	db, c := open(t)
	mustCreate(t, db, c)
	dir := t.TempDir()
	plain := filepath.Join(dir, "ancien.db")
	os.WriteFile(plain, []byte("ancien"), 0o644)
	err := db.Backup(ctx, plain, data.BackupOptions{})
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(data.ErrorMessage(err), "existe déjà : ajoutez --replace") {
		t.Fatalf("backup over a file without Replace: %v", err)
	}
	if b, _ := os.ReadFile(plain); string(b) != "ancien" {
		t.Fatalf("the refused backup changed the file: %q", b)
	}
	if err := db.Backup(ctx, plain, data.BackupOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.CheckFile(plain); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sqlite.LockPath(plain)); err == nil {
		t.Error("the lock taken to replace a file that was no base was left beside it")
	}

	live := filepath.Join(dir, "live.db")
	other := mustOpen(t, live) // another desk has it open
	err = db.Backup(ctx, live, data.BackupOptions{Replace: true})
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(data.ErrorMessage(err), "ouverte par une autre fenêtre ou commande") {
		t.Fatalf("backup over an open base: %v", err)
	}
	if n := count(t, other, c); n != 0 {
		t.Fatalf("the open base holds %d applications", n)
	}
	other.Close()
	// Closed, it is replaced, its WAL and shared memory with it (SQLite would
	// apply an old WAL to the new file).
	os.WriteFile(live+"-wal", []byte("vieux journal"), 0o644)
	if err := db.Backup(ctx, live, data.BackupOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live + "-wal"); err == nil {
		t.Error("the replaced base's WAL was kept")
	}
	if n := count(t, mustOpen(t, live), c); n != 1 {
		t.Fatalf("the replaced base holds %d applications, want the backup's 1", n)
	}
}

// The next opening of a base removes what an interrupted operation left beside
// it and in its backup folder, the temporary files named as the code names
// them, and names them once; those a running process holds, and those of
// another base of the folder, stay.
func TestOpeningRemovesLeftovers(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "c.db")
	mustOpen(t, base).Close()
	otherBase := filepath.Join(dir, "autre.db")
	mustOpen(t, otherBase).Close()
	abandoned := func(target, sort string) string {
		tmp, err := files.CreateTemp(target, sort)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(tmp.Path+"-wal", []byte("x"), 0o644)
		// Closing the file as a killed process would: held no more, still there.
		tmp.File().Close()
		return tmp.Path
	}
	os.MkdirAll(sqlite.BackupDir(base), 0o755)
	gone := []string{
		abandoned(base, files.Restoring),
		abandoned(filepath.Join(dir, "copie.db"), files.Partial),
		abandoned(filepath.Join(sqlite.BackupDir(base), "c-20260101-120000.db"), files.Partial),
	}
	kept := []string{abandoned(otherBase, files.Restoring)}
	running, err := files.CreateTemp(filepath.Join(dir, "export.csv"), files.Partial)
	if err != nil {
		t.Fatal(err)
	}
	defer running.Remove()
	kept = append(kept, running.Path)

	db := mustOpen(t, base)
	for _, f := range gone {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("left: %s", f)
		}
		if _, err := os.Stat(f + "-wal"); err == nil {
			t.Errorf("left: %s-wal", f)
		}
	}
	for _, f := range kept {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("removed: %s", f)
		}
	}
	named := db.RemoveLeftovers()
	if len(named) != len(gone) {
		t.Fatalf("named %v, want %v", named, gone)
	}
	if again := db.RemoveLeftovers(); len(again) != 0 {
		t.Fatalf("named twice: %v", again)
	}
}
