package gather_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/campaign"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

func TestInputAndExports(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, n, err := demo.Load(ctx, db)
	if err != nil || n != 30 {
		t.Fatalf("%d %v", n, err)
	}
	in, _, err := gather.Load(ctx, db, c, gather.Options{Now: time.Date(2021, 6, 20, 9, 0, 0, 0, data.Paris)})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Applications) != 30 || in.Ranking == nil || len(in.Jurors) != 4 || len(in.Conflicts) != 1 || in.Allocation != nil || in.JournalHead.ID == 0 {
		t.Fatalf("input: %d apps, ranking %v, %d jurors, %d conflicts, allocation %v, head %v", len(in.Applications), in.Ranking != nil, len(in.Jurors), len(in.Conflicts), in.Allocation, in.JournalHead)
	}
	if _, err := gather.ExportTable(ctx, db, c, "allocation", ""); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("allocation export without a scenario: %v", err)
	}
	v, _ := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{})
	res, _ := v.Split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	db.SaveScenario(ctx, c, "Rang", res, nil, v.Split.Fingerprint, false)
	db.AdoptScenario(ctx, c.ID, "Rang")
	in, _, _ = gather.Load(ctx, db, c, gather.Options{})
	if in.ScenarioName != "Rang" || in.ScenarioStale || in.Allocation.TotalCents != res.TotalCents || in.Allocation.Funded != res.Funded {
		t.Fatalf("scenario in the input: %s stale=%v %+v", in.ScenarioName, in.ScenarioStale, in.Allocation)
	}
	tab, err := gather.ExportTable(ctx, db, c, "allocation", "")
	if err != nil || len(tab.Rows) != len(res.Lines) {
		t.Fatalf("%d rows, %v", len(tab.Rows), err)
	}
	if _, err := gather.EncodeExport("x.pdf", "allocation", tab); err == nil {
		t.Fatal(".pdf accepted")
	}
	if b, err := gather.EncodeExport("x.csv", "allocation", tab); err != nil || !strings.HasPrefix(string(b), "\ufeff") {
		t.Fatalf("csv: %v", err)
	}
	if _, err := gather.ExportTable(ctx, db, c, "brochure", ""); err == nil {
		t.Fatal("unknown export accepted")
	}
}

// The structures' dossiers in the other campaigns are read for the jury
// dossier, which prints them, and when the document is not named; not for
// the others (issue 23: the annex reads no more than it prints).
func TestLoadReadsHistoryForTheJuryOnly(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, _, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for doc, want := range map[string]bool{"": true, "jury": true, "annex": false, "letters": false, "sheets": false} {
		in, _, err := gather.Load(ctx, db, c, gather.Options{Document: doc})
		if err != nil {
			t.Fatal(err)
		}
		if got := in.History != nil; got != want {
			t.Errorf("Document %q : historique lu %v, attendu %v", doc, got, want)
		}
	}
}

// The annex reads its dossiers from the register, not in full: the same
// file, byte for byte, as from the dossiers in full (issue 23).
func TestAnnexFromTheRegister(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, _, err := demo.Load(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := campaign.Load(ctx, db, c.ID, data.SnapshotOptions{})
	res, _ := v.Split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	db.SaveScenario(ctx, c, "Rang", res, nil, v.Split.Fingerprint, false)
	db.AdoptScenario(ctx, c.ID, "Rang")
	now := time.Date(2021, 6, 20, 9, 0, 0, 0, data.Paris)
	var files []string
	for _, doc := range []string{"", "annex"} {
		in, _, err := gather.Load(ctx, db, c, gather.Options{Now: now, Document: doc})
		if err != nil {
			t.Fatal(err)
		}
		d, err := reports.Build("annex", *in)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.Join(dir, "annexe"+doc+".pdf"))
		if err := reports.WriteFile(d, files[len(files)-1]); err != nil {
			t.Fatal(err)
		}
	}
	full, _ := os.ReadFile(files[0])
	brief, _ := os.ReadFile(files[1])
	if len(full) == 0 || !bytes.Equal(full, brief) {
		t.Fatalf("the annex from the register differs from the annex from the dossiers in full (%d and %d bytes)", len(full), len(brief))
	}
}
