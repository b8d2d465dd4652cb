package sqlite_test

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/storetest"
)

func restoreAt(src, dbPath string, force bool) (*data.RestoreReport, error) {
	return sqlite.Restore(src, dbPath, data.RestoreOptions{Force: force, Now: time.Date(2021, 5, 2, 10, 0, 0, 0, data.Paris)})
}

func TestBackupRestore(t *testing.T) {
	db, c := open(t)
	mustCreate(t, db, c)
	dest := filepath.Join(t.TempDir(), "copie.db")
	if err := db.Backup(ctx, dest, data.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.CheckFile(dest); err != nil {
		t.Fatal(err)
	}
	head, _ := db.Head(ctx)
	if got := sqlite.ReadHeadFile(dest); got != head.String() {
		t.Fatalf("head kept beside the backup: %q, want %q", got, head)
	}
	mustCreate(t, db, c) // changes after the backup…
	if _, err := db.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	rep, err := restoreAt(dest, path, false) // …are undone, and the replaced base is kept
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(rep.Kept); err != nil || !strings.Contains(rep.Kept, "avant-restauration-20210502") || rep.Migrated != 0 || rep.Forced != "" {
		t.Fatalf("report %+v: %v", rep, err)
	}
	re := mustOpen(t, path)
	if n := count(t, re, c); n != 1 {
		t.Fatalf("%d applications after restore, want 1", n)
	}
	if rep, err := re.VerifyAudit(ctx); err != nil || !rep.Intact() {
		t.Fatalf("verify after restore: %+v %v", rep, err) // the older trail is not mistaken for a cut one
	}
	if n := count(t, mustOpen(t, rep.Kept), c); n != 2 {
		t.Fatalf("the kept copy holds %d applications, want 2", n)
	}
}

// The backup is checked before it replaces anything.
func TestRestoreRefusesBadBackups(t *testing.T) {
	db, c := open(t)
	mustCreate(t, db, c)
	good := filepath.Join(t.TempDir(), "bonne.db")
	db.Backup(ctx, good, data.BackupOptions{})
	raw, _ := os.ReadFile(good)
	for i := len(raw) / 2; i < len(raw)/2+4096 && i < len(raw); i++ {
		raw[i] ^= 0x5a
	}
	damaged := filepath.Join(t.TempDir(), "abimee.db")
	os.WriteFile(damaged, raw, 0o644)
	notDB := filepath.Join(t.TempDir(), "texte.db")
	os.WriteFile(notDB, []byte(strings.Repeat("pas une base\n", 500)), 0o644)
	orphans := copyOf(t, good, "orphelins.db", `PRAGMA foreign_keys = OFF`, `INSERT INTO application_qpvs (application_id, position, qpv_code) VALUES (999, 1, 'QP062019')`)
	newer := copyOf(t, good, "future.db", `PRAGMA user_version = 999`)
	path := db.Path()
	db.Close()
	for src, want := range map[string]string{damaged: "endommagé", notDB: "endommagé", orphans: "clés étrangères", newer: "plus récente",
		filepath.Join(t.TempDir(), "absent.db"): "introuvable"} {
		if _, err := restoreAt(src, path, true); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore of %s: %v", filepath.Base(src), err)
		}
	}
	if n := count(t, mustOpen(t, path), c); n != 1 {
		t.Fatal("a refused restore changed the base")
	}
}

// copyOf copies a base file and runs statements on the copy.
func copyOf(t *testing.T, src, name string, stmts ...string) string {
	t.Helper()
	b, _ := os.ReadFile(src)
	dst := filepath.Join(t.TempDir(), name)
	os.WriteFile(dst, b, 0o644)
	raw, err := sql.Open("sqlite3", dst)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetMaxOpenConns(1)
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return dst
}

// A restore holds the base's lock alone: refused while any window or command
// (an import under way) has the base open, so none of its writes is lost.
func TestRestoreRefusedWhileOpen(t *testing.T) {
	db, c := open(t)
	mustCreate(t, db, c)
	backup := filepath.Join(t.TempDir(), "s.db")
	db.Backup(ctx, backup, data.BackupOptions{})
	mustCreate(t, db, c)
	_, err := restoreAt(backup, db.Path(), false)
	if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(err.Error(), "ouverte par une autre fenêtre ou commande") {
		t.Fatalf("restore while the base is open: %v", err)
	}
	if n := count(t, db, c); n != 2 {
		t.Fatalf("%d applications: the refused restore lost a write", n)
	}
	path := db.Path()
	db.Close()
	if _, err := restoreAt(backup, path, false); err != nil {
		t.Fatalf("restore once closed: %v", err)
	}
}

// A backup whose journal does not hold is refused, or restored on purpose,
// which the journal says.
func TestRestoreChecksTheJournal(t *testing.T) {
	db, c := open(t)
	a := mustCreate(t, db, c)
	good := filepath.Join(t.TempDir(), "s.db")
	db.Backup(ctx, good, data.BackupOptions{})
	tampered := copyOf(t, good, "falsifiee.db", fmt.Sprintf(`UPDATE applications SET requested_cents = 1 WHERE id = %d`, a.ID))
	path := db.Path()
	db.Close()
	_, err := restoreAt(tampered, path, false)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(err.Error(), "journal ne tient pas") || !strings.Contains(err.Error(), "--force") ||
		!strings.Contains(err.Error(), a.Number) || !strings.Contains(err.Error(), "falsifiee.db") {
		t.Fatalf("restore of a tampered backup: %v", err)
	}
	rep, err := restoreAt(tampered, path, true)
	if err != nil || !strings.Contains(rep.Forced, a.Number) {
		t.Fatalf("forced restore: %+v %v", rep, err)
	}
	re := mustOpen(t, path)
	trail, _ := re.Audit(ctx, data.AuditFilter{CampaignID: c.ID})
	found := false
	for _, e := range trail {
		found = found || (e.Action == "restauration forcée" && strings.Contains(e.Old, a.Number))
	}
	if !found {
		t.Fatal("the forced restore is not in the journal")
	}
	if rep, _ := re.VerifyAudit(ctx); !rep.Intact() {
		t.Fatalf("after the forced restore, the journal starts from what was restored: %s", rep.Verdict())
	}
}

// A backup made by an older Cohésion is brought up to date (keeping it first),
// its shared structures split, its journal taking the data as they are.
func TestRestoreMigratesAnOlderBackup(t *testing.T) {
	old := filepath.Join(t.TempDir(), "ancienne.db")
	if err := sqlite.CreateAtVersion(old, 9, func(raw *sql.DB) error {
		for _, q := range []string{
			`INSERT INTO campaigns (id, code, title, envelope_cents, created_at) VALUES (1, 'AMI2020', 'AMI 2020', 10000000, '2020-01-01T00:00:00Z')`,
			`INSERT INTO structures (id, name, siret) VALUES (1, 'Les Petits Pas', '73282932000074')`,
			`INSERT INTO applications (id, campaign_id, number, received, structure_id, title, requested_cents, status, created_at, updated_at)
				VALUES (1, 1, 'AMI2020-001', '2020-03-01T10:00:00Z', 1, 'Premier', 100000, 'recu', '', ''),
				       (2, 1, 'AMI2020-002', '2020-03-02T10:00:00Z', 1, 'Second', 200000, 'recu', '', '')`,
		} {
			if _, err := raw.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cohesion.db")
	rep, err := restoreAt(old, path, false)
	if err != nil || rep.Migrated != 9 {
		t.Fatalf("restore of a v9 backup: %+v %v", rep, err)
	}
	db := mustOpen(t, path)
	a1, _ := db.ApplicationByNumber(ctx, 1, "AMI2020-001")
	a2, _ := db.ApplicationByNumber(ctx, 1, "AMI2020-002")
	if a1.Structure.ID == a2.Structure.ID || a2.Structure.Name != "Les Petits Pas" {
		t.Fatalf("shared structure not split: %+v %+v", a1.Structure, a2.Structure)
	}
	if rep, _ := db.VerifyAudit(ctx); !rep.Intact() || rep.Count < 3 {
		t.Fatalf("journal of the migrated backup: %s", rep.Verdict())
	}
	if files, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(path), "avant-migration-v9-*.db")); len(files) != 1 {
		t.Fatalf("no backup of the older copy before migrating it: %v", files)
	}
}

func TestAutoBackupAndRotationPerBase(t *testing.T) {
	db, _ := open(t)
	other := mustOpen(t, filepath.Join(filepath.Dir(db.Path()), "essai.db"))
	day := time.Date(2021, 1, 1, 9, 0, 0, 0, data.Paris)
	var made []string
	for i := 0; i < 40; i++ {
		storetest.Pin(db, day.AddDate(0, 0, i*2))
		p, err := db.AutoBackup(ctx)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
		if again, _ := db.AutoBackup(ctx); again != "" {
			t.Fatal("two backups on one day")
		}
	}
	storetest.Pin(other, day)
	if _, err := other.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(db.Path()), "cohesion-*.db"))
	// 40 backups over ~80 days (Jan–Mar): the last 10, plus the newest of January and February.
	if len(files) != 12 {
		t.Fatalf("%d backups kept: %v", len(files), files)
	}
	if sqlite.LatestBackup(db.Path()) != made[len(made)-1] {
		t.Fatalf("latest %s, want %s", sqlite.LatestBackup(db.Path()), made[len(made)-1])
	}
	// Two bases in one folder never offer each other's backups.
	if l := sqlite.LatestBackup(other.Path()); !strings.HasPrefix(filepath.Base(l), "essai-20210101-") {
		t.Fatalf("the other base's latest backup: %s", l)
	}
}

func TestCorruptDatabaseNamesLatestBackup(t *testing.T) {
	db, c := open(t)
	for i := 0; i < 30; i++ {
		mustCreate(t, db, c)
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
	var ce *data.CorruptError
	if !errors.As(err, &ce) || ce.LatestBackup == "" || !strings.Contains(ce.Error(), "sauvegarde") {
		t.Fatalf("a damaged base: %v", err)
	}
	if _, err := restoreAt(ce.LatestBackup, path, false); err != nil {
		t.Fatal(err)
	}
	if n := count(t, mustOpen(t, path), c); n != 30 {
		t.Fatalf("%d applications after restore", n)
	}
}

func TestBackupBeforeMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	if err := sqlite.CreateAtVersion(path, sqlite.SchemaVersion()-1, nil); err != nil {
		t.Fatal(err)
	}
	mustOpen(t, path)
	files, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(path), "avant-migration-v*.db"))
	if len(files) != 1 || !strings.Contains(files[0], fmt.Sprintf("v%d-", sqlite.SchemaVersion()-1)) {
		t.Fatalf("backups before migration: %v", files)
	}
	if err := sqlite.CheckFile(files[0]); err != nil {
		t.Fatal(err)
	}
}

// Rows cut from the end of the trail leave no broken link: the latest backup shows them.
func TestAuditTailCutDetectedByBackup(t *testing.T) {
	db, c := open(t)
	for i := 0; i < 3; i++ {
		mustCreate(t, db, c)
	}
	if _, err := db.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, db.Path())
	for _, q := range []string{`DROP TRIGGER audit_no_delete`, `DELETE FROM audit WHERE id >= (SELECT max(id) - 1 FROM audit)`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := db.VerifyAudit(ctx)
	if err != nil || rep.Broken == nil || !strings.Contains(rep.Broken.Reason, "fin de journal") {
		t.Fatalf("tail cut: %+v %v", rep, err)
	}
}

// After a purge, the purged values are in none of the base's files, nor in
// its backups (those that held them are removed, and named).
func TestPurgeLeavesNoTrace(t *testing.T) {
	db, c := open(t)
	a := app(c)
	a.Structure.Email = "sabrina.dufour.unique@petitspas.example.org"
	if err := db.CreateApplication(ctx, c, a); err != nil {
		t.Fatal(err)
	}
	a.Structure.Phone = "03 21 98 76 54"
	if err := db.UpdateApplication(ctx, c, a, data.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AutoBackup(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.Pin(db, time.Date(2024, 10, 2, 9, 0, 0, 0, data.Paris))
	purged, err := db.PurgeExpired(ctx, false)
	if err != nil || len(purged) == 0 || len(purged[0].RemovedBackups) != 1 {
		t.Fatalf("purge: %+v %v", purged, err)
	}
	files := []string{db.Path(), db.Path() + "-wal"}
	more, _ := filepath.Glob(filepath.Join(sqlite.BackupDir(db.Path()), "*"))
	for _, f := range append(files, more...) {
		b, _ := os.ReadFile(f)
		for _, v := range []string{"sabrina.dufour.unique", "03 21 98 76 54", "Sabrina Dufour"} {
			if strings.Contains(string(b), v) {
				t.Errorf("%s still holds %q", filepath.Base(f), v)
			}
		}
	}
	if rep, _ := db.VerifyAudit(ctx); !rep.Intact() {
		t.Fatalf("after the purge: %s", rep.Verdict())
	}
}

// A base made by Create leaves nothing of its making beside it (its lock,
// WAL and shared memory went with the temporary name).
func TestCreateLeavesOnlyTheBase(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "nouvelle.db")
	if err := sqlite.Create(dest, data.BackupOptions{}, func(*sqlite.DB) error { return nil }); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "nouvelle.db" && e.Name() != "nouvelle.db.empreinte" {
			t.Errorf("left beside the base: %s", e.Name())
		}
	}
}
