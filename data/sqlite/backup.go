package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// BackupDir is where automatic backups of a database go: a folder beside it.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "sauvegardes") }

// Backup writes a consistent copy of the database to dest while it stays in use
// (VACUUM INTO reads one snapshot). An existing dest is replaced only once the
// copy is complete.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return data.Errorf(data.EINTERNAL, "Impossible de créer le dossier de %s : %v", dest, err)
	}
	tmp := dest + ".partiel"
	os.Remove(tmp)
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return data.Errorf(data.EINTERNAL, "Sauvegarde impossible vers %s : %v", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Remove(tmp)
		return data.Errorf(data.EINTERNAL, "Sauvegarde impossible vers %s : %v", dest, err)
	}
	return nil
}

// AutoBackup makes the day's backup if there is none yet, then rotates: the
// last 10 backups are kept, and the newest of every month.
func (db *DB) AutoBackup(ctx context.Context) (string, error) {
	dir := BackupDir(db.path)
	today := db.Now().In(data.Paris).Format("20060102")
	for _, b := range listBackups(dir) {
		if strings.Contains(filepath.Base(b), "-"+today+"-") {
			return "", nil
		}
	}
	dest := filepath.Join(dir, "cohesion-"+db.Now().In(data.Paris).Format("20060102-150405")+".db")
	if err := db.Backup(ctx, dest); err != nil {
		return "", err
	}
	rotate(dir)
	return dest, nil
}

// listBackups returns the backups of a folder, oldest first (names sort by date).
func listBackups(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "cohesion-*.db"))
	sort.Strings(files)
	return files
}

// LatestBackup is the newest backup beside a database, or "".
func LatestBackup(dbPath string) string {
	files := listBackups(BackupDir(dbPath))
	if len(files) == 0 {
		return ""
	}
	return files[len(files)-1]
}

// rotate keeps the 10 newest backups and the newest of each month.
func rotate(dir string) {
	files := listBackups(dir)
	keep := map[string]bool{}
	for i := len(files) - 1; i >= 0 && i >= len(files)-10; i-- {
		keep[files[i]] = true
	}
	month := map[string]bool{}
	for i := len(files) - 1; i >= 0; i-- {
		// cohesion-YYYYMMDD-… : the month is YYYYMM.
		name := strings.TrimPrefix(filepath.Base(files[i]), "cohesion-")
		if len(name) >= 6 && !month[name[:6]] {
			month[name[:6]] = true
			keep[files[i]] = true
		}
	}
	for _, f := range files {
		if !keep[f] {
			os.Remove(f)
		}
	}
}

// CheckFile verifies that a file is an intact Cohésion database this version can
// open: SQLite's integrity check passes and its schema is not newer.
func CheckFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return data.Errorf(data.ENOTFOUND, "Fichier introuvable : %s", path)
	}
	raw, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer raw.Close()
	var result string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		if err == nil {
			err = fmt.Errorf("%s", result)
		}
		return data.Errorf(data.EINVALID, "Le fichier %s est endommagé ou n'est pas une base SQLite (%v).", filepath.Base(path), err)
	}
	var version, campaigns int
	raw.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version < 1 || raw.QueryRow(`SELECT count(*) FROM campaigns`).Scan(&campaigns) != nil {
		return data.Errorf(data.EINVALID, "Le fichier %s n'est pas une base Cohésion.", filepath.Base(path))
	}
	if version > SchemaVersion() {
		return data.Errorf(data.EINVALID, "Le fichier %s vient d'une version plus récente de Cohésion (schéma %d).", filepath.Base(path), version)
	}
	return nil
}

// Restore replaces the database at dbPath by the backup src, after checking the
// backup. The database it replaces is kept beside it. No connection to dbPath may
// be open.
func Restore(src, dbPath string, now time.Time) (kept string, err error) {
	if err := CheckFile(src); err != nil {
		return "", err
	}
	if _, err := os.Stat(dbPath); err == nil {
		kept = filepath.Join(BackupDir(dbPath), "avant-restauration-"+now.In(data.Paris).Format("20060102-150405")+".db")
		if err := os.MkdirAll(filepath.Dir(kept), 0o755); err != nil {
			return "", err
		}
		if err := copyDB(dbPath, kept); err != nil {
			return "", data.Errorf(data.EINTERNAL, "Impossible de garder une copie de la base actuelle : %v", err)
		}
	}
	tmp := dbPath + ".restauration"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return "", data.Errorf(data.EINTERNAL, "Restauration impossible : %v", err)
	}
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := os.Rename(tmp, dbPath); err != nil {
		os.Remove(tmp)
		return "", data.Errorf(data.EINTERNAL, "Restauration impossible : %v", err)
	}
	// The restored base becomes the latest backup: the audit trail's check compares
	// the base with the latest backup, which must not be the newer base just replaced.
	if err := os.MkdirAll(BackupDir(dbPath), 0o755); err == nil {
		copyDB(dbPath, filepath.Join(BackupDir(dbPath), "cohesion-"+now.In(data.Paris).Format("20060102-150405")+".db"))
	}
	return kept, nil
}

// copyDB copies a database consistently, WAL included, through SQLite itself.
func copyDB(src, dest string) error {
	raw, err := sql.Open(driverName, "file:"+filepath.ToSlash(src))
	if err != nil {
		return err
	}
	defer raw.Close()
	os.Remove(dest)
	_, err = raw.Exec(`VACUUM INTO ?`, dest)
	if err != nil {
		// A damaged file cannot be vacuumed: keep its bytes as they are.
		return copyFile(src, dest)
	}
	return nil
}

func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
