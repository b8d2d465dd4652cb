//go:build !windows

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data/sqlite"
)

// startCLI starts the real executable on a base; wait collects it.
func startCLI(t *testing.T, db string, args ...string) (cmd *exec.Cmd, wait func() (string, error)) {
	t.Helper()
	cmd = exec.Command(cliBinary(t), append([]string{"--db", db}, args...)...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); <-done; done <- nil })
	return cmd, func() (string, error) { err := <-done; done <- err; return out.String(), err }
}

// waitUntil polls cond until it holds: the test waits on an event (a file
// appears, a lock is taken), never on a guessed duration. It fails after a
// minute, or when the process ended before the event.
func waitUntil(t *testing.T, what string, cmd *exec.Cmd, cond func() bool) {
	t.Helper()
	for start := time.Now(); !cond(); {
		if cmd != nil && cmd.ProcessState != nil {
			t.Fatalf("the command ended before %s", what)
		}
		if time.Since(start) > time.Minute {
			t.Fatalf("no %s after a minute", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// matches lists the files matching a pattern.
func matches(pattern string) []string {
	m, _ := filepath.Glob(pattern)
	return m
}

// heldByOther reports that another process holds the base open: its lock
// cannot be taken alone.
func heldByOther(db string) bool {
	f, err := os.OpenFile(sqlite.LockPath(db), os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		return true
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// bigBase makes a base with n dossiers, for operations long enough to be cut.
func bigBase(t *testing.T, dir string, n int) string {
	t.Helper()
	db := filepath.Join(dir, "c.db")
	runCLI(t, db, "init")
	if code, _, errs := runCLI(t, db, "import", "applications", applicationsFile(t, n, 3)); code != 0 {
		t.Fatal(errs)
	}
	return db
}

// Issue 18: `backup -o live.db` while another process imports into live.db
// reported success and left live.db malformed, the import gone. A backup never
// replaces an existing file unless told to, and never a base that a process
// has open even then.
func TestBackupNeverReplacesAnOpenBase(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	dir := t.TempDir()
	src := filepath.Join(dir, "a.db")
	runCLI(t, src, "init")
	live := filepath.Join(dir, "live.db")
	runCLI(t, live, "init")
	cmd, wait := startCLI(t, live, "import", "applications", applicationsFile(t, 20000, 9))
	waitUntil(t, "import holding live.db", cmd, func() bool { return heldByOther(live) })

	code, _, errs := runCLI(t, src, "backup", "-o", live)
	if code == 0 || !strings.Contains(errs, "existe déjà") || !strings.Contains(errs, "--replace") {
		t.Errorf("backup over an existing file without --replace: code %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, src, "backup", "-o", live, "--replace")
	if code == 0 || !strings.Contains(errs, "ouverte par une autre fenêtre ou commande") {
		t.Errorf("backup --replace over a base an import holds: code %d, %q", code, errs)
	}
	if out, err := wait(); err != nil {
		t.Fatalf("the import failed: %v %s", err, out)
	}
	if err := sqlite.CheckFile(live); err != nil {
		t.Fatalf("live.db after the backups: %v", err)
	}
	if n := countApplications(t, live); n != 20000 {
		t.Fatalf("%d applications in live.db after an import of 20 000 that reported success", n)
	}
	// Nothing runs now: --replace replaces, and the replaced base is the backup.
	if code, _, errs := runCLI(t, src, "backup", "-o", live, "--replace"); code != 0 {
		t.Fatalf("backup --replace over a closed base: %s", errs)
	}
	if n := countApplications(t, live); n != 0 {
		t.Fatalf("live.db holds %d applications after it was replaced by an empty base's backup", n)
	}
}

// Issue 18: a restore killed midway left a full copy of the backup (every
// personal datum) hidden beside the base, and a killed backup its partial
// file. The next opening of the base removes them.
func TestKilledRestoreAndBackupLeaveNothingOnNextStart(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	dir := t.TempDir()
	db := bigBase(t, dir, 20000)
	backup := filepath.Join(t.TempDir(), "avant.db")
	runCLI(t, db, "backup", "-o", backup)

	cmd, _ := startCLI(t, db, "restore", backup)
	tmp := filepath.Join(dir, ".c.db.restauration-*")
	waitUntil(t, "restore's copy", cmd, func() bool { return len(matches(tmp)) > 0 })
	cmd.Process.Signal(syscall.SIGKILL)
	waitUntil(t, "end of the killed restore", nil, func() bool { return !heldByOther(db) })
	nextStartRemoves(t, db, matches(tmp))

	copyDest := filepath.Join(dir, "copie.db")
	cmd, _ = startCLI(t, db, "backup", "-o", copyDest)
	partial := filepath.Join(dir, ".copie.db.partiel-*")
	waitUntil(t, "backup's partial file", cmd, func() bool { return len(matches(partial)) > 0 })
	cmd.Process.Signal(syscall.SIGKILL)
	waitUntil(t, "end of the killed backup", nil, func() bool { return !heldByOther(db) })
	nextStartRemoves(t, db, matches(partial))
	if fileExists(copyDest) {
		t.Errorf("the killed backup left %s", copyDest)
	}
}

// nextStartRemoves checks that the next command on the base removes what a
// kill left.
func nextStartRemoves(t *testing.T, db string, left []string) {
	t.Helper()
	if len(left) == 0 {
		t.Fatal("the kill left nothing: the test proves nothing")
	}
	if code, _, errs := runCLI(t, db, "campaigns"); code != 0 {
		t.Fatal(errs)
	}
	for _, f := range left {
		if fileExists(f) {
			t.Errorf("still there after the next start: %s", filepath.Base(f))
		}
	}
}

// gdpr purge removes what an interrupted operation left too, and names it.
func TestPurgeNamesTheLeftoversItRemoves(t *testing.T) {
	dir := t.TempDir()
	db := bigBase(t, dir, 20000)
	backup := filepath.Join(t.TempDir(), "avant.db")
	runCLI(t, db, "backup", "-o", backup)
	cmd, _ := startCLI(t, db, "restore", backup)
	tmp := filepath.Join(dir, ".c.db.restauration-*")
	waitUntil(t, "restore's copy", cmd, func() bool { return len(matches(tmp)) > 0 })
	cmd.Process.Signal(syscall.SIGKILL)
	waitUntil(t, "end of the killed restore", nil, func() bool { return !heldByOther(db) })
	left := matches(tmp)
	if len(left) == 0 {
		t.Fatal("the kill left nothing: the test proves nothing")
	}
	// The purge's own start may be what removes them: the purge names what
	// this desk removed, at its start or by the purge itself.
	code, out, errs := runCLI(t, db, "gdpr", "purge")
	if code != 0 {
		t.Fatal(errs)
	}
	for _, f := range left {
		if fileExists(f) {
			t.Errorf("still there after the purge: %s", filepath.Base(f))
		}
	}
	if !strings.Contains(out, "interrompue") {
		t.Errorf("the purge does not say what it removed: %q", out)
	}
}

// Issue 18: `migrate --to FICHIER.db` killed midway left a half copy under the
// final name, which a second migrate refused and an opening turned into a
// fresh base. The copy is made under a temporary name and renamed once checked.
func TestKilledMigrateLeavesNoBase(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	dir := t.TempDir()
	db := bigBase(t, dir, 20000)
	target := filepath.Join(dir, "mk.db")
	cmd, _ := startCLI(t, db, "migrate", "--to", target)
	temp := filepath.Join(dir, ".mk.db.*")
	waitUntil(t, "migrate's copy", cmd, func() bool { return fileExists(target) || len(matches(temp)) > 0 })
	cmd.Process.Signal(syscall.SIGKILL)
	waitUntil(t, "end of the killed migrate", nil, func() bool { return !heldByOther(db) })
	if fileExists(target) {
		t.Fatalf("a killed migrate left %s", target)
	}
	code, out, errs := runCLI(t, db, "migrate", "--to", target)
	if code != 0 {
		t.Fatalf("second migrate: %s", errs)
	}
	if !strings.Contains(out, "Base copiée") {
		t.Errorf("second migrate: %q", out)
	}
	if left := matches(temp); len(left) > 0 {
		t.Errorf("left beside the copy: %v", left)
	}
	if n := countApplications(t, target); n != 20000 {
		t.Fatalf("%d applications in the copy", n)
	}
}
