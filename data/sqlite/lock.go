package sqlite

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/call-agglo/cohesion/data"
)

// Every process that opens a base holds a shared lock on a file beside it for
// as long as the base is open; a restore takes that lock alone, so it is
// refused while any window or command (an import under way included) has the
// base open, and no one can open the base while a restore replaces it. The
// operating system releases the lock of a process that dies.

// LockPath is the lock file of a base.
func LockPath(dbPath string) string { return dbPath + "-lock" }

// Files are the base's file and those SQLite and Cohésion keep beside it
// (WAL, shared memory, rollback journal, lock), the base's first.
func Files(dbPath string) []string {
	return []string{dbPath, dbPath + "-wal", dbPath + "-shm", dbPath + "-journal", LockPath(dbPath)}
}

// RemoveFiles removes a base's file and those beside it.
func RemoveFiles(dbPath string) { removeBase(dbPath) }

// errHeld says another process holds the lock the way that conflicts.
var errHeld = errors.New("verrou tenu par un autre processus")

// fileLock is a lock held on a base's lock file.
type fileLock struct{ f *os.File }

func (l *fileLock) release() {
	if l != nil && l.f != nil {
		unlockFile(l.f)
		l.f.Close()
		l.f = nil
	}
}

// sharedLock takes the base's shared lock, waiting a little while a restore
// holds it alone. A read-only opening takes none (its folder may be read-only).
func sharedLock(dbPath string, readOnly bool) (*fileLock, error) {
	if readOnly {
		return &fileLock{}, nil
	}
	f, err := os.OpenFile(LockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, data.Failure(data.EINVALID, fmt.Sprintf("Impossible d'ouvrir la base %s : le dossier n'est pas accessible en écriture.", dbPath), err)
	}
	for try := 0; ; try++ {
		err = lockFile(f, false)
		if !errors.Is(err, errHeld) || try == 50 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		f.Close()
		if errors.Is(err, errHeld) {
			return nil, data.Errorf(data.ECONFLICT, "Une restauration est en cours sur la base %s : réessayez dans un instant.", dbPath)
		}
		return nil, data.Failure(data.EINTERNAL, "Impossible de verrouiller la base "+dbPath+".", err)
	}
	return &fileLock{f}, nil
}

// exclusiveLock takes the base's lock alone, or says who holds it.
func exclusiveLock(dbPath string) (*fileLock, error) {
	f, err := os.OpenFile(LockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, data.Failure(data.EINVALID, fmt.Sprintf("Impossible de restaurer la base %s : le dossier n'est pas accessible en écriture.", dbPath), err)
	}
	if err := lockFile(f, true); err != nil {
		f.Close()
		if errors.Is(err, errHeld) {
			return nil, errHeld
		}
		return nil, data.Failure(data.EINTERNAL, "Impossible de verrouiller la base "+dbPath+".", err)
	}
	return &fileLock{f}, nil
}
