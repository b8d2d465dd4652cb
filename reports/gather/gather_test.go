package gather_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/alloc"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/reports/gather"
)

func TestInputAndExports(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c, n, err := db.LoadDemo(ctx)
	if err != nil || n != 30 {
		t.Fatalf("%d %v", n, err)
	}
	in, err := gather.Input(ctx, db, c, gather.Options{Now: time.Date(2021, 6, 20, 9, 0, 0, 0, data.Paris)})
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Applications) != 30 || in.Ranking == nil || len(in.Jurors) != 4 || len(in.Conflicts) != 1 || in.Allocation != nil {
		t.Fatalf("input: %d apps, ranking %v, %d jurors, %d conflicts, allocation %v", len(in.Applications), in.Ranking != nil, len(in.Jurors), len(in.Conflicts), in.Allocation)
	}
	if _, err := gather.ExportTable(ctx, db, c, "allocation", ""); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("allocation export without a scenario: %v", err)
	}
	split, _ := db.SplitInput(ctx, c)
	res, _ := split.Compute(alloc.DefaultParams(c.EnvelopeCents), nil)
	db.SaveScenario(ctx, c, "Rang", res, nil, split.Fingerprint, false)
	db.AdoptScenario(ctx, c.ID, "Rang")
	in, _ = gather.Input(ctx, db, c, gather.Options{})
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

func TestFileName(t *testing.T) {
	if got := gather.FileName(`DEMO-001 Asso "Les/Petits" Pas: ok?.`); got != "DEMO-001 Asso _Les_Petits_ Pas_ ok_" {
		t.Fatalf("%q", got)
	}
}
