//go:build !windows

package cli

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/seed"
	"github.com/call-agglo/cohesion/data/sqlite"
)

// TestKilledImportIsAllOrNothing kills the CLI (SIGKILL, no chance to clean up)
// in the middle of a large import, many times, and checks that the base stays
// intact and holds each import whole or not at all.
func TestKilledImportIsAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and imports many times")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "cohesion-cli")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	c, _ := seed.DefaultCampaign()
	const lines = 8000
	file := filepath.Join(dir, "dossiers.csv")
	f, _ := os.Create(file)
	writeApplicationsCSV(f, c, demo.Generate(c, lines, 7))
	f.Close()
	db := filepath.Join(dir, "c.db")
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
	if err := sqlite.CheckFile(db); err != nil {
		t.Fatalf("base damaged after kills: %v", err)
	}
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if rep, err := store.VerifyAudit(ctx()); err != nil || !rep.Intact() {
		t.Fatalf("audit chain: %+v %v", rep, err)
	}
	t.Logf("%d imports cut, %d completed", killed, completed)
}

// countApplications opens the base as a new process would and counts the
// applications of the default campaign.
func countApplications(t *testing.T, db string) int {
	t.Helper()
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	camp, err := store.CampaignByCode(ctx(), "AMI2021")
	if err != nil {
		t.Fatal(err)
	}
	_, tot, err := store.ListApplications(ctx(), camp.ID, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tot.Count
}
