package sqlite

import (
	"errors"
	"fmt"
	"os"
	"runtime"
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

// releaseRemoving releases the lock and removes its file: the lock a backup
// took on a file that was no base. Whoever opened that file meanwhile finds,
// once it has the lock, that it is no longer the one of that name, and takes
// the lock again (openLock). Windows removes no open file: the lock is
// released first, and the removal fails if another process opened it.
func (l *fileLock) releaseRemoving(path string) {
	if runtime.GOOS != "windows" {
		os.Remove(path)
		l.release()
		return
	}
	l.release()
	os.Remove(path)
}

// openLock opens a base's lock file and takes its lock without waiting. A
// lock taken on a file removed meanwhile (see releaseRemoving) guards nothing:
// the file of that name is opened again.
func openLock(dbPath string, exclusive bool) (*os.File, error) {
	for try := 0; ; try++ {
		f, err := os.OpenFile(LockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := lockFile(f, exclusive); err != nil {
			f.Close()
			return nil, err
		}
		a, errA := f.Stat()
		b, errB := os.Stat(LockPath(dbPath))
		if (errA == nil && errB == nil && os.SameFile(a, b)) || try == 10 {
			return f, nil // the last try keeps its lock: a file system that cannot compare files
		}
		unlockFile(f)
		f.Close()
	}
}

// sharedLock takes the base's shared lock, waiting a little while a restore
// holds it alone. A read-only opening takes none (its folder may be read-only).
func sharedLock(dbPath string, readOnly bool) (*fileLock, error) {
	if readOnly {
		return &fileLock{}, nil
	}
	var f *os.File
	var err error
	for try := 0; ; try++ {
		f, err = openLock(dbPath, false)
		if !errors.Is(err, errHeld) || try == 50 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if errors.Is(err, errHeld) {
		return nil, data.Errorf(data.ECONFLICT, "Une restauration est en cours sur la base %s (ou une sauvegarde la remplace) : réessayez dans un instant.", dbPath)
	} else if err != nil && isOpenFailure(err) {
		return nil, data.Failure(data.EINVALID, fmt.Sprintf("Impossible d'ouvrir la base %s : le dossier n'est pas accessible en écriture.", dbPath), err)
	} else if err != nil {
		return nil, data.Failure(data.EINTERNAL, "Impossible de verrouiller la base "+dbPath+".", err)
	}
	return &fileLock{f}, nil
}

// exclusiveLock takes the base's lock alone, or says who holds it (errHeld).
func exclusiveLock(dbPath string) (*fileLock, error) {
	f, err := openLock(dbPath, true)
	if errors.Is(err, errHeld) {
		return nil, errHeld
	} else if err != nil && isOpenFailure(err) {
		return nil, data.Failure(data.EINVALID, fmt.Sprintf("Impossible de verrouiller la base %s : le dossier n'est pas accessible en écriture.", dbPath), err)
	} else if err != nil {
		return nil, data.Failure(data.EINTERNAL, "Impossible de verrouiller la base "+dbPath+".", err)
	}
	return &fileLock{f}, nil
}

// isOpenFailure tells a lock file that could not be opened (an *os.PathError
// from OpenFile) from a lock the system refused.
func isOpenFailure(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe) && pe.Op == "open"
}
