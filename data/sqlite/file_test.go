package sqlite_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func TestSchemaAndPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path)
	raw := rawDB(t, path)
	var v int
	raw.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != sqlite.SchemaVersion() || v < 10 {
		t.Fatalf("user_version %d, want %d", v, sqlite.SchemaVersion())
	}
	var mode string
	raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %s", mode)
	}
	for i, on := range db.ForeignKeysOnAllConns(ctx, 4) {
		if !on {
			t.Errorf("connection %d has foreign keys off", i)
		}
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path)
	db.Close()
	raw := rawDB(t, path)
	if _, err := raw.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := sqlite.Open(path); err == nil || !strings.Contains(err.Error(), "version plus récente") {
		t.Fatalf("got %v", err)
	}
}

func TestNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	os.WriteFile(path, []byte(strings.Repeat("ceci n'est pas une base SQLite\n", 200)), 0o644)
	_, err := sqlite.Open(path)
	var ce *data.CorruptError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "endommagée") || ce.LatestBackup != "" {
		t.Fatalf("got %v", err)
	}
}

// Two processes starting on a new base at once: one creates and seeds it, the
// other waits and finds it done.
func TestConcurrentOpenMigratesOnce(t *testing.T) {
	for round := 0; round < 8; round++ {
		path := filepath.Join(t.TempDir(), "c.db")
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := sqlite.Open(path)
				if err != nil {
					errs <- err
					return
				}
				if _, err := seed.EnsureDefault(ctx, db); err != nil {
					errs <- err
				}
				db.Close()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("round %d: %v", round, err)
		}
		db := mustOpen(t, path)
		if cs, _ := db.Campaigns(ctx); len(cs) != 1 {
			t.Fatalf("round %d: %d campaigns", round, len(cs))
		}
	}
}

// A base on a network drive is refused for writing, with the reason and the
// way to share a base; a copy can still be opened to read.
func TestNetworkDriveRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	mustOpen(t, path).Close()
	restore := sqlite.SetNetworkDrive(true)
	defer restore()
	_, err := sqlite.Open(path)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "lecteur réseau") || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Fatalf("open on a network drive: %v", err)
	}
	ro, err := sqlite.OpenWith(path, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only opening of a copy: %v", err)
	}
	defer ro.Close()
	if _, err := ro.Campaigns(ctx); err != nil {
		t.Fatal(err)
	}
	// A write through it is refused in French, without the driver's English.
	if err := seedInto(ro); err == nil || strings.Contains(data.ErrorMessage(err), "readonly") || !strings.Contains(data.ErrorMessage(err), "lecture seule") {
		t.Fatalf("a write through a read-only opening: %v", err)
	}
}

func seedInto(db *sqlite.DB) error {
	_, err := seed.EnsureDefault(ctx, db)
	return err
}

func TestUNCIsANetworkDrive(t *testing.T) {
	for path, want := range map[string]bool{
		`\\serveur\partage\cohesion.db`: true, `//serveur/partage/cohesion.db`: true,
		`C:\Users\agent\AppData\Roaming\Cohesion\cohesion.db`: false, `\\?\C:\long\cohesion.db`: false,
	} {
		if got := sqlite.IsUNC(path); got != want {
			t.Errorf("%s: %v", path, got)
		}
	}
}

// A copy of a base a window has open does not claim « Base déjà ouverte »:
// the windows listed in the copy ran on the original. The same file opened
// by another path is still the same base.
func TestCopyOfAnOpenBaseIsNotOpen(t *testing.T) {
	dir := t.TempDir()
	orig := filepath.Join(dir, "cohesion.db")
	db, err := sqlite.Open(orig)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, _, err := db.RegisterInstance(ctx); err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(dir, "copie.db")
	if err := db.Backup(ctx, cp, data.BackupOptions{}); err != nil { // a consistent copy, instances included
		t.Fatal(err)
	}
	copied, err := sqlite.Open(cp)
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if _, others, err := copied.RegisterInstance(ctx); err != nil || len(others) != 0 {
		t.Fatalf("the copy claims %d window(s) open on it (%v)", len(others), err)
	}
	again, err := sqlite.Open(filepath.Join(dir, ".", "cohesion.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if _, others, err := again.RegisterInstance(ctx); err != nil || len(others) != 1 {
		t.Fatalf("a second window on the original sees %d window(s) (%v)", len(others), err)
	}
}
