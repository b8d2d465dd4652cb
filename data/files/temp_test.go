package files

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// A temporary file its writer holds is never taken for a leftover; once the
// writer is gone (its lock released, as the system does for a process that
// dies), it is removed with what SQLite kept beside it, and named.
func TestLeftoversSpareTheFilesBeingWritten(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "copie.db")
	live, err := CreateTemp(target, Partial)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Remove()
	dead, err := CreateTemp(target, Restoring)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dead.Path+"-wal", []byte("x"), 0o644)
	orphan := filepath.Join(dir, ".copie.db.partiel-12-shm") // its main file is gone
	os.WriteFile(orphan, nil, 0o644)
	other := filepath.Join(dir, ".autre.db.partiel-7") // not the target asked about
	os.WriteFile(other, nil, 0o644)
	dead.release() // the writer dies: its lock goes, its file stays

	belongs := func(name string) bool { return name == "copie.db" }
	removed := RemoveLeftovers(dir, belongs)
	want := []string{filepath.Join(dir, ".copie.db.partiel-12"), dead.Path} // sorted
	if !slices.Equal(removed, want) {
		t.Fatalf("removed %v, want %v", removed, want)
	}
	for _, f := range []string{dead.Path, dead.Path + "-wal", orphan} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s left", filepath.Base(f))
		}
	}
	for _, f := range []string{live.Path, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(f), err)
		}
	}
	// The live file is still its writer's: it puts it in place.
	if err := live.RenameNew(target); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(target); err != nil {
		t.Fatal(err)
	}
}

// RenameNew never replaces a file that is there; Rename does.
func TestRenameNewKeepsAnExistingFile(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "x.db")
	os.WriteFile(target, []byte("ancien"), 0o644)
	tmp, err := CreateTemp(target, Partial)
	if err != nil {
		t.Fatal(err)
	}
	defer tmp.Remove()
	tmp.File().WriteString("nouveau")
	if err := tmp.RenameNew(target); !os.IsExist(err) {
		t.Fatalf("RenameNew over a file: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "ancien" {
		t.Fatalf("content %q", b)
	}
	if err := tmp.Rename(target); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(target); string(b) != "nouveau" {
		t.Fatalf("content %q", b)
	}
}
