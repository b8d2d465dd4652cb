// Package backend is where Cohésion's mains choose their adapters: it opens a
// base from its address (a SQLite file, or a PostgreSQL server) and moves
// whole bases between them (backup, restore, migrate). The GUI and the CLI
// know only data.Bases.
package backend

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/data/sqlstore"
)

// Bases is the data.Bases of both engines.
type Bases struct {
	// Profile is this desk's own folder, where it keeps the journal heads it
	// saw on each base; "" is the settings folder of the default base.
	Profile string
}

var _ data.Bases = Bases{}

// IsServer reports an address of a PostgreSQL server.
func IsServer(address string) bool {
	return strings.HasPrefix(address, "postgres://") || strings.HasPrefix(address, "postgresql://")
}

// DefaultAddress is the base opened when none is named: see DefaultChoice.
func (b Bases) DefaultAddress() string { return b.DefaultChoice().Address }

// DefaultChoice is the base opened when none is named, and where it comes
// from: COHESION_DB, else the group policy, else the address the MSI recorded
// for every user of the machine (both in the registry, on Windows only), else
// the desk's own file, %LocalAppData%\Cohesion\cohesion.db on Windows,
// ~/.config/Cohesion/cohesion.db on Linux.
func (b Bases) DefaultChoice() Choice {
	return chooseDefault(os.Getenv("COHESION_DB"), policyValue("COHESION_DB"), installValue("COHESION_DB"), b.defaultFile())
}

// DefaultSource says, in French, where DefaultAddress comes from.
func (b Bases) DefaultSource() string { return b.DefaultChoice().From }

// LocalAddress is the base « Ouvrir la base de ce poste » goes back to:
// COHESION_DB when set (the user's own choice), else the desk's file, never
// the shared base a policy or the installer names.
func (b Bases) LocalAddress() string {
	if p := os.Getenv("COHESION_DB"); p != "" {
		return p
	}
	return b.defaultFile()
}

// defaultFile is the desk's own base file.
func (Bases) defaultFile() string {
	return filepath.Join(folders().Data, "cohesion.db")
}

// MoveOld moves the desk's base from where Cohésion 0.1 kept it on Windows
// (%AppData%\Cohesion, which roams and may be redirected to a share) to
// %LocalAppData%\Cohesion, once, before anything opens it. It returns a
// message for the user when it moved it ("" otherwise).
func (Bases) MoveOld() (string, error) {
	f := folders()
	moved, err := moveOld(f.Old, f.Data)
	if !moved {
		return "", err
	}
	if err == nil {
		err = journalMove(filepath.Join(f.Data, "cohesion.db"), f.Old, f.Data)
	}
	msg := "Votre base et ses sauvegardes ont été déplacées de " + f.Old + " vers " + f.Data +
		", un dossier qui ne suit pas le profil itinérant : l'ancien peut être redirigé vers un partage réseau, où la base n'est pas en sûreté."
	if f.Backups != "" {
		msg += " Chaque sauvegarde quotidienne est aussi copiée dans " + f.Backups + ", qui vous suit d'un poste à l'autre."
	}
	return msg, err
}

// Open opens the base at address, and compares its journal with the head
// this desk saw there last (see data.Anchor).
func (b Bases) Open(ctx context.Context, address string, o data.OpenOptions) (data.Store, error) {
	st, fresh, err := open(ctx, address, o)
	if err != nil {
		return nil, err
	}
	b.anchor(ctx, st, address, fresh)
	return st, nil
}

// open opens the base at address; fresh says the file did not exist.
func open(ctx context.Context, address string, o data.OpenOptions) (st data.Store, fresh bool, err error) {
	if IsServer(address) {
		st, err := openServer(ctx, address, o)
		return st, false, err
	}
	_, err = os.Stat(address)
	fresh = errors.Is(err, fs.ErrNotExist)
	db, err := sqlite.OpenWith(address, sqlite.Options{ReadOnly: o.ReadOnly, Reading: o.Reading})
	if err != nil {
		return nil, false, err
	}
	return db, fresh, nil
}

// Backup writes the base to dest as a SQLite file; both ways end in the
// adapter's one rule on what a backup may replace.
func (b Bases) Backup(ctx context.Context, st data.Store, dest string, o data.BackupOptions) error {
	if fb, ok := st.(data.FileBase); ok {
		return fb.Backup(ctx, dest, o)
	}
	return snapshotToFile(ctx, st, dest, o)
}

// RemoveLeftovers removes what interrupted operations left beside a SQLite
// base; a server's base has no file beside it.
func (Bases) RemoveLeftovers(st data.Store) []string {
	if fb, ok := st.(data.FileBase); ok {
		return fb.RemoveLeftovers()
	}
	return nil
}

// AutoBackup makes the day's backup of a SQLite base, and copies it to the
// folder that follows the user (Folders.Backups, Windows only); a server's
// backups are its administrators' business (see README, « Plusieurs postes »).
func (Bases) AutoBackup(ctx context.Context, st data.Store) (string, error) {
	fb, ok := st.(data.FileBase)
	if !ok {
		return "", nil
	}
	made, err := fb.AutoBackup(ctx)
	if made != "" && samePlace(fb.Path(), Bases{}.defaultFile()) {
		if dir := folders().Backups; dir != "" {
			if cerr := copyBackup(made, dir); cerr != nil {
				data.LogDetail("copie de la sauvegarde dans "+dir, cerr)
			}
		}
	}
	return made, err
}

// BackupFolder is the SQLite base's backup folder.
func (Bases) BackupFolder(st data.Store) string {
	if fb, ok := st.(data.FileBase); ok {
		return fb.BackupFolder()
	}
	return ""
}

// Protected lists the SQLite base's files and backup folder.
func (Bases) Protected(st data.Store) (files, dirs []string) {
	fb, ok := st.(data.FileBase)
	if !ok {
		return nil, nil
	}
	return fb.Files(), []string{fb.BackupFolder()}
}

// Restore replaces the base at address by a backup file.
func (b Bases) Restore(ctx context.Context, address, backup string, o data.RestoreOptions) (*data.RestoreReport, error) {
	var rep *data.RestoreReport
	var err error
	if IsServer(address) {
		rep, err = restoreServer(ctx, address, backup, o)
	} else {
		rep, err = sqlite.Restore(backup, address, o)
	}
	if err == nil {
		b.reanchor(ctx, address, o.Password)
	}
	return rep, err
}

// reanchor records the head of a base this desk has just replaced: its
// journal is the backup's now, shorter than the one the desk saw, by choice.
func (b Bases) reanchor(ctx context.Context, address, password string) {
	st, _, err := open(ctx, address, data.OpenOptions{Password: password})
	if err != nil {
		data.LogDetail("lecture de la base restaurée", err)
		return
	}
	defer st.Close()
	b.anchor(ctx, st, address, true)
}

// profile is this desk's own folder.
func (b Bases) profile() string {
	if b.Profile != "" {
		return b.Profile
	}
	return filepath.Dir(b.defaultFile())
}

// sqlOf is the shared SQL store under an adapter.
func sqlOf(st data.Store) *sqlstore.Store {
	return st.(interface{ Base() *sqlstore.Store }).Base()
}

// LogFolder is the base's folder, or the desk's settings folder for a server.
func (b Bases) LogFolder(address string) string {
	if IsServer(address) {
		return filepath.Dir(b.defaultFile())
	}
	return filepath.Dir(address)
}
