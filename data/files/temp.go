package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"

	"github.com/call-agglo/cohesion/data"
)

// Whatever Cohésion writes whole (a document, an export, a backup, a restored
// or migrated base) is first written under a hidden temporary name beside its
// target, « .NOM.SORTE-N », then renamed. The writer holds a lock on its
// temporary file for as long as it works on it, and the system releases the
// locks of a process that dies: a temporary file whose lock is free is what an
// interrupted operation left, one whose lock is held is being written. The
// base's own lock could not tell them apart: the automatic backups and the
// documents are written while other desks hold the base open, and a backup
// to a file outside any base holds no base lock at all.

// The sorts of temporary files.
const (
	Partial   = "partiel"      // a file being written: backup, document, export, copied base
	Restoring = "restauration" // a backup being checked before it replaces the base
)

// tempName matches the temporary files and what SQLite keeps beside one:
// target, sort, companion suffix.
var tempName = regexp.MustCompile(`^\.(.+)\.(` + Partial + `|` + Restoring + `)-\d+(-wal|-shm|-journal)?$`)

// Temp is a temporary file its writer holds.
type Temp struct {
	Path string
	f    *os.File
}

// CreateTemp creates an empty hidden temporary file beside target, of a sort,
// and holds its lock until Rename or Remove.
func CreateTemp(target, sort string) (*Temp, error) {
	for try := 0; ; try++ {
		f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+"."+sort+"-*")
		if err != nil {
			return nil, err
		}
		if err := lockFile(f); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, err
		}
		// A cleaner may have taken the file for a leftover between its creation
		// and its lock: then it is gone, and another one is made.
		if sameFile(f, f.Name()) || try == 10 {
			return &Temp{Path: f.Name(), f: f}, nil // the last try: a file system that cannot compare files
		}
		f.Close()
	}
}

// File is the temporary file, open for writing.
func (t *Temp) File() *os.File { return t.f }

// release closes the file, which releases its lock.
func (t *Temp) release() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
}

// Remove removes the temporary file, with what SQLite kept beside it, once
// the operation failed or its file was renamed.
func (t *Temp) Remove() {
	t.release()
	for _, f := range companions(t.Path) {
		os.Remove(f)
	}
}

// Rename puts the temporary file in dest's place, replacing it.
func (t *Temp) Rename(dest string) error {
	t.beforeRename()
	return os.Rename(t.Path, dest)
}

// RenameNew puts the temporary file at dest only if no file is there: the
// check and the rename are one step, so a file that appears meanwhile is
// never replaced. The error is fs.ErrExist when dest exists.
func (t *Temp) RenameNew(dest string) error {
	t.beforeRename()
	return renameNoReplace(t.Path, dest)
}

// beforeRename releases the lock on Windows, which renames no open file;
// elsewhere the file stays held until Remove, a failed rename included.
func (t *Temp) beforeRename() {
	if runtime.GOOS == "windows" {
		t.release()
	}
}

func companions(path string) []string {
	return []string{path, path + "-wal", path + "-shm", path + "-journal"}
}

func sameFile(f *os.File, path string) bool {
	a, errA := f.Stat()
	b, errB := os.Stat(path)
	return errA == nil && errB == nil && os.SameFile(a, b)
}

// RemoveLeftovers removes from dir the temporary files that an interrupted
// operation left, for the targets that belongs accepts, with what SQLite kept
// beside them; a temporary file another process is writing is left alone. It
// returns the paths of the files removed.
func RemoveLeftovers(dir string, belongs func(target string) bool) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	mains := map[string]bool{} // temporary file → it exists itself
	for _, e := range entries {
		m := tempName.FindStringSubmatch(e.Name())
		if m == nil || e.IsDir() || !belongs(m[1]) {
			continue
		}
		main := filepath.Join(dir, strings.TrimSuffix(e.Name(), m[3]))
		mains[main] = mains[main] || m[3] == ""
	}
	var removed []string
	for main, exists := range mains {
		if exists && inUse(main) {
			continue
		}
		removed = append(removed, main)
		for _, f := range companions(main) {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				data.LogDetail("suppression de "+f, err)
			}
		}
	}
	sort.Strings(removed)
	return removed
}

// inUse reports a temporary file whose writer holds its lock.
func inUse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return lockFile(f) != nil
}
