package importer_test

import (
	"bytes"
	"testing"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/export"
	"github.com/call-agglo/cohesion/data/importer"
	"github.com/call-agglo/cohesion/data/sheet"
)

// readBook writes a juror's workbook and reads its scores back as the
// import does.
func readBook(t *testing.T, c *data.Campaign, b export.JurorBook, lk importer.ScoreLookup) *importer.ScoresResult {
	t.Helper()
	var buf bytes.Buffer
	if err := export.WriteJurorBook(&buf, b); err != nil {
		t.Fatal(err)
	}
	tb, err := sheet.ReadWith("grille.xlsx", &buf, importer.ScoreSheets)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Sheet != data.JurorBookScoresSheet {
		t.Fatalf("read sheet %q", tb.Sheet)
	}
	return importer.Scores(c, tb, lk)
}

func bookCampaign(t *testing.T) (*data.Campaign, importer.ScoreLookup) {
	c := campaign(t)
	for i := range c.Criteria {
		c.Criteria[i].ID = int64(100 + i)
	}
	lk := importer.ScoreLookup{Applications: map[string]int64{"AMI2021-001": 1, "AMI2021-002": 2},
		Jurors: map[string]int64{data.FoldKey("Mme Durand"): 5}, Names: map[int64]string{5: "Mme Durand"}}
	return c, lk
}

func TestJurorBookScores(t *testing.T) {
	c, lk := bookCampaign(t)
	b := export.JurorBook{CampaignCode: c.Code, CampaignTitle: c.Title, Juror: data.Juror{ID: 5, Name: "Mme Durand"}, Criteria: c.Criteria,
		Dossiers: []export.JurorBookRow{
			{Number: "AMI2021-001", Structure: "=HYPERLINK(\"x\")", Title: "Vélo", Scores: map[int64]int{100: 4, 101: 3}},
			{Number: "AMI2021-002", Structure: "L'Étoile", Title: "Santé"},
		}}
	r := readBook(t, c, b, lk)
	if !r.OK() || len(r.Sheets) != 1 || r.Sheets[0].ApplicationID != 1 || len(r.Sheets[0].Scores) != 2 || r.Sheets[0].Scores[100] != 4 {
		t.Fatalf("pre-filled workbook read back:\n%s\n%+v", r.Report(), r.Sheets)
	}
	for _, w := range r.Warnings {
		if w != "1 grille incomplète : elle ne comptera pas tant que tous les critères ne seront pas notés." && w != "1 ligne sans aucune note ignorée." {
			t.Errorf("warning %q", w)
		}
	}
	// A juror who stepped aside from every dossier: nothing to score, no error.
	b.Deports, b.Dossiers = b.Dossiers, nil
	if r := readBook(t, c, b, lk); !r.OK() || len(r.Sheets) != 0 {
		t.Fatalf("workbook without dossiers:\n%s", r.Report())
	}
	if err := export.WriteJurorBook(&bytes.Buffer{}, export.JurorBook{Juror: b.Juror}); err == nil {
		t.Error("a workbook without criteria was written")
	}
}
