package gather_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/demo"
	"github.com/call-agglo/cohesion/data/sqlite"
	"github.com/call-agglo/cohesion/reports"
	"github.com/call-agglo/cohesion/reports/gather"
)

// The jury dossier lists apart the dossiers still in instruction, never
// ranked silently: the synthesis counts them, names them, and their line in
// the ranking table says « À instruire ».
func TestJuryDossierListsDossiersToInstruct(t *testing.T) {
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
	ap, err := db.ApplicationByNumber(ctx, c.ID, "DEMO-004")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ChangeStatus(ctx, ap.ID, data.StatusRecu, "Pièces à revoir"); err != nil {
		t.Fatal(err)
	}
	in, v, err := gather.Load(ctx, db, c, gather.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range in.Ranking.Lines {
		if l.Number == "DEMO-004" {
			t.Fatalf("DEMO-004, still in instruction, is in the ranking (rank %d)", l.Rank)
		}
	}
	if len(v.Pending) != 1 {
		t.Fatalf("à instruire: %v", v.Pending)
	}
	d, err := reports.JuryDossier(*in)
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	for _, want := range []string{"Dossiers à instruire (non classés)", "À instruire : 1 dossier ni recevable ni irrecevable (DEMO-004)", "À instruire (Reçu)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the jury dossier lacks %q", want)
		}
	}
}
