package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// BackupDir is where the automatic backups of a base go: a folder beside it.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "sauvegardes") }

// stem is a base's name without its extension: backups are named after it,
// so two bases in one folder never offer each other's backups.
func stem(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
}

// backupName matches the automatic backups of one base: NAME-AAAAMMJJ-HHMMSS.db.
func backupName(dbPath string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem(dbPath)) + `-\d{8}-\d{6}\.db$`)
}

// HeadFile is the file kept beside a backup with its journal's head: an
// anchor outside the base, for `verify --head`.
func HeadFile(backup string) string { return backup + ".empreinte" }

// Backup writes a consistent copy of the base to dest while it stays in use
// (VACUUM INTO reads one snapshot), with its journal's head beside it. The copy
// is written under a temporary name and renamed only once complete: a backup
// cut by a kill or a full disk leaves no file named like a backup. An existing
// file is replaced only with o.Replace, never a base in use (see place).
func (db *DB) Backup(ctx context.Context, dest string, o data.BackupOptions) error {
	return writeAtomically(dest, o, func(tmp string) error {
		_, err := db.DB().ExecContext(ctx, `VACUUM INTO ?`, tmp)
		return err
	})
}

// own is how the base's own copies (the automatic backups, those kept before
// a migration or a restore) are written: into the backup folder, which is
// Cohésion's, where a copy of the same second replaces its twin.
var own = data.BackupOptions{Replace: true}

// writeAtomically makes dest with make(tmp), a temporary file of dest's
// folder that this process holds (files.CreateTemp), then puts it at dest
// (place), with its head file.
func writeAtomically(dest string, o data.BackupOptions, make func(tmp string) error) error {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.Failure(data.EINTERNAL, "Impossible de créer le dossier "+dir+" : vérifiez que vous avez le droit d'y écrire.", err)
	}
	// What a write of the same file cut by a kill left goes first.
	files.RemoveLeftovers(dir, func(target string) bool { return target == filepath.Base(dest) })
	tmp, err := files.CreateTemp(dest, files.Partial)
	if err != nil {
		return writeFailure(dest, err)
	}
	defer tmp.Remove() // once renamed, only what SQLite kept beside it
	if err := make(tmp.Path); err != nil {
		return writeFailure(dest, err)
	}
	if err := syncFile(tmp.Path); err != nil {
		return writeFailure(dest, err)
	}
	h, err := fileHead(tmp.Path)
	if err != nil {
		return writeFailure(dest, err)
	}
	if err := place(tmp, dest, o.Replace); err != nil {
		return err
	}
	if h.ID > 0 {
		writeHeadFile(dest, h)
	}
	return nil
}

// place puts a finished temporary file at dest. Where no file is, the check
// and the rename are one step (a file appearing meanwhile is not replaced).
// A file already there is replaced only with replace, and under its base's
// lock taken alone, as a restore does: a base that a window or command has
// open (an import under way) is never replaced, and no one opens it while it
// is. Its WAL and shared memory go with it: SQLite would apply them to the
// new file.
func place(tmp *files.Temp, dest string, replace bool) error {
	err := tmp.RenameNew(dest)
	if err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrExist) {
		return writeFailure(dest, err)
	}
	if !replace {
		return data.Errorf(data.ECONFLICT, "Le fichier %s existe déjà : ajoutez --replace pour le remplacer.", dest)
	}
	_, statErr := os.Stat(LockPath(dest))
	lock, err := exclusiveLock(dest)
	if errors.Is(err, errHeld) {
		return data.Errorf(data.ECONFLICT, "%s est une base ouverte par une autre fenêtre ou commande : fermez-la ou attendez qu'elle se termine, ou choisissez un autre fichier.", dest)
	} else if err != nil {
		return err
	}
	for _, f := range Files(dest)[1:4] { // -wal, -shm, -journal
		os.Remove(f)
	}
	err = tmp.Rename(dest)
	if statErr != nil {
		lock.releaseRemoving(LockPath(dest)) // dest was no base: no lock file left beside it
	} else {
		lock.release()
	}
	if err != nil {
		return writeFailure(dest, err)
	}
	return nil
}

// writeHeadFile keeps the head beside the backup; a backup without it is still
// whole (its journal holds the chain), so a failure here is only logged.
func writeHeadFile(backup string, h data.Head) {
	if err := files.Write(HeadFile(backup), []byte(h.String()+"\n"), 0o644); err != nil {
		data.LogDetail("empreinte de "+backup, err)
	}
}

// ReadHeadFile reads the head kept beside a backup ("" when there is none).
func ReadHeadFile(backup string) string {
	b, err := os.ReadFile(HeadFile(backup))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func writeFailure(dest string, err error) error {
	var said *data.Error
	if data.ErrorCode(err) != data.EINTERNAL || errors.As(err, &said) {
		return err // already said in French (a migration's check that failed, say)
	}
	if isFull(err) {
		return data.Failure(data.EINTERNAL, "Sauvegarde impossible vers "+dest+" : le disque est plein. Libérez de la place, puis recommencez ; aucune sauvegarde incomplète n'a été gardée.", err)
	}
	return data.Failure(data.EINTERNAL, "Sauvegarde impossible vers "+dest+" : vérifiez le dossier et vos droits d'écriture ; aucune sauvegarde incomplète n'a été gardée.", err)
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// fileHead reads the journal's head of a base file without changing it.
func fileHead(path string) (data.Head, error) {
	raw, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return data.Head{}, err
	}
	defer raw.Close()
	var h data.Head
	err = raw.QueryRow(`SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&h.ID, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) || (err != nil && strings.Contains(err.Error(), "no such table")) {
		return data.Head{}, nil
	}
	return h, err
}

// AutoBackup makes the day's backup if there is none yet, then rotates: the
// last 10 backups are kept, and the newest of every month.
func (db *DB) AutoBackup(ctx context.Context) (string, error) {
	today := db.Now().In(data.Paris).Format("20060102")
	for _, b := range listBackups(db.path) {
		if strings.Contains(filepath.Base(b), "-"+today+"-") {
			return "", nil
		}
	}
	dest := filepath.Join(BackupDir(db.path), stem(db.path)+"-"+db.Now().In(data.Paris).Format("20060102-150405")+".db")
	if err := db.Backup(ctx, dest, own); err != nil {
		return "", err
	}
	rotate(db.path)
	return dest, nil
}

// listBackups returns the automatic backups of a base, oldest first (names
// sort by date).
func listBackups(dbPath string) []string {
	entries, _ := os.ReadDir(BackupDir(dbPath))
	re := backupName(dbPath)
	var files []string
	for _, e := range entries {
		if !e.IsDir() && re.MatchString(e.Name()) {
			files = append(files, filepath.Join(BackupDir(dbPath), e.Name()))
		}
	}
	sort.Strings(files)
	return files
}

// Backups lists every file of the base's backup folder that is one of its
// backups (automatic, or kept before a migration or a restore), newest first.
func Backups(dbPath string) []string {
	files := listBackups(dbPath)
	for _, pattern := range []string{"avant-migration-*.db", "avant-restauration-*.db"} {
		more, _ := filepath.Glob(filepath.Join(BackupDir(dbPath), pattern))
		files = append(files, more...)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(files)))
	return files
}

// LatestBackup is the newest automatic backup of a base, or "".
func LatestBackup(dbPath string) string {
	files := listBackups(dbPath)
	if len(files) == 0 {
		return ""
	}
	return files[len(files)-1]
}

// rotate keeps the 10 newest backups and the newest of each month.
func rotate(dbPath string) {
	files := listBackups(dbPath)
	keep := map[string]bool{}
	for i := len(files) - 1; i >= 0 && i >= len(files)-10; i-- {
		keep[files[i]] = true
	}
	month := map[string]bool{}
	prefix := stem(dbPath) + "-"
	for i := len(files) - 1; i >= 0; i-- {
		name := strings.TrimPrefix(filepath.Base(files[i]), prefix) // AAAAMMJJ-…: the month is AAAAMM
		if !month[name[:6]] {
			month[name[:6]] = true
			keep[files[i]] = true
		}
	}
	for _, f := range files {
		if !keep[f] {
			os.Remove(f)
			os.Remove(HeadFile(f))
		}
	}
}

// copyDB copies a base consistently, WAL included, through SQLite itself,
// under a temporary name first.
func copyDB(src, dest string) error {
	return writeAtomically(dest, own, func(tmp string) error {
		raw, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(src))
		if err != nil {
			return err
		}
		defer raw.Close()
		if _, err := raw.Exec(`VACUUM INTO ?`, tmp); err != nil {
			// A damaged file cannot be vacuumed: keep its bytes as they are.
			return files.Copy(src, tmp)
		}
		return nil
	})
}

// Create makes a new base file at dest, filled by fill, under a temporary name
// until it is whole, closed and checked: the backup of a base of another
// engine, or a base migrated to a file. A kill leaves no file at dest, only a
// temporary one that the next write of dest, or the next start of a desk on
// its folder's base, removes. The WAL is checkpointed into the file before it
// is closed, so that renaming the file alone moves the whole base.
func Create(dest string, o data.BackupOptions, fill func(db *DB) error) error {
	return writeAtomically(dest, o, func(tmp string) error {
		db, err := open(tmp, Options{})
		if err != nil {
			return err
		}
		err = fill(db)
		if err == nil {
			_, err = db.DB().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		}
		if cerr := db.Store.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = settled(tmp)
		}
		if err == nil {
			err = CheckFile(tmp)
		}
		return err
	})
}

// settled checks that a closed base keeps nothing in its WAL, and removes
// what SQLite left beside it.
func settled(path string) error {
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return fmt.Errorf("journal WAL non vidé à la fermeture de %s (%d octets)", path, st.Size())
	}
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	return nil
}
