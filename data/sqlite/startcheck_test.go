package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// A large base is not read whole at every start: SQLite's integrity check runs
// after an unclean stop (a WAL left while no process has the base open), not
// after a clean one, nor while another process has it open.
func TestStartChecksALargeBaseOnlyAfterAnUncleanStop(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.EnsureDefault(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	if sqlite.NeedsCheck(t, path) {
		t.Error("checked while another process has the base open")
	}
	// What a process killed now leaves: the base and its WAL, no lock held.
	crashed := filepath.Join(dir, "crash.db")
	copyTo(t, path, crashed)
	copyTo(t, path+"-wal", crashed+"-wal")
	db.Close()
	if _, err := os.Stat(path + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a clean close left its WAL: %v", err)
	}
	if sqlite.NeedsCheck(t, path) {
		t.Error("checked after a clean stop")
	}
	if !sqlite.NeedsCheck(t, crashed) {
		t.Error("not checked after an unclean stop")
	}
}

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A small base is checked at every start, except by a command that only
// reads it (a document), which checks it only after an unclean stop.
func TestStartChecksASmallBaseExceptForReading(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.EnsureDefault(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(dir, "crash.db")
	copyTo(t, path, crashed)
	copyTo(t, path+"-wal", crashed+"-wal")
	db.Close()
	if !sqlite.NeedsCheckSmall(path, false) {
		t.Error("a small base not checked at a start that writes")
	}
	if sqlite.NeedsCheckSmall(path, true) {
		t.Error("a small base checked after a clean stop for a command that only reads")
	}
	if !sqlite.NeedsCheckSmall(crashed, true) {
		t.Error("a small base not checked after an unclean stop for a command that only reads")
	}
}
