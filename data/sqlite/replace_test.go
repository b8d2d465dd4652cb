package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
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
