package sqlite_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
)

func TestBackupRestore(t *testing.T) {
	db, c := open(t)
	a := app(t, c)
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copie.db")
	if err := db.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.CheckFile(dest); err != nil {
		t.Fatal(err)
	}
	// Changes after the backup…
	b := app(t, c)
	db.CreateApplication(ctx, c, b)
	if _, err := db.AutoBackup(ctx); err != nil { // a backup holding the longer trail
		t.Fatal(err)
	}
	db.Close()
	// …are undone by the restore, and the replaced base is kept.
	kept, err := sqlite.Restore(dest, db.Path(), time.Date(2021, 5, 2, 10, 0, 0, 0, data.Paris))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); err != nil || !strings.Contains(kept, "avant-restauration-20210502") {
		t.Fatalf("kept %q: %v", kept, err)
	}
	re, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if n := count(t, re, c); n != 1 {
		t.Fatalf("%d applications after restore, want 1", n)
	}
	// The restored (older) trail is not mistaken for a cut one.
	if _, broken, err := re.VerifyAudit(ctx); broken != nil || err != nil {
		t.Fatalf("verify after restore: %+v %v", broken, err)
	}
	old, err := sqlite.Open(kept)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if n := count(t, old, c); n != 2 {
		t.Fatalf("the kept copy holds %d applications, want 2", n)
	}
}

func TestRestoreRefusesDamagedFile(t *testing.T) {
	db, c := open(t)
	db.CreateApplication(ctx, c, app(t, c))
	good := filepath.Join(t.TempDir(), "bonne.db")
	db.Backup(ctx, good)
	// Damage a copy in its middle pages.
	raw, _ := os.ReadFile(good)
	for i := len(raw) / 2; i < len(raw)/2+4096 && i < len(raw); i++ {
		raw[i] ^= 0x5a
	}
	bad := filepath.Join(t.TempDir(), "abimee.db")
	os.WriteFile(bad, raw, 0o644)
	notDB := filepath.Join(t.TempDir(), "texte.db")
	os.WriteFile(notDB, []byte(strings.Repeat("pas une base\n", 500)), 0o644)
	for _, src := range []string{bad, notDB, filepath.Join(t.TempDir(), "absent.db")} {
		if _, err := sqlite.Restore(src, db.Path(), time.Now()); err == nil {
			t.Errorf("restore of %s accepted", filepath.Base(src))
		}
	}
	if n := count(t, db, c); n != 1 {
		t.Fatal("a refused restore changed the database")
	}
}

func TestAutoBackupAndRotation(t *testing.T) {
	db, _ := open(t)
	day := time.Date(2021, 1, 1, 9, 0, 0, 0, data.Paris)
	var made []string
	for i := 0; i < 40; i++ {
		now := day.AddDate(0, 0, i*2)
		db.Now = func() time.Time { return now }
		p, err := db.AutoBackup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
		// A second start the same day makes no second backup.
		if again, _ := db.AutoBackup(ctx); again != "" {
			t.Fatal("two backups on one day")
		}
	}
	files, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(db.Path()), "cohesion-*.db"))
	// 40 backups over ~80 days (Jan–Mar): the last 10, plus the newest of January and February.
	if len(files) != 12 {
		t.Fatalf("%d backups kept: %v", len(files), files)
	}
	if sqlite.LatestBackup(db.Path()) != made[len(made)-1] {
		t.Fatalf("latest %s, want %s", sqlite.LatestBackup(db.Path()), made[len(made)-1])
	}
}

func TestCorruptDatabaseNamesLatestBackup(t *testing.T) {
	db, c := open(t)
	for i := 0; i < 30; i++ {
		db.CreateApplication(ctx, c, app(t, c))
	}
	if _, err := db.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	os.Remove(path + "-wal")
	raw, _ := os.ReadFile(path)
	for i := 4096; i < len(raw) && i < 4096*6; i++ { // damage pages 2 to 6
		raw[i] = 0xff
	}
	os.WriteFile(path, raw, 0o644)
	_, err := sqlite.Open(path)
	var ce *sqlite.CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("a damaged base opened: %v", err)
	}
	if ce.LatestBackup == "" || !strings.Contains(ce.Error(), "sauvegarde") {
		t.Fatalf("%+v", ce)
	}
	// The offered backup restores a working base.
	if _, err := sqlite.Restore(ce.LatestBackup, path, time.Now()); err != nil {
		t.Fatal(err)
	}
	re, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	if n := count(t, re, c); n != 30 {
		t.Fatalf("%d applications after restore", n)
	}
}

func TestBackupBeforeMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	if err := sqlite.CreateAtVersion(path, sqlite.SchemaVersion()-1); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(path), "avant-migration-v*.db"))
	if len(files) != 1 || !strings.Contains(files[0], fmt.Sprintf("v%d-", sqlite.SchemaVersion()-1)) {
		t.Fatalf("backups before migration: %v", files)
	}
	if err := sqlite.CheckFile(files[0]); err != nil {
		t.Fatal(err)
	}
}
