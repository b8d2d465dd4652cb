package sqlite

import (
	"os"
	"path/filepath"

	"github.com/call-agglo/cohesion/data/files"
)

// removeLeftovers removes what interrupted operations left in the base's
// folder and its backup folder: a restore's checked copy, a backup's or a
// document's partial file, a migration's unfinished base (see
// files.CreateTemp). A temporary file belongs to the base it would become, or,
// when its target is no base (a backup, a document), to the bases of its
// folder; one whose target is another base of the folder is left to that
// base. A temporary file that a running process holds is never removed, even
// while other desks have the base open. It returns the paths removed.
func removeLeftovers(dbPath string) []string {
	var removed []string
	for _, dir := range []string{filepath.Dir(dbPath), BackupDir(dbPath)} {
		belongs := func(target string) bool {
			if target == filepath.Base(dbPath) {
				return true
			}
			_, err := os.Stat(LockPath(filepath.Join(dir, target))) // every base opened for writing has one
			return err != nil
		}
		removed = append(removed, files.RemoveLeftovers(dir, belongs)...)
	}
	return removed
}

// RemoveLeftovers removes what interrupted operations left beside the base,
// and names the files: those removed when this desk opened it (named once),
// then those removed now.
func (db *DB) RemoveLeftovers() []string {
	db.leftoversMu.Lock()
	defer db.leftoversMu.Unlock()
	out := db.leftovers
	db.leftovers = nil
	return append(out, removeLeftovers(db.path)...)
}
