package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/files"
)

// Restore replaces the base at dbPath by the backup src. It holds the base's
// lock alone for the whole restore, so it is refused while any window or
// command has the base open. The backup is checked on a copy before anything is
// replaced: SQLite's integrity and foreign keys, the schema version (older:
// migrated, with a backup first; newer: refused) and the journal (refused
// unless o.Force, which is journaled). The base it replaces is kept.
func Restore(src, dbPath string, o data.RestoreOptions) (*data.RestoreReport, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if _, err := os.Stat(src); err != nil {
		return nil, data.Errorf(data.ENOTFOUND, "Fichier introuvable : %s", src)
	}
	lock, err := exclusiveLock(dbPath)
	if errors.Is(err, errHeld) {
		return nil, inUse(dbPath)
	} else if err != nil {
		return nil, err
	}
	defer lock.release()
	removeLeftovers(dbPath)
	// The checked copy is hidden beside the base, held by this process: a
	// kill leaves it to the next start of a desk (removeLeftovers).
	tmp, err := files.CreateTemp(dbPath, files.Restoring)
	if err != nil {
		return nil, writeFailure(dbPath, err)
	}
	defer tmp.Remove()
	rep, err := prepare(src, tmp.Path, o)
	if err != nil {
		return nil, err
	}
	if err := replace(tmp, dbPath, o.Now, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// inUse names who has the base open, when the windows' register says it.
func inUse(dbPath string) error {
	raw, err := sql.Open("sqlite3", dsn(dbPath, "deferred", true))
	if err == nil {
		defer raw.Close()
		var others []data.Instance
		rows, err := raw.Query(`SELECT id, user_name, host, pid, started_at FROM instances WHERE heartbeat_at >= ? ORDER BY id`,
			time.Now().Add(-data.InstanceTimeout).UTC().Format(time.RFC3339))
		if err == nil {
			for rows.Next() {
				var in data.Instance
				var started string
				if rows.Scan(&in.ID, &in.User, &in.Host, &in.PID, &started) == nil {
					in.StartedAt, _ = time.Parse(time.RFC3339, started)
					others = append(others, in)
				}
			}
			rows.Close()
		}
		if len(others) > 0 {
			return data.InUseError(others)
		}
	}
	return data.Errorf(data.ECONFLICT, "La base %s est ouverte par une autre fenêtre ou commande Cohésion (un import en cours, par exemple) : attendez qu'elle se termine ou fermez-la, puis recommencez la restauration.", dbPath)
}

// OpenBackup checks a backup on a copy of its own (the backup itself never
// changes) and opens the copy: what a restore into a server copies from. The
// caller closes it with done.
func OpenBackup(src string, o data.RestoreOptions) (db *DB, rep *data.RestoreReport, done func(), err error) {
	if _, err := os.Stat(src); err != nil {
		return nil, nil, nil, data.Errorf(data.ENOTFOUND, "Fichier introuvable : %s", src)
	}
	dir, err := os.MkdirTemp("", "cohesion-restauration-")
	if err != nil {
		return nil, nil, nil, data.Failure(data.EINTERNAL, "Restauration impossible : pas de dossier temporaire.", err)
	}
	tmp := filepath.Join(dir, filepath.Base(src))
	if rep, err = prepare(src, tmp, o); err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, err
	}
	if db, err = open(tmp, Options{}); err != nil {
		os.RemoveAll(dir)
		return nil, nil, nil, err
	}
	return db, rep, func() { db.Store.Close(); os.RemoveAll(dir) }, nil
}

// prepare copies the backup to tmp and checks the copy; the backup itself is
// never changed.
func prepare(src, tmp string, o data.RestoreOptions) (*data.RestoreReport, error) {
	if err := files.Copy(src, tmp); err != nil {
		return nil, writeFailure(tmp, err)
	}
	if err := CheckFile(tmp); err != nil {
		return nil, renamed(err, tmp, src)
	}
	rep := &data.RestoreReport{}
	v, err := fileVersion(tmp)
	if err != nil {
		return nil, err
	}
	if v < SchemaVersion() {
		rep.Migrated = v
	}
	db, err := open(tmp, Options{}) // migrates an older backup, keeping it first
	if err != nil {
		return nil, renamed(err, tmp, src)
	}
	defer db.Store.Close()
	report, err := db.Store.VerifyAudit(context.Background())
	if err != nil {
		return nil, err
	}
	if !report.Intact() {
		why := journalProblem(report)
		if !o.Force {
			return nil, data.Errorf(data.EINVALID, "La sauvegarde %s n'a pas été restaurée : son journal ne tient pas (%s). Pour la restaurer quand même, relancez avec --force : ce choix sera inscrit au journal.", filepath.Base(src), why)
		}
		rep.Forced = why
		if err := db.journalForced(filepath.Base(src), why); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// journalProblem describes the first thing a check of the journal found.
func journalProblem(r *data.AuditReport) string {
	if r.Broken != nil {
		return fmt.Sprintf("ligne %d : %s", r.Broken.ID, r.Broken.Reason)
	}
	var parts []string
	for i, t := range r.Tampered {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("et %d autre(s)", len(r.Tampered)-3))
			break
		}
		parts = append(parts, t.Describe())
	}
	return strings.Join(parts, " ; ")
}

// journalForced records, in the restored base, that its journal did not hold.
func (db *DB) journalForced(backup, why string) error {
	campaigns, err := db.Campaigns(context.Background())
	if err != nil || len(campaigns) == 0 {
		return err
	}
	return db.Note(context.Background(), data.AuditEntry{CampaignID: campaigns[0].ID, Entity: data.AuditCampaign, EntityID: campaigns[0].ID,
		Label: campaigns[0].Code, Action: "restauration forcée", Old: why, New: "sauvegarde " + backup + " restaurée malgré son journal"})
}

// renamed makes a check's message name the backup the user chose, not the
// temporary copy it ran on.
func renamed(err error, tmp, src string) error {
	var de *data.Error
	if errors.As(err, &de) {
		return &data.Error{Code: de.Code, Message: strings.ReplaceAll(strings.ReplaceAll(de.Message, tmp, src), filepath.Base(tmp), filepath.Base(src))}
	}
	var ce *data.CorruptError
	if errors.As(err, &ce) {
		return data.Errorf(data.EINVALID, "Le fichier %s est endommagé ou n'est pas une base Cohésion.", filepath.Base(src))
	}
	return err
}

// replace keeps the current base, then puts the checked copy in its place
// by a rename: a kill leaves either the old base or the new one.
func replace(tmp *files.Temp, dbPath string, now time.Time, rep *data.RestoreReport) error {
	if _, err := os.Stat(dbPath); err == nil {
		rep.Kept = filepath.Join(BackupDir(dbPath), "avant-restauration-"+now.In(data.Paris).Format("20060102-150405")+".db")
		if err := copyDB(dbPath, rep.Kept); err != nil {
			return data.Failure(data.EINTERNAL, "Restauration abandonnée : impossible de garder une copie de la base actuelle.", err)
		}
	}
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")
	if err := tmp.Rename(dbPath); err != nil {
		return data.Failure(data.EINTERNAL, "Restauration impossible : la base actuelle n'a pas été remplacée.", err)
	}
	// The restored base becomes the latest backup: the journal's check compares
	// the base with the latest backup, which must not be the newer base replaced.
	latest := filepath.Join(BackupDir(dbPath), stem(dbPath)+"-"+now.In(data.Paris).Format("20060102-150405")+".db")
	if err := copyDB(dbPath, latest); err != nil {
		data.LogDetail("copie de la base restaurée", err)
	}
	return nil
}

// removeBase removes a base file with its WAL and shared memory.
func removeBase(path string) {
	for _, f := range Files(path) {
		os.Remove(f)
	}
}

// CheckFile verifies that a file is an intact Cohésion base this version can
// open: SQLite's integrity check and foreign keys pass, and its schema is not
// newer.
func CheckFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return data.Errorf(data.ENOTFOUND, "Fichier introuvable : %s", path)
	}
	raw, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer raw.Close()
	var result string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		data.LogDetail("contrôle de "+path, fmt.Errorf("%v %s", err, result))
		return data.Errorf(data.EINVALID, "Le fichier %s est endommagé ou n'est pas une base SQLite.", filepath.Base(path))
	}
	var version, campaigns int
	raw.QueryRow(`PRAGMA user_version`).Scan(&version)
	if version < 1 || raw.QueryRow(`SELECT count(*) FROM campaigns`).Scan(&campaigns) != nil {
		return data.Errorf(data.EINVALID, "Le fichier %s n'est pas une base Cohésion.", filepath.Base(path))
	}
	if version > SchemaVersion() {
		return data.Errorf(data.EINVALID, "Le fichier %s vient d'une version plus récente de Cohésion (schéma %d, cette version connaît le schéma %d) : mettez Cohésion à jour pour le restaurer.", filepath.Base(path), version, SchemaVersion())
	}
	rows, err := raw.Query(`PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		return data.Errorf(data.EINVALID, "Le fichier %s est incohérent : des lignes y désignent des données absentes (contrôle des clés étrangères).", filepath.Base(path))
	}
	return rows.Err()
}

func fileVersion(path string) (int, error) {
	raw, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path)+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	var v int
	return v, raw.QueryRow(`PRAGMA user_version`).Scan(&v)
}
