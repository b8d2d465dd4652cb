//go:build !windows

package cli

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/cmd/backend"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// buildCLI builds the real executable once per test binary.
var buildCLI = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "cohesion-cli-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "cohesion-cli")
	out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput()
	if err != nil {
		return "", &buildError{string(out)}
	}
	return bin, nil
})

type buildError struct{ out string }

func (e *buildError) Error() string { return "build: " + e.out }

func cliBinary(t *testing.T) string {
	t.Helper()
	bin, err := buildCLI()
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// applicationsFile writes n generated applications as an import file.
func applicationsFile(t *testing.T, n int, seedValue uint64) string {
	c, _ := seed.DefaultCampaign()
	file := filepath.Join(t.TempDir(), "dossiers.csv")
	f, _ := os.Create(file)
	writeApplicationsCSV(f, c, demo.Generate(c, n, int64(seedValue)))
	f.Close()
	return file
}

// TestKilledImportIsAllOrNothing kills the CLI (SIGKILL, no chance to clean up)
// in the middle of a large import, many times, and checks that the base stays
// intact and holds each import whole or not at all, on both engines.
func TestKilledImportIsAllOrNothing(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	bin := cliBinary(t)
	const lines = 8000
	file := applicationsFile(t, lines, 7)
	eachBase(t, func(t *testing.T, db string) {
		if out, err := exec.Command(bin, "--db", db, "init").CombinedOutput(); err != nil {
			t.Fatalf("init: %v %s", err, out)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		// Each run is judged by what the base holds afterwards, not by how the
		// process ended: an import that committed just before the SIGKILL counts
		// as complete. Anything but a delta of 0 or of the whole file is a failure.
		before := countApplications(t, db)
		killed, completed := 0, 0
		for i := 0; i < 12; i++ {
			cmd := exec.Command(bin, "--db", db, "import", "applications", file)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("import %d failed on its own: %v", i, err)
				}
			case <-time.After(time.Duration(50+rng.IntN(2500)) * time.Millisecond):
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
			}
			after := countApplications(t, db)
			switch after - before {
			case 0:
				killed++
			case lines:
				completed++
			default:
				t.Fatalf("run %d left %d applications of a %d-line file: a partial import survived", i, after-before, lines)
			}
			before = after
		}
		if killed == 0 {
			t.Fatal("no import was cut before its commit: the test proves nothing")
		}
		if !backend.IsServer(db) {
			if err := sqlite.CheckFile(db); err != nil {
				t.Fatalf("base damaged after kills: %v", err)
			}
		}
		st := openBase(t, db)
		if rep, err := st.VerifyAudit(ctx()); err != nil || !rep.Intact() {
			t.Fatalf("audit chain: %+v %v", rep, err)
		}
		t.Logf("%d imports cut, %d completed", killed, completed)
	})
}

func openBase(t *testing.T, db string) data.Store {
	t.Helper()
	st, err := backend.Bases{}.Open(ctx(), db, data.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// countApplications opens the base as a new process would and counts the
// applications of the default campaign.
func countApplications(t *testing.T, db string) int {
	t.Helper()
	st, err := backend.Bases{}.Open(ctx(), db, data.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	camp, err := st.CampaignByCode(ctx(), "AMI2021")
	if err != nil {
		t.Fatal(err)
	}
	_, tot, err := st.ListApplications(ctx(), camp.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}

// Two processes importing into one campaign at once, on one base: neither
// loses the other's dossiers, and the journal stays one chain.
func TestTwoProcessesWriteAtOnce(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	bin := cliBinary(t)
	files := []string{applicationsFile(t, 1500, 11), applicationsFile(t, 1500, 12)}
	eachBase(t, func(t *testing.T, db string) {
		if out, err := exec.Command(bin, "--db", db, "init").CombinedOutput(); err != nil {
			t.Fatalf("init: %v %s", err, out)
		}
		var wg sync.WaitGroup
		outs := make([]string, 4)
		errs := make([]error, 4)
		for i := 0; i < 4; i++ { // each file twice: the numbers are the store's
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				out, err := exec.Command(bin, "--db", db, "import", "applications", files[i%2]).CombinedOutput()
				outs[i], errs[i] = string(out), err
			}(i)
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("import %d: %v %s", i, err, outs[i])
			}
		}
		if n := countApplications(t, db); n != 6000 {
			t.Fatalf("%d applications after four imports of 1 500", n)
		}
		if rep, err := openBase(t, db).VerifyAudit(ctx()); err != nil || !rep.Intact() {
			t.Fatalf("journal after concurrent imports: %+v %v", rep, err)
		}
	})
}

// A restore is refused while an import runs in another process: the import
// that reports success keeps its dossiers.
func TestRestoreRefusedDuringImport(t *testing.T) {
	t.Parallel() // it waits on processes of its own: such tests wait side by side
	bin := cliBinary(t)
	file := applicationsFile(t, 8000, 21)
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	backup := filepath.Join(t.TempDir(), "avant.db")
	runCLI(t, db, "backup", "-o", backup)
	cmd := exec.Command(bin, "--db", db, "import", "applications", file)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Restores are tried until one is refused while the import runs. One
	// that went through before the import opened the base is harmless (the
	// import follows it); one during the import would lose what it writes.
	refused := 0
	for running := true; running && refused == 0; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the import failed: %v", err)
			}
			running = false
		default:
			if code, _, errs := runCLI(t, db, "restore", backup); code != 0 && strings.Contains(errs, "ouverte par une autre fenêtre ou commande") {
				refused++
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if refused > 0 {
		if err := <-done; err != nil {
			t.Fatalf("the import failed: %v", err)
		}
	}
	if refused == 0 {
		t.Fatal("no restore was tried while the import held the base: the test proves nothing")
	}
	if n := countApplications(t, db); n != 8000 {
		t.Fatalf("%d applications after an import of 8 000 that reported success", n)
	}
}

// A backup cut by a full disk (here a file-size limit, which fails the same
// way) leaves no file named like a backup, and says so in French.
func TestBackupCutLeavesNothing(t *testing.T) {
	bin := cliBinary(t)
	db := filepath.Join(t.TempDir(), "c.db")
	runCLI(t, db, "init")
	if code, _, errs := runCLI(t, db, "import", "applications", applicationsFile(t, 3000, 5)); code != 0 {
		t.Fatal(errs)
	}
	dir := t.TempDir()
	dest := filepath.Join(dir, "sauvegarde.db")
	// 256 blocks of 512 bytes: far less than the base.
	out, err := exec.Command("sh", "-c", "ulimit -f 256; exec \"$0\" --db \"$1\" backup -o \"$2\"", bin, db, dest).CombinedOutput()
	if err == nil {
		t.Fatalf("a backup larger than the limit succeeded: %s", out)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
	if len(out) > 0 && (!strings.Contains(string(out), "disque est plein") || strings.Contains(string(out), "file too large")) {
		t.Errorf("message: %s", out)
	}
}
